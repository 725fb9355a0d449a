//! The settings in force over time: a snapshot at each change, so that a check is judged by the gate under the
//! settings of its own moment (mode, key, overlap, restriction), never under today's.

use mdm_console::domain::api::Enforcement;
use mdm_console::domain::gate::{PreviousKey, Rules};

/// What the gate needs of the settings, from `from` (Unix seconds) until the next snapshot. Keys are readiness
/// fingerprints, never values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snapshot {
    pub from: i64,
    pub enabled: bool,
    pub enforcement: Enforcement,
    pub restrict_other_domains: bool,
    pub key: Option<String>,
    /// The last rotation's previous key, and whether its overlap runs.
    pub previous: Option<(String, bool)>,
}

impl Snapshot {
    pub fn rules(&self) -> Rules<'_> {
        Rules {
            enabled: self.enabled,
            restrict_other_domains: self.restrict_other_domains,
            key: self.key.as_deref(),
            previous: self.previous.as_ref().map(|(fingerprint, valid)| PreviousKey { fingerprint, valid: *valid }),
        }
    }

    fn same_settings(&self, other: &Snapshot) -> bool {
        Snapshot { from: other.from, ..self.clone() } == *other
    }
}

/// Oldest first; the first snapshot holds from the beginning of time.
pub struct History(Vec<Snapshot>);

impl History {
    pub fn new(first: Snapshot) -> Self {
        Self(vec![Snapshot { from: i64::MIN, ..first }])
    }

    /// The settings from `snapshot.from` on. Two changes in the same second: the later one holds for it.
    pub fn record(&mut self, snapshot: Snapshot) {
        let last = self.0.last().expect("a history is never empty");
        debug_assert!(snapshot.from >= last.from, "the history is written in time order");
        if last.same_settings(&snapshot) {
            return;
        }
        if last.from >= snapshot.from && self.0.len() > 1 {
            self.0.pop();
            // Back to what held before that second: nothing to record.
            if self.0.last().is_some_and(|before| before.same_settings(&snapshot)) {
                return;
            }
        }
        self.0.push(snapshot);
    }

    /// The index of the snapshot in force at `t`.
    pub fn index_at(&self, t: i64) -> usize {
        self.0.partition_point(|s| s.from <= t).saturating_sub(1)
    }

    pub fn at(&self, t: i64) -> &Snapshot {
        &self.0[self.index_at(t)]
    }

    /// Each snapshot with the end of its time (exclusive; `i64::MAX` for the last).
    pub fn intervals(&self) -> impl Iterator<Item = (&Snapshot, i64)> {
        self.0.iter().enumerate().map(|(i, s)| (s, self.0.get(i + 1).map_or(i64::MAX, |next| next.from)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snap(from: i64, enabled: bool) -> Snapshot {
        Snapshot {
            from,
            enabled,
            enforcement: Enforcement::Enforce,
            restrict_other_domains: false,
            key: None,
            previous: None,
        }
    }

    #[test]
    fn each_moment_has_the_settings_then_in_force() {
        let mut history = History::new(snap(0, false));
        history.record(snap(100, true));
        history.record(snap(100, true));
        history.record(snap(200, false));
        assert!(!history.at(-5).enabled && !history.at(99).enabled);
        assert!(history.at(100).enabled && history.at(199).enabled);
        assert!(!history.at(200).enabled);
        assert_eq!(history.intervals().count(), 3);
        // Two changes in one second: the later one holds.
        history.record(snap(300, true));
        history.record(snap(300, false));
        assert_eq!(history.intervals().count(), 3);
    }
}
