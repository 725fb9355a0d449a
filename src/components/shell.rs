use leptos::{ev, html, prelude::*};
use wasm_bindgen::JsCast;

use super::{LanguageMenu, Nav};
use crate::context::use_strings;
use crate::platform::keep_focus;

/// The standalone frame: side navigation on desktops; on phones, a top bar whose "Menu" button opens the same
/// navigation as a drawer. An embedding portal brings its own frame and skips this one.
#[component]
pub fn Shell<C: IntoView + 'static>(children: TypedChildren<C>) -> impl IntoView {
    let t = use_strings();
    let open = RwSignal::new(false);
    let menu_button = NodeRef::<html::Button>::new();
    let nav = NodeRef::<html::Nav>::new();

    let close = move || {
        if open.get_untracked() {
            open.set(false);
            if let Some(button) = menu_button.get_untracked() {
                let _ = button.focus();
            }
        }
    };
    let toggle = move |_: ev::MouseEvent| {
        let opening = !open.get_untracked();
        open.set(opening);
        if opening {
            // The drawer is display:none until the class lands; focus its first link once it is shown.
            request_animation_frame(move || {
                if let Some(link) = nav.get_untracked().and_then(|n| n.query_selector("a").ok().flatten()) {
                    let _ = link.unchecked_into::<web_sys::HtmlElement>().focus();
                }
            });
        } else {
            close();
        }
    };
    let on_keydown = move |event: ev::KeyboardEvent| {
        if event.key() == "Escape" && open.get_untracked() {
            event.prevent_default();
            close();
        }
    };

    view! {
        <div class="mdm-shell" class:mdm-shell--drawer-open=move || open.get() on:keydown=on_keydown>
            <a class="mdm-shell__skip" href="#mdm-main">{t.skip_to_content()}</a>
            <header class="mdm-shell__topbar">
                <button
                    type="button"
                    class="mdm-shell__menu-button"
                    id="mdm-menu-button"
                    node_ref=menu_button
                    aria-label=t.menu()
                    aria-expanded=move || open.get().to_string()
                    aria-controls="mdm-nav"
                    on:click=toggle
                >
                    <span aria-hidden="true">"☰"</span>
                </button>
                <span class="mdm-shell__product">{t.product()}</span>
            </header>
            <nav class="mdm-shell__nav" id="mdm-nav" aria-label=t.nav_label() node_ref=nav>
                <p class="mdm-shell__product mdm-shell__product--nav">{t.product()}</p>
                <Nav on_navigate=Callback::new(move |_| close())/>
                <LanguageMenu/>
            </nav>
            <div class="mdm-shell__backdrop" aria-hidden="true" on:click=move |_| close()></div>
            <main class="mdm-shell__main" id="mdm-main" tabindex="-1" inert=move || open.get() on:focusout=keep_focus>
                {children.into_inner()()}
            </main>
        </div>
    }
}
