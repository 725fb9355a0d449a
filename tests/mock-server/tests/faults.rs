//! The mock's test controls: armed faults, and the log of the requests it answered.

mod common;

use common::*;
use mdm_console::domain::api::{MdmSyncSettings, Session};
use reqwest::{header, StatusCode};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

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
    assert_eq!(response.headers()[header::CACHE_CONTROL], "no-store", "as every answer under /api");
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
    assert_eq!(mock.send_put(&body, &put).await.status(), StatusCode::OK);
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
    mock.send_put(&update(true, false, "auto", Some(KEY)), &put).await;

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

#[tokio::test]
async fn record_writes_each_answer_with_its_key_values_redacted() {
    let file = std::env::temp_dir().join(format!("mock-record-{}.jsonl", std::process::id()));
    let mock = mock_with(mock_server::Config { record: Some(file.clone()), ..Default::default() }).await;
    mock.fault(json!({"method": "GET", "path": "/v1/security/mobile", "status": 503})).await;
    assert_eq!(mock.get(OVERVIEW).await.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(mock.put(&update(true, false, "custom", Some(CUSTOM_KEY))).await.status(), StatusCode::OK);
    assert_eq!(mock.settings().await.key_value.as_deref(), Some(CUSTOM_KEY));
    assert!(mock.text("/__mock/requests").await.contains("Custom&Key"), "the tests' own log keeps the bodies");

    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::remove_file(&file).unwrap();
    assert!(!text.contains("Custom&Key"), "{text}");
    let lines: Vec<Value> = text.lines().map(|line| serde_json::from_str(line).unwrap()).collect();
    let seen: Vec<_> = lines.iter().map(|l| format!("{} {} {}", l["method"], l["path"], l["status"])).collect();
    assert!(seen.contains(&format!("\"PUT\" \"{MDM_SYNC}\" 200")), "{seen:?}");
    let fault = lines.iter().find(|l| l["fault"] == "status").expect("the fault's answer");
    assert_eq!((fault["path"].as_str(), fault["status"].as_u64()), (Some(OVERVIEW), Some(503)));
    assert_eq!(fault["body"]["error"]["code"], "unavailable");
    let put = lines.iter().find(|l| l["method"] == "PUT").unwrap();
    assert_eq!(put["requestBody"]["keyValue"], "[redacted]");
    assert_eq!(put["body"]["keyValue"], "[redacted]");
    assert!(put["headers"]["etag"].is_string() && put["headers"]["cache-control"] == "no-store");
}

#[tokio::test]
async fn every_answer_under_the_base_is_not_stored_unknown_paths_and_wrong_methods_included() {
    let mock = mock().await;
    let unknown = mock.get("/api/v1/nope").await;
    assert_eq!(
        (unknown.status(), unknown.headers()[header::CACHE_CONTROL].to_str().unwrap()),
        (StatusCode::NOT_FOUND, "no-store")
    );
    let wrong = mock.http.delete(mock.url(SESSION)).send().await.unwrap();
    assert_eq!(
        (wrong.status(), wrong.headers()[header::CACHE_CONTROL].to_str().unwrap()),
        (StatusCode::METHOD_NOT_ALLOWED, "no-store")
    );
    let control = mock.get("/__mock/requests").await;
    assert!(!control.headers().contains_key(header::CACHE_CONTROL), "the controls are not the API");
}
