use leptos::prelude::*;

use crate::context::use_strings;
use crate::platform::number;

/// The precautions of the help text, read before sync is turned on.
#[component]
pub fn Precautions(#[prop(into)] exception_count: Signal<u32>) -> impl IntoView {
    let t = use_strings();
    let p = &t.precautions;
    let exceptions = move || match exception_count.get() {
        0 => p.exceptions_none.to_owned(),
        count => (p.exceptions_deleted)(u64::from(count), &number(u64::from(count))),
    };
    view! {
        <ul class="mdm-dialog__list">
            <li>{p.sign_out}</li>
            <li>{exceptions}</li>
            <li>{p.managed_app_config}</li>
            <li>{p.android_enterprise}</li>
            <li>{p.not_with_lineworks_mdm}</li>
        </ul>
    }
}
