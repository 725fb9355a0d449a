//! The mock over real HTTP: an instance on 127.0.0.1:0 per test, driven with reqwest.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use mdm_console::domain::api::{
    AuditAction, AuditLog, ManagedApps, MdmSyncSettings, MobileSecurity, Session, CONFIG_KEY, VALUE_TYPE,
};
use mdm_console::domain::key::validate_key;
use mdm_console::domain::time::{parse_rfc3339, LOGOUT_WINDOW_SECS};
use mdm_console::i18n::{bundled, Strings};
use mock_server::{start, Config, Mount, Running};
use reqwest::{header, StatusCode};
use serde_json::{json, Value};

const MDM_SYNC: &str = "/api/v1/security/mobile/mdm-sync";
const OVERVIEW: &str = "/api/v1/security/mobile";
const AUDIT: &str = "/api/v1/security/mobile/mdm-sync/audit";
const SESSION: &str = "/api/v1/session";
const KEY: &str = "Vb7nQ2xLk9PzR4tW1mYc8HsJ3dFg6AeU0oKiTq5N";
const OTHER_KEY: &str = "m3PxW9cQ7rLs2VfK8nTd4BzY6hJa1GuE5oRk0NiC";
const CUSTOM_KEY: &str = "<Custom&Key'Value\">2024";

struct Mock {
    running: Running,
    http: reqwest::Client,
}

/// The headers of a mutation; each is sent only when set.
struct Put {
    csrf: Option<String>,
    if_match: Option<String>,
    idempotency_key: Option<String>,
}

static IDEMPOTENCY_COUNTER: AtomicU32 = AtomicU32::new(0);

fn fresh_idempotency_key() -> String {
    format!("test-idempotency-{:08}", IDEMPOTENCY_COUNTER.fetch_add(1, Ordering::Relaxed))
}

fn unix_now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64
}

fn update(enabled: bool, restrict: bool, mode: &str, key: Option<&str>) -> Value {
    json!({"enabled": enabled, "restrictOtherDomains": restrict, "keyMode": mode, "keyValue": key})
}

async fn mock() -> Mock {
    mock_with(Config::default()).await
}

async fn mock_with(config: Config) -> Mock {
    let running = start(config, "127.0.0.1:0".parse().unwrap()).await.expect("the mock starts");
    let http = reqwest::Client::builder().timeout(Duration::from_secs(10)).build().unwrap();
    Mock { running, http }
}

impl Mock {
    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.running.url())
    }

    async fn get(&self, path: &str) -> reqwest::Response {
        self.http.get(self.url(path)).send().await.expect("GET answered")
    }

    async fn json<T: serde::de::DeserializeOwned>(&self, path: &str) -> T {
        let response = self.get(path).await;
        assert_eq!(response.status(), StatusCode::OK, "GET {path}");
        response.json().await.expect("a JSON body")
    }

    async fn csrf(&self) -> String {
        self.json::<Session>(SESSION).await.csrf_token
    }

    async fn etag(&self) -> String {
        let response = self.get(MDM_SYNC).await;
        response.headers()[header::ETAG].to_str().unwrap().to_owned()
    }

    /// Every header right, each from the server's current state.
    async fn valid_put(&self) -> Put {
        Put {
            csrf: Some(self.csrf().await),
            if_match: Some(self.etag().await),
            idempotency_key: Some(fresh_idempotency_key()),
        }
    }

    async fn put_raw(&self, body: &str, put: &Put) -> reqwest::Response {
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

    async fn put(&self, body: &Value, put: &Put) -> reqwest::Response {
        self.put_raw(&body.to_string(), put).await
    }

    /// A PUT with every header right, expected to succeed.
    async fn save(&self, body: Value) -> MdmSyncSettings {
        let response = self.put(&body, &self.valid_put().await).await;
        assert_eq!(response.status(), StatusCode::OK, "save {body}");
        response.json().await.unwrap()
    }

    async fn control(&self, path: &str, body: Option<Value>) -> reqwest::Response {
        let mut request = self.http.post(self.url(path));
        if let Some(body) = body {
            request = request.json(&body);
        }
        request.send().await.expect("control answered")
    }

    async fn reset(&self, body: Option<Value>) {
        assert_eq!(self.control("/__mock/reset", body).await.status(), StatusCode::NO_CONTENT);
    }

    async fn fault(&self, spec: Value) {
        assert_eq!(self.control("/__mock/faults", Some(spec)).await.status(), StatusCode::NO_CONTENT);
    }

    async fn audit(&self) -> AuditLog {
        self.json(&format!("{AUDIT}?limit=100")).await
    }
}

/// Asserts the contract's error shape and returns the error object.
async fn error_of(response: reqwest::Response, status: StatusCode, code: &str) -> Value {
    assert_eq!(response.status(), status);
    let body: Value = response.json().await.expect("an error body in JSON");
    assert_eq!(body["error"]["code"], code, "{body}");
    assert!(body["error"]["message"].as_str().is_some_and(|m| !m.is_empty()), "{body}");
    assert!(body["error"].get("field").is_some(), "field is always present: {body}");
    body["error"].clone()
}

/// A directory with a small built console, removed when dropped.
struct Site(PathBuf);

const INLINE_INIT: &str = "\nimport init from '/mdm-console-3fa9.js';\nawait init('/mdm-console-3fa9_bg.wasm');\n";
const SUBPATH: &str = "/admin/mdm";
const SUBPATH_INIT: &str =
    "\nimport init from '/admin/mdm/mdm-console-5c1d.js';\nawait init('/admin/mdm/mdm-console-5c1d_bg.wasm');\n";
const SUBPATH_JS: &str = "export default async function init() { /* subpath */ }";
/// The allowlist as the build leaves it, before the mock fills it in.
const BUILT_EMBED_META: &str = r#"<meta name="mdm-embed-origins" content="https://build-time.example">"#;

impl Site {
    fn new() -> Self {
        let dir = Self::fresh_dir();
        std::fs::create_dir_all(dir.join("assets")).unwrap();
        let index = format!(
            "<!DOCTYPE html><html><head><link rel=\"stylesheet\" href=\"/style-1a2b.css\">\
             <script type=\"module\">{INLINE_INIT}</script></head><body></body></html>"
        );
        std::fs::write(dir.join("index.html"), index).unwrap();
        std::fs::write(dir.join("mdm-console-3fa9_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
        std::fs::write(dir.join("mdm-console-3fa9.js"), "export default async function init() {}").unwrap();
        std::fs::write(dir.join("style-1a2b.css"), "body { margin: 0 }").unwrap();
        std::fs::write(dir.join("assets/icon.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>").unwrap();
        Self(dir)
    }

    /// A second build, as `trunk build --public-url /admin/mdm/` makes it, with its own init script.
    fn subpath() -> Self {
        let dir = Self::fresh_dir();
        let index = format!(
            "<!DOCTYPE html><html><head>{BUILT_EMBED_META}<script type=\"module\">{SUBPATH_INIT}</script></head>\
             <body></body></html>"
        );
        std::fs::write(dir.join("index.html"), index).unwrap();
        std::fs::write(dir.join("mdm-console-5c1d.js"), SUBPATH_JS).unwrap();
        Self(dir)
    }

    fn fresh_dir() -> PathBuf {
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let dir = std::env::temp_dir().join(format!(
            "mock-server-site-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn content_type(response: &reqwest::Response) -> &str {
    response.headers().get(header::CONTENT_TYPE).map_or("", |v| v.to_str().unwrap())
}

// ---- Reading -------------------------------------------------------------------------------------------------

#[tokio::test]
async fn session_and_overview_describe_the_seeded_domain() {
    let mock = mock().await;
    let session: Session = mock.json(SESSION).await;
    assert_eq!(session.admin.name, "Mina Park");
    assert!(session.admin.email.starts_with("mina.park@"));
    assert_eq!(session.domain.name, "Nimbus Logistics");
    assert_eq!(session.domain.plan, mdm_console::domain::api::Plan::Advanced);
    assert_eq!(session.domain.group.map(|g| g.name).as_deref(), Some("Nimbus Group"));
    assert!(session.csrf_token.len() >= 16);

    let overview: Value = mock.json(OVERVIEW).await;
    assert_eq!(
        overview,
        json!({"memberCount": 1024, "lineworksMdm": {"enabled": true, "exceptionCount": 3},
               "mdmSync": {"enabled": false, "restrictOtherDomains": false, "logoutDeadline": null}})
    );
    // The same body decodes into the shared wire type.
    let _: MobileSecurity = serde_json::from_value(overview).unwrap();
}

#[tokio::test]
async fn the_apps_in_scope_are_data_with_example_identifiers_and_can_be_seeded() {
    let mock = mock().await;
    let response = mock.get("/api/v1/security/mobile/mdm-sync/apps").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[header::CACHE_CONTROL], "no-store");
    let apps: ManagedApps = response.json().await.unwrap();
    let ids: Vec<&str> = apps.apps.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["lineworks", "drive", "ainote"]);
    // Clearly examples: the real identifiers are the backend's to serve.
    for app in &apps.apps {
        assert!(app.name.contains("example"), "{}", app.name);
        assert!(app.ios_bundle_id.as_deref().is_some_and(|id| id.starts_with("com.example.")));
    }
    assert_eq!(apps.apps[2].android_package, None, "AiNote has no Android version in the mock");

    let seeded =
        json!([{"id": "lineworks", "name": "LINE WORKS", "iosBundleId": null, "androidPackage": "jp.example.works"}]);
    mock.reset(Some(json!({"apps": seeded}))).await;
    let apps: ManagedApps = mock.json("/api/v1/security/mobile/mdm-sync/apps").await;
    assert_eq!(apps.apps.len(), 1);
    assert_eq!(apps.apps[0].android_package.as_deref(), Some("jp.example.works"));
    mock.reset(None).await;
    assert_eq!(mock.json::<ManagedApps>("/api/v1/security/mobile/mdm-sync/apps").await.apps.len(), 3);
}

#[tokio::test]
async fn readiness_counts_the_seeded_fleet_by_the_fingerprint_of_each_value() {
    use mdm_console::domain::readiness::{
        decode_base64url, fingerprint_from_digest, fingerprint_input, summarize, Counts, Readiness,
    };
    use sha2::{Digest, Sha256};
    const READINESS: &str = "/api/v1/security/mobile/mdm-sync/readiness";
    let mock = mock().await;
    let response = mock.get(READINESS).await;
    assert_eq!(response.headers()[header::CACHE_CONTROL], "no-store");
    let fleet: Readiness = response.json().await.unwrap();
    assert_eq!(fleet.window_days, 30);
    let salt = decode_base64url(&fleet.salt).expect("a base64url salt");
    assert_eq!(salt.len(), 16);
    let print = |value: &str| fingerprint_from_digest(&Sha256::digest(fingerprint_input(&salt, value)));
    // The default fleet: 1,024 devices, most managed ones already holding the group's shared value.
    let shared = summarize(&fleet.devices, print("NimbusGroup-MDM-2026!").as_deref(), None).all;
    assert_eq!(
        shared,
        Counts { ready: 648, no_value: 118, other_value: 41, previous_key: 0, unmanaged: 134, without_enterprise: 83 }
    );
    assert_eq!(shared.total(), 1024);
    assert_eq!(
        summarize(&fleet.devices, print(KEY).as_deref(), None).all.ready,
        0,
        "a fresh key is carried by no device"
    );

    mock.reset(Some(json!({"devices": [
        {"platform": "ios", "management": "managed", "keyValue": CUSTOM_KEY, "count": 5},
        {"platform": "ios", "management": "managed", "keyValue": CUSTOM_KEY, "count": 2},
        {"platform": "android", "management": "managed", "keyValue": null, "count": 3},
        {"platform": "android", "management": "android_without_enterprise", "keyValue": CUSTOM_KEY, "count": 1},
    ]})))
    .await;
    let seeded: Readiness = mock.json(READINESS).await;
    assert_ne!(seeded.salt, fleet.salt, "a new salt at each reset");
    assert_eq!(seeded.devices.len(), 3, "one row per platform, management and fingerprint");
    let salt = decode_base64url(&seeded.salt).unwrap();
    let custom = fingerprint_from_digest(&Sha256::digest(fingerprint_input(&salt, CUSTOM_KEY)));
    let counts = summarize(&seeded.devices, custom.as_deref(), None).all;
    assert_eq!(
        counts,
        Counts { ready: 7, no_value: 3, other_value: 0, previous_key: 0, unmanaged: 0, without_enterprise: 1 }
    );
    // Nothing of a value reaches the answer: only fingerprints.
    assert!(!serde_json::to_string(&seeded).unwrap().contains("Custom"));

    for (bad, why) in [
        (
            json!([{"platform": "ios", "management": "android_without_enterprise", "keyValue": null, "count": 1}]),
            "android",
        ),
        (json!([{"platform": "ios", "management": "managed", "keyValue": null, "count": 0}]), "count"),
        (json!([{"platform": "windows", "management": "managed", "keyValue": null, "count": 1}]), "windows"),
    ] {
        let response = mock.control("/__mock/reset", Some(json!({"devices": bad}))).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{bad}");
        assert!(response.text().await.unwrap().contains(why), "{bad}");
    }
}

#[tokio::test]
async fn settings_carry_an_etag_and_are_never_cached() {
    let mock = mock().await;
    let response = mock.get(MDM_SYNC).await;
    assert_eq!(response.status(), StatusCode::OK);
    let etag = response.headers()[header::ETAG].to_str().unwrap().to_owned();
    assert!(etag.len() > 2 && etag.starts_with('"') && etag.ends_with('"'), "{etag}");
    assert_eq!(response.headers()[header::CACHE_CONTROL], "no-store");
    let body: Value = response.json().await.unwrap();
    assert_eq!(
        body,
        json!({"enabled": false, "restrictOtherDomains": false, "keyMode": "auto", "keyValue": null,
               "configKey": CONFIG_KEY, "valueType": VALUE_TYPE, "updatedAt": null, "updatedBy": null,
               "logoutDeadline": null, "enforcement": "enforce", "rotation": null})
    );
    assert_eq!(mock.etag().await, etag, "the version only moves on a change");
}

#[tokio::test]
async fn reset_with_a_body_seeds_the_state_and_without_one_restores_the_defaults() {
    let mock = mock().await;
    let etag_before = mock.etag().await;
    mock.reset(Some(json!({
        "plan": "standard", "memberCount": 12, "lineworksMdm": {"enabled": false, "exceptionCount": 0},
        "mdmSync": {"enabled": true, "restrictOtherDomains": true, "keyMode": "custom", "keyValue": CUSTOM_KEY},
        "otherDomainKeys": [KEY]
    })))
    .await;
    assert_eq!(mock.json::<Session>(SESSION).await.domain.plan, mdm_console::domain::api::Plan::Standard);
    let overview: MobileSecurity = mock.json(OVERVIEW).await;
    assert_eq!(overview.member_count, 12);
    assert!(!overview.lineworks_mdm.enabled && overview.mdm_sync.enabled && overview.mdm_sync.restrict_other_domains);
    let settings: MdmSyncSettings = mock.json(MDM_SYNC).await;
    assert_eq!(settings.key_value.as_deref(), Some(CUSTOM_KEY));
    assert_ne!(mock.etag().await, etag_before, "an ETag from before a reset is stale");

    // The seeded other-domain key now conflicts under the restriction.
    let response = mock.put(&update(true, true, "auto", Some(KEY)), &mock.valid_put().await).await;
    error_of(response, StatusCode::CONFLICT, "key_in_use").await;

    mock.reset(None).await;
    let overview: Value = mock.json(OVERVIEW).await;
    assert_eq!(overview["memberCount"], 1024);
    assert_eq!(overview["lineworksMdm"], json!({"enabled": true, "exceptionCount": 3}));
    assert_eq!(mock.json::<MdmSyncSettings>(MDM_SYNC).await.key_value, None);
    assert_eq!(mock.json::<Session>(SESSION).await.domain.plan, mdm_console::domain::api::Plan::Advanced);
}

#[tokio::test]
async fn reset_clears_the_audit_trail_and_refuses_unknown_options() {
    let mock = mock().await;
    mock.save(update(true, false, "auto", Some(KEY))).await;
    assert_eq!(mock.audit().await.events.len(), 1);
    mock.reset(None).await;
    assert!(mock.audit().await.events.is_empty());

    let response = mock.control("/__mock/reset", Some(json!({"plan": "premium"}))).await;
    error_of(response, StatusCode::BAD_REQUEST, "bad_request").await;
    let response = mock.control("/__mock/reset", Some(json!({"memberCuont": 3}))).await;
    error_of(response, StatusCode::BAD_REQUEST, "bad_request").await;
}

#[tokio::test]
async fn unknown_paths_and_methods_get_the_error_body() {
    let mock = mock().await;
    error_of(mock.get("/api/v1/nothing-here").await, StatusCode::NOT_FOUND, "not_found").await;
    error_of(mock.get("/api").await, StatusCode::NOT_FOUND, "not_found").await;
    error_of(mock.get("/__mock/nothing").await, StatusCode::NOT_FOUND, "not_found").await;
    // Without --static, nothing else is served either.
    error_of(mock.get("/").await, StatusCode::NOT_FOUND, "not_found").await;

    let response = mock.http.delete(mock.url(MDM_SYNC)).send().await.unwrap();
    let allow = response.headers()[header::ALLOW].to_str().unwrap().to_owned();
    assert!(allow.contains("GET") && allow.contains("PUT"), "{allow}");
    assert_eq!(content_type(&response), "application/json");
    error_of(response, StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed").await;
    let response = mock.http.post(mock.url(SESSION)).send().await.unwrap();
    error_of(response, StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed").await;
}

#[tokio::test]
async fn the_audit_is_newest_first_and_its_limit_is_clamped() {
    let mock = mock().await;
    mock.save(update(true, false, "auto", Some(KEY))).await;
    mock.save(update(true, true, "auto", Some(KEY))).await;
    mock.save(update(false, true, "auto", Some(KEY))).await;
    let actions = |log: AuditLog| log.events.into_iter().map(|e| e.action).collect::<Vec<_>>();
    assert_eq!(actions(mock.audit().await), vec![AuditAction::Disabled, AuditAction::RestrictOn, AuditAction::Enabled]);
    assert_eq!(
        actions(mock.json(&format!("{AUDIT}?limit=2")).await),
        vec![AuditAction::Disabled, AuditAction::RestrictOn]
    );
    assert_eq!(mock.json::<AuditLog>(&format!("{AUDIT}?limit=0")).await.events.len(), 1);
    assert_eq!(mock.json::<AuditLog>(&format!("{AUDIT}?limit=500")).await.events.len(), 3);
    assert_eq!(mock.json::<AuditLog>(AUDIT).await.events.len(), 3);
}

// ---- PUT: refusals, in the contract's order -------------------------------------------------------------------

#[tokio::test]
async fn a_missing_or_wrong_csrf_token_is_refused_and_changes_nothing() {
    let mock = mock().await;
    let body = update(true, false, "auto", Some(KEY));
    let mut put = mock.valid_put().await;
    put.csrf = None;
    error_of(mock.put(&body, &put).await, StatusCode::FORBIDDEN, "csrf_failed").await;
    put.csrf = Some("0".repeat(32));
    let error = error_of(mock.put(&body, &put).await, StatusCode::FORBIDDEN, "csrf_failed").await;
    assert_eq!(error["message"], en().api_error_csrf_failed());
    assert_eq!(error["field"], Value::Null);
    assert!(!mock.json::<MdmSyncSettings>(MDM_SYNC).await.enabled);
    assert!(mock.audit().await.events.is_empty());
}

#[tokio::test]
async fn the_free_plan_cannot_save() {
    let mock = mock().await;
    mock.reset(Some(json!({"plan": "free"}))).await;
    let response = mock.put(&update(true, false, "auto", Some(KEY)), &mock.valid_put().await).await;
    let error = error_of(response, StatusCode::FORBIDDEN, "plan_not_eligible").await;
    assert_eq!(error["message"], en().api_error_plan_not_eligible());
}

#[tokio::test]
async fn the_version_is_required_and_a_stale_one_gets_the_current_state() {
    let mock = mock().await;
    let mut put = mock.valid_put().await;
    put.if_match = None;
    error_of(
        mock.put(&update(true, false, "auto", Some(KEY)), &put).await,
        StatusCode::PRECONDITION_REQUIRED,
        "precondition_required",
    )
    .await;

    let stale = mock.etag().await;
    let saved = mock.save(update(true, false, "auto", Some(KEY))).await;
    let current_etag = mock.etag().await;
    assert_ne!(stale, current_etag);

    let put = Put { if_match: Some(stale), ..mock.valid_put().await };
    let response = mock.put(&update(false, false, "auto", Some(KEY)), &put).await;
    assert_eq!(response.status(), StatusCode::PRECONDITION_FAILED);
    assert_eq!(response.headers()[header::ETAG].to_str().unwrap(), current_etag);
    assert_eq!(response.headers()[header::CACHE_CONTROL], "no-store");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "precondition_failed");
    assert_eq!(body["error"]["message"], en().api_error_precondition_failed());
    let current: MdmSyncSettings = serde_json::from_value(body["current"].clone()).unwrap();
    assert_eq!(current, saved);
    assert!(mock.json::<MdmSyncSettings>(MDM_SYNC).await.enabled, "the stale save applied nothing");
}

#[tokio::test]
async fn an_idempotency_key_is_required() {
    let mock = mock().await;
    let body = update(true, false, "auto", Some(KEY));
    for key in [None, Some("too-short".to_owned())] {
        let put = Put { idempotency_key: key, ..mock.valid_put().await };
        error_of(mock.put(&body, &put).await, StatusCode::BAD_REQUEST, "idempotency_key_required").await;
    }
    assert!(!mock.json::<MdmSyncSettings>(MDM_SYNC).await.enabled);
}

#[tokio::test]
async fn a_retry_replays_the_first_answer_and_applies_nothing_twice() {
    let mock = mock().await;
    let body = update(true, false, "auto", Some(KEY));
    let put = mock.valid_put().await;
    let first = mock.put(&body, &put).await;
    assert_eq!(first.status(), StatusCode::OK);
    let first_etag = first.headers()[header::ETAG].clone();
    let first_body = first.bytes().await.unwrap();

    let retry = mock.put(&body, &put).await;
    assert_eq!(retry.status(), StatusCode::OK);
    assert_eq!(retry.headers()[header::ETAG], first_etag);
    assert_eq!(retry.headers()[header::CACHE_CONTROL], "no-store");
    assert_eq!(retry.bytes().await.unwrap(), first_body);
    assert_eq!(mock.audit().await.events.len(), 1, "one change, one audit event");
    assert_eq!(mock.etag().await, first_etag.to_str().unwrap(), "the retry did not move the version");

    let response = mock.put(&update(true, true, "auto", Some(KEY)), &put).await;
    let error = error_of(response, StatusCode::UNPROCESSABLE_ENTITY, "idempotency_key_reused").await;
    assert_eq!(error["message"], en().api_error_idempotency_key_reused());
    assert!(!mock.json::<MdmSyncSettings>(MDM_SYNC).await.restrict_other_domains);
}

#[tokio::test]
async fn a_retry_of_a_refusal_gets_the_same_refusal() {
    let mock = mock().await;
    let put = mock.valid_put().await;
    let body = update(true, false, "auto", None);
    error_of(mock.put(&body, &put).await, StatusCode::UNPROCESSABLE_ENTITY, "key_required").await;
    error_of(mock.put(&body, &put).await, StatusCode::UNPROCESSABLE_ENTITY, "key_required").await;
}

#[tokio::test]
async fn a_body_that_is_not_the_update_is_malformed_json() {
    let mock = mock().await;
    for body in
        ["{\"enabled\": tru", "[]", "{\"enabled\": \"yes\", \"restrictOtherDomains\": false, \"keyMode\": \"auto\"}"]
    {
        let error =
            error_of(mock.put_raw(body, &mock.valid_put().await).await, StatusCode::BAD_REQUEST, "malformed_json")
                .await;
        assert_eq!(error["message"], en().api_error_malformed_json());
    }
}

#[tokio::test]
async fn an_invalid_key_is_refused_with_the_consoles_own_message() {
    let mock = mock().await;
    for bad in ["abcdefgh ijklmnop", "aaaaaaaaaaaaaaaa", "short-key", "abcdefghＡijklmnop", " abcdefghijklmnop"] {
        let response = mock.put(&update(true, false, "custom", Some(bad)), &mock.valid_put().await).await;
        let error = error_of(response, StatusCode::UNPROCESSABLE_ENTITY, "invalid_key").await;
        assert_eq!(error["message"], en().key_error(&validate_key(bad).unwrap_err()), "{bad}");
        assert_eq!(error["field"], "keyValue");
    }
    assert!(mock.audit().await.events.is_empty());
}

#[tokio::test]
async fn errors_are_written_in_the_language_the_request_prefers() {
    let mock = mock().await;
    let put = mock.valid_put().await;
    let body = update(true, false, "custom", Some("abcdefghＡijklmnop")).to_string();
    for (accept, tag) in [("ja-JP,ja;q=0.9,en;q=0.8", "ja"), ("ko", "ko"), ("fr, en;q=0.5", "en"), ("", "en")] {
        let response = mock
            .http
            .put(mock.url(MDM_SYNC))
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::ACCEPT_LANGUAGE, accept)
            .header("X-CSRF-Token", put.csrf.as_deref().unwrap())
            .header(header::IF_MATCH, put.if_match.as_deref().unwrap())
            .header("Idempotency-Key", fresh_idempotency_key())
            .body(body.clone())
            .send()
            .await
            .unwrap();
        let error = error_of(response, StatusCode::UNPROCESSABLE_ENTITY, "invalid_key").await;
        let expected = bundled(tag).key_error(&validate_key("abcdefghＡijklmnop").unwrap_err());
        assert_eq!(error["message"], expected, "{accept:?}");
        let missing =
            mock.http.get(mock.url("/api/v1/nothing")).header(header::ACCEPT_LANGUAGE, accept).send().await.unwrap();
        let error = error_of(missing, StatusCode::NOT_FOUND, "not_found").await;
        assert_eq!(error["message"], bundled(tag).api_error_not_found(), "{accept:?}");
    }
}

#[tokio::test]
async fn enabling_without_a_key_is_refused() {
    let mock = mock().await;
    let response = mock.put(&update(true, false, "auto", None), &mock.valid_put().await).await;
    let error = error_of(response, StatusCode::UNPROCESSABLE_ENTITY, "key_required").await;
    assert_eq!(error["field"], "keyValue");
    assert_eq!(error["message"], en().api_error_key_required());
}

#[tokio::test]
async fn another_domains_key_conflicts_only_under_the_restriction() {
    let mock = mock().await;
    let response = mock.put(&update(true, true, "custom", Some(OTHER_KEY)), &mock.valid_put().await).await;
    let error = error_of(response, StatusCode::CONFLICT, "key_in_use").await;
    assert_eq!(error["field"], "keyValue");
    assert_eq!(error["message"], en().api_error_key_in_use());
    assert!(!mock.json::<MdmSyncSettings>(MDM_SYNC).await.enabled);

    // Sharing a key inside the group is allowed without the restriction...
    let saved = mock.save(update(true, false, "custom", Some(OTHER_KEY))).await;
    assert_eq!(saved.key_value.as_deref(), Some(OTHER_KEY));
    // ...and turning the restriction on with that key is what conflicts.
    let response = mock.put(&update(true, true, "custom", Some(OTHER_KEY)), &mock.valid_put().await).await;
    error_of(response, StatusCode::CONFLICT, "key_in_use").await;
}

// ---- PUT: effects ----------------------------------------------------------------------------------------------

#[tokio::test]
async fn turning_on_deletes_lineworks_mdm_exceptions_and_signs_members_out() {
    let mock = mock().await;
    let before = unix_now();
    let saved = mock.save(update(true, false, "auto", Some(KEY))).await;
    let after = unix_now();

    assert!(saved.enabled);
    assert_eq!(saved.key_value.as_deref(), Some(KEY));
    assert_eq!(saved.updated_by.as_ref().map(|p| p.name.as_str()), Some("Mina Park"));
    let updated_at = parse_rfc3339(saved.updated_at.as_deref().unwrap()).unwrap();
    assert!((before..=after).contains(&updated_at));
    let deadline = parse_rfc3339(saved.logout_deadline.as_deref().unwrap()).unwrap();
    assert!((before + LOGOUT_WINDOW_SECS..=after + LOGOUT_WINDOW_SECS).contains(&deadline));

    let overview: MobileSecurity = mock.json(OVERVIEW).await;
    assert!(!overview.lineworks_mdm.enabled);
    assert_eq!(overview.lineworks_mdm.exception_count, 0);
    assert!(overview.mdm_sync.enabled);
    assert_eq!(overview.mdm_sync.logout_deadline, saved.logout_deadline);
    assert_eq!(overview.member_count, 1024);
}

#[tokio::test]
async fn audit_events_carry_a_fingerprint_never_the_key() {
    let mock = mock().await;
    mock.save(update(true, false, "auto", Some(KEY))).await;
    mock.save(update(true, false, "custom", Some(CUSTOM_KEY))).await;
    let text = mock.get(&format!("{AUDIT}?limit=100")).await.text().await.unwrap();
    assert!(!text.contains(KEY) && !text.contains(&KEY[..16]), "{text}");
    assert!(!text.contains("Custom&Key"), "{text}");

    let log: AuditLog = serde_json::from_str(&text).unwrap();
    let [changed, enabled] = &log.events[..] else { panic!("two events expected: {text}") };
    assert_eq!(enabled.action, AuditAction::Enabled);
    assert_eq!(changed.action, AuditAction::KeyChanged);
    assert_eq!(changed.actor.name, "Mina Park");
    assert_ne!(changed.id, enabled.id);
    let (new, old) = (changed.key_fingerprint.clone().unwrap(), enabled.key_fingerprint.clone().unwrap());
    for fingerprint in [&new, &old] {
        assert_eq!(fingerprint.len(), 16);
        assert!(fingerprint.bytes().all(|b| b.is_ascii_hexdigit()), "{fingerprint}");
    }
    assert_ne!(new, old, "different keys, different fingerprints");

    // The same key again gives the same fingerprint, so an admin can tell which key an event was about.
    mock.save(update(true, false, "auto", Some(KEY))).await;
    let latest = mock.audit().await.events.remove(0);
    assert_eq!(latest.action, AuditAction::KeyReissued);
    assert_eq!(latest.key_fingerprint, Some(old));
}

#[tokio::test]
async fn turning_off_deletes_nothing_and_signs_nobody_out() {
    let mock = mock().await;
    mock.reset(Some(json!({
        "lineworksMdm": {"enabled": false, "exceptionCount": 2},
        "mdmSync": {"enabled": true, "restrictOtherDomains": true, "keyMode": "auto", "keyValue": KEY}
    })))
    .await;
    let saved = mock.save(update(false, true, "auto", Some(KEY))).await;
    assert!(!saved.enabled);
    assert_eq!(saved.key_value.as_deref(), Some(KEY), "the key stays for the next time");
    assert_eq!(saved.logout_deadline, None);
    let overview: MobileSecurity = mock.json(OVERVIEW).await;
    assert_eq!(overview.lineworks_mdm.exception_count, 2);
    assert_eq!(overview.mdm_sync.logout_deadline, None);
    let events = mock.audit().await.events;
    assert_eq!(events.iter().map(|e| e.action).collect::<Vec<_>>(), vec![AuditAction::Disabled]);
}

#[tokio::test]
async fn a_new_key_or_restriction_while_on_signs_members_out_but_not_while_off() {
    let mock = mock().await;
    mock.reset(Some(json!({"mdmSync": {"enabled": false, "keyValue": KEY}}))).await;
    let saved = mock.save(update(false, true, "custom", Some(CUSTOM_KEY))).await;
    assert_eq!(saved.logout_deadline, None, "nothing reaches the devices while sync is off");

    for (next, action) in [
        (update(true, false, "custom", Some(CUSTOM_KEY)), AuditAction::KeyChanged),
        (update(true, true, "auto", Some(KEY)), AuditAction::RestrictOn),
    ] {
        mock.reset(Some(json!({"mdmSync": {"enabled": true, "keyValue": KEY}}))).await;
        let saved = mock.save(next).await;
        assert!(saved.logout_deadline.is_some(), "{action:?}");
        assert_eq!(mock.audit().await.events.iter().map(|e| e.action).collect::<Vec<_>>(), vec![action]);
    }
}

// ---- Faults and the request log -------------------------------------------------------------------------------

#[tokio::test]
async fn a_fault_answers_with_its_status_body_and_headers() {
    let mock = mock().await;
    mock.fault(json!({"method": "GET", "path": "/v1/security/mobile", "status": 503, "body": "{\"error\": ",
                      "headers": {"Retry-After": "1"}}))
        .await;
    let response = mock.get(OVERVIEW).await;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(response.headers()[header::RETRY_AFTER], "1");
    assert!(response.headers().contains_key(header::CONTENT_SECURITY_POLICY), "faults keep the security headers");
    assert_eq!(response.text().await.unwrap(), "{\"error\": ");
    assert_eq!(mock.get(OVERVIEW).await.status(), StatusCode::OK, "times defaults to one");
}

#[tokio::test]
async fn a_fault_counts_down_and_matches_method_and_path() {
    let mock = mock().await;
    mock.fault(json!({"method": "GET", "path": "/api/v1/session", "times": 2})).await;
    // Another path and another method are not affected, and do not use up the count.
    assert_eq!(mock.get(OVERVIEW).await.status(), StatusCode::OK);
    let response = mock.http.post(mock.url(SESSION)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    for _ in 0..2 {
        let error = error_of(mock.get(SESSION).await, StatusCode::INTERNAL_SERVER_ERROR, "server_error").await;
        assert_eq!(error["message"], en().api_error_server_error());
    }
    assert_eq!(mock.get(SESSION).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_delay_alone_serves_the_real_answer_late() {
    let mock = mock().await;
    mock.fault(json!({"method": "GET", "path": "/v1/session", "delayMs": 400})).await;
    let started = Instant::now();
    let response = mock.get(SESSION).await;
    assert!(started.elapsed() >= Duration::from_millis(400), "{:?}", started.elapsed());
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.json::<Session>().await.unwrap().admin.name, "Mina Park");
    let started = Instant::now();
    mock.get(SESSION).await;
    assert!(started.elapsed() < Duration::from_millis(400));
}

#[tokio::test]
async fn a_drop_fault_applies_the_request_then_closes_the_connection_without_an_answer() {
    let mock = mock().await;
    let put = mock.valid_put().await;
    mock.fault(json!({"method": "PUT", "path": "/v1/security/mobile/mdm-sync", "drop": true})).await;
    let body = update(true, false, "auto", Some(KEY));
    let mut request = mock.http.put(mock.url(MDM_SYNC)).json(&body);
    request = request
        .header("X-CSRF-Token", put.csrf.clone().unwrap())
        .header(header::IF_MATCH, put.if_match.clone().unwrap())
        .header("Idempotency-Key", put.idempotency_key.clone().unwrap());
    let error = request.send().await.expect_err("no answer at all");
    assert!(!error.is_timeout() && error.status().is_none(), "{error:?}");
    assert!(mock.json::<MdmSyncSettings>(MDM_SYNC).await.enabled, "the request reached the server: it took effect");

    // The fault was used up: the client's retry, with the same idempotency key, gets the first answer replayed,
    // and the change is not applied a second time.
    assert_eq!(mock.put(&body, &put).await.status(), StatusCode::OK);
    assert_eq!(mock.audit().await.events.len(), 1, "one change, one audit event");
}

#[tokio::test]
async fn faults_are_validated() {
    let mock = mock().await;
    for spec in [
        json!({"method": "GET"}),
        json!({"method": "GET", "path": "/x", "times": 0}),
        json!({"method": "GET", "path": "/x", "delay": 5}),
    ] {
        error_of(mock.control("/__mock/faults", Some(spec)).await, StatusCode::BAD_REQUEST, "bad_request").await;
    }
}

#[tokio::test]
async fn the_request_log_holds_what_was_sent_since_the_last_reset() {
    let mock = mock().await;
    mock.get(&format!("{AUDIT}?limit=5")).await;
    let put = mock.valid_put().await;
    mock.put(&update(true, false, "auto", Some(KEY)), &put).await;

    let log: Vec<Value> = mock.json("/__mock/requests").await;
    let audit = &log[0];
    assert_eq!(audit["method"], "GET");
    assert_eq!(audit["path"], AUDIT);
    assert_eq!(audit["query"], "limit=5");
    assert_eq!(audit["body"], Value::Null);
    assert!(audit["headers"]["host"].is_string());
    let last = log.last().unwrap();
    assert_eq!(last["method"], "PUT");
    assert_eq!(last["path"], MDM_SYNC);
    assert_eq!(last["query"], Value::Null);
    assert_eq!(last["headers"]["idempotency-key"], put.idempotency_key.unwrap().as_str());
    assert_eq!(last["headers"]["if-match"], put.if_match.unwrap().as_str());
    let sent: Value = serde_json::from_str(last["body"].as_str().unwrap()).unwrap();
    assert_eq!(sent, update(true, false, "auto", Some(KEY)));
    assert!(log.iter().all(|r| !r["path"].as_str().unwrap().starts_with("/__mock")), "controls are not logged");
    // GET audit, GET session and GET settings for the headers, then the PUT.
    assert_eq!(log.len(), 4);

    mock.reset(None).await;
    assert_eq!(mock.json::<Vec<Value>>("/__mock/requests").await, Vec::<Value>::new());
}

// ---- Static files and security headers -------------------------------------------------------------------------

#[tokio::test]
async fn assets_with_a_brotli_twin_are_sent_compressed_to_browsers_that_take_it() {
    let site = Site::new();
    // Not real brotli: the mock sends the twin as it is, and never decodes it.
    std::fs::write(site.0.join("mdm-console-3fa9_bg.wasm.br"), b"compressed wasm").unwrap();
    std::fs::write(site.0.join("index.html.br"), b"a stale twin").unwrap();
    let mock = mock_with(Config { static_dir: Some(site.0.clone()), ..Config::default() }).await;
    let get = |path: &str, accept: &str| mock.http.get(mock.url(path)).header(header::ACCEPT_ENCODING, accept).send();

    let wasm = get("/mdm-console-3fa9_bg.wasm", "gzip, deflate, br").await.unwrap();
    assert_eq!(wasm.headers()[header::CONTENT_ENCODING], "br");
    assert_eq!(wasm.headers()[header::VARY], "accept-encoding");
    assert_eq!(content_type(&wasm), "application/wasm");
    assert_eq!(wasm.bytes().await.unwrap().as_ref(), b"compressed wasm");

    let plain = get("/mdm-console-3fa9_bg.wasm", "gzip, br;q=0").await.unwrap();
    assert!(plain.headers().get(header::CONTENT_ENCODING).is_none());
    assert_eq!(plain.bytes().await.unwrap().as_ref(), b"\0asm\x01\0\0\0");
    // No twin: sent as it is.
    let js = get("/mdm-console-3fa9.js", "br").await.unwrap();
    assert!(js.headers().get(header::CONTENT_ENCODING).is_none());
    // index.html is filled in as it is served, so a twin of it would be stale: never used.
    let index = get("/", "br").await.unwrap();
    assert!(index.headers().get(header::CONTENT_ENCODING).is_none());
    assert!(index.text().await.unwrap().starts_with("<!DOCTYPE html>"));
}

#[tokio::test]
async fn the_built_console_is_served_with_the_right_types() {
    let site = Site::new();
    let mock = mock_with(Config { static_dir: Some(site.0.clone()), ..Config::default() }).await;

    let wasm = mock.get("/mdm-console-3fa9_bg.wasm").await;
    assert_eq!(wasm.status(), StatusCode::OK);
    assert_eq!(content_type(&wasm), "application/wasm");
    assert_eq!(wasm.bytes().await.unwrap().as_ref(), b"\0asm\x01\0\0\0");
    assert_eq!(content_type(&mock.get("/mdm-console-3fa9.js").await), "text/javascript; charset=utf-8");
    assert_eq!(content_type(&mock.get("/style-1a2b.css").await), "text/css; charset=utf-8");
    assert_eq!(content_type(&mock.get("/assets/icon.svg").await), "image/svg+xml");

    for page in ["/", "/security/mobile", "/security/mobile/mdm-sync"] {
        let response = mock.get(page).await;
        assert_eq!(response.status(), StatusCode::OK, "{page}");
        assert_eq!(content_type(&response), "text/html; charset=utf-8");
        assert_eq!(response.headers()[header::CACHE_CONTROL], "no-cache");
        assert!(response.text().await.unwrap().contains(INLINE_INIT), "{page} falls back to index.html");
    }

    error_of(mock.get("/mdm-console-0000_bg.wasm").await, StatusCode::NOT_FOUND, "not_found").await;
    error_of(mock.get("/assets/missing.png").await, StatusCode::NOT_FOUND, "not_found").await;
    // The API keeps its own 404 and never falls back to the page.
    error_of(mock.get("/api/v1/unknown").await, StatusCode::NOT_FOUND, "not_found").await;
    // Nothing outside the directory is reachable. Sent over a raw socket, because a URL library would remove `..`.
    let outside = site.0.with_extension("secret");
    std::fs::write(&outside, "outside").unwrap();
    let name = outside.file_name().unwrap().to_str().unwrap().to_owned();
    for target in [format!("/../{name}"), format!("/%2e%2e/{name}"), format!("/assets/..%2f..%2f{name}")] {
        let answer = raw_get(&mock, &target).await;
        assert!(answer.starts_with("HTTP/1.1 404"), "{target}: {answer}");
        assert!(!answer.contains("outside"), "{target}: {answer}");
    }
    let _ = std::fs::remove_file(outside);
}

#[tokio::test]
async fn the_public_files_are_served_as_committed_with_their_types_and_revalidated() {
    let (root, subpath) = (Site::new(), Site::subpath());
    // The repository's public/, copied into both builds as Trunk copies it.
    let public = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../public");
    let files = [
        ("favicon.ico", "image/x-icon"),
        ("icon.svg", "image/svg+xml"),
        ("apple-touch-icon.png", "image/png"),
        ("icon-192.png", "image/png"),
        ("icon-512.png", "image/png"),
        ("manifest.webmanifest", "application/manifest+json"),
        ("robots.txt", "text/plain; charset=utf-8"),
    ];
    for (name, _) in files {
        for site in [&root, &subpath] {
            std::fs::copy(public.join(name), site.0.join(name)).unwrap();
        }
    }
    let mock = mock_with_subpath(&root, &subpath, None).await;

    for prefix in ["", SUBPATH] {
        for (name, kind) in files {
            let path = format!("{prefix}/{name}");
            let response = mock.get(&path).await;
            assert_eq!(response.status(), StatusCode::OK, "{path}");
            assert_eq!(content_type(&response), kind, "{path}");
            // Not content-hashed: a new build may change them under the same name.
            assert_eq!(response.headers()[header::CACHE_CONTROL], "no-cache", "{path}");
            assert_eq!(response.bytes().await.unwrap(), std::fs::read(public.join(name)).unwrap(), "{path}");
        }
    }
    // The pages say noindex in their headers too, as robots.txt cannot under a sub-path; the API is no page.
    for page in ["/", "/security/mobile/mdm-sync", "/admin/mdm/", "/admin/mdm/security/mobile"] {
        let response = mock.get(page).await;
        assert_eq!(content_type(&response), "text/html; charset=utf-8", "{page}");
        assert_eq!(response.headers()["x-robots-tag"], "noindex, nofollow", "{page}");
    }
    assert!(mock.get(SESSION).await.headers().get("x-robots-tag").is_none());
}

/// The whole answer to a GET of `target`, sent byte for byte as given.
async fn raw_get(mock: &Mock, target: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(mock.running.addr).await.unwrap();
    let request = format!("GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.unwrap();
    answer
}

#[tokio::test]
async fn the_policy_allows_the_inline_init_script_by_hash_only() {
    let site = Site::new();
    let mock = mock_with(Config {
        static_dir: Some(site.0.clone()),
        frame_ancestors: Some("https://portal.example".into()),
        ..Config::default()
    })
    .await;
    let expected = format!("'sha256-{}'", sha256_base64(INLINE_INIT.as_bytes()));

    for path in [SESSION, "/", "/missing.js", "/__mock/requests"] {
        let response = mock.get(path).await;
        let headers = response.headers();
        let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(csp.contains(&format!("script-src 'self' 'wasm-unsafe-eval' {expected};")), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline") && !csp.contains("'unsafe-eval'"), "{csp}");
        for directive in [
            "default-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            // public/'s web app manifest.
            "manifest-src 'self'",
            "connect-src 'self'",
            // The console's own `<base href>` (Trunk's `--public-url`) sets its sub-path.
            "base-uri 'self'",
            "object-src 'none'",
            "form-action 'none'",
            "frame-ancestors https://portal.example",
        ] {
            assert!(csp.contains(directive), "{path}: {directive} missing from {csp}");
        }
        assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert_eq!(headers[header::REFERRER_POLICY], "no-referrer");
        assert_eq!(headers["cross-origin-opener-policy"], "same-origin");
    }

    // A rebuild changes the init script; the next read of index.html updates the policy.
    let rebuilt = "import init from '/mdm-console-77aa.js'; await init();";
    std::fs::write(site.0.join("index.html"), format!("<script type=\"module\">{rebuilt}</script>")).unwrap();
    mock.get("/").await;
    let csp = mock.get(SESSION).await.headers()[header::CONTENT_SECURITY_POLICY].to_str().unwrap().to_owned();
    assert!(csp.contains(&sha256_base64(rebuilt.as_bytes())) && !csp.contains(&expected), "{csp}");
}

/// The console at `/` and its subpath build under `/admin/mdm`.
async fn mock_with_subpath(root: &Site, subpath: &Site, frame_ancestors: Option<&str>) -> Mock {
    mock_with(Config {
        static_dir: Some(root.0.clone()),
        mounts: vec![Mount::new(SUBPATH, subpath.0.clone()).unwrap()],
        frame_ancestors: frame_ancestors.map(str::to_owned),
        ..Config::default()
    })
    .await
}

fn script_src(response: &reqwest::Response) -> String {
    let csp = response.headers()[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    csp.split("; ").find(|d| d.starts_with("script-src ")).unwrap().to_owned()
}

#[tokio::test]
async fn a_mounted_build_is_served_under_its_prefix_and_the_root_build_elsewhere() {
    let (root, subpath) = (Site::new(), Site::subpath());
    let mock = mock_with_subpath(&root, &subpath, None).await;

    for page in ["/admin/mdm/", "/admin/mdm/security/mobile/mdm-sync"] {
        let response = mock.get(page).await;
        assert_eq!(response.status(), StatusCode::OK, "{page}");
        assert_eq!(content_type(&response), "text/html; charset=utf-8");
        assert_eq!(response.headers()[header::CACHE_CONTROL], "no-cache");
        assert!(response.text().await.unwrap().contains(SUBPATH_INIT), "{page} is the subpath build's index.html");
    }
    let js = mock.get("/admin/mdm/mdm-console-5c1d.js").await;
    assert_eq!(js.status(), StatusCode::OK);
    assert_eq!(content_type(&js), "text/javascript; charset=utf-8");
    assert_eq!(js.text().await.unwrap(), SUBPATH_JS);
    // A missing asset is missing, even when the root build has a file of that name.
    for missing in ["/admin/mdm/mdm-console-0000.js", "/admin/mdm/mdm-console-3fa9.js", "/admin/mdm/assets/icon.svg"] {
        error_of(mock.get(missing).await, StatusCode::NOT_FOUND, "not_found").await;
    }

    // Without the trailing slash, a redirect to the build's first page, query kept. Over a raw socket, because
    // reqwest would follow it.
    let answer = raw_get(&mock, "/admin/mdm?lang=ja").await;
    assert!(answer.starts_with("HTTP/1.1 308"), "{answer}");
    assert!(answer.to_ascii_lowercase().contains("\r\nlocation: /admin/mdm/?lang=ja\r\n"), "{answer}");
    assert!(raw_get(&mock, "/admin/mdm").await.to_ascii_lowercase().contains("\r\nlocation: /admin/mdm/\r\n"));
    // Nothing outside the mounted directory is reachable through the prefix.
    for target in ["/admin/mdm/../mdm-console-3fa9.js", "/admin/mdm/%2e%2e/mdm-console-3fa9.js"] {
        let answer = raw_get(&mock, target).await;
        assert!(answer.starts_with("HTTP/1.1 404"), "{target}: {answer}");
    }

    // Everything else is the root build's, including paths that only look like the prefix.
    for page in ["/", "/security/mobile", "/admin", "/admin/mdmx", "/admin/other/page"] {
        let response = mock.get(page).await;
        assert_eq!(response.status(), StatusCode::OK, "{page}");
        let text = response.text().await.unwrap();
        assert!(text.contains(INLINE_INIT) && !text.contains(SUBPATH_INIT), "{page} is the root build's index.html");
    }
    assert_eq!(mock.get("/mdm-console-3fa9.js").await.status(), StatusCode::OK);
    error_of(mock.get("/api/v1/unknown").await, StatusCode::NOT_FOUND, "not_found").await;
}

#[tokio::test]
async fn the_policy_allows_both_builds_inline_scripts_whichever_was_read_last() {
    let (root, subpath) = (Site::new(), Site::subpath());
    let mock = mock_with_subpath(&root, &subpath, None).await;
    let root_hash = format!("'sha256-{}'", sha256_base64(INLINE_INIT.as_bytes()));
    let subpath_hash = format!("'sha256-{}'", sha256_base64(SUBPATH_INIT.as_bytes()));

    // Both are known from the start, and stay known whichever page was served last.
    for path in [SESSION, "/admin/mdm/", "/", "/admin/mdm/security/mobile", SESSION] {
        let script_src = script_src(&mock.get(path).await);
        assert!(script_src.contains(&root_hash) && script_src.contains(&subpath_hash), "{path}: {script_src}");
    }

    // A rebuild of the mounted build replaces its own hash and leaves the root build's alone.
    let rebuilt = "import init from '/admin/mdm/mdm-console-9e0f.js'; await init();";
    std::fs::write(subpath.0.join("index.html"), format!("<script type=\"module\">{rebuilt}</script>")).unwrap();
    mock.get("/admin/mdm/").await;
    let script_src = script_src(&mock.get(SESSION).await);
    assert!(script_src.contains(&sha256_base64(rebuilt.as_bytes())), "{script_src}");
    assert!(script_src.contains(&root_hash) && !script_src.contains(&subpath_hash), "{script_src}");
}

#[tokio::test]
async fn every_index_html_lists_the_frame_ancestors_for_the_consoles_messages() {
    let (root, subpath) = (Site::new(), Site::subpath());
    let with_meta =
        format!("<!DOCTYPE html><html><head>{BUILT_EMBED_META}<script>{INLINE_INIT}</script></head></html>");
    std::fs::write(root.0.join("index.html"), &with_meta).unwrap();
    let on_disk = std::fs::read_to_string(subpath.0.join("index.html")).unwrap();
    let mock = mock_with_subpath(&root, &subpath, Some("  https://portal.example   http://localhost:4174 ")).await;
    let expected = r#"<meta name="mdm-embed-origins" content="https://portal.example http://localhost:4174">"#;

    for page in ["/", "/security/mobile", "/admin/mdm/", "/admin/mdm/security/mobile"] {
        let response = mock.get(page).await;
        let csp = response.headers()[header::CONTENT_SECURITY_POLICY].to_str().unwrap().to_owned();
        assert!(csp.ends_with("frame-ancestors https://portal.example http://localhost:4174"), "{page}: {csp}");
        let html = response.text().await.unwrap();
        assert!(html.contains(expected) && !html.contains("build-time.example"), "{page}: {html}");
        // Only the meta changed: the inline script, and so its hash, is the build's.
        let init = if page.starts_with(SUBPATH) { SUBPATH_INIT } else { INLINE_INIT };
        assert!(html.contains(&format!(">{init}</script>")), "{page}: {html}");
        assert!(csp.contains(&sha256_base64(init.as_bytes())), "{page}: {csp}");
    }
    // The files themselves are left as built.
    assert_eq!(std::fs::read_to_string(root.0.join("index.html")).unwrap(), with_meta);
    assert_eq!(std::fs::read_to_string(subpath.0.join("index.html")).unwrap(), on_disk);

    // Without --frame-ancestors, no parent origin is listed.
    let mock = mock_with_subpath(&root, &subpath, None).await;
    for page in ["/", "/admin/mdm/"] {
        let html = mock.get(page).await.text().await.unwrap();
        assert!(html.contains(r#"<meta name="mdm-embed-origins" content="">"#), "{page}: {html}");
    }
}

#[tokio::test]
async fn a_configuration_that_could_inject_html_or_shadow_a_mount_does_not_start() {
    let (root, subpath) = (Site::new(), Site::subpath());
    for origins in [r#"https://a.example"><script>alert(1)</script>"#, "https://a.example<b>"] {
        let config = Config { frame_ancestors: Some(origins.to_owned()), ..Config::default() };
        let error = start(config, "127.0.0.1:0".parse().unwrap()).await.err().expect("refused");
        assert!(error.to_string().contains("--frame-ancestors"), "{error}");
    }
    let twice = Config {
        static_dir: Some(root.0.clone()),
        mounts: vec![
            Mount::new(SUBPATH, subpath.0.clone()).unwrap(),
            Mount::new("/admin/mdm/", root.0.clone()).unwrap(),
        ],
        frame_ancestors: None,
        ..Config::default()
    };
    let error = start(twice, "127.0.0.1:0".parse().unwrap()).await.err().expect("refused");
    assert!(error.to_string().contains("mounted twice"), "{error}");
}

#[tokio::test]
async fn without_configuration_nothing_may_frame_the_console() {
    let mock = mock().await;
    let response = mock.get(SESSION).await;
    let csp = response.headers()[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(csp.ends_with("frame-ancestors 'none'"), "{csp}");
    assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval';"), "no index.html, no hashes: {csp}");
}

/// The CSP hash source of a script, computed here rather than with the mock's own helpers.
fn sha256_base64(data: &[u8]) -> String {
    use sha2::Digest;
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let digest = sha2::Sha256::digest(data);
    let mut out = String::new();
    for chunk in digest.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        out.push(ALPHABET[(n >> 18) as usize & 63] as char);
        out.push(ALPHABET[(n >> 12) as usize & 63] as char);
        out.push(if chunk.len() > 1 { ALPHABET[(n >> 6) as usize & 63] as char } else { '=' });
        out.push(if chunk.len() > 2 { ALPHABET[n as usize & 63] as char } else { '=' });
    }
    out
}

fn en() -> &'static Strings {
    bundled("en")
}
