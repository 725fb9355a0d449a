//! The 3rd-party MDM sync settings screen.

mod form;
mod notices;

use leptos::either::{EitherOf3};
use leptos::prelude::*;

use crate::api::load;
use crate::components::{LoadError, PageHeader, Skeleton};
use crate::context::use_env;
use crate::router::Link;
use crate::routes;
use form::SettingsForm;

#[component]
pub fn MdmSyncPage() -> impl IntoView {
    let env = use_env();
    let t = env.t;
    let (a, b, c) = (env.client.clone(), env.client.clone(), env.client.clone());
    let (session, reload_session) = load(move || {
        let client = a.clone();
        async move { client.session().await }
    });
    let (settings, reload_settings) = load(move || {
        let client = b.clone();
        async move { client.mdm_sync().await }
    });
    let (overview, reload_overview) = load(move || {
        let client = c.clone();
        async move { client.mobile_security().await }
    });
    // Retry loads again only what failed.
    let retry = Callback::new(move |_| {
        if matches!(session.get_untracked(), Some(Err(_))) {
            reload_session.run(());
        }
        if matches!(settings.get_untracked(), Some(Err(_))) {
            reload_settings.run(());
        }
        if matches!(overview.get_untracked(), Some(Err(_))) {
            reload_overview.run(());
        }
    });

    view! {
        <PageHeader title=t.mdm_sync_title/>
        <p class="mdm-page-intro">
            <Link to=routes::MOBILE_SECURITY class="mdm-link">{t.settings_back}</Link>
        </p>
        {move || match (session.get(), settings.get(), overview.get()) {
            (Some(Err(error)), _, _) | (_, Some(Err(error)), _) | (_, _, Some(Err(error))) => {
                EitherOf3::A(view! { <LoadError error on_retry=retry/> })
            }
            (Some(Ok(session)), Some(Ok(settings)), Some(Ok(overview))) => {
                EitherOf3::B(view! { <SettingsForm session settings overview/> })
            }
            _ => EitherOf3::C(view! { <Skeleton blocks=vec![16, 12, 10]/> }),
        }}
    }
}
