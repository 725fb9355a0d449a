use leptos::either::{Either, EitherOf3};
use leptos::portal::Portal;
use leptos::prelude::*;

use super::use_panels_strings;
use crate::api::{parse, ApiError, Versioned};
use crate::context::use_env;
use crate::domain::api::Enforcement;
use crate::domain::gate::Reason;
use crate::domain::screen::ScreenState;
use crate::domain::sign_ins::{to_csv, Query, SignInEvent, SignInSummary, SignIns, PERIODS};
use crate::i18n::panels::PanelsStrings;
use crate::platform::{download, local_time_rfc3339, number};

/// The page size of the table and of each "Load more".
const PAGE: usize = 25;
/// What "Download CSV" asks for per request: the contract's maximum.
const CSV_PAGE: usize = 200;

/// The report as loaded: the query it answers, its summary, the events so far and where the next page starts.
#[derive(Clone, Default)]
struct Report {
    summary: SignInSummary,
    events: Vec<SignInEvent>,
    next_cursor: Option<String>,
}

/// "Sign-in checks" (`rollout.md` §3): the refused (or, in monitor mode, would-be-refused) sign-ins of the chosen
/// period, summed up by reason, platform and day, the latest first with what to do about each, and the whole
/// period as CSV. In the Apply dialog (`dialog`), for "Monitor only" → "Enforce": the last 7 days' numbers. Its
/// failure or slowness leaves the settings usable.
#[component]
pub fn SignInChecks(screen: Signal<ScreenState>, dialog: web_sys::Element) -> impl IntoView {
    let env = use_env();
    let (x, t) = (use_panels_strings(), env.t);
    let client = StoredValue::new(env.client.clone());
    let query = RwSignal::new(Query { limit: PAGE, ..Query::default() });
    let report = RwSignal::new(None::<Result<Report, ApiError>>);
    let more_failed = RwSignal::new(None::<ApiError>);
    let week = RwSignal::new(None::<SignInSummary>);
    let busy = RwSignal::new(false);
    // Each load is numbered: an answer to a query the admin has since changed is dropped.
    let generation = StoredValue::new(0_u32);
    let fetch = move |cursor: Option<String>| {
        let Some(query) = query.try_get_untracked() else { return };
        let append = cursor.is_some();
        let number = generation.try_update_value(|n| {
            *n += 1;
            *n
        });
        let Some(number) = number else { return };
        if !append {
            report.set(None);
        }
        busy.set(true);
        more_failed.set(None);
        let path = Query { cursor, ..query.clone() }.path();
        let answer = client.with_value(|client| client.get_raw(&path));
        leptos::task::spawn_local(async move {
            let page = answer.await.and_then(|raw| parse::<SignIns>(&raw.body, raw.etag));
            if generation.try_get_value() != Some(number) {
                return;
            }
            busy.try_set(false);
            match page {
                Ok(Versioned { value: page, .. }) => {
                    if query.days == 7 && query.reason.is_none() {
                        week.try_set(Some(page.summary.clone()));
                    }
                    report.try_update(|report| match report {
                        Some(Ok(current)) if append => {
                            current.events.extend(page.events);
                            current.next_cursor = page.next_cursor;
                        }
                        _ => {
                            *report = Some(Ok(Report {
                                summary: page.summary,
                                events: page.events,
                                next_cursor: page.next_cursor,
                            }))
                        }
                    });
                }
                Err(error) if append => {
                    more_failed.try_set(Some(error));
                }
                Err(error) => {
                    report.try_set(Some(Err(error)));
                }
            }
        });
    };
    // Loaded at first, again when the query changes, and after each save (the settings in force change). A memo,
    // as the screen's state changes at every keystroke, and `Effect::watch` runs whenever what it reads notifies.
    // The memo is read, not only tracked: a memo never computed has not subscribed to the screen, and never changes.
    let saves = Memo::new(move |_| screen.with(|s| s.saves));
    Effect::watch(move || (query.track(), saves.get()), move |_, _, _| fetch(None), true);
    let monitoring = Memo::new(move |_| screen.with(|s| s.enforcement == Enforcement::Monitor));
    let written = move |n: u32| number(t.locale, u64::from(n));
    let download_all = move |_| {
        let Some(query) = query.try_get_untracked() else { return };
        leptos::task::spawn_local(async move {
            let mut rows = Vec::new();
            let mut cursor = None;
            loop {
                let path = Query { cursor, limit: CSV_PAGE, ..query.clone() }.path();
                let Some(answer) = client.try_with_value(|client| client.get_raw(&path)) else { return };
                let Ok(page) = answer.await.and_then(|raw| parse::<SignIns>(&raw.body, raw.etag)) else {
                    more_failed.try_set(Some(ApiError::network()));
                    return;
                };
                rows.extend(page.value.events);
                match page.value.next_cursor {
                    Some(next) => cursor = Some(next),
                    None => break,
                }
            }
            download(&to_csv(&rows), &format!("sign-in-checks-{}d.csv", query.days), "text/csv;charset=utf-8");
        });
    };

    view! {
        <section class="mdm-card mdm-signins" aria-labelledby="mdm-signins-title">
            <h2 class="mdm-card__title" id="mdm-signins-title">{x.signins_title()}</h2>
            <p class="mdm-card__text">
                {move || if monitoring.get() { x.signins_intro_monitor() } else { x.signins_intro_enforce() }}
            </p>
            <div class="mdm-signins__controls">
                <label class="mdm-signins__choice">
                    {x.period()}
                    <select
                        class="mdm-select"
                        on:change=move |ev| {
                            if let Ok(days) = event_target_value(&ev).parse() {
                                query.update(|q| q.days = days);
                            }
                        }
                    >
                        {PERIODS.map(|days| view! {
                            <option value=days.to_string() selected=days == 7>
                                {x.period_days(u64::from(days), &written(days))}
                            </option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="mdm-signins__choice">
                    {x.reason()}
                    <select
                        class="mdm-select"
                        on:change=move |ev| query.update(|q| q.reason = Reason::parse(&event_target_value(&ev)))
                    >
                        <option value="" selected>{x.reason_all()}</option>
                        {Reason::ALL.map(|reason| view! {
                            <option value=reason.as_str()>{x.reason_explained(reason).0}</option>
                        }).collect_view()}
                    </select>
                </label>
                <button type="button" class="mdm-button mdm-button--secondary" on:click=move |_| fetch(None)>
                    {x.refresh()}
                </button>
                <button type="button" class="mdm-button mdm-button--secondary" on:click=download_all>
                    {x.download_csv()}
                </button>
            </div>
            {move || match report.get() {
                None => EitherOf3::A(view! { <p class="mdm-card__text" role="status">{x.signins_loading()}</p> }),
                Some(Err(_)) => EitherOf3::B(view! {
                    <p class="mdm-card__text">
                        {x.signins_unavailable()}" "
                        <button type="button" class="mdm-button mdm-button--secondary" on:click=move |_| fetch(None)>
                            {t.retry()}
                        </button>
                    </p>
                }),
                Some(Ok(loaded)) => EitherOf3::C(view! {
                    <Summary x locale=t.locale summary=loaded.summary.clone() monitoring=monitoring.get()/>
                    <Events x locale=t.locale events=loaded.events.clone() monitoring=monitoring.get()/>
                    <p class="mdm-card__meta" role="status">
                        {x.signins_shown(loaded.events.len() as u64, &written(loaded.events.len() as u32),
                            &written(loaded.summary.refused + loaded.summary.would_refuse))}
                    </p>
                    {loaded.next_cursor.clone().map(|cursor| view! {
                        <button
                            type="button"
                            class="mdm-button mdm-button--secondary"
                            aria-disabled=move || busy.get().then_some("true")
                            on:click=move |_| {
                                if !busy.get_untracked() {
                                    fetch(Some(cursor.clone()));
                                }
                            }
                        >
                            {x.load_more()}
                        </button>
                    })}
                }),
            }}
            <p class="mdm-card__text" role="alert" hidden=move || more_failed.with(Option::is_none)>
                {move || more_failed.get().map(|error| t.api_error_message(&error))}
            </p>
        </section>
        <Portal mount=dialog>
            <WeekLines x locale=t.locale screen week=week.into()/>
        </Portal>
    }
}

/// The period's counts: by outcome, by reason, by platform, and a chart by day with its table.
#[component]
fn Summary(x: &'static PanelsStrings, locale: &'static str, summary: SignInSummary, monitoring: bool) -> impl IntoView {
    let written = move |n: u32| number(locale, u64::from(n));
    let refused = summary.refused + summary.would_refuse;
    let highest = summary.by_day.iter().map(|day| day.count).max().unwrap_or(0).max(1);
    view! {
        <p class="mdm-signins__total">
            {if monitoring {
                x.signins_would_refuse(u64::from(refused), &written(refused))
            } else {
                x.signins_refused(u64::from(refused), &written(refused))
            }}
            " · "{x.signins_members(u64::from(summary.members), &written(summary.members))}
        </p>
        <div class="mdm-signins__breakdown">
            <table class="mdm-signins__counts">
                <caption>{x.signins_by_reason()}</caption>
                <tbody>
                    {summary.by_reason.iter().map(|(reason, n)| view! {
                        <tr><th scope="row">{x.reason_explained(*reason).0}</th><td>{written(*n)}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
            <table class="mdm-signins__counts">
                <caption>{x.signins_by_platform()}</caption>
                <tbody>
                    <tr><th scope="row">{x.platform_ios()}</th><td>{written(summary.by_platform.ios)}</td></tr>
                    <tr><th scope="row">{x.platform_android()}</th><td>{written(summary.by_platform.android)}</td></tr>
                </tbody>
            </table>
        </div>
        // The bars are for the eye; the table beside them says the same to a screen reader, and shows as the chart's
        // labels in forced-colors mode too.
        <figure class="mdm-signins__chart">
            <figcaption>{x.signins_by_day()}</figcaption>
            <div class="mdm-signins__bars" aria-hidden="true">
                {summary.by_day.iter().map(|day| {
                    // Through the CSSOM (`style:`), which the CSP allows, not a style attribute, which it refuses.
                    let height = format!("{}%", u64::from(day.count) * 100 / u64::from(highest));
                    view! { <span class="mdm-signins__bar" style:height=height></span> }
                }).collect_view()}
            </div>
            <table class="mdm-visually-hidden">
                <thead><tr><th scope="col">{x.signins_day()}</th><th scope="col">{x.signins_count()}</th></tr></thead>
                <tbody>
                    {summary.by_day.iter().map(|day| view! {
                        <tr><td>{day.date.clone()}</td><td>{written(day.count)}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </figure>
    }
}

/// The latest checks: when, who, on what device, and why, with what to do about it.
#[component]
fn Events(
    x: &'static PanelsStrings,
    locale: &'static str,
    events: Vec<SignInEvent>,
    monitoring: bool,
) -> impl IntoView {
    if events.is_empty() {
        return Either::Left(view! {
            <p class="mdm-card__text">{if monitoring { x.signins_empty_monitor() } else { x.signins_empty() }}</p>
        });
    }
    Either::Right(view! {
        <div class="mdm-signins__scroll" role="group" tabindex="0" aria-labelledby="mdm-signins-title">
            <table class="mdm-signins__table">
                <thead>
                    <tr>
                        <th scope="col">{x.signins_when()}</th>
                        <th scope="col">{x.signins_member()}</th>
                        <th scope="col">{x.signins_device()}</th>
                        <th scope="col">{x.reason()}</th>
                    </tr>
                </thead>
                <tbody>
                    {events.into_iter().map(|event| {
                        let (reason, advice) = event.reason.map(|r| x.reason_explained(r)).unwrap_or_default();
                        let platform = match event.device.platform {
                            crate::domain::readiness::DevicePlatform::Ios => x.platform_ios(),
                            crate::domain::readiness::DevicePlatform::Android => x.platform_android(),
                        };
                        view! {
                            <tr>
                                <td class="mdm-signins__when">{local_time_rfc3339(locale, &event.at)}</td>
                                <td>{event.member.name}<span class="mdm-signins__sub">{event.member.email}</span></td>
                                <td>
                                    {event.device.model}
                                    <span class="mdm-signins__sub">{format!("{platform} {}", event.device.os_version)}</span>
                                </td>
                                <td>{reason}<span class="mdm-signins__sub">{advice}</span></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    })
}

/// In "Apply these changes?", for "Monitor only" → "Enforce": how many sign-ins by how many members the monitor saw
/// refused in the last 7 days, by reason. Rendered into the dialog, where no context reaches: given all it needs.
#[component]
fn WeekLines(
    x: &'static PanelsStrings,
    locale: &'static str,
    screen: Signal<ScreenState>,
    week: Signal<Option<SignInSummary>>,
) -> impl IntoView {
    let written = move |n: u32| number(locale, u64::from(n));
    move || {
        if !screen.with(|s| s.change.enforces_monitored) {
            return None;
        }
        let week = week.get()?;
        let total = week.would_refuse + week.refused;
        Some(view! {
            <ul class="mdm-dialog__list">
                {if total == 0 {
                    Either::Left(view! { <li>{x.apply_week_none()}</li> })
                } else {
                    Either::Right(view! {
                        <li>
                            {x.apply_week(u64::from(total), &written(total), &written(week.members))}
                            <ul>
                                {week.by_reason.iter().map(|(reason, n)| view! {
                                    <li>{x.apply_week_reason(u64::from(*n), &written(*n), x.reason_explained(*reason).0)}</li>
                                }).collect_view()}
                            </ul>
                        </li>
                    })
                }}
            </ul>
        })
    }
}
