//! What the mock's test files share: a mock on 127.0.0.1:0 per test, driven with reqwest.
#![allow(dead_code)]

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use mdm_console::domain::api::{AuditLog, MdmSyncSettings, Session};
use mdm_console::domain::readiness::{decode_base64url, fingerprint_from_digest, fingerprint_input, Readiness};
use mdm_console::domain::sign_ins::SignIns;
use mdm_console::domain::time::parse_rfc3339;
use mock_server::{start, Config, Running};

pub mod site;
use reqwest::{header, StatusCode};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

pub const MDM_SYNC: &str = "/api/v1/security/mobile/mdm-sync";
pub const OVERVIEW: &str = "/api/v1/security/mobile";
pub const AUDIT: &str = "/api/v1/security/mobile/mdm-sync/audit";
pub const READINESS: &str = "/api/v1/security/mobile/mdm-sync/readiness";
pub const SIGN_INS: &str = "/api/v1/security/mobile/mdm-sync/sign-ins";
pub const SESSION: &str = "/api/v1/session";
pub const KEY: &str = "Vb7nQ2xLk9PzR4tW1mYc8HsJ3dFg6AeU0oKiTq5N";
pub const NEXT_KEY: &str = "Hq3Wz8Lm2Rt6Yp9Vx4Nc7Bd1Kf5Gs0Ja8Ue3Io6P";
pub const THIRD_KEY: &str = "Zt4Mq8Wn1Ry5Lc9Xv2Bp6Hd3Kg7Fs0Aj4Ue8Io2Q";
/// One of the default other domains' keys (`seed::DEFAULT_OTHER_DOMAIN_KEYS`).
pub const OTHER_DOMAINS_KEY: &str = "m3PxW9cQ7rLs2VfK8nTd4BzY6hJa1GuE5oRk0NiC";
/// A custom key with every character that HTML, XML and JSON escape.
pub const CUSTOM_KEY: &str = "<Custom&Key'Value\">2024";
pub const GROUP_SHARED_VALUE: &str = "NimbusGroup-MDM-2026!";
/// A fixed moment for the clock: 2031-01-15T09:00:00Z.
pub const FIXED: &str = "2031-01-15T09:00:00Z";
pub const DAY: i64 = 86_400;

pub struct Mock {
    pub running: Running,
    pub http: reqwest::Client,
}

static IDEMPOTENCY_COUNTER: AtomicU32 = AtomicU32::new(0);

pub fn fresh_idempotency_key() -> String {
    format!("rollout-idempotency-{:08}", IDEMPOTENCY_COUNTER.fetch_add(1, Ordering::Relaxed))
}

pub fn at(unix: i64) -> String {
    mdm_console::domain::time::format_rfc3339(unix)
}

pub fn unix(text: &str) -> i64 {
    parse_rfc3339(text).unwrap_or_else(|| panic!("not a time: {text}"))
}

/// The headers of a mutation; each is sent only when set.
pub struct Put {
    pub csrf: Option<String>,
    pub if_match: Option<String>,
    pub idempotency_key: Option<String>,
}

pub fn unix_now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64
}

/// The body of a PUT, with its key mode.
pub fn update(enabled: bool, restrict: bool, mode: &str, key: Option<&str>) -> Value {
    json!({"enabled": enabled, "restrictOtherDomains": restrict, "keyMode": mode, "keyValue": key})
}

pub async fn mock() -> Mock {
    mock_with(Config::default()).await
}

pub async fn mock_with(config: Config) -> Mock {
    let running = start(config, "127.0.0.1:0".parse().unwrap()).await.expect("the mock starts");
    let http = reqwest::Client::builder().timeout(Duration::from_secs(60)).build().unwrap();
    Mock { running, http }
}

/// A mock reset with `seed`, its clock stopped at [`FIXED`]: every answer is a function of the seed and the clock.
pub async fn mock_at_fixed(seed: Value) -> Mock {
    let mock = mock().await;
    mock.reset(Some(seed)).await;
    mock.clock(json!({"at": FIXED, "frozen": true})).await;
    mock
}

impl Mock {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.running.url())
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.http.get(self.url(path)).send().await.expect("GET answered")
    }

    pub async fn text(&self, path: &str) -> String {
        let response = self.get(path).await;
        assert_eq!(response.status(), StatusCode::OK, "GET {path}");
        response.text().await.unwrap()
    }

    pub async fn json<T: serde::de::DeserializeOwned>(&self, path: &str) -> T {
        serde_json::from_str(&self.text(path).await).expect("a JSON body")
    }

    pub async fn settings(&self) -> MdmSyncSettings {
        self.json(MDM_SYNC).await
    }

    pub async fn settings_value(&self) -> Value {
        self.json(MDM_SYNC).await
    }

    pub async fn overview(&self) -> Value {
        self.json(OVERVIEW).await
    }

    pub async fn audit(&self) -> AuditLog {
        self.json(&format!("{AUDIT}?limit=100")).await
    }

    /// The audit actions, oldest first.
    pub async fn actions(&self) -> Vec<String> {
        let log: Value = self.json(&format!("{AUDIT}?limit=100")).await;
        let mut actions: Vec<String> =
            log["events"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap().to_owned()).collect();
        actions.reverse();
        actions
    }

    pub async fn sign_ins(&self, query: &str) -> SignIns {
        self.json(&format!("{SIGN_INS}?{query}")).await
    }

    /// The readiness fingerprint of `value`, with the salt the mock sends.
    pub async fn fingerprint(&self, value: &str) -> String {
        let readiness: Readiness = self.json(READINESS).await;
        let salt = decode_base64url(&readiness.salt).unwrap();
        fingerprint_from_digest(&Sha256::digest(fingerprint_input(&salt, value))).unwrap()
    }

    pub async fn csrf(&self) -> String {
        self.json::<Session>(SESSION).await.csrf_token
    }

    pub async fn etag(&self) -> String {
        let response = self.get(MDM_SYNC).await;
        response.headers()[header::ETAG].to_str().unwrap().to_owned()
    }

    /// A PUT with the given headers (`None`: left out), answered as it is.
    pub async fn put_with(
        &self,
        body: &Value,
        csrf: Option<String>,
        if_match: Option<String>,
        idempotency_key: Option<String>,
    ) -> reqwest::Response {
        self.put_raw(&body.to_string(), &Put { csrf, if_match, idempotency_key }).await
    }

    /// Every header right, each from the server's current state.
    pub async fn valid_put(&self) -> Put {
        Put {
            csrf: Some(self.csrf().await),
            if_match: Some(self.etag().await),
            idempotency_key: Some(fresh_idempotency_key()),
        }
    }

    /// A PUT of `body` as it is (malformed JSON too) with the headers of `put`.
    pub async fn put_raw(&self, body: &str, put: &Put) -> reqwest::Response {
        let mut request =
            self.http.put(self.url(MDM_SYNC)).header(header::CONTENT_TYPE, "application/json").body(body.to_owned());
        if let Some(csrf) = &put.csrf {
            request = request.header("X-CSRF-Token", csrf);
        }
        if let Some(etag) = &put.if_match {
            request = request.header(header::IF_MATCH, etag);
        }
        if let Some(key) = &put.idempotency_key {
            request = request.header("Idempotency-Key", key);
        }
        request.send().await.expect("PUT answered")
    }

    /// A PUT of `body` with the headers of `put`.
    pub async fn send_put(&self, body: &Value, put: &Put) -> reqwest::Response {
        self.put_raw(&body.to_string(), put).await
    }

    /// A PUT with every header right.
    pub async fn put(&self, body: &Value) -> reqwest::Response {
        self.put_with(body, Some(self.csrf().await), Some(self.etag().await), Some(fresh_idempotency_key())).await
    }

    /// A PUT with every header right, expected to succeed.
    pub async fn save(&self, body: Value) -> MdmSyncSettings {
        let response = self.put(&body).await;
        let status = response.status();
        let text = response.text().await.unwrap();
        assert_eq!(status, StatusCode::OK, "save {body}: {text}");
        serde_json::from_str(&text).unwrap()
    }

    pub async fn control(&self, path: &str, body: Option<Value>) -> reqwest::Response {
        let mut request = self.http.post(self.url(path));
        if let Some(body) = body {
            request = request.json(&body);
        }
        request.send().await.expect("control answered")
    }

    pub async fn reset(&self, body: Option<Value>) {
        assert_eq!(self.control("/__mock/reset", body).await.status(), StatusCode::NO_CONTENT);
    }

    pub async fn fault(&self, spec: Value) {
        assert_eq!(self.control("/__mock/faults", Some(spec)).await.status(), StatusCode::NO_CONTENT);
    }

    /// Moves the clock; the mock's new now.
    pub async fn clock(&self, body: Value) -> i64 {
        let response = self.control("/__mock/clock", Some(body)).await;
        assert_eq!(response.status(), StatusCode::OK);
        let answer: Value = response.json().await.unwrap();
        unix(answer["now"].as_str().unwrap())
    }

    pub async fn advance(&self, seconds: i64) -> i64 {
        self.clock(json!({"advanceSeconds": seconds})).await
    }

    pub async fn now(&self) -> i64 {
        self.advance(0).await
    }
}

/// The English catalog, whose sentences the mock's error messages are.
pub fn en() -> &'static mdm_console::i18n::Strings {
    mdm_console::i18n::bundled("en")
}

/// The body of a PUT.
pub fn body(enabled: bool, restrict: bool, key: Option<&str>) -> Value {
    json!({"enabled": enabled, "restrictOtherDomains": restrict, "keyMode": "auto", "keyValue": key})
}

/// `base` with `field` set.
pub fn with(mut base: Value, field: &str, value: Value) -> Value {
    base[field] = value;
    base
}

/// Asserts the contract's error shape and returns the error object.
pub async fn error_of(response: reqwest::Response, status: StatusCode, code: &str) -> Value {
    assert_eq!(response.status(), status);
    let body: Value = response.json().await.expect("an error body in JSON");
    assert_eq!(body["error"]["code"], code, "{body}");
    assert!(body["error"]["message"].as_str().is_some_and(|m| !m.is_empty()), "{body}");
    assert!(body["error"].get("field").is_some(), "field is always present: {body}");
    body["error"].clone()
}
