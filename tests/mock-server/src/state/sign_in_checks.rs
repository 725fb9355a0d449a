//! `GET …/sign-ins`, and the checks that `POST /__mock/sign-ins` adds.

use mdm_console::domain::readiness::{DevicePlatform, Management};
use mdm_console::domain::sign_ins::{BadParameter, DeviceInfo, Query, SignInEvent, SignIns};
use mdm_console::domain::time::{format_rfc3339, parse_rfc3339};
use serde::Deserialize;

use super::{World, ADDED_OUTSIDERS};
use crate::fleet;
use crate::sign_ins::{judge, Added, Checks};

/// One item of `POST /__mock/sign-ins`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AddCheck {
    member_id: Option<String>,
    platform: DevicePlatform,
    management: Management,
    key_value: Option<String>,
    #[serde(default)]
    other_domain: bool,
    at: Option<String>,
}

impl World {
    /// `GET …/sign-ins`.
    pub fn sign_ins(&self, query: &Query, now: i64) -> Result<SignIns, BadParameter> {
        Checks { fleet: &self.fleet, history: &self.history, added: &self.added }.page(query, now)
    }

    /// `POST /__mock/sign-ins`: each check judged by the gate under the settings in force at its `at`.
    pub fn add_checks(&mut self, checks: Vec<AddCheck>, now: i64) -> Result<Vec<SignInEvent>, String> {
        let mut events = Vec::new();
        let mut added = Vec::new();
        for (n, check) in checks.into_iter().enumerate() {
            let at = match &check.at {
                None => now,
                Some(text) => parse_rfc3339(text).ok_or_else(|| format!("[{n}].at: not an RFC 3339 time"))?,
            };
            if at > now {
                return Err(format!("[{n}].at: after the mock's now ({})", format_rfc3339(now)));
            }
            if check.management == Management::AndroidWithoutEnterprise && check.platform == DevicePlatform::Ios {
                return Err(format!("[{n}]: android_without_enterprise is for the android platform"));
            }
            let k = (self.added.len() + added.len()) as u32;
            let member = match (&check.member_id, check.other_domain) {
                (Some(id), _) => match fleet::member_index(id).filter(|&i| i < self.member_count.max(1)) {
                    Some(index) => fleet::member(index),
                    None => {
                        return Err(format!(
                            "[{n}].memberId: no member {id:?} (mem_00000 to mem_{:05})",
                            self.member_count.max(1) - 1
                        ))
                    }
                },
                (None, true) => fleet::outsider(u64::from(k) ^ ADDED_OUTSIDERS),
                (None, false) => fleet::member(k % self.member_count.max(1)),
            };
            let held = check.key_value.as_deref().map(|value| self.print(value));
            let (outcome, reason) = judge(self.history.at(at), check.management, held.as_deref(), !check.other_domain);
            let (model, os_version) = match check.platform {
                DevicePlatform::Ios => ("iPhone 15", "18.2"),
                DevicePlatform::Android => ("Pixel 8", "15"),
            };
            let device = DeviceInfo {
                platform: check.platform,
                model: model.into(),
                os_version: os_version.into(),
                management: check.management,
            };
            added.push(Added { at, member, device, outcome, reason });
        }
        for (k, check) in added.iter().enumerate() {
            let index = self.fleet.len() + (self.added.len() + k) as u32;
            events.push(SignInEvent {
                id: format!("chk_{:x}_{index:x}", check.at),
                at: format_rfc3339(check.at),
                member: check.member.clone(),
                device: check.device.clone(),
                outcome: check.outcome,
                reason: check.reason,
            });
        }
        self.added.extend(added);
        Ok(events)
    }
}
