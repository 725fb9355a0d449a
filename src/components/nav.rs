use leptos::prelude::*;
use leptos_router::components::A;

use crate::context::use_strings;
use crate::routes;

/// The console's navigation: one group, "Security", with "Mobile Security".
/// The router marks the current page's link with `aria-current="page"`.
#[component]
pub fn Nav(
    /// Called when a link is chosen, so that the phone drawer can close.
    on_navigate: Callback<()>,
) -> impl IntoView {
    let t = use_strings();
    view! {
        <p class="mdm-nav__group" id="mdm-nav-security">{t.nav_security}</p>
        <ul class="mdm-nav__list" aria-labelledby="mdm-nav-security">
            <li>
                <A href=routes::MOBILE_SECURITY attr:class="mdm-nav__link" on:click=move |_| on_navigate.run(())>
                    {t.nav_mobile_security}
                </A>
            </li>
        </ul>
    }
}
