//! Sign-in checks (`rollout.md` §3): what the gate decided for each sign-in and heartbeat, as
//! `GET /v1/security/mobile/mdm-sync/sign-ins` sends it, and the CSV file the console downloads from it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::gate::{Outcome, Reason};
use super::readiness::{DevicePlatform, Management};
use super::url::{percent_decode, percent_encode};

/// The periods the report offers, in days.
pub const PERIODS: [u32; 3] = [1, 7, 30];
/// The most events one page may hold.
pub const MAX_LIMIT: usize = 200;
/// What a page holds when the request names no limit.
pub const DEFAULT_LIMIT: usize = 50;

/// `GET …/sign-ins`: the period's summary, one page of events (newest first), and where the next page starts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SignIns {
    pub summary: SignInSummary,
    pub events: Vec<SignInEvent>,
    /// Opaque; `None` on the last page.
    pub next_cursor: Option<String>,
}

/// Counts over the whole period and filter, not only the page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SignInSummary {
    pub accepted: u32,
    pub refused: u32,
    pub would_refuse: u32,
    /// Refused and would-be-refused checks by reason; a reason with none is left out.
    pub by_reason: BTreeMap<Reason, u32>,
    /// Refused and would-be-refused checks by platform.
    pub by_platform: ByPlatform,
    /// How many members had at least one refused or would-be-refused check.
    #[serde(default)]
    pub members: u32,
    /// Refused and would-be-refused checks per UTC day of the period, oldest first, days without any included.
    #[serde(default)]
    pub by_day: Vec<DayCount>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayCount {
    /// `YYYY-MM-DD`, UTC.
    pub date: String,
    pub count: u32,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ByPlatform {
    pub ios: u32,
    pub android: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SignInEvent {
    pub id: String,
    /// RFC 3339, UTC.
    pub at: String,
    pub member: Member,
    pub device: DeviceInfo,
    pub outcome: Outcome,
    /// `None` exactly when `outcome` is `accepted`.
    pub reason: Option<Reason>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub id: String,
    pub name: String,
    pub email: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeviceInfo {
    pub platform: DevicePlatform,
    pub model: String,
    pub os_version: String,
    pub management: Management,
}

/// What a page of the report asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Query {
    /// One of [`PERIODS`].
    pub days: u32,
    /// `None`: refused and would-be-refused checks, the report's default; never `accepted` unless asked.
    pub outcome: Option<Outcome>,
    pub reason: Option<Reason>,
    pub cursor: Option<String>,
    /// 1 to [`MAX_LIMIT`].
    pub limit: usize,
}

impl Default for Query {
    fn default() -> Self {
        Self { days: 7, outcome: None, reason: None, cursor: None, limit: DEFAULT_LIMIT }
    }
}

/// Why a query string is refused (400 `bad_request`), naming the parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BadParameter(pub &'static str);

impl Query {
    /// The path and query string of this page, relative to the API's base.
    pub fn path(&self) -> String {
        let mut path = format!("{}?days={}", super::api::paths::MDM_SYNC_SIGN_INS, self.days);
        if let Some(outcome) = self.outcome {
            path.push_str("&outcome=");
            path.push_str(outcome.as_str());
        }
        if let Some(reason) = self.reason {
            path.push_str("&reason=");
            path.push_str(reason.as_str());
        }
        if let Some(cursor) = &self.cursor {
            // Cursors are the backend's own tokens; percent-encoded, so that any of them survives the query string.
            path.push_str("&cursor=");
            path.push_str(&percent_encode(cursor));
        }
        path.push_str(&format!("&limit={}", self.limit));
        path
    }

    /// Reads a query string (without `?`), as the mock receives it; unknown parameters are ignored.
    pub fn parse(query: &str) -> Result<Query, BadParameter> {
        let mut parsed = Query::default();
        for pair in query.split('&').filter(|pair| !pair.is_empty()) {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            match name {
                "days" => {
                    parsed.days = value.parse().ok().filter(|d| PERIODS.contains(d)).ok_or(BadParameter("days"))?;
                }
                "outcome" => {
                    parsed.outcome = Some(
                        [Outcome::Accepted, Outcome::Refused, Outcome::WouldRefuse]
                            .into_iter()
                            .find(|o| o.as_str() == value)
                            .ok_or(BadParameter("outcome"))?,
                    );
                }
                "reason" => parsed.reason = Some(Reason::parse(value).ok_or(BadParameter("reason"))?),
                "cursor" => parsed.cursor = Some(percent_decode(value).ok_or(BadParameter("cursor"))?),
                "limit" => {
                    parsed.limit =
                        value.parse().ok().filter(|l| (1..=MAX_LIMIT).contains(l)).ok_or(BadParameter("limit"))?;
                }
                _ => {}
            }
        }
        Ok(parsed)
    }

    /// Whether an event belongs to the pages of this query (its period aside).
    pub fn admits(&self, outcome: Outcome, reason: Option<Reason>) -> bool {
        let outcome_ok = match self.outcome {
            Some(wanted) => wanted == outcome,
            None => outcome != Outcome::Accepted,
        };
        outcome_ok && self.reason.is_none_or(|wanted| reason == Some(wanted))
    }
}

/// The CSV file's columns, in this order: the header row names them.
pub const CSV_COLUMNS: [&str; 10] = [
    "at",
    "member_id",
    "member_name",
    "member_email",
    "platform",
    "model",
    "os_version",
    "management",
    "outcome",
    "reason",
];

/// The events as CSV (RFC 4180): a byte order mark, so that spreadsheets read UTF-8 (Japanese and Korean names
/// included) instead of the locale's legacy code page; a header row; CRLF line ends; times in RFC 3339 as sent; every
/// field that holds a comma, a quote or a line break quoted. A field that a spreadsheet would run as a formula (it
/// starts with `=`, `+`, `-`, `@`, a tab or a carriage return) is prefixed with `'` (OWASP's CSV injection advice):
/// member names are typed by people.
pub fn to_csv<'a>(events: impl IntoIterator<Item = &'a SignInEvent>) -> String {
    let mut out = String::from("\u{feff}");
    push_row(&mut out, CSV_COLUMNS.iter().copied());
    for event in events {
        let platform = match event.device.platform {
            DevicePlatform::Ios => "ios",
            DevicePlatform::Android => "android",
        };
        let management = match event.device.management {
            Management::Managed => "managed",
            Management::Unmanaged => "unmanaged",
            Management::AndroidWithoutEnterprise => "android_without_enterprise",
        };
        push_row(
            &mut out,
            [
                event.at.as_str(),
                &event.member.id,
                &event.member.name,
                &event.member.email,
                platform,
                &event.device.model,
                &event.device.os_version,
                management,
                event.outcome.as_str(),
                event.reason.map_or("", Reason::as_str),
            ],
        );
    }
    out
}

fn push_row<'a>(out: &mut String, fields: impl IntoIterator<Item = &'a str>) {
    for (i, field) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let guarded = field.starts_with(['=', '+', '-', '@', '\t', '\r']);
        let field = if guarded { format!("'{field}") } else { field.to_owned() };
        if field.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&field);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn event(name: &str, outcome: Outcome, reason: Option<Reason>) -> SignInEvent {
        SignInEvent {
            id: "chk_1".into(),
            at: "2026-11-30T01:02:03Z".into(),
            member: Member { id: "m_1".into(), name: name.into(), email: "a@example.com".into() },
            device: DeviceInfo {
                platform: DevicePlatform::Android,
                model: "Pixel 8".into(),
                os_version: "15".into(),
                management: Management::Managed,
            },
            outcome,
            reason,
        }
    }

    /// A CSV reader as a spreadsheet reads it: quoted fields, doubled quotes, CRLF rows.
    fn parse_csv(text: &str) -> Vec<Vec<String>> {
        let mut rows = vec![];
        let mut row = vec![];
        let mut field = String::new();
        let mut quoted = false;
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match (quoted, c) {
                (true, '"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                (true, '"') => quoted = false,
                (true, c) => field.push(c),
                (false, '"') => quoted = true,
                (false, ',') => row.push(std::mem::take(&mut field)),
                (false, '\r') if chars.peek() == Some(&'\n') => {
                    chars.next();
                    row.push(std::mem::take(&mut field));
                    rows.push(std::mem::take(&mut row));
                }
                (false, c) => field.push(c),
            }
        }
        rows
    }

    #[test]
    fn the_csv_has_a_bom_a_header_and_japanese_and_korean_names_intact() {
        let csv = to_csv(&[
            event("山田 太郎", Outcome::Refused, Some(Reason::NoValue)),
            event("김민준", Outcome::WouldRefuse, Some(Reason::Unmanaged)),
        ]);
        assert!(csv.starts_with('\u{feff}'));
        let rows = parse_csv(csv.trim_start_matches('\u{feff}'));
        assert_eq!(rows[0], CSV_COLUMNS);
        assert_eq!(rows[1][2], "山田 太郎");
        assert_eq!(rows[2][2], "김민준");
        assert_eq!((rows[1][8].as_str(), rows[1][9].as_str()), ("refused", "no_value"));
        assert_eq!(rows[1][0], "2026-11-30T01:02:03Z");
    }

    proptest! {
        #[test]
        fn any_name_round_trips_and_never_runs_as_a_formula(name in "\\PC{0,40}") {
            let csv = to_csv(&[event(&name, Outcome::Accepted, None)]);
            let rows = parse_csv(csv.trim_start_matches('\u{feff}'));
            prop_assert_eq!(rows.len(), 2);
            let read = &rows[1][2];
            if name.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                prop_assert_eq!(read, &format!("'{name}"));
            } else {
                prop_assert_eq!(read, &name);
            }
            prop_assert_eq!(&rows[1][9], "");
        }

        #[test]
        fn a_query_reads_back_from_its_own_path(
            days in prop::sample::select(PERIODS.to_vec()), limit in 1..=MAX_LIMIT,
            reason in prop::option::of(prop::sample::select(Reason::ALL.to_vec())), cursor in prop::option::of("\\PC{1,30}"),
        ) {
            let query = Query { days, outcome: Some(Outcome::WouldRefuse), reason, cursor, limit };
            let path = query.path();
            let (_, string) = path.split_once('?').unwrap();
            prop_assert_eq!(Query::parse(string), Ok(query));
        }
    }

    #[test]
    fn bad_parameters_are_named() {
        assert_eq!(Query::parse("days=2"), Err(BadParameter("days")));
        assert_eq!(Query::parse("limit=201"), Err(BadParameter("limit")));
        assert_eq!(Query::parse("limit=0"), Err(BadParameter("limit")));
        assert_eq!(Query::parse("reason=typo"), Err(BadParameter("reason")));
        assert_eq!(Query::parse("outcome=maybe"), Err(BadParameter("outcome")));
        assert_eq!(Query::parse(""), Ok(Query::default()));
    }

    #[test]
    fn the_default_report_is_the_refusals() {
        let query = Query::default();
        assert!(query.admits(Outcome::Refused, Some(Reason::NoValue)));
        assert!(query.admits(Outcome::WouldRefuse, Some(Reason::Unmanaged)));
        assert!(!query.admits(Outcome::Accepted, None));
        let filtered = Query { reason: Some(Reason::NoValue), ..Query::default() };
        assert!(!filtered.admits(Outcome::Refused, Some(Reason::OtherValue)));
    }

    #[test]
    fn the_wire_shape_is_the_contract() {
        let page = SignIns {
            summary: SignInSummary {
                accepted: 3,
                refused: 1,
                would_refuse: 0,
                by_reason: BTreeMap::from([(Reason::NoValue, 1)]),
                by_platform: ByPlatform { ios: 0, android: 1 },
                members: 1,
                by_day: vec![DayCount { date: "2026-11-30".into(), count: 1 }],
            },
            events: vec![event("a", Outcome::Refused, Some(Reason::NoValue))],
            next_cursor: None,
        };
        let json = serde_json::to_value(&page).unwrap();
        assert_eq!(json["summary"]["wouldRefuse"], 0);
        assert_eq!(json["summary"]["byReason"]["no_value"], 1);
        assert_eq!(json["summary"]["byPlatform"]["android"], 1);
        assert_eq!(json["summary"]["byDay"][0]["date"], "2026-11-30");
        assert_eq!(json["events"][0]["device"]["osVersion"], "15");
        assert_eq!(json["events"][0]["outcome"], "refused");
        assert_eq!(json["nextCursor"], serde_json::Value::Null);
        assert_eq!(serde_json::from_value::<SignIns>(json).unwrap(), page);
    }
}
