use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::PageHeader;
use crate::context::use_strings;
use crate::routes;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let t = use_strings();
    view! {
        <PageHeader title=t.not_found_title/>
        <div class="mdm-card">
            <p>{t.not_found_body}</p>
            <p><A href=routes::MOBILE_SECURITY attr:class="mdm-link">{t.not_found_link}</A></p>
        </div>
    }
}
