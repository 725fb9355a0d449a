//! A catalog as the browser parsed it: the JSON file the page fetched for the admin's language.

use std::cell::RefCell;

use wasm_bindgen::JsValue;

use super::{CatalogSource, MissingText, Strings, LOCALES};

thread_local! {
    /// Each language is read once per page, however often the admin switches to it.
    static READ: RefCell<Vec<&'static Strings>> = const { RefCell::new(Vec::new()) };
}

/// The catalog of `tag` from its parsed JSON; the same catalog again when it was read before.
pub fn from_js(tag: &str, catalog: &JsValue) -> Result<&'static Strings, MissingText> {
    let locale = LOCALES.iter().find(|l| l.tag == tag).map_or("en", |l| l.tag);
    if let Some(strings) = loaded(locale) {
        return Ok(strings);
    }
    let strings: &'static Strings = Box::leak(Box::new(Strings::read(locale, catalog)?));
    READ.with_borrow_mut(|read| read.push(strings));
    Ok(strings)
}

/// The catalog of `tag`, if the page has read it already.
pub fn loaded(tag: &str) -> Option<&'static Strings> {
    READ.with_borrow(|read| read.iter().copied().find(|s| s.locale == tag))
}

/// The catalog file the page fetched: a JSON array of the entries in the declared order (tests/tools/post-build.mjs
/// writes it from the keyed JSON), each a string or an object of plural forms.
impl CatalogSource for JsValue {
    fn entry(&self, index: usize, category: Option<&str>) -> Option<String> {
        let value = js_sys::Reflect::get_u32(self, u32::try_from(index).ok()?).ok()?;
        match category {
            Some(category) => js_sys::Reflect::get(&value, &JsValue::from_str(category)).ok()?.as_string(),
            None => value.as_string(),
        }
    }
}
