use leptos::prelude::*;

use crate::api::ApiError;
use crate::context::use_strings;

/// A failed load: what went wrong, in plain words, and a Retry that loads again.
#[component]
pub fn LoadError(error: ApiError, on_retry: Callback<()>) -> impl IntoView {
    let t = use_strings();
    view! {
        <div class="mdm-alert mdm-alert--error" role="alert">
            <p class="mdm-alert__title">{t.load_failed}</p>
            <p class="mdm-alert__body">{error.message(t)}</p>
            <button type="button" class="mdm-button" on:click=move |_| on_retry.run(())>{t.retry}</button>
        </div>
    }
}
