use wasm_bindgen::JsCast;
use web_sys::{Element, FocusEvent, HtmlElement};

use super::active_element_near;

/// Listens for `focusout` on an area of the console (`on:focusout`): when the focused control disappears or is
/// disabled under the admin's hands (an alert's Retry once it worked, a dialog's button once it closed, the load's
/// Retry once the screen came), the browser leaves the focus on `body`, and a keyboard or screen reader user would
/// start again from the top of the page. The focus goes to the settings screen's Save button instead, which never
/// leaves the screen, or else to the page's heading.
/// A click on an empty part of the page also leaves the focus nowhere, but on a control that is still there: that
/// choice of the admin's is left alone.
pub fn keep_focus(event: FocusEvent) {
    if event.related_target().is_some() {
        return;
    }
    let (Some(left), Some(area)) = (
        event.target().and_then(|t| t.dyn_into::<Element>().ok()),
        event.current_target().and_then(|t| t.dyn_into::<Element>().ok()),
    ) else {
        return;
    };
    // After the render that removed the control, and after a dialog gave the focus back to its opener.
    leptos::prelude::request_animation_frame(move || {
        let lost = active_element_near(&area).is_none_or(|active| active.local_name() == "body");
        let gone = !left.is_connected()
            || left.matches(":disabled, [hidden], [hidden] *, dialog:not([open]) *").unwrap_or(false);
        if !(lost && gone) {
            return;
        }
        let home = area.query_selector(".mdm-settings__bar > button").ok().flatten();
        let home = home.or_else(|| area.query_selector("h1").ok().flatten());
        if let Some(home) = home.and_then(|h| h.dyn_into::<HtmlElement>().ok()) {
            let _ = home.focus();
        }
    });
}
