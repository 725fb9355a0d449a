//! The admin's language in the page: loading another catalog, remembering the choice, and telling the document.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::i18n::{self, Strings};

/// Where the standalone page remembers the language menu's choice (never anything secret).
const REMEMBERED: &str = "mdm-sync:locale";

/// The catalog of language `tag`, fetched by the page's own loader (`window.__mdmSyncBoot.loadCatalog`, which
/// knows each catalog's file and integrity hash); `None` when it cannot be loaded.
pub async fn catalog_for(tag: &'static str) -> Option<&'static Strings> {
    if let Some(strings) = i18n::loaded(tag) {
        return Some(strings);
    }
    let window: JsValue = web_sys::window()?.into();
    let boot = js_sys::Reflect::get(&window, &"__mdmSyncBoot".into()).ok()?;
    let load = js_sys::Reflect::get(&boot, &"loadCatalog".into()).ok()?.dyn_into::<js_sys::Function>().ok()?;
    let promise = load.call1(&boot, &tag.into()).ok()?.dyn_into::<js_sys::Promise>().ok()?;
    let catalog = JsFuture::from(promise).await.ok()?;
    i18n::from_js(tag, &catalog).ok()
}

/// Remembers the standalone console's language for the next visit; a browser that refuses storage forgets it.
pub fn remember_locale(tag: &str) {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = storage.set_item(REMEMBERED, tag);
    }
}

/// The document says which language it is in (screen readers' voices, fonts, line breaking) and describes itself
/// in it.
pub fn show_language(t: &Strings) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute("lang", t.locale);
    }
    if let Ok(Some(description)) = document.query_selector("meta[name=description]") {
        let _ = description.set_attribute("content", t.document_description());
    }
}

/// The standalone page's title: the current page and the product, in the admin's language.
pub fn show_title(t: &Strings, page: &str) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(&t.document_title(page));
    }
}

/// After the console was rendered again in another language, the focus goes back to the language menu's button,
/// or, on a phone where the drawer that held it has closed, to the button that opens the drawer.
pub fn focus_language_menu() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    for id in ["mdm-language-button", "mdm-menu-button"] {
        let shown = document.get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(control) = shown.filter(|c| c.offset_parent().is_some()) {
            let _ = control.focus();
            return;
        }
    }
}
