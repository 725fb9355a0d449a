//! What an embedded console tells the page around it: the events of the `<mdm-sync-settings>` element, which the
//! iframe mode forwards with `postMessage` (`docs/embedding.md`). Pure, so that every name and detail shape is tested
//! natively; the key value has no field here, so no event can carry it.

use serde::Serialize;

use crate::domain::api::MdmSyncSettings;
use crate::domain::error::ApiError;

/// An event for the host page. Its name is [`HostEvent::name`]; the value serializes to the event's `detail`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum HostEvent {
    /// The settings screen shows real data and can be used.
    Ready {},
    /// The admin's draft started or stopped differing from what is saved: the host may guard its own navigation.
    DirtyChange { dirty: bool },
    /// A save was applied.
    #[serde(rename_all = "camelCase")]
    Saved {
        enabled: bool,
        restrict_other_domains: bool,
        /// When every member will have been signed out, if this save signs them out (RFC 3339).
        logout_deadline: Option<String>,
    },
    /// A load or a save failed; the console shows the message too.
    Error { code: String, message: String },
}

impl HostEvent {
    pub fn saved(settings: &MdmSyncSettings) -> Self {
        Self::Saved {
            enabled: settings.enabled,
            restrict_other_domains: settings.restrict_other_domains,
            logout_deadline: settings.logout_deadline.clone(),
        }
    }

    /// A failure, with `message`: the words the console shows for it.
    pub fn failed(error: &ApiError, message: String) -> Self {
        Self::Error { code: error.code.clone(), message }
    }

    pub fn name(&self) -> &'static str {
        match self {
            Self::Ready {} => "mdm-sync:ready",
            Self::DirtyChange { .. } => "mdm-sync:dirty-change",
            Self::Saved { .. } => "mdm-sync:saved",
            Self::Error { .. } => "mdm-sync:error",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::api::KeyMode;
    use serde_json::json;

    fn settings() -> MdmSyncSettings {
        MdmSyncSettings {
            enabled: true,
            restrict_other_domains: false,
            key_mode: KeyMode::Auto,
            key_value: Some("s3cretKeyValue0123456789".into()),
            config_key: "LineworksAuthCode".into(),
            value_type: "String".into(),
            updated_at: Some("2026-11-27T10:00:00Z".into()),
            updated_by: None,
            logout_deadline: Some("2026-11-27T10:10:00Z".into()),
            enforcement: crate::domain::api::Enforcement::Enforce,
            rotation: None,
        }
    }

    #[test]
    fn every_event_has_its_name_and_detail() {
        let cases = [
            (HostEvent::Ready {}, "mdm-sync:ready", json!({})),
            (HostEvent::DirtyChange { dirty: true }, "mdm-sync:dirty-change", json!({"dirty": true})),
            (
                HostEvent::saved(&settings()),
                "mdm-sync:saved",
                json!({"enabled": true, "restrictOtherDomains": false, "logoutDeadline": "2026-11-27T10:10:00Z"}),
            ),
            (
                HostEvent::Error { code: "network".into(), message: "No connection.".into() },
                "mdm-sync:error",
                json!({"code": "network", "message": "No connection."}),
            ),
        ];
        for (event, name, detail) in cases {
            assert_eq!(event.name(), name);
            assert_eq!(serde_json::to_value(&event).unwrap(), detail, "{name}");
        }
    }

    #[test]
    fn a_failure_carries_its_code_and_the_console_s_words() {
        let event = HostEvent::failed(&ApiError::timeout(), "The server did not answer in time.".into());
        let expected = json!({"code": "timeout", "message": "The server did not answer in time."});
        assert_eq!(serde_json::to_value(&event).unwrap(), expected);
    }

    #[test]
    fn a_saved_event_never_carries_the_key() {
        let text = serde_json::to_string(&HostEvent::saved(&settings())).unwrap();
        assert!(!text.contains("s3cretKeyValue"), "{text}");
        let no_deadline = MdmSyncSettings { logout_deadline: None, ..settings() };
        assert_eq!(serde_json::to_value(HostEvent::saved(&no_deadline)).unwrap()["logoutDeadline"], json!(null));
    }
}
