use leptos::prelude::*;

use crate::context::use_strings;
use crate::router::Link;
use crate::routes;

/// The console's navigation: one group, "Security", with "Mobile Security".
/// The current page's link carries with `aria-current="page"`.
#[component]
pub fn Nav(
    /// Called when a link is chosen, so that the phone drawer can close.
    on_navigate: Callback<()>,
) -> impl IntoView {
    let t = use_strings();
    view! {
        <p class="mdm-nav__group" id="mdm-nav-security">{t.nav_security()}</p>
        <ul class="mdm-nav__list" aria-labelledby="mdm-nav-security">
            <li>
                <Link to=routes::MOBILE_SECURITY class="mdm-nav__link" match_nested=true on_navigate>
                    {t.nav_mobile_security()}
                </Link>
            </li>
        </ul>
    }
}
