//! The JSON contract of API v1 (`docs/api.md`): one definition of every wire type, used by the console and the mock.

use serde::{Deserialize, Serialize};

/// Paths relative to the configurable base URL (default `/api`).
pub mod paths {
    pub const SESSION: &str = "/v1/session";
    pub const MOBILE_SECURITY: &str = "/v1/security/mobile";
    pub const MDM_SYNC: &str = "/v1/security/mobile/mdm-sync";
    pub const MDM_SYNC_AUDIT: &str = "/v1/security/mobile/mdm-sync/audit";
    pub const MDM_SYNC_APPS: &str = "/v1/security/mobile/mdm-sync/apps";
    pub const MDM_SYNC_READINESS: &str = "/v1/security/mobile/mdm-sync/readiness";
    pub const MDM_SYNC_SIGN_INS: &str = "/v1/security/mobile/mdm-sync/sign-ins";
}

/// The Managed App Configuration key that the MDM console must use.
pub const CONFIG_KEY: &str = "LineworksAuthCode";
/// The Managed App Configuration value type.
pub const VALUE_TYPE: &str = "String";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub id: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Admin {
    pub id: String,
    pub name: String,
    pub email: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Plan {
    Free,
    Standard,
    Advanced,
}

impl Plan {
    /// 3rd-party MDM sync is for the Standard and Advanced plans only.
    pub fn allows_mdm_sync(self) -> bool {
        !matches!(self, Plan::Free)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Domain {
    pub id: String,
    pub name: String,
    pub plan: Plan,
    pub group: Option<Group>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    pub id: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Session {
    pub admin: Admin,
    pub domain: Domain,
    pub csrf_token: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LineworksMdm {
    pub enabled: bool,
    pub exception_count: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MdmSyncSummary {
    pub enabled: bool,
    pub restrict_other_domains: bool,
    pub logout_deadline: Option<String>,
}

/// `GET /v1/security/mobile`: the Mobile Security overview.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MobileSecurity {
    pub member_count: u32,
    pub lineworks_mdm: LineworksMdm,
    pub mdm_sync: MdmSyncSummary,
}

/// `GET /v1/security/mobile/mdm-sync/apps`: the mobile apps that read `LineworksAuthCode`, with the identifiers an
/// MDM knows them by. Data from the backend: the console names no app itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ManagedApps {
    pub apps: Vec<ManagedApp>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ManagedApp {
    /// A stable id (`lineworks`, `drive`, `ainote`), for file names.
    pub id: String,
    /// The app's name, as the stores and MDM consoles list it.
    pub name: String,
    /// The iOS bundle ID; `None` when the app has no iOS version.
    pub ios_bundle_id: Option<String>,
    /// The Android package name; `None` when the app has no Android version.
    pub android_package: Option<String>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum KeyMode {
    #[default]
    Auto,
    Custom,
}

/// Whether the gate refuses what it would refuse (`rollout.md` §1). A domain starts at `Enforce`, the seed's
/// behaviour; `Monitor` checks every sign-in, refuses none and records what it would have refused.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Enforcement {
    Monitor,
    #[default]
    Enforce,
}

/// A key rotation with an overlap (`rollout.md` §2): until `valid_until` the previous key is accepted beside the new
/// one. The previous key itself is never sent, only its fingerprint (the readiness format, `readiness.rs`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Rotation {
    /// 32 lowercase hex digits.
    pub previous_key_fingerprint: String,
    /// RFC 3339.
    pub started_at: String,
    /// RFC 3339; at most [`MAX_OVERLAP_SECS`] after `started_at`.
    pub valid_until: String,
}

/// The longest overlap a PUT may ask for: 30 days.
pub const MAX_OVERLAP_SECS: i64 = 30 * 86_400;

/// `GET /v1/security/mobile/mdm-sync`: the saved settings.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MdmSyncSettings {
    pub enabled: bool,
    pub restrict_other_domains: bool,
    pub key_mode: KeyMode,
    /// `None` only while no key was ever issued.
    pub key_value: Option<String>,
    pub config_key: String,
    pub value_type: String,
    pub updated_at: Option<String>,
    pub updated_by: Option<Person>,
    pub logout_deadline: Option<String>,
    /// Absent from a server of the first wave: the seed's behaviour.
    #[serde(default)]
    pub enforcement: Enforcement,
    /// `None` while no overlap runs.
    #[serde(default)]
    pub rotation: Option<Rotation>,
}

/// The key is a secret: a stray `{:?}` must never print it.
impl std::fmt::Debug for MdmSyncSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MdmSyncSettings")
            .field("enabled", &self.enabled)
            .field("restrict_other_domains", &self.restrict_other_domains)
            .field("key_mode", &self.key_mode)
            .field("key_value", &self.key_value.as_ref().map(|_| "<redacted>"))
            .field("updated_at", &self.updated_at)
            .field("logout_deadline", &self.logout_deadline)
            .field("enforcement", &self.enforcement)
            .field("rotation", &self.rotation)
            .finish_non_exhaustive()
    }
}

/// `PUT /v1/security/mobile/mdm-sync`: the body.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MdmSyncUpdate {
    pub enabled: bool,
    pub restrict_other_domains: bool,
    pub key_mode: KeyMode,
    pub key_value: Option<String>,
    /// Left out: the current value stays (a client of the first wave keeps working).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enforcement: Option<Enforcement>,
    /// Left out (`None`): an unchanged key keeps a running overlap, and a new key ends the previous one at once.
    /// `Some(None)`, sent as `null`: no overlap, or a running one ended now. `Some(Some(time))`, RFC 3339: the previous
    /// key stays valid until then, at most [`MAX_OVERLAP_SECS`] ahead (else 422 `invalid_overlap`).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    pub previous_key_valid_until: Option<Option<String>>,
}

/// A field that is present, even as `null`, is `Some`: told apart from one left out.
fn present<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(deserializer).map(Some)
}

impl std::fmt::Debug for MdmSyncUpdate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MdmSyncUpdate")
            .field("enabled", &self.enabled)
            .field("restrict_other_domains", &self.restrict_other_domains)
            .field("key_mode", &self.key_mode)
            .field("key_value", &self.key_value.as_ref().map(|_| "<redacted>"))
            .field("enforcement", &self.enforcement)
            .field("previous_key_valid_until", &self.previous_key_valid_until)
            .finish()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    Enabled,
    Disabled,
    KeyReissued,
    KeyChanged,
    RestrictOn,
    RestrictOff,
    MonitorOn,
    EnforceOn,
    RotationStarted,
    RotationEnded,
}

/// Why an overlap ended (`rotation_ended`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RotationEnd {
    /// `validUntil` came.
    Expired,
    /// An admin ended it ("End overlap now").
    EndedEarly,
    /// Another new key replaced the previous one.
    Superseded,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditEvent {
    pub id: String,
    pub at: String,
    pub actor: Person,
    pub action: AuditAction,
    pub key_fingerprint: Option<String>,
    /// For `rotation_ended` only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<RotationEnd>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLog {
    pub events: Vec<AuditEvent>,
}

/// A non-2xx answer's body as the console reads it: the error, and on 412 the settings as they are now.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct ErrorResponse {
    pub error: ErrorDetail,
    #[serde(default)]
    pub current: Option<MdmSyncSettings>,
}

/// The body of every non-2xx answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorDetail {
    pub code: String,
    pub message: String,
    pub field: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_use_the_contract_field_names() {
        let json = r#"{"enabled":true,"restrictOtherDomains":false,"keyMode":"custom","keyValue":"k",
            "configKey":"LineworksAuthCode","valueType":"String","updatedAt":null,"updatedBy":null,"logoutDeadline":null}"#;
        let settings: MdmSyncSettings = serde_json::from_str(json).unwrap();
        assert!(settings.enabled);
        assert_eq!(settings.key_mode, KeyMode::Custom);
        let back = serde_json::to_value(&settings).unwrap();
        assert_eq!(back["restrictOtherDomains"], false);
        assert_eq!(back["configKey"], CONFIG_KEY);
    }

    #[test]
    fn debug_output_never_shows_the_key() {
        let update = MdmSyncUpdate {
            enabled: true,
            restrict_other_domains: false,
            key_mode: KeyMode::Custom,
            key_value: Some("Sup3rSecretValue!!".into()),
            enforcement: None,
            previous_key_valid_until: None,
        };
        assert!(!format!("{update:?}").contains("Sup3rSecret"));
    }

    #[test]
    fn a_first_wave_body_and_answer_still_read() {
        let update: MdmSyncUpdate =
            serde_json::from_str(r#"{"enabled":true,"restrictOtherDomains":false,"keyMode":"auto","keyValue":null}"#)
                .unwrap();
        assert_eq!((update.enforcement, update.previous_key_valid_until), (None, None));
        let json = r#"{"enabled":true,"restrictOtherDomains":false,"keyMode":"auto","keyValue":"k",
            "configKey":"LineworksAuthCode","valueType":"String","updatedAt":null,"updatedBy":null,"logoutDeadline":null}"#;
        let settings: MdmSyncSettings = serde_json::from_str(json).unwrap();
        assert_eq!((settings.enforcement, settings.rotation), (Enforcement::Enforce, None));
    }

    #[test]
    fn a_null_overlap_is_told_apart_from_none_sent() {
        let body = |tail: &str| {
            format!(r#"{{"enabled":true,"restrictOtherDomains":false,"keyMode":"auto","keyValue":null{tail}}}"#)
        };
        let read = |tail: &str| serde_json::from_str::<MdmSyncUpdate>(&body(tail)).unwrap().previous_key_valid_until;
        assert_eq!(read(""), None);
        assert_eq!(read(r#","previousKeyValidUntil":null"#), Some(None));
        assert_eq!(
            read(r#","previousKeyValidUntil":"2026-12-07T00:00:00Z""#),
            Some(Some("2026-12-07T00:00:00Z".into()))
        );
        let mut update = serde_json::from_str::<MdmSyncUpdate>(&body(r#","enforcement":"monitor""#)).unwrap();
        assert_eq!(update.enforcement, Some(Enforcement::Monitor));
        update.previous_key_valid_until = Some(None);
        let sent = serde_json::to_value(&update).unwrap();
        assert_eq!(sent["previousKeyValidUntil"], serde_json::Value::Null);
        assert!(sent.as_object().unwrap().contains_key("previousKeyValidUntil"));
        update.previous_key_valid_until = None;
        assert!(!serde_json::to_value(&update).unwrap().as_object().unwrap().contains_key("previousKeyValidUntil"));
    }

    #[test]
    fn error_body_decodes_with_a_null_field() {
        let body: ErrorBody =
            serde_json::from_str(r#"{"error":{"code":"csrf_failed","message":"Bad token","field":null}}"#).unwrap();
        assert_eq!(body.error.code, "csrf_failed");
        assert_eq!(body.error.field, None);
    }

    #[test]
    fn only_paid_plans_allow_sync() {
        assert!(!Plan::Free.allows_mdm_sync());
        assert!(Plan::Standard.allows_mdm_sync());
        assert!(Plan::Advanced.allows_mdm_sync());
    }
}
