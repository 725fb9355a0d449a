//! What the tests see and steer of the traffic: the request log, and faults that replace the next matching answers.

use std::collections::BTreeMap;
use std::time::Duration;

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use crate::errors::status_response;
use crate::record::Faulted;
use crate::Shared;

/// Larger bodies are refused: the API's bodies are a few hundred bytes.
pub const MAX_BODY: usize = 1 << 20;
pub const CONTROL_PREFIX: &str = "/__mock";
const API_PREFIX: &str = "/api";

/// Marks a response that must not be sent: the server closes the connection instead (see `server.rs`).
#[derive(Clone, Copy, Debug)]
pub struct DropConnection;

/// The body of `POST /__mock/faults`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FaultSpec {
    method: String,
    path: String,
    #[serde(default = "one")]
    times: u32,
    status: Option<u16>,
    delay_ms: Option<u64>,
    body: Option<String>,
    #[serde(default)]
    drop: bool,
    #[serde(default)]
    headers: BTreeMap<String, String>,
}

fn one() -> u32 {
    1
}

#[derive(Clone)]
pub struct Fault {
    /// `None` matches every method (`"*"`).
    method: Option<Method>,
    path: String,
    remaining: u32,
    status: Option<StatusCode>,
    delay: Option<Duration>,
    body: Option<String>,
    drop: bool,
    headers: Vec<(HeaderName, HeaderValue)>,
}

impl TryFrom<FaultSpec> for Fault {
    type Error = String;

    fn try_from(spec: FaultSpec) -> Result<Self, String> {
        let method = match spec.method.as_str() {
            "*" => None,
            m => Some(Method::from_bytes(m.to_ascii_uppercase().as_bytes()).map_err(|_| format!("bad method {m:?}"))?),
        };
        if !spec.path.starts_with('/') {
            return Err(format!("path must start with '/': {:?}", spec.path));
        }
        if spec.times == 0 {
            return Err("times must be at least 1".into());
        }
        let status = spec
            .status
            .map(|s| StatusCode::from_u16(s).ok().filter(|s| s.as_u16() >= 200).ok_or(format!("bad status {s}")))
            .transpose()?;
        let headers = spec
            .headers
            .into_iter()
            .map(|(name, value)| {
                let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| format!("bad header name {name:?}"))?;
                let value = HeaderValue::from_str(&value).map_err(|_| format!("bad value for header {name}"))?;
                Ok((name, value))
            })
            .collect::<Result<_, String>>()?;
        Ok(Self {
            method,
            path: spec.path,
            remaining: spec.times,
            status,
            delay: spec.delay_ms.map(Duration::from_millis),
            body: spec.body,
            drop: spec.drop,
            headers,
        })
    }
}

impl Fault {
    /// The path is matched as the API sees it, with or without the `/api` base, so tests can use the contract's paths.
    fn matches(&self, method: &Method, path: &str) -> bool {
        let path_matches = path == self.path || path.strip_prefix(API_PREFIX) == Some(self.path.as_str());
        path_matches && self.method.as_ref().is_none_or(|m| m == method)
    }

    /// Only a delay (and maybe headers): the real answer follows, late.
    fn passes_through(&self) -> bool {
        !self.drop && self.status.is_none() && self.body.is_none() && self.delay.is_some()
    }

    fn answer(&self) -> Response {
        let status = self.status.unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        match &self.body {
            // Raw on purpose: tests use it for malformed JSON.
            Some(body) => {
                let mut response = (status, body.clone()).into_response();
                response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
                response
            }
            None if status.is_success() => status.into_response(),
            None => status_response(status),
        }
    }
}

/// One entry of `GET /__mock/requests`. It holds bodies, key values included: it is the tests' own data, and it
/// is only ever answered to them, never printed.
#[derive(Clone, Serialize)]
pub struct LoggedRequest {
    method: String,
    path: String,
    query: Option<String>,
    headers: BTreeMap<String, String>,
    body: Option<String>,
}

#[derive(Default)]
pub struct Traffic {
    faults: Vec<Fault>,
    log: Vec<LoggedRequest>,
}

impl Traffic {
    pub fn clear(&mut self) {
        *self = Self::default();
    }

    pub fn add_fault(&mut self, fault: Fault) {
        self.faults.push(fault);
    }

    pub fn log(&self) -> &[LoggedRequest] {
        &self.log
    }

    /// The first armed fault for this request, counted down; it is disarmed when its count reaches zero.
    /// A copy is handed out, so that the lock is not held while the answer is delayed.
    fn take(&mut self, method: &Method, path: &str) -> Option<Fault> {
        let index = self.faults.iter().position(|f| f.matches(method, path))?;
        let fault = &mut self.faults[index];
        fault.remaining -= 1;
        if fault.remaining == 0 {
            Some(self.faults.remove(index))
        } else {
            Some(fault.clone())
        }
    }
}

fn header_map(headers: &HeaderMap) -> BTreeMap<String, String> {
    let mut map = BTreeMap::<String, String>::new();
    for (name, value) in headers {
        let value = String::from_utf8_lossy(value.as_bytes());
        map.entry(name.as_str().to_owned())
            .and_modify(|joined| {
                joined.push_str(", ");
                joined.push_str(&value);
            })
            .or_insert_with(|| value.into_owned());
    }
    map
}

/// Logs every request outside the controls, then lets an armed fault answer it instead.
pub async fn middleware(State(app): State<Shared>, request: Request, next: Next) -> Response {
    if request.uri().path().starts_with(CONTROL_PREFIX) {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    // A failure to read is nearly always the size limit; either way the request cannot be answered.
    let Ok(bytes) = to_bytes(body, MAX_BODY).await else {
        return status_response(StatusCode::PAYLOAD_TOO_LARGE);
    };
    let fault = {
        let mut traffic = app.traffic.lock().expect("traffic lock");
        traffic.log.push(LoggedRequest {
            method: parts.method.to_string(),
            path: parts.uri.path().to_owned(),
            query: parts.uri.query().map(str::to_owned),
            headers: header_map(&parts.headers),
            body: (!bytes.is_empty()).then(|| String::from_utf8_lossy(&bytes).into_owned()),
        });
        traffic.take(&parts.method, parts.uri.path())
    };
    let request = Request::from_parts(parts, Body::from(bytes));
    let Some(fault) = fault else {
        return next.run(request).await;
    };
    if let Some(delay) = fault.delay {
        tokio::time::sleep(delay).await;
    }
    let (mut response, faulted) = if fault.drop {
        // The request reaches the server and takes effect; only its answer is lost. That is the case a client must
        // survive without applying a change twice: its retry carries the same Idempotency-Key and gets a replay.
        let mut response = next.run(request).await;
        response.extensions_mut().insert(DropConnection);
        (response, Faulted::Drop)
    } else if fault.passes_through() {
        (next.run(request).await, Faulted::Delay)
    } else {
        (fault.answer(), if fault.body.is_some() { Faulted::Body } else { Faulted::Status })
    };
    response.extensions_mut().insert(faulted);
    response.headers_mut().extend(fault.headers);
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fault(json: serde_json::Value) -> Fault {
        Fault::try_from(serde_json::from_value::<FaultSpec>(json).unwrap()).unwrap()
    }

    #[test]
    fn paths_match_with_or_without_the_api_base() {
        let f = fault(serde_json::json!({"method": "put", "path": "/v1/session"}));
        assert!(f.matches(&Method::PUT, "/api/v1/session"));
        assert!(f.matches(&Method::PUT, "/v1/session"));
        assert!(!f.matches(&Method::GET, "/api/v1/session"));
        assert!(!f.matches(&Method::PUT, "/api/v1/session/x"));
        let any = fault(serde_json::json!({"method": "*", "path": "/api/v1/session"}));
        assert!(any.matches(&Method::DELETE, "/api/v1/session"));
    }

    #[test]
    fn a_fault_is_disarmed_after_its_count() {
        let mut traffic = Traffic::default();
        traffic.add_fault(fault(serde_json::json!({"method": "GET", "path": "/x", "times": 2})));
        assert!(traffic.take(&Method::GET, "/x").is_some());
        assert!(traffic.take(&Method::GET, "/x").is_some());
        assert!(traffic.take(&Method::GET, "/x").is_none());
    }

    #[test]
    fn invalid_specs_are_refused() {
        for json in [
            serde_json::json!({"method": "GET", "path": "x"}),
            serde_json::json!({"method": "GET", "path": "/x", "times": 0}),
            serde_json::json!({"method": "GET", "path": "/x", "status": 42}),
            serde_json::json!({"method": "GET", "path": "/x", "headers": {"Bad Name": "1"}}),
        ] {
            assert!(Fault::try_from(serde_json::from_value::<FaultSpec>(json.clone()).unwrap()).is_err(), "{json}");
        }
    }

    #[test]
    fn only_a_delay_lets_the_real_answer_through() {
        assert!(fault(serde_json::json!({"method": "GET", "path": "/x", "delayMs": 5})).passes_through());
        assert!(
            !fault(serde_json::json!({"method": "GET", "path": "/x", "delayMs": 5, "status": 503})).passes_through()
        );
        assert!(!fault(serde_json::json!({"method": "GET", "path": "/x"})).passes_through());
    }
}
