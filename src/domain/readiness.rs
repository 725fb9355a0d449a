//! Device readiness (`readiness.md`): how many active devices already carry a key value, counted before Apply,
//! without the key leaving the browser. Devices report a fingerprint of the `LineworksAuthCode` value they hold; the
//! console computes the same fingerprint of the key in the draft (WebCrypto), and the mock of each seeded value
//! (natively). The format is defined once, here; each side brings its own SHA-256.

use serde::{Deserialize, Serialize};

use super::gate::{check, Device, Pass, PreviousKey, Reason, Rules};

/// Bytes of the SHA-256 digest that a fingerprint keeps: 16, written as 32 lowercase hex digits.
pub const FINGERPRINT_BYTES: usize = 16;
/// Bytes of the domain's salt.
pub const SALT_BYTES: usize = 16;

/// `GET /v1/security/mobile/mdm-sync/readiness`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Readiness {
    /// 16 random bytes of the domain, base64url without padding.
    pub salt: String,
    /// Devices active in this many days.
    pub window_days: u32,
    pub generated_at: String,
    /// One row per distinct platform, management and fingerprint.
    pub devices: Vec<DeviceGroup>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeviceGroup {
    pub platform: DevicePlatform,
    pub management: Management,
    /// `None`: the app holds no `LineworksAuthCode`.
    pub fingerprint: Option<String>,
    pub count: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DevicePlatform {
    Ios,
    Android,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Management {
    /// Enrolled in an MDM: it can sign in once its MDM pushes the key value.
    Managed,
    /// Enrolled in no MDM: it can never sign in while sync is on.
    Unmanaged,
    /// Android outside Android Enterprise, where the feature does not work: never, whatever the key.
    AndroidWithoutEnterprise,
}

/// What is hashed: the salt, then the value's UTF-8 bytes.
pub fn fingerprint_input(salt: &[u8], value: &str) -> Vec<u8> {
    let mut input = Vec::with_capacity(salt.len() + value.len());
    input.extend_from_slice(salt);
    input.extend_from_slice(value.as_bytes());
    input
}

/// The fingerprint, from the SHA-256 digest of [`fingerprint_input`]: its first 16 bytes in lowercase hex.
pub fn fingerprint_from_digest(digest: &[u8]) -> Option<String> {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let kept = digest.get(..FINGERPRINT_BYTES)?;
    Some(
        kept.iter()
            .flat_map(|b| [char::from(HEX[usize::from(b >> 4)]), char::from(HEX[usize::from(b & 0xf)])])
            .collect(),
    )
}

const BASE64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64url without padding (RFC 4648 §5), as the salt travels.
pub fn encode_base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let group = chunk.iter().enumerate().fold(0u32, |acc, (i, b)| acc | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(BASE64URL[(group >> (18 - 6 * i) & 0x3f) as usize]));
        }
    }
    out
}

/// The salt's bytes; `None` for anything that is not base64url without padding.
pub fn decode_base64url(text: &str) -> Option<Vec<u8>> {
    let values: Vec<u32> =
        text.bytes().map(|c| BASE64URL.iter().position(|b| *b == c).map(|v| v as u32)).collect::<Option<_>>()?;
    if values.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(values.len() * 3 / 4);
    for chunk in values.chunks(4) {
        let group = chunk.iter().enumerate().fold(0u32, |acc, (i, v)| acc | v << (18 - 6 * i));
        for i in 0..chunk.len() - 1 {
            out.push((group >> (16 - 8 * i)) as u8);
        }
    }
    // The bits a shorter last group leaves must be zero, or the text is not the one encoding of its bytes.
    (encode_base64url(&out) == text).then_some(out)
}

/// Devices by what they would do once sync is on with a given key value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Managed, and holding this key value: they sign in again at once.
    pub ready: u32,
    /// Managed, holding no value yet: they wait for the MDM.
    pub no_value: u32,
    /// Managed, holding another value (an old key, another domain's, a typo): they wait for the MDM.
    pub other_value: u32,
    /// Managed, holding only the previous key of a rotation: accepted while its overlap runs, signed out when it ends.
    pub previous_key: u32,
    /// Not enrolled in an MDM: never while sync is on.
    pub unmanaged: u32,
    /// Android outside Android Enterprise: never.
    pub without_enterprise: u32,
}

impl Counts {
    pub fn total(&self) -> u32 {
        self.ready + self.waiting() + self.never()
    }

    /// Managed devices that can sign in (or go on signing in) once their MDM pushes this key value.
    pub fn waiting(&self) -> u32 {
        self.no_value + self.other_value + self.previous_key
    }

    /// Devices that cannot sign in while sync is on, whatever the key value.
    pub fn never(&self) -> u32 {
        self.unmanaged + self.without_enterprise
    }
}

/// The counts in all, and by platform.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub all: Counts,
    pub ios: Counts,
    pub android: Counts,
}

/// Counts `devices` for the key value whose fingerprint is `key` (`None`: no key value, so none is ready), with the
/// previous key of a rotation as a category of its own. Each group is counted by the gate itself (`gate::check`), as
/// the backend will decide its sign-ins once sync is on.
pub fn summarize(devices: &[DeviceGroup], key: Option<&str>, previous: Option<PreviousKey>) -> Summary {
    let rules = Rules { enabled: true, restrict_other_domains: false, key, previous };
    let mut summary = Summary::default();
    for group in devices {
        let platform = match group.platform {
            DevicePlatform::Ios => &mut summary.ios,
            DevicePlatform::Android => &mut summary.android,
        };
        let device =
            Device { management: group.management, held: group.fingerprint.as_deref(), own_domain_account: true };
        for counts in [&mut summary.all, platform] {
            let slot = match check(&rules, &device) {
                Ok(Pass::Key) => &mut counts.ready,
                Ok(Pass::PreviousKey) | Err(Reason::PreviousKey) => &mut counts.previous_key,
                Err(Reason::NoValue) => &mut counts.no_value,
                Err(Reason::OtherValue) => &mut counts.other_value,
                Err(Reason::Unmanaged) => &mut counts.unmanaged,
                Err(Reason::AndroidWithoutEnterprise) => &mut counts.without_enterprise,
                // Sync on and a member's own account: the gate never answers these here.
                Ok(Pass::Ungated) | Err(Reason::OtherDomainAccount) => continue,
            };
            *slot = slot.saturating_add(group.count);
        }
    }
    summary
}

/// Fingerprints the two sides must agree on, byte for byte: `(salt, value, fingerprint)`. The native tests hash them
/// with the `sha2` crate; the in-browser tests with WebCrypto.
#[doc(hidden)]
pub const TEST_VECTORS: &[(&str, &str, &str)] = &[
    ("AAECAwQFBgcICQoLDA0ODw", "Qx7vR2mK9pL4sT8wZ3nB6yH1cF5gJ0dA2eU7iO4k", "d483e0e7b3b0e41409e7db5ac954d012"),
    ("AAECAwQFBgcICQoLDA0ODw", "<Custom&Key'Value\">2024", "6f55917edb11b10d741ed16fee70319f"),
    ("_____________________w", "NimbusGroup-MDM-2026!", "c54d586f7a99a2e470d0c7b73e983876"),
    ("ZGVmZ2hpamtsbW5vcHFycw", "!\"#$%&'()*+,-./0123456789:;<=>?@AZaz[\\]^_`{|}~", "3c16d1f3caaa4b6faefac0ed2e67078b"),
];

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use sha2::{Digest, Sha256};

    use super::*;

    fn fingerprint(salt: &[u8], value: &str) -> String {
        fingerprint_from_digest(&Sha256::digest(fingerprint_input(salt, value))).unwrap()
    }

    #[test]
    fn the_vectors_hold() {
        for (salt, value, expected) in TEST_VECTORS {
            let salt = decode_base64url(salt).unwrap();
            assert_eq!(salt.len(), SALT_BYTES);
            assert_eq!(fingerprint(&salt, value), *expected, "{value}");
        }
    }

    proptest! {
        #[test]
        fn base64url_round_trips(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
            let text = encode_base64url(&bytes);
            prop_assert!(!text.contains('='));
            prop_assert_eq!(decode_base64url(&text), Some(bytes));
        }

        #[test]
        fn a_fingerprint_is_32_lowercase_hex_digits_and_depends_on_salt_and_value(
            value in "[!-~]{16,128}", salt in prop::array::uniform16(any::<u8>()), other in any::<u8>(),
        ) {
            let print = fingerprint(&salt, &value);
            prop_assert_eq!(print.len(), 32);
            prop_assert!(print.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
            let mut salted = salt;
            salted[0] = salted[0].wrapping_add(other.max(1));
            prop_assert_ne!(fingerprint(&salted, &value), print.clone());
            prop_assert_ne!(fingerprint(&salt, &format!("{value}x")), print);
        }
    }

    #[test]
    fn broken_salts_are_refused() {
        for bad in ["AAECAw==", "AAEC+w", "A", "AAECAwQFBgcICQoLDA0ODx"] {
            assert_eq!(decode_base64url(bad), None, "{bad}");
        }
    }

    fn group(platform: DevicePlatform, management: Management, fingerprint: Option<&str>, count: u32) -> DeviceGroup {
        DeviceGroup { platform, management, fingerprint: fingerprint.map(Into::into), count }
    }

    #[test]
    fn each_management_kind_counts_where_it_belongs() {
        use DevicePlatform::{Android, Ios};
        use Management::{AndroidWithoutEnterprise, Managed, Unmanaged};
        let devices = [
            group(Ios, Managed, Some("aaaa"), 10),
            group(Android, Managed, Some("aaaa"), 5),
            group(Ios, Managed, Some("bbbb"), 3),
            group(Android, Managed, None, 7),
            group(Ios, Unmanaged, Some("aaaa"), 2),
            group(Android, Unmanaged, None, 4),
            group(Android, AndroidWithoutEnterprise, Some("aaaa"), 6),
        ];
        let summary = summarize(&devices, Some("aaaa"), None);
        let counts = |ready, no_value, other_value, unmanaged, without_enterprise| Counts {
            ready,
            no_value,
            other_value,
            previous_key: 0,
            unmanaged,
            without_enterprise,
        };
        assert_eq!(summary.all, counts(15, 7, 3, 6, 6));
        assert_eq!(summary.ios, counts(10, 0, 3, 2, 0));
        assert_eq!(summary.android, counts(5, 7, 0, 4, 6));
        assert_eq!(summary.all.total(), 37);
        assert_eq!((summary.all.waiting(), summary.all.never()), (10, 12));
        // A fresh key is carried by no device; without a key, none is ready either.
        for key in [Some("cccc"), None] {
            let fresh = summarize(&devices, key, None).all;
            assert_eq!(fresh.ready, 0);
            assert_eq!(fresh.other_value, 18);
        }
        // A rotation from "aaaa" to "cccc": the devices on "aaaa" are the previous key's, during the overlap and after.
        for valid in [true, false] {
            let rotated = summarize(&devices, Some("cccc"), Some(PreviousKey { fingerprint: "aaaa", valid })).all;
            assert_eq!((rotated.ready, rotated.previous_key, rotated.other_value), (0, 15, 3));
            assert_eq!(rotated.waiting(), 25);
        }
    }

    fn any_group() -> impl Strategy<Value = DeviceGroup> {
        let platform = prop_oneof![Just(DevicePlatform::Ios), Just(DevicePlatform::Android)];
        let management = prop_oneof![
            Just(Management::Managed),
            Just(Management::Unmanaged),
            Just(Management::AndroidWithoutEnterprise)
        ];
        let fingerprint = prop_oneof![
            Just(None),
            Just(Some("aaaa".to_owned())),
            Just(Some("bbbb".to_owned())),
            Just(Some("cccc".to_owned()))
        ];
        (platform, management, fingerprint, 1..1000u32).prop_map(|(platform, management, fingerprint, count)| {
            DeviceGroup { platform, management, fingerprint, count }
        })
    }

    proptest! {
        /// Readiness and the gate agree on every fleet row: a device counts as ready exactly when the gate lets it in
        /// with the key, and in the category named by the reason the gate gives.
        #[test]
        fn readiness_and_the_gate_agree_on_every_row(
            rows in prop::collection::vec(any_group(), 0..20), valid in any::<bool>(), with_previous in any::<bool>(),
        ) {
            let previous = with_previous.then_some(PreviousKey { fingerprint: "bbbb", valid });
            let rules = Rules { enabled: true, restrict_other_domains: false, key: Some("aaaa"), previous };
            let summary = summarize(&rows, Some("aaaa"), previous);
            let mut expected = Counts::default();
            for row in &rows {
                let device = Device { management: row.management, held: row.fingerprint.as_deref(), own_domain_account: true };
                let slot = match check(&rules, &device) {
                    Ok(Pass::Key) => &mut expected.ready,
                    Ok(Pass::PreviousKey) | Err(Reason::PreviousKey) => &mut expected.previous_key,
                    Err(Reason::NoValue) => &mut expected.no_value,
                    Err(Reason::OtherValue) => &mut expected.other_value,
                    Err(Reason::Unmanaged) => &mut expected.unmanaged,
                    Err(Reason::AndroidWithoutEnterprise) => &mut expected.without_enterprise,
                    other => panic!("the gate answered {other:?} for a member's own device"),
                };
                *slot += row.count;
            }
            prop_assert_eq!(summary.all, expected);
            prop_assert_eq!(summary.all.total(), rows.iter().map(|r| r.count).sum::<u32>());
            prop_assert_eq!(summary.ios.total() + summary.android.total(), summary.all.total());
        }
    }

    #[test]
    fn the_wire_shape_is_the_contract() {
        let json = r#"{"salt":"AAECAwQFBgcICQoLDA0ODw","windowDays":30,"generatedAt":"2026-11-27T10:00:00Z",
            "devices":[{"platform":"android","management":"android_without_enterprise","fingerprint":null,"count":3}]}"#;
        let readiness: Readiness = serde_json::from_str(json).unwrap();
        assert_eq!(readiness.devices[0], group(DevicePlatform::Android, Management::AndroidWithoutEnterprise, None, 3));
        assert_eq!(serde_json::to_value(&readiness).unwrap(), serde_json::from_str::<serde_json::Value>(json).unwrap());
    }
}
