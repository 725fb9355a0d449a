use leptos::prelude::*;

use crate::context::use_strings;

/// The four steps of the sync process, from the help text.
#[component]
pub fn SyncSteps() -> impl IntoView {
    let t = use_strings();
    view! {
        <section class="mdm-card" aria-labelledby="mdm-steps-title">
            <h2 class="mdm-card__title" id="mdm-steps-title">{t.how_sync_works()}</h2>
            <ol class="mdm-steps">{[t.sync_step_1(), t.sync_step_2(), t.sync_step_3(), t.sync_step_4()].into_iter().map(|step| view! { <li>{step}</li> }).collect_view()}</ol>
        </section>
    }
}
