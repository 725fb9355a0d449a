use leptos::prelude::*;

/// An on/off switch (`role="switch"`), named by its visible label.
#[component]
pub fn Switch(
    id: &'static str,
    /// The label's id, what names a region after the switch: WebKit does not follow a `<label for>` from an
    /// `aria-labelledby` that points at the button, and such a region had no name in Safari. Given, not derived
    /// from `id`, so that no string is built at run time.
    label_id: &'static str,
    label: &'static str,
    #[prop(into)] checked: Signal<bool>,
    #[prop(into)] disabled: Signal<bool>,
    #[prop(optional)] described_by: Option<&'static str>,
    on_toggle: Callback<bool>,
) -> impl IntoView {
    view! {
        <div class="mdm-switch">
            <label class="mdm-switch__label" id=label_id for=id>{label}</label>
            <button
                type="button"
                id=id
                role="switch"
                class="mdm-switch__track"
                aria-checked=move || checked.get().to_string()
                aria-describedby=described_by
                disabled=move || disabled.get()
                on:click=move |_| on_toggle.run(!checked.get_untracked())
            >
                <span class="mdm-switch__thumb" aria-hidden="true"></span>
            </button>
        </div>
    }
}
