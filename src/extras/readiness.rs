use leptos::either::EitherOf3;
use leptos::portal::Portal;
use leptos::prelude::*;

use super::{use_extras_strings, KeyState};
use crate::api::load;
use crate::context::use_env;
use crate::domain::api::paths;
use crate::domain::readiness::{decode_base64url, fingerprint_from_digest, fingerprint_input, summarize, Counts, Readiness};
use crate::i18n::extras::ExtrasStrings;
use crate::platform::{number, sha256};

/// Device readiness (`readiness.md`): for the key value in the draft (saved or not), how many active devices already
/// carry it, and why the others do not, by platform; and, in the Apply dialog (`dialog`), what the change will do to
/// them. The key is fingerprinted in this browser and never sent. Its failure or slowness leaves the settings
/// usable: it says the numbers are unavailable, with Retry.
#[component]
pub fn ReadinessPanel(keys: Signal<KeyState>, signs_out: Signal<bool>, dialog: web_sys::Element) -> impl IntoView {
    let env = use_env();
    let (x, locale) = (use_extras_strings(), env.t.locale);
    let retry_label = env.t.retry();
    let (loaded, reload) = load::<Readiness>(&env.client, paths::MDM_SYNC_READINESS.into());
    // The key value the counts are for: the draft's when it is another one, else the saved one.
    let key = Memo::new(move |_| keys.with(|keys| keys.draft.clone().or_else(|| keys.saved.clone())));
    let salt = Memo::new(move |_| loaded.get().and_then(Result::ok).map(|readiness| readiness.value.salt));
    // The fingerprint of `key` under `salt`, once WebCrypto has it: with the key and salt it is of, so that an
    // answer about a key the admin has already changed is never shown.
    let fingerprint = RwSignal::new(None::<(Option<String>, String, Option<String>)>);
    Effect::new(move |_| {
        let (key, salt) = (key.get(), salt.get());
        let Some(salt) = salt else { return };
        let Some(value) = key.clone() else {
            fingerprint.set(Some((None, salt, None)));
            return;
        };
        leptos::task::spawn_local(async move {
            let Some(salt_bytes) = decode_base64url(&salt) else { return };
            let digest = sha256(&fingerprint_input(&salt_bytes, &value)).await;
            let print = digest.as_deref().and_then(fingerprint_from_digest);
            fingerprint.try_set(Some((Some(value), salt, print)));
        });
    });
    // The counts for the current key, or `None` while they are being made.
    let summary = Memo::new(move |_| {
        let readiness = loaded.get()?.ok()?.value;
        fingerprint.with(|current| {
            let (of_key, of_salt, print) = current.as_ref()?;
            (*of_key == key.get() && *of_salt == readiness.salt)
                .then(|| (summarize(&readiness.devices, print.as_deref()), readiness.window_days))
        })
    });
    let failed = move || matches!(loaded.get(), Some(Err(_)));
    let written = move |n: u32| number(locale, u64::from(n));

    view! {
        <section class="mdm-card mdm-readiness" aria-labelledby="mdm-readiness-title">
            <h2 class="mdm-card__title" id="mdm-readiness-title">{x.readiness_title()}</h2>
            {move || match (failed(), summary.get()) {
                (true, _) => EitherOf3::A(view! {
                    <p class="mdm-card__text">
                        {x.readiness_unavailable()}" "
                        <button type="button" class="mdm-button mdm-button--secondary" on:click=move |_| reload.run(())>
                            {retry_label}
                        </button>
                    </p>
                }),
                (false, None) => EitherOf3::B(view! { <p class="mdm-card__text">{x.readiness_loading()}</p> }),
                (false, Some((summary, days))) => EitherOf3::C(view! {
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
                            {rows(x).into_iter().map(|(label, pick)| view! {
                                <tr>
                                    <th scope="row">{label}</th>
                                    <td>{written(pick(&summary.ios))}</td>
                                    <td>{written(pick(&summary.android))}</td>
                                    <td>{written(pick(&summary.all))}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }),
            }}
            // Said once the counts change, so that a screen reader hears what typing a value did.
            <p class="mdm-readiness__summary" role="status">
                {move || summary.get().map(|(summary, _)| match key.with(Option::is_some) {
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
            <ApplyLines x locale signs_out summary=summary.into() unavailable=Signal::derive(failed)/>
        </Portal>
    }
}

/// The table's rows: what each kind of device does, and how to count it.
fn rows(x: &'static ExtrasStrings) -> [(&'static str, fn(&Counts) -> u32); 5] {
    [
        (x.readiness_ready(), |c| c.ready),
        (x.readiness_no_value(), |c| c.no_value),
        (x.readiness_other_value(), |c| c.other_value),
        (x.readiness_unmanaged(), |c| c.unmanaged),
        (x.readiness_without_enterprise(), |c| c.without_enterprise),
    ]
}

/// In "Apply these changes?", for a change that signs members out: who can sign in again at once, who waits for the
/// MDM, and who never can while sync is on. Rendered into the dialog, where no context reaches: given all it needs.
#[component]
fn ApplyLines(
    x: &'static ExtrasStrings,
    locale: &'static str,
    signs_out: Signal<bool>,
    summary: Signal<Option<(crate::domain::readiness::Summary, u32)>>,
    unavailable: Signal<bool>,
) -> impl IntoView {
    let written = move |n: u32| number(locale, u64::from(n));
    move || {
        if !signs_out.get() {
            return None;
        }
        if unavailable.get() {
            return Some(EitherOf3::A(view! { <ul class="mdm-dialog__list"><li>{x.apply_unavailable()}</li></ul> }));
        }
        let (summary, _) = summary.get()?;
        let all = summary.all;
        Some(match all.ready {
            0 => EitherOf3::B(view! {
                <ul class="mdm-dialog__list">
                    <li>{x.apply_none_ready()}</li>
                    <li>{x.apply_waiting(u64::from(all.waiting()), &written(all.waiting()))}</li>
                    <li>{x.apply_never(u64::from(all.never()), &written(all.never()))}</li>
                </ul>
            }),
            ready => EitherOf3::C(view! {
                <ul class="mdm-dialog__list">
                    <li>{x.apply_ready(u64::from(ready), &written(ready))}</li>
                    <li>{x.apply_waiting(u64::from(all.waiting()), &written(all.waiting()))}</li>
                    <li>{x.apply_never(u64::from(all.never()), &written(all.never()))}</li>
                </ul>
            }),
        })
    }
}
