use super::*;
use crate::domain::api::CONFIG_KEY;
use crate::domain::change::Consequence;
use crate::domain::key::RandomError;

/// Counts up from a seed, so that each generated key differs and is predictable.
struct Counter(u8);
impl RandomSource for Counter {
    fn fill(&mut self, buf: &mut [u8]) -> Result<(), RandomError> {
        for b in buf.iter_mut() {
            self.0 = self.0.wrapping_add(1) % 248;
            *b = self.0;
        }
        Ok(())
    }
}

struct Broken;
impl RandomSource for Broken {
    fn fill(&mut self, _: &mut [u8]) -> Result<(), RandomError> {
        Err(RandomError)
    }
}

const KEY: &str = "Qx7vR2mK9pL4sT8wZ3nB6yH1cF5gJ0dA2eU7iO4k";
const IMPACT: Impact = Impact { member_count: 1024, exception_count: 3, lineworks_mdm_enabled: true };

fn settings(enabled: bool, restrict: bool, mode: KeyMode, key: Option<&str>) -> MdmSyncSettings {
    MdmSyncSettings {
        enabled,
        restrict_other_domains: restrict,
        key_mode: mode,
        key_value: key.map(str::to_owned),
        config_key: CONFIG_KEY.into(),
        value_type: "String".into(),
        updated_at: None,
        updated_by: None,
        logout_deadline: None,
        enforcement: Enforcement::Enforce,
        rotation: None,
    }
}

fn off_never_issued() -> SettingsState {
    SettingsState::new(settings(false, false, KeyMode::Auto, None), Some("\"1\"".into()), IMPACT, true)
}

fn on_with_key() -> SettingsState {
    SettingsState::new(settings(true, false, KeyMode::Auto, Some(KEY)), Some("\"2\"".into()), IMPACT, true)
}

fn http(status: u16, code: &str, field: Option<&str>) -> ApiError {
    let body = format!(
        r#"{{"error":{{"code":"{code}","message":"m","field":{}}}}}"#,
        field.map_or("null".into(), |f| format!("\"{f}\""))
    );
    ApiError::from_response(status, None, None, serde_json::from_str(&body).ok())
}

#[test]
fn a_fresh_screen_is_clean_and_cannot_save() {
    let state = off_never_issued();
    assert!(!state.is_dirty());
    assert!(!state.can_save());
    assert_eq!(state.key_problem(), None);
}

#[test]
fn turning_on_asks_first_and_cancel_leaves_it_off() {
    let mut state = off_never_issued();
    state.toggle(true);
    assert_eq!(state.dialog, Some(Confirmation::Precautions));
    assert!(!state.enabled);
    state.dismiss_dialog();
    assert_eq!((state.dialog, state.enabled, state.is_dirty()), (None, false, false));
}

#[test]
fn ok_turns_the_draft_on_and_issues_a_key() {
    let mut state = off_never_issued();
    state.toggle(true);
    state.accept_precautions(&mut Counter(0));
    assert!(state.enabled && state.dialog.is_none());
    let key = state.auto_key.clone().expect("a key is issued");
    assert_eq!(validate_key(&key), Ok(()));
    assert!(state.can_save());
    assert_eq!(state.request_save(&mut Counter(9)), SaveStep::Confirm);
    assert_eq!(state.dialog, Some(Confirmation::Apply));
    assert!(matches!(state.consequences(0)[0], Consequence::MembersSignedOut { members: 1024, by_unix: 600 }));
}

#[test]
fn a_failing_random_source_is_shown_and_blocks_saving() {
    let mut state = off_never_issued();
    state.toggle(true);
    state.accept_precautions(&mut Broken);
    assert_eq!(state.key_problem(), Some(KeyProblem::RandomFailed));
    assert!(!state.can_save());
    state.reissue(&mut Counter(0));
    assert_eq!(state.key_problem(), None);
}

#[test]
fn apply_sends_the_draft_with_its_version_and_a_new_idempotency_key() {
    let mut state = off_never_issued();
    state.toggle(true);
    state.accept_precautions(&mut Counter(0));
    state.request_save(&mut Counter(50));
    let SaveStep::Send(out) = state.send(&mut Counter(50)) else { panic!("nothing sent") };
    assert!(out.update.enabled);
    assert_eq!(out.etag.as_deref(), Some("\"1\""));
    assert_eq!(out.idempotency_key.len(), 40);
    assert!(state.saving && !state.can_save(), "Save is disabled while a save is in flight");
    assert_eq!(state.send(&mut Counter(50)), SaveStep::Nothing, "a double click sends nothing twice");
}

#[test]
fn a_retry_of_the_same_draft_reuses_its_idempotency_key_and_a_new_draft_gets_a_new_one() {
    let mut state = on_with_key();
    state.restrict = true;
    state.dialog = Some(Confirmation::Apply);
    let SaveStep::Send(first) = state.send(&mut Counter(1)) else { panic!() };
    state.failed(ApiError::network());
    assert!(state.is_dirty(), "the draft is kept after a failure");
    let SaveStep::Send(retry) = state.send(&mut Counter(99)) else { panic!() };
    assert_eq!(retry.idempotency_key, first.idempotency_key);
    state.failed(ApiError::timeout());
    state.restrict = false;
    state.mode = KeyMode::Custom;
    state.custom_text = "another-Custom-value-42".into();
    let SaveStep::Send(other) = state.send(&mut Counter(99)) else { panic!() };
    assert_ne!(other.idempotency_key, first.idempotency_key);
}

#[test]
fn success_makes_the_draft_the_saved_state() {
    let mut state = off_never_issued();
    state.toggle(true);
    state.accept_precautions(&mut Counter(0));
    let key = state.auto_key.clone();
    state.send(&mut Counter(3));
    let mut answer = settings(true, false, KeyMode::Auto, key.as_deref());
    answer.logout_deadline = Some("2026-11-27T10:10:00Z".into());
    state.saved_as(answer, Some("\"2\"".into()));
    assert_eq!(state.outcome, Some(Outcome::Saved));
    assert!(!state.is_dirty() && !state.saving);
    assert_eq!(state.etag.as_deref(), Some("\"2\""));
    assert_eq!((state.impact.exception_count, state.impact.lineworks_mdm_enabled), (0, false));
}

#[test]
fn a_key_in_use_is_shown_at_the_key_until_the_key_changes() {
    let mut state = on_with_key();
    state.restrict = true;
    state.send(&mut Counter(1));
    state.failed(http(409, "key_in_use", Some("keyValue")));
    assert!(matches!(state.key_problem(), Some(KeyProblem::Server(e)) if e.code == "key_in_use"));
    assert!(state.restrict, "the draft is kept");
    assert!(!state.can_save());
    state.reissue(&mut Counter(7));
    assert_eq!(state.key_problem(), None);
    assert!(state.can_save());
}

#[test]
fn custom_values_are_checked_by_the_shared_rules_and_kept_across_modes() {
    let mut state = on_with_key();
    state.choose_mode(KeyMode::Custom, &mut Counter(0));
    state.custom_text = "aaaaaaaaaaaaaaaa".into();
    assert_eq!(state.key_problem(), Some(KeyProblem::Rule(KeyError::TooFewDistinct { distinct: 1 })));
    state.choose_mode(KeyMode::Auto, &mut Counter(0));
    assert_eq!(state.key_value(), Some(KEY), "the saved auto key is still there");
    state.choose_mode(KeyMode::Custom, &mut Counter(0));
    assert_eq!(state.custom_text, "aaaaaaaaaaaaaaaa", "what the admin typed is still there");
}

#[test]
fn turning_off_is_confirmed_and_lists_that_the_configuration_stays() {
    let mut state = on_with_key();
    state.toggle(false);
    assert_eq!(state.request_save(&mut Counter(0)), SaveStep::Confirm);
    assert_eq!(state.consequences(0), vec![Consequence::AppConfigurationStaysOnDevices]);
}

#[test]
fn changes_while_off_save_without_a_confirmation() {
    let mut state = SettingsState::new(settings(false, false, KeyMode::Auto, Some(KEY)), None, IMPACT, true);
    state.restrict = true;
    assert!(matches!(state.request_save(&mut Counter(0)), SaveStep::Send(_)));
}

#[test]
fn the_free_plan_cannot_save() {
    let mut state = SettingsState::new(settings(false, false, KeyMode::Auto, None), None, IMPACT, false);
    state.toggle(true);
    state.accept_precautions(&mut Counter(0));
    assert!(!state.can_save());
    assert_eq!(state.request_save(&mut Counter(0)), SaveStep::Nothing);
}

#[test]
fn a_conflict_keeps_the_draft_until_the_admin_chooses() {
    let mut state = on_with_key();
    state.restrict = true;
    state.send(&mut Counter(1));
    let mut theirs = settings(true, false, KeyMode::Custom, Some("their-own-Key-value-77"));
    theirs.updated_at = Some("2026-11-27T10:00:00Z".into());
    let body = serde_json::json!({"error": {"code": "precondition_failed", "message": "stale", "field": null}, "current": theirs});
    state.failed(ApiError::from_response(412, None, Some("\"9\"".into()), serde_json::from_value(body).ok()));
    assert!(matches!(state.outcome, Some(Outcome::Conflict(_))));
    assert!(state.restrict, "the draft is kept");

    let mut keep = state.clone();
    keep.rebase(true);
    assert_eq!(keep.etag.as_deref(), Some("\"9\""));
    assert!(keep.restrict && keep.is_dirty(), "Keep my changes: my change (the restriction) stays");
    assert_eq!(keep.key_value(), Some("their-own-Key-value-77"), "what I did not change takes their value");
    assert!(!keep.change().key_changed, "so that the next save does not undo their key");

    state.rebase(false);
    assert_eq!(state.key_value(), Some("their-own-Key-value-77"), "Reload: their settings are shown");
    assert!(!state.is_dirty());
}

#[test]
fn actions_reach_the_same_transitions() {
    let mut state = off_never_issued();
    assert_eq!(state.apply(Action::Toggle(true), &mut Counter(0)), SaveStep::Nothing);
    assert_eq!(state.dialog, Some(Confirmation::Precautions));
    state.apply(Action::AcceptPrecautions, &mut Counter(0));
    state.apply(Action::SetRestrict(true), &mut Counter(0));
    state.apply(Action::ShowKey(true), &mut Counter(0));
    assert!(state.enabled && state.restrict && state.key_shown);
    assert_eq!(state.apply(Action::Save, &mut Counter(0)), SaveStep::Confirm);
    assert!(matches!(state.apply(Action::Send, &mut Counter(0)), SaveStep::Send(_)));
    state.failed(ApiError::network());
    state.apply(Action::ChooseMode(KeyMode::Custom), &mut Counter(0));
    state.apply(Action::TypeCustom("Custom-Value-12345".into()), &mut Counter(0));
    assert_eq!(state.key_value(), Some("Custom-Value-12345"));
    state.apply(Action::ChooseMode(KeyMode::Auto), &mut Counter(0));
    let before = state.auto_key.clone();
    state.apply(Action::Reissue, &mut Counter(100));
    assert_ne!(state.auto_key, before);
}

#[test]
fn only_a_change_that_signs_members_out_asks_readiness_for_the_apply_dialog() {
    let mut random = Counter(0);
    let mut off = off_never_issued();
    assert!(!off.signs_out());
    off.apply(Action::Toggle(true), &mut random);
    off.apply(Action::AcceptPrecautions, &mut random);
    assert!(off.signs_out(), "turning on");
    let mut on = on_with_key();
    on.apply(Action::SetRestrict(true), &mut random);
    assert!(on.signs_out(), "a new restriction while on");
    on.apply(Action::SetRestrict(false), &mut random);
    assert!(!on.signs_out());
    on.apply(Action::Toggle(false), &mut random);
    assert!(!on.signs_out(), "turning off signs nobody out");
}

#[test]
fn a_new_key_is_said_until_it_is_sent_or_the_admin_moves_on() {
    let mut state = on_with_key();
    assert!(!state.key_reissued);
    state.apply(Action::Reissue, &mut Counter(0));
    assert!(state.key_reissued, "a Re-issue that worked is said");
    assert!(matches!(state.apply(Action::Save, &mut Counter(9)), SaveStep::Confirm));
    assert!(state.key_reissued, "still unsaved while the Apply dialog asks");
    assert!(matches!(state.apply(Action::Send, &mut Counter(9)), SaveStep::Send(_)));
    state.failed(http(500, "internal", None));
    assert!(state.key_reissued, "a failed save leaves the new key unsaved, and says so");
    assert!(matches!(state.apply(Action::Send, &mut Counter(9)), SaveStep::Send(_)));
    let update = state.pending.clone().unwrap().0;
    state.saved_as(settings(true, false, KeyMode::Auto, update.key_value.as_deref()), Some("\"3\"".into()));
    assert!(!state.key_reissued, "saved: the save's own outcome is said instead");

    let mut failing = on_with_key();
    failing.apply(Action::Reissue, &mut Broken);
    assert!(!failing.key_reissued, "no key was made: the field says why instead");

    let mut custom = on_with_key();
    custom.apply(Action::Reissue, &mut Counter(0));
    custom.apply(Action::ChooseMode(KeyMode::Custom), &mut Counter(0));
    assert!(!custom.key_reissued, "the custom value is the one that would be saved");

    let mut first = off_never_issued();
    first.apply(Action::Toggle(true), &mut Counter(0));
    first.apply(Action::AcceptPrecautions, &mut Counter(0));
    assert!(first.key_reissued, "the first key, issued on turning on, is said too");
}

fn rotating(until: &str) -> SettingsState {
    let mut saved = settings(true, false, KeyMode::Auto, Some(KEY));
    saved.rotation = Some(crate::domain::api::Rotation {
        previous_key_fingerprint: "0123456789abcdef0123456789abcdef".into(),
        started_at: "2026-12-01T00:00:00Z".into(),
        valid_until: until.into(),
    });
    SettingsState::new(saved, Some("\"3\"".into()), IMPACT, true)
}

#[test]
fn monitor_only_is_a_confirmed_change_that_signs_nobody_out() {
    let mut state = on_with_key();
    state.apply(Action::SetEnforcement(Enforcement::Monitor), &mut Counter(0));
    assert!(state.is_dirty() && !state.signs_out());
    assert_eq!(state.apply(Action::Save, &mut Counter(0)), SaveStep::Confirm);
    assert_eq!(state.consequences(0)[0], Consequence::NobodySignedOut);
    let SaveStep::Send(out) = state.apply(Action::Send, &mut Counter(0)) else { panic!("nothing sent") };
    assert_eq!(out.update.enforcement, Some(Enforcement::Monitor));
    assert_eq!(out.update.previous_key_valid_until, None, "no overlap is touched");
}

#[test]
fn keep_the_previous_key_is_offered_only_for_a_new_key_while_on_and_sends_its_end() {
    let mut state = off_never_issued();
    state.apply(Action::Toggle(true), &mut Counter(0));
    state.apply(Action::AcceptPrecautions, &mut Counter(0));
    assert!(!state.can_keep_previous(), "turning on has no previous key to keep");
    let mut state = on_with_key();
    assert!(!state.can_keep_previous());
    state.apply(Action::Reissue, &mut Counter(7));
    assert!(state.can_keep_previous() && state.signs_out(), "the immediate cut stays the default");
    state.apply(Action::KeepPrevious(true), &mut Counter(0));
    state.apply(Action::ChooseOverlap(123), &mut Counter(0));
    assert_eq!(state.overlap_secs, DEFAULT_OVERLAP_SECS, "only the offered lengths are taken");
    state.apply(Action::ChooseOverlap(86_400), &mut Counter(0));
    assert!(!state.signs_out());
    state.now_unix = 1_000;
    state.apply(Action::Save, &mut Counter(0));
    let SaveStep::Send(first) = state.apply(Action::Send, &mut Counter(0)) else { panic!("nothing sent") };
    assert_eq!(first.update.previous_key_valid_until, Some(Some("1970-01-02T00:16:40Z".into())));
    // A retry a minute later sends the same end with the same Idempotency-Key.
    state.failed(ApiError::network());
    state.now_unix = 1_060;
    let SaveStep::Send(retry) = state.apply(Action::Send, &mut Counter(5)) else { panic!("nothing sent") };
    assert_eq!((retry.update, retry.idempotency_key), (first.update, first.idempotency_key));
}

#[test]
fn end_overlap_now_opens_the_apply_dialog_and_cancel_lets_it_go() {
    let mut state = rotating("2026-12-08T00:00:00Z");
    assert!(!state.is_dirty(), "a running overlap is saved, not a change");
    assert_eq!(state.apply(Action::EndOverlap, &mut Counter(0)), SaveStep::Confirm);
    assert_eq!(state.dialog, Some(Confirmation::Apply));
    assert!(matches!(state.consequences(0).as_slice(), [Consequence::PreviousKeySignedOut { .. }]));
    state.apply(Action::DismissDialog, &mut Counter(0));
    assert!(!state.is_dirty() && !state.end_overlap);
    state.apply(Action::EndOverlap, &mut Counter(0));
    let SaveStep::Send(out) = state.apply(Action::Send, &mut Counter(0)) else { panic!("nothing sent") };
    assert_eq!(out.update.previous_key_valid_until, Some(None));
}

#[test]
fn an_unchanged_key_during_an_overlap_keeps_it_through_other_saves() {
    let mut state = rotating("2026-12-08T00:00:00Z");
    state.apply(Action::SetRestrict(true), &mut Counter(0));
    state.apply(Action::Save, &mut Counter(0));
    let SaveStep::Send(out) = state.apply(Action::Send, &mut Counter(0)) else { panic!("nothing sent") };
    assert_eq!(out.update.previous_key_valid_until, None, "left out: the overlap runs on");
}
