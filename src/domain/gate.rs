//! The gate (`rollout.md`): whether a sign-in, or a heartbeat of a signed-in app, passes 3rd-party MDM sync. One rule
//! in one place: the mock decides with it, readiness counts with it, and the console explains with it, so that the
//! three can never disagree.
//!
//! The device's platform is not an input: it matters only through its management (`android_without_enterprise` is
//! Android's alone), which the device reports.

use serde::{Deserialize, Serialize};

use super::api::Enforcement;
use super::readiness::Management;

/// Why a check is not accepted, in the order the gate asks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// The restriction is on and the account belongs to another domain.
    OtherDomainAccount,
    /// The device is enrolled in no MDM.
    Unmanaged,
    /// An Android device outside Android Enterprise, where App Configuration does not reach the app.
    AndroidWithoutEnterprise,
    /// Managed, but its MDM has pushed no `LineworksAuthCode` yet.
    NoValue,
    /// It holds the key that an overlap kept valid, and the overlap has ended.
    PreviousKey,
    /// It holds another value: an older key, another domain's, a typo.
    OtherValue,
}

impl Reason {
    pub const ALL: [Reason; 6] = [
        Reason::OtherDomainAccount,
        Reason::Unmanaged,
        Reason::AndroidWithoutEnterprise,
        Reason::NoValue,
        Reason::PreviousKey,
        Reason::OtherValue,
    ];

    /// The wire name (`no_value`, …), as query parameters and CSV files carry it.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::OtherDomainAccount => "other_domain_account",
            Reason::Unmanaged => "unmanaged",
            Reason::AndroidWithoutEnterprise => "android_without_enterprise",
            Reason::NoValue => "no_value",
            Reason::PreviousKey => "previous_key",
            Reason::OtherValue => "other_value",
        }
    }

    pub fn parse(text: &str) -> Option<Reason> {
        Reason::ALL.into_iter().find(|reason| reason.as_str() == text)
    }
}

/// How an accepted check got through.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pass {
    /// Sync is off, or the account is another domain's and the restriction is off: the gate does not apply.
    Ungated,
    /// The device holds the key.
    Key,
    /// The device holds the previous key, and its overlap runs.
    PreviousKey,
}

/// The previous key of a rotation: its fingerprint, and whether its overlap still runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PreviousKey<'a> {
    pub fingerprint: &'a str,
    pub valid: bool,
}

/// The settings in force at the moment of a check. Keys are compared by fingerprint (`readiness.rs`), so that the
/// rule runs where only fingerprints are known (the console's readiness) as well as where keys are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rules<'a> {
    pub enabled: bool,
    pub restrict_other_domains: bool,
    /// `None` while no key was ever issued.
    pub key: Option<&'a str>,
    /// The last rotation's previous key, as long as the backend remembers it.
    pub previous: Option<PreviousKey<'a>>,
}

/// What a device reports when it checks in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Device<'a> {
    pub management: Management,
    /// The fingerprint of the `LineworksAuthCode` value it holds; `None`: it holds none.
    pub held: Option<&'a str>,
    /// Whether the account signing in belongs to this domain.
    pub own_domain_account: bool,
}

/// The gate: how a check passes, or the first reason it does not.
pub fn check(rules: &Rules, device: &Device) -> Result<Pass, Reason> {
    if !rules.enabled {
        return Ok(Pass::Ungated);
    }
    if !device.own_domain_account {
        // Another domain's account answers to its own domain's settings; this domain only refuses it outright.
        return if rules.restrict_other_domains { Err(Reason::OtherDomainAccount) } else { Ok(Pass::Ungated) };
    }
    match device.management {
        Management::Unmanaged => return Err(Reason::Unmanaged),
        Management::AndroidWithoutEnterprise => return Err(Reason::AndroidWithoutEnterprise),
        Management::Managed => {}
    }
    let Some(held) = device.held else { return Err(Reason::NoValue) };
    if Some(held) == rules.key {
        return Ok(Pass::Key);
    }
    match rules.previous {
        Some(previous) if previous.fingerprint == held => {
            if previous.valid {
                Ok(Pass::PreviousKey)
            } else {
                Err(Reason::PreviousKey)
            }
        }
        _ => Err(Reason::OtherValue),
    }
}

/// What a check's outcome is under an enforcement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Accepted,
    Refused,
    /// Monitor mode: it would have been refused, and was let through.
    WouldRefuse,
}

impl Outcome {
    pub fn of(enforcement: Enforcement, verdict: Result<Pass, Reason>) -> Outcome {
        match (verdict, enforcement) {
            (Ok(_), _) => Outcome::Accepted,
            (Err(_), Enforcement::Enforce) => Outcome::Refused,
            (Err(_), Enforcement::Monitor) => Outcome::WouldRefuse,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Accepted => "accepted",
            Outcome::Refused => "refused",
            Outcome::WouldRefuse => "would_refuse",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "11111111111111111111111111111111";
    const PREVIOUS: &str = "22222222222222222222222222222222";
    const OTHER: &str = "33333333333333333333333333333333";

    /// The rule written out as a reader would check it, case by case, against which the function is enumerated.
    fn expected(rules: &Rules, device: &Device) -> Result<Pass, Reason> {
        use Management::*;
        let previous_fp = rules.previous.map(|p| p.fingerprint);
        let previous_valid = rules.previous.is_some_and(|p| p.valid);
        match (rules.enabled, device.own_domain_account, rules.restrict_other_domains, device.management, device.held) {
            (false, ..) => Ok(Pass::Ungated),
            (true, false, true, ..) => Err(Reason::OtherDomainAccount),
            (true, false, false, ..) => Ok(Pass::Ungated),
            (true, true, _, Unmanaged, _) => Err(Reason::Unmanaged),
            (true, true, _, AndroidWithoutEnterprise, _) => Err(Reason::AndroidWithoutEnterprise),
            (true, true, _, Managed, None) => Err(Reason::NoValue),
            (true, true, _, Managed, Some(held)) if Some(held) == rules.key => Ok(Pass::Key),
            (true, true, _, Managed, Some(held)) if Some(held) == previous_fp && previous_valid => {
                Ok(Pass::PreviousKey)
            }
            (true, true, _, Managed, Some(held)) if Some(held) == previous_fp => Err(Reason::PreviousKey),
            (true, true, _, Managed, Some(_)) => Err(Reason::OtherValue),
        }
    }

    /// Every combination of every input: the table is small and finite, so all of it is checked.
    #[test]
    fn the_whole_table() {
        let keys = [None, Some(KEY)];
        let previouses = [
            None,
            Some(PreviousKey { fingerprint: PREVIOUS, valid: true }),
            Some(PreviousKey { fingerprint: PREVIOUS, valid: false }),
        ];
        let helds = [None, Some(KEY), Some(PREVIOUS), Some(OTHER)];
        let managements = [Management::Managed, Management::Unmanaged, Management::AndroidWithoutEnterprise];
        let mut seen = std::collections::HashSet::new();
        let mut rows = 0;
        for enabled in [false, true] {
            for restrict_other_domains in [false, true] {
                for key in keys {
                    for previous in previouses {
                        let rules = Rules { enabled, restrict_other_domains, key, previous };
                        for management in managements {
                            for held in helds {
                                for own_domain_account in [false, true] {
                                    let device = Device { management, held, own_domain_account };
                                    let verdict = check(&rules, &device);
                                    assert_eq!(verdict, expected(&rules, &device), "{rules:?} {device:?}");
                                    seen.insert(format!("{verdict:?}"));
                                    rows += 1;
                                }
                            }
                        }
                    }
                }
            }
        }
        assert_eq!(rows, 2 * 2 * 2 * 3 * 3 * 4 * 2);
        // Every reason and every way through is reached by some row.
        assert_eq!(seen.len(), Reason::ALL.len() + 3, "{seen:?}");
    }

    #[test]
    fn monitor_mode_lets_through_what_it_would_refuse() {
        for verdict in [Err(Reason::NoValue), Ok(Pass::Key)] {
            let (monitor, enforce) =
                (Outcome::of(Enforcement::Monitor, verdict), Outcome::of(Enforcement::Enforce, verdict));
            match verdict {
                Ok(_) => assert_eq!((monitor, enforce), (Outcome::Accepted, Outcome::Accepted)),
                Err(_) => assert_eq!((monitor, enforce), (Outcome::WouldRefuse, Outcome::Refused)),
            }
        }
    }

    #[test]
    fn reasons_round_trip_by_their_wire_names() {
        for reason in Reason::ALL {
            assert_eq!(Reason::parse(reason.as_str()), Some(reason));
            assert_eq!(serde_json::to_value(reason).unwrap(), reason.as_str());
        }
        assert_eq!(Reason::parse("NoValue"), None);
    }
}
