use std::{cell::RefCell, rc::Rc};

use leptos::{html, prelude::*};
use wasm_bindgen::JsCast;

use crate::context::use_strings;
use crate::platform::active_element_near;

/// A confirmation as a real modal dialog (`<dialog>` shown with `showModal()`): the rest of the page is inert, so the
/// focus stays inside; Escape cancels; and the focus goes back to the control that opened it.
/// The focus starts on Cancel, so that a stray Enter never confirms something that signs a company out.
#[component]
pub fn Dialog<C: IntoView + 'static>(
    /// Prefix of the ids that name and describe the dialog.
    id: &'static str,
    title: &'static str,
    #[prop(into)] open: Signal<bool>,
    confirm_label: &'static str,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
    children: TypedChildren<C>,
) -> impl IntoView {
    let t = use_strings();
    let dialog = NodeRef::<html::Dialog>::new();
    let cancel = NodeRef::<html::Button>::new();
    let opener: Rc<RefCell<Option<web_sys::HtmlElement>>> = Rc::default();
    Effect::new(move |_| {
        let Some(element) = dialog.get() else { return };
        if open.get() && !element.open() {
            *opener.borrow_mut() = active_element_near(&element).and_then(|e| e.dyn_into().ok());
            if element.show_modal().is_ok() {
                if let Some(button) = cancel.get_untracked() {
                    let _ = button.focus();
                }
            }
        } else if !open.get() && element.open() {
            element.close();
            if let Some(opener) = opener.borrow_mut().take() {
                let _ = opener.focus();
            }
        }
    });
    let (title_id, body_id) = (format!("{id}-title"), format!("{id}-body"));
    let (labelled_by, described_by) = (title_id.clone(), body_id.clone());
    view! {
        <dialog
            node_ref=dialog
            class="mdm-dialog"
            aria-labelledby=labelled_by
            aria-describedby=described_by
            on:cancel=move |ev: web_sys::Event| {
                ev.prevent_default();
                on_cancel.run(());
            }
            // Chrome closes a dialog on a second Escape without a cancel event: keep the state in step.
            on:close=move |_| {
                if open.get_untracked() {
                    on_cancel.run(());
                }
            }
        >
            <h2 class="mdm-dialog__title" id=title_id>{title}</h2>
            <div class="mdm-dialog__body" id=body_id>{children.into_inner()()}</div>
            <div class="mdm-dialog__actions">
                <button type="button" class="mdm-button mdm-button--secondary" node_ref=cancel on:click=move |_| on_cancel.run(())>
                    {t.cancel()}
                </button>
                <button type="button" class="mdm-button mdm-button--primary" on:click=move |_| on_confirm.run(())>
                    {confirm_label}
                </button>
            </div>
        </dialog>
    }
}
