use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::Versioned;
use crate::components::{AppConfig, KeyField, LoadError, PageHeader, RestrictOption, Skeleton, Switch, SyncSteps};
use crate::context::use_env;
use crate::domain::api::{KeyMode, MdmSyncSettings, Session};
use crate::domain::change::{Change, Editable};
use crate::routes;

/// The 3rd-party MDM sync settings screen: it edits a draft, kept apart from the saved state.
#[component]
pub fn MdmSyncPage() -> impl IntoView {
    let env = use_env();
    let t = env.t;
    let (client_a, client_b) = (env.client.clone(), env.client.clone());
    let session = LocalResource::new(move || {
        let client = client_a.clone();
        async move { client.session().await }
    });
    let settings = LocalResource::new(move || {
        let client = client_b.clone();
        async move { client.mdm_sync().await }
    });
    let retry = Callback::new(move |_| {
        if matches!(session.get_untracked(), Some(Err(_))) {
            session.refetch();
        }
        if matches!(settings.get_untracked(), Some(Err(_))) {
            settings.refetch();
        }
    });

    view! {
        <PageHeader title=t.mdm_sync_title/>
        <p class="mdm-page-intro">
            <A href=routes::MOBILE_SECURITY attr:class="mdm-link">{t.settings_back}</A>
        </p>
        {move || match (session.get(), settings.get()) {
            (Some(Err(error)), _) | (_, Some(Err(error))) => view! { <LoadError error on_retry=retry/> }.into_any(),
            (Some(Ok(session)), Some(Ok(settings))) => view! { <SettingsForm session settings/> }.into_any(),
            _ => view! { <Skeleton blocks=vec![4.0, 6.5, 8.0, 10.0]/> }.into_any(),
        }}
    }
}

#[component]
fn SettingsForm(session: Session, settings: Versioned<MdmSyncSettings>) -> impl IntoView {
    let t = use_env().t;
    let saved = RwSignal::new(settings);
    let draft = RwSignal::new(Editable::from(&saved.get_untracked().value));
    let key_shown = RwSignal::new(false);
    let eligible = session.domain.plan.allows_mdm_sync();
    let locked = Signal::derive(move || !eligible);
    let change = Memo::new(move |_| saved.with(|s| Change::between(&Editable::from(&s.value), &draft.get())));
    let dirty = move || !change.get().is_empty();

    mark_ready();
    view! {
        <div class="mdm-settings">
            <div class="mdm-settings__bar">
                <button type="button" class="mdm-button mdm-button--primary" disabled=move || !dirty() || locked.get()>
                    {t.save}
                </button>
            </div>
            {(!eligible).then(|| view! { <p class="mdm-notice">{t.plan_not_eligible_notice}</p> })}
            <section class="mdm-card" aria-labelledby="mdm-sync-switch">
                <Switch
                    id="mdm-sync-switch"
                    label=t.mdm_sync_title
                    checked=Signal::derive(move || draft.with(|d| d.enabled))
                    disabled=locked
                    described_by="mdm-sync-switch-help"
                    on_toggle=Callback::new(move |on| draft.update(|d| d.enabled = on))
                />
                <p class="mdm-card__text" id="mdm-sync-switch-help">{t.switch_description}</p>
                <RestrictOption
                    checked=Signal::derive(move || draft.with(|d| d.restrict_other_domains))
                    disabled=locked
                    on_change=Callback::new(move |on| draft.update(|d| d.restrict_other_domains = on))
                />
                <KeyField
                    mode=Signal::derive(move || draft.with(|d| d.key_mode))
                    value=Signal::derive(move || draft.with(|d| d.key_value.clone()))
                    shown=key_shown
                    disabled=locked
                    on_mode=Callback::new(move |mode: KeyMode| draft.update(|d| d.key_mode = mode))
                    on_show=Callback::new(move |show| key_shown.set(show))
                />
                {move || saved.with(|s| {
                    s.value.updated_at.clone().zip(s.value.updated_by.clone())
                        .map(|(at, by)| view! { <p class="mdm-card__meta">{(t.last_updated)(&local_time(&at), &by.name)}</p> })
                })}
            </section>
            <AppConfig key_value=Signal::derive(move || draft.with(|d| d.key_value.clone())) shown=key_shown/>
            <SyncSteps/>
        </div>
    }
}

/// An RFC 3339 instant in the admin's own time zone and locale.
fn local_time(rfc3339: &str) -> String {
    let date = js_sys::Date::new(&rfc3339.into());
    if date.get_time().is_nan() {
        return rfc3339.to_owned();
    }
    date.to_locale_string("default", &js_sys::Object::new()).into()
}

/// The `app-ready` performance mark: the settings screen shows real data and can be used.
fn mark_ready() {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark("app-ready");
    }
}
