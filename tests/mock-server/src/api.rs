//! API v1 under `/api`, per `api-v1.md`.

use axum::body::Bytes;
use axum::extract::{RawQuery, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use mdm_console::domain::api::{paths, Session};
use mdm_console::domain::sign_ins::Query;

use crate::crypto::sha256;
use crate::errors::{self, error_response, json_response, message_for};
use crate::seed;
use crate::state::{Answer, Replay};
use crate::Shared;

pub const BASE: &str = "/api";
const DEFAULT_AUDIT_LIMIT: usize = 20;
const MAX_AUDIT_LIMIT: usize = 100;
const MIN_IDEMPOTENCY_KEY_LEN: usize = 16;
const MAX_IDEMPOTENCY_KEY_LEN: usize = 255;

pub fn routes() -> Router<Shared> {
    let at = |path: &str| format!("{BASE}{path}");
    Router::new()
        .route(&at(paths::SESSION), get(session))
        .route(&at(paths::MOBILE_SECURITY), get(overview))
        .route(&at(paths::MDM_SYNC), get(settings).put(update))
        .route(&at(paths::MDM_SYNC_AUDIT), get(audit))
        .route(&at(paths::MDM_SYNC_APPS), get(apps))
        .route(&at(paths::MDM_SYNC_READINESS), get(readiness))
        .route(&at(paths::MDM_SYNC_SIGN_INS), get(sign_ins))
}

/// Every answer under the base has `Cache-Control: no-store`, a fault's, a 404's and a 405's included: some carry
/// the key, and none of them is worth caching. A fault that names a `Cache-Control` of its own keeps it.
pub async fn no_store(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let under_base = path == BASE || path.strip_prefix(BASE).is_some_and(|rest| rest.starts_with('/'));
    let mut response = next.run(request).await;
    if under_base {
        response.headers_mut().entry(header::CACHE_CONTROL).or_insert(HeaderValue::from_static("no-store"));
    }
    response
}

async fn session(State(app): State<Shared>) -> Response {
    let plan = app.world.lock().expect("world lock").plan();
    json_response(
        StatusCode::OK,
        &Session { admin: seed::admin(), domain: seed::domain(plan), csrf_token: app.csrf_token.clone() },
    )
}

async fn overview(State(app): State<Shared>) -> Response {
    let mut world = app.world.lock().expect("world lock");
    let now = world.tick(&app.secret);
    json_response(StatusCode::OK, &world.overview(now))
}

async fn settings(State(app): State<Shared>) -> Response {
    let mut world = app.world.lock().expect("world lock");
    let now = world.tick(&app.secret);
    answer_response(Answer::json(StatusCode::OK, Some(world.etag()), &world.settings(now)))
}

/// `?limit=N`, clamped to 1..=100. A limit that is not a number gets the default, as if it were absent.
fn audit_limit(query: Option<&str>) -> usize {
    query
        .unwrap_or_default()
        .split('&')
        .filter_map(|pair| pair.strip_prefix("limit="))
        .find_map(|value| value.parse::<i64>().ok())
        .map_or(DEFAULT_AUDIT_LIMIT, |n| n.clamp(1, MAX_AUDIT_LIMIT as i64) as usize)
}

async fn audit(State(app): State<Shared>, RawQuery(query): RawQuery) -> Response {
    let mut world = app.world.lock().expect("world lock");
    world.tick(&app.secret);
    json_response(StatusCode::OK, &world.audit(audit_limit(query.as_deref())))
}

async fn readiness(State(app): State<Shared>) -> Response {
    let mut world = app.world.lock().expect("world lock");
    let now = world.tick(&app.secret);
    json_response(StatusCode::OK, &world.readiness(now))
}

/// `?days=…&outcome=…&reason=…&cursor=…&limit=…` (`sign_ins::Query`); a bad parameter is a 400 naming it.
async fn sign_ins(State(app): State<Shared>, RawQuery(query): RawQuery) -> Response {
    let bad = |parameter: &str| {
        json_response(
            StatusCode::BAD_REQUEST,
            &errors::body("bad_request", message_for("bad_request"), Some(parameter)),
        )
    };
    let query = match Query::parse(query.as_deref().unwrap_or_default()) {
        Ok(query) => query,
        Err(error) => return bad(error.0),
    };
    let mut world = app.world.lock().expect("world lock");
    let now = world.tick(&app.secret);
    match world.sign_ins(&query, now) {
        Ok(page) => json_response(StatusCode::OK, &page),
        Err(error) => bad(error.0),
    }
}

async fn apps(State(app): State<Shared>) -> Response {
    json_response(StatusCode::OK, &app.world.lock().expect("world lock").apps())
}

fn header_str<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// Bodies that mean the same JSON hash the same, so a retry that re-serialises its body still counts as the same.
fn body_hash(body: &[u8]) -> [u8; 32] {
    match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(value) => sha256(&serde_json::to_vec(&value).expect("a parsed value serialises")),
        Err(_) => sha256(body),
    }
}

fn valid_idempotency_key(key: &str) -> bool {
    (MIN_IDEMPOTENCY_KEY_LEN..=MAX_IDEMPOTENCY_KEY_LEN).contains(&key.len())
        && key.bytes().all(|b| b.is_ascii_graphic())
}

/// The checks run in the contract's order: CSRF, plan, `If-Match` present, `Idempotency-Key`, replay,
/// then (in `World::update`) `If-Match` current, JSON, and the key rules. A replay is looked up before the version
/// is compared, because a successful first attempt has moved the version on: comparing first would turn every
/// retry of a success into a 412.
async fn update(State(app): State<Shared>, headers: HeaderMap, body: Bytes) -> Response {
    let csrf_ok = header_str(&headers, "x-csrf-token").is_some_and(|token| app.secret.eq(token, &app.csrf_token));
    if !csrf_ok {
        return error_response(StatusCode::FORBIDDEN, "csrf_failed");
    }
    let mut world = app.world.lock().expect("world lock");
    if !world.plan().allows_mdm_sync() {
        return error_response(StatusCode::FORBIDDEN, "plan_not_eligible");
    }
    let Some(if_match) = header_str(&headers, header::IF_MATCH.as_str()) else {
        return error_response(StatusCode::PRECONDITION_REQUIRED, "precondition_required");
    };
    let Some(idempotency_key) = header_str(&headers, "idempotency-key").filter(|k| valid_idempotency_key(k)) else {
        return error_response(StatusCode::BAD_REQUEST, "idempotency_key_required");
    };
    let hash = body_hash(&body);
    match world.replay(idempotency_key, &hash) {
        Replay::Same(answer) => return answer_response(answer),
        Replay::Reused => return error_response(StatusCode::UNPROCESSABLE_ENTITY, "idempotency_key_reused"),
        Replay::New => {}
    }
    let now = world.tick(&app.secret);
    let answer = world.update(if_match, &body, now, &app.secret);
    world.remember(idempotency_key.to_owned(), hash, answer.clone());
    answer_response(answer)
}

fn answer_response(answer: Answer) -> Response {
    let mut response = (answer.status, answer.body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    if let Some(etag) = answer.etag {
        headers.insert(header::ETAG, HeaderValue::from_str(&etag).expect("an ETag is a quoted number"));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_audit_limit_is_clamped() {
        assert_eq!(audit_limit(None), 20);
        assert_eq!(audit_limit(Some("limit=5")), 5);
        assert_eq!(audit_limit(Some("x=1&limit=0")), 1);
        assert_eq!(audit_limit(Some("limit=1000")), 100);
        assert_eq!(audit_limit(Some("limit=-3")), 1);
        assert_eq!(audit_limit(Some("limit=abc")), 20);
    }

    #[test]
    fn idempotency_keys_need_sixteen_visible_characters() {
        assert!(valid_idempotency_key("0123456789abcdef"));
        assert!(!valid_idempotency_key("0123456789abcde"));
        assert!(!valid_idempotency_key("0123456789 abcdef"));
    }

    #[test]
    fn equal_json_hashes_equal() {
        assert_eq!(body_hash(br#"{"a":1,"b":2}"#), body_hash(br#"{ "b": 2, "a": 1 }"#));
        assert_ne!(body_hash(br#"{"a":1}"#), body_hash(br#"{"a":2}"#));
    }
}
