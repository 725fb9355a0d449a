//! The 3rd-party MDM sync settings screen.

mod consequences;
mod form;
mod key_field;
mod notices;
mod panels;
mod precautions;
mod restrict_option;
mod sync_steps;

pub use key_field::KeyField;

use leptos::either::EitherOf3;
use leptos::prelude::*;

use crate::api::{load, ApiError};
use crate::components::{LoadError, PageHeader, Skeleton};
use crate::context::{use_env, use_handover};
use crate::domain::api::{paths, MdmSyncSettings, MobileSecurity, Session};
use crate::router::{Link, Router};
use crate::routes;
use form::{Resumed, SettingsForm};

#[component]
pub fn MdmSyncPage() -> impl IntoView {
    let env = use_env();
    let t = env.t;
    // Started again in another language: the form as the admin left it, with nothing loaded again.
    let resumed = use_handover().and_then(|handover| handover.take::<Resumed>());
    let loads = resumed.is_none().then(|| {
        (
            load::<Session>(&env.client, paths::SESSION.into()),
            load::<MdmSyncSettings>(&env.client, paths::MDM_SYNC.into()),
            load::<MobileSecurity>(&env.client, paths::MOBILE_SECURITY.into()),
        )
    });
    let resumed = StoredValue::new(crate::platform::OneThread::new(std::cell::RefCell::new(resumed)));
    // Retry loads again only what failed.
    let retry = Callback::new(move |_| {
        let Some((session, settings, overview)) = loads else { return };
        for (failed, reload) in [
            (session.loaded.failed_untracked(), session.reload),
            (settings.loaded.failed_untracked(), settings.reload),
            (overview.loaded.failed_untracked(), overview.reload),
        ] {
            if failed {
                reload.run(());
            }
        }
    });
    // What the form starts from: the state handed over, or all three answers; `None` while one is on its way.
    let ready = move || -> Option<Result<Resumed, ApiError>> {
        if let Some(resumed) = resumed.try_with_value(|r| r.borrow_mut().take()).flatten() {
            return Some(Ok(resumed));
        }
        let (session, settings, overview) = loads?;
        match (session.loaded.get(), settings.loaded.get(), overview.loaded.get()) {
            (Some(Err(error)), _, _) | (_, Some(Err(error)), _) | (_, _, Some(Err(error))) => Some(Err(error)),
            (Some(Ok(session)), Some(Ok(settings)), Some(Ok(overview))) => {
                Some(Ok(Resumed { session: session.value, settings, overview: overview.value, state: None }))
            }
            _ => None,
        }
    };

    view! {
        <PageHeader title=t.mdm_sync_title()/>
        <BackLink/>
        {move || match ready() {
            Some(Err(error)) => EitherOf3::A(view! { <LoadError error on_retry=retry/> }),
            Some(Ok(Resumed { session, settings, overview, state })) => {
                EitherOf3::B(view! { <SettingsForm session settings overview state/> })
            }
            None => EitherOf3::C(view! { <Skeleton class="mdm-skeleton mdm-skeleton--settings"/> }),
        }}
    }
}

/// The way back to Mobile Security. Embedded, the portal has its own way back: there is no Mobile Security page.
#[component]
fn BackLink() -> impl IntoView {
    let t = use_env().t;
    use_context::<Router>().map(|_| {
        view! {
            <p class="mdm-page-intro">
                <Link to=routes::MOBILE_SECURITY class="mdm-link">{t.settings_back()}</Link>
            </p>
        }
    })
}
