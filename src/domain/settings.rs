//! The settings screen as a state machine: the saved settings, the admin's draft, the open confirmation and a save
//! on its way. Pure, so that every transition is tested natively; the screen only renders it and sends requests.

use super::api::{Enforcement, KeyMode, MdmSyncSettings, MdmSyncUpdate};
use super::change::{can_save, Change, Consequence, Editable, Impact, Overlap};
use super::error::ApiError;
use super::key::{generate_key, validate_key, KeyError, RandomSource};

/// Which confirmation is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Confirmation {
    /// "Turn on 3rd-party MDM sync?"
    Precautions,
    /// "Apply these changes?"
    Apply,
}

/// How the last save ended.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    Saved,
    Failed(ApiError),
    /// Someone else saved first (412); the error holds their settings.
    Conflict(ApiError),
}

/// What is wrong with the key value.
#[derive(Clone, Debug, PartialEq)]
pub enum KeyProblem {
    /// The browser's random source failed; no key was made.
    RandomFailed,
    /// Sync is on, and no key was ever issued.
    Required,
    /// A custom value breaks a rule of `key.md`.
    Rule(KeyError),
    /// The server refused exactly this value (409 key_in_use, 422 invalid_key).
    Server(ApiError),
}

/// Everything the admin can do on the screen. The screen sends these through [`SettingsState::apply`], one path
/// for every change (which also keeps the compiled wasm small).
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Toggle(bool),
    AcceptPrecautions,
    DismissDialog,
    SetRestrict(bool),
    ChooseMode(KeyMode),
    TypeCustom(String),
    Reissue,
    ShowKey(bool),
    /// "Save".
    Save,
    /// "Apply", or "Retry" after a failure.
    Send,
    /// After a 412: "Keep my changes" (`true`) or "Reload" (`false`).
    Rebase(bool),
    /// "Enforcement": "Monitor only" or "Enforce".
    SetEnforcement(Enforcement),
    /// "Keep the previous key valid".
    KeepPrevious(bool),
    /// "Overlap", in seconds: one of [`OVERLAP_CHOICES`].
    ChooseOverlap(i64),
    /// "End overlap now", in the Key rotation region: the Apply dialog, for ending the running overlap alone.
    EndOverlap,
}

/// The lengths "Overlap" offers, in seconds: 1 hour, 1, 3, 7, 14 and 30 days.
pub const OVERLAP_CHOICES: [i64; 6] = [3_600, 86_400, 3 * 86_400, 7 * 86_400, 14 * 86_400, 30 * 86_400];
/// What "Overlap" starts at: 7 days, the usual time an MDM takes to reach every device that is in use.
pub const DEFAULT_OVERLAP_SECS: i64 = 7 * 86_400;

/// A request to send: the update, the version it is based on, and the Idempotency-Key that names this change.
#[derive(Clone, Debug, PartialEq)]
pub struct Outgoing {
    pub update: MdmSyncUpdate,
    pub etag: Option<String>,
    pub idempotency_key: String,
}

/// What "Save" leads to.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveStep {
    /// Nothing: there is nothing valid to save, or a save is already on its way.
    Nothing,
    /// "Apply these changes?" opened first.
    Confirm,
    Send(Outgoing),
}

#[derive(Clone, Debug, PartialEq)]
pub struct SettingsState {
    pub saved: MdmSyncSettings,
    pub etag: Option<String>,
    pub enabled: bool,
    pub restrict: bool,
    pub enforcement: Enforcement,
    /// "Keep the previous key valid", for a new key while sync is on.
    pub keep_previous: bool,
    pub overlap_secs: i64,
    /// "End overlap now" was pressed, and its Apply dialog is open or its save on its way.
    pub end_overlap: bool,
    /// When the screen last acted (seconds since the Unix epoch), which a new key's overlap is counted from: the
    /// screen sets it before each action, so that this state stays free of any clock.
    pub now_unix: i64,
    pub mode: KeyMode,
    /// Each mode keeps its own value, so that switching back and forth loses nothing the admin typed.
    pub auto_key: Option<String>,
    pub custom_text: String,
    pub key_shown: bool,
    /// A Re-issue made a new key that is not saved yet: said in the status region, as the key itself is masked, until
    /// the key is saved (a failed save leaves it unsaved) or the admin moves to a custom value.
    pub key_reissued: bool,
    pub impact: Impact,
    pub plan_allows: bool,
    pub saving: bool,
    pub dialog: Option<Confirmation>,
    pub outcome: Option<Outcome>,
    random_failed: bool,
    /// The server's objection, with the key value it was about.
    server_key_error: Option<(Option<String>, ApiError)>,
    /// The draft last sent, its update and its Idempotency-Key: a retry of the same draft sends the same update
    /// (its overlap's end included) with the same key.
    pending: Option<(Editable, MdmSyncUpdate, String)>,
}

impl SettingsState {
    pub fn new(saved: MdmSyncSettings, etag: Option<String>, impact: Impact, plan_allows: bool) -> Self {
        let mut state = Self {
            saved,
            etag,
            enabled: false,
            restrict: false,
            enforcement: Enforcement::Enforce,
            keep_previous: false,
            overlap_secs: DEFAULT_OVERLAP_SECS,
            end_overlap: false,
            now_unix: 0,
            mode: KeyMode::Auto,
            auto_key: None,
            custom_text: String::new(),
            key_shown: false,
            key_reissued: false,
            impact,
            plan_allows,
            saving: false,
            dialog: None,
            outcome: None,
            random_failed: false,
            server_key_error: None,
            pending: None,
        };
        state.reset_draft();
        state
    }

    /// Carries out an action; what it returns says whether a request must be sent.
    pub fn apply(&mut self, action: Action, random: &mut impl RandomSource) -> SaveStep {
        match action {
            Action::Toggle(on) => self.toggle(on),
            Action::AcceptPrecautions => self.accept_precautions(random),
            Action::DismissDialog => self.dismiss_dialog(),
            Action::SetRestrict(on) => self.restrict = on,
            Action::ChooseMode(mode) => self.choose_mode(mode, random),
            Action::TypeCustom(text) => self.custom_text = text,
            Action::Reissue => self.reissue(random),
            Action::ShowKey(shown) => self.key_shown = shown,
            Action::Save => return self.request_save(random),
            Action::Send => return self.send(random),
            Action::Rebase(keep_draft) => self.rebase(keep_draft),
            Action::SetEnforcement(enforcement) => self.enforcement = enforcement,
            Action::KeepPrevious(keep) => self.keep_previous = keep,
            Action::ChooseOverlap(secs) if OVERLAP_CHOICES.contains(&secs) => self.overlap_secs = secs,
            Action::ChooseOverlap(_) => {}
            Action::EndOverlap => {
                self.end_overlap = true;
                return self.request_save(random);
            }
        }
        SaveStep::Nothing
    }

    /// The draft becomes the saved settings again. The other mode's value stays, in case the admin switches back.
    pub fn reset_draft(&mut self) {
        self.key_reissued = false;
        self.enabled = self.saved.enabled;
        self.restrict = self.saved.restrict_other_domains;
        self.enforcement = self.saved.enforcement;
        self.keep_previous = false;
        self.end_overlap = false;
        self.mode = self.saved.key_mode;
        match self.saved.key_mode {
            KeyMode::Auto => self.auto_key = self.saved.key_value.clone(),
            KeyMode::Custom => self.custom_text = self.saved.key_value.clone().unwrap_or_default(),
        }
    }

    pub fn key_value(&self) -> Option<&str> {
        match self.mode {
            KeyMode::Auto => self.auto_key.as_deref(),
            KeyMode::Custom => Some(&self.custom_text),
        }
    }

    /// Whether the draft's key is a new one that the previous key could overlap: sync on and staying on, a key saved,
    /// and another in the draft. "Keep the previous key valid" is offered then.
    pub fn can_keep_previous(&self) -> bool {
        self.saved.enabled
            && self.enabled
            && self.saved.key_value.is_some()
            && self.key_value() != self.saved.key_value.as_deref()
    }

    pub fn draft(&self) -> Editable {
        let saved = Editable::from(&self.saved);
        let overlap = if self.can_keep_previous() {
            if self.keep_previous {
                Overlap::For(self.overlap_secs)
            } else {
                Overlap::None
            }
        } else if self.end_overlap || !self.enabled || self.key_value() != self.saved.key_value.as_deref() {
            Overlap::None
        } else {
            saved.overlap
        };
        Editable {
            enabled: self.enabled,
            restrict_other_domains: self.restrict,
            key_mode: self.mode,
            key_value: self.key_value().map(str::to_owned),
            enforcement: self.enforcement,
            overlap,
        }
    }

    pub fn change(&self) -> Change {
        Change::between(&Editable::from(&self.saved), &self.draft())
    }

    pub fn is_dirty(&self) -> bool {
        !self.change().is_empty()
    }

    pub fn key_problem(&self) -> Option<KeyProblem> {
        if self.random_failed {
            return Some(KeyProblem::RandomFailed);
        }
        let value = self.key_value();
        if let Some((about, error)) = &self.server_key_error {
            if about.as_deref() == value {
                return Some(KeyProblem::Server(error.clone()));
            }
        }
        match (self.mode, value) {
            (KeyMode::Custom, Some(text)) => validate_key(text).err().map(KeyProblem::Rule),
            (KeyMode::Auto, None) if self.enabled => Some(KeyProblem::Required),
            _ => None,
        }
    }

    pub fn can_save(&self) -> bool {
        can_save(&self.change(), self.key_problem().is_none(), self.plan_allows, self.saving)
    }

    pub fn consequences(&self, now_unix: i64) -> Vec<Consequence> {
        self.change().consequences(&self.draft(), self.impact, now_unix)
    }

    /// Whether saving the draft signs members out (the Apply dialog then says how many devices are ready).
    pub fn signs_out(&self) -> bool {
        self.change().signs_members_out(self.enabled)
    }

    /// The switch: turning on asks first (the precautions); turning off is confirmed at Save.
    pub fn toggle(&mut self, on: bool) {
        if on {
            self.dialog = Some(Confirmation::Precautions);
        } else {
            self.enabled = false;
        }
    }

    /// "OK" in the precautions: the draft turns on, with a new key if none was ever issued.
    pub fn accept_precautions(&mut self, random: &mut impl RandomSource) {
        self.dialog = None;
        self.enabled = true;
        if self.mode == KeyMode::Auto && self.auto_key.is_none() {
            self.reissue(random);
        }
    }

    /// "Cancel" or Escape in either confirmation: nothing changes ("End overlap now" is let go of too).
    pub fn dismiss_dialog(&mut self) {
        self.dialog = None;
        self.end_overlap = false;
    }

    pub fn reissue(&mut self, random: &mut impl RandomSource) {
        match generate_key(random) {
            Ok(key) => {
                self.random_failed = false;
                self.auto_key = Some(key);
                self.key_reissued = true;
            }
            Err(_) => self.random_failed = true,
        }
    }

    pub fn choose_mode(&mut self, mode: KeyMode, random: &mut impl RandomSource) {
        self.mode = mode;
        self.key_reissued = false;
        if mode == KeyMode::Auto && self.auto_key.is_none() {
            self.reissue(random);
        }
    }

    /// "Save": straight to the server when nobody is affected, else "Apply these changes?" first.
    pub fn request_save(&mut self, random: &mut impl RandomSource) -> SaveStep {
        if !self.can_save() {
            return SaveStep::Nothing;
        }
        if self.change().needs_confirmation(self.enabled) {
            self.dialog = Some(Confirmation::Apply);
            return SaveStep::Confirm;
        }
        self.send(random)
    }

    /// "Apply" in the confirmation, or "Retry" after a failure: send the draft. A retry of the same draft carries the
    /// same Idempotency-Key, so that the server applies it at most once.
    pub fn send(&mut self, random: &mut impl RandomSource) -> SaveStep {
        self.dialog = None;
        if self.saving || !self.can_save() {
            return SaveStep::Nothing;
        }
        let draft = self.draft();
        let (update, idempotency_key) = match &self.pending {
            Some((pending, update, key)) if *pending == draft => (update.clone(), key.clone()),
            _ => match generate_key(random) {
                Ok(key) => (draft.update_over(&Editable::from(&self.saved), self.now_unix), key),
                Err(_) => {
                    self.random_failed = true;
                    return SaveStep::Nothing;
                }
            },
        };
        self.pending = Some((draft, update.clone(), idempotency_key.clone()));
        self.saving = true;
        self.outcome = None;
        SaveStep::Send(Outgoing { update, etag: self.etag.clone(), idempotency_key })
    }

    /// The server saved: its answer becomes the saved state, and the draft with it.
    pub fn saved_as(&mut self, saved: MdmSyncSettings, etag: Option<String>) {
        if self.change().starts_enforcing {
            self.impact.exception_count = 0;
            self.impact.lineworks_mdm_enabled = false;
        }
        self.saving = false;
        self.pending = None;
        self.server_key_error = None;
        self.saved = saved;
        self.etag = etag;
        self.reset_draft();
        self.outcome = Some(Outcome::Saved);
    }

    /// The save failed: every choice stays as it was.
    pub fn failed(&mut self, error: ApiError) {
        self.saving = false;
        if error.status() == Some(412) {
            self.outcome = Some(Outcome::Conflict(error));
            return;
        }
        if error.field.as_deref() == Some("keyValue") {
            self.server_key_error = Some((self.key_value().map(str::to_owned), error.clone()));
        }
        self.outcome = Some(Outcome::Failed(error));
    }

    /// After a 412: the other admin's settings become the base. Without `keep_draft` ("Reload"), the draft is theirs.
    /// With it ("Keep my changes"), the admin's own changes are replayed on top of theirs: what this admin changed
    /// keeps this admin's value, and everything else takes the other admin's, so that neither change is lost and the
    /// next Save is an informed overwrite of only what this admin meant to change.
    pub fn rebase(&mut self, keep_draft: bool) {
        let Some(Outcome::Conflict(error)) = self.outcome.take() else { return };
        let Some(current) = error.current else { return };
        let base = Editable::from(&self.saved);
        let mine = self.draft();
        self.saved = current.settings;
        self.etag = current.etag;
        self.pending = None;
        self.server_key_error = None;
        if !keep_draft {
            self.reset_draft();
            return;
        }
        let theirs = Editable::from(&self.saved);
        if mine.enabled == base.enabled {
            self.enabled = theirs.enabled;
        }
        if mine.restrict_other_domains == base.restrict_other_domains {
            self.restrict = theirs.restrict_other_domains;
        }
        if mine.enforcement == base.enforcement {
            self.enforcement = theirs.enforcement;
        }
        if mine.key_mode == base.key_mode && mine.key_value == base.key_value {
            self.mode = theirs.key_mode;
            match theirs.key_mode {
                KeyMode::Auto => self.auto_key = theirs.key_value,
                KeyMode::Custom => self.custom_text = theirs.key_value.unwrap_or_default(),
            }
        }
    }
}

#[cfg(test)]
#[path = "settings_tests.rs"]
mod tests;
