//! A catalog as the browser parsed it: the array the page fetched for the admin's language.

use wasm_bindgen::JsValue;

use super::CatalogSource;

/// The catalog file the page fetched: a JSON array of the entries in the declared order (build/post-build.mjs
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
