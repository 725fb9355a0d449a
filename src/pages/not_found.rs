use leptos::prelude::*;

use crate::components::PageHeader;
use crate::context::use_strings;
use crate::router::Link;
use crate::routes;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let t = use_strings();
    view! {
        <PageHeader title=t.not_found_title()/>
        <div class="mdm-card">
            <p>{t.not_found_body()}</p>
            <p><Link to=routes::MOBILE_SECURITY class="mdm-link">{t.not_found_link()}</Link></p>
        </div>
    }
}
