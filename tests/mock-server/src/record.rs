//! `--record FILE`: every answer under `/api` and `/__mock`, one JSON line each, so that a test run can be checked
//! against `docs/openapi.yaml` afterwards (`tests/tools/openapi-check.mjs`). Static files are not recorded.
//!
//! The key is a secret, and this file is kept beside the tests' logs: every value of a field that can hold a key
//! (`keyValue`, `otherDomainKeys`, and the raw `body` strings of the request log and of faults) is replaced by
//! `"[redacted]"`, which keeps its JSON type for the schema, and a body that is not JSON is not written at all.

use std::fs::File;
use std::io::Write;
use std::path::Path;
use std::sync::Mutex;

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::Response;
use serde_json::{json, Map, Value};

use crate::errors::status_response;
use crate::traffic::{CONTROL_PREFIX, MAX_BODY};
use crate::Shared;

/// Written in place of every value that can hold a key.
pub const REDACTED: &str = "[redacted]";
/// Fields whose values can hold a key, at any depth.
const SECRET_FIELDS: [&str; 3] = ["keyValue", "otherDomainKeys", "body"];

/// How an armed fault (`POST /__mock/faults`) shaped an answer, as the record tells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Faulted {
    /// The real answer, late.
    Delay,
    /// The real answer, never sent: the connection was closed instead.
    Drop,
    /// The fault's status, with the mock's own error body.
    Status,
    /// The fault's raw body, written by the test (often not the contract's on purpose).
    Body,
}

impl Faulted {
    fn as_str(self) -> &'static str {
        match self {
            Faulted::Delay => "delay",
            Faulted::Drop => "drop",
            Faulted::Status => "status",
            Faulted::Body => "body",
        }
    }
}

pub struct Recorder(Mutex<File>);

impl Recorder {
    /// Creates (or empties) the file.
    pub fn create(path: &Path) -> Result<Self, String> {
        File::create(path).map(|file| Self(Mutex::new(file))).map_err(|e| format!("--record {}: {e}", path.display()))
    }

    fn write(&self, line: &Value) {
        let mut text = line.to_string();
        text.push('\n');
        // A line that cannot be written makes the check fail for a missing answer, which says more than a panic here.
        let _ = self.0.lock().expect("record lock").write_all(text.as_bytes());
    }
}

/// Replaces every value of a [`SECRET_FIELDS`] field, at any depth, by [`REDACTED`] (strings in arrays included).
pub fn redact(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (name, inner) in map.iter_mut() {
                if SECRET_FIELDS.contains(&name.as_str()) {
                    mask(inner);
                } else {
                    redact(inner);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact),
        _ => {}
    }
}

fn mask(value: &mut Value) {
    match value {
        Value::String(text) => *text = REDACTED.to_owned(),
        Value::Array(items) => items.iter_mut().for_each(mask),
        Value::Object(_) => redact(value),
        _ => {}
    }
}

/// `null` for no body, the redacted JSON for a JSON body, and `"[not JSON, N bytes]"` otherwise: such a body is the
/// test's own (a fault's, or a malformed request) and may hold anything.
fn recorded_body(bytes: &[u8]) -> (Value, bool) {
    if bytes.is_empty() {
        return (Value::Null, true);
    }
    match serde_json::from_slice::<Value>(bytes) {
        Ok(mut value) => {
            redact(&mut value);
            (value, true)
        }
        Err(_) => (Value::String(format!("[not JSON, {} bytes]", bytes.len())), false),
    }
}

pub async fn middleware(State(app): State<Shared>, request: Request, next: Next) -> Response {
    let Some(recorder) = &app.recorder else { return next.run(request).await };
    let path = request.uri().path().to_owned();
    if !(path == "/api" || path.starts_with("/api/") || path.starts_with(CONTROL_PREFIX)) {
        return next.run(request).await;
    }
    let method = request.method().to_string();
    let query = request.uri().query().map(str::to_owned);
    let (parts, body) = request.into_parts();
    let response = match to_bytes(body, MAX_BODY).await {
        Ok(bytes) => {
            let (request_body, _) = recorded_body(&bytes);
            let response = next.run(Request::from_parts(parts, Body::from(bytes))).await;
            (response, request_body)
        }
        Err(_) => (status_response(StatusCode::PAYLOAD_TOO_LARGE), Value::Null),
    };
    let (response, request_body) = response;
    let (parts, body) = response.into_parts();
    // The mock's answers are small JSON documents, already whole in memory.
    let bytes = to_bytes(body, usize::MAX).await.unwrap_or_default();
    let (response_body, is_json) = recorded_body(&bytes);
    let headers: Map<String, Value> = parts
        .headers
        .iter()
        .map(|(name, value)| {
            (name.as_str().to_owned(), Value::String(String::from_utf8_lossy(value.as_bytes()).into()))
        })
        .collect();
    recorder.write(&json!({
        "method": method,
        "path": path,
        "query": query,
        "requestBody": request_body,
        "status": parts.status.as_u16(),
        "headers": headers,
        "body": response_body,
        "bodyIsJson": is_json,
        "fault": parts.extensions.get::<Faulted>().map(|f| f.as_str()),
    }));
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_that_can_hold_a_key_is_redacted_and_keeps_its_type() {
        let mut value = json!({
            "keyValue": "Secret-1", "current": {"keyValue": "Secret-2", "keyMode": "custom"},
            "otherDomainKeys": ["Secret-3"], "devices": [{"keyValue": null, "count": 2}],
            "log": [{"body": "{\"keyValue\":\"Secret-4\"}", "path": "/api"}],
        });
        redact(&mut value);
        assert!(!value.to_string().contains("Secret"), "{value}");
        assert_eq!(value["current"]["keyValue"], REDACTED);
        assert_eq!(value["current"]["keyMode"], "custom");
        assert_eq!(value["otherDomainKeys"], json!([REDACTED]));
        assert_eq!(value["devices"][0], json!({"keyValue": null, "count": 2}));
        assert_eq!(value["log"][0]["path"], "/api");
    }

    #[test]
    fn a_body_that_is_not_json_is_not_written() {
        assert_eq!(recorded_body(b"{\"keyValue\": \"Secret-5"), (json!("[not JSON, 22 bytes]"), false));
        assert_eq!(recorded_body(b""), (Value::Null, true));
    }
}
