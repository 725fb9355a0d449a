//! What an accepted PUT does: the logout deadline, the audit trail, the key it keeps or makes.

mod common;

use common::*;
use mdm_console::domain::api::{AuditAction, AuditLog, MobileSecurity};
use mdm_console::domain::time::{parse_rfc3339, LOGOUT_WINDOW_SECS};
use serde_json::json;

#[tokio::test]
async fn turning_on_deletes_lineworks_mdm_exceptions_and_signs_members_out() {
    let mock = mock().await;
    let before = unix_now();
    let saved = mock.save(update(true, false, "auto", Some(KEY))).await;
    let after = unix_now();

    assert!(saved.enabled);
    assert_eq!(saved.key_value.as_deref(), Some(KEY));
    assert_eq!(saved.updated_by.as_ref().map(|p| p.name.as_str()), Some("Mina Park"));
    let updated_at = parse_rfc3339(saved.updated_at.as_deref().unwrap()).unwrap();
    assert!((before..=after).contains(&updated_at));
    let deadline = parse_rfc3339(saved.logout_deadline.as_deref().unwrap()).unwrap();
    assert!((before + LOGOUT_WINDOW_SECS..=after + LOGOUT_WINDOW_SECS).contains(&deadline));

    let overview: MobileSecurity = mock.json(OVERVIEW).await;
    assert!(!overview.lineworks_mdm.enabled);
    assert_eq!(overview.lineworks_mdm.exception_count, 0);
    assert!(overview.mdm_sync.enabled);
    assert_eq!(overview.mdm_sync.logout_deadline, saved.logout_deadline);
    assert_eq!(overview.member_count, 1024);
}

#[tokio::test]
async fn audit_events_carry_a_fingerprint_never_the_key() {
    let mock = mock().await;
    mock.save(update(true, false, "auto", Some(KEY))).await;
    mock.save(update(true, false, "custom", Some(CUSTOM_KEY))).await;
    let text = mock.get(&format!("{AUDIT}?limit=100")).await.text().await.unwrap();
    assert!(!text.contains(KEY) && !text.contains(&KEY[..16]), "{text}");
    assert!(!text.contains("Custom&Key"), "{text}");

    let log: AuditLog = serde_json::from_str(&text).unwrap();
    let [changed, enabled] = &log.events[..] else { panic!("two events expected: {text}") };
    assert_eq!(enabled.action, AuditAction::Enabled);
    assert_eq!(changed.action, AuditAction::KeyChanged);
    assert_eq!(changed.actor.name, "Mina Park");
    assert_ne!(changed.id, enabled.id);
    let (new, old) = (changed.key_fingerprint.clone().unwrap(), enabled.key_fingerprint.clone().unwrap());
    for fingerprint in [&new, &old] {
        assert_eq!(fingerprint.len(), 16);
        assert!(fingerprint.bytes().all(|b| b.is_ascii_hexdigit()), "{fingerprint}");
    }
    assert_ne!(new, old, "different keys, different fingerprints");

    // The same key again gives the same fingerprint, so an admin can tell which key an event was about.
    mock.save(update(true, false, "auto", Some(KEY))).await;
    let latest = mock.audit().await.events.remove(0);
    assert_eq!(latest.action, AuditAction::KeyReissued);
    assert_eq!(latest.key_fingerprint, Some(old));
}

#[tokio::test]
async fn turning_off_deletes_nothing_and_signs_nobody_out() {
    let mock = mock().await;
    mock.reset(Some(json!({
        "lineworksMdm": {"enabled": false, "exceptionCount": 2},
        "mdmSync": {"enabled": true, "restrictOtherDomains": true, "keyMode": "auto", "keyValue": KEY}
    })))
    .await;
    let saved = mock.save(update(false, true, "auto", Some(KEY))).await;
    assert!(!saved.enabled);
    assert_eq!(saved.key_value.as_deref(), Some(KEY), "the key stays for the next time");
    assert_eq!(saved.logout_deadline, None);
    let overview: MobileSecurity = mock.json(OVERVIEW).await;
    assert_eq!(overview.lineworks_mdm.exception_count, 2);
    assert_eq!(overview.mdm_sync.logout_deadline, None);
    let events = mock.audit().await.events;
    assert_eq!(events.iter().map(|e| e.action).collect::<Vec<_>>(), vec![AuditAction::Disabled]);
}

#[tokio::test]
async fn a_new_key_or_restriction_while_on_signs_members_out_but_not_while_off() {
    let mock = mock().await;
    mock.reset(Some(json!({"mdmSync": {"enabled": false, "keyValue": KEY}}))).await;
    let saved = mock.save(update(false, true, "custom", Some(CUSTOM_KEY))).await;
    assert_eq!(saved.logout_deadline, None, "nothing reaches the devices while sync is off");

    for (next, action) in [
        (update(true, false, "custom", Some(CUSTOM_KEY)), AuditAction::KeyChanged),
        (update(true, true, "auto", Some(KEY)), AuditAction::RestrictOn),
    ] {
        mock.reset(Some(json!({"mdmSync": {"enabled": true, "keyValue": KEY}}))).await;
        let saved = mock.save(next).await;
        assert!(saved.logout_deadline.is_some(), "{action:?}");
        assert_eq!(mock.audit().await.events.iter().map(|e| e.action).collect::<Vec<_>>(), vec![action]);
    }
}
