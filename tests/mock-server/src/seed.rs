//! The mock's seed: the defaults of a reset (the domain, its admin, its fleet, the apps) and the body of
//! `POST /__mock/reset` that overrides them. Data only; the rules that act on it are in `state/`.

use mdm_console::domain::api::{Admin, Domain, Enforcement, Group, KeyMode, ManagedApp, Person, Plan};
use mdm_console::domain::readiness::{DevicePlatform, Management};
use serde::Deserialize;

pub const DEFAULT_MEMBER_COUNT: u32 = 1024;
pub const DEFAULT_EXCEPTION_COUNT: u32 = 3;
/// The value Nimbus Group pushes to its companies' devices: a custom key value that part of the fleet already holds,
/// so that typing it shows what readiness is for.
pub const GROUP_SHARED_VALUE: &str = "NimbusGroup-MDM-2026!";
/// The largest fleet a seed may ask for (the benchmark seeds 300,000): each device costs the mock 9 bytes.
pub const MAX_DEVICES: u64 = 5_000_000;
/// Devices active in this many days are counted.
pub const READINESS_WINDOW_DAYS: u32 = 30;
/// Keys of the two other domains of "Nimbus Group": valid generated-style keys, so that `key_in_use` can be tried.
pub const DEFAULT_OTHER_DOMAIN_KEYS: [&str; 2] =
    ["Vq8TzR2mKc7LpX4wNd9GhB3sYf6JtA1eUo5HkZ0r", "m3PxW9cQ7rLs2VfK8nTd4BzY6hJa1GuE5oRk0NiC"];

/// The apps in scope, with identifiers that are clearly examples (`com.example…`): the real ones are the backend's
/// to serve (`docs/api.md`). AiNote has no Android version here, so that the kit's handling of a missing identifier
/// shows.
pub fn default_apps() -> Vec<ManagedApp> {
    let app = |id: &str, name: &str, ios: &str, android: Option<&str>| ManagedApp {
        id: id.into(),
        name: name.into(),
        ios_bundle_id: Some(ios.into()),
        android_package: android.map(Into::into),
    };
    vec![
        app("lineworks", "LINE WORKS (example IDs)", "com.example.lineworks", Some("com.example.lineworks")),
        app(
            "drive",
            "LINE WORKS Drive (example IDs)",
            "com.example.lineworks.drive",
            Some("com.example.lineworks.drive"),
        ),
        app("ainote", "LINE WORKS AiNote (example IDs)", "com.example.lineworks.ainote", None),
    ]
}

/// Devices of the fleet, as seeded: the value each holds, not its fingerprint (the mock computes that).
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeedDevices {
    pub(crate) platform: DevicePlatform,
    pub(crate) management: Management,
    pub(crate) key_value: Option<String>,
    pub(crate) count: u32,
}

impl SeedDevices {
    pub(crate) fn new(platform: DevicePlatform, management: Management, key_value: Option<&str>, count: u32) -> Self {
        Self { platform, management, key_value: key_value.map(Into::into), count }
    }

    /// A seed a real fleet could not report: Android outside Android Enterprise on iOS, or no device at all.
    pub(crate) fn problem(&self) -> Option<String> {
        if self.count == 0 {
            return Some("devices: a count of 0".into());
        }
        (self.management == Management::AndroidWithoutEnterprise && self.platform == DevicePlatform::Ios)
            .then(|| "devices: android_without_enterprise is for the android platform".into())
    }
}

/// The default fleet of the 1,024 members' phones and tablets: most managed devices already hold the group's
/// shared value; some hold nothing yet or an old value; some are not managed at all, or are Android outside Android
/// Enterprise.
pub fn default_devices() -> Vec<SeedDevices> {
    use DevicePlatform::{Android, Ios};
    use Management::{AndroidWithoutEnterprise, Managed, Unmanaged};
    vec![
        SeedDevices::new(Ios, Managed, Some(GROUP_SHARED_VALUE), 412),
        SeedDevices::new(Android, Managed, Some(GROUP_SHARED_VALUE), 236),
        SeedDevices::new(Ios, Managed, None, 118),
        SeedDevices::new(Android, Managed, Some("OldNimbusValue-2024"), 41),
        SeedDevices::new(Ios, Unmanaged, None, 96),
        SeedDevices::new(Android, Unmanaged, None, 38),
        SeedDevices::new(Android, AndroidWithoutEnterprise, None, 83),
    ]
}

pub fn admin() -> Admin {
    Admin { id: "usr_7f3a21".into(), name: "Mina Park".into(), email: "mina.park@nimbus-logistics.example.com".into() }
}

pub fn domain(plan: Plan) -> Domain {
    Domain {
        id: "dom_40117".into(),
        name: "Nimbus Logistics".into(),
        plan,
        group: Some(Group { id: "grp_2203".into(), name: "Nimbus Group".into() }),
    }
}

pub fn actor() -> Person {
    let admin = admin();
    Person { id: admin.id, name: admin.name }
}

/// The body of `POST /__mock/reset`. Every field is optional; what is left out takes its default.
#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Seed {
    pub(crate) plan: Option<Plan>,
    pub(crate) member_count: Option<u32>,
    pub(crate) lineworks_mdm: Option<SeedLineworksMdm>,
    pub(crate) mdm_sync: Option<SeedSync>,
    pub(crate) other_domain_keys: Option<Vec<String>>,
    pub(crate) apps: Option<Vec<ManagedApp>>,
    pub(crate) devices: Option<Vec<SeedDevices>>,
    /// A past to start from (`"monitor-week"`); left out: the mock's `--seed-history`, else none.
    pub(crate) history: Option<SeedHistory>,
}

/// A past that the mock starts with, so that Sign-in checks has something to show from the first minute.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum SeedHistory {
    // The settings as seeded, in force since before the 30-day window (the tests' default).
    /// the settings as seeded, in force all along
    #[default]
    None,
    // 3rd-party MDM sync turned on in "Monitor only" 7 days ago, with the seeded key or else the group's shared
    // value (custom), which most managed devices hold: a week of checks with would-be refusals.
    /// sync on in Monitor only for the past 7 days
    MonitorWeek,
}

impl Seed {
    /// What a seed asks for that no real fleet has; the control refuses it.
    pub fn problem(&self) -> Option<String> {
        let total: u64 = self.devices.iter().flatten().map(|d| u64::from(d.count)).sum();
        if total > MAX_DEVICES {
            return Some(format!("devices: {total} in all, more than the mock's {MAX_DEVICES}"));
        }
        self.devices.iter().flatten().find_map(SeedDevices::problem)
    }
}

#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct SeedLineworksMdm {
    pub(crate) enabled: Option<bool>,
    pub(crate) exception_count: Option<u32>,
}

/// Not validated: tests may need a state that the API itself would refuse.
#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct SeedSync {
    pub(crate) enabled: Option<bool>,
    pub(crate) restrict_other_domains: Option<bool>,
    pub(crate) key_mode: Option<KeyMode>,
    pub(crate) key_value: Option<String>,
    pub(crate) enforcement: Option<Enforcement>,
}
