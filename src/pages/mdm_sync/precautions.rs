use leptos::prelude::*;

use crate::context::use_strings;
use crate::platform::number;

/// The precautions of the help text, read before sync is turned on.
#[component]
pub fn Precautions(#[prop(into)] exception_count: Signal<u32>) -> impl IntoView {
    let t = use_strings();
    let exceptions = move || match exception_count.get() {
        0 => t.precaution_exceptions_none().to_owned(),
        count => t.precaution_exceptions_deleted(u64::from(count), &number(t.locale, u64::from(count))),
    };
    view! {
        <ul class="mdm-dialog__list">
            <li>{t.precaution_sign_out()}</li>
            <li>{exceptions}</li>
            <li>{t.precaution_managed_app_config()}</li>
            <li>{t.precaution_android_enterprise()}</li>
            <li>{t.precaution_not_with_lineworks_mdm()}</li>
        </ul>
    }
}
