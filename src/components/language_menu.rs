use leptos::{ev, html, prelude::*};

use crate::context::{use_strings, Languages};
use crate::i18n::LOCALES;

/// The standalone console's language menu: a button named "Language" in the current language, which shows the
/// languages, each named in itself. Choosing one renders the console in it; nothing unsaved is lost.
/// Embedded, there is none: the portal sets the language.
#[component]
pub fn LanguageMenu() -> impl IntoView {
    let languages = use_context::<Languages>()?;
    let t = use_strings();
    let open = RwSignal::new(false);
    let button = NodeRef::<html::Button>::new();
    let close = move || {
        open.set(false);
        if let Some(button) = button.get_untracked() {
            let _ = button.focus();
        }
    };
    let on_keydown = move |event: ev::KeyboardEvent| {
        if event.key() == "Escape" && open.get_untracked() {
            // The drawer around it closes on Escape too; one Escape closes the innermost.
            event.stop_propagation();
            close();
        }
    };
    Some(view! {
        <div class="mdm-language" on:keydown=on_keydown>
            <button
                type="button"
                id="mdm-language-button"
                class="mdm-language__button"
                node_ref=button
                aria-expanded=move || open.get().to_string()
                aria-controls="mdm-language-list"
                on:click=move |_| open.update(|o| *o = !*o)
            >
                <span class="mdm-language__icon" aria-hidden="true"></span>
                {t.language()}
            </button>
            <ul id="mdm-language-list" class="mdm-language__list" hidden=move || !open.get()>
                {LOCALES.iter().map(|locale| {
                    let tag = locale.tag;
                    view! {
                        <li>
                            <button
                                type="button"
                                class="mdm-language__option"
                                lang=tag
                                aria-current=(t.locale == tag).then_some("true")
                                aria-disabled=move || languages.busy.get().then_some("true")
                                on:click=move |_| {
                                    if t.locale == tag {
                                        close();
                                    } else {
                                        languages.choose.run(tag);
                                    }
                                }
                            >
                                {locale.name}
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
    })
}
