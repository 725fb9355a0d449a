//! The mock's world: one domain, its MDM sync settings, the audit trail, the rules of `PUT mdm-sync` (read with
//! the shared `Editable::updated` and applied by the shared `Change` rules), a rotation's own end, the mock's clock,
//! and the history of settings that sign-in checks are judged by.
//! Everything here is synchronous and takes `now` as an argument, so that time-dependent rules are unit-testable.

use std::collections::HashMap;

use mdm_console::domain::api::{
    AuditAction, AuditEvent, AuditLog, Enforcement, KeyMode, LineworksMdm, ManagedApp, ManagedApps, MdmSyncSettings,
    MdmSyncSummary, MobileSecurity, Person, Plan, Rotation, RotationEnd, CONFIG_KEY, VALUE_TYPE,
};
use mdm_console::domain::change::{Change, Editable, Overlap};
use mdm_console::domain::readiness::{
    encode_base64url, fingerprint_from_digest, fingerprint_input, DeviceGroup, Readiness, SALT_BYTES,
};
use mdm_console::domain::time::{format_rfc3339, parse_rfc3339, LOGOUT_WINDOW_SECS};

use crate::crypto::{random_bytes, sha256, Secret};
use crate::fleet::Fleet;
use crate::history::{History, Snapshot};
use crate::seed::{
    actor, default_apps, default_devices, Seed, SeedDevices, SeedHistory, DEFAULT_EXCEPTION_COUNT,
    DEFAULT_MEMBER_COUNT, DEFAULT_OTHER_DOMAIN_KEYS, GROUP_SHARED_VALUE, READINESS_WINDOW_DAYS,
};
use crate::sign_ins::Added;

/// Which accounts of other domains the added checks use (a salt of their index).
const ADDED_OUTSIDERS: u64 = 0x0061_6464_6564;
/// How long `--seed-history monitor-week` has been monitoring.
const MONITOR_WEEK_SECS: i64 = 7 * 86_400;

mod answer;
mod clock;
mod sign_in_checks;
#[cfg(test)]
mod tests;
mod update;

use answer::Recorded;
pub use answer::{Answer, Replay};
pub use clock::{Clock, ClockControl};
pub use sign_in_checks::AddCheck;

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
}
