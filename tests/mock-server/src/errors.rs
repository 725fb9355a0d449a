//! The one error shape of the contract, `{"error": {"code", "message", "field"}}`, with the console's own sentences,
//! in the language of the request (`Accept-Language`: English, Japanese or Korean).

use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use mdm_console::domain::api::{ErrorBody, ErrorDetail};
use mdm_console::i18n::{bundled, negotiate, Strings};

tokio::task_local! {
    /// The language tag and the catalog of the request being answered.
    static LANGUAGE: (&'static str, &'static Strings);
}

/// Answers every request in the language it asks for: whatever makes an error message inside reads it.
pub async fn language(request: Request, next: Next) -> Response {
    let accept = request.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let tag = negotiate(accept);
    LANGUAGE.scope((tag, bundled(tag)), next.run(request)).await
}

/// The catalog of the request being answered; English outside a request.
pub fn strings() -> &'static Strings {
    LANGUAGE.try_with(|(_, strings)| *strings).unwrap_or_else(|_| bundled("en"))
}

/// The sentence for `code`: the console's catalog first, so that both sides say the same thing.
pub fn message_for(code: &str) -> String {
    let t = strings();
    t.api_error(code).unwrap_or(t.api_error_server_error()).to_owned()
}

/// The code that a bare status stands for, when something other than a handler produced it (a fault, a rejection).
pub fn code_for_status(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "bad_request",
        401 => "unauthorized",
        404 => "not_found",
        405 => "method_not_allowed",
        412 => "precondition_failed",
        413 => "payload_too_large",
        428 => "precondition_required",
        429 => "rate_limited",
        503 => "unavailable",
        504 => "timeout",
        _ => "server_error",
    }
}

pub fn body(code: &str, message: String, field: Option<&str>) -> ErrorBody {
    ErrorBody { error: ErrorDetail { code: code.to_owned(), message, field: field.map(str::to_owned) } }
}

/// A JSON response with the given status and serialisable body.
pub fn json_response(status: StatusCode, value: &impl serde::Serialize) -> Response {
    let bytes = serde_json::to_vec(value).expect("wire types always serialise");
    let mut response = (status, bytes).into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

/// An error answer whose message comes from the catalog.
pub fn error_response(status: StatusCode, code: &str) -> Response {
    json_response(status, &body(code, message_for(code), None))
}

/// The error answer for a bare status.
pub fn status_response(status: StatusCode) -> Response {
    error_response(status, code_for_status(status))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contract_codes_use_the_console_sentences() {
        let en = bundled("en");
        assert_eq!(message_for("csrf_failed"), en.api_error_csrf_failed());
        assert_eq!(message_for("server_error"), en.api_error_server_error());
        assert_eq!(message_for("no_such_code"), en.api_error_server_error());
        assert!(message_for("idempotency_key_required").ends_with('.'));
    }

    #[tokio::test]
    async fn a_request_in_japanese_is_answered_in_japanese() {
        let ja = bundled("ja");
        let message = LANGUAGE.scope(("ja", ja), async { message_for("key_in_use") }).await;
        assert_eq!(message, ja.api_error_key_in_use());
    }

    #[tokio::test]
    async fn invalid_overlap_is_said_in_each_language() {
        let mut seen = Vec::new();
        for tag in ["en", "ja", "ko"] {
            let message = LANGUAGE.scope((tag, bundled(tag)), async { message_for("invalid_overlap") }).await;
            assert_ne!(message, bundled(tag).api_error_server_error(), "{tag}");
            assert!(message.contains("30"), "{tag}: {message}");
            seen.push(message);
        }
        seen.dedup();
        assert_eq!(seen.len(), 3);
    }
}
