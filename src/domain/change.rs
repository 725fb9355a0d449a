//! What a save changes, and what that does to members: the one rule that both the console's confirmation and the
//! mock's effects follow.

use super::api::{AuditAction, Enforcement, KeyMode, MdmSyncSettings, MdmSyncUpdate, RotationEnd, MAX_OVERLAP_SECS};
use super::time::{format_rfc3339, parse_rfc3339, LOGOUT_WINDOW_SECS};

/// Whether the previous key stays valid beside the key (`rollout.md` §2).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Overlap {
    /// Only the key is valid.
    #[default]
    None,
    /// The previous key stays valid until this moment (seconds since the Unix epoch): a rotation that runs, or one
    /// asked for at a given time.
    Until(i64),
    /// The previous key stays valid this many seconds after the save: the draft's choice, made absolute when sent.
    For(i64),
}

/// The settings fields that an admin edits.
#[derive(Clone, PartialEq, Eq)]
pub struct Editable {
    pub enabled: bool,
    pub restrict_other_domains: bool,
    pub key_mode: KeyMode,
    pub key_value: Option<String>,
    pub enforcement: Enforcement,
    pub overlap: Overlap,
}

impl std::fmt::Debug for Editable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Editable")
            .field("enabled", &self.enabled)
            .field("restrict_other_domains", &self.restrict_other_domains)
            .field("key_mode", &self.key_mode)
            .field("key_value", &self.key_value.as_ref().map(|_| "<redacted>"))
            .field("enforcement", &self.enforcement)
            .field("overlap", &self.overlap)
            .finish()
    }
}

impl From<&MdmSyncSettings> for Editable {
    fn from(s: &MdmSyncSettings) -> Self {
        Self {
            enabled: s.enabled,
            restrict_other_domains: s.restrict_other_domains,
            key_mode: s.key_mode,
            key_value: s.key_value.clone(),
            enforcement: s.enforcement,
            overlap: match s.rotation.as_ref().and_then(|r| parse_rfc3339(&r.valid_until)) {
                Some(until) => Overlap::Until(until),
                None => Overlap::None,
            },
        }
    }
}

/// Why a PUT's `previousKeyValidUntil` is refused (422 `invalid_overlap`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OverlapError {
    /// Not an RFC 3339 time.
    Unreadable,
    /// Not after now, or more than 30 days ahead.
    OutOfBounds,
    /// There is no previous key to keep: the key does not change while sync is on, and no rotation runs.
    NothingToOverlap,
}

impl Editable {
    /// What a PUT makes of the saved settings (`docs/api.md`): a field left out keeps its saved value, and
    /// `previousKeyValidUntil` is read as the contract says, at `now_unix`.
    pub fn updated(&self, update: &MdmSyncUpdate, now_unix: i64) -> Result<Editable, OverlapError> {
        // `keyValue: null` leaves the saved key alone: once issued, a key is never taken away, only replaced.
        let key_value = update.key_value.clone().or_else(|| self.key_value.clone());
        let key_changed = self.key_value.is_some() && key_value != self.key_value;
        let overlap = match &update.previous_key_valid_until {
            None if key_changed => Overlap::None,
            None => self.overlap,
            Some(None) => Overlap::None,
            Some(Some(text)) => {
                let until = parse_rfc3339(text).ok_or(OverlapError::Unreadable)?;
                if until <= now_unix || until > now_unix + MAX_OVERLAP_SECS {
                    return Err(OverlapError::OutOfBounds);
                }
                let rotates = update.enabled && self.enabled && key_changed;
                if !rotates && (!update.enabled || !matches!(self.overlap, Overlap::Until(_))) {
                    return Err(OverlapError::NothingToOverlap);
                }
                Overlap::Until(until)
            }
        };
        Ok(Editable {
            enabled: update.enabled,
            restrict_other_domains: update.restrict_other_domains,
            key_mode: update.key_mode,
            key_value,
            enforcement: update.enforcement.unwrap_or(self.enforcement),
            // Sync off keeps no previous key: nothing is checked.
            overlap: if update.enabled { overlap } else { Overlap::None },
        })
    }

    /// The PUT body that saves this draft over `saved`, at `now_unix`.
    pub fn update_over(&self, saved: &Editable, now_unix: i64) -> MdmSyncUpdate {
        let previous_key_valid_until = match (self.overlap, saved.overlap == self.overlap) {
            (_, true) => None,
            (Overlap::None, false) => Some(None),
            (Overlap::Until(until), false) => Some(Some(format_rfc3339(until))),
            (Overlap::For(secs), false) => Some(Some(format_rfc3339(now_unix + secs))),
        };
        MdmSyncUpdate {
            enabled: self.enabled,
            restrict_other_domains: self.restrict_other_domains,
            key_mode: self.key_mode,
            key_value: self.key_value.clone(),
            enforcement: Some(self.enforcement),
            previous_key_valid_until,
        }
    }
}

/// The difference between the saved settings and the ones about to be saved.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Change {
    pub turned_on: bool,
    pub turned_off: bool,
    pub key_changed: bool,
    pub restrict_changed: bool,
    pub key_mode_changed: bool,
    /// Monitor only → Enforce, or the reverse.
    pub enforcement_changed: bool,
    /// A new key while on, with the previous key kept valid for a while.
    pub overlap_started: bool,
    /// A running overlap ended ("End overlap now"), the key staying.
    pub overlap_ended_early: bool,
    /// Another new key during an overlap: the older previous key is retired at once.
    pub overlap_superseded: bool,
    /// A running overlap moved to another end.
    pub overlap_moved: bool,
    /// Sync on with "Enforce", from off or from "Monitor only": the seed's effects of turning sync on.
    pub starts_enforcing: bool,
    /// Sync on with the gate refusing nothing.
    pub next_monitors: bool,
}

impl Change {
    pub fn between(saved: &Editable, next: &Editable) -> Self {
        let turned_on = !saved.enabled && next.enabled;
        let key_changed = saved.key_value != next.key_value;
        let enforcement_changed = saved.enforcement != next.enforcement;
        let stays_on = saved.enabled && next.enabled;
        let was_overlapping = matches!(saved.overlap, Overlap::Until(_));
        let keeps_previous = !matches!(next.overlap, Overlap::None);
        let enforcing = next.enabled && next.enforcement == Enforcement::Enforce;
        Self {
            turned_on,
            turned_off: saved.enabled && !next.enabled,
            key_changed,
            restrict_changed: saved.restrict_other_domains != next.restrict_other_domains,
            key_mode_changed: saved.key_mode != next.key_mode,
            enforcement_changed,
            overlap_started: stays_on && key_changed && saved.key_value.is_some() && keeps_previous,
            overlap_ended_early: was_overlapping && !key_changed && !keeps_previous,
            overlap_superseded: was_overlapping && key_changed,
            overlap_moved: was_overlapping && !key_changed && keeps_previous && saved.overlap != next.overlap,
            starts_enforcing: enforcing && (turned_on || (enforcement_changed && saved.enabled)),
            next_monitors: next.enabled && next.enforcement == Enforcement::Monitor,
        }
    }

    pub fn is_empty(&self) -> bool {
        !(self.turned_on
            || self.turned_off
            || self.key_changed
            || self.restrict_changed
            || self.key_mode_changed
            || self.enforcement_changed
            || self.overlap_ended_early
            || self.overlap_moved)
    }

    /// Sync turned on with "Enforce" (from off or from "Monitor only"), a new key with no overlap, or a new
    /// restriction, while enforcing: every member is signed out within 10 minutes. While sync stays off, or in
    /// "Monitor only", nothing is refused, so nobody is signed out.
    pub fn signs_members_out(&self, next_enabled: bool) -> bool {
        next_enabled
            && !self.next_monitors
            && (self.turned_on
                || self.starts_enforcing
                || self.restrict_changed
                || (self.key_changed && !self.overlap_started))
    }

    /// The previous key stops now (an overlap ended early, or another new key retired it) while every other member
    /// stays signed in: its devices are signed out within 10 minutes.
    pub fn signs_previous_key_out(&self, next_enabled: bool) -> bool {
        next_enabled
            && !self.next_monitors
            && (self.overlap_ended_early || self.overlap_superseded)
            && !self.signs_members_out(next_enabled)
    }

    /// Every save that touches the gate while sync is on, or turns it on or off, is confirmed first.
    pub fn needs_confirmation(&self, next_enabled: bool) -> bool {
        self.turned_on
            || self.turned_off
            || (next_enabled
                && (self.key_changed
                    || self.restrict_changed
                    || self.enforcement_changed
                    || self.overlap_ended_early
                    || self.overlap_moved))
    }

    /// The audit trail of this change, in the order the events happened.
    pub fn audit_actions(&self, saved: &Editable, next: &Editable) -> Vec<AuditAction> {
        let mut actions = Vec::new();
        if self.turned_on {
            actions.push(AuditAction::Enabled);
        }
        if next.enabled && (self.enforcement_changed || self.turned_on) {
            match next.enforcement {
                Enforcement::Monitor => actions.push(AuditAction::MonitorOn),
                Enforcement::Enforce if self.enforcement_changed => actions.push(AuditAction::EnforceOn),
                Enforcement::Enforce => {}
            }
        }
        if self.overlap_superseded || self.overlap_ended_early {
            actions.push(AuditAction::RotationEnded);
        }
        if self.key_changed && saved.key_value.is_some() {
            actions.push(if next.key_mode == KeyMode::Auto {
                AuditAction::KeyReissued
            } else {
                AuditAction::KeyChanged
            });
        }
        if self.overlap_started {
            actions.push(AuditAction::RotationStarted);
        }
        if self.restrict_changed {
            actions.push(if next.restrict_other_domains { AuditAction::RestrictOn } else { AuditAction::RestrictOff });
        }
        if self.turned_off {
            actions.push(AuditAction::Disabled);
        }
        actions
    }

    /// Why the overlap that ran ended with this change, for its `rotation_ended` event.
    pub fn rotation_end(&self) -> Option<RotationEnd> {
        if self.overlap_superseded {
            Some(RotationEnd::Superseded)
        } else if self.overlap_ended_early {
            Some(RotationEnd::EndedEarly)
        } else {
            None
        }
    }
}

/// What the Mobile Security overview says about the domain, which a change's consequences are counted from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Impact {
    pub member_count: u32,
    pub exception_count: u32,
    pub lineworks_mdm_enabled: bool,
}

/// One line of the "Apply these changes?" confirmation, in numbers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Consequence {
    /// Every member is signed out of the mobile app by `by_unix` (now + 10 minutes).
    MembersSignedOut { members: u32, by_unix: i64 },
    /// Nobody is signed out by this change: "Monitor only", or a new key whose previous key stays valid.
    NobodySignedOut,
    /// "Monitor only": every sign-in is let through, and what the gate would refuse is recorded in Sign-in checks.
    RefusalsOnlyRecorded,
    /// The previous key stays valid until `until_unix`; devices that carry only it are signed out then.
    PreviousKeyValidUntil { until_unix: i64 },
    /// The previous key stops now: devices that carry only it are signed out by `by_unix`.
    PreviousKeySignedOut { by_unix: i64 },
    /// LINE WORKS MDM exception-management settings are deleted.
    ExceptionsDeleted { count: u32 },
    /// LINE WORKS MDM is turned off: the two cannot be used together.
    LineworksMdmTurnedOff,
    /// Accounts of other domains on devices with this key are signed out.
    OtherDomainsSignedOut,
    /// The MDM console's App Configuration must carry the new key value. `refused_until_then`: from this save on, the
    /// gate refuses a sign-in without it (enforcing, no previous key kept valid); else sign-ins go on meanwhile (Monitor
    /// only, or an overlap), as the dialog's other lines say.
    UpdateAppConfiguration { refused_until_then: bool },
    /// Turning sync off removes nothing from the devices: the MDM console must remove the App Configuration.
    AppConfigurationStaysOnDevices,
}

impl Change {
    /// Everything the admin must know before this change is saved, in the order the dialog lists it.
    pub fn consequences(&self, next: &Editable, impact: Impact, now_unix: i64) -> Vec<Consequence> {
        let mut list = Vec::new();
        let by_unix = now_unix + LOGOUT_WINDOW_SECS;
        if self.signs_members_out(next.enabled) {
            list.push(Consequence::MembersSignedOut { members: impact.member_count, by_unix });
        } else if next.enabled && (self.next_monitors || self.overlap_started) && !self.signs_previous_key_out(true) {
            list.push(Consequence::NobodySignedOut);
        }
        if self.next_monitors && (self.turned_on || self.enforcement_changed) {
            list.push(Consequence::RefusalsOnlyRecorded);
        }
        if self.signs_previous_key_out(next.enabled) {
            list.push(Consequence::PreviousKeySignedOut { by_unix });
        }
        match next.overlap {
            Overlap::For(secs) if self.overlap_started || self.overlap_moved => {
                list.push(Consequence::PreviousKeyValidUntil { until_unix: now_unix + secs });
            }
            Overlap::Until(until_unix) if self.overlap_started || self.overlap_moved => {
                list.push(Consequence::PreviousKeyValidUntil { until_unix });
            }
            _ => {}
        }
        if self.starts_enforcing {
            if impact.exception_count > 0 {
                list.push(Consequence::ExceptionsDeleted { count: impact.exception_count });
            }
            if impact.lineworks_mdm_enabled {
                list.push(Consequence::LineworksMdmTurnedOff);
            }
        }
        let enforcing = next.enabled && !self.next_monitors;
        if enforcing && next.restrict_other_domains && (self.starts_enforcing || self.restrict_changed) {
            list.push(Consequence::OtherDomainsSignedOut);
        }
        if next.enabled && (self.turned_on || self.key_changed) {
            let refused_until_then = enforcing && next.overlap == Overlap::None;
            list.push(Consequence::UpdateAppConfiguration { refused_until_then });
        }
        if self.turned_off {
            list.push(Consequence::AppConfigurationStaysOnDevices);
        }
        list
    }
}

/// Whether "Save" can be pressed: something changed, the key is valid, the plan allows the feature, and no save is
/// already on its way.
pub fn can_save(change: &Change, key_valid: bool, plan_allows: bool, saving: bool) -> bool {
    !change.is_empty() && key_valid && plan_allows && !saving
}

#[cfg(test)]
#[path = "change_tests.rs"]
mod tests;
