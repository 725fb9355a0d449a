//! The 3rd-party MDM sync settings screen.

mod form;
mod notices;

use leptos::either::{EitherOf3};
use leptos::prelude::*;

use crate::api::load;
use crate::components::{LoadError, PageHeader, Skeleton};
use crate::context::use_env;
use crate::domain::api::{paths, MdmSyncSettings, MobileSecurity, Session};
use crate::router::{Link, Router};
use crate::routes;
use form::SettingsForm;

#[component]
pub fn MdmSyncPage() -> impl IntoView {
    let env = use_env();
    let t = env.t;
    let (session, reload_session) = load::<Session>(&env.client, paths::SESSION.into());
    let (settings, reload_settings) = load::<MdmSyncSettings>(&env.client, paths::MDM_SYNC.into());
    let (overview, reload_overview) = load::<MobileSecurity>(&env.client, paths::MOBILE_SECURITY.into());
    // Retry loads again only what failed.
    let retry = Callback::new(move |_| {
        for (loaded_failed, reload) in [
            (session.failed_untracked(), reload_session),
            (settings.failed_untracked(), reload_settings),
            (overview.failed_untracked(), reload_overview),
        ] {
            if loaded_failed {
                reload.run(());
            }
        }
    });

    view! {
        <PageHeader title=t.mdm_sync_title/>
        // Embedded, the portal has its own way back: there is no Mobile Security page to go to.
        {use_context::<Router>().map(|_| view! {
            <p class="mdm-page-intro">
                <Link to=routes::MOBILE_SECURITY class="mdm-link">{t.settings_back}</Link>
            </p>
        })}
        {move || match (session.get(), settings.get(), overview.get()) {
            (Some(Err(error)), _, _) | (_, Some(Err(error)), _) | (_, _, Some(Err(error))) => {
                EitherOf3::A(view! { <LoadError error on_retry=retry/> })
            }
            (Some(Ok(session)), Some(Ok(settings)), Some(Ok(overview))) => {
                EitherOf3::B(view! { <SettingsForm session=session.value settings overview=overview.value/> })
            }
            _ => EitherOf3::C(view! { <Skeleton class="mdm-skeleton mdm-skeleton--settings"/> }),
        }}
    }
}
