use leptos::either::EitherOf4;
use leptos::prelude::*;

use crate::api::{audit_path, load, LoadReturn, Loaded};
use crate::context::use_env;
use crate::domain::api::AuditLog;
use crate::domain::embed::HostEvent;
use crate::i18n::panels::audit_action;
use crate::platform::local_time_rfc3339;

const AUDIT_EVENTS: u32 = 10;

/// The Activity log of the settings screen: loaded when the island mounts, and again after each save (`saves`).
#[component]
pub fn Activity(saves: Signal<u32>) -> impl IntoView {
    let env = use_env();
    let LoadReturn { loaded: log, reload } = load::<AuditLog>(&env.client, audit_path(AUDIT_EVENTS));
    Effect::watch(move || saves.get(), move |_, _, _| reload.run(()), false);
    view! { <ActivityLog log on_retry=reload/> }
}

/// The latest changes to the settings: who, when, what, and the fingerprint of the key at that time (never the key).
/// A failed load is told to an embedding page, as every failure the admin sees is.
#[component]
pub fn ActivityLog(log: Loaded<AuditLog>, on_retry: Callback<()>) -> impl IntoView {
    let env = use_env();
    let (t, host, x) = (env.t, env.host, super::use_panels_strings());
    view! {
        <section class="mdm-card" aria-labelledby="mdm-activity-title">
            <h2 class="mdm-card__title" id="mdm-activity-title">{x.activity_title()}</h2>
            {move || match log.get() {
                None => EitherOf4::A(view! { <p class="mdm-card__text">{t.loading()}</p> }),
                Some(Err(error)) => EitherOf4::B({
                    host.emit(&HostEvent::failed(&error, t.api_error_message(&error)));
                    view! {
                        <p class="mdm-card__text">
                            {t.api_error_message(&error)}" "
                            <button type="button" class="mdm-button mdm-button--secondary" on:click=move |_| on_retry.run(())>
                                {t.retry()}
                            </button>
                        </p>
                    }
                }),
                Some(Ok(log)) if log.value.events.is_empty() => EitherOf4::C(view! { <p class="mdm-card__text">{x.activity_empty()}</p> }),
                Some(Ok(log)) => EitherOf4::D(view! {
                    // A scroll box on narrow screens: reachable by the keyboard, and named for screen readers.
                    <div class="mdm-activity" role="group" tabindex="0" aria-labelledby="mdm-activity-title">
                        <table class="mdm-activity__table">
                            <thead>
                                <tr>
                                    <th scope="col">{x.activity_when()}</th>
                                    <th scope="col">{x.activity_who()}</th>
                                    <th scope="col">{x.activity_what()}</th>
                                    <th scope="col">{x.activity_fingerprint()}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {log.value.events.into_iter().map(|event| view! {
                                    <tr>
                                        <td class="mdm-activity__when">{local_time_rfc3339(t.locale, &event.at)}</td>
                                        <td>{event.actor.name}</td>
                                        <td>{audit_action(t, x, event.action, event.reason)}</td>
                                        <td><code class="mdm-code">{event.key_fingerprint.unwrap_or_default()}</code></td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }),
            }}
        </section>
    }
}
