//! PUT refusals, in the contract's order: CSRF, plan, body, If-Match, Idempotency-Key, key rules.

mod common;

use common::*;
use mdm_console::domain::api::MdmSyncSettings;
use mdm_console::domain::key::validate_key;
use mdm_console::i18n::bundled;
use reqwest::{header, StatusCode};
use serde_json::{json, Value};

#[tokio::test]
async fn a_missing_or_wrong_csrf_token_is_refused_and_changes_nothing() {
    let mock = mock().await;
    let body = update(true, false, "auto", Some(KEY));
    let mut put = mock.valid_put().await;
    put.csrf = None;
    error_of(mock.send_put(&body, &put).await, StatusCode::FORBIDDEN, "csrf_failed").await;
    put.csrf = Some("0".repeat(32));
    let error = error_of(mock.send_put(&body, &put).await, StatusCode::FORBIDDEN, "csrf_failed").await;
    assert_eq!(error["message"], en().api_error_csrf_failed());
    assert_eq!(error["field"], Value::Null);
    assert!(!mock.json::<MdmSyncSettings>(MDM_SYNC).await.enabled);
    assert!(mock.audit().await.events.is_empty());
}

#[tokio::test]
async fn the_free_plan_cannot_save() {
    let mock = mock().await;
    mock.reset(Some(json!({"plan": "free"}))).await;
    let response = mock.send_put(&update(true, false, "auto", Some(KEY)), &mock.valid_put().await).await;
    let error = error_of(response, StatusCode::FORBIDDEN, "plan_not_eligible").await;
    assert_eq!(error["message"], en().api_error_plan_not_eligible());
}

#[tokio::test]
async fn the_version_is_required_and_a_stale_one_gets_the_current_state() {
    let mock = mock().await;
    let mut put = mock.valid_put().await;
    put.if_match = None;
    error_of(
        mock.send_put(&update(true, false, "auto", Some(KEY)), &put).await,
        StatusCode::PRECONDITION_REQUIRED,
        "precondition_required",
    )
    .await;

    let stale = mock.etag().await;
    let saved = mock.save(update(true, false, "auto", Some(KEY))).await;
    let current_etag = mock.etag().await;
    assert_ne!(stale, current_etag);

    let put = Put { if_match: Some(stale), ..mock.valid_put().await };
    let response = mock.send_put(&update(false, false, "auto", Some(KEY)), &put).await;
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
        error_of(mock.send_put(&body, &put).await, StatusCode::BAD_REQUEST, "idempotency_key_required").await;
    }
    assert!(!mock.json::<MdmSyncSettings>(MDM_SYNC).await.enabled);
}

#[tokio::test]
async fn a_retry_replays_the_first_answer_and_applies_nothing_twice() {
    let mock = mock().await;
    let body = update(true, false, "auto", Some(KEY));
    let put = mock.valid_put().await;
    let first = mock.send_put(&body, &put).await;
    assert_eq!(first.status(), StatusCode::OK);
    let first_etag = first.headers()[header::ETAG].clone();
    let first_body = first.bytes().await.unwrap();

    let retry = mock.send_put(&body, &put).await;
    assert_eq!(retry.status(), StatusCode::OK);
    assert_eq!(retry.headers()[header::ETAG], first_etag);
    assert_eq!(retry.headers()[header::CACHE_CONTROL], "no-store");
    assert_eq!(retry.bytes().await.unwrap(), first_body);
    assert_eq!(mock.audit().await.events.len(), 1, "one change, one audit event");
    assert_eq!(mock.etag().await, first_etag.to_str().unwrap(), "the retry did not move the version");

    let response = mock.send_put(&update(true, true, "auto", Some(KEY)), &put).await;
    let error = error_of(response, StatusCode::UNPROCESSABLE_ENTITY, "idempotency_key_reused").await;
    assert_eq!(error["message"], en().api_error_idempotency_key_reused());
    assert!(!mock.json::<MdmSyncSettings>(MDM_SYNC).await.restrict_other_domains);
}

#[tokio::test]
async fn a_retry_of_a_refusal_gets_the_same_refusal() {
    let mock = mock().await;
    let put = mock.valid_put().await;
    let body = update(true, false, "auto", None);
    error_of(mock.send_put(&body, &put).await, StatusCode::UNPROCESSABLE_ENTITY, "key_required").await;
    error_of(mock.send_put(&body, &put).await, StatusCode::UNPROCESSABLE_ENTITY, "key_required").await;
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
        let response = mock.send_put(&update(true, false, "custom", Some(bad)), &mock.valid_put().await).await;
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
    let response = mock.send_put(&update(true, false, "auto", None), &mock.valid_put().await).await;
    let error = error_of(response, StatusCode::UNPROCESSABLE_ENTITY, "key_required").await;
    assert_eq!(error["field"], "keyValue");
    assert_eq!(error["message"], en().api_error_key_required());
}

#[tokio::test]
async fn another_domains_key_conflicts_only_under_the_restriction() {
    let mock = mock().await;
    let response = mock.send_put(&update(true, true, "custom", Some(OTHER_DOMAINS_KEY)), &mock.valid_put().await).await;
    let error = error_of(response, StatusCode::CONFLICT, "key_in_use").await;
    assert_eq!(error["field"], "keyValue");
    assert_eq!(error["message"], en().api_error_key_in_use());
    assert!(!mock.json::<MdmSyncSettings>(MDM_SYNC).await.enabled);

    // Sharing a key inside the group is allowed without the restriction...
    let saved = mock.save(update(true, false, "custom", Some(OTHER_DOMAINS_KEY))).await;
    assert_eq!(saved.key_value.as_deref(), Some(OTHER_DOMAINS_KEY));
    // ...and turning the restriction on with that key is what conflicts.
    let response = mock.send_put(&update(true, true, "custom", Some(OTHER_DOMAINS_KEY)), &mock.valid_put().await).await;
    error_of(response, StatusCode::CONFLICT, "key_in_use").await;
}
