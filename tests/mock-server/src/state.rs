//! The mock's world: one domain, its MDM sync settings, the audit trail, the rules of `PUT mdm-sync` (read with
//! the shared `Editable::updated` and applied by the shared `Change` rules), a rotation's own end, the mock's clock,
//! and the history of settings that sign-in checks are judged by.
//! Everything here is synchronous and takes `now` as an argument, so that time-dependent rules are unit-testable.

use std::collections::HashMap;

use axum::http::StatusCode;
use mdm_console::domain::api::{
    AuditAction, AuditEvent, AuditLog, Enforcement, ErrorBody, KeyMode, LineworksMdm, ManagedApp, ManagedApps,
    MdmSyncSettings, MdmSyncSummary, MdmSyncUpdate, MobileSecurity, Person, Plan, Rotation, RotationEnd, CONFIG_KEY,
    VALUE_TYPE,
};
use mdm_console::domain::change::{Change, Editable, Overlap};
use mdm_console::domain::key::validate_key;
use mdm_console::domain::readiness::{
    encode_base64url, fingerprint_from_digest, fingerprint_input, DeviceGroup, DevicePlatform, Management, Readiness,
    SALT_BYTES,
};
use mdm_console::domain::sign_ins::{BadParameter, DeviceInfo, Query, SignInEvent, SignIns};
use mdm_console::domain::time::{format_rfc3339, parse_rfc3339, LOGOUT_WINDOW_SECS};
use serde::{Deserialize, Serialize};

use crate::crypto::{random_bytes, sha256, Secret};
use crate::errors::{self, message_for, strings};
use crate::fleet::{self, Fleet};
use crate::history::{History, Snapshot};
use crate::seed::{
    actor, default_apps, default_devices, Seed, SeedDevices, SeedHistory, DEFAULT_EXCEPTION_COUNT,
    DEFAULT_MEMBER_COUNT, DEFAULT_OTHER_DOMAIN_KEYS, GROUP_SHARED_VALUE, READINESS_WINDOW_DAYS,
};
use crate::sign_ins::{judge, Added, Checks};

/// Which accounts of other domains the added checks use (a salt of their index).
const ADDED_OUTSIDERS: u64 = 0x0061_6464_6564;
/// How long `--seed-history monitor-week` has been monitoring.
const MONITOR_WEEK_SECS: i64 = 7 * 86_400;

pub fn system_now() -> i64 {
    let since_epoch = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    i64::try_from(since_epoch.as_secs()).unwrap_or(i64::MAX)
}

/// The mock's clock: the system's, moved forward by `POST /__mock/clock`, or stopped there. Every `now` of the mock
/// comes from it.
#[derive(Clone, Copy, Debug, Default)]
pub struct Clock {
    offset: i64,
    frozen: Option<i64>,
}

impl Clock {
    pub fn now(&self) -> i64 {
        self.frozen.unwrap_or_else(|| system_now() + self.offset)
    }

    /// Forward only: a clock that went back would rewrite a past that checks were already judged in.
    pub fn set(&mut self, at: i64) {
        match &mut self.frozen {
            Some(frozen) => *frozen = at,
            None => self.offset = at - system_now(),
        }
    }

    pub fn freeze(&mut self, frozen: bool) {
        let now = self.now();
        self.frozen = frozen.then_some(now);
        if !frozen {
            self.offset = now - system_now();
        }
    }
}

/// The body of `POST /__mock/clock`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ClockControl {
    advance_seconds: Option<i64>,
    at: Option<String>,
    frozen: Option<bool>,
}

/// One item of `POST /__mock/sign-ins`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AddCheck {
    member_id: Option<String>,
    platform: DevicePlatform,
    management: Management,
    key_value: Option<String>,
    #[serde(default)]
    other_domain: bool,
    at: Option<String>,
}

/// A rotation that runs: the previous key is accepted beside the key until `valid_until`. The value is kept only to
/// check that it is unique among other domains; it is never sent, logged or put in an event.
struct Running {
    previous_key: String,
    previous_fingerprint: String,
    started_at: i64,
    valid_until: i64,
    started_by: Person,
}

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
    clock: Clock,
    /// The past a reset without its own `history` starts with (`--seed-history`).
    default_history: SeedHistory,
    rotation: Option<Running>,
    /// The readiness fingerprint of the last rotation's previous key once its overlap has ended, so that the gate
    /// can tell its devices apart (`previous_key`).
    retired_previous: Option<String>,
    history: History,
    fleet: Fleet,
    added: Vec<Added>,
}

impl World {
    pub fn new(default_history: SeedHistory, secret: &Secret) -> Self {
        let empty = Editable {
            enabled: false,
            restrict_other_domains: false,
            key_mode: KeyMode::Auto,
            key_value: None,
            enforcement: Enforcement::Enforce,
            overlap: Overlap::None,
        };
        let mut world = Self {
            plan: Plan::Advanced,
            member_count: 0,
            lineworks_mdm: LineworksMdm { enabled: false, exception_count: 0 },
            sync: Sync { editable: empty, updated_at: None, updated_by: None, logout_deadline: None },
            other_domain_keys: Vec::new(),
            apps: Vec::new(),
            devices: Vec::new(),
            salt: [0; SALT_BYTES],
            audit: Vec::new(),
            events_issued: 0,
            revision: 0,
            idempotency: HashMap::new(),
            clock: Clock::default(),
            default_history,
            rotation: None,
            retired_previous: None,
            history: History::new(Snapshot {
                from: i64::MIN,
                enabled: false,
                enforcement: Enforcement::Enforce,
                restrict_other_domains: false,
                key: None,
                previous: None,
            }),
            fleet: Fleet::new([], 1),
            added: Vec::new(),
        };
        world.reset(Seed::default(), secret);
        world
    }

    /// Back to the defaults, with `seed` applied on top. Clears the audit trail, the idempotency store, the clock,
    /// a rotation and the added sign-in checks.
    pub fn reset(&mut self, seed: Seed, secret: &Secret) {
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
                enforcement: sync.enforcement.unwrap_or_default(),
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
        self.clock = Clock::default();
        self.rotation = None;
        self.retired_previous = None;
        self.added.clear();
        let groups: Vec<_> = self
            .devices
            .iter()
            .map(|d| (d.platform, d.management, d.key_value.as_deref().map(|v| self.print(v)), d.count))
            .collect();
        self.fleet = Fleet::new(groups, self.member_count);
        let now = self.clock.now();
        match seed.history.unwrap_or(self.default_history) {
            SeedHistory::None => self.history = History::new(self.snapshot(i64::MIN)),
            SeedHistory::MonitorWeek => {
                let since = now - MONITOR_WEEK_SECS;
                self.sync.editable.enabled = false;
                self.history = History::new(self.snapshot(i64::MIN));
                let saved = self.sync.editable.clone();
                let custom = saved.key_value.is_none();
                let next = Editable {
                    enabled: true,
                    enforcement: Enforcement::Monitor,
                    key_mode: if custom { KeyMode::Custom } else { saved.key_mode },
                    key_value: saved.key_value.clone().or_else(|| Some(GROUP_SHARED_VALUE.to_owned())),
                    ..saved.clone()
                };
                let change = Change::between(&saved, &next);
                let fingerprint = next.key_value.as_deref().map(|key| secret.fingerprint(key));
                for action in change.audit_actions(&saved, &next) {
                    self.push_audit(since, actor(), action, fingerprint.clone(), None);
                }
                self.sync.editable = next;
                self.sync.updated_at = Some(since);
                self.sync.updated_by = Some(actor());
                self.history.record(self.snapshot(since));
            }
        }
    }

    pub fn plan(&self) -> Plan {
        self.plan
    }

    pub fn etag(&self) -> String {
        format!("\"{}\"", self.revision)
    }

    /// The mock's time, with whatever fell due by then done (a rotation's end): every request starts with it.
    pub fn tick(&mut self, secret: &Secret) -> i64 {
        let now = self.clock.now();
        self.settle(now, secret);
        now
    }

    /// `POST /__mock/clock`.
    pub fn control_clock(&mut self, control: &ClockControl, secret: &Secret) -> Result<i64, String> {
        let now = self.tick(secret);
        let mut at = now;
        if let Some(text) = &control.at {
            at = parse_rfc3339(text).ok_or_else(|| format!("at: not an RFC 3339 time: {text:?}"))?;
            if at < now {
                return Err(format!("at: the clock only moves forward (it is {})", format_rfc3339(now)));
            }
        }
        match control.advance_seconds {
            Some(n) if n < 0 => return Err("advanceSeconds: the clock only moves forward".into()),
            Some(n) => at = at.saturating_add(n),
            None => {}
        }
        self.clock.set(at);
        if let Some(frozen) = control.frozen {
            self.clock.freeze(frozen);
        }
        Ok(self.tick(secret))
    }

    /// The readiness fingerprint of a value, with the domain's salt.
    fn print(&self, value: &str) -> String {
        fingerprint_from_digest(&sha256(&fingerprint_input(&self.salt, value))).expect("SHA-256 has 32 bytes")
    }

    /// The settings in force from `from` on, as the gate reads them.
    fn snapshot(&self, from: i64) -> Snapshot {
        let e = &self.sync.editable;
        let previous = match (&self.rotation, &self.retired_previous) {
            (Some(running), _) => Some((running.previous_fingerprint.clone(), true)),
            (None, Some(fingerprint)) => Some((fingerprint.clone(), false)),
            (None, None) => None,
        };
        Snapshot {
            from,
            enabled: e.enabled,
            enforcement: e.enforcement,
            restrict_other_domains: e.restrict_other_domains,
            key: e.key_value.as_deref().map(|k| self.print(k)),
            previous,
        }
    }

    fn push_audit(
        &mut self,
        at: i64,
        actor: Person,
        action: AuditAction,
        key_fingerprint: Option<String>,
        reason: Option<RotationEnd>,
    ) {
        self.events_issued += 1;
        self.audit.push(AuditEvent {
            id: format!("evt_{:06}", self.events_issued),
            at: format_rfc3339(at),
            actor,
            action,
            key_fingerprint,
            reason,
        });
    }

    /// A rotation whose `validUntil` has come ends by itself, at that moment: its devices are signed out within
    /// 10 minutes of it (when the gate enforces), and the trail says `rotation_ended` with `expired`.
    fn settle(&mut self, now: i64, secret: &Secret) {
        let Some(until) = self.rotation.as_ref().map(|r| r.valid_until).filter(|&until| until <= now) else { return };
        let running = self.rotation.take().expect("checked above");
        self.retired_previous = Some(running.previous_fingerprint);
        self.sync.editable.overlap = Overlap::None;
        let e = &self.sync.editable;
        if e.enabled && e.enforcement == Enforcement::Enforce {
            let deadline = until + LOGOUT_WINDOW_SECS;
            self.sync.logout_deadline = Some(self.sync.logout_deadline.map_or(deadline, |d| d.max(deadline)));
        }
        let fingerprint = e.key_value.as_deref().map(|key| secret.fingerprint(key));
        self.push_audit(until, running.started_by, AuditAction::RotationEnded, fingerprint, Some(RotationEnd::Expired));
        self.history.record(self.snapshot(until));
        self.revision += 1;
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
            rotation: self.rotation.as_ref().map(|running| Rotation {
                previous_key_fingerprint: running.previous_fingerprint.clone(),
                started_at: format_rfc3339(running.started_at),
                valid_until: format_rfc3339(running.valid_until),
            }),
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
            let fingerprint = seeded.key_value.as_deref().map(|value| self.print(value));
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

    /// `GET …/sign-ins`.
    pub fn sign_ins(&self, query: &Query, now: i64) -> Result<SignIns, BadParameter> {
        Checks { fleet: &self.fleet, history: &self.history, added: &self.added }.page(query, now)
    }

    /// `POST /__mock/sign-ins`: each check judged by the gate under the settings in force at its `at`.
    pub fn add_checks(&mut self, checks: Vec<AddCheck>, now: i64) -> Result<Vec<SignInEvent>, String> {
        let mut events = Vec::new();
        let mut added = Vec::new();
        for (n, check) in checks.into_iter().enumerate() {
            let at = match &check.at {
                None => now,
                Some(text) => parse_rfc3339(text).ok_or_else(|| format!("[{n}].at: not an RFC 3339 time"))?,
            };
            if at > now {
                return Err(format!("[{n}].at: after the mock's now ({})", format_rfc3339(now)));
            }
            if check.management == Management::AndroidWithoutEnterprise && check.platform == DevicePlatform::Ios {
                return Err(format!("[{n}]: android_without_enterprise is for the android platform"));
            }
            let k = (self.added.len() + added.len()) as u32;
            let member = match (&check.member_id, check.other_domain) {
                (Some(id), _) => match fleet::member_index(id).filter(|&i| i < self.member_count.max(1)) {
                    Some(index) => fleet::member(index),
                    None => {
                        return Err(format!(
                            "[{n}].memberId: no member {id:?} (mem_00000 to mem_{:05})",
                            self.member_count.max(1) - 1
                        ))
                    }
                },
                (None, true) => fleet::outsider(u64::from(k) ^ ADDED_OUTSIDERS),
                (None, false) => fleet::member(k % self.member_count.max(1)),
            };
            let held = check.key_value.as_deref().map(|value| self.print(value));
            let (outcome, reason) = judge(self.history.at(at), check.management, held.as_deref(), !check.other_domain);
            let (model, os_version) = match check.platform {
                DevicePlatform::Ios => ("iPhone 15", "18.2"),
                DevicePlatform::Android => ("Pixel 8", "15"),
            };
            let device = DeviceInfo {
                platform: check.platform,
                model: model.into(),
                os_version: os_version.into(),
                management: check.management,
            };
            added.push(Added { at, member, device, outcome, reason });
        }
        for (k, check) in added.iter().enumerate() {
            let index = self.fleet.len() + (self.added.len() + k) as u32;
            events.push(SignInEvent {
                id: format!("chk_{:x}_{index:x}", check.at),
                at: format_rfc3339(check.at),
                member: check.member.clone(),
                device: check.device.clone(),
                outcome: check.outcome,
                reason: check.reason,
            });
        }
        self.added.extend(added);
        Ok(events)
    }

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seed::DEFAULT_OTHER_DOMAIN_KEYS;
    use mdm_console::domain::key::GENERATED_LEN;

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
}
