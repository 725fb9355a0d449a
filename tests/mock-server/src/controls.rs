//! The mock's own controls under `/__mock`, for tests and local development. No real backend has them.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use mdm_console::domain::time::format_rfc3339;
use serde::de::DeserializeOwned;

use crate::errors::{self, json_response};
use crate::seed::Seed;
use crate::state::{AddCheck, ClockControl};
use crate::traffic::{Fault, FaultSpec, CONTROL_PREFIX};
use crate::Shared;

pub fn routes() -> Router<Shared> {
    Router::new()
        .route(&format!("{CONTROL_PREFIX}/reset"), post(reset))
        .route(&format!("{CONTROL_PREFIX}/faults"), post(add_fault))
        .route(&format!("{CONTROL_PREFIX}/requests"), get(requests))
        .route(&format!("{CONTROL_PREFIX}/clock"), post(clock))
        .route(&format!("{CONTROL_PREFIX}/sign-ins"), post(add_sign_ins))
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
    app.world.lock().expect("world lock").reset(seed, &app.secret);
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

/// `{"advanceSeconds"?: n, "at"?: time, "frozen"?: bool}`: the mock's clock, forward only. Answers `{"now": time}`.
async fn clock(State(app): State<Shared>, body: Bytes) -> Response {
    let control = match serde_json::from_slice::<ClockControl>(&body) {
        Ok(control) => control,
        Err(e) => return bad_request(e.to_string()),
    };
    let now = app.world.lock().expect("world lock").control_clock(&control, &app.secret);
    match now {
        Ok(now) => json_response(StatusCode::OK, &serde_json::json!({ "now": format_rfc3339(now) })),
        Err(detail) => bad_request(detail),
    }
}

/// `[{"memberId"?, "platform", "management", "keyValue": string | null, "otherDomain"?, "at"?}]`: checks judged by
/// the gate under the settings in force at `at` (default now). Answers `{"events": [...]}` as the report lists them.
async fn add_sign_ins(State(app): State<Shared>, body: Bytes) -> Response {
    let checks = match serde_json::from_slice::<Vec<AddCheck>>(&body) {
        Ok(checks) => checks,
        Err(e) => return bad_request(e.to_string()),
    };
    let mut world = app.world.lock().expect("world lock");
    let now = world.tick(&app.secret);
    match world.add_checks(checks, now) {
        Ok(events) => json_response(StatusCode::OK, &serde_json::json!({ "events": events })),
        Err(detail) => bad_request(detail),
    }
}
