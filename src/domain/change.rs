//! What a save changes, and what that does to members: the one rule that both the console's confirmation and the
//! mock's effects follow.

use super::api::{AuditAction, KeyMode, MdmSyncSettings, MdmSyncUpdate};

/// The settings fields that an admin edits.
#[derive(Clone, PartialEq, Eq)]
pub struct Editable {
    pub enabled: bool,
    pub restrict_other_domains: bool,
    pub key_mode: KeyMode,
    pub key_value: Option<String>,
}

impl std::fmt::Debug for Editable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Editable")
            .field("enabled", &self.enabled)
            .field("restrict_other_domains", &self.restrict_other_domains)
            .field("key_mode", &self.key_mode)
            .field("key_value", &self.key_value.as_ref().map(|_| "<redacted>"))
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
        }
    }
}

impl From<&MdmSyncUpdate> for Editable {
    fn from(u: &MdmSyncUpdate) -> Self {
        Self {
            enabled: u.enabled,
            restrict_other_domains: u.restrict_other_domains,
            key_mode: u.key_mode,
            key_value: u.key_value.clone(),
        }
    }
}

impl From<Editable> for MdmSyncUpdate {
    fn from(e: Editable) -> Self {
        Self { enabled: e.enabled, restrict_other_domains: e.restrict_other_domains, key_mode: e.key_mode, key_value: e.key_value }
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
}

impl Change {
    pub fn between(saved: &Editable, next: &Editable) -> Self {
        Self {
            turned_on: !saved.enabled && next.enabled,
            turned_off: saved.enabled && !next.enabled,
            key_changed: saved.key_value != next.key_value,
            restrict_changed: saved.restrict_other_domains != next.restrict_other_domains,
            key_mode_changed: saved.key_mode != next.key_mode,
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// Turning sync on, a new key while on, or a new restriction while on signs every member out within 10 minutes.
    /// While sync stays off, nothing reaches the devices, so nobody is signed out.
    pub fn signs_members_out(&self, next_enabled: bool) -> bool {
        self.turned_on || (next_enabled && (self.key_changed || self.restrict_changed))
    }

    /// Every save that signs members out or turns sync off is confirmed first.
    pub fn needs_confirmation(&self, next_enabled: bool) -> bool {
        self.signs_members_out(next_enabled) || self.turned_off
    }

    /// The audit trail of this change, in the order the events happened.
    pub fn audit_actions(&self, saved: &Editable, next: &Editable) -> Vec<AuditAction> {
        let mut actions = Vec::new();
        if self.turned_on {
            actions.push(AuditAction::Enabled);
        }
        if self.key_changed && saved.key_value.is_some() {
            actions.push(if next.key_mode == KeyMode::Auto { AuditAction::KeyReissued } else { AuditAction::KeyChanged });
        }
        if self.restrict_changed {
            actions.push(if next.restrict_other_domains { AuditAction::RestrictOn } else { AuditAction::RestrictOff });
        }
        if self.turned_off {
            actions.push(AuditAction::Disabled);
        }
        actions
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
        if self.signs_members_out(next.enabled) {
            list.push(Consequence::MembersSignedOut {
                members: impact.member_count,
                by_unix: now_unix + super::time::LOGOUT_WINDOW_SECS,
            });
        }
        if self.turned_on {
            if impact.exception_count > 0 {
                list.push(Consequence::ExceptionsDeleted { count: impact.exception_count });
            }
            if impact.lineworks_mdm_enabled {
                list.push(Consequence::LineworksMdmTurnedOff);
            }
        }
        if next.enabled && next.restrict_other_domains && (self.turned_on || self.restrict_changed) {
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
        Editable { enabled, restrict_other_domains: restrict, key_mode: KeyMode::Auto, key_value: key.map(str::to_owned) }
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

    #[test]
    fn editable_debug_hides_the_key() {
        assert!(!format!("{:?}", state(true, false, Some("SecretKeyValue1234"))).contains("SecretKeyValue"));
    }
}
