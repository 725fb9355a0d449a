use leptos::either::{EitherOf3, EitherOf4};
use leptos::portal::Portal;
use leptos::prelude::*;

use super::{ask, use_panels_strings};
use crate::api::{load, LoadReturn};
use crate::context::use_env;
use crate::domain::api::paths;
use crate::domain::gate::PreviousKey;
use crate::domain::readiness::{
    decode_base64url, fingerprint_from_digest, fingerprint_input, summarize, Counts, Readiness, Summary,
};
use crate::domain::screen::{ScreenRequest, ScreenState};
use crate::i18n::panels::PanelsStrings;
use crate::platform::{local_time_rfc3339, number, sha256};

/// Device readiness (`readiness.md`): for the key value in the draft (saved or not), how many active devices already
/// carry it, and why the others do not, by platform; while a rotation runs, the "Key rotation" region with its end
/// and how far the new key has come; and, in the Apply dialog (`dialog`), what the change will do to the devices.
/// Keys are fingerprinted in this browser and never sent. Its failure or slowness leaves the settings usable: it says
/// the numbers are unavailable, with Retry.
#[component]
pub fn ReadinessPanel(screen: Signal<ScreenState>, dialog: web_sys::Element) -> impl IntoView {
    let env = use_env();
    let (x, locale) = (use_panels_strings(), env.t.locale);
    let retry_label = env.t.retry();
    let LoadReturn { loaded, reload } = load::<Readiness>(&env.client, paths::MDM_SYNC_READINESS.into());
    // The values to fingerprint: the key the counts are for (the draft's when it is another one, else the saved
    // one), and the saved key, which a new key's overlap would keep valid.
    let keys =
        Memo::new(move |_| screen.with(|s| [s.draft_key.clone().or_else(|| s.saved_key.clone()), s.saved_key.clone()]));
    let salt = Memo::new(move |_| loaded.get().and_then(Result::ok).map(|readiness| readiness.value.salt));
    // The fingerprints of `keys` under `salt`, once WebCrypto has them: with the keys and salt they are of, so that
    // an answer about a key the admin has already changed is never shown.
    let prints = RwSignal::new(None::<Fingerprints>);
    Effect::new(move |_| {
        let (keys, salt) = (keys.get(), salt.get());
        let Some(salt) = salt else { return };
        leptos::task::spawn_local(async move {
            let Some(salt_bytes) = decode_base64url(&salt) else { return };
            let mut of = [None, None];
            for (print, value) in of.iter_mut().zip(&keys) {
                if let Some(value) = value {
                    let digest = sha256(&fingerprint_input(&salt_bytes, value)).await;
                    *print = digest.as_deref().and_then(fingerprint_from_digest);
                }
            }
            prints.try_set(Some(Fingerprints { keys, salt, of }));
        });
    });
    // The counts for the current keys, or `None` while they are being made.
    let counted = Memo::new(move |_| {
        let readiness = loaded.get()?.ok()?.value;
        let current = prints.with(|p| p.clone())?;
        if current.keys != keys.get() || current.salt != readiness.salt {
            return None;
        }
        let [key, saved] = current.of;
        let (rotation, change) = screen.with(|s| (s.rotation.clone(), s.change));
        let running = rotation.map(|r| r.previous_key_fingerprint);
        // The previous key the table counts apart: the saved key when the draft keeps it valid, else a running one's.
        let previous = if change.overlap_started { saved.clone() } else { running.clone() };
        Some(Counted {
            summary: summarize(&readiness.devices, key.as_deref(), still_valid(previous.as_deref())),
            rotation: summarize(&readiness.devices, saved.as_deref(), still_valid(running.as_deref())).all,
            days: readiness.window_days,
        })
    });
    let failed = move || matches!(loaded.get(), Some(Err(_)));
    let written = move |n: u32| number(locale, u64::from(n));
    let rotation_end = move || screen.with(|s| s.rotation.as_ref().map(|r| local_time_rfc3339(locale, &r.valid_until)));
    let end_overlap = move |event: leptos::ev::MouseEvent| {
        ask(&event, ScreenRequest { end_overlap: true, ..ScreenRequest::default() })
    };

    view! {
        {move || rotation_end().map(|until| view! {
            <section class="mdm-card mdm-rotation" aria-labelledby="mdm-rotation-title">
                <h2 class="mdm-card__title" id="mdm-rotation-title">{x.rotation_title()}</h2>
                <p class="mdm-card__text">{x.rotation_until(&until)}</p>
                <ul class="mdm-card__text">
                    {move || counted.get().map(|c| view! {
                        <li>{x.rotation_new_key(u64::from(c.rotation.ready), &written(c.rotation.ready))}</li>
                        <li>{x.rotation_previous_key(u64::from(c.rotation.previous_key), &written(c.rotation.previous_key))}</li>
                    })}
                </ul>
                <button type="button" class="mdm-button mdm-button--secondary" on:click=end_overlap>
                    {x.end_overlap()}
                </button>
            </section>
        })}
        <section class="mdm-card mdm-readiness" aria-labelledby="mdm-readiness-title">
            <h2 class="mdm-card__title" id="mdm-readiness-title">{x.readiness_title()}</h2>
            {move || match (failed(), counted.get()) {
                (true, _) => EitherOf3::A(view! {
                    <p class="mdm-card__text">
                        {x.readiness_unavailable()}" "
                        <button type="button" class="mdm-button mdm-button--secondary" on:click=move |_| reload.run(())>
                            {retry_label}
                        </button>
                    </p>
                }),
                (false, None) => EitherOf3::B(view! { <p class="mdm-card__text">{x.readiness_loading()}</p> }),
                (false, Some(Counted { summary, days, .. })) => EitherOf3::C(view! {
                    <p class="mdm-card__text">{x.readiness_intro(&written(days))}</p>
                    <table class="mdm-readiness__table">
                        <thead>
                            <tr>
                                <th scope="col">{x.readiness_devices()}</th>
                                <th scope="col">{x.platform_ios()}</th>
                                <th scope="col">{x.platform_android()}</th>
                                <th scope="col">{x.readiness_all()}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {rows(x).into_iter().filter(|row| row.label != x.readiness_previous_key() || (row.count)(&summary.all) > 0).map(|Row { label, count }| view! {
                                <tr>
                                    <th scope="row">{label}</th>
                                    <td>{written(count(&summary.ios))}</td>
                                    <td>{written(count(&summary.android))}</td>
                                    <td>{written(count(&summary.all))}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }),
            }}
            // Said once the counts change, so that a screen reader hears what typing a value did.
            <p class="mdm-readiness__summary" role="status">
                {move || counted.get().map(|Counted { summary, .. }| match keys.with(|k| k[0].is_some()) {
                    true => x.readiness_summary(
                        u64::from(summary.all.ready),
                        &written(summary.all.ready),
                        &written(summary.all.total()),
                    ),
                    false => x.readiness_no_key().to_owned(),
                })}
            </p>
        </section>
        <Portal mount=dialog>
            <ApplyLines x locale screen counted=counted.into() unavailable=Signal::derive(failed)/>
        </Portal>
    }
}

fn still_valid(fingerprint: Option<&str>) -> Option<PreviousKey<'_>> {
    fingerprint.map(|fingerprint| PreviousKey { fingerprint, valid: true })
}

#[derive(Clone, PartialEq)]
struct Fingerprints {
    keys: [Option<String>; 2],
    salt: String,
    of: [Option<String>; 2],
}

#[derive(Clone, Copy, PartialEq)]
struct Counted {
    summary: Summary,
    /// For the saved key, with a running overlap's previous key.
    rotation: Counts,
    days: u32,
}

/// A row of the readiness table: what a kind of device does, and how to count it in a [`Counts`].
struct Row {
    label: &'static str,
    count: fn(&Counts) -> u32,
}

/// The table's rows, in order.
fn rows(x: &'static PanelsStrings) -> [Row; 6] {
    [
        Row { label: x.readiness_ready(), count: |c| c.ready },
        // Listed only while a previous key is counted apart.
        Row { label: x.readiness_previous_key(), count: |c| c.previous_key },
        Row { label: x.readiness_no_value(), count: |c| c.no_value },
        Row { label: x.readiness_other_value(), count: |c| c.other_value },
        Row { label: x.readiness_unmanaged(), count: |c| c.unmanaged },
        Row { label: x.readiness_without_enterprise(), count: |c| c.without_enterprise },
    ]
}

/// In "Apply these changes?": for a change that signs members out, who can sign in again at once, who waits for the
/// MDM, and who never can while sync is on; for a new key with an overlap, who carries only the previous key; when
/// the previous key stops, who is signed out. Rendered into the dialog, where no context reaches: given all it needs.
#[component]
fn ApplyLines(
    x: &'static PanelsStrings,
    locale: &'static str,
    screen: Signal<ScreenState>,
    counted: Signal<Option<Counted>>,
    unavailable: Signal<bool>,
) -> impl IntoView {
    let written = move |n: u32| number(locale, u64::from(n));
    move || {
        let change = screen.with(|s| s.change);
        if !(change.signs_out || change.overlap_started || change.previous_key_stops) {
            return None;
        }
        if unavailable.get() {
            return Some(EitherOf4::A(view! { <ul class="mdm-dialog__list"><li>{x.apply_unavailable()}</li></ul> }));
        }
        let Counted { summary, rotation, .. } = counted.get()?;
        let all = summary.all;
        if change.previous_key_stops {
            // The devices on the previous key that stops now: counted for the saved key with the running overlap's.
            let out = rotation.previous_key;
            return Some(EitherOf4::B(view! {
                <ul class="mdm-dialog__list"><li>{x.apply_previous_out(u64::from(out), &written(out))}</li></ul>
            }));
        }
        if change.overlap_started && !change.signs_out {
            let only = all.previous_key;
            return Some(EitherOf4::C(view! {
                <ul class="mdm-dialog__list"><li>{x.apply_previous_only(u64::from(only), &written(only))}</li></ul>
            }));
        }
        Some(EitherOf4::D(view! {
            <ul class="mdm-dialog__list">
                <li>
                    {match all.ready {
                        0 => x.apply_none_ready().to_owned(),
                        ready => x.apply_ready(u64::from(ready), &written(ready)),
                    }}
                </li>
                <li>{x.apply_waiting(u64::from(all.waiting()), &written(all.waiting()))}</li>
                <li>{x.apply_never(u64::from(all.never()), &written(all.never()))}</li>
            </ul>
        }))
    }
}
