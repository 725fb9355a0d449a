//! The console's catalog: every string of the shell, the pages, the dialogs and the errors (`en.json`, `ja.json`,
//! `ko.json` beside this file).

use crate::domain::change::Consequence;
use crate::domain::error::ApiError;
use crate::domain::key::KeyError;

/// The JSON text of a language's catalog, as written.
#[cfg(not(target_arch = "wasm32"))]
pub fn catalog_json(tag: &str) -> Option<&'static str> {
    Some(match tag {
        "en" => include_str!("en.json"),
        "ja" => include_str!("ja.json"),
        "ko" => include_str!("ko.json"),
        _ => return None,
    })
}

catalog! {
    /// One language's strings. A plain string is a method without arguments; a message with values to fill in
    /// takes them by name; a count takes the number and the number as the admin's locale writes it.
    pub struct Strings;
    text product,
    template document_title(page),
    text document_description,
    text skip_to_content,
    text nav_label,
    text nav_security,
    text nav_mobile_security,
    text menu,
    text language,
    text loading,
    text retry,
    text load_failed,
    text panels_failed,
    text not_found_title,
    text not_found_body,
    text not_found_link,
    text mobile_security_title,
    text mobile_security_intro,
    text lineworks_mdm_title,
    text lineworks_mdm_on,
    text lineworks_mdm_off,
    count exception_settings(),
    count members(),
    text advanced,
    text mdm_sync_title,
    text mdm_sync_summary,
    text in_use,
    text not_in_use,
    text manage,
    text restricted_to_domain,
    text settings_back,
    text save,
    text saving,
    text switch_description,
    text restrict_label,
    text restrict_help_1,
    text restrict_help_2,
    text restrict_help_3,
    text key_value,
    text key_auto,
    text key_custom,
    text key_not_issued,
    text reissue,
    text key_reissued,
    text show_key,
    text copy_key,
    text copied,
    text copy_refused,
    text app_config_title,
    text app_config_intro,
    text config_key,
    text value_type,
    text key_value_column,
    template copy_named(name),
    text copy_app_config_key,
    text how_sync_works,
    text sync_step_1,
    text sync_step_2,
    text sync_step_3,
    text sync_step_4,
    template last_updated(when, who),
    text plan_not_eligible_notice,
    text random_failed,
    text ok,
    text cancel,
    text apply,
    text precautions_title,
    text precaution_sign_out,
    count precaution_exceptions_deleted(),
    text precaution_exceptions_none,
    text precaution_managed_app_config,
    text precaution_android_enterprise,
    text precaution_not_with_lineworks_mdm,
    text confirm_title,
    text confirm_intro,
    count consequence_members_signed_out(by),
    count consequence_exceptions_deleted(),
    text consequence_lineworks_mdm_off,
    text consequence_other_domains_signed_out,
    text consequence_update_app_config,
    text consequence_update_app_config_meanwhile,
    text consequence_config_stays_on_devices,
    text consequence_nobody_signed_out,
    text consequence_refusals_recorded,
    template consequence_previous_valid_until(until),
    template consequence_previous_signed_out(by),
    text saved,
    text save_failed,
    template signing_out_until(by),
    text leave_unsaved,
    template conflict(who, when, what),
    text list_separator,
    text conflict_unknown,
    text reload,
    text keep_my_changes,
    text reload_discards,
    text audit_enabled,
    text audit_disabled,
    text audit_key_reissued,
    text audit_key_changed,
    text audit_restrict_on,
    text audit_restrict_off,
    text audit_enforcement_changed,
    text audit_rotation_changed,
    text key_error_empty,
    template key_error_too_short(length),
    template key_error_too_long(length),
    text key_error_leading_whitespace,
    text key_error_trailing_whitespace,
    template key_error_inner_whitespace(position),
    template key_error_control(code, position),
    template key_error_non_ascii(character, code, position),
    template key_error_too_few_distinct(distinct),
    text api_error_network,
    text api_error_timeout,
    text api_error_malformed_response,
    text api_error_unauthorized,
    text api_error_csrf_failed,
    text api_error_plan_not_eligible,
    text api_error_precondition_required,
    text api_error_precondition_failed,
    text api_error_idempotency_key_reused,
    text api_error_idempotency_key_required,
    text api_error_method_not_allowed,
    text api_error_payload_too_large,
    text api_error_bad_request,
    text api_error_malformed_json,
    text api_error_key_required,
    text api_error_key_in_use,
    text api_error_previous_key_in_use,
    text api_error_invalid_overlap,
    text api_error_rate_limited,
    text api_error_unavailable,
    text api_error_not_found,
    text api_error_server_error,
}

impl Strings {
    /// One line of the confirmation; `local_time` renders an instant in the admin's own time zone, and `number` a
    /// count in the admin's locale.
    pub fn consequence(
        &self,
        consequence: &Consequence,
        local_time: impl Fn(i64) -> String,
        number: impl Fn(u64) -> String,
    ) -> String {
        match *consequence {
            Consequence::MembersSignedOut { members, by_unix } => {
                let members = u64::from(members);
                self.consequence_members_signed_out(members, &number(members), &local_time(by_unix))
            }
            Consequence::ExceptionsDeleted { count } => {
                self.consequence_exceptions_deleted(u64::from(count), &number(u64::from(count)))
            }
            Consequence::LineworksMdmTurnedOff => self.consequence_lineworks_mdm_off().to_owned(),
            Consequence::OtherDomainsSignedOut => self.consequence_other_domains_signed_out().to_owned(),
            Consequence::UpdateAppConfiguration { refused_until_then: true } => {
                self.consequence_update_app_config().to_owned()
            }
            Consequence::UpdateAppConfiguration { refused_until_then: false } => {
                self.consequence_update_app_config_meanwhile().to_owned()
            }
            Consequence::AppConfigurationStaysOnDevices => self.consequence_config_stays_on_devices().to_owned(),
            Consequence::NobodySignedOut => self.consequence_nobody_signed_out().to_owned(),
            Consequence::RefusalsOnlyRecorded => self.consequence_refusals_recorded().to_owned(),
            Consequence::PreviousKeyValidUntil { until_unix } => {
                self.consequence_previous_valid_until(&local_time(until_unix))
            }
            Consequence::PreviousKeySignedOut { by_unix } => self.consequence_previous_signed_out(&local_time(by_unix)),
        }
    }

    pub fn key_error(&self, error: &KeyError) -> String {
        let code = |point: u32| format!("U+{point:04X}");
        match *error {
            KeyError::Empty => self.key_error_empty().to_owned(),
            KeyError::TooShort { len } => self.key_error_too_short(&len.to_string()),
            KeyError::TooLong { len } => self.key_error_too_long(&len.to_string()),
            KeyError::LeadingWhitespace => self.key_error_leading_whitespace().to_owned(),
            KeyError::TrailingWhitespace => self.key_error_trailing_whitespace().to_owned(),
            KeyError::InnerWhitespace { position } => self.key_error_inner_whitespace(&position.to_string()),
            KeyError::ControlCharacter { position, code_point } => {
                self.key_error_control(&code(code_point), &position.to_string())
            }
            KeyError::NonAscii { position, character } => {
                self.key_error_non_ascii(&character.to_string(), &code(u32::from(character)), &position.to_string())
            }
            KeyError::TooFewDistinct { distinct } => self.key_error_too_few_distinct(&distinct.to_string()),
        }
    }

    /// What the admin reads for a failed request: the catalog's sentence for its code, else the server's own
    /// sentence, else the catalog's sentence for what its HTTP status means.
    pub fn api_error_message(&self, error: &ApiError) -> String {
        if error.is_previous_key_in_use() {
            return self.api_error_previous_key_in_use().to_owned();
        }
        if let Some(sentence) = self.api_error(&error.code) {
            return sentence.to_owned();
        }
        if let Some(message) = &error.server_message {
            return message.clone();
        }
        self.api_error(error.fallback_code()).unwrap_or(self.api_error_server_error()).to_owned()
    }

    /// The sentence for an error code of the contract; `None` for a code this catalog does not know.
    pub fn api_error(&self, code: &str) -> Option<&'static str> {
        Some(match code {
            "network" => self.api_error_network(),
            "timeout" => self.api_error_timeout(),
            "malformed_response" => self.api_error_malformed_response(),
            "unauthorized" => self.api_error_unauthorized(),
            "csrf_failed" => self.api_error_csrf_failed(),
            "plan_not_eligible" => self.api_error_plan_not_eligible(),
            "precondition_required" => self.api_error_precondition_required(),
            "precondition_failed" => self.api_error_precondition_failed(),
            "idempotency_key_reused" => self.api_error_idempotency_key_reused(),
            "idempotency_key_required" => self.api_error_idempotency_key_required(),
            "method_not_allowed" => self.api_error_method_not_allowed(),
            "payload_too_large" => self.api_error_payload_too_large(),
            "bad_request" => self.api_error_bad_request(),
            "malformed_json" => self.api_error_malformed_json(),
            "key_required" => self.api_error_key_required(),
            "key_in_use" => self.api_error_key_in_use(),
            "invalid_overlap" => self.api_error_invalid_overlap(),
            "rate_limited" => self.api_error_rate_limited(),
            "unavailable" => self.api_error_unavailable(),
            "not_found" => self.api_error_not_found(),
            "server_error" => self.api_error_server_error(),
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::bundled;

    fn english() -> &'static Strings {
        bundled("en")
    }

    /// As the browser decodes it: the body is read if it is the contract's error JSON.
    fn from_body(status: u16, body: &str) -> ApiError {
        ApiError::from_response(status, None, None, serde_json::from_str(body).ok())
    }

    #[test]
    fn a_known_code_is_said_in_the_admins_language() {
        let e = from_body(422, r#"{"error":{"code":"key_required","message":"Key needed","field":"keyValue"}}"#);
        assert_eq!(english().api_error_message(&e), english().api_error_key_required());
        assert_eq!(bundled("ja").api_error_message(&e), bundled("ja").api_error_key_required());
    }

    #[test]
    fn an_unknown_code_shows_the_server_sentence() {
        let e = from_body(400, r#"{"error":{"code":"new_thing","message":"Try later.","field":null}}"#);
        assert_eq!(english().api_error_message(&e), "Try later.");
    }

    #[test]
    fn an_html_error_page_gets_the_sentence_of_its_status() {
        let e = from_body(502, "<html><body>Bad gateway</body></html>");
        assert!(!english().api_error_message(&e).contains('<'));
        assert_eq!(english().api_error_message(&e), english().api_error_unavailable());
        assert_eq!(english().api_error_message(&from_body(429, "")), english().api_error_rate_limited());
    }

    #[test]
    fn a_previous_key_in_use_says_what_helps_with_the_previous_key() {
        let at = |field: &str| {
            let body = format!(r#"{{"error":{{"code":"key_in_use","message":"m","field":"{field}"}}}}"#);
            english().api_error_message(&from_body(409, &body))
        };
        assert_eq!(at("keyValue"), english().api_error_key_in_use());
        assert_eq!(at("previousKeyValidUntil"), english().api_error_previous_key_in_use());
        assert!(at("previousKeyValidUntil").contains("Keep the previous key valid"));
    }

    #[test]
    fn client_side_failures_are_explained_in_a_sentence() {
        for e in [ApiError::network(), ApiError::timeout(), ApiError::malformed_response()] {
            for tag in ["en", "ja", "ko"] {
                let message = bundled(tag).api_error_message(&e);
                assert!(message.ends_with(['.', '。']), "{tag}: {message}");
            }
        }
    }
}
