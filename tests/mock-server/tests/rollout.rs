//! The rollout's settings over real HTTP (`rollout.md` §1 and §2): enforcement, rotations and their ends, each
//! transition's effects (who is signed out, what is deleted, what the trail says), the overlap's bounds, and the
//! first wave's bodies and headers.

mod common;

use common::*;
use mdm_console::domain::api::{AuditAction, Enforcement, RotationEnd, MAX_OVERLAP_SECS};
use mdm_console::domain::time::LOGOUT_WINDOW_SECS;
use mdm_console::i18n::bundled;
use reqwest::StatusCode;
use serde_json::{json, Value};

/// Sync on with `KEY`, enforcing, the clock stopped at [`FIXED`].
async fn enforcing() -> Mock {
    mock_at_fixed(json!({"mdmSync": {"enabled": true, "keyValue": KEY}})).await
}

async fn lineworks_mdm(mock: &Mock) -> Value {
    mock.overview().await["lineworksMdm"].clone()
}

#[tokio::test]
async fn monitor_on_from_off_signs_nobody_out_and_deletes_nothing() {
    let mock = mock_at_fixed(json!({})).await;
    let saved = mock.save(with(body(true, false, Some(KEY)), "enforcement", json!("monitor"))).await;
    assert_eq!(saved.enforcement, Enforcement::Monitor);
    assert_eq!(saved.logout_deadline, None);
    assert_eq!(lineworks_mdm(&mock).await, json!({"enabled": true, "exceptionCount": 3}));
    assert_eq!(mock.actions().await, ["enabled", "monitor_on"]);
    assert_eq!(mock.overview().await["mdmSync"]["logoutDeadline"], Value::Null);
}

#[tokio::test]
async fn a_seed_may_start_in_monitor_mode() {
    let mock = mock_at_fixed(json!({"mdmSync": {"enabled": true, "keyValue": KEY, "enforcement": "monitor"}})).await;
    assert_eq!(mock.settings().await.enforcement, Enforcement::Monitor);
    let page = mock.sign_ins("days=1").await;
    assert!(page.summary.would_refuse > 0 && page.summary.refused == 0);
}

#[tokio::test]
async fn monitor_to_enforce_has_the_effects_of_turning_on() {
    let mock = mock_at_fixed(json!({})).await;
    mock.save(with(body(true, false, Some(KEY)), "enforcement", json!("monitor"))).await;
    let now = mock.advance(3 * DAY).await;
    let saved = mock.save(with(body(true, false, None), "enforcement", json!("enforce"))).await;
    assert_eq!(saved.enforcement, Enforcement::Enforce);
    assert_eq!(saved.logout_deadline, Some(at(now + LOGOUT_WINDOW_SECS)));
    assert_eq!(lineworks_mdm(&mock).await, json!({"enabled": false, "exceptionCount": 0}));
    assert_eq!(mock.actions().await, ["enabled", "monitor_on", "enforce_on"]);
}

#[tokio::test]
async fn turning_on_to_enforce_as_the_first_wave_did() {
    let mock = mock_at_fixed(json!({})).await;
    let now = mock.now().await;
    let saved = mock.save(body(true, false, Some(KEY))).await;
    assert_eq!((saved.enforcement, saved.logout_deadline), (Enforcement::Enforce, Some(at(now + LOGOUT_WINDOW_SECS))));
    assert_eq!(lineworks_mdm(&mock).await, json!({"enabled": false, "exceptionCount": 0}));
    assert_eq!(mock.actions().await, ["enabled"]);
}

#[tokio::test]
async fn enforce_to_monitor_signs_nobody_out() {
    let mock = enforcing().await;
    let saved = mock.save(with(body(true, false, None), "enforcement", json!("monitor"))).await;
    assert_eq!((saved.enforcement, saved.logout_deadline), (Enforcement::Monitor, None));
    assert_eq!(mock.actions().await, ["monitor_on"]);
    // LINE WORKS MDM as seeded: monitor mode never touches it.
    assert_eq!(lineworks_mdm(&mock).await, json!({"enabled": true, "exceptionCount": 3}));
}

#[tokio::test]
async fn a_new_key_or_the_restriction_in_monitor_mode_signs_nobody_out() {
    let mock = mock_at_fixed(json!({})).await;
    mock.save(with(body(true, false, Some(KEY)), "enforcement", json!("monitor"))).await;
    let saved = mock.save(body(true, false, Some(NEXT_KEY))).await;
    assert_eq!((saved.enforcement, saved.logout_deadline, saved.rotation), (Enforcement::Monitor, None, None));
    let saved = mock.save(body(true, true, None)).await;
    assert_eq!(saved.logout_deadline, None);
    assert_eq!(mock.actions().await, ["enabled", "monitor_on", "key_reissued", "restrict_on"]);
}

#[tokio::test]
async fn a_first_wave_body_keeps_enforcement_and_a_running_overlap() {
    let mock = enforcing().await;
    let now = mock.now().await;
    mock.save(with(body(true, false, None), "enforcement", json!("monitor"))).await;
    // Without `enforcement`: monitor stays.
    let saved = mock.save(body(true, true, None)).await;
    assert_eq!(saved.enforcement, Enforcement::Monitor);
    let until = at(now + 7 * DAY);
    let saved = mock.save(with(body(true, true, Some(NEXT_KEY)), "previousKeyValidUntil", json!(until))).await;
    assert_eq!(saved.rotation.as_ref().map(|r| r.valid_until.clone()), Some(until.clone()));
    // Neither field: the overlap runs on, and the mode stays.
    let saved = mock.save(body(true, true, None)).await;
    assert_eq!(saved.rotation.map(|r| r.valid_until), Some(until));
    assert_eq!(saved.enforcement, Enforcement::Monitor);
}

#[tokio::test]
async fn a_rotation_starts_without_signing_anyone_out_and_never_sends_the_previous_key() {
    let mock = enforcing().await;
    let now = mock.now().await;
    let until = at(now + 7 * DAY);
    let saved = mock.save(with(body(true, false, Some(NEXT_KEY)), "previousKeyValidUntil", json!(until))).await;
    let rotation = saved.rotation.clone().expect("a rotation runs");
    assert_eq!(rotation.previous_key_fingerprint, mock.fingerprint(KEY).await);
    assert_eq!((rotation.started_at.as_str(), rotation.valid_until.as_str()), (at(now).as_str(), until.as_str()));
    assert_eq!(saved.logout_deadline, None);
    assert_eq!(saved.key_value.as_deref(), Some(NEXT_KEY));
    assert_eq!(mock.actions().await, ["key_reissued", "rotation_started"]);
    let settings = mock.settings_value().await;
    assert!(!settings.to_string().contains(KEY), "the previous key is never sent");
    assert_eq!(settings["rotation"]["previousKeyFingerprint"].as_str().unwrap().len(), 32);
}

#[tokio::test]
async fn ending_an_overlap_early_signs_out_the_previous_keys_devices() {
    let mock = enforcing().await;
    let now = mock.now().await;
    mock.save(with(body(true, false, Some(NEXT_KEY)), "previousKeyValidUntil", json!(at(now + DAY)))).await;
    let later = mock.advance(3600).await;
    let saved = mock.save(with(body(true, false, None), "previousKeyValidUntil", Value::Null)).await;
    assert_eq!(saved.rotation, None);
    assert_eq!(saved.logout_deadline, Some(at(later + LOGOUT_WINDOW_SECS)));
    let audit = mock.audit().await;
    let ended = &audit.events[0];
    assert_eq!((ended.action, ended.reason), (AuditAction::RotationEnded, Some(RotationEnd::EndedEarly)));
    assert_eq!(ended.at, at(later));
    assert!(audit.events[1..].iter().all(|e| e.reason.is_none()));
}

#[tokio::test]
async fn an_overlap_expires_by_itself_at_valid_until() {
    let mock = enforcing().await;
    let now = mock.now().await;
    let until = now + 3600;
    mock.save(with(body(true, false, Some(NEXT_KEY)), "previousKeyValidUntil", json!(at(until)))).await;
    let before = mock.etag().await;
    mock.advance(3599).await;
    assert!(mock.settings().await.rotation.is_some(), "a second before its end, it runs");
    mock.advance(61).await;
    let settings = mock.settings().await;
    assert_eq!(settings.rotation, None);
    assert_eq!(settings.logout_deadline, Some(at(until + LOGOUT_WINDOW_SECS)));
    assert_eq!(mock.overview().await["mdmSync"]["logoutDeadline"], json!(at(until + LOGOUT_WINDOW_SECS)));
    assert_ne!(mock.etag().await, before, "the settings changed: an old version is stale");
    let ended = mock.audit().await.events[0].clone();
    assert_eq!(
        (ended.action, ended.reason, ended.at),
        (AuditAction::RotationEnded, Some(RotationEnd::Expired), at(until))
    );
    // Past the deadline, nothing is pending.
    mock.advance(LOGOUT_WINDOW_SECS).await;
    assert_eq!(mock.settings().await.logout_deadline, None);
}

#[tokio::test]
async fn an_overlap_that_ends_while_monitoring_signs_nobody_out() {
    let mock = enforcing().await;
    let now = mock.now().await;
    mock.save(with(body(true, false, None), "enforcement", json!("monitor"))).await;
    mock.save(with(body(true, false, Some(NEXT_KEY)), "previousKeyValidUntil", json!(at(now + 60)))).await;
    mock.advance(120).await;
    let settings = mock.settings().await;
    assert_eq!((settings.rotation, settings.logout_deadline), (None, None));
    assert_eq!(mock.audit().await.events[0].reason, Some(RotationEnd::Expired));
}

#[tokio::test]
async fn another_new_key_during_an_overlap_retires_the_older_previous_key() {
    let mock = enforcing().await;
    let now = mock.now().await;
    mock.save(with(body(true, false, Some(NEXT_KEY)), "previousKeyValidUntil", json!(at(now + 7 * DAY)))).await;
    let later = mock.advance(DAY).await;
    let saved =
        mock.save(with(body(true, false, Some(THIRD_KEY)), "previousKeyValidUntil", json!(at(later + 3 * DAY)))).await;
    let rotation = saved.rotation.expect("the new rotation runs");
    assert_eq!(rotation.previous_key_fingerprint, mock.fingerprint(NEXT_KEY).await, "only ever one previous key");
    assert_eq!(rotation.started_at, at(later));
    assert_eq!(saved.logout_deadline, Some(at(later + LOGOUT_WINDOW_SECS)), "the older previous key's devices go");
    assert_eq!(
        mock.actions().await,
        ["key_reissued", "rotation_started", "rotation_ended", "key_reissued", "rotation_started"]
    );
    assert_eq!(mock.audit().await.events[2].reason, Some(RotationEnd::Superseded));
    // A new key without an overlap of its own: everyone is signed out, and the overlap ends.
    let saved = mock.save(body(true, false, Some(KEY))).await;
    assert_eq!(saved.rotation, None);
    assert_eq!(mock.audit().await.events[1].reason, Some(RotationEnd::Superseded));
}

#[tokio::test]
async fn with_the_restriction_the_previous_key_must_be_unique_too() {
    // The saved key is one that another domain uses (seeded as it is: the seed is not validated).
    let mock = mock_at_fixed(json!({"mdmSync": {"enabled": true, "keyValue": OTHER_DOMAINS_KEY}})).await;
    let now = mock.now().await;
    let overlap = with(body(true, true, Some(NEXT_KEY)), "previousKeyValidUntil", json!(at(now + DAY)));
    let error = error_of(mock.put(&overlap).await, StatusCode::CONFLICT, "key_in_use").await;
    assert_eq!(error["field"], "previousKeyValidUntil");
    // Without the restriction, or without the overlap, it is saved.
    let saved = mock.save(with(body(true, false, Some(NEXT_KEY)), "previousKeyValidUntil", json!(at(now + DAY)))).await;
    assert!(saved.rotation.is_some());
    // Turning the restriction on while the overlap keeps that key valid: refused; ending it at once: saved.
    let error = error_of(mock.put(&body(true, true, None)).await, StatusCode::CONFLICT, "key_in_use").await;
    assert_eq!(error["field"], "previousKeyValidUntil");
    let saved = mock.save(with(body(true, true, None), "previousKeyValidUntil", Value::Null)).await;
    assert_eq!(saved.rotation, None);
    assert!(saved.restrict_other_domains);
    // A rotation from a unique key with the restriction on.
    let later = mock.now().await;
    let saved =
        mock.save(with(body(true, true, Some(THIRD_KEY)), "previousKeyValidUntil", json!(at(later + DAY)))).await;
    assert!(saved.rotation.is_some());
}

#[tokio::test]
async fn the_overlap_is_bounded_and_refused_with_invalid_overlap() {
    let mock = enforcing().await;
    let now = mock.now().await;
    let cases: [(Value, bool); 7] = [
        (json!(at(now + MAX_OVERLAP_SECS + 1)), false),
        (json!(at(now)), false),
        (json!(at(now - 60)), false),
        (json!("next week"), false),
        (json!(at(now + MAX_OVERLAP_SECS)), true),
        (json!(at(now + 1)), true),
        (json!("2031-01-16T18:00:00+09:00"), true),
    ];
    for (until, ok) in cases {
        let response = mock.put(&with(body(true, false, Some(NEXT_KEY)), "previousKeyValidUntil", until.clone())).await;
        if ok {
            assert_eq!(response.status(), StatusCode::OK, "{until}");
            // Back to KEY, with no overlap, for the next case.
            mock.save(body(true, false, Some(KEY))).await;
        } else {
            let error = error_of(response, StatusCode::UNPROCESSABLE_ENTITY, "invalid_overlap").await;
            assert_eq!(error["field"], "previousKeyValidUntil", "{until}");
        }
    }
    // Nothing to overlap: the key does not change and no rotation runs.
    let same = with(body(true, false, Some(KEY)), "previousKeyValidUntil", json!(at(now + DAY)));
    error_of(mock.put(&same).await, StatusCode::UNPROCESSABLE_ENTITY, "invalid_overlap").await;
    // Refused bodies change nothing.
    assert_eq!(mock.settings().await.key_value.as_deref(), Some(KEY));
}

#[tokio::test]
async fn invalid_overlap_is_said_in_the_requests_language() {
    let mock = enforcing().await;
    let now = mock.now().await;
    let bad = with(body(true, false, Some(NEXT_KEY)), "previousKeyValidUntil", json!(at(now + 31 * DAY)));
    let mut messages = Vec::new();
    for language in ["en", "ja", "ko"] {
        let response = mock
            .http
            .put(mock.url(MDM_SYNC))
            .header("Accept-Language", language)
            .header("X-CSRF-Token", mock.csrf().await)
            .header("If-Match", mock.etag().await)
            .header("Idempotency-Key", fresh_idempotency_key())
            .body(bad.to_string())
            .send()
            .await
            .unwrap();
        let error = error_of(response, StatusCode::UNPROCESSABLE_ENTITY, "invalid_overlap").await;
        let message = error["message"].as_str().unwrap().to_owned();
        assert_ne!(message, bundled(language).api_error_server_error(), "{language}");
        messages.push(message);
    }
    assert!(messages[1].contains("併用期間") && messages[2].contains("병행 기간"), "{messages:?}");
}

#[tokio::test]
async fn a_put_of_the_rollout_still_needs_csrf_if_match_and_an_idempotency_key() {
    let mock = enforcing().await;
    let now = mock.now().await;
    let rollout = with(
        with(body(true, false, Some(NEXT_KEY)), "previousKeyValidUntil", json!(at(now + DAY))),
        "enforcement",
        json!("monitor"),
    );
    let (csrf, etag) = (mock.csrf().await, mock.etag().await);
    let response = mock.put_with(&rollout, None, Some(etag.clone()), Some(fresh_idempotency_key())).await;
    error_of(response, StatusCode::FORBIDDEN, "csrf_failed").await;
    let response = mock.put_with(&rollout, Some(csrf.clone()), None, Some(fresh_idempotency_key())).await;
    error_of(response, StatusCode::PRECONDITION_REQUIRED, "precondition_required").await;
    let response = mock.put_with(&rollout, Some(csrf.clone()), Some(etag.clone()), None).await;
    error_of(response, StatusCode::BAD_REQUEST, "idempotency_key_required").await;
    let response =
        mock.put_with(&rollout, Some(csrf.clone()), Some("\"0\"".into()), Some(fresh_idempotency_key())).await;
    error_of(response, StatusCode::PRECONDITION_FAILED, "precondition_failed").await;
    assert_eq!(mock.actions().await, Vec::<String>::new(), "nothing was applied");
    // The same request, replayed with its key, applies once.
    let key = fresh_idempotency_key();
    let first = mock.put_with(&rollout, Some(csrf.clone()), Some(etag.clone()), Some(key.clone())).await;
    assert_eq!(first.status(), StatusCode::OK);
    let again = mock.put_with(&rollout, Some(csrf), Some(etag), Some(key)).await;
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(mock.actions().await, ["monitor_on", "key_reissued", "rotation_started"]);
}

#[tokio::test]
async fn the_clock_moves_forward_only_and_reset_puts_it_back() {
    let mock = mock().await;
    let start = mock.now().await;
    let later = mock.advance(DAY).await;
    assert!(later - start >= DAY && later - start < DAY + 60, "{start} {later}");
    let response = mock.control("/__mock/clock", Some(json!({"advanceSeconds": -1}))).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let response = mock.control("/__mock/clock", Some(json!({"at": at(start)}))).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let frozen = mock.clock(json!({"frozen": true})).await;
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    assert_eq!(mock.now().await, frozen);
    mock.reset(None).await;
    let back = mock.now().await;
    assert!(back < start + 60, "reset puts the clock back to the system's");
}
