//! The mock's world: one domain, its MDM sync settings, the audit trail, and the rules of `PUT mdm-sync`.
//! Everything here is synchronous and takes `now` as an argument, so that time-dependent rules are unit-testable.

use std::collections::HashMap;

use axum::http::StatusCode;
use mdm_console::domain::api::{
    AuditEvent, AuditLog, Enforcement, ErrorBody, KeyMode, LineworksMdm, MdmSyncSettings, MdmSyncSummary, ManagedApp,
    ManagedApps, MdmSyncUpdate, MobileSecurity, Person, Plan, CONFIG_KEY, VALUE_TYPE,
};
use mdm_console::domain::change::{Change, Editable, Overlap};
use mdm_console::domain::key::validate_key;
use mdm_console::domain::readiness::{
    encode_base64url, fingerprint_from_digest, fingerprint_input, DeviceGroup, Readiness, SALT_BYTES,
};
use mdm_console::domain::time::{format_rfc3339, LOGOUT_WINDOW_SECS};
use serde::Serialize;

use crate::crypto::{random_bytes, sha256, Secret};
use crate::errors::{self, message_for, strings};
use crate::seed::{
    actor, default_apps, default_devices, Seed, SeedDevices, DEFAULT_EXCEPTION_COUNT, DEFAULT_MEMBER_COUNT,
    DEFAULT_OTHER_DOMAIN_KEYS, READINESS_WINDOW_DAYS,
};

/// The saved MDM sync settings, with what the last change left behind.
#[derive(Clone)]
struct Sync {
    editable: Editable,
    updated_at: Option<i64>,
    updated_by: Option<Person>,
    logout_deadline: Option<i64>,
}

/// A finished answer to a mutation, kept so that a retry with the same `Idempotency-Key` gets it again byte for byte.
#[derive(Clone)]
pub struct Answer {
    pub status: StatusCode,
    pub etag: Option<String>,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn json(status: StatusCode, etag: Option<String>, value: &impl Serialize) -> Self {
        Self { status, etag, body: serde_json::to_vec(value).expect("wire types always serialise") }
    }

    fn error(status: StatusCode, code: &str, message: String, field: Option<&str>) -> Self {
        Self::json(status, None, &errors::body(code, message, field))
    }
}

/// The 412 body: the error, plus the settings as they are now.
#[derive(Serialize)]
struct Stale<'a> {
    #[serde(flatten)]
    error: ErrorBody,
    current: &'a MdmSyncSettings,
}

struct Recorded {
    body_hash: [u8; 32],
    answer: Answer,
}

pub enum Replay {
    /// First use of this key: go on and process the request.
    New,
    /// The same key and the same body: answer this again, and apply nothing.
    Same(Answer),
    /// The same key with another body.
    Reused,
}

pub struct World {
    plan: Plan,
    member_count: u32,
    lineworks_mdm: LineworksMdm,
    sync: Sync,
    other_domain_keys: Vec<String>,
    apps: Vec<ManagedApp>,
    devices: Vec<SeedDevices>,
    /// The domain's readiness salt, new at each reset.
    salt: [u8; SALT_BYTES],
    /// Oldest first.
    audit: Vec<AuditEvent>,
    events_issued: u64,
    /// Never goes back, not even on reset, so that an ETag from before a reset is stale after it.
    revision: u64,
    idempotency: HashMap<String, Recorded>,
}

impl Default for World {
    fn default() -> Self {
        let mut world = Self {
            plan: Plan::Advanced,
            member_count: 0,
            lineworks_mdm: LineworksMdm { enabled: false, exception_count: 0 },
            sync: Sync {
                editable: Editable {
                    enabled: false,
                    restrict_other_domains: false,
                    key_mode: KeyMode::Auto,
                    key_value: None,
                    enforcement: Enforcement::Enforce,
                    overlap: Overlap::None,
                },
                updated_at: None,
                updated_by: None,
                logout_deadline: None,
            },
            other_domain_keys: Vec::new(),
            apps: Vec::new(),
            devices: Vec::new(),
            salt: [0; SALT_BYTES],
            audit: Vec::new(),
            events_issued: 0,
            revision: 0,
            idempotency: HashMap::new(),
        };
        world.reset(Seed::default());
        world
    }
}

impl World {
    /// Back to the defaults, with `seed` applied on top. Clears the audit trail and the idempotency store.
    pub fn reset(&mut self, seed: Seed) {
        let lineworks = seed.lineworks_mdm.unwrap_or_default();
        let sync = seed.mdm_sync.unwrap_or_default();
        self.plan = seed.plan.unwrap_or(Plan::Advanced);
        self.member_count = seed.member_count.unwrap_or(DEFAULT_MEMBER_COUNT);
        self.lineworks_mdm = LineworksMdm {
            enabled: lineworks.enabled.unwrap_or(true),
            exception_count: lineworks.exception_count.unwrap_or(DEFAULT_EXCEPTION_COUNT),
        };
        self.sync = Sync {
            editable: Editable {
                enabled: sync.enabled.unwrap_or(false),
                restrict_other_domains: sync.restrict_other_domains.unwrap_or(false),
                key_mode: sync.key_mode.unwrap_or(KeyMode::Auto),
                key_value: sync.key_value,
                enforcement: Enforcement::Enforce,
                overlap: Overlap::None,
            },
            updated_at: None,
            updated_by: None,
            logout_deadline: None,
        };
        self.other_domain_keys = seed
            .other_domain_keys
            .unwrap_or_else(|| DEFAULT_OTHER_DOMAIN_KEYS.iter().map(|k| (*k).to_owned()).collect());
        self.apps = seed.apps.unwrap_or_else(default_apps);
        self.devices = seed.devices.unwrap_or_else(default_devices);
        self.salt = random_bytes();
        self.audit.clear();
        self.idempotency.clear();
        self.revision += 1;
    }

    pub fn plan(&self) -> Plan {
        self.plan
    }

    pub fn etag(&self) -> String {
        format!("\"{}\"", self.revision)
    }

    /// A deadline in the past means everyone is already out: nothing is pending any more.
    fn pending_deadline(&self, now: i64) -> Option<String> {
        self.sync.logout_deadline.filter(|&deadline| deadline > now).map(format_rfc3339)
    }

    pub fn settings(&self, now: i64) -> MdmSyncSettings {
        let e = &self.sync.editable;
        MdmSyncSettings {
            enabled: e.enabled,
            restrict_other_domains: e.restrict_other_domains,
            key_mode: e.key_mode,
            key_value: e.key_value.clone(),
            config_key: CONFIG_KEY.to_owned(),
            value_type: VALUE_TYPE.to_owned(),
            updated_at: self.sync.updated_at.map(format_rfc3339),
            updated_by: self.sync.updated_by.clone(),
            logout_deadline: self.pending_deadline(now),
            enforcement: e.enforcement,
            rotation: None,
        }
    }

    pub fn overview(&self, now: i64) -> MobileSecurity {
        MobileSecurity {
            member_count: self.member_count,
            lineworks_mdm: self.lineworks_mdm,
            mdm_sync: MdmSyncSummary {
                enabled: self.sync.editable.enabled,
                restrict_other_domains: self.sync.editable.restrict_other_domains,
                logout_deadline: self.pending_deadline(now),
            },
        }
    }

    /// Newest first.
    /// The fleet, one row per platform, management and fingerprint, each fingerprint of the value a device holds.
    pub fn readiness(&self, now: i64) -> Readiness {
        let mut rows: Vec<DeviceGroup> = Vec::new();
        for seeded in &self.devices {
            let fingerprint = seeded.key_value.as_deref().and_then(|value| {
                fingerprint_from_digest(&sha256(&fingerprint_input(&self.salt, value)))
            });
            let same = |row: &&mut DeviceGroup| {
                (row.platform, row.management, &row.fingerprint) == (seeded.platform, seeded.management, &fingerprint)
            };
            match rows.iter_mut().find(same) {
                Some(row) => row.count += seeded.count,
                None => rows.push(DeviceGroup {
                    platform: seeded.platform,
                    management: seeded.management,
                    fingerprint,
                    count: seeded.count,
                }),
            }
        }
        Readiness {
            salt: encode_base64url(&self.salt),
            window_days: READINESS_WINDOW_DAYS,
            generated_at: format_rfc3339(now),
            devices: rows,
        }
    }

    pub fn apps(&self) -> ManagedApps {
        ManagedApps { apps: self.apps.clone() }
    }

    pub fn audit(&self, limit: usize) -> AuditLog {
        AuditLog { events: self.audit.iter().rev().take(limit).cloned().collect() }
    }

    pub fn replay(&self, idempotency_key: &str, body_hash: &[u8; 32]) -> Replay {
        match self.idempotency.get(idempotency_key) {
            None => Replay::New,
            Some(recorded) if recorded.body_hash == *body_hash => Replay::Same(recorded.answer.clone()),
            Some(_) => Replay::Reused,
        }
    }

    pub fn remember(&mut self, idempotency_key: String, body_hash: [u8; 32], answer: Answer) {
        self.idempotency.insert(idempotency_key, Recorded { body_hash, answer });
    }

    /// `PUT mdm-sync` from the version check on: the caller has already checked CSRF, plan, headers and replays.
    pub fn update(&mut self, if_match: &str, body: &[u8], now: i64, secret: &Secret) -> Answer {
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
        // `keyValue: null` leaves the saved key alone: once issued, a key is never taken away, only replaced.
        let next = Editable {
            enabled: update.enabled,
            restrict_other_domains: update.restrict_other_domains,
            key_mode: update.key_mode,
            key_value: update.key_value.clone().or_else(|| saved.key_value.clone()),
            enforcement: saved.enforcement,
            overlap: Overlap::None,
        };
        if next.enabled && next.key_value.is_none() {
            return Answer::error(
                StatusCode::UNPROCESSABLE_ENTITY,
                "key_required",
                message_for("key_required"),
                Some("keyValue"),
            );
        }
        if let (true, Some(key)) = (next.restrict_other_domains, &next.key_value) {
            // Every stored key is compared, with no early exit, so the timing says nothing about which one matched.
            let in_use = self.other_domain_keys.iter().fold(false, |found, other| secret.eq(other, key) | found);
            if in_use {
                return Answer::error(StatusCode::CONFLICT, "key_in_use", message_for("key_in_use"), Some("keyValue"));
            }
        }

        let change = Change::between(&saved, &next);
        if !change.is_empty() {
            self.apply(&change, &saved, next, now, secret);
        }
        Answer::json(StatusCode::OK, Some(self.etag()), &self.settings(now))
    }

    fn apply(&mut self, change: &Change, saved: &Editable, next: Editable, now: i64, secret: &Secret) {
        if change.turned_on {
            self.lineworks_mdm = LineworksMdm { enabled: false, exception_count: 0 };
        }
        if change.signs_members_out(next.enabled) {
            self.sync.logout_deadline = Some(now + LOGOUT_WINDOW_SECS);
        }
        let fingerprint = next.key_value.as_deref().map(|key| secret.fingerprint(key));
        for action in change.audit_actions(saved, &next) {
            self.events_issued += 1;
            self.audit.push(AuditEvent {
                id: format!("evt_{:06}", self.events_issued),
                at: format_rfc3339(now),
                actor: actor(),
                action,
                key_fingerprint: fingerprint.clone(),
                reason: None,
            });
        }
        self.sync.editable = next;
        self.sync.updated_at = Some(now);
        self.sync.updated_by = Some(actor());
        self.revision += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mdm_console::domain::key::GENERATED_LEN;
    use crate::seed::DEFAULT_OTHER_DOMAIN_KEYS;

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
        let mut world = World::default();
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
        let mut world = World::default();
        let body =
            serde_json::json!({"enabled": false, "restrictOtherDomains": false, "keyMode": "auto", "keyValue": null});
        let before = world.etag();
        assert_eq!(put(&mut world, body, NOW).etag, Some(before));
        assert!(world.audit(100).events.is_empty());
        assert_eq!(world.settings(NOW).updated_at, None);
    }

    #[test]
    fn a_null_key_keeps_the_saved_one() {
        let mut world = World::default();
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
        let mut world = World::default();
        let before = world.etag();
        world.reset(Seed::default());
        assert_ne!(world.etag(), before);
    }
}
