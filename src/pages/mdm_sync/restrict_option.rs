use leptos::prelude::*;

use crate::context::use_strings;

/// "Restrict login with other domain account", with what it needs and what it does.
#[component]
pub fn RestrictOption(
    #[prop(into)] checked: Signal<bool>,
    #[prop(into)] disabled: Signal<bool>,
    on_change: Callback<bool>,
) -> impl IntoView {
    let t = use_strings();
    view! {
        <div class="mdm-restrict">
            <label class="mdm-restrict__label">
                <input
                    type="checkbox"
                    class="mdm-restrict__box"
                    aria-describedby="mdm-restrict-help"
                    prop:checked=move || checked.get()
                    disabled=move || disabled.get()
                    on:change=move |ev| on_change.run(event_target_checked(&ev))
                />
                {t.restrict_label()}
            </label>
            <ul class="mdm-restrict__help" id="mdm-restrict-help">
                {[t.restrict_help_1(), t.restrict_help_2(), t.restrict_help_3()].into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
            </ul>
        </div>
    }
}
