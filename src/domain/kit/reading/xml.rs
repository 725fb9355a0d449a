//! The XML a paste may be: a plist's entries (`<key>name</key><string>value</string>`), as Intune, Jamf and
//! Workspace ONE take them, and the specfile entries of Japanese MDMs (`<string keyName="name">…<value>`).

use super::{is_blank, Candidate, Typed, Wrapper};
use crate::domain::kit::check::xml_unescape;

/// `text` after `<tag>`, up to `</tag>`.
fn element<'a>(text: &'a str, tag: &str) -> Option<&'a str> {
    let inner = text.strip_prefix('<')?.strip_prefix(tag)?.strip_prefix('>')?;
    let end = inner.find("</")?;
    inner[end..].strip_prefix("</")?.strip_prefix(tag)?.strip_prefix('>')?;
    Some(&inner[..end])
}

/// XML character data, decoded: entities, character references, CDATA.
fn xml_data(text: &str) -> String {
    match text.strip_prefix("<![CDATA[").and_then(|t| t.strip_suffix("]]>")) {
        Some(raw) => raw.to_owned(),
        None => xml_unescape(text),
    }
}

/// Plist entries (`<key>name</key><string>value</string>`, or `<integer>`, `<real>`) and specfile entries
/// (`<string keyName="name">…<value>value</value>`).
pub(super) fn xml_entries(text: &str, out: &mut Vec<Candidate>) {
    let mut rest = text;
    while let Some(at) = rest.find("<key>") {
        let after = &rest[at + "<key>".len()..];
        let Some(end) = after.find("</key>") else { break };
        let name = xml_data(&after[..end]);
        rest = &after[end + "</key>".len()..];
        let value = rest.trim_start_matches(is_blank);
        let read = if value.starts_with("<string/>") {
            Some((String::new(), Typed::String))
        } else if let Some(data) = element(value, "string") {
            Some((xml_data(data), Typed::String))
        } else {
            ["integer", "real"]
                .into_iter()
                .find_map(|tag| element(value, tag))
                .map(|data| (xml_data(data), Typed::Number))
        };
        if let Some((value, typed)) = read {
            out.push(Candidate::entry(Wrapper::Xml, name, value, typed, true));
        }
    }
    let mut rest = text;
    while let Some(at) = rest.find("keyName=") {
        let typed = match rest[..at].rsplit_once('<').map(|(_, tag)| tag.split_whitespace().next().unwrap_or("")) {
            Some("integer" | "float") => Typed::Number,
            _ => Typed::String,
        };
        let after = &rest[at + "keyName=".len()..];
        let Some(quote) = after.chars().next().filter(|c| matches!(c, '"' | '\'')) else {
            rest = after;
            continue;
        };
        let Some(end) = after[1..].find(quote) else { break };
        let name = xml_data(&after[1..1 + end]);
        rest = &after[1 + end..];
        let scope = rest.find("keyName=").map_or(rest, |next| &rest[..next]);
        if let Some(data) = scope.find("<value>").and_then(|start| element(&scope[start..], "value")) {
            out.push(Candidate::entry(Wrapper::Xml, name, xml_data(data), typed, true));
        }
    }
}
