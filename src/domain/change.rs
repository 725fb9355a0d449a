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

    #[test]
    fn editable_debug_hides_the_key() {
        assert!(!format!("{:?}", state(true, false, Some("SecretKeyValue1234"))).contains("SecretKeyValue"));
    }
}
