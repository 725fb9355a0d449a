use leptos::{html, prelude::*};

use crate::router::use_router;

/// A page's title, with room at the right for its actions. After an in-app navigation the title takes the focus,
/// so that screen readers announce the new page and keyboard users start from its top.
#[component]
pub fn PageHeader(title: &'static str, #[prop(optional)] children: Option<Children>) -> impl IntoView {
    let heading = NodeRef::<html::H1>::new();
    let moved_here = use_router().navigations().get_untracked() > 0;
    Effect::new(move |_| {
        if let Some(heading) = heading.get() {
            if moved_here {
                let _ = heading.focus();
            }
        }
    });
    view! {
        <header class="mdm-page-header">
            <h1 class="mdm-page-header__title" tabindex="-1" node_ref=heading>{title}</h1>
            <div class="mdm-page-header__actions">{children.map(|c| c())}</div>
        </header>
    }
}
