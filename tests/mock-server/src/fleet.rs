//! The seeded fleet, device by device: each group of `POST /__mock/reset`'s `devices` expanded into individual
//! devices, each with its member (a realistic Japanese, Korean or English name and an email), its model and OS
//! version, and its own pace of checking in. Everything is a pure function of the device's index, so that the same
//! seed gives the same fleet, and nothing per event is ever stored.

use mdm_console::domain::readiness::{DevicePlatform, Management};
use mdm_console::domain::sign_ins::{DeviceInfo, Member};

/// The domain of the members' email addresses (the admin's own).
pub const EMAIL_DOMAIN: &str = "nimbus-logistics.example.com";
/// Accounts of another domain of the group that sign in on this domain's devices.
pub const OTHER_EMAIL_DOMAIN: &str = "nimbus-freight.example.com";
/// The shortest and longest time between two check-ins of one device.
pub const MIN_PERIOD_SECS: u32 = 2 * 3600;
pub const MAX_PERIOD_SECS: u32 = 12 * 3600;
/// Out of 1,000 devices, this many are used with an account of another domain.
const OTHER_DOMAIN_PER_MILLE: u64 = 30;

/// Devices that report the same platform, management and held value: one seeded group.
pub struct Group {
    /// Device indices `start..end`.
    pub start: u32,
    pub end: u32,
    pub platform: DevicePlatform,
    pub management: Management,
    /// The readiness fingerprint of the value its devices hold; `None`: they hold none.
    pub fingerprint: Option<String>,
}

pub struct Fleet {
    pub groups: Vec<Group>,
    /// Per device: seconds between two check-ins, and the offset of its check-ins (`phase + k * period`, in Unix
    /// seconds).
    period: Vec<u32>,
    phase: Vec<u32>,
    /// Per device: used with another domain's account.
    other: Vec<bool>,
    /// The indices of those devices, ascending.
    others: Vec<u32>,
    member_count: u32,
}

/// SplitMix64: a fast, well-mixed hash of an index, the source of every per-device choice.
pub fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

impl Fleet {
    /// `groups`: (platform, management, fingerprint, count), in the seed's order.
    pub fn new(
        seeded: impl IntoIterator<Item = (DevicePlatform, Management, Option<String>, u32)>,
        members: u32,
    ) -> Self {
        let mut groups = Vec::new();
        let mut start = 0u32;
        for (platform, management, fingerprint, count) in seeded {
            let end = start.saturating_add(count);
            groups.push(Group { start, end, platform, management, fingerprint });
            start = end;
        }
        let total = start as usize;
        let (mut period, mut phase, mut other) =
            (Vec::with_capacity(total), Vec::with_capacity(total), Vec::with_capacity(total));
        let mut others = Vec::new();
        for i in 0..start {
            let h = mix(u64::from(i));
            // Whole minutes from 2 to 12 hours.
            let p = MIN_PERIOD_SECS + (h % u64::from((MAX_PERIOD_SECS - MIN_PERIOD_SECS) / 60 + 1)) as u32 * 60;
            period.push(p);
            phase.push(((h >> 24) % u64::from(p)) as u32);
            let is_other = (h >> 48) % 1000 < OTHER_DOMAIN_PER_MILLE;
            other.push(is_other);
            if is_other {
                others.push(i);
            }
        }
        Self { groups, period, phase, other, others, member_count: members.max(1) }
    }

    pub fn len(&self) -> u32 {
        self.groups.last().map_or(0, |g| g.end)
    }

    pub fn is_other_domain(&self, device: u32) -> bool {
        self.other[device as usize]
    }

    /// The devices of `group` used with another domain's account, ascending.
    pub fn others_in(&self, group: &Group) -> &[u32] {
        let from = self.others.partition_point(|&i| i < group.start);
        let to = self.others.partition_point(|&i| i < group.end);
        &self.others[from..to]
    }

    pub fn group_of(&self, device: u32) -> &Group {
        let index = self.groups.partition_point(|g| g.end <= device);
        &self.groups[index]
    }

    /// The first check-in of `device` at or after `from`.
    pub fn first_at_or_after(&self, device: u32, from: i64) -> i64 {
        let (p, phase) = (i64::from(self.period[device as usize]), i64::from(self.phase[device as usize]));
        from + (phase - from).rem_euclid(p)
    }

    pub fn period(&self, device: u32) -> i64 {
        i64::from(self.period[device as usize])
    }

    /// How many check-ins `device` makes in `[from, to)`.
    pub fn count_in(&self, device: u32, from: i64, to: i64) -> u64 {
        if to <= from {
            return 0;
        }
        let (p, phase) = (i64::from(self.period[device as usize]), i64::from(self.phase[device as usize]));
        // Check-ins at or before t: floor((t - phase) / p) + constant.
        let upto = |t: i64| (t - phase).div_euclid(p);
        (upto(to - 1) - upto(from - 1)) as u64
    }

    /// The index of the domain's member who signs in on `device` (for a device of the domain's own accounts).
    pub fn member_of(&self, device: u32) -> u32 {
        device % self.member_count
    }

    /// Who signs in on `device`: one of the domain's members, or another domain's account.
    pub fn member(&self, device: u32) -> Member {
        if self.is_other_domain(device) {
            return outsider(u64::from(device));
        }
        member(self.member_of(device))
    }

    pub fn device_info(&self, device: u32) -> DeviceInfo {
        let group = self.group_of(device);
        let h = mix(u64::from(device) ^ 0x6d6f_6465_6c73);
        let (model, versions) = match group.platform {
            DevicePlatform::Ios => IOS_MODELS[(h % IOS_MODELS.len() as u64) as usize],
            DevicePlatform::Android => ANDROID_MODELS[(h % ANDROID_MODELS.len() as u64) as usize],
        };
        DeviceInfo {
            platform: group.platform,
            model: model.to_owned(),
            os_version: versions[((h >> 32) % versions.len() as u64) as usize].to_owned(),
            management: group.management,
        }
    }
}

/// A salt of the other-domain names, so that they differ from the members'.
const OTHER_SALT: u64 = 0x6f74_6865_7273;

/// Member `index` of the domain: `mem_00042`, a name and an email, unique for every index.
pub fn member(index: u32) -> Member {
    let (name, local) = person(u64::from(index), 1);
    Member { id: format!("mem_{index:05}"), name, email: format!("{local}@{EMAIL_DOMAIN}") }
}

/// An account of another domain of the group, `seed` choosing which.
pub fn outsider(seed: u64) -> Member {
    let (name, local) = person(seed ^ OTHER_SALT, 0);
    Member { id: format!("ext_{:06}", seed % 1_000_000), name, email: format!("{local}@{OTHER_EMAIL_DOMAIN}") }
}

/// The member index of a member id, if it is one of the domain's.
pub fn member_index(id: &str) -> Option<u32> {
    let digits = id.strip_prefix("mem_")?;
    (digits.len() == 5 && digits.bytes().all(|b| b.is_ascii_digit())).then(|| digits.parse().ok()).flatten()
}

/// A person's display name and the local part of their email. Half of the names are Japanese, a quarter Korean and a
/// quarter English; within each, every index gets its own pair of names until they run out, then a number in the
/// email keeps addresses unique. `sequential` 0 scatters the names (another domain's accounts).
fn person(index: u64, sequential: u64) -> (String, String) {
    let index = if sequential == 0 { mix(index) % 1_000_000 } else { index };
    let (culture, k) = match index % 4 {
        0 | 1 => (0, index / 4 * 2 + index % 4),
        2 => (1, index / 4),
        _ => (2, index / 4),
    };
    type Names = &'static [(&'static str, &'static str)];
    let pick = |family: Names, given: Names| {
        let (f, g) = (family.len() as u64, given.len() as u64);
        let family_at = (k % f) as usize;
        let given_at = ((k / f % g + k % f) % g) as usize;
        let round = k / (f * g);
        (family[family_at], given[given_at], round)
    };
    let ((family, family_latin), (given, given_latin), round) = match culture {
        0 => pick(JA_FAMILY, JA_GIVEN),
        1 => pick(KO_FAMILY, KO_GIVEN),
        _ => pick(EN_FAMILY, EN_GIVEN),
    };
    let name = match culture {
        0 => format!("{family} {given}"),
        1 => format!("{family}{given}"),
        _ => format!("{given} {family}"),
    };
    let number = if round == 0 { String::new() } else { (round + 1).to_string() };
    (name, format!("{given_latin}.{family_latin}{number}"))
}

const JA_FAMILY: &[(&str, &str)] = &[
    ("佐藤", "sato"),
    ("鈴木", "suzuki"),
    ("高橋", "takahashi"),
    ("田中", "tanaka"),
    ("伊藤", "ito"),
    ("渡辺", "watanabe"),
    ("山本", "yamamoto"),
    ("中村", "nakamura"),
    ("小林", "kobayashi"),
    ("加藤", "kato"),
    ("吉田", "yoshida"),
    ("山田", "yamada"),
    ("佐々木", "sasaki"),
    ("松本", "matsumoto"),
    ("井上", "inoue"),
    ("木村", "kimura"),
];
const JA_GIVEN: &[(&str, &str)] = &[
    ("太郎", "taro"),
    ("花子", "hanako"),
    ("翔太", "shota"),
    ("陽菜", "hina"),
    ("健一", "kenichi"),
    ("美咲", "misaki"),
    ("大輔", "daisuke"),
    ("結衣", "yui"),
    ("拓也", "takuya"),
    ("さくら", "sakura"),
    ("直樹", "naoki"),
    ("愛", "ai"),
    ("蓮", "ren"),
    ("葵", "aoi"),
    ("悠真", "yuma"),
];
const KO_FAMILY: &[(&str, &str)] = &[
    ("김", "kim"),
    ("이", "lee"),
    ("박", "park"),
    ("최", "choi"),
    ("정", "jung"),
    ("강", "kang"),
    ("조", "cho"),
    ("윤", "yoon"),
    ("장", "jang"),
    ("임", "lim"),
    ("한", "han"),
    ("오", "oh"),
];
const KO_GIVEN: &[(&str, &str)] = &[
    ("민준", "minjun"),
    ("서연", "seoyeon"),
    ("지호", "jiho"),
    ("하은", "haeun"),
    ("도윤", "doyoon"),
    ("수아", "sua"),
    ("예준", "yejun"),
    ("지우", "jiwoo"),
    ("시우", "siwoo"),
    ("서윤", "seoyun"),
    ("주원", "juwon"),
    ("민서", "minseo"),
    ("현우", "hyunwoo"),
];
const EN_FAMILY: &[(&str, &str)] = &[
    ("Wilson", "wilson"),
    ("Smith", "smith"),
    ("Brown", "brown"),
    ("Taylor", "taylor"),
    ("Johnson", "johnson"),
    ("Walker", "walker"),
    ("Harris", "harris"),
    ("Clark", "clark"),
    ("Lewis", "lewis"),
    ("Young", "young"),
    ("King", "king"),
    ("Wright", "wright"),
    ("Scott", "scott"),
    ("Green", "green"),
];
const EN_GIVEN: &[(&str, &str)] = &[
    ("Emma", "emma"),
    ("Liam", "liam"),
    ("Olivia", "olivia"),
    ("Noah", "noah"),
    ("Ava", "ava"),
    ("James", "james"),
    ("Sophia", "sophia"),
    ("Lucas", "lucas"),
    ("Mia", "mia"),
    ("Ethan", "ethan"),
    ("Grace", "grace"),
    ("Daniel", "daniel"),
    ("Chloe", "chloe"),
];

const IOS_MODELS: &[(&str, &[&str])] = &[
    ("iPhone 16", &["18.1.1", "18.2"]),
    ("iPhone 15", &["17.6.1", "18.1.1", "18.2"]),
    ("iPhone 15 Pro", &["17.6.1", "18.1.1", "18.2"]),
    ("iPhone 14", &["17.6.1", "18.1.1"]),
    ("iPhone 13", &["16.7.10", "17.6.1", "18.1.1"]),
    ("iPhone SE (3rd generation)", &["16.7.10", "17.6.1", "18.2"]),
    ("iPad Air", &["17.6.1", "18.2"]),
    ("iPad (10th generation)", &["17.6.1", "18.1.1"]),
];
const ANDROID_MODELS: &[(&str, &[&str])] = &[
    ("Pixel 9", &["15"]),
    ("Pixel 8", &["14", "15"]),
    ("Pixel 7a", &["14", "15"]),
    ("Galaxy S24", &["14", "15"]),
    ("Galaxy A54 5G", &["13", "14"]),
    ("Xperia 10 V", &["13", "14"]),
    ("AQUOS sense8", &["13", "14"]),
    ("Galaxy Tab S9", &["14"]),
];

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn member_emails_and_ids_are_unique_and_names_mix_three_languages() {
        let members: Vec<Member> = (0..5_000).map(member).collect();
        let emails: HashSet<_> = members.iter().map(|m| m.email.as_str()).collect();
        assert_eq!(emails.len(), members.len());
        assert!(members.iter().any(|m| m.name.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))));
        assert!(members.iter().any(|m| m.name.chars().any(|c| ('\u{ac00}'..='\u{d7a3}').contains(&c))));
        assert!(members.iter().any(|m| m.name.is_ascii()));
        assert_eq!(member_index(&members[42].id), Some(42));
        assert_eq!(member_index("ext_000042"), None);
    }

    #[test]
    fn check_ins_are_counted_as_they_are_walked() {
        let fleet = Fleet::new([(DevicePlatform::Ios, Management::Managed, None, 50)], 10);
        for device in 0..50 {
            let p = fleet.period(device);
            assert!((i64::from(MIN_PERIOD_SECS)..=i64::from(MAX_PERIOD_SECS)).contains(&p));
            let (from, to) = (1_800_000_000 + i64::from(device) * 77, 1_800_000_000 + 3 * 86_400);
            let mut t = fleet.first_at_or_after(device, from);
            let mut walked = 0;
            while t < to {
                walked += 1;
                t += p;
            }
            assert_eq!(fleet.count_in(device, from, to), walked, "{device}");
        }
    }

    #[test]
    fn a_small_share_signs_in_with_other_domains_accounts() {
        let fleet = Fleet::new([(DevicePlatform::Android, Management::Managed, None, 10_000)], 1024);
        let share = fleet.others_in(&fleet.groups[0]).len();
        assert!((150..=450).contains(&share), "{share}");
        let first = fleet.others_in(&fleet.groups[0])[0];
        assert!(fleet.member(first).email.ends_with(OTHER_EMAIL_DOMAIN));
    }
}
