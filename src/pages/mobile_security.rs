use leptos::either::EitherOf3;
use leptos::prelude::*;

use crate::api::{load, LoadReturn};
use crate::components::{LoadError, PageHeader, Skeleton};
use crate::context::use_env;
use crate::domain::api::{paths, MobileSecurity};
use crate::platform::number;
use crate::router::use_router;
use crate::routes;

/// The Mobile Security overview: LINE WORKS MDM, and under "Advanced", 3rd-party MDM sync.
#[component]
pub fn MobileSecurityPage() -> impl IntoView {
    let env = use_env();
    let t = env.t;
    let LoadReturn { loaded: overview, reload: retry } =
        load::<MobileSecurity>(&env.client, paths::MOBILE_SECURITY.into());

    view! {
        <PageHeader title=t.mobile_security_title()/>
        <p class="mdm-page-intro">{t.mobile_security_intro()}</p>
        {move || match overview.get() {
            None => EitherOf3::A(view! { <Skeleton class="mdm-skeleton mdm-skeleton--overview"/> }),
            Some(Err(error)) => EitherOf3::B(view! { <LoadError error on_retry=retry/> }),
            Some(Ok(overview)) => EitherOf3::C(view! { <Overview overview=overview.value/> }),
        }}
    }
}

#[component]
fn Overview(overview: MobileSecurity) -> impl IntoView {
    let t = use_env().t;
    let advanced_open = RwSignal::new(overview.mdm_sync.enabled);
    let router = use_router();
    let mdm = overview.lineworks_mdm;
    let sync = overview.mdm_sync;
    view! {
        <section class="mdm-card" aria-labelledby="mdm-lw-title">
            <h2 class="mdm-card__title" id="mdm-lw-title">{t.lineworks_mdm_title()}</h2>
            <p class="mdm-status-line">
                <span class=if mdm.enabled { "mdm-badge mdm-badge--on" } else { "mdm-badge" }>
                    {if mdm.enabled { t.lineworks_mdm_on() } else { t.lineworks_mdm_off() }}
                </span>
                <span>{t.exception_settings(u64::from(mdm.exception_count), &number(t.locale, u64::from(mdm.exception_count)))}</span>
                <span>{t.members(u64::from(overview.member_count), &number(t.locale, u64::from(overview.member_count)))}</span>
            </p>
        </section>
        <button
            type="button"
            class="mdm-expander"
            aria-expanded=move || advanced_open.get().to_string()
            aria-controls="mdm-advanced"
            on:click=move |_| advanced_open.update(|open| *open = !*open)
        >
            <span class="mdm-expander__icon" aria-hidden="true"></span>
            {t.advanced()}
        </button>
        <div id="mdm-advanced" class="mdm-advanced" hidden=move || !advanced_open.get()>
            <section class="mdm-card mdm-card--row" aria-labelledby="mdm-sync-title">
                <div>
                    <h2 class="mdm-card__title" id="mdm-sync-title">{t.mdm_sync_title()}</h2>
                    <p class="mdm-card__text">{t.mdm_sync_summary()}</p>
                    <p class="mdm-status-line">
                        <span class=if sync.enabled { "mdm-badge mdm-badge--on" } else { "mdm-badge" }>
                            {if sync.enabled { t.in_use() } else { t.not_in_use() }}
                        </span>
                        {(sync.enabled && sync.restrict_other_domains).then_some(t.restricted_to_domain())}
                    </p>
                </div>
                <button type="button" class="mdm-button" on:click=move |_| router.navigate(routes::MDM_SYNC)>
                    {t.manage()}
                </button>
            </section>
        </div>
    }
}
