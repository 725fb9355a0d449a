use super::*;
use crate::seed::DEFAULT_OTHER_DOMAIN_KEYS;
use axum::http::StatusCode;
use mdm_console::domain::key::{validate_key, GENERATED_LEN};

const NOW: i64 = 1_795_776_300;
const KEY: &str = "Vb7nQ2xLk9PzR4tW1mYc8HsJ3dFg6AeU0oKiTq5N";

fn put(world: &mut World, body: serde_json::Value, now: i64) -> Answer {
    let etag = world.etag();
    world.update(&etag, body.to_string().as_bytes(), now, &Secret::random())
}

#[test]
fn the_default_other_domain_keys_are_valid_generated_keys() {
    for key in DEFAULT_OTHER_DOMAIN_KEYS {
        assert_eq!(key.len(), GENERATED_LEN);
        assert!(key.bytes().all(|b| b.is_ascii_alphanumeric()));
        assert_eq!(validate_key(key), Ok(()));
    }
    assert_ne!(DEFAULT_OTHER_DOMAIN_KEYS[0], DEFAULT_OTHER_DOMAIN_KEYS[1]);
}

#[test]
fn the_logout_deadline_disappears_once_it_has_passed() {
    let mut world = World::new(SeedHistory::None, &Secret::random());
    let answer = put(
        &mut world,
        serde_json::json!({"enabled": true, "restrictOtherDomains": false, "keyMode": "auto", "keyValue": KEY}),
        NOW,
    );
    assert_eq!(answer.status, StatusCode::OK);
    let deadline = format_rfc3339(NOW + LOGOUT_WINDOW_SECS);
    assert_eq!(world.settings(NOW + 1).logout_deadline.as_deref(), Some(deadline.as_str()));
    assert_eq!(world.overview(NOW + LOGOUT_WINDOW_SECS - 1).mdm_sync.logout_deadline, Some(deadline));
    assert_eq!(world.overview(NOW + LOGOUT_WINDOW_SECS).mdm_sync.logout_deadline, None);
    assert_eq!(world.settings(NOW + LOGOUT_WINDOW_SECS + 60).logout_deadline, None);
}

#[test]
fn a_save_that_changes_nothing_keeps_the_version_and_the_trail() {
    let mut world = World::new(SeedHistory::None, &Secret::random());
    let body =
        serde_json::json!({"enabled": false, "restrictOtherDomains": false, "keyMode": "auto", "keyValue": null});
    let before = world.etag();
    assert_eq!(put(&mut world, body, NOW).etag, Some(before));
    assert!(world.audit(100).events.is_empty());
    assert_eq!(world.settings(NOW).updated_at, None);
}

#[test]
fn a_null_key_keeps_the_saved_one() {
    let mut world = World::new(SeedHistory::None, &Secret::random());
    put(
        &mut world,
        serde_json::json!({"enabled": true, "restrictOtherDomains": false, "keyMode": "auto", "keyValue": KEY}),
        NOW,
    );
    let answer = put(
        &mut world,
        serde_json::json!({"enabled": false, "restrictOtherDomains": false, "keyMode": "auto", "keyValue": null}),
        NOW,
    );
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(world.settings(NOW).key_value.as_deref(), Some(KEY));
}

#[test]
fn reset_makes_old_versions_stale() {
    let mut world = World::new(SeedHistory::None, &Secret::random());
    let before = world.etag();
    world.reset(Seed::default(), &Secret::random());
    assert_ne!(world.etag(), before);
}
