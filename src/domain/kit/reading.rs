//! What admins paste into the value check is rarely the value alone: a plist or JSON copied from the MDM's editor, a
//! row of a device report, a dump that an Android or iOS tool printed, or the value in quotes. Each is read here as
//! every value it could hold (a `Candidate`), with the name it is under; the check keeps the reading that makes the
//! most sense against the key (`check.rs`). Nothing here knows the key: a syntax is read the same for any value.

use crate::domain::api::CONFIG_KEY;

mod xml;

use xml::xml_entries;

/// What the value was found in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wrapper {
    /// XML: a plist `<dict>` (Intune's "Enter XML data", Jamf's Preferences, Ivanti's plist) or an AppConfig specfile.
    Xml,
    /// JSON: Intune's "Enter JSON data", the Android Management API's policy, any JSON object.
    Json,
    /// Android's `Bundle[{name=value}]`, as apps and `adb` print a managed configuration.
    AndroidBundle,
    /// `{ name = value; }`, as iOS and macOS print a dictionary (the managed configuration in a device's log).
    AppleDictionary,
    /// `name=value`.
    Equals,
    /// `name: value`.
    Colon,
    /// A row of a table or a report: the name, then a tab, spaces or a comma, then the value.
    Columns,
}

/// Where the value was read from, and the name it was under when that name is worth showing (the configuration key,
/// or a name close to it: never an unrelated text, which could be anything the admin pasted).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub wrapper: Wrapper,
    pub name: Option<String>,
}

/// The type the value was stored as, when the paste says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Typed {
    String,
    Number,
    Unknown,
}

/// One way of reading the paste.
#[derive(Clone, Debug)]
pub(super) struct Candidate {
    pub wrapper: Option<Wrapper>,
    /// The name the value is under, as written.
    pub name: Option<String>,
    pub value: String,
    pub typed: Typed,
    /// The quotes around the value, which the MDM would push as part of it.
    pub quoted: Option<(char, char)>,
    /// The wrapper's syntax decoded the value's escapes already: any escape left is one too many.
    pub decoded: bool,
    /// The reading the syntax gives. Other cuts of the same text are kept only when they turn out to be the key:
    /// a key may end with `;`, `}` or `,` itself.
    pub syntactic: bool,
}

impl Candidate {
    fn plain(value: String) -> Self {
        Candidate {
            wrapper: None,
            name: None,
            value,
            typed: Typed::Unknown,
            quoted: None,
            decoded: false,
            syntactic: true,
        }
    }

    fn entry(wrapper: Wrapper, name: String, value: String, typed: Typed, decoded: bool) -> Self {
        Candidate { wrapper: Some(wrapper), name: Some(name), value, typed, quoted: None, decoded, syntactic: true }
    }
}

/// Quotes that wrap a pasted value: ASCII, typographic, Japanese brackets, full-width.
const QUOTES: [(char, char); 13] = [
    ('"', '"'),
    ('\'', '\''),
    ('`', '`'),
    ('\u{201C}', '\u{201D}'),
    ('\u{2018}', '\u{2019}'),
    ('\u{201E}', '\u{201C}'),
    ('\u{201D}', '\u{201D}'),
    ('\u{00AB}', '\u{00BB}'),
    ('\u{300C}', '\u{300D}'),
    ('\u{300E}', '\u{300F}'),
    ('\u{301D}', '\u{301F}'),
    ('\u{FF02}', '\u{FF02}'),
    ('\u{FF07}', '\u{FF07}'),
];

/// Every reading of `pasted`: the text as it is first, then the value inside quotes, then each entry of each syntax.
pub(super) fn candidates(pasted: &str) -> Vec<Candidate> {
    let mut out = vec![Candidate::plain(pasted.to_owned())];
    if let Some(candidate) = unquoted(pasted) {
        out.push(candidate);
    }
    xml_entries(pasted, &mut out);
    quoted_name_entries(pasted, &mut out);
    bare_name_entries(pasted, &mut out);
    out
}

/// How close a name is to the configuration key: `None` when it is the key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum NameMatch {
    Unrelated,
    Spelling,
    LetterCase,
    Exact,
}

pub(super) fn name_match(name: &str) -> NameMatch {
    if name == CONFIG_KEY {
        return NameMatch::Exact;
    }
    if name.eq_ignore_ascii_case(CONFIG_KEY) {
        return NameMatch::LetterCase;
    }
    let folded: String =
        name.chars().filter(|c| !matches!(c, '_' | '-' | '.' | ' ')).flat_map(char::to_lowercase).collect();
    let target = CONFIG_KEY.to_ascii_lowercase();
    let close = folded.contains("authcode") || folded.contains("lineworks") || edit_distance(&folded, &target) <= 4;
    if close {
        NameMatch::Spelling
    } else {
        NameMatch::Unrelated
    }
}

/// Levenshtein distance, in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1).min(row[j] + 1).min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

fn is_blank(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{3000}')
}

/// The value inside one pair of quotes, with what surrounds the quotes kept: a line break after them is a mistake
/// of its own.
fn unquoted(pasted: &str) -> Option<Candidate> {
    let inner = pasted.trim_matches(is_blank);
    let (open, close) = QUOTES
        .into_iter()
        .find(|&(open, close)| inner.chars().count() > 2 && inner.starts_with(open) && inner.ends_with(close))?;
    let start = pasted.len() - pasted.trim_start_matches(is_blank).len();
    let end = pasted.trim_end_matches(is_blank).len();
    let value =
        format!("{}{}{}", &pasted[..start], &inner[open.len_utf8()..inner.len() - close.len_utf8()], &pasted[end..]);
    Some(Candidate { quoted: Some((open, close)), ..Candidate::plain(value) })
}

/// A string literal at the start of `text` (JSON's, or OpenStep's with `\U` escapes): its value and the rest of
/// the text after it.
fn literal(text: &str) -> Option<(String, &str)> {
    quoted_text(text, true)
}

/// A quoted field at the start of `text`: with backslash escapes (JSON, OpenStep, YAML), or with a doubled quote
/// for a quote and backslashes as they are (CSV).
fn quoted_text(text: &str, backslashes: bool) -> Option<(String, &str)> {
    let quote = text.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let mut value = String::new();
    let mut chars = text[1..].char_indices();
    while let Some((at, c)) = chars.next() {
        match c {
            c if c == quote => {
                let rest = &text[1 + at + 1..];
                if !backslashes && rest.starts_with(quote) {
                    value.push(quote);
                    chars.next();
                    continue;
                }
                return Some((value, rest));
            }
            '\\' if backslashes => {
                let (_, escaped) = chars.next()?;
                match escaped {
                    'n' => value.push('\n'),
                    'r' => value.push('\r'),
                    't' => value.push('\t'),
                    'b' => value.push('\u{8}'),
                    'f' => value.push('\u{c}'),
                    'u' | 'U' => {
                        let hex: String = chars.by_ref().take(4).map(|(_, c)| c).collect();
                        value.push(u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32)?);
                    }
                    other => value.push(other),
                }
            }
            c => value.push(c),
        }
    }
    None
}

/// A number literal at the start of `text`: JSON's, which an MDM writes for a value stored as a number.
fn number_literal(text: &str) -> Option<&str> {
    let len = text
        .char_indices()
        .take_while(|&(at, c)| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+') || (c == '-' && at == 0))
        .count();
    let (number, rest) = text.split_at(len);
    let ends = rest.chars().next().is_none_or(|c| is_blank(c) || matches!(c, ',' | '}' | ']' | ';'));
    (ends && number.bytes().any(|b| b.is_ascii_digit())).then_some(number)
}

/// Entries whose name is in quotes: JSON and Swift (`"name": value`), OpenStep (`"name" = value;`), CSV
/// (`"name","value"`) and tab-separated quoted fields. Intune's managed properties
/// (`{"key": "name", "valueString": "value"}`) become one entry under their `key`.
fn quoted_name_entries(text: &str, out: &mut Vec<Candidate>) {
    let mut entries: Vec<(Candidate, bool)> = Vec::new();
    let mut at = 0;
    while at < text.len() {
        let Some((name, rest)) =
            text[at..].chars().next().filter(|c| matches!(c, '"' | '\'')).and_then(|_| literal(&text[at..]))
        else {
            at += text[at..].chars().next().map_or(1, char::len_utf8);
            continue;
        };
        let after_name = text.len() - rest.len();
        let spaced = rest.trim_start_matches([' ', '\t']);
        let (wrapper, value_text) = match spaced.chars().next() {
            Some(':') => (Wrapper::Json, &spaced[1..]),
            Some('=') => (Wrapper::AppleDictionary, &spaced[1..]),
            Some(',' | '\t') if name_match(&name) > NameMatch::Unrelated => (Wrapper::Columns, &spaced[1..]),
            _ => {
                at = after_name;
                continue;
            }
        };
        let value_text = value_text.trim_start_matches(is_blank);
        let value_start = text.len() - value_text.len();
        let read = if let Some((value, rest)) = quoted_text(value_text, wrapper != Wrapper::Columns) {
            Some((value, Typed::String, text.len() - rest.len()))
        } else if let Some(number) = number_literal(value_text) {
            Some((number.to_owned(), Typed::Number, value_start + number.len()))
        } else if value_text.starts_with(['{', '[']) {
            // A nested object or array: its own entries are read as the scan goes on.
            None
        } else {
            let end = value_text.find([',', ';', '}', ']', '\n']).unwrap_or(value_text.len());
            Some((value_text[..end].trim_end_matches(is_blank).to_owned(), Typed::Unknown, value_start + end))
        };
        match read {
            Some((value, typed, end)) => {
                entries.push((Candidate::entry(wrapper, name, value, typed, true), typed == Typed::String));
                at = end;
            }
            None => at = value_start,
        }
    }
    let mut index = 0;
    while index < entries.len() {
        let combined = match (&entries[index].0, entries.get(index + 1)) {
            (property, Some((value, _))) if property.name.as_deref() == Some("key") => {
                let value_name = value.name.as_deref().unwrap_or("");
                value_name.starts_with("value").then(|| Candidate {
                    name: Some(property.value.clone()),
                    typed: if value_name == "valueString" { Typed::String } else { Typed::Number },
                    ..value.clone()
                })
            }
            _ => None,
        };
        match combined {
            Some(candidate) => {
                out.push(candidate);
                index += 2;
            }
            None => {
                out.push(entries[index].0.clone());
                index += 1;
            }
        }
    }
}

/// Entries whose name is written bare, line by line: `name=value` (Android's `Bundle[{…}]` too), `name = value;`
/// (iOS), `name: value`, and a report's `name<TAB>value`. A bare name counts only when it is the configuration key or
/// close to it: anything else before a `=` or a space may be part of a value.
fn bare_name_entries(text: &str, out: &mut Vec<Candidate>) {
    let bundle = text.trim_start_matches(is_blank).starts_with("Bundle[");
    for line in text.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let mut starts = vec![0];
        starts.extend(
            line.char_indices().filter(|&(_, c)| matches!(c, '{' | '[' | '(' | ',' | ';')).map(|(at, _)| at + 1),
        );
        for start in starts {
            let rest = line[start..].trim_start_matches([' ', '\t']);
            let len = rest
                .char_indices()
                .take_while(|&(at, c)| c.is_ascii_alphanumeric() || c == '_' || (at > 0 && matches!(c, '.' | '-')))
                .count();
            let name = &rest[..len];
            if name.is_empty() || name_match(name) == NameMatch::Unrelated {
                continue;
            }
            let after = &rest[len..];
            let spaced = after.trim_start_matches([' ', '\t']);
            let separated = match spaced.chars().next() {
                Some('=') if bundle => Some((Wrapper::AndroidBundle, &spaced[1..])),
                Some('=') => Some((Wrapper::Equals, &spaced[1..])),
                Some(':') => Some((Wrapper::Colon, &spaced[1..])),
                Some(',') if start == 0 => Some((Wrapper::Columns, &spaced[1..])),
                _ => None,
            };
            // After a tab or spaces, a report's next column may itself begin with `=` or `:`: both are read.
            let columns =
                (start == 0 && !spaced.is_empty() && spaced.len() < after.len()).then_some((Wrapper::Columns, spaced));
            for (wrapper, region) in separated.into_iter().chain(columns) {
                let region = region.trim_start_matches([' ', '\t']);
                entries_of_region(wrapper, name, region, after.contains('\t'), out);
            }
        }
    }
}

/// The value a bare name's region holds, by its syntax, and the other cuts of it (each kept only if it is the key).
fn entries_of_region(wrapper: Wrapper, name: &str, region: &str, tabbed: bool, out: &mut Vec<Candidate>) {
    let trimmed = region.trim_end_matches([' ', '\t']);
    let as_read = wrapper;
    // `name = value;` is how iOS prints a dictionary; a `;` may also end a key of its own (the cuts below).
    let apple = wrapper == Wrapper::Equals && trimmed.ends_with(';');
    let wrapper = if apple { Wrapper::AppleDictionary } else { wrapper };
    let mut typed = Typed::Unknown;
    let syntactic: String = match wrapper {
        Wrapper::AndroidBundle => {
            // The next entry starts at ", name=".
            let next = trimmed.match_indices(", ").map(|(at, _)| at).find(|&at| {
                let rest = &trimmed[at + 2..];
                let len =
                    rest.chars().take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')).count();
                len > 0 && rest[len..].starts_with('=')
            });
            match next {
                Some(at) => trimmed[..at].to_owned(),
                None => trimmed.strip_suffix("}]").unwrap_or(trimmed).to_owned(),
            }
        }
        Wrapper::AppleDictionary => {
            let bare = &trimmed[..trimmed.len() - 1];
            match literal(bare) {
                Some((value, "")) => value,
                _ => bare.to_owned(),
            }
        }
        Wrapper::Colon => match literal(trimmed) {
            Some((value, rest)) if rest.trim_start_matches([',', ' ']).is_empty() => value,
            _ => trimmed.to_owned(),
        },
        Wrapper::Columns => {
            // A report's further columns: the value's type, when it says.
            let (value, more) = if tabbed {
                trimmed.split_once('\t').unwrap_or((trimmed, ""))
            } else {
                trimmed.split_once("  ").unwrap_or((trimmed, ""))
            };
            let more = more.trim_matches(is_blank).to_ascii_lowercase();
            if matches!(more.as_str(), "integer" | "int" | "number" | "real" | "float" | "double") {
                typed = Typed::Number;
            } else if more == "string" {
                typed = Typed::String;
            }
            value.to_owned()
        }
        _ => trimmed.to_owned(),
    };
    let syntactic_candidate = Candidate::entry(wrapper, name.to_owned(), syntactic.clone(), typed, false);
    let mut cuts: Vec<usize> = region
        .char_indices()
        .filter(|&(_, c)| matches!(c, ',' | ';' | '}' | ']' | ')' | '"' | '\'' | ' ' | '\t'))
        .map(|(at, _)| at)
        .collect();
    cuts.push(region.len());
    for cut in cuts {
        let value = &region[..cut];
        if !value.is_empty() && value != syntactic {
            let wrapper = Some(as_read);
            out.push(Candidate { syntactic: false, wrapper, value: value.to_owned(), ..syntactic_candidate.clone() });
        }
    }
    out.push(syntactic_candidate);
}
