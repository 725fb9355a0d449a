use leptos::either::Either;
use leptos::prelude::*;

use super::{use_extras_strings, KeyState};
use crate::context::use_strings;
use crate::domain::kit::{check_value, Verdict};
use crate::platform::number;

/// "Does your MDM hold the right value?": the value pasted from the MDM, compared with the saved key in this
/// browser, and the answer in a live region. The value is masked as the key is, sent nowhere, and forgotten when the
/// admin leaves the screen. A text area, not a text box: a pasted line break must reach the check to be named.
#[component]
pub fn ValueCheck(keys: Signal<KeyState>) -> impl IntoView {
    let k = use_extras_strings();
    let t = use_strings();
    let pasted = RwSignal::new(String::new());
    let verdict = RwSignal::new(None::<Verdict>);
    // A verdict is about the key it was made against: when that changes, it no longer stands.
    Effect::watch(move || keys.with(|keys| (keys.saved.clone(), keys.draft.clone())), move |_, _, _| verdict.set(None), false);
    let check = move |_| {
        let answer = keys.with_untracked(|keys| {
            pasted.with_untracked(|value| check_value(value, keys.saved.as_deref(), keys.draft.as_deref()))
        });
        verdict.set(Some(answer));
    };
    let answer = move || {
        verdict.get().map(|verdict| match verdict {
            Verdict::Differs(differences) => Either::Left(view! {
                <p class="mdm-kit__verdict-title mdm-kit__verdict-title--wrong">{k.verdict_differs()}</p>
                <ul class="mdm-kit__differences">
                    {differences.iter().map(|difference| view! {
                        <li>{k.difference(difference, |n| number(t.locale, n))}</li>
                    }).collect_view()}
                </ul>
            }),
            verdict => Either::Right(view! {
                <p class=if verdict == Verdict::Matches { "mdm-kit__verdict-title mdm-kit__verdict-title--right" } else { "mdm-kit__verdict-title" }>
                    {match verdict {
                        Verdict::Empty => k.verdict_empty(),
                        Verdict::NothingSaved => k.verdict_nothing_saved(),
                        Verdict::Matches => k.verdict_matches(),
                        _ => k.verdict_matches_draft(),
                    }}
                </p>
            }),
        })
    };
    view! {
        <h3 class="mdm-kit__heading">{k.check_title()}</h3>
        <p class="mdm-card__text" id="mdm-kit-check-help">{k.check_intro()}</p>
        <label class="mdm-field__label" for="mdm-kit-check-value">{k.value_in_mdm()}</label>
        <div class="mdm-kit__check">
            <textarea
                id="mdm-kit-check-value"
                class="mdm-input mdm-kit__value"
                class:mdm-key__input--masked=move || !keys.with(|keys| keys.shown)
                rows="2"
                autocomplete="off"
                spellcheck="false"
                autocapitalize="off"
                aria-describedby="mdm-kit-check-help"
                prop:value=move || pasted.get()
                on:input=move |event| pasted.set(event_target_value(&event))
            ></textarea>
            <button type="button" class="mdm-button" on:click=check>{k.check_value()}</button>
        </div>
        <div class="mdm-kit__verdict" role="status">{answer}</div>
    }
}
