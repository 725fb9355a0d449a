use leptos::{html, prelude::*};

use crate::context::use_strings;
use crate::platform::show_title;
use crate::router::Router;

/// A page's title. After an in-app navigation that left the focus nowhere
/// (the control that had it went away with the old page), the title takes it, so that screen readers announce the
/// new page and keyboard users start from its top. Focus that a control placed on purpose (the phone menu's button)
/// stays where it is.
#[component]
pub fn PageHeader(title: &'static str) -> impl IntoView {
    let heading = NodeRef::<html::H1>::new();
    // Embedded, the console has no router: the portal's page is the one that navigates, and has its own title.
    let router = use_context::<Router>();
    if router.is_some() {
        show_title(use_strings(), title);
    }
    let moved_here = router.is_some_and(|router| router.navigations() > 0);
    Effect::new(move |_| {
        if let Some(heading) = heading.get() {
            if moved_here && focus_is_lost() {
                let _ = heading.focus();
            }
        }
    });
    view! {
        // Not a <header>: embedded in a portal's page, that would be a second banner landmark beside the portal's.
        <div class="mdm-page-header">
            <h1 class="mdm-page-header__title" tabindex="-1" node_ref=heading>{title}</h1>
        </div>
    }
}

fn focus_is_lost() -> bool {
    let document = web_sys::window().and_then(|w| w.document());
    let active = document.as_ref().and_then(|d| d.active_element());
    match (active, document.and_then(|d| d.body())) {
        (None, _) => true,
        (Some(active), Some(body)) => active == *body || !active.is_connected(),
        (Some(_), None) => false,
    }
}
