//! The mock's own controls under `/__mock`, for tests and local development. No real backend has them.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::de::DeserializeOwned;

use crate::errors::{self, json_response};
use crate::seed::Seed;
use crate::traffic::{Fault, FaultSpec, CONTROL_PREFIX};
use crate::Shared;

pub fn routes() -> Router<Shared> {
    Router::new()
        .route(&format!("{CONTROL_PREFIX}/reset"), post(reset))
        .route(&format!("{CONTROL_PREFIX}/faults"), post(add_fault))
        .route(&format!("{CONTROL_PREFIX}/requests"), get(requests))
}

/// A control's mistakes are the test author's, so the answer says exactly what serde objected to.
fn bad_request(detail: String) -> Response {
    json_response(StatusCode::BAD_REQUEST, &errors::body("bad_request", detail, None))
}

/// An empty body, or `null`, means "no options".
fn parse_optional<T: DeserializeOwned>(body: &[u8]) -> Result<Option<T>, serde_json::Error> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    serde_json::from_slice(body)
}

async fn reset(State(app): State<Shared>, body: Bytes) -> Response {
    let seed = match parse_optional::<Seed>(&body) {
        Ok(seed) => seed.unwrap_or_default(),
        Err(e) => return bad_request(e.to_string()),
    };
    if let Some(problem) = seed.problem() {
        return bad_request(problem);
    }
    app.world.lock().expect("world lock").reset(seed);
    app.traffic.lock().expect("traffic lock").clear();
    StatusCode::NO_CONTENT.into_response()
}

async fn add_fault(State(app): State<Shared>, body: Bytes) -> Response {
    let spec = match serde_json::from_slice::<FaultSpec>(&body) {
        Ok(spec) => spec,
        Err(e) => return bad_request(e.to_string()),
    };
    match Fault::try_from(spec) {
        Ok(fault) => {
            app.traffic.lock().expect("traffic lock").add_fault(fault);
            StatusCode::NO_CONTENT.into_response()
        }
        Err(detail) => bad_request(detail),
    }
}

async fn requests(State(app): State<Shared>) -> Response {
    json_response(StatusCode::OK, &app.traffic.lock().expect("traffic lock").log())
}
