//! Sign-in checks over real HTTP (`rollout.md` §3): the report's shape, parameters and headers; events judged by the
//! gate under the settings of their moment (monitor, enforce, a rotation's end, the restriction); paging and
//! filters; determinism; added checks; and no key value or fingerprint anywhere.

mod common;

use std::collections::HashSet;

use common::*;
use mdm_console::domain::gate::{Outcome, Reason};
use mdm_console::domain::sign_ins::{SignInEvent, SignIns};
use reqwest::{header, StatusCode};
use serde_json::{json, Value};

/// Every page of `query`, in order.
async fn all_pages(mock: &Mock, query: &str) -> Vec<SignIns> {
    let mut pages = vec![mock.sign_ins(query).await];
    while let Some(cursor) = pages.last().unwrap().next_cursor.clone() {
        pages.push(mock.sign_ins(&format!("{query}&cursor={cursor}")).await);
        assert!(pages.len() < 10_000, "the pages end");
    }
    pages
}

fn events(pages: &[SignIns]) -> Vec<SignInEvent> {
    pages.iter().flat_map(|p| p.events.clone()).collect()
}

fn assert_newest_first_without_repeats(events: &[SignInEvent]) {
    let ids: HashSet<_> = events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids.len(), events.len(), "no event twice");
    for pair in events.windows(2) {
        assert!(unix(&pair[0].at) >= unix(&pair[1].at), "newest first: {} then {}", pair[0].at, pair[1].at);
    }
}

#[tokio::test]
async fn the_report_is_never_cached_and_names_a_bad_parameter() {
    let mock = mock().await;
    let response = mock.get(&format!("{SIGN_INS}?days=7")).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[header::CACHE_CONTROL], "no-store");
    let page: Value = response.json().await.unwrap();
    for field in ["summary", "events", "nextCursor"] {
        assert!(page.get(field).is_some(), "{field}: {page}");
    }
    for (query, parameter) in [
        ("days=2", "days"),
        ("limit=201", "limit"),
        ("limit=0", "limit"),
        ("outcome=maybe", "outcome"),
        ("reason=typo", "reason"),
        ("cursor=%%%", "cursor"),
        ("cursor=bm9wZQ", "cursor"),
    ] {
        let response = mock.get(&format!("{SIGN_INS}?{query}")).await;
        assert_eq!(response.headers()[header::CACHE_CONTROL], "no-store", "{query}");
        let error = error_of(response, StatusCode::BAD_REQUEST, "bad_request").await;
        assert_eq!(error["field"], parameter, "{query}");
    }
    let response = mock.http.post(mock.url(SIGN_INS)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    // A fleet larger than the mock takes is refused up front.
    let huge = json!({"devices": [{"platform": "ios", "management": "managed", "keyValue": null, "count": 5_000_001}]});
    assert_eq!(mock.control("/__mock/reset", Some(huge)).await.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_same_seed_and_clock_give_the_same_events() {
    let seed = json!({"mdmSync": {"enabled": true, "keyMode": "custom", "keyValue": GROUP_SHARED_VALUE}});
    let (a, b) = (mock_at_fixed(seed.clone()).await, mock_at_fixed(seed).await);
    for mock in [&a, &b] {
        mock.save(with(body(true, false, None), "enforcement", json!("monitor"))).await;
        mock.advance(2 * DAY).await;
    }
    for query in ["days=7&limit=200", "days=30&outcome=accepted&limit=50", "days=1&reason=no_value"] {
        let (one, other) = (a.text(&format!("{SIGN_INS}?{query}")).await, b.text(&format!("{SIGN_INS}?{query}")).await);
        assert_eq!(one, other, "{query}");
        let page: SignIns = serde_json::from_str(&one).unwrap();
        assert!(!page.events.is_empty(), "{query}");
    }
}

#[tokio::test]
async fn monitor_mode_would_refuse_and_enforce_refuses() {
    let mock = mock_at_fixed(json!({})).await;
    mock.save(with(body(true, false, Some(GROUP_SHARED_VALUE)), "enforcement", json!("monitor"))).await;
    mock.advance(DAY).await;
    let monitored = mock.sign_ins("days=1&limit=200").await;
    assert!(monitored.summary.would_refuse > 0 && monitored.summary.refused == 0, "{:?}", monitored.summary);
    assert!(monitored.events.iter().all(|e| e.outcome == Outcome::WouldRefuse && e.reason.is_some()));
    // The fleet's reasons show, each with its devices.
    for reason in [Reason::NoValue, Reason::OtherValue, Reason::Unmanaged, Reason::AndroidWithoutEnterprise] {
        assert!(monitored.summary.by_reason.get(&reason).is_some_and(|&n| n > 0), "{reason:?}");
    }
    assert!(monitored.summary.by_platform.ios > 0 && monitored.summary.by_platform.android > 0);
    let accepted = mock.sign_ins("days=1&outcome=accepted").await;
    assert!(accepted.summary.accepted > 0 && accepted.events.iter().all(|e| e.reason.is_none()));

    mock.save(with(body(true, false, None), "enforcement", json!("enforce"))).await;
    mock.advance(DAY).await;
    let enforced = mock.sign_ins("days=1&limit=200").await;
    assert!(enforced.summary.refused > 0 && enforced.summary.would_refuse == 0, "{:?}", enforced.summary);
    assert!(enforced.events.iter().all(|e| e.outcome == Outcome::Refused));
    // Two days: both, each in its own time.
    let both = mock.sign_ins("days=7&limit=200").await;
    assert!(both.summary.refused > 0 && both.summary.would_refuse > 0);
    assert_eq!(both.summary.refused, enforced.summary.refused);
}

#[tokio::test]
async fn before_sync_is_on_every_check_passes() {
    let mock = mock_at_fixed(json!({})).await;
    let page = mock.sign_ins("days=30").await;
    assert_eq!((page.summary.refused, page.summary.would_refuse), (0, 0));
    assert!(page.events.is_empty() && page.next_cursor.is_none());
    let accepted = mock.sign_ins("days=30&outcome=accepted").await;
    // 1,024 devices checking in every 2 to 12 hours for 30 days.
    assert!(accepted.summary.accepted > 1024 * 30 * 2, "{:?}", accepted.summary);
}

#[tokio::test]
async fn after_a_rotation_ends_by_the_clock_its_devices_are_refused_as_previous_key() {
    let mock =
        mock_at_fixed(json!({"mdmSync": {"enabled": true, "keyMode": "custom", "keyValue": GROUP_SHARED_VALUE}})).await;
    let now = mock.now().await;
    let until = now + 6 * 3600;
    mock.save(with(body(true, false, Some(KEY)), "previousKeyValidUntil", json!(at(until)))).await;
    mock.advance(3 * 3600).await;
    // During the overlap, the previous key's devices pass.
    let during = mock.sign_ins("days=1&reason=previous_key").await;
    assert_eq!(during.summary.refused, 0);
    mock.advance(3 * 3600 + 60).await;
    let settings = mock.settings().await;
    assert_eq!((settings.rotation, settings.logout_deadline), (None, Some(at(until + 600))));
    mock.advance(DAY).await;
    let after = mock.sign_ins("days=1&reason=previous_key&limit=200").await;
    assert!(after.summary.refused > 0, "{:?}", after.summary);
    assert!(after.events.iter().all(|e| e.reason == Some(Reason::PreviousKey) && unix(&e.at) >= until));
    // Nobody holds KEY yet, but other domains' accounts still pass: the restriction is off.
    let accepted = mock.sign_ins("days=1&outcome=accepted&limit=200").await;
    assert!(accepted.summary.accepted > 0 && accepted.events.iter().all(|e| e.member.id.starts_with("ext_")));
}

#[tokio::test]
async fn the_restriction_refuses_other_domains_accounts() {
    let mock =
        mock_at_fixed(json!({"mdmSync": {"enabled": true, "keyMode": "custom", "keyValue": GROUP_SHARED_VALUE}})).await;
    mock.advance(DAY).await;
    assert_eq!(mock.sign_ins("days=1&reason=other_domain_account").await.summary.refused, 0);
    mock.save(body(true, true, None)).await;
    mock.advance(DAY).await;
    let page = mock.sign_ins("days=1&reason=other_domain_account&limit=200").await;
    assert!(page.summary.refused > 0);
    assert!(page.events.iter().all(|e| !e.member.email.ends_with("@nimbus-logistics.example.com")));
    assert!(page.events.iter().all(|e| e.member.id.starts_with("ext_")));
}

#[tokio::test]
async fn pages_have_no_gaps_no_repeats_and_match_the_summary() {
    let mock =
        mock_at_fixed(json!({"mdmSync": {"enabled": true, "keyMode": "custom", "keyValue": GROUP_SHARED_VALUE}})).await;
    mock.save(with(body(true, false, None), "enforcement", json!("monitor"))).await;
    mock.advance(2 * DAY).await;
    mock.save(with(body(true, false, None), "enforcement", json!("enforce"))).await;
    mock.advance(DAY).await;
    for (query, check) in [
        ("days=7&limit=200", None),
        ("days=7&limit=37&reason=other_value", Some(Reason::OtherValue)),
        ("days=1&limit=200&outcome=refused", None),
        ("days=7&limit=200&outcome=would_refuse&reason=no_value", Some(Reason::NoValue)),
    ] {
        let pages = all_pages(&mock, query).await;
        let summary = pages[0].summary.clone();
        assert!(pages.iter().all(|p| p.summary == summary), "the summary is the period's, on every page");
        let listed = events(&pages);
        assert_newest_first_without_repeats(&listed);
        let total = (summary.accepted + summary.refused + summary.would_refuse) as usize;
        assert_eq!(listed.len(), total, "{query}");
        assert!(total > 0, "{query}");
        if let Some(reason) = check {
            assert!(listed.iter().all(|e| e.reason == Some(reason)), "{query}");
        }
        let limit: usize = query.split("limit=").nth(1).unwrap().split('&').next().unwrap().parse().unwrap();
        assert!(pages.iter().all(|p| p.events.len() <= limit));
        assert!(pages[..pages.len() - 1].iter().all(|p| p.events.len() == limit), "only the last page is short");
    }
    // Events are the gate's, with members and devices the fleet's.
    let page = mock.sign_ins("days=1&limit=5").await;
    for event in &page.events {
        assert!(event.id.starts_with("chk_") && !event.member.name.is_empty() && event.member.email.contains('@'));
        assert!(!event.device.model.is_empty() && !event.device.os_version.is_empty());
    }
}

#[tokio::test]
async fn a_newer_check_does_not_move_an_open_cursor() {
    let mock = mock_at_fixed(json!({"mdmSync": {"enabled": true, "keyValue": KEY}})).await;
    mock.advance(DAY).await;
    let first = mock.sign_ins("days=1&limit=50").await;
    let cursor = first.next_cursor.clone().unwrap();
    let second = mock.sign_ins(&format!("days=1&limit=50&cursor={cursor}")).await;
    mock.advance(3600).await;
    let again = mock.sign_ins(&format!("days=1&limit=50&cursor={cursor}")).await;
    assert_eq!(second.events, again.events);
}

#[tokio::test]
async fn added_checks_are_judged_by_the_settings_of_their_moment() {
    let mock = mock_at_fixed(json!({})).await;
    let start = mock.now().await;
    mock.advance(3600).await;
    mock.save(body(true, true, Some(KEY))).await;
    let now = mock.advance(60).await;
    let checks = json!([
        {"memberId": "mem_00007", "platform": "ios", "management": "managed", "keyValue": KEY},
        {"platform": "android", "management": "managed", "keyValue": NEXT_KEY},
        {"platform": "android", "management": "managed", "keyValue": null, "at": at(start + 60)},
        {"platform": "ios", "management": "managed", "keyValue": KEY, "otherDomain": true},
    ]);
    let response = mock.control("/__mock/sign-ins", Some(checks)).await;
    assert_eq!(response.status(), StatusCode::OK);
    let added: Value = response.json().await.unwrap();
    let verdicts: Vec<(String, Value)> = added["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["outcome"].as_str().unwrap().to_owned(), e["reason"].clone()))
        .collect();
    assert_eq!(
        verdicts,
        [
            ("accepted".to_owned(), Value::Null),
            ("refused".to_owned(), json!("other_value")),
            ("accepted".to_owned(), Value::Null),
            ("refused".to_owned(), json!("other_domain_account")),
        ]
    );
    assert_eq!(added["events"][0]["member"]["id"], "mem_00007");
    assert_eq!(added["events"][0]["at"], at(now));
    let ids: HashSet<String> =
        added["events"].as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap().to_owned()).collect();
    let listed = events(&all_pages(&mock, "days=1&limit=200").await);
    let found: HashSet<String> = listed.iter().map(|e| e.id.clone()).filter(|id| ids.contains(id)).collect();
    assert_eq!(found.len(), 2, "the two refusals are listed with the fleet's");
    for bad in [
        json!([{"platform": "ios", "management": "android_without_enterprise", "keyValue": null}]),
        json!([{"platform": "ios", "management": "managed", "keyValue": null, "at": at(now + 60)}]),
        json!([{"platform": "ios", "management": "managed", "keyValue": null, "memberId": "mem_99999"}]),
        json!([{"platform": "ios", "management": "managed"}, {"platfrom": "ios"}]),
    ] {
        let response = mock.control("/__mock/sign-ins", Some(bad.clone())).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{bad}");
    }
}

/// A canary key value, saved, rotated away from and held by added checks, appears in no event, no rotation answer,
/// no audit answer; nor do the readiness fingerprints of keys appear in sign-in checks.
#[tokio::test]
async fn no_key_value_or_fingerprint_in_any_report() {
    const CANARY: &str = "CANARY-key-9f8e7d6c5b4a";
    let mock = mock_at_fixed(json!({})).await;
    mock.save(body(true, false, Some(CANARY))).await;
    let now = mock.advance(3600).await;
    mock.save(with(body(true, false, Some(KEY)), "previousKeyValidUntil", json!(at(now + 3600)))).await;
    let checks = json!([{"platform": "ios", "management": "managed", "keyValue": CANARY},
                        {"platform": "ios", "management": "managed", "keyValue": KEY}]);
    assert_eq!(mock.control("/__mock/sign-ins", Some(checks)).await.status(), StatusCode::OK);
    let settings = mock.settings_value().await;
    assert!(!settings["rotation"].to_string().contains(CANARY));
    mock.advance(2 * 3600).await;
    let fingerprints = [mock.fingerprint(CANARY).await, mock.fingerprint(KEY).await];
    let audit = mock.text(&format!("{AUDIT}?limit=100")).await;
    let mut texts = vec![audit, mock.settings_value().await["rotation"].to_string()];
    for query in ["days=1&limit=200", "days=1&outcome=accepted&limit=200", "days=30&reason=previous_key"] {
        texts.extend(all_pages(&mock, query).await.iter().map(|p| serde_json::to_string(p).unwrap()));
    }
    for text in &texts {
        assert!(!text.contains(CANARY) && !text.contains(KEY), "a key value leaked: {}", &text[..text.len().min(300)]);
    }
    for text in &texts[2..] {
        for fingerprint in &fingerprints {
            assert!(!text.contains(fingerprint.as_str()), "a fingerprint in sign-in checks");
        }
    }
    // The trail does say what happened.
    assert!(texts[0].contains("rotation_ended") && texts[0].contains("expired"));
}

#[tokio::test]
async fn the_monitor_week_history_shows_a_week_of_would_be_refusals() {
    // The history is seeded relative to the clock at the reset: no fixed clock here.
    let mock = mock().await;
    // Monitoring began 7 days before the reset, which is no earlier than this: a check after the reset may be
    // more than 7 days after the oldest event by the seconds the test has taken since.
    let before_reset = mock.now().await;
    mock.reset(Some(json!({"history": "monitor-week"}))).await;
    let settings = mock.settings().await;
    assert!(settings.enabled);
    assert_eq!(settings.enforcement, mdm_console::domain::api::Enforcement::Monitor);
    assert_eq!(settings.key_value.as_deref(), Some(GROUP_SHARED_VALUE));
    let page = mock.sign_ins("days=7&limit=200").await;
    assert!(page.summary.would_refuse > 1000, "{:?}", page.summary);
    assert_eq!(page.summary.refused, 0);
    let oldest = events(&all_pages(&mock, "days=30&limit=200").await).last().map(|e| unix(&e.at)).unwrap();
    assert!(oldest >= before_reset - 7 * DAY, "refusals only since monitoring began");
    assert_eq!(mock.actions().await, ["enabled", "monitor_on"]);
    assert_eq!(mock.overview().await["lineworksMdm"]["enabled"], true);
}
