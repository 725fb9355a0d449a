use leptos::{html, prelude::*};

use crate::context::use_strings;
use crate::platform::{copy_text, element_by_id_near};

/// Copies a value and says so in a live region. When the browser refuses, it says that instead and selects the
/// element `fallback_select` (an input, or any element's text), so that the admin can copy by hand.
#[component]
pub fn CopyButton(
    /// The accessible name, for example "Copy key value".
    label: String,
    #[prop(into)] value: Signal<Option<String>>,
    /// The id of the element to select when copying is refused.
    fallback_select: &'static str,
    /// Called when copying is refused, before the selection: a masked key must be shown to be copied by hand.
    #[prop(optional)]
    on_refused: Option<Callback<()>>,
) -> impl IntoView {
    let t = use_strings();
    let feedback = RwSignal::new(None::<&'static str>);
    let button = NodeRef::<html::Button>::new();
    let copy = move |_| {
        let Some(text) = value.get_untracked() else { return };
        leptos::task::spawn_local(async move {
            if copy_text(&text).await {
                feedback.set(Some(t.copied()));
            } else {
                feedback.set(Some(t.copy_refused()));
                if let Some(reveal) = on_refused {
                    reveal.run(());
                }
                request_animation_frame(move || {
                    if let Some(button) = button.try_get_untracked().flatten() {
                        select(&button, fallback_select);
                    }
                });
            }
        });
    };
    view! {
        <span class="mdm-copy">
            <button
                type="button"
                class="mdm-button mdm-button--secondary"
                node_ref=button
                disabled=move || value.with(Option::is_none)
                on:click=copy
            >
                {label}
            </button>
            <span class="mdm-copy__feedback" role="status">{move || feedback.get()}</span>
        </span>
    }
}

fn select(near: &web_sys::Node, id: &str) {
    use wasm_bindgen::JsCast;
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(element) = element_by_id_near(near, id) else { return };
    if let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>() {
        input.select();
    } else if let Some(selection) = document.get_selection().ok().flatten() {
        let _ = selection.select_all_children(&element);
    }
}
