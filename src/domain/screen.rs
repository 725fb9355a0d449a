//! The seam between the settings screen and the second module's islands (`src/panels`): what the screen tells them
//! each time its state changes, and what they ask of it. Declared once here and read on both sides, so that a field
//! added on one side cannot be missed on the other. It crosses between the two wasm modules as a JS value
//! (`serde-wasm-bindgen`), never as text in a URL, storage or a log.

use serde::{Deserialize, Serialize};

use super::api::{Enforcement, Rotation};
use super::change::Change;
use super::settings::{Action, SettingsState};

/// The settings screen's state as the islands need it.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScreenState {
    /// The saved key value.
    pub saved_key: Option<String>,
    /// The draft's key value when it is another one, not saved yet.
    pub draft_key: Option<String>,
    /// Whether the admin has chosen to see the key.
    pub key_shown: bool,
    /// Saves that went through since the screen opened: the Activity log and the reports load again after each.
    pub saves: u32,
    /// Whether sync is on, as saved.
    pub enabled: bool,
    /// As saved.
    pub enforcement: Enforcement,
    /// The running overlap, as saved.
    pub rotation: Option<Rotation>,
    /// What saving the draft would change: the Apply dialog's lines follow it.
    pub change: ChangeSeen,
    /// The draft's choices that the rollout's controls show (`panels::rollout`).
    pub draft: DraftSeen,
}

/// The draft as the rollout's controls need it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DraftSeen {
    /// Sync is on in the draft: "Enforcement" is offered.
    pub enabled: bool,
    pub enforcement: Enforcement,
    /// The plan does not allow the feature: the controls are disabled.
    pub locked: bool,
    /// A new key while sync stays on: "Keep the previous key valid" is offered.
    pub can_keep_previous: bool,
    pub keep_previous: bool,
    pub overlap_secs: i64,
}

/// The parts of a [`Change`] that the islands' lines in the Apply dialog depend on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangeSeen {
    /// Every member is signed out: how many devices can sign in again at once, and how many cannot.
    pub signs_out: bool,
    /// "Monitor only" → "Enforce": the last 7 days of would-be refusals.
    pub enforces_monitored: bool,
    /// A new key with an overlap: how many devices carry only the previous key today.
    pub overlap_started: bool,
    /// The previous key stops now: how many devices are signed out.
    pub previous_key_stops: bool,
}

impl ScreenState {
    pub fn of(state: &SettingsState, saves: u32) -> Self {
        let saved_key = state.saved.key_value.clone();
        let draft_key = state.key_value().filter(|draft| Some(*draft) != saved_key.as_deref()).map(str::to_owned);
        let change: Change = state.change();
        ScreenState {
            saved_key,
            draft_key,
            key_shown: state.key_shown,
            saves,
            enabled: state.saved.enabled,
            enforcement: state.saved.enforcement,
            rotation: state.saved.rotation.clone(),
            change: ChangeSeen {
                signs_out: change.signs_members_out(state.enabled),
                enforces_monitored: change.starts_enforcing && state.saved.enabled,
                overlap_started: change.overlap_started,
                previous_key_stops: change.signs_previous_key_out(state.enabled),
            },
            draft: DraftSeen {
                enabled: state.enabled,
                enforcement: state.enforcement,
                locked: !state.plan_allows,
                can_keep_previous: state.can_keep_previous(),
                keep_previous: state.keep_previous,
                overlap_secs: state.overlap_secs,
            },
        }
    }
}

/// The key is a secret: a stray `{:?}` must never print it.
impl std::fmt::Debug for ScreenState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ScreenState")
            .field("saved_key", &self.saved_key.as_ref().map(|_| "<redacted>"))
            .field("draft_key", &self.draft_key.as_ref().map(|_| "<redacted>"))
            .field("key_shown", &self.key_shown)
            .field("saves", &self.saves)
            .field("enabled", &self.enabled)
            .field("enforcement", &self.enforcement)
            .field("rotation", &self.rotation)
            .field("change", &self.change)
            .field("draft", &self.draft)
            .finish()
    }
}

/// What an island asks of the settings screen: exactly one of its fields is set. It travels as a bubbling DOM event
/// named [`REQUEST_EVENT`] from the island's place, with this value as its `detail`; a flat record rather than an
/// enum with data, so that the first module reads it with the same small reader as the API's answers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScreenRequest {
    /// "Enforcement": "Monitor only" or "Enforce".
    #[serde(default)]
    pub enforcement: Option<Enforcement>,
    /// "Keep the previous key valid", checked or not.
    #[serde(default)]
    pub keep_previous: Option<bool>,
    /// "Overlap", in seconds.
    #[serde(default)]
    pub overlap_secs: Option<i64>,
    /// "End overlap now", in the Key rotation region: the Apply dialog for it.
    #[serde(default)]
    pub end_overlap: bool,
}

impl ScreenRequest {
    /// The state machine's action that the request stands for.
    pub fn action(&self) -> Option<Action> {
        if let Some(enforcement) = self.enforcement {
            return Some(Action::SetEnforcement(enforcement));
        }
        if let Some(keep) = self.keep_previous {
            return Some(Action::KeepPrevious(keep));
        }
        if let Some(secs) = self.overlap_secs {
            return Some(Action::ChooseOverlap(secs));
        }
        self.end_overlap.then_some(Action::EndOverlap)
    }
}

pub const REQUEST_EVENT: &str = "mdm-sync-request";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::api::{KeyMode, MdmSyncSettings, CONFIG_KEY};
    use crate::domain::change::Impact;
    use crate::domain::settings::Action;

    struct Fixed;
    impl crate::domain::key::RandomSource for Fixed {
        fn fill(&mut self, buf: &mut [u8]) -> Result<(), crate::domain::key::RandomError> {
            buf.iter_mut().enumerate().for_each(|(i, b)| *b = (i as u8).wrapping_mul(7));
            Ok(())
        }
    }

    fn screen(enforcement: Enforcement) -> SettingsState {
        let saved = MdmSyncSettings {
            enabled: true,
            restrict_other_domains: false,
            key_mode: KeyMode::Auto,
            key_value: Some("Qx7vR2mK9pL4sT8wZ3nB6yH1cF5gJ0dA".into()),
            config_key: CONFIG_KEY.into(),
            value_type: "String".into(),
            updated_at: None,
            updated_by: None,
            logout_deadline: None,
            enforcement,
            rotation: None,
        };
        let impact = Impact { member_count: 3, exception_count: 0, lineworks_mdm_enabled: false };
        SettingsState::new(saved, None, impact, true)
    }

    #[test]
    fn the_screen_tells_which_lines_the_dialog_needs() {
        let mut state = screen(Enforcement::Monitor);
        assert_eq!(ScreenState::of(&state, 0).change, ChangeSeen::default());
        state.apply(Action::SetEnforcement(Enforcement::Enforce), &mut Fixed);
        let told = ScreenState::of(&state, 0).change;
        assert!(told.enforces_monitored && told.signs_out && !told.overlap_started);
        let mut state = screen(Enforcement::Enforce);
        state.apply(Action::Reissue, &mut Fixed);
        state.apply(Action::KeepPrevious(true), &mut Fixed);
        let told = ScreenState::of(&state, 1);
        assert!(told.change.overlap_started && !told.change.signs_out);
        assert!(told.draft_key.is_some() && told.saved_key != told.draft_key);
        assert!(!format!("{told:?}").contains("Qx7v"), "the key never shows in a debug print");
    }

    #[test]
    fn each_request_stands_for_its_action() {
        let ask = ScreenRequest::default();
        assert_eq!(ask.action(), None);
        assert_eq!(
            ScreenRequest { enforcement: Some(Enforcement::Monitor), ..ask }.action(),
            Some(Action::SetEnforcement(Enforcement::Monitor))
        );
        assert_eq!(ScreenRequest { keep_previous: Some(true), ..ask }.action(), Some(Action::KeepPrevious(true)));
        assert_eq!(ScreenRequest { overlap_secs: Some(3_600), ..ask }.action(), Some(Action::ChooseOverlap(3_600)));
        assert_eq!(ScreenRequest { end_overlap: true, ..ask }.action(), Some(Action::EndOverlap));
        let wire = serde_json::to_value(ScreenRequest { keep_previous: Some(false), ..ask }).unwrap();
        assert_eq!(wire["keepPrevious"], false);
        assert_eq!(
            serde_json::from_value::<ScreenRequest>(serde_json::json!({"endOverlap": true})).unwrap().action(),
            Some(Action::EndOverlap)
        );
    }

    #[test]
    fn the_controls_see_the_draft() {
        let mut state = screen(Enforcement::Enforce);
        state.apply(Action::SetEnforcement(Enforcement::Monitor), &mut Fixed);
        let draft = ScreenState::of(&state, 0).draft;
        assert!(draft.enabled && !draft.locked && !draft.can_keep_previous);
        assert_eq!(draft.enforcement, Enforcement::Monitor);
        state.apply(Action::Reissue, &mut Fixed);
        assert!(ScreenState::of(&state, 0).draft.can_keep_previous);
    }
}
