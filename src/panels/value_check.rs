use leptos::either::Either;
use leptos::prelude::*;

use super::{use_panels_strings, KeyState};
use crate::context::use_strings;
use crate::domain::kit::{check_value, Against, Mdm, Verdict};
use crate::platform::number;

/// "Does your MDM hold the right value?": the value pasted from the MDM, a device's report or a document, compared
/// with the saved key (and the draft's) in this browser, for the MDM chosen above, and the answer in a live region.
/// The value is masked as the key is, sent nowhere, and forgotten when the admin leaves the screen. A text area, not
/// a text box: a pasted line break must reach the check to be named.
#[component]
pub fn ValueCheck(keys: Signal<KeyState>, mdm: Signal<Mdm>) -> impl IntoView {
    let x = use_panels_strings();
    let t = use_strings();
    let pasted = RwSignal::new(String::new());
    let verdict = RwSignal::new(None::<(Verdict, Mdm)>);
    // A verdict is about the keys and the MDM it was made for: when either changes, it no longer stands.
    Effect::watch(
        move || (keys.with(|keys| (keys.saved.clone(), keys.draft.clone())), mdm.get()),
        move |_, _, _| verdict.set(None),
        false,
    );
    let check = move |_| {
        let mdm = mdm.get_untracked();
        let answer = keys.with_untracked(|keys| {
            pasted.with_untracked(|value| check_value(value, keys.saved.as_deref(), keys.draft.as_deref(), mdm))
        });
        verdict.set(Some((answer, mdm)));
    };
    let answer = move || {
        verdict.get().map(|(verdict, mdm)| match verdict {
            Verdict::Read(reading) => {
                let matches = reading.matches();
                let (title, class) = match (matches, reading.against) {
                    (true, Against::Saved) => {
                        (x.verdict_matches(), "mdm-kit__verdict-title mdm-kit__verdict-title--right")
                    }
                    (true, Against::Draft) => (x.verdict_matches_draft(), "mdm-kit__verdict-title"),
                    (false, _) => (x.verdict_title(&reading), "mdm-kit__verdict-title mdm-kit__verdict-title--wrong"),
                };
                let found = reading.found_in.as_ref().map(|found| x.found_in(found));
                let lines: Vec<String> =
                    reading.differences.iter().map(|d| x.difference(d, mdm, |n| number(t.locale, n))).collect();
                Either::Left(view! {
                    <p class=class>{title}</p>
                    {found.map(|found| view! { <p class="mdm-card__text">{found}</p> })}
                    {(!lines.is_empty()).then(|| view! {
                        <ul class="mdm-kit__differences">
                            {lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                        </ul>
                    })}
                })
            }
            verdict => Either::Right(view! {
                <p class="mdm-kit__verdict-title">
                    {if verdict == Verdict::Empty { x.verdict_empty() } else { x.verdict_nothing_saved() }}
                </p>
            }),
        })
    };
    view! {
        <h3 class="mdm-kit__heading">{x.check_title()}</h3>
        <p class="mdm-card__text" id="mdm-kit-check-help">{x.check_intro()}</p>
        <label class="mdm-field__label" for="mdm-kit-check-value">{x.value_in_mdm()}</label>
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
            <button type="button" class="mdm-button" on:click=check>{x.check_value()}</button>
        </div>
        <div class="mdm-kit__verdict" role="status">{answer}</div>
    }
}
