//! The settings form's two rollout controls (`rollout.md`), drawn by the second module into places the form keeps
//! for them: "Enforcement" while sync is on in the draft, and "Keep the previous key valid" with its "Overlap" while a
//! new key is in the draft. The form's state machine holds their values; they ask for each change with a
//! [`ScreenRequest`].

use leptos::prelude::*;

use super::{ask, use_panels_strings};
use crate::context::use_env;
use crate::domain::api::Enforcement;
use crate::domain::screen::{ScreenRequest, ScreenState};
use crate::domain::settings::OVERLAP_CHOICES;
use crate::platform::number;

/// The "Enforcement" radio group, each choice with what it does.
#[component]
pub fn EnforcementOption(screen: Signal<ScreenState>) -> impl IntoView {
    let x = use_panels_strings();
    let shown = Memo::new(move |_| screen.with(|s| s.draft.enabled));
    let choice = move |option: Enforcement, label: &'static str, help: &'static str, id: &'static str| {
        view! {
            <label class="mdm-rollout__option">
                <input
                    type="radio"
                    name="mdm-enforcement"
                    class="mdm-rollout__box"
                    aria-describedby=id
                    prop:checked=move || screen.with(|s| s.draft.enforcement == option)
                    disabled=move || screen.with(|s| s.draft.locked)
                    on:change=move |ev| ask(&ev, ScreenRequest { enforcement: Some(option), ..ScreenRequest::default() })
                />
                <span>
                    <span class="mdm-rollout__name">{label}</span>
                    <span class="mdm-rollout__help" id=id>{help}</span>
                </span>
            </label>
        }
    };
    move || {
        shown.get().then(|| view! {
            <div role="radiogroup" class="mdm-rollout" aria-labelledby="mdm-enforcement-legend">
                <p class="mdm-field__label" id="mdm-enforcement-legend">{x.enforcement()}</p>
                {choice(Enforcement::Monitor, x.enforcement_monitor(), x.enforcement_monitor_help(), "mdm-monitor-help")}
                {choice(Enforcement::Enforce, x.enforcement_enforce(), x.enforcement_enforce_help(), "mdm-enforce-help")}
            </div>
        })
    }
}

/// "Keep the previous key valid", and for how long ("Overlap").
#[component]
pub fn OverlapOption(screen: Signal<ScreenState>) -> impl IntoView {
    let x = use_panels_strings();
    let locale = use_env().t.locale;
    let shown = Memo::new(move |_| screen.with(|s| s.draft.can_keep_previous));
    let keep = move || screen.with(|s| s.draft.keep_previous);
    move || {
        shown.get().then(|| view! {
            <div class="mdm-rollout">
                <label class="mdm-rollout__option">
                    <input
                        type="checkbox"
                        class="mdm-rollout__box"
                        aria-describedby="mdm-keep-help"
                        prop:checked=keep
                        on:change=move |ev| {
                            let keep = event_target_checked(&ev);
                            ask(&ev, ScreenRequest { keep_previous: Some(keep), ..ScreenRequest::default() });
                        }
                    />
                    <span>
                        <span class="mdm-rollout__name">{x.keep_previous()}</span>
                        <span class="mdm-rollout__help" id="mdm-keep-help">{x.keep_previous_help()}</span>
                    </span>
                </label>
                <label class="mdm-rollout__overlap" hidden=move || !keep()>
                    {x.overlap()}
                    // Chosen by position: no number is parsed or written for it.
                    <select
                        class="mdm-select"
                        on:change=move |ev| {
                            let index = event_target::<web_sys::HtmlSelectElement>(&ev).selected_index();
                            if let Some(secs) = usize::try_from(index).ok().and_then(|i| OVERLAP_CHOICES.get(i)) {
                                ask(&ev, ScreenRequest { overlap_secs: Some(*secs), ..ScreenRequest::default() });
                            }
                        }
                    >
                        {OVERLAP_CHOICES
                            .map(|secs| {
                                let label = x.overlap_choice(secs, |n| number(locale, n));
                                view! {
                                    <option selected=move || screen.with(|s| s.draft.overlap_secs == secs)>{label}</option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
            </div>
        })
    }
}
