//! `PUT mdm-sync`: the version check, the shared change rules, and their effects on the world.

use axum::http::StatusCode;
use mdm_console::domain::api::{AuditAction, ErrorBody, LineworksMdm, MdmSyncSettings, MdmSyncUpdate};
use mdm_console::domain::change::{Change, Editable, Overlap};
use mdm_console::domain::key::validate_key;
use mdm_console::domain::time::LOGOUT_WINDOW_SECS;
use serde::Serialize;

use super::{Answer, Running, World};
use crate::crypto::Secret;
use crate::errors::{self, message_for, strings};
use crate::seed::actor;

/// The 412 body: the error, plus the settings as they are now.
#[derive(Serialize)]
struct Stale<'a> {
    #[serde(flatten)]
    error: ErrorBody,
    current: &'a MdmSyncSettings,
}

impl World {
    /// `PUT mdm-sync` from the version check on: the caller has already checked CSRF, plan, headers and replays.
    pub fn update(&mut self, if_match: &str, body: &[u8], now: i64, secret: &Secret) -> Answer {
        self.settle(now, secret);
        if if_match.trim() != self.etag() {
            let code = "precondition_failed";
            let stale = Stale { error: errors::body(code, message_for(code), None), current: &self.settings(now) };
            return Answer::json(StatusCode::PRECONDITION_FAILED, Some(self.etag()), &stale);
        }
        let Ok(update) = serde_json::from_slice::<MdmSyncUpdate>(body) else {
            return Answer::error(StatusCode::BAD_REQUEST, "malformed_json", message_for("malformed_json"), None);
        };
        if let Some(key) = &update.key_value {
            if let Err(error) = validate_key(key) {
                return Answer::error(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "invalid_key",
                    strings().key_error(&error),
                    Some("keyValue"),
                );
            }
        }
        let saved = self.sync.editable.clone();
        // The shared reading of a body: a field left out keeps its saved value, `keyValue: null` keeps the key, and
        // `previousKeyValidUntil` is bounded.
        let Ok(next) = saved.updated(&update, now) else {
            return Answer::error(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_overlap",
                message_for("invalid_overlap"),
                Some("previousKeyValidUntil"),
            );
        };
        if next.enabled && next.key_value.is_none() {
            return Answer::error(
                StatusCode::UNPROCESSABLE_ENTITY,
                "key_required",
                message_for("key_required"),
                Some("keyValue"),
            );
        }
        let change = Change::between(&saved, &next);
        if next.restrict_other_domains {
            let in_use = |key: &str| {
                // Every stored key is compared, with no early exit, so the timing says nothing about which matched.
                self.other_domain_keys.iter().fold(false, |found, other| secret.eq(other, key) | found)
            };
            if next.key_value.as_deref().is_some_and(in_use) {
                return Answer::error(StatusCode::CONFLICT, "key_in_use", message_for("key_in_use"), Some("keyValue"));
            }
            // The previous key is accepted beside the key while its overlap runs: it must be unique too.
            let previous = match (change.overlap_started, &self.rotation) {
                (true, _) => saved.key_value.as_deref(),
                (false, Some(running)) if matches!(next.overlap, Overlap::Until(_)) => {
                    Some(running.previous_key.as_str())
                }
                _ => None,
            };
            if matches!(next.overlap, Overlap::Until(_)) && previous.is_some_and(in_use) {
                return Answer::error(
                    StatusCode::CONFLICT,
                    "key_in_use",
                    message_for("key_in_use"),
                    Some("previousKeyValidUntil"),
                );
            }
        }
        if !change.is_empty() {
            self.apply(&change, &saved, next, now, secret);
        }
        Answer::json(StatusCode::OK, Some(self.etag()), &self.settings(now))
    }

    /// The effects of a change, by the shared rules (`change.rs`).
    fn apply(&mut self, change: &Change, saved: &Editable, next: Editable, now: i64, secret: &Secret) {
        if change.starts_enforcing {
            self.lineworks_mdm = LineworksMdm { enabled: false, exception_count: 0 };
        }
        if change.signs_members_out(next.enabled) || change.signs_previous_key_out(next.enabled) {
            self.sync.logout_deadline = Some(now + LOGOUT_WINDOW_SECS);
        }
        let fingerprint = next.key_value.as_deref().map(|key| secret.fingerprint(key));
        for action in change.audit_actions(saved, &next) {
            let reason = (action == AuditAction::RotationEnded).then(|| change.rotation_end()).flatten();
            self.push_audit(now, actor(), action, fingerprint.clone(), reason);
        }
        if change.overlap_superseded || change.overlap_ended_early {
            // Retired at once; remembered, so that its devices are told apart (`previous_key`).
            if let Some(running) = self.rotation.take() {
                self.retired_previous = Some(running.previous_fingerprint);
            }
        }
        match (next.overlap, &mut self.rotation) {
            (Overlap::Until(until), _) if change.overlap_started => {
                let previous_key = saved.key_value.clone().expect("an overlap starts from a saved key");
                self.rotation = Some(Running {
                    previous_fingerprint: self.print(&previous_key),
                    previous_key,
                    started_at: now,
                    valid_until: until,
                    started_by: actor(),
                });
                // There is only ever one previous key.
                self.retired_previous = None;
            }
            (Overlap::Until(until), Some(running)) if change.overlap_moved => running.valid_until = until,
            _ => {}
        }
        if !next.enabled {
            // Nothing is checked while sync is off, and no previous key is kept.
            self.rotation = None;
            self.retired_previous = None;
        }
        self.sync.editable = next;
        self.sync.updated_at = Some(now);
        self.sync.updated_by = Some(actor());
        self.revision += 1;
        self.history.record(self.snapshot(now));
    }
}
