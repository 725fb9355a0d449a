use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Node, ShadowRoot};

/// The focused element, looked up in the tree that holds `node`: embedded in `<mdm-sync-settings>`, the console lives
/// in a shadow root, where the document only knows that the element itself has the focus.
pub fn active_element_near(node: &Node) -> Option<Element> {
    let root = node.get_root_node();
    match root.dyn_ref::<ShadowRoot>() {
        Some(shadow) => shadow.active_element(),
        None => root.dyn_ref::<Document>()?.active_element(),
    }
}

/// The element with `id` in the tree that holds `node` (ids are scoped to a shadow root).
pub fn element_by_id_near(node: &Node, id: &str) -> Option<Element> {
    let root = node.get_root_node();
    match root.dyn_ref::<ShadowRoot>() {
        Some(shadow) => shadow.get_element_by_id(id),
        None => root.dyn_ref::<Document>()?.get_element_by_id(id),
    }
}
