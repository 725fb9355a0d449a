//! Sign-in checks (`rollout.md` §3), produced from the fleet by the gate itself, under the settings in force at
//! each check's moment. Nothing per event is stored: a page walks time backwards from its cursor in buckets of an
//! hour, computing which devices check in inside each (a device checks in at `phase + k * period`), and the summary
//! is counted per device and per settings interval arithmetically, since what a device holds does not change.
//! Memory and time grow with the fleet and the page, never with the number of events.

use mdm_console::domain::gate::{check, Device, Outcome, Reason};
use mdm_console::domain::readiness::{decode_base64url, encode_base64url, DevicePlatform, Management};
use mdm_console::domain::sign_ins::{
    BadParameter, DayCount, DeviceInfo, Member, Query, SignInEvent, SignInSummary, SignIns,
};
use mdm_console::domain::time::format_rfc3339;

use crate::fleet::{member_index, Fleet};
use crate::history::{History, Snapshot};

const DAY_SECS: i64 = 86_400;

/// The longest stretch of time a page collects at once before sorting it.
const BUCKET_SECS: i64 = 3600;

/// A check added by `POST /__mock/sign-ins`, judged when it was added (by the settings in force at `at`).
#[derive(Clone, Debug)]
pub struct Added {
    pub at: i64,
    pub member: Member,
    pub device: DeviceInfo,
    pub outcome: Outcome,
    pub reason: Option<Reason>,
}

/// The gate's verdict for a device under a snapshot, as an event says it.
pub fn judge(snapshot: &Snapshot, management: Management, held: Option<&str>, own: bool) -> (Outcome, Option<Reason>) {
    let verdict = check(&snapshot.rules(), &Device { management, held, own_domain_account: own });
    (Outcome::of(snapshot.enforcement, verdict), verdict.err())
}

pub struct Checks<'a> {
    pub fleet: &'a Fleet,
    pub history: &'a History,
    pub added: &'a [Added],
}

/// One event found by a walk: its time, its device (or `fleet.len() + k` for the k-th added check), and the verdict.
type Found = (i64, u32, Outcome, Option<Reason>);

impl Checks<'_> {
    /// The page `query` asks for, at `now`: checks in `(now - days, now]`.
    pub fn page(&self, query: &Query, now: i64) -> Result<SignIns, BadParameter> {
        let lo = now - i64::from(query.days) * 86_400 + 1;
        let cursor = query.cursor.as_deref().map(decode_cursor).transpose()?;
        let found = self.walk(query, lo, now, cursor);
        let next_cursor = (found.len() > query.limit).then(|| {
            let (t, i, ..) = found[query.limit - 1];
            encode_cursor(t, i)
        });
        let events = found.into_iter().take(query.limit).map(|found| self.event(found)).collect();
        Ok(SignIns { summary: self.summary(query, lo, now), events, next_cursor })
    }

    /// Up to `limit + 1` events admitted by `query`, newest first, older than `cursor`, not before `lo`.
    fn walk(&self, query: &Query, lo: i64, now: i64, cursor: Option<(i64, u32)>) -> Vec<Found> {
        let mut found: Vec<Found> = Vec::new();
        let mut end = match cursor {
            Some((t, _)) => t.min(now) + 1,
            None => now + 1,
        };
        let base = self.fleet.len();
        while end > lo && found.len() <= query.limit {
            let snapshot = self.history.at(end - 1);
            let start = lo.max((end - 1).div_euclid(BUCKET_SECS) * BUCKET_SECS).max(snapshot.from);
            let mut segment: Vec<Found> = Vec::new();
            for group in &self.fleet.groups {
                for own in [true, false] {
                    let (outcome, reason) = judge(snapshot, group.management, group.fingerprint.as_deref(), own);
                    if !query.admits(outcome, reason) {
                        continue;
                    }
                    let mut push = |device: u32| {
                        let (mut t, period) = (self.fleet.first_at_or_after(device, start), self.fleet.period(device));
                        while t < end {
                            segment.push((t, device, outcome, reason));
                            t += period;
                        }
                    };
                    if own {
                        (group.start..group.end).filter(|&d| !self.fleet.is_other_domain(d)).for_each(&mut push);
                    } else {
                        self.fleet.others_in(group).iter().copied().for_each(&mut push);
                    }
                }
            }
            for (k, added) in self.added.iter().enumerate() {
                if (start..end).contains(&added.at) && query.admits(added.outcome, added.reason) {
                    segment.push((added.at, base + k as u32, added.outcome, added.reason));
                }
            }
            if let Some((t, i)) = cursor {
                segment.retain(|&(at, device, ..)| at < t || (at == t && device < i));
            }
            segment.sort_unstable_by_key(|&(at, device, ..)| std::cmp::Reverse((at, device)));
            found.extend(segment);
            end = start;
        }
        found
    }

    fn event(&self, (at, device, outcome, reason): Found) -> SignInEvent {
        let id = format!("chk_{at:x}_{device:x}");
        match device.checked_sub(self.fleet.len()) {
            Some(k) => {
                let added = &self.added[k as usize];
                SignInEvent {
                    id,
                    at: format_rfc3339(at),
                    member: added.member.clone(),
                    device: added.device.clone(),
                    outcome,
                    reason,
                }
            }
            None => SignInEvent {
                id,
                at: format_rfc3339(at),
                member: self.fleet.member(device),
                device: self.fleet.device_info(device),
                outcome,
                reason,
            },
        }
    }

    /// Every check of `[lo, now]` that `query` admits, counted per device and per settings interval.
    fn summary(&self, query: &Query, lo: i64, now: i64) -> SignInSummary {
        let mut summary = SignInSummary::default();
        let mut add = |outcome: Outcome, reason: Option<Reason>, platform: DevicePlatform, n: u64| {
            let n = u32::try_from(n).unwrap_or(u32::MAX);
            if n == 0 {
                return;
            }
            let slot = match outcome {
                Outcome::Accepted => &mut summary.accepted,
                Outcome::Refused => &mut summary.refused,
                Outcome::WouldRefuse => &mut summary.would_refuse,
            };
            *slot = slot.saturating_add(n);
            if let Some(reason) = reason {
                let by_reason = summary.by_reason.entry(reason).or_default();
                *by_reason = by_reason.saturating_add(n);
                let by_platform = match platform {
                    DevicePlatform::Ios => &mut summary.by_platform.ios,
                    DevicePlatform::Android => &mut summary.by_platform.android,
                };
                *by_platform = by_platform.saturating_add(n);
            }
        };
        // Refused and would-be-refused checks by UTC day, and who had them: a device's member (or, for another
        // domain's account, the device itself, as each is its own account).
        let first_day = lo.div_euclid(DAY_SECS);
        let mut by_day = vec![0_u64; (now.div_euclid(DAY_SECS) - first_day + 1) as usize];
        let mut members = std::collections::HashSet::new();
        let mut outsiders = std::collections::HashSet::new();
        let mut added_outsiders = std::collections::HashSet::new();
        for (snapshot, until) in self.history.intervals() {
            let (from, to) = (snapshot.from.max(lo), until.min(now + 1));
            if from >= to {
                continue;
            }
            for group in &self.fleet.groups {
                for own in [true, false] {
                    let (outcome, reason) = judge(snapshot, group.management, group.fingerprint.as_deref(), own);
                    if !query.admits(outcome, reason) {
                        continue;
                    }
                    let devices: Vec<u32> = if own {
                        (group.start..group.end).filter(|&d| !self.fleet.is_other_domain(d)).collect()
                    } else {
                        self.fleet.others_in(group).to_vec()
                    };
                    let n: u64 = devices.iter().map(|&d| self.fleet.count_in(d, from, to)).sum();
                    add(outcome, reason, group.platform, n);
                    if reason.is_none() || n == 0 {
                        continue;
                    }
                    for &device in &devices {
                        let mut counted = false;
                        for day in from.div_euclid(DAY_SECS)..=(to - 1).div_euclid(DAY_SECS) {
                            let (start, end) = ((day * DAY_SECS).max(from), ((day + 1) * DAY_SECS).min(to));
                            let k = self.fleet.count_in(device, start, end);
                            by_day[(day - first_day) as usize] += k;
                            counted |= k > 0;
                        }
                        if counted {
                            match own {
                                true => members.insert(self.fleet.member_of(device)),
                                false => outsiders.insert(device),
                            };
                        }
                    }
                }
            }
        }
        for added in self.added {
            if (lo..=now).contains(&added.at) && query.admits(added.outcome, added.reason) {
                add(added.outcome, added.reason, added.device.platform, 1);
                if added.reason.is_some() {
                    by_day[(added.at.div_euclid(DAY_SECS) - first_day) as usize] += 1;
                    match member_index(&added.member.id) {
                        Some(index) => members.insert(index),
                        None => added_outsiders.insert(added.member.id.as_str()),
                    };
                }
            }
        }
        summary.members = u32::try_from(members.len() + outsiders.len() + added_outsiders.len()).unwrap_or(u32::MAX);
        summary.by_day = by_day
            .into_iter()
            .enumerate()
            .map(|(i, count)| DayCount {
                date: format_rfc3339((first_day + i as i64) * DAY_SECS)[..10].to_owned(),
                count: u32::try_from(count).unwrap_or(u32::MAX),
            })
            .collect();
        summary
    }
}

fn encode_cursor(t: i64, device: u32) -> String {
    encode_base64url(format!("{t}.{device}").as_bytes())
}

fn decode_cursor(text: &str) -> Result<(i64, u32), BadParameter> {
    let bytes = decode_base64url(text).ok_or(BadParameter("cursor"))?;
    let text = String::from_utf8(bytes).map_err(|_| BadParameter("cursor"))?;
    let (t, device) = text.split_once('.').ok_or(BadParameter("cursor"))?;
    Ok((t.parse().map_err(|_| BadParameter("cursor"))?, device.parse().map_err(|_| BadParameter("cursor"))?))
}

#[cfg(test)]
mod tests {
    use mdm_console::domain::api::Enforcement;

    use super::*;

    #[test]
    fn cursors_round_trip_and_garbage_is_refused() {
        assert_eq!(decode_cursor(&encode_cursor(1_800_000_123, 42)), Ok((1_800_000_123, 42)));
        for bad in ["", "!!", "bm9wZQ", "MS4y_"] {
            assert_eq!(decode_cursor(bad), Err(BadParameter("cursor")), "{bad}");
        }
    }

    fn snapshot(from: i64, enabled: bool, enforcement: Enforcement) -> Snapshot {
        Snapshot { from, enabled, enforcement, restrict_other_domains: false, key: Some("k".into()), previous: None }
    }

    /// The walk, page after page, finds exactly the checks that a brute-force listing finds, and the summary counts
    /// them.
    #[test]
    fn pages_list_every_check_once_newest_first() {
        const NOW: i64 = 1_800_000_000;
        let fleet = Fleet::new(
            [
                (DevicePlatform::Ios, Management::Managed, Some("k".to_owned()), 40),
                (DevicePlatform::Android, Management::Managed, None, 30),
                (DevicePlatform::Android, Management::Unmanaged, None, 30),
            ],
            50,
        );
        let mut history = History::new(snapshot(0, false, Enforcement::Enforce));
        history.record(snapshot(NOW - 5 * 86_400, true, Enforcement::Monitor));
        history.record(snapshot(NOW - 2 * 86_400 + 17, true, Enforcement::Enforce));
        let checks = Checks { fleet: &fleet, history: &history, added: &[] };
        for outcome in [None, Some(Outcome::Accepted), Some(Outcome::Refused), Some(Outcome::WouldRefuse)] {
            let query = Query { days: 7, outcome, limit: 37, ..Query::default() };
            let lo = NOW - 7 * 86_400 + 1;
            let mut expected = Vec::new();
            for device in 0..fleet.len() {
                let group = fleet.group_of(device);
                let mut t = fleet.first_at_or_after(device, lo);
                while t <= NOW {
                    let verdict = judge(
                        history.at(t),
                        group.management,
                        group.fingerprint.as_deref(),
                        !fleet.is_other_domain(device),
                    );
                    if query.admits(verdict.0, verdict.1) {
                        expected.push((t, device, verdict.0, verdict.1));
                    }
                    t += fleet.period(device);
                }
            }
            expected.sort_by_key(|&(at, device, ..)| std::cmp::Reverse((at, device)));
            let mut seen = Vec::new();
            let mut query = query;
            loop {
                let page = checks.page(&query, NOW).unwrap();
                let summary = &page.summary;
                assert_eq!(
                    (summary.accepted + summary.refused + summary.would_refuse) as usize,
                    expected.len(),
                    "{outcome:?}"
                );
                // By day and by member, from the same listing: every refusal on the day it happened, each member once.
                let refusals: Vec<_> = expected.iter().filter(|e| e.3.is_some()).collect();
                let mut days = std::collections::BTreeMap::new();
                for &&(t, ..) in &refusals {
                    *days.entry(format_rfc3339(t)[..10].to_owned()).or_insert(0_u32) += 1;
                }
                let counted: Vec<_> =
                    summary.by_day.iter().filter(|d| d.count > 0).map(|d| (d.date.clone(), d.count)).collect();
                assert_eq!(counted, days.into_iter().collect::<Vec<_>>(), "{outcome:?}");
                assert_eq!(summary.by_day.len(), 8, "every day of the period, empty ones too");
                let who: std::collections::HashSet<String> =
                    refusals.iter().map(|&&(_, d, ..)| checks.fleet.member(d).id).collect();
                assert_eq!(summary.members as usize, who.len(), "{outcome:?}");
                seen.extend(page.events.iter().map(|e| (e.id.clone(), e.outcome, e.reason)));
                match page.next_cursor {
                    Some(cursor) => query.cursor = Some(cursor),
                    None => break,
                }
            }
            let listed: Vec<_> = expected.iter().map(|&(t, d, o, r)| (format!("chk_{t:x}_{d:x}"), o, r)).collect();
            assert_eq!(seen, listed, "{outcome:?}");
        }
    }
}
