//! The settings form's two rollout controls (`rollout.md`): "Enforcement" while sync is on, and "Keep the previous
//! key valid" with its "Overlap" while a new key is in the draft. Both send actions of the shared state machine.

use leptos::prelude::*;

use crate::context::use_strings;
use crate::domain::api::Enforcement;
use crate::domain::settings::{Action, SettingsState, OVERLAP_CHOICES};
use crate::platform::number;

/// The "Enforcement" radio group, each choice with what it does.
#[component]
pub fn EnforcementOption(state: RwSignal<SettingsState>, dispatch: Callback<Action>, locked: Signal<bool>) -> impl IntoView {
    let t = use_strings();
    let choice = move |option: Enforcement, label: &'static str, help: &'static str, id: &'static str| {
        view! {
            <label class="mdm-rollout__option">
                <input
                    type="radio"
                    name="mdm-enforcement"
                    class="mdm-rollout__box"
                    aria-describedby=id
                    prop:checked=move || state.with(|s| s.enforcement == option)
                    disabled=move || locked.get()
                    on:change=move |_| dispatch.run(Action::SetEnforcement(option))
                />
                <span>
                    <span class="mdm-rollout__name">{label}</span>
                    <span class="mdm-rollout__help" id=id>{help}</span>
                </span>
            </label>
        }
    };
    view! {
        <div role="radiogroup" class="mdm-rollout" aria-labelledby="mdm-enforcement-legend">
            <p class="mdm-field__label" id="mdm-enforcement-legend">{t.enforcement()}</p>
            {choice(Enforcement::Monitor, t.enforcement_monitor(), t.enforcement_monitor_help(), "mdm-monitor-help")}
            {choice(Enforcement::Enforce, t.enforcement_enforce(), t.enforcement_enforce_help(), "mdm-enforce-help")}
        </div>
    }
}

/// "Keep the previous key valid", and for how long ("Overlap").
#[component]
pub fn OverlapOption(state: RwSignal<SettingsState>, dispatch: Callback<Action>) -> impl IntoView {
    let t = use_strings();
    let keep = move || state.with(|s| s.keep_previous);
    view! {
        <div class="mdm-rollout">
            <label class="mdm-rollout__option">
                <input
                    type="checkbox"
                    class="mdm-rollout__box"
                    aria-describedby="mdm-keep-help"
                    prop:checked=keep
                    on:change=move |ev| dispatch.run(Action::KeepPrevious(event_target_checked(&ev)))
                />
                <span>
                    <span class="mdm-rollout__name">{t.keep_previous()}</span>
                    <span class="mdm-rollout__help" id="mdm-keep-help">{t.keep_previous_help()}</span>
                </span>
            </label>
            <label class="mdm-rollout__overlap" hidden=move || !keep()>
                {t.overlap()}
                // Chosen by position: no number is parsed or written for it (that would link integer parsing).
                <select
                    class="mdm-select"
                    on:change=move |ev| {
                        let index = event_target::<web_sys::HtmlSelectElement>(&ev).selected_index();
                        if let Some(secs) = usize::try_from(index).ok().and_then(|i| OVERLAP_CHOICES.get(i)) {
                            dispatch.run(Action::ChooseOverlap(*secs));
                        }
                    }
                >
                    {OVERLAP_CHOICES
                        .map(|secs| {
                            let label = t.overlap_choice(secs, |n| number(t.locale, n));
                            view! { <option selected=move || state.with(|s| s.overlap_secs == secs)>{label}</option> }
                        })
                        .collect_view()}
                </select>
            </label>
        </div>
    }
}
