//! Every user-facing string, in one catalog per language: the console's (`console.rs`, with `en.json`, `ja.json`,
//! `ko.json`), the second module's, which loads with it (`panels.rs`, with `panels/*.json`), and the page's own few
//! words for a console that cannot start (`start.rs`, with `start/*.json`, carried by the page's first script).
//!
//! Each catalog's entries are declared once (`catalog!`). A catalog is read by position, and reading fails on a
//! missing entry, so a catalog that misses a string cannot be used (and the native tests fail). Adding a language
//! means adding its JSON files and a line in [`LOCALES`], never touching a component.
//!
//! The browser loads only the admin's language: the page fetches that one catalog beside the wasm
//! (`src/embed/start.js`), and the wasm holds none. Natively, the mock backend and the tests have all of them
//! ([`bundled`]), so that the mock's error messages are the console's own sentences, in the request's language.

#[macro_use]
mod declare;
mod console;
#[cfg(feature = "ui")]
mod js;
pub mod panels;
pub mod start;

#[cfg(not(target_arch = "wasm32"))]
pub use console::{bundled, catalog_json};
#[cfg(feature = "ui")]
pub use console::{from_js, loaded};
pub use console::{Strings, KEYS, SHAPES};

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

/// A catalog as written, natively: a JSON object read by the keys of its declaration.
#[cfg(not(target_arch = "wasm32"))]
#[doc(hidden)]
pub struct Keyed<'a> {
    pub value: &'a serde_json::Value,
    pub keys: &'static [&'static str],
}

#[cfg(not(target_arch = "wasm32"))]
impl CatalogSource for Keyed<'_> {
    fn entry(&self, index: usize, category: Option<&str>) -> Option<String> {
        let value = self.value.get(self.keys.get(index)?)?;
        let value = match category {
            Some(category) => value.get(category)?,
            None => value,
        };
        Some(value.as_str()?.to_owned())
    }
}

/// A catalog is read once per language and kept for the life of the page (or the mock's process).
fn keep(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

/// An entry's forms: a plain string has only `other`. Japanese and Korean counts have one form; English has `one`
/// and `other`.
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub struct Entry {
    one: Option<&'static str>,
    other: &'static str,
}

impl Entry {
    pub const EMPTY: Entry = Entry { one: None, other: "" };

    pub fn read(source: &impl CatalogSource, index: usize) -> Result<Self, MissingText> {
        if let Some(text) = source.entry(index, None) {
            return Ok(Self { one: None, other: keep(text) });
        }
        let other = source.entry(index, Some("other")).ok_or(MissingText(index))?;
        Ok(Self { one: source.entry(index, Some("one")).map(keep), other: keep(other) })
    }

    pub fn form(&self, language: &str, n: u64) -> &'static str {
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

#[cfg(test)]
mod tests;
