//! When to load again after a failure that a retry may get past: exponential back-off with jitter, and never sooner
//! than the server's `Retry-After`. Loads only: a save is retried by the admin, with its Idempotency-Key.

/// How long a request may take before the admin is told and may retry. `src/embed/start.js`, which sends the first
/// loads before the wasm runs, uses the same.
pub const REQUEST_TIMEOUT_MS: u32 = 8_000;

/// Automatic retries of a load before the admin is shown the failure (and a Retry button).
pub const AUTOMATIC_RETRIES: u32 = 2;
const BASE_MS: u64 = 400;
const CAP_MS: u64 = 10_000;

/// The wait before retry number `attempt` (0 for the first retry). `jitter` is uniform in `[0, 1)`: it spreads the
/// retries of many consoles, so that a recovering server is not hit by all of them at once.
pub fn delay_ms(attempt: u32, retry_after_secs: Option<u32>, jitter: f64) -> u64 {
    let backoff = BASE_MS.saturating_mul(1 << attempt.min(10)).min(CAP_MS);
    let spread = (backoff as f64 * jitter.clamp(0.0, 1.0) / 2.0) as u64;
    let server = retry_after_secs.map_or(0, |secs| u64::from(secs).saturating_mul(1000)).min(60_000);
    (backoff + spread).max(server)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn waits_double_and_are_capped() {
        assert_eq!(delay_ms(0, None, 0.0), 400);
        assert_eq!(delay_ms(1, None, 0.0), 800);
        assert_eq!(delay_ms(2, None, 0.0), 1_600);
        assert_eq!(delay_ms(20, None, 0.0), 10_000);
    }

    #[test]
    fn retry_after_is_honoured_but_bounded() {
        assert_eq!(delay_ms(0, Some(3), 0.5), 3_000);
        assert_eq!(delay_ms(0, Some(100_000), 0.0), 60_000);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(10_000))]
        #[test]
        fn jitter_adds_at_most_half_and_never_undercuts_the_server(
            attempt in 0u32..40, after in proptest::option::of(0u32..120), jitter in 0.0f64..1.0,
        ) {
            let plain = delay_ms(attempt, None, 0.0);
            let wait = delay_ms(attempt, after, jitter);
            prop_assert!(wait >= plain);
            prop_assert!(wait >= after.map_or(0, |s| u64::from(s.min(60)) * 1000));
            prop_assert!(wait <= (plain + plain / 2).max(60_000));
        }
    }
}
