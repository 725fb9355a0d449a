use leptos::prelude::*;

use crate::api::ApiError;
use crate::context::use_env;
use crate::domain::embed::HostEvent;

/// A failed load: what went wrong, in plain words, and a Retry that loads again.
#[component]
pub fn LoadError(error: ApiError, on_retry: Callback<()>) -> impl IntoView {
    let env = use_env();
    let t = env.t;
    env.host.emit(&HostEvent::failed(&error, t.api_error_message(&error)));
    view! {
        <div class="mdm-alert mdm-alert--error" role="alert">
            <p class="mdm-alert__title">{t.load_failed()}</p>
            <p class="mdm-alert__body">{t.api_error_message(&error)}</p>
            <button type="button" class="mdm-button" on:click=move |_| on_retry.run(())>{t.retry()}</button>
        </div>
    }
}
