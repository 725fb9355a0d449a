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
    /// The MDM console's App Configuration must carry the new key value.
    UpdateAppConfiguration,
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
            list.push(Consequence::UpdateAppConfiguration);
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
mod tests {
    use super::*;

    fn state(enabled: bool, restrict: bool, key: Option<&str>) -> Editable {
        Editable {
            enabled,
            restrict_other_domains: restrict,
            key_mode: KeyMode::Auto,
            key_value: key.map(str::to_owned),
            enforcement: Enforcement::Enforce,
            overlap: Overlap::None,
        }
    }

    #[test]
    fn no_difference_is_an_empty_change() {
        let s = state(true, false, Some("k"));
        assert!(Change::between(&s, &s).is_empty());
    }

    #[test]
    fn turning_on_signs_members_out() {
        let (saved, next) = (state(false, false, None), state(true, false, Some("k")));
        let change = Change::between(&saved, &next);
        assert!(change.turned_on && change.signs_members_out(true) && change.needs_confirmation(true));
        assert_eq!(change.audit_actions(&saved, &next), vec![AuditAction::Enabled]);
    }

    #[test]
    fn a_new_key_while_on_signs_members_out() {
        let (saved, next) = (state(true, false, Some("a")), state(true, false, Some("b")));
        let change = Change::between(&saved, &next);
        assert!(change.signs_members_out(true));
        assert_eq!(change.audit_actions(&saved, &next), vec![AuditAction::KeyReissued]);
    }

    #[test]
    fn a_custom_key_is_recorded_as_changed() {
        let saved = state(true, false, Some("a"));
        let next = Editable { key_mode: KeyMode::Custom, key_value: Some("b".into()), ..saved.clone() };
        assert_eq!(Change::between(&saved, &next).audit_actions(&saved, &next), vec![AuditAction::KeyChanged]);
    }

    #[test]
    fn the_restriction_while_on_signs_members_out_but_not_while_off() {
        let change = Change::between(&state(true, false, Some("k")), &state(true, true, Some("k")));
        assert!(change.signs_members_out(true));
        let change = Change::between(&state(false, false, Some("k")), &state(false, true, Some("k")));
        assert!(!change.signs_members_out(false) && !change.needs_confirmation(false));
    }

    #[test]
    fn turning_off_needs_confirmation_but_signs_nobody_out() {
        let (saved, next) = (state(true, true, Some("k")), state(false, true, Some("k")));
        let change = Change::between(&saved, &next);
        assert!(!change.signs_members_out(false) && change.needs_confirmation(false));
        assert_eq!(change.audit_actions(&saved, &next), vec![AuditAction::Disabled]);
    }

    const IMPACT: Impact = Impact { member_count: 1024, exception_count: 3, lineworks_mdm_enabled: true };

    #[test]
    fn turning_on_lists_every_consequence_in_numbers() {
        let (saved, next) = (state(false, true, None), state(true, true, Some("k")));
        assert_eq!(
            Change::between(&saved, &next).consequences(&next, IMPACT, 1_000),
            vec![
                Consequence::MembersSignedOut { members: 1024, by_unix: 1_600 },
                Consequence::ExceptionsDeleted { count: 3 },
                Consequence::LineworksMdmTurnedOff,
                Consequence::OtherDomainsSignedOut,
                Consequence::UpdateAppConfiguration,
            ]
        );
    }

    #[test]
    fn no_exceptions_and_mdm_off_are_not_listed() {
        let (saved, next) = (state(false, false, None), state(true, false, Some("k")));
        let impact = Impact { member_count: 5, exception_count: 0, lineworks_mdm_enabled: false };
        assert_eq!(
            Change::between(&saved, &next).consequences(&next, impact, 0),
            vec![Consequence::MembersSignedOut { members: 5, by_unix: 600 }, Consequence::UpdateAppConfiguration]
        );
    }

    #[test]
    fn a_reissued_key_signs_out_and_needs_the_mdm_updated() {
        let (saved, next) = (state(true, false, Some("a")), state(true, false, Some("b")));
        assert_eq!(
            Change::between(&saved, &next).consequences(&next, IMPACT, 0),
            vec![Consequence::MembersSignedOut { members: 1024, by_unix: 600 }, Consequence::UpdateAppConfiguration]
        );
    }

    #[test]
    fn lifting_the_restriction_signs_out_but_signs_out_no_other_domain() {
        let (saved, next) = (state(true, true, Some("k")), state(true, false, Some("k")));
        assert_eq!(
            Change::between(&saved, &next).consequences(&next, IMPACT, 0),
            vec![Consequence::MembersSignedOut { members: 1024, by_unix: 600 }]
        );
    }

    #[test]
    fn turning_off_reminds_that_the_configuration_stays() {
        let (saved, next) = (state(true, false, Some("k")), state(false, false, Some("k")));
        assert_eq!(
            Change::between(&saved, &next).consequences(&next, IMPACT, 0),
            vec![Consequence::AppConfigurationStaysOnDevices]
        );
    }

    #[test]
    fn changes_while_off_have_no_consequences() {
        let (saved, next) = (state(false, false, Some("a")), state(false, true, Some("b")));
        assert!(Change::between(&saved, &next).consequences(&next, IMPACT, 0).is_empty());
    }

    #[test]
    fn save_needs_a_valid_change_on_an_eligible_plan_and_no_save_in_flight() {
        let change = Change::between(&state(false, false, None), &state(true, false, Some("k")));
        assert!(can_save(&change, true, true, false));
        assert!(!can_save(&Change::default(), true, true, false));
        assert!(!can_save(&change, false, true, false));
        assert!(!can_save(&change, true, false, false));
        assert!(!can_save(&change, true, true, true));
    }

    fn monitoring(enabled: bool, key: Option<&str>) -> Editable {
        Editable { enforcement: Enforcement::Monitor, ..state(enabled, false, key) }
    }

    #[test]
    fn turning_on_in_monitor_mode_signs_nobody_out_and_leaves_lineworks_mdm() {
        let (saved, next) = (state(false, false, None), monitoring(true, Some("k")));
        let change = Change::between(&saved, &next);
        assert!(!change.signs_members_out(true) && change.needs_confirmation(true) && !change.starts_enforcing);
        assert_eq!(
            change.consequences(&next, IMPACT, 0),
            vec![Consequence::NobodySignedOut, Consequence::RefusalsOnlyRecorded, Consequence::UpdateAppConfiguration]
        );
        assert_eq!(change.audit_actions(&saved, &next), vec![AuditAction::Enabled, AuditAction::MonitorOn]);
    }

    #[test]
    fn monitor_to_enforce_has_the_effects_of_turning_on() {
        let (saved, next) = (monitoring(true, Some("k")), state(true, false, Some("k")));
        let change = Change::between(&saved, &next);
        assert!(change.starts_enforcing && change.signs_members_out(true) && change.needs_confirmation(true));
        assert_eq!(
            change.consequences(&next, IMPACT, 0),
            vec![
                Consequence::MembersSignedOut { members: 1024, by_unix: 600 },
                Consequence::ExceptionsDeleted { count: 3 },
                Consequence::LineworksMdmTurnedOff,
            ]
        );
        assert_eq!(change.audit_actions(&saved, &next), vec![AuditAction::EnforceOn]);
    }

    #[test]
    fn enforce_to_monitor_and_changes_in_monitor_sign_nobody_out() {
        let (saved, next) = (state(true, false, Some("k")), monitoring(true, Some("k")));
        let change = Change::between(&saved, &next);
        assert!(!change.signs_members_out(true) && change.needs_confirmation(true));
        assert_eq!(change.audit_actions(&saved, &next), vec![AuditAction::MonitorOn]);
        assert_eq!(
            change.consequences(&next, IMPACT, 0),
            vec![Consequence::NobodySignedOut, Consequence::RefusalsOnlyRecorded]
        );
        let saved = monitoring(true, Some("a"));
        for next in
            [monitoring(true, Some("b")), Editable { restrict_other_domains: true, ..monitoring(true, Some("a")) }]
        {
            let change = Change::between(&saved, &next);
            assert!(!change.signs_members_out(true) && change.needs_confirmation(true), "{next:?}");
            assert_eq!(change.consequences(&next, IMPACT, 0)[0], Consequence::NobodySignedOut);
        }
    }

    #[test]
    fn a_new_key_with_an_overlap_signs_nobody_out_and_says_until_when() {
        let saved = state(true, false, Some("a"));
        let next = Editable { overlap: Overlap::For(7 * 86_400), ..state(true, false, Some("b")) };
        let change = Change::between(&saved, &next);
        assert!(change.overlap_started && !change.signs_members_out(true) && !change.signs_previous_key_out(true));
        assert_eq!(
            change.consequences(&next, IMPACT, 1_000),
            vec![
                Consequence::NobodySignedOut,
                Consequence::PreviousKeyValidUntil { until_unix: 1_000 + 7 * 86_400 },
                Consequence::UpdateAppConfiguration,
            ]
        );
        assert_eq!(change.audit_actions(&saved, &next), vec![AuditAction::KeyReissued, AuditAction::RotationStarted]);
        assert_eq!(change.rotation_end(), None);
    }

    #[test]
    fn ending_an_overlap_early_signs_out_the_previous_keys_devices_only() {
        let saved = Editable { overlap: Overlap::Until(5_000), ..state(true, false, Some("b")) };
        let next = state(true, false, Some("b"));
        let change = Change::between(&saved, &next);
        assert!(!change.is_empty() && change.overlap_ended_early && change.needs_confirmation(true));
        assert!(!change.signs_members_out(true) && change.signs_previous_key_out(true));
        assert_eq!(change.consequences(&next, IMPACT, 0), vec![Consequence::PreviousKeySignedOut { by_unix: 600 }]);
        assert_eq!(change.audit_actions(&saved, &next), vec![AuditAction::RotationEnded]);
        assert_eq!(change.rotation_end(), Some(RotationEnd::EndedEarly));
    }

    #[test]
    fn another_new_key_during_an_overlap_retires_the_older_previous_key() {
        let saved = Editable { overlap: Overlap::Until(5_000), ..state(true, false, Some("b")) };
        let next = Editable { overlap: Overlap::For(86_400), ..state(true, false, Some("c")) };
        let change = Change::between(&saved, &next);
        assert!(change.overlap_superseded && change.overlap_started && change.signs_previous_key_out(true));
        assert_eq!(
            change.consequences(&next, IMPACT, 0),
            vec![
                Consequence::PreviousKeySignedOut { by_unix: 600 },
                Consequence::PreviousKeyValidUntil { until_unix: 86_400 },
                Consequence::UpdateAppConfiguration,
            ]
        );
        assert_eq!(
            change.audit_actions(&saved, &next),
            vec![AuditAction::RotationEnded, AuditAction::KeyReissued, AuditAction::RotationStarted]
        );
        assert_eq!(change.rotation_end(), Some(RotationEnd::Superseded));
        // Without an overlap of its own, the new key signs everyone out, which says the rest.
        let next = state(true, false, Some("c"));
        let change = Change::between(&saved, &next);
        assert!(change.signs_members_out(true) && !change.signs_previous_key_out(true));
    }

    #[test]
    fn the_overlap_with_the_restriction_still_signs_everyone_out() {
        let saved = state(true, false, Some("a"));
        let next = Editable { overlap: Overlap::For(3_600), ..state(true, true, Some("b")) };
        let change = Change::between(&saved, &next);
        assert!(change.overlap_started && change.signs_members_out(true));
    }

    fn body(enabled: bool, key: Option<&str>, until: Option<Option<&str>>) -> MdmSyncUpdate {
        MdmSyncUpdate {
            enabled,
            restrict_other_domains: false,
            key_mode: KeyMode::Auto,
            key_value: key.map(str::to_owned),
            enforcement: None,
            previous_key_valid_until: until.map(|u| u.map(str::to_owned)),
        }
    }

    // 2026-12-01T00:00:00Z
    const NOW: i64 = 1_796_083_200;

    #[test]
    fn a_first_wave_body_keeps_enforcement_and_a_running_overlap() {
        let saved = Editable {
            enforcement: Enforcement::Monitor,
            overlap: Overlap::Until(NOW + 60),
            ..state(true, false, Some("a"))
        };
        let next = saved.updated(&body(true, None, None), NOW).unwrap();
        assert_eq!(next, saved);
        let next = saved.updated(&body(true, Some("a"), None), NOW).unwrap();
        assert_eq!((next.enforcement, next.overlap), (Enforcement::Monitor, Overlap::Until(NOW + 60)));
        // A new key without the field ends the overlap: the seed's immediate cut.
        assert_eq!(saved.updated(&body(true, Some("b"), None), NOW).unwrap().overlap, Overlap::None);
        assert_eq!(saved.updated(&body(true, None, Some(None)), NOW).unwrap().overlap, Overlap::None);
    }

    #[test]
    fn the_overlap_is_bounded_to_thirty_days_ahead() {
        let saved = state(true, false, Some("a"));
        let at = |secs: i64| format_rfc3339(NOW + secs);
        for (secs, ok) in [
            (1, true),
            (3_600, true),
            (MAX_OVERLAP_SECS, true),
            (MAX_OVERLAP_SECS + 1, false),
            (0, false),
            (-60, false),
        ] {
            let text = at(secs);
            let result = saved.updated(&body(true, Some("b"), Some(Some(&text))), NOW);
            assert_eq!(result.is_ok(), ok, "{secs}");
            if !ok {
                assert_eq!(result, Err(OverlapError::OutOfBounds));
            }
        }
        let tomorrow = at(86_400);
        assert_eq!(saved.updated(&body(true, Some("b"), Some(Some("tomorrow"))), NOW), Err(OverlapError::Unreadable));
        // No new key, no running overlap, or sync being turned on: nothing to keep valid.
        assert_eq!(
            saved.updated(&body(true, Some("a"), Some(Some(&tomorrow))), NOW),
            Err(OverlapError::NothingToOverlap)
        );
        let off = state(false, false, Some("a"));
        assert_eq!(
            off.updated(&body(true, Some("b"), Some(Some(&tomorrow))), NOW),
            Err(OverlapError::NothingToOverlap)
        );
    }

    #[test]
    fn a_draft_sends_what_differs_and_the_body_reads_back_the_same() {
        let saved = Editable { overlap: Overlap::Until(NOW + 600), ..state(true, false, Some("a")) };
        for (draft, sent) in [
            (saved.clone(), None),
            (state(true, false, Some("a")), Some(None)),
            (
                Editable { overlap: Overlap::For(3_600), ..state(true, false, Some("b")) },
                Some(Some(format_rfc3339(NOW + 3_600))),
            ),
        ] {
            let update = draft.update_over(&saved, NOW);
            assert_eq!(update.previous_key_valid_until, sent, "{draft:?}");
            assert_eq!(update.enforcement, Some(Enforcement::Enforce));
            let read = saved.updated(&update, NOW).unwrap();
            assert_eq!(Change::between(&saved, &read).overlap_started, Change::between(&saved, &draft).overlap_started);
        }
    }

    #[test]
    fn editable_debug_hides_the_key() {
        assert!(!format!("{:?}", state(true, false, Some("SecretKeyValue1234"))).contains("SecretKeyValue"));
    }
}
