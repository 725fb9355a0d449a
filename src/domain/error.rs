//! One typed error for everything that can go wrong with a request, decoded in one place.

use super::api::{ErrorResponse, MdmSyncSettings};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// The request never got an answer: offline, refused, or the connection dropped.
    Network,
    /// No answer within the client's timeout.
    Timeout,
    /// A 2xx answer whose body is not the JSON the contract promises (an HTML error page, say).
    MalformedResponse,
    /// A non-2xx answer.
    Http { status: u16 },
}

/// The settings as another admin left them, which a 412 answer carries, with their ETag.
#[derive(Clone, Debug, PartialEq)]
pub struct CurrentSettings {
    pub settings: MdmSyncSettings,
    pub etag: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ApiError {
    pub kind: ErrorKind,
    /// The contract's snake_case code, or the client's own (`network`, `timeout`, `malformed_response`).
    pub code: String,
    /// The server's sentence, shown only when the catalog has no translation of `code`.
    pub server_message: Option<String>,
    /// The field the error belongs to (`keyValue`), if any.
    pub field: Option<String>,
    /// Seconds from `Retry-After`, for 429 and 503.
    pub retry_after_secs: Option<u32>,
    /// On 412, the settings as they are now, with their ETag.
    pub current: Option<Box<CurrentSettings>>,
}

impl ApiError {
    fn client(kind: ErrorKind, code: &str) -> Self {
        Self { kind, code: code.to_owned(), server_message: None, field: None, retry_after_secs: None, current: None }
    }

    pub fn network() -> Self {
        Self::client(ErrorKind::Network, "network")
    }

    pub fn timeout() -> Self {
        Self::client(ErrorKind::Timeout, "timeout")
    }

    pub fn malformed_response() -> Self {
        Self::client(ErrorKind::MalformedResponse, "malformed_response")
    }

    /// Builds the error of a non-2xx answer from its status, `Retry-After` and `ETag` headers, and its body as
    /// decoded by the caller (`None` when the body is not the contract's error JSON, such as a proxy's HTML page).
    pub fn from_response(
        status: u16,
        retry_after: Option<&str>,
        etag: Option<String>,
        body: Option<ErrorResponse>,
    ) -> Self {
        let (detail, current) = match body {
            Some(body) => (Some(body.error), body.current),
            None => (None, None),
        };
        Self {
            kind: ErrorKind::Http { status },
            code: detail.as_ref().map_or_else(|| fallback_code(status).to_owned(), |d| d.code.clone()),
            server_message: detail.as_ref().map(|d| d.message.clone()).filter(|m| !m.is_empty()),
            field: detail.and_then(|d| d.field),
            retry_after_secs: retry_after.and_then(|v| v.trim().parse().ok()),
            current: current.filter(|_| status == 412).map(|settings| Box::new(CurrentSettings { settings, etag })),
        }
    }

    pub fn status(&self) -> Option<u16> {
        match self.kind {
            ErrorKind::Http { status } => Some(status),
            _ => None,
        }
    }

    /// Whether trying the same request again may succeed without the admin changing anything.
    pub fn is_transient(&self) -> bool {
        match self.kind {
            ErrorKind::Network | ErrorKind::Timeout | ErrorKind::MalformedResponse => true,
            ErrorKind::Http { status } => status == 408 || status == 429 || status >= 500,
        }
    }

    /// Whether the screen offers "Retry": for anything that the same request may get past later, a lost session
    /// (once the admin has signed in again) and a stale CSRF token (which the console renews) included. Not for
    /// what the admin must change first (a refused key, the plan).
    pub fn can_retry(&self) -> bool {
        self.is_transient() || self.status() == Some(401) || self.code == "csrf_failed"
    }

    /// A `key_in_use` about the previous key, kept valid during an overlap: re-issuing the key is not what helps
    /// there, so the admin reads advice of its own (`i18n`'s `api_error_message`).
    pub fn is_previous_key_in_use(&self) -> bool {
        self.code == "key_in_use" && self.field.as_deref() == Some("previousKeyValidUntil")
    }

    /// The code whose sentence stands in when neither the catalog nor the server has one for [`Self::code`].
    pub fn fallback_code(&self) -> &'static str {
        fallback_code(self.status().unwrap_or(500))
    }
}

/// The code for an answer whose body is not the contract's error JSON (a proxy's HTML page, say).
fn fallback_code(status: u16) -> &'static str {
    match status {
        401 => "unauthorized",
        404 => "not_found",
        429 => "rate_limited",
        502..=504 => "unavailable",
        _ => "server_error",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    /// As the browser does: the body is decoded if it is the contract's error JSON.
    fn from_body(status: u16, retry_after: Option<&str>, etag: Option<String>, body: &str) -> ApiError {
        ApiError::from_response(status, retry_after, etag, serde_json::from_str(body).ok())
    }

    #[test]
    fn a_contract_error_body_is_decoded() {
        let e = from_body(
            422,
            None,
            None,
            r#"{"error":{"code":"key_required","message":"Key needed","field":"keyValue"}}"#,
        );
        assert_eq!(e.code, "key_required");
        assert_eq!(e.field.as_deref(), Some("keyValue"));
        assert!(!e.is_transient());
    }

    #[test]
    fn an_html_error_page_gets_a_plain_sentence() {
        let e = from_body(502, None, None, "<html><body>Bad gateway</body></html>");
        assert_eq!(e.code, "unavailable");
        assert!(e.is_transient());
    }

    #[test]
    fn retry_after_is_read_in_seconds() {
        let e = from_body(429, Some("3"), None, "");
        assert_eq!((e.retry_after_secs, e.code.as_str()), (Some(3), "rate_limited"));
    }

    #[test]
    fn a_412_carries_the_current_state() {
        let body = r#"{"error":{"code":"precondition_failed","message":"stale","field":null},
            "current":{"enabled":true,"restrictOtherDomains":false,"keyMode":"auto","keyValue":"k",
            "configKey":"LineworksAuthCode","valueType":"String","updatedAt":null,"updatedBy":null,"logoutDeadline":null}}"#;
        let e = from_body(412, None, Some("\"7\"".into()), body);
        assert!(e.current.is_some_and(|c| c.settings.enabled && c.etag.as_deref() == Some("\"7\"")));
    }

    #[test]
    fn retry_is_offered_for_what_a_retry_can_get_past() {
        assert!(from_body(401, None, None, "").can_retry());
        assert!(
            from_body(403, None, None, r#"{"error":{"code":"csrf_failed","message":"m","field":null}}"#).can_retry()
        );
        assert!(!from_body(403, None, None, r#"{"error":{"code":"plan_not_eligible","message":"m","field":null}}"#)
            .can_retry());
        assert!(!from_body(409, None, None, r#"{"error":{"code":"key_in_use","message":"m","field":"keyValue"}}"#)
            .can_retry());
        assert!(ApiError::network().can_retry());
    }

    #[test]
    fn only_the_previous_key_field_makes_a_key_in_use_about_the_previous_key() {
        let at = |field: &str| {
            let body = format!(r#"{{"error":{{"code":"key_in_use","message":"m","field":"{field}"}}}}"#);
            from_body(409, None, None, &body).is_previous_key_in_use()
        };
        assert!(at("previousKeyValidUntil"));
        assert!(!at("keyValue"));
        assert_eq!(from_body(504, None, None, "").fallback_code(), "unavailable");
        assert_eq!(ApiError::network().fallback_code(), "server_error");
    }

    #[test]
    fn client_side_failures_are_transient() {
        for e in [ApiError::network(), ApiError::timeout(), ApiError::malformed_response()] {
            assert!(e.is_transient());
        }
    }
}
