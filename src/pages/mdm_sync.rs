use leptos::prelude::*;

use crate::api::{load, Versioned};
use crate::components::{AppConfig, KeyField, LoadError, PageHeader, RestrictOption, Skeleton, Switch, SyncSteps};
use crate::context::use_env;
use crate::domain::api::{KeyMode, MdmSyncSettings, Session};
use crate::domain::change::{Change, Editable};
use crate::domain::key::{generate_key, validate_key};
use crate::platform::WebCrypto;
use crate::router::Link;
use crate::routes;

/// The 3rd-party MDM sync settings screen: it edits a draft, kept apart from the saved state.
#[component]
pub fn MdmSyncPage() -> impl IntoView {
    let env = use_env();
    let t = env.t;
    let (client_a, client_b) = (env.client.clone(), env.client.clone());
    let (session, reload_session) = load(move || {
        let client = client_a.clone();
        async move { client.session().await }
    });
    let (settings, reload_settings) = load(move || {
        let client = client_b.clone();
        async move { client.mdm_sync().await }
    });
    // Retry loads again only what failed.
    let retry = Callback::new(move |_| {
        if matches!(session.get_untracked(), Some(Err(_))) {
            reload_session.run(());
        }
        if matches!(settings.get_untracked(), Some(Err(_))) {
            reload_settings.run(());
        }
    });

    view! {
        <PageHeader title=t.mdm_sync_title/>
        <p class="mdm-page-intro">
            <Link to=routes::MOBILE_SECURITY class="mdm-link">{t.settings_back}</Link>
        </p>
        {move || match (session.get(), settings.get()) {
            (Some(Err(error)), _) | (_, Some(Err(error))) => view! { <LoadError error on_retry=retry/> }.into_any(),
            (Some(Ok(session)), Some(Ok(settings))) => view! { <SettingsForm session settings/> }.into_any(),
            _ => view! { <Skeleton blocks=vec![16, 12, 10]/> }.into_any(),
        }}
    }
}

#[component]
fn SettingsForm(session: Session, settings: Versioned<MdmSyncSettings>) -> impl IntoView {
    let t = use_env().t;
    let saved = RwSignal::new(settings);
    let initial = saved.with_untracked(|s| Editable::from(&s.value));
    let enabled = RwSignal::new(initial.enabled);
    let restrict = RwSignal::new(initial.restrict_other_domains);
    let mode = RwSignal::new(initial.key_mode);
    // Each mode keeps its own value, so that switching back and forth loses nothing the admin typed.
    let auto_key = RwSignal::new(initial.key_value.clone().filter(|_| initial.key_mode == KeyMode::Auto));
    let custom_text = RwSignal::new(initial.key_value.clone().filter(|_| initial.key_mode == KeyMode::Custom).unwrap_or_default());
    let key_shown = RwSignal::new(false);
    let random_error = RwSignal::new(false);
    let eligible = session.domain.plan.allows_mdm_sync();
    let locked = Signal::derive(move || !eligible);

    let key_value = Signal::derive(move || match mode.get() {
        KeyMode::Auto => auto_key.get(),
        KeyMode::Custom => Some(custom_text.get()),
    });
    let draft = Memo::new(move |_| Editable {
        enabled: enabled.get(),
        restrict_other_domains: restrict.get(),
        key_mode: mode.get(),
        key_value: key_value.get(),
    });
    let change = Memo::new(move |_| saved.with(|s| Change::between(&Editable::from(&s.value), &draft.get())));
    let key_error = Signal::derive(move || {
        if random_error.get() {
            return Some(t.random_failed.to_owned());
        }
        (mode.get() == KeyMode::Custom)
            .then(|| validate_key(&custom_text.get()).err().map(|e| t.key_error(&e)))
            .flatten()
    });
    let reissue = move || match generate_key(&mut WebCrypto) {
        Ok(key) => {
            random_error.set(false);
            auto_key.set(Some(key));
        }
        Err(_) => random_error.set(true),
    };
    let choose_mode = move |next: KeyMode| {
        mode.set(next);
        if next == KeyMode::Auto && auto_key.with_untracked(Option::is_none) {
            reissue();
        }
    };

    mark_ready();
    view! {
        <div class="mdm-settings">
            <div class="mdm-settings__bar">
                <button
                    type="button"
                    class="mdm-button mdm-button--primary"
                    disabled=move || change.get().is_empty() || key_error.with(Option::is_some) || locked.get()
                >
                    {t.save}
                </button>
            </div>
            {(!eligible).then(|| view! { <p class="mdm-notice">{t.plan_not_eligible_notice}</p> })}
            <section class="mdm-card" aria-labelledby="mdm-sync-switch">
                <Switch
                    id="mdm-sync-switch"
                    label=t.mdm_sync_title
                    checked=enabled
                    disabled=locked
                    described_by="mdm-sync-switch-help"
                    on_toggle=Callback::new(move |on| enabled.set(on))
                />
                <p class="mdm-card__text" id="mdm-sync-switch-help">{t.switch_description}</p>
                <RestrictOption checked=restrict disabled=locked on_change=Callback::new(move |on| restrict.set(on))/>
                <KeyField
                    mode
                    value=key_value
                    shown=key_shown
                    disabled=locked
                    error=key_error
                    on_mode=Callback::new(choose_mode)
                    on_show=Callback::new(move |show| key_shown.set(show))
                    on_input=Callback::new(move |text| custom_text.set(text))
                    on_reissue=Callback::new(move |_| reissue())
                />
                {move || saved.with(|s| {
                    s.value.updated_at.clone().zip(s.value.updated_by.clone())
                        .map(|(at, by)| view! { <p class="mdm-card__meta">{(t.last_updated)(&local_time(&at), &by.name)}</p> })
                })}
            </section>
            <AppConfig key_value shown=key_shown on_show=Callback::new(move |show| key_shown.set(show))/>
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
