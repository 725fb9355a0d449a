use leptos::prelude::*;

/// A page's title, with room at the right for its actions (Save), kept in view on phones.
#[component]
pub fn PageHeader(title: &'static str, #[prop(optional)] children: Option<Children>) -> impl IntoView {
    view! {
        <header class="mdm-page-header">
            <h1 class="mdm-page-header__title" id="mdm-page-title" tabindex="-1">{title}</h1>
            <div class="mdm-page-header__actions">{children.map(|c| c())}</div>
        </header>
    }
}
