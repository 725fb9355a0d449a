//! What the settings screen says about saving: the outcome of the last save, and members being signed out.

use leptos::prelude::*;

use crate::context::use_strings;
use crate::domain::api::MdmSyncSettings;
use crate::domain::change::{Change, Editable};
use crate::domain::settings::{Action, Outcome, SettingsState};
use crate::i18n::Strings;
use crate::platform::{confirm, local_time, local_time_rfc3339, now_unix, parse_instant};

/// "Saved" (or, after a Re-issue, that a new key waits to be saved), and while members are being signed out, by what
/// time. A live region that is always in the page, so that screen readers announce what appears in it.
#[component]
pub fn SaveStatus(state: RwSignal<SettingsState>) -> impl IntoView {
    let t = use_strings();
    let saved = move || {
        state.with(|s| match s.outcome {
            _ if s.key_reissued && !s.saving => Some(t.key_reissued()),
            Some(Outcome::Saved) => Some(t.saved()),
            _ => None,
        })
    };
    let signing_out = move || {
        let deadline = state.with(|s| s.saved.logout_deadline.as_deref().and_then(parse_instant))?;
        (deadline > now_unix()).then(|| t.signing_out_until(&local_time(t.locale, deadline)))
    };
    view! {
        <div class="mdm-status" role="status">
            <p class="mdm-status__saved" hidden=move || saved().is_none()>{saved}</p>
            <p class="mdm-notice" hidden=move || signing_out().is_none()>{signing_out}</p>
        </div>
    }
}

/// A failed save: what went wrong, and what helps. Nothing the admin chose is lost.
#[component]
pub fn SaveFailure(state: RwSignal<SettingsState>, dispatch: Callback<Action>) -> impl IntoView {
    let t = use_strings();
    let failure = move || {
        state.with(|s| match &s.outcome {
            Some(Outcome::Failed(error)) => Some((t.api_error_message(error), error.can_retry(), false)),
            Some(Outcome::Conflict(error)) => {
                let who_when = error.current.as_deref().map(|c| &c.settings).and_then(|current| {
                    let when = local_time_rfc3339(t.locale, current.updated_at.as_deref()?);
                    Some(t.conflict(&current.updated_by.as_ref()?.name, &when, &their_changes(t, &s.saved, current)))
                });
                Some((who_when.unwrap_or_else(|| t.conflict_unknown().to_owned()), false, true))
            }
            _ => None,
        })
    };
    move || {
        failure().map(|(message, retryable, conflict)| view! {
            <div class="mdm-alert mdm-alert--error" role="alert">
                <p class="mdm-alert__title">{t.save_failed()}</p>
                <p class="mdm-alert__body">{message}</p>
                <div class="mdm-alert__actions">
                    <button type="button" class="mdm-button" hidden=!retryable on:click=move |_| dispatch.run(Action::Send)>
                        {t.retry()}
                    </button>
                    <button type="button" class="mdm-button" hidden=!conflict on:click=move |_| {
                        if confirm(t.reload_discards()) {
                            dispatch.run(Action::Rebase(false));
                        }
                    }>
                        {t.reload()}
                    </button>
                    <button type="button" class="mdm-button" hidden=!conflict on:click=move |_| dispatch.run(Action::Rebase(true))>
                        {t.keep_my_changes()}
                    </button>
                </div>
            </div>
        })
    }
}

/// What the other admin changed, from the settings this screen was based on to theirs, in the Activity log's words.
fn their_changes(t: &Strings, base: &MdmSyncSettings, theirs: &MdmSyncSettings) -> String {
    let change = Change::between(&Editable::from(base), &Editable::from(theirs));
    let restrict = if theirs.restrict_other_domains { t.audit_restrict_on() } else { t.audit_restrict_off() };
    [
        (change.turned_on, t.audit_enabled()),
        (change.turned_off, t.audit_disabled()),
        (change.key_changed, t.audit_key_changed()),
        (change.restrict_changed, restrict),
        (change.enforcement_changed, t.audit_enforcement_changed()),
        (change.overlap_started || change.overlap_moved || change.overlap_ended_early, t.audit_rotation_changed()),
    ]
    .into_iter()
    .filter(|(changed, _)| *changed)
    .fold(
        String::new(),
        |list, (_, name)| if list.is_empty() { name.to_owned() } else { list + t.list_separator() + name },
    )
}
