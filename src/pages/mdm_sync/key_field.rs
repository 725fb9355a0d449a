use leptos::prelude::*;

use crate::components::CopyButton;
use crate::context::use_strings;
use crate::domain::{api::KeyMode, key};

/// The "Key value" radio group and its text box: read-only with "Re-issue" when auto-generated, editable with
/// inline validation when custom. The key is masked until "Show key value" is pressed.
#[component]
pub fn KeyField(
    #[prop(into)] mode: Signal<KeyMode>,
    #[prop(into)] value: Signal<Option<String>>,
    #[prop(into)] shown: Signal<bool>,
    #[prop(into)] disabled: Signal<bool>,
    /// What is wrong with the value, in the admin's words; shown at the field.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// The id of what describes the value when nothing is wrong with it: notes drawn below the field by the second
    /// module (what an MDM would rewrite, a key that looks like a number), empty until they have something to say.
    notes: &'static str,
    on_mode: Callback<KeyMode>,
    on_show: Callback<bool>,
    on_input: Callback<String>,
    on_reissue: Callback<()>,
) -> impl IntoView {
    let t = use_strings();
    let radio = move |option: KeyMode, label: &'static str| {
        view! {
            <label class="mdm-key__option">
                <input
                    type="radio"
                    name="mdm-key-mode"
                    class="mdm-key__radio"
                    prop:checked=move || mode.get() == option
                    disabled=move || disabled.get()
                    on:change=move |_| on_mode.run(option)
                />
                {label}
            </label>
        }
    };
    let auto = move || mode.get() == KeyMode::Auto;
    view! {
        <div class="mdm-key">
            <div role="radiogroup" class="mdm-key__modes" aria-labelledby="mdm-key-legend">
                <p class="mdm-field__label" id="mdm-key-legend">{t.key_value()}</p>
                {radio(KeyMode::Auto, t.key_auto())}
                {radio(KeyMode::Custom, t.key_custom())}
            </div>
            <div class="mdm-key__row">
                <label class="mdm-visually-hidden" for="mdm-key-input">{t.key_value()}</label>
                <input
                    id="mdm-key-input"
                    class="mdm-input mdm-key__input"
                    class:mdm-key__input--masked=move || !shown.get()
                    type="text"
                    readonly=auto
                    disabled=move || disabled.get()
                    autocomplete="off"
                    spellcheck="false"
                    autocapitalize="off"
                    aria-invalid=move || error.with(Option::is_some).then_some("true")
                    // An `Option`, as the other attributes of the page: one more attribute type is code in the first load.
                    aria-describedby=move || Some(if error.with(Option::is_some) { "mdm-key-error" } else { notes })
                    placeholder=move || value.with(Option::is_none).then_some(t.key_not_issued())
                    prop:value=move || {
                        let text = value.get().unwrap_or_default();
                        // A read-only key that is not shown is not in the page at all; an editable one is masked by CSS.
                        if auto() && !shown.get() { key::mask(&text) } else { text }
                    }
                    on:input=move |ev| on_input.run(event_target_value(&ev))
                />
                <button
                    type="button"
                    class="mdm-button mdm-button--secondary"
                    hidden=move || !auto()
                    disabled=move || disabled.get()
                    on:click=move |_| on_reissue.run(())
                >
                    {t.reissue()}
                </button>
                <button
                    type="button"
                    class="mdm-button mdm-button--secondary"
                    aria-pressed=move || shown.get().to_string()
                    on:click=move |_| on_show.run(!shown.get_untracked())
                >
                    {t.show_key()}
                </button>
                <CopyButton
                    label=t.copy_key().to_owned()
                    value
                    fallback_select="mdm-key-input"
                    on_refused=Callback::new(move |_| on_show.run(true))
                />
            </div>
            <p class="mdm-field__error" id="mdm-key-error" hidden=move || error.with(Option::is_none)>
                {move || error.get()}
            </p>
        </div>
    }
}
