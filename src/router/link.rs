use leptos::{ev, prelude::*};

use super::use_router;

/// An in-app link: a real `<a href>` (it opens in a new tab, and can be copied), that moves within the app on a plain
/// click. It carries `aria-current="page"` while its page is shown (with `match_nested`, a page below it too).
#[component]
pub fn Link<C: IntoView + 'static>(
    to: &'static str,
    #[prop(optional)] class: &'static str,
    /// Also current on the pages below `to` (navigation sections); otherwise only on `to` itself.
    #[prop(optional)]
    match_nested: bool,
    /// Called after a plain click, once the app has moved.
    #[prop(optional)]
    on_navigate: Option<Callback<()>>,
    children: TypedChildren<C>,
) -> impl IntoView {
    let router = use_router();
    let current = move || {
        router.path().with(|path| {
            path == to || (match_nested && path.strip_prefix(to).is_some_and(|rest| rest.starts_with('/')))
        })
    };
    let on_click = move |event: ev::MouseEvent| {
        if event.default_prevented()
            || event.button() != 0
            || event.meta_key()
            || event.ctrl_key()
            || event.shift_key()
            || event.alt_key()
        {
            return;
        }
        event.prevent_default();
        router.navigate(to);
        // Whether or not the page let the admin go, the click is done with: the phone drawer closes either way.
        if let Some(callback) = on_navigate {
            callback.run(());
        }
    };
    view! {
        <a href=router.href(to) class=class aria-current=move || current().then_some("page") on:click=on_click>
            {children.into_inner()()}
        </a>
    }
}
