//! The mock's GET answers over real HTTP: session, overview, apps, readiness, settings, audit, unknown paths.

mod common;

use common::site::content_type;
use common::*;
use mdm_console::domain::api::{
    AuditAction, AuditLog, ManagedApps, MdmSyncSettings, MobileSecurity, Session, CONFIG_KEY, VALUE_TYPE,
};
use reqwest::{header, StatusCode};
use serde_json::{json, Value};

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
    let response = mock.send_put(&update(true, true, "auto", Some(KEY)), &mock.valid_put().await).await;
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
