//! Timings at the benchmark's scale, printed, never asserted (a wall-clock limit fails at random on a shared machine):
//!
//! ```sh
//! CARGO_PROFILE_RELEASE_PANIC=unwind cargo test --release -p mock-server --test scale -- --ignored --nocapture
//! ```
//!
//! (The workspace's release profile aborts on panic, which the test harness cannot; without the override, cargo
//! builds the console's crate twice, once each way, and the two `cdylib`s overwrite each other. The override keeps
//! the profile's `opt-level = "z"` and LTO, as `dev.sh` and the benchmark build the mock.)
//!
//! 300,000 devices in the default fleet's proportions, a week of "Monitor only" then a day of "Enforce" with a
//! rotation; then the median over repeated requests (over real HTTP, as the console asks) of readiness, of a first
//! page of sign-in checks, of a later page, of a filtered page, and of the 30-day summary with accepted checks.

mod common;

use std::time::Instant;

use common::*;
use serde_json::json;

const DEVICES: u32 = 300_000;
const RUNS: usize = 15;

async fn median_ms(mock: &Mock, path: &str) -> (f64, f64, f64) {
    let mut times = Vec::with_capacity(RUNS);
    // One warm-up, not counted.
    mock.text(path).await;
    for _ in 0..RUNS {
        let start = Instant::now();
        let text = mock.text(path).await;
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        assert!(!text.is_empty());
    }
    times.sort_by(|a, b| a.total_cmp(b));
    (times[0], times[RUNS / 2], times[RUNS - 1])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a measurement: run with --release --ignored --nocapture"]
async fn timings_at_300k_devices() {
    // The default fleet's shares (of 1,024), scaled to 300,000.
    let shares = [
        ("ios", "managed", Some(GROUP_SHARED_VALUE), 412),
        ("android", "managed", Some(GROUP_SHARED_VALUE), 236),
        ("ios", "managed", None, 118),
        ("android", "managed", Some("OldNimbusValue-2024"), 41),
        ("ios", "unmanaged", None, 96),
        ("android", "unmanaged", None, 38),
        ("android", "android_without_enterprise", None, 83),
    ];
    let mut devices: Vec<_> = shares
        .iter()
        .map(|(platform, management, value, share)| {
            json!({"platform": platform, "management": management, "keyValue": value, "count": share * DEVICES / 1024})
        })
        .collect();
    let counted: u32 = shares.iter().map(|s| s.3 * DEVICES / 1024).sum();
    devices[0]["count"] = json!(412 * DEVICES / 1024 + DEVICES - counted);
    let mock = mock().await;
    let start = Instant::now();
    mock.reset(Some(json!({"memberCount": 250_000, "devices": devices}))).await;
    let reset_ms = start.elapsed().as_secs_f64() * 1000.0;
    mock.clock(json!({"at": FIXED, "frozen": true})).await;
    mock.save(with(body(true, false, Some(GROUP_SHARED_VALUE)), "enforcement", json!("monitor"))).await;
    let now = mock.advance(7 * DAY).await;
    mock.save(with(
        with(body(true, false, Some(KEY)), "previousKeyValidUntil", json!(at(now + 3 * 3600))),
        "enforcement",
        json!("enforce"),
    ))
    .await;
    mock.advance(DAY).await;

    let first: mdm_console::domain::sign_ins::SignIns = mock.sign_ins("days=7&limit=200").await;
    let cursor = first.next_cursor.clone().expect("more than a page");
    let mut later = cursor.clone();
    for _ in 0..20 {
        later = mock.sign_ins(&format!("days=7&limit=200&cursor={later}")).await.next_cursor.unwrap();
    }
    println!("fleet: {DEVICES} devices; reset {reset_ms:.0} ms; 7-day summary {:?}", first.summary);
    println!("{:<58} {:>8} {:>8} {:>8}", "request (ms over HTTP, release)", "min", "median", "max");
    for (label, path) in [
        ("readiness", READINESS.to_owned()),
        ("sign-ins, first page of 200 (7 days, refusals)", format!("{SIGN_INS}?days=7&limit=200")),
        ("sign-ins, 22nd page of 200", format!("{SIGN_INS}?days=7&limit=200&cursor={later}")),
        ("sign-ins, default page of 50", format!("{SIGN_INS}?days=7")),
        ("sign-ins, 30 days, reason=previous_key", format!("{SIGN_INS}?days=30&limit=200&reason=previous_key")),
        ("sign-ins, 30 days, accepted", format!("{SIGN_INS}?days=30&outcome=accepted&limit=200")),
        (
            "sign-ins, 30 days, reason=other_domain_account (none)",
            format!("{SIGN_INS}?days=30&reason=other_domain_account"),
        ),
    ] {
        let (min, median, max) = median_ms(&mock, &path).await;
        println!("{label:<58} {min:>8.1} {median:>8.1} {max:>8.1}");
    }
}
