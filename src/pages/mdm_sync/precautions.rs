use leptos::prelude::*;

use crate::context::use_strings;
use crate::platform::number;

/// The precautions of the help text, read before sync is turned on, in a dialog that is `shown` or not.
#[component]
pub fn Precautions(#[prop(into)] exception_count: Signal<u32>, #[prop(into)] shown: Signal<bool>) -> impl IntoView {
    let t = use_strings();
    // Written only while the dialog shows: the count goes through the browser's `Intl`, whose first use in a page
    // starts ICU, ~70 ms of the first screen at 4x CPU (measured), for a dialog that most visits never open.
    let exceptions = move || match (shown.get(), exception_count.get()) {
        (false, _) => String::new(),
        (true, 0) => t.precaution_exceptions_none().to_owned(),
        (true, count) => t.precaution_exceptions_deleted(u64::from(count), &number(t.locale, u64::from(count))),
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
