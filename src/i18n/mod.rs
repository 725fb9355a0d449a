//! Every user-facing string, in one catalog per language: `en.json`, `ja.json`, `ko.json` beside this file.
//!
//! The keys are declared once, below. A catalog is read into [`Strings`] by key, and reading fails on a missing key,
//! so a catalog that misses a string cannot be used (and the native tests fail). Adding a language means adding its
//! JSON file and a line in [`LOCALES`], never touching a component.
//!
//! The browser loads only the admin's language: the page fetches that one catalog beside the wasm
//! (`src/embed/start.js`), and the wasm holds none. Natively, the mock backend and the tests have all of them
//! ([`bundled`]), so that the mock's error messages are the console's own sentences, in the request's language.

#[cfg(feature = "ui")]
mod js;

#[cfg(feature = "ui")]
pub use js::{from_js, loaded};

use crate::domain::api::AuditAction;
use crate::domain::change::Consequence;
use crate::domain::key::KeyError;

/// A language of the console: its tag and its name in itself, as the language menu lists it.
pub struct Locale {
    pub tag: &'static str,
    pub name: &'static str,
}

/// The console's languages; English first, as the fallback.
pub const LOCALES: &[Locale] = &[
    Locale { tag: "en", name: "English" },
    Locale { tag: "ja", name: "日本語" },
    Locale { tag: "ko", name: "한국어" },
];

/// The console's language for a BCP 47 tag (`ja-JP` → `ja`), if it has one.
pub fn supported(tag: &str) -> Option<&'static str> {
    let language = tag.split(['-', '_']).next().unwrap_or_default();
    LOCALES.iter().find(|l| l.tag.eq_ignore_ascii_case(language)).map(|l| l.tag)
}

/// The console's language that an `Accept-Language` header prefers most (`ja-JP,ja;q=0.9,en;q=0.8` → `ja`), by
/// quality and then by order; English when it names none of them.
pub fn negotiate(accept_language: &str) -> &'static str {
    let mut best: Option<(f32, &'static str)> = None;
    for range in accept_language.split(',') {
        let mut parts = range.split(';').map(str::trim);
        let tag = parts.next().unwrap_or_default();
        let quality = parts
            .find_map(|p| p.strip_prefix("q="))
            .map_or(Some(1.0), |q| q.parse::<f32>().ok().filter(|q| (0.0..=1.0).contains(q)));
        if let (Some(language), Some(quality)) = (supported(tag), quality) {
            if quality > 0.0 && best.is_none_or(|(q, _)| quality > q) {
                best = Some((quality, language));
            }
        }
    }
    best.map_or(LOCALES[0].tag, |(_, language)| language)
}

/// The entry at this position of the declared order (`KEYS`) is missing, or has the wrong shape.
#[derive(Debug, PartialEq, Eq)]
pub struct MissingText(pub usize);

/// Where a catalog's entries come from. Natively, the JSON files as written, by key; in the browser, the file the
/// page fetched, which the post-build hook wrote as an array in the declared order (no key names in the wasm).
pub trait CatalogSource {
    /// The string of entry `index`, or of its plural form `category` (`one`, `other`) when it is a count.
    fn entry(&self, index: usize, category: Option<&str>) -> Option<String>;
}

/// A catalog is read once per language and kept for the life of the page (or the mock's process).
fn keep(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

/// An entry's forms: a plain string has only `other`. Japanese and Korean counts have one form; English has `one`
/// and `other`.
#[derive(Clone, Copy, Debug)]
struct Entry {
    one: Option<&'static str>,
    other: &'static str,
}

impl Entry {
    fn read(source: &impl CatalogSource, index: usize) -> Result<Self, MissingText> {
        if let Some(text) = source.entry(index, None) {
            return Ok(Self { one: None, other: keep(text) });
        }
        let other = source.entry(index, Some("other")).ok_or(MissingText(index))?;
        Ok(Self { one: source.entry(index, Some("one")).map(keep), other: keep(other) })
    }

    fn form(&self, language: &str, n: u64) -> &'static str {
        match plural_category(language, n) {
            PluralCategory::One => self.one.unwrap_or(self.other),
            PluralCategory::Other => self.other,
        }
    }
}

/// The CLDR plural categories the console's languages use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PluralCategory {
    One,
    Other,
}

/// CLDR's rule for whole numbers: English says "1 member" and "2 members"; Japanese and Korean have no plural.
pub fn plural_category(language: &str, n: u64) -> PluralCategory {
    match language {
        "en" if n == 1 => PluralCategory::One,
        _ => PluralCategory::Other,
    }
}

/// The plural categories a language's catalog must have for each count, and no others.
pub fn plural_categories(language: &str) -> &'static [&'static str] {
    match language {
        "en" => &["one", "other"],
        _ => &["other"],
    }
}

/// `template` with each `{name}` replaced by its value. A placeholder without a value is left as it is.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    // `split_once` rather than indexing: no slicing that could panic, so no panic message in the wasm.
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some((before, after)) = rest.split_once('{') {
        out.push_str(before);
        let filled = after.split_once('}').and_then(|(name, tail)| {
            let (_, value) = values.iter().find(|(known, _)| *known == name)?;
            Some((value, tail))
        });
        match filled {
            Some((value, tail)) => {
                out.push_str(value);
                rest = tail;
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// What an entry is: a plain string, a message with values to fill in, or a count with its plural forms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Text,
    Template,
    Count,
}

macro_rules! catalog {
    (@method text $name:ident) => {
        pub fn $name(&self) -> &'static str {
            self.entries[Key::$name as usize].other
        }
    };
    (@method template $name:ident ($($arg:ident),*)) => {
        pub fn $name(&self, $($arg: &str),*) -> String {
            fill(self.entries[Key::$name as usize].other, &[$((stringify!($arg), $arg)),*])
        }
    };
    (@method count $name:ident ($($arg:ident),*)) => {
        pub fn $name(&self, n: u64, written: &str, $($arg: &str),*) -> String {
            let form = self.entries[Key::$name as usize].form(self.locale, n);
            fill(form, &[("n", written), $((stringify!($arg), $arg)),*])
        }
    };
    (@kind text) => { Kind::Text };
    (@kind template) => { Kind::Template };
    (@kind count) => { Kind::Count };
    (@placeholders count ($($arg:ident),*)) => { &["n", $(stringify!($arg)),*] };
    (@placeholders $kind:ident $(($($arg:ident),*))?) => { &[$($(stringify!($arg)),*)?] };
    ($($kind:ident $name:ident $(($($arg:ident),*))?,)*) => {
        #[allow(non_camel_case_types, clippy::enum_variant_names)]
        #[derive(Clone, Copy)]
        enum Key { $($name,)* }

        /// Every entry's key, in the declared order: the order of `en.json`, and of the array files the browser
        /// loads.
        pub const KEYS: &[&str] = &[$(stringify!($name),)*];

        /// Every entry's kind and placeholders (a count's number is `{n}`), in the declared order.
        pub const SHAPES: &[(Kind, &[&str])] = &[$((catalog!(@kind $kind), catalog!(@placeholders $kind $(($($arg),*))?)),)*];

        /// One language's strings. A plain string is a method without arguments; a message with values to fill in
        /// takes them by name; a count takes the number and the number as the admin's locale writes it.
        pub struct Strings {
            pub locale: &'static str,
            entries: [Entry; KEYS.len()],
        }

        impl Strings {
            /// Reads every entry of the catalog; the first one missing is the error.
            pub fn read(locale: &'static str, source: &impl CatalogSource) -> Result<Self, MissingText> {
                let mut entries = [Entry { one: None, other: "" }; KEYS.len()];
                for (index, entry) in entries.iter_mut().enumerate() {
                    *entry = Entry::read(source, index)?;
                }
                Ok(Self { locale, entries })
            }

            $(catalog!(@method $kind $name $(($($arg),*))?);)*
        }
    };
}

catalog! {
    text product,
    template document_title(page),
    text document_description,
    text skip_to_content,
    text nav_label,
    text nav_security,
    text nav_mobile_security,
    text menu,
    text language,
    text loading,
    text retry,
    text load_failed,
    text not_found_title,
    text not_found_body,
    text not_found_link,
    text mobile_security_title,
    text mobile_security_intro,
    text lineworks_mdm_title,
    text lineworks_mdm_on,
    text lineworks_mdm_off,
    count exception_settings(),
    count members(),
    text advanced,
    text mdm_sync_title,
    text mdm_sync_summary,
    text in_use,
    text not_in_use,
    text manage,
    text restricted_to_domain,
    text settings_back,
    text save,
    text saving,
    text switch_description,
    text restrict_label,
    text restrict_help_1,
    text restrict_help_2,
    text restrict_help_3,
    text key_value,
    text key_auto,
    text key_custom,
    text key_not_issued,
    text reissue,
    text show_key,
    text copy_key,
    text copied,
    text copy_refused,
    text app_config_title,
    text app_config_intro,
    text config_key,
    text value_type,
    text key_value_column,
    template copy_named(name),
    text copy_app_config_key,
    text how_sync_works,
    text sync_step_1,
    text sync_step_2,
    text sync_step_3,
    text sync_step_4,
    template last_updated(when, who),
    text plan_not_eligible_notice,
    text random_failed,
    text ok,
    text cancel,
    text apply,
    text precautions_title,
    text precaution_sign_out,
    count precaution_exceptions_deleted(),
    text precaution_exceptions_none,
    text precaution_managed_app_config,
    text precaution_android_enterprise,
    text precaution_not_with_lineworks_mdm,
    text confirm_title,
    text confirm_intro,
    count consequence_members_signed_out(by),
    count consequence_exceptions_deleted(),
    text consequence_lineworks_mdm_off,
    text consequence_other_domains_signed_out,
    text consequence_update_app_config,
    text consequence_config_stays_on_devices,
    text saved,
    text save_failed,
    template signing_out_until(by),
    text leave_unsaved,
    template conflict(who, when, what),
    text list_separator,
    text conflict_unknown,
    text reload,
    text keep_my_changes,
    text reload_discards,
    text activity_title,
    text activity_empty,
    text activity_when,
    text activity_who,
    text activity_what,
    text activity_fingerprint,
    text audit_enabled,
    text audit_disabled,
    text audit_key_reissued,
    text audit_key_changed,
    text audit_restrict_on,
    text audit_restrict_off,
    text key_error_empty,
    template key_error_too_short(length),
    template key_error_too_long(length),
    text key_error_leading_whitespace,
    text key_error_trailing_whitespace,
    template key_error_inner_whitespace(position),
    template key_error_control(code, position),
    template key_error_non_ascii(character, code, position),
    template key_error_too_few_distinct(distinct),
    text api_error_network,
    text api_error_timeout,
    text api_error_malformed_response,
    text api_error_unauthorized,
    text api_error_csrf_failed,
    text api_error_plan_not_eligible,
    text api_error_precondition_required,
    text api_error_precondition_failed,
    text api_error_idempotency_key_reused,
    text api_error_idempotency_key_required,
    text api_error_method_not_allowed,
    text api_error_payload_too_large,
    text api_error_bad_request,
    text api_error_malformed_json,
    text api_error_key_required,
    text api_error_key_in_use,
    text api_error_rate_limited,
    text api_error_unavailable,
    text api_error_not_found,
    text api_error_server_error,
}

impl Strings {
    pub fn audit_action(&self, action: AuditAction) -> &'static str {
        match action {
            AuditAction::Enabled => self.audit_enabled(),
            AuditAction::Disabled => self.audit_disabled(),
            AuditAction::KeyReissued => self.audit_key_reissued(),
            AuditAction::KeyChanged => self.audit_key_changed(),
            AuditAction::RestrictOn => self.audit_restrict_on(),
            AuditAction::RestrictOff => self.audit_restrict_off(),
        }
    }

    /// One line of the confirmation; `local_time` renders an instant in the admin's own time zone, and `number` a
    /// count in the admin's locale.
    pub fn consequence(
        &self,
        consequence: &Consequence,
        local_time: impl Fn(i64) -> String,
        number: impl Fn(u64) -> String,
    ) -> String {
        match *consequence {
            Consequence::MembersSignedOut { members, by_unix } => {
                let members = u64::from(members);
                self.consequence_members_signed_out(members, &number(members), &local_time(by_unix))
            }
            Consequence::ExceptionsDeleted { count } => {
                self.consequence_exceptions_deleted(u64::from(count), &number(u64::from(count)))
            }
            Consequence::LineworksMdmTurnedOff => self.consequence_lineworks_mdm_off().to_owned(),
            Consequence::OtherDomainsSignedOut => self.consequence_other_domains_signed_out().to_owned(),
            Consequence::UpdateAppConfiguration => self.consequence_update_app_config().to_owned(),
            Consequence::AppConfigurationStaysOnDevices => self.consequence_config_stays_on_devices().to_owned(),
        }
    }

    pub fn key_error(&self, error: &KeyError) -> String {
        let code = |point: u32| format!("U+{point:04X}");
        match *error {
            KeyError::Empty => self.key_error_empty().to_owned(),
            KeyError::TooShort { len } => self.key_error_too_short(&len.to_string()),
            KeyError::TooLong { len } => self.key_error_too_long(&len.to_string()),
            KeyError::LeadingWhitespace => self.key_error_leading_whitespace().to_owned(),
            KeyError::TrailingWhitespace => self.key_error_trailing_whitespace().to_owned(),
            KeyError::InnerWhitespace { position } => self.key_error_inner_whitespace(&position.to_string()),
            KeyError::ControlCharacter { position, code_point } => {
                self.key_error_control(&code(code_point), &position.to_string())
            }
            KeyError::NonAscii { position, character } => {
                self.key_error_non_ascii(&character.to_string(), &code(u32::from(character)), &position.to_string())
            }
            KeyError::TooFewDistinct { distinct } => self.key_error_too_few_distinct(&distinct.to_string()),
        }
    }

    /// The sentence for an error code of the contract; `None` for a code this catalog does not know.
    pub fn api_error(&self, code: &str) -> Option<&'static str> {
        Some(match code {
            "network" => self.api_error_network(),
            "timeout" => self.api_error_timeout(),
            "malformed_response" => self.api_error_malformed_response(),
            "unauthorized" => self.api_error_unauthorized(),
            "csrf_failed" => self.api_error_csrf_failed(),
            "plan_not_eligible" => self.api_error_plan_not_eligible(),
            "precondition_required" => self.api_error_precondition_required(),
            "precondition_failed" => self.api_error_precondition_failed(),
            "idempotency_key_reused" => self.api_error_idempotency_key_reused(),
            "idempotency_key_required" => self.api_error_idempotency_key_required(),
            "method_not_allowed" => self.api_error_method_not_allowed(),
            "payload_too_large" => self.api_error_payload_too_large(),
            "bad_request" => self.api_error_bad_request(),
            "malformed_json" => self.api_error_malformed_json(),
            "key_required" => self.api_error_key_required(),
            "key_in_use" => self.api_error_key_in_use(),
            "rate_limited" => self.api_error_rate_limited(),
            "unavailable" => self.api_error_unavailable(),
            "not_found" => self.api_error_not_found(),
            "server_error" => self.api_error_server_error(),
            _ => return None,
        })
    }
}

#[cfg(not(target_arch = "wasm32"))]
pub use bundled::{bundled, catalog_json};

/// Every catalog compiled in, for the native side: the mock backend's messages and the tests. Never in the wasm.
#[cfg(not(target_arch = "wasm32"))]
mod bundled {
    use std::sync::OnceLock;

    use super::{CatalogSource, Strings, LOCALES};

    /// The JSON text of a language's catalog.
    pub fn catalog_json(tag: &str) -> Option<&'static str> {
        Some(match tag {
            "en" => include_str!("en.json"),
            "ja" => include_str!("ja.json"),
            "ko" => include_str!("ko.json"),
            _ => return None,
        })
    }

    /// The catalog of a language of [`LOCALES`]; English for any other tag.
    pub fn bundled(tag: &str) -> &'static Strings {
        static READ: [OnceLock<Strings>; LOCALES.len()] = [const { OnceLock::new() }; LOCALES.len()];
        let index = LOCALES.iter().position(|l| Some(l.tag) == super::supported(tag)).unwrap_or(0);
        READ[index].get_or_init(|| {
            let locale = LOCALES[index].tag;
            let json = catalog_json(locale).expect("every language has a catalog");
            let value: serde_json::Value = serde_json::from_str(json).expect("catalogs are JSON");
            Strings::read(locale, &value).expect("catalogs are complete (tested)")
        })
    }

    /// A catalog as written: a JSON object, by key.
    impl CatalogSource for serde_json::Value {
        fn entry(&self, index: usize, category: Option<&str>) -> Option<String> {
            let value = self.get(super::KEYS.get(index)?)?;
            let value = match category {
                Some(category) => value.get(category)?,
                None => value,
            };
            Some(value.as_str()?.to_owned())
        }
    }
}

#[cfg(test)]
mod tests;
