//! Every user-facing string, in one catalog per language.
//!
//! A language is one `Strings` value: the compiler refuses a catalog that misses a string, and adding a language
//! means adding a file here and a line in [`for_locale`], never touching a component.
//! Shared with the mock backend, so that its error messages are the console's own.

mod en;

use crate::domain::api::AuditAction;
use crate::domain::change::Consequence;
use crate::domain::key::KeyError;
pub use en::EN;

/// A message that needs values filled in.
pub type Format1 = fn(&str) -> String;
/// A count: the number, for choosing the plural form, and the same number as the admin's locale writes it
/// (`1,024`, `1.024`, …), which the browser formats.
pub type Count = fn(u64, &str) -> String;

pub struct Strings {
    pub locale: &'static str,
    pub product: &'static str,
    pub skip_to_content: &'static str,
    pub nav_label: &'static str,
    pub nav_security: &'static str,
    pub nav_mobile_security: &'static str,
    pub menu: &'static str,

    pub loading: &'static str,
    pub retry: &'static str,
    pub load_failed: &'static str,

    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub not_found_link: &'static str,

    pub mobile_security_title: &'static str,
    pub mobile_security_intro: &'static str,
    pub lineworks_mdm_title: &'static str,
    pub lineworks_mdm_on: &'static str,
    pub lineworks_mdm_off: &'static str,
    pub exception_settings: Count,
    pub members: Count,
    pub advanced: &'static str,
    pub mdm_sync_title: &'static str,
    pub mdm_sync_summary: &'static str,
    pub in_use: &'static str,
    pub not_in_use: &'static str,
    pub manage: &'static str,
    pub restricted_to_domain: &'static str,

    pub settings_back: &'static str,
    pub save: &'static str,
    pub saving: &'static str,
    pub switch_description: &'static str,
    pub restrict_label: &'static str,
    pub restrict_help: [&'static str; 3],
    pub key_value: &'static str,
    pub key_auto: &'static str,
    pub key_custom: &'static str,
    pub key_not_issued: &'static str,
    pub reissue: &'static str,
    pub show_key: &'static str,
    pub copy_key: &'static str,
    pub copied: &'static str,
    pub copy_refused: &'static str,
    pub app_config_title: &'static str,
    pub app_config_intro: &'static str,
    pub config_key: &'static str,
    pub value_type: &'static str,
    pub key_value_column: &'static str,
    pub copy_named: Format1,
    pub copy_app_config_key: &'static str,
    pub how_sync_works: &'static str,
    pub sync_steps: [&'static str; 4],
    pub last_updated: fn(&str, &str) -> String,
    pub plan_not_eligible_notice: &'static str,
    pub random_failed: &'static str,

    pub ok: &'static str,
    pub cancel: &'static str,
    pub apply: &'static str,
    pub precautions_title: &'static str,
    pub precautions: Precautions,
    pub confirm_title: &'static str,
    pub confirm_intro: &'static str,
    pub consequences: ConsequenceMessages,
    pub saved: &'static str,
    pub save_failed: &'static str,
    pub signing_out_until: Format1,
    pub leave_unsaved: &'static str,
    /// Who, when, and what they changed (audit action names, joined).
    pub conflict: fn(&str, &str, &str) -> String,
    pub conflict_unknown: &'static str,
    pub reload: &'static str,
    pub keep_my_changes: &'static str,
    pub reload_discards: &'static str,
    pub activity_title: &'static str,
    pub activity_empty: &'static str,
    pub activity_when: &'static str,
    pub activity_who: &'static str,
    pub activity_what: &'static str,
    pub activity_fingerprint: &'static str,
    pub audit_actions: AuditActionNames,

    pub key_errors: KeyMessages,
    pub api_errors: ApiMessages,
}

pub struct Precautions {
    pub sign_out: &'static str,
    pub exceptions_deleted: Count,
    pub exceptions_none: &'static str,
    pub managed_app_config: &'static str,
    pub android_enterprise: &'static str,
    pub not_with_lineworks_mdm: &'static str,
}

pub struct ConsequenceMessages {
    /// Members, and the local time by which they are all signed out.
    pub members_signed_out: fn(u64, &str, &str) -> String,
    pub exceptions_deleted: Count,
    pub lineworks_mdm_off: &'static str,
    pub other_domains_signed_out: &'static str,
    pub update_app_config: &'static str,
    pub config_stays_on_devices: &'static str,
}

pub struct AuditActionNames {
    pub enabled: &'static str,
    pub disabled: &'static str,
    pub key_reissued: &'static str,
    pub key_changed: &'static str,
    pub restrict_on: &'static str,
    pub restrict_off: &'static str,
}

pub struct KeyMessages {
    pub empty: &'static str,
    pub too_short: fn(usize) -> String,
    pub too_long: fn(usize) -> String,
    pub leading_whitespace: &'static str,
    pub trailing_whitespace: &'static str,
    pub inner_whitespace: fn(usize) -> String,
    pub control: fn(usize, u32) -> String,
    pub non_ascii: fn(usize, char) -> String,
    pub too_few_distinct: fn(usize) -> String,
}

/// What the admin reads for each error `code` of the contract, and for failures that never reached the server.
pub struct ApiMessages {
    pub network: &'static str,
    pub timeout: &'static str,
    pub malformed_response: &'static str,
    pub unauthorized: &'static str,
    pub csrf_failed: &'static str,
    pub plan_not_eligible: &'static str,
    pub precondition_required: &'static str,
    pub precondition_failed: &'static str,
    pub idempotency_key_reused: &'static str,
    pub idempotency_key_required: &'static str,
    pub method_not_allowed: &'static str,
    pub payload_too_large: &'static str,
    pub bad_request: &'static str,
    pub malformed_json: &'static str,
    pub key_required: &'static str,
    pub key_in_use: &'static str,
    pub rate_limited: &'static str,
    pub unavailable: &'static str,
    pub not_found: &'static str,
    pub server: &'static str,
}

impl Strings {
    pub fn audit_action(&self, action: AuditAction) -> &'static str {
        let names = &self.audit_actions;
        match action {
            AuditAction::Enabled => names.enabled,
            AuditAction::Disabled => names.disabled,
            AuditAction::KeyReissued => names.key_reissued,
            AuditAction::KeyChanged => names.key_changed,
            AuditAction::RestrictOn => names.restrict_on,
            AuditAction::RestrictOff => names.restrict_off,
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
        let m = &self.consequences;
        match *consequence {
            Consequence::MembersSignedOut { members, by_unix } => {
                let members = u64::from(members);
                (m.members_signed_out)(members, &number(members), &local_time(by_unix))
            }
            Consequence::ExceptionsDeleted { count } => {
                (m.exceptions_deleted)(u64::from(count), &number(u64::from(count)))
            }
            Consequence::LineworksMdmTurnedOff => m.lineworks_mdm_off.to_owned(),
            Consequence::OtherDomainsSignedOut => m.other_domains_signed_out.to_owned(),
            Consequence::UpdateAppConfiguration => m.update_app_config.to_owned(),
            Consequence::AppConfigurationStaysOnDevices => m.config_stays_on_devices.to_owned(),
        }
    }

    pub fn key_error(&self, error: &KeyError) -> String {
        let m = &self.key_errors;
        match *error {
            KeyError::Empty => m.empty.to_owned(),
            KeyError::TooShort { len } => (m.too_short)(len),
            KeyError::TooLong { len } => (m.too_long)(len),
            KeyError::LeadingWhitespace => m.leading_whitespace.to_owned(),
            KeyError::TrailingWhitespace => m.trailing_whitespace.to_owned(),
            KeyError::InnerWhitespace { position } => (m.inner_whitespace)(position),
            KeyError::ControlCharacter { position, code_point } => (m.control)(position, code_point),
            KeyError::NonAscii { position, character } => (m.non_ascii)(position, character),
            KeyError::TooFewDistinct { distinct } => (m.too_few_distinct)(distinct),
        }
    }

    /// The sentence for an error code of the contract; `None` for a code this catalog does not know.
    pub fn api_error(&self, code: &str) -> Option<&'static str> {
        let m = &self.api_errors;
        Some(match code {
            "network" => m.network,
            "timeout" => m.timeout,
            "malformed_response" => m.malformed_response,
            "unauthorized" => m.unauthorized,
            "csrf_failed" => m.csrf_failed,
            "plan_not_eligible" => m.plan_not_eligible,
            "precondition_required" => m.precondition_required,
            "precondition_failed" => m.precondition_failed,
            "idempotency_key_reused" => m.idempotency_key_reused,
            "idempotency_key_required" => m.idempotency_key_required,
            "method_not_allowed" => m.method_not_allowed,
            "payload_too_large" => m.payload_too_large,
            "bad_request" => m.bad_request,
            "malformed_json" => m.malformed_json,
            "key_required" => m.key_required,
            "key_in_use" => m.key_in_use,
            "rate_limited" => m.rate_limited,
            "unavailable" => m.unavailable,
            "not_found" => m.not_found,
            "server_error" => m.server,
            _ => return None,
        })
    }
}

/// The catalog for a BCP 47 tag such as `en-US`; English when none matches.
pub fn for_locale(tag: &str) -> &'static Strings {
    // One arm per language; English is the only one so far.
    let _language = tag.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
    &EN
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::key::validate_key;

    #[test]
    fn key_messages_name_the_problem() {
        let message = |v: &str| EN.key_error(&validate_key(v).unwrap_err());
        assert!(message("abcdefghijklmno").contains("15"));
        assert!(message(&"a1".repeat(65)).contains("130"));
        assert!(message("abcdefghＡijklmnop").contains("Ａ") && message("abcdefghＡijklmnop").contains("9"));
        assert!(message("abcdefghijklmnop ").to_lowercase().contains("ends with"));
        assert!(message("aaaaaaaaaaaaaaaa").contains('6'));
    }

    #[test]
    fn every_contract_code_has_a_sentence() {
        for code in ["csrf_failed", "plan_not_eligible", "precondition_required", "precondition_failed",
            "idempotency_key_reused", "malformed_json", "key_required", "key_in_use", "unauthorized"] {
            assert!(EN.api_error(code).is_some_and(|s| s.ends_with('.')), "{code}");
        }
        assert_eq!(EN.api_error("nonsense"), None);
    }

    #[test]
    fn unknown_locales_fall_back_to_english() {
        assert_eq!(for_locale("xx-YY").locale, "en");
        assert_eq!(for_locale("en-GB").locale, "en");
    }
}
