//! "Does my MDM hold the right value?": what the admin pastes from their MDM, a device's report or a document,
//! compared with the saved key and the draft's, and every usual reason it differs named in the admin's words.
//!
//! A paste is read every way it can be (`reading.rs`: the text as it is, inside quotes, each entry of a plist, JSON,
//! report row or dump), each reading is compared with each key, and the verdict is the reading that makes the most
//! sense: one that is a key first. A key is printable ASCII without spaces (`key.md`), so everything else a value
//! holds is a mistake of copying, typing or storing, and is named as such.

use std::cmp::Reverse;

use super::number::as_number;
use super::reading::{candidates, name_match, Candidate, Found, NameMatch, Typed, Wrapper};
use super::verdict::{Against, Difference, Escape, Lookalike, NameProblem, NumberSign, Reading, Verdict};
use super::{Field, Mdm};

/// Compares `pasted` with the `saved` key and the `draft` key (when it is another one, not saved yet), for the
/// `mdm` the admin uses: whether an escape is right depends on what its field takes.
pub fn check_value(pasted: &str, saved: Option<&str>, draft: Option<&str>, mdm: Mdm) -> Verdict {
    if pasted.trim().is_empty() {
        return Verdict::Empty;
    }
    let draft = draft.filter(|draft| saved != Some(*draft));
    let keys: Vec<(Against, &str)> =
        saved.map(|key| (Against::Saved, key)).into_iter().chain(draft.map(|key| (Against::Draft, key))).collect();
    if keys.is_empty() {
        return Verdict::NothingSaved;
    }
    if let Some(&(against, _)) = keys.iter().find(|(_, key)| *key == pasted) {
        return Verdict::Read(Reading { against, found_in: None, differences: Vec::new() });
    }
    let readings = candidates(pasted);
    let mut best: Option<(Rank, Reading)> = None;
    for (index, candidate) in readings.iter().enumerate() {
        for &(against, key) in &keys {
            let (reading, closeness) = read(candidate, key, against, mdm.field());
            if !candidate.syntactic && !reading.is_the_key() {
                continue;
            }
            let name = candidate.name.as_deref().map_or(NameMatch::Unrelated, name_match);
            let rank = Rank {
                matches: reading.matches(),
                is_the_key: reading.is_the_key(),
                name,
                saved: reading.is_the_key() || against == Against::Saved,
                closeness,
                fewer: Reverse(reading.differences.iter().filter(|d| d.is_mistake()).count()),
                earlier: Reverse(index),
            };
            if best.as_ref().is_none_or(|(best, _)| rank > *best) {
                best = Some((rank, reading));
            }
        }
    }
    let (rank, mut reading) = best.expect("the paste itself is always read");
    // A configuration was pasted, but nothing in it is the key or under its name: say that, rather than compare the
    // whole text with the key.
    let opens = pasted.trim_start().chars().next();
    let structured = readings.iter().find_map(|c| match (c.wrapper, opens) {
        (Some(Wrapper::Xml), Some('<')) => Some(Wrapper::Xml),
        (Some(Wrapper::Json), Some('{' | '[')) => Some(Wrapper::Json),
        _ => None,
    });
    // A value that shares much of the key is that value, however it begins (a key may hold `{` and `"…":`).
    let key_len =
        keys.iter().find(|(against, _)| *against == reading.against).map_or(0, |(_, key)| key.chars().count());
    let far = rank.closeness * 2 < key_len;
    if let (Some(wrapper), false, NameMatch::Unrelated, true) = (structured, rank.is_the_key, rank.name, far) {
        reading = Reading {
            against: reading.against,
            found_in: Some(Found { wrapper, name: None }),
            differences: vec![Difference::Name(NameProblem::Absent)],
        };
    }
    Verdict::Read(reading)
}

/// The order of readings, best last: one that is exactly a key, then one that is a key in a wrong form; then (for
/// another value) one under the key's name, read by its syntax, about the saved key, sharing most with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Rank {
    matches: bool,
    is_the_key: bool,
    name: NameMatch,
    saved: bool,
    closeness: usize,
    fewer: Reverse<usize>,
    earlier: Reverse<usize>,
}

/// One reading of the paste against one key, and how much of the key it gets right.
fn read(candidate: &Candidate, key: &str, against: Against, field: Field) -> (Reading, usize) {
    let mut differences = Vec::new();
    if let Some((open, close)) = candidate.quoted {
        differences.push(Difference::Quoted { open, close });
    }
    let mut found_in = None;
    if let (Some(wrapper), Some(name)) = (candidate.wrapper, candidate.name.as_deref()) {
        let shown = match name_match(name) {
            NameMatch::Exact => Some(name.to_owned()),
            NameMatch::LetterCase => {
                differences.push(Difference::Name(NameProblem::LetterCase(name.to_owned())));
                Some(name.to_owned())
            }
            NameMatch::Spelling => {
                differences.push(Difference::Name(NameProblem::Spelling(name.to_owned())));
                Some(name.to_owned())
            }
            NameMatch::Unrelated => {
                differences.push(Difference::Name(NameProblem::Other));
                None
            }
        };
        found_in = Some(Found { wrapper, name: shown });
    }
    // A syntax that decoded the value leaves no escape to be right.
    let field = if candidate.decoded { Field::Plain } else { field };
    let closeness = compare(&candidate.value, key, field, candidate.typed, &mut differences);
    (Reading { against, found_in, differences }, closeness)
}

/// Names what differs between `value` and `key`, and returns how much of the key the cleaned value gets right.
fn compare(value: &str, key: &str, field: Field, typed: Typed, differences: &mut Vec<Difference>) -> usize {
    let mut cleaned = clean(value, differences);
    // Unescaping is a guess (a key may hold `&amp;` or `\\` itself): it counts only if the value then is the key, or
    // closer to it.
    for escape in [Escape::Xml, Escape::Json] {
        if cleaned == key {
            break;
        }
        let unescaped = match escape {
            Escape::Xml => xml_unescape(&cleaned),
            Escape::Json => json_unescape(&cleaned).unwrap_or_else(|| cleaned.clone()),
        };
        if unescaped != cleaned && (unescaped == key || closeness(&unescaped, key) > closeness(&cleaned, key)) {
            cleaned = unescaped;
            differences.push(Difference::Escaped { escape, right_here: field == escape.field() });
        }
    }
    if cleaned != key {
        if let Some(sign) = as_number(&cleaned, key) {
            differences.push(Difference::AsNumber(sign));
            return key.chars().count();
        }
    }
    if typed == Typed::Number {
        differences.push(Difference::AsNumber(NumberSign::Typed));
    }
    if cleaned != key {
        if cleaned.to_lowercase() == key.to_lowercase() {
            differences.push(Difference::LetterCase);
        } else {
            differences.push(positional(&cleaned, key));
        }
    }
    closeness(&cleaned, key)
}

/// The value with line breaks, spaces, full-width forms, look-alike characters and curly quotes undone, and each
/// of these named.
fn clean(value: &str, differences: &mut Vec<Difference>) -> String {
    let mut note = |happened: bool, difference: Difference| {
        if happened {
            differences.push(difference);
        }
    };
    let without_breaks: String = value.chars().filter(|c| !matches!(c, '\n' | '\r' | '\t')).collect();
    note(without_breaks.len() != value.len(), Difference::LineBreaks);
    let trimmed = without_breaks.trim_matches(' ');
    note(trimmed.len() != without_breaks.len(), Difference::SurroundingSpaces);
    let visible: String = trimmed.chars().filter(|c| !is_invisible(*c)).collect();
    note(visible.len() != trimmed.len(), Difference::InvisibleSpaces);
    let narrow: String = visible.chars().filter(|&c| c != '\u{3000}').collect();
    note(narrow.len() != visible.len(), Difference::WideSpaces);
    let mut full_width = false;
    let mut curly = false;
    let mut lookalikes: Vec<Difference> = Vec::new();
    let cleaned = narrow
        .chars()
        .enumerate()
        .map(|(index, c)| {
            if let Some(kind) = Lookalike::of(c) {
                if !lookalikes.iter().any(|d| matches!(d, Difference::Lookalike { kind: k, .. } if *k == kind)) {
                    lookalikes.push(Difference::Lookalike { kind, position: index + 1 });
                }
                return kind.meant();
            }
            match c {
                '\u{FF01}'..='\u{FF5E}' => {
                    full_width = true;
                    char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c)
                }
                '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' => {
                    curly = true;
                    '\''
                }
                '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' => {
                    curly = true;
                    '"'
                }
                c => c,
            }
        })
        .collect();
    note(full_width, Difference::FullWidth);
    for lookalike in lookalikes {
        note(true, lookalike);
    }
    note(curly, Difference::CurlyQuotes);
    cleaned
}

/// Zero-width characters, no-break and typographic spaces: in a value, but not seen on screen as spaces.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00A0}' | '\u{2000}'..='\u{200D}' | '\u{2060}' | '\u{202F}' | '\u{205F}' | '\u{FEFF}')
}

/// The five named entities and numeric character references, decoded; anything else left as it is.
pub(super) fn xml_unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some((before, after)) = rest.split_once('&') {
        out.push_str(before);
        let decoded = after.split_once(';').and_then(|(entity, tail)| {
            let c = match entity {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                _ => {
                    let number = entity.strip_prefix('#')?;
                    let code = match number.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => number.parse().ok()?,
                    };
                    char::from_u32(code)?
                }
            };
            Some((c, tail))
        });
        match decoded {
            Some((c, tail)) => {
                out.push(c);
                rest = tail;
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// JSON's escapes inside a string (RFC 8259 §7), decoded; `None` when a backslash starts no escape JSON has: the
/// text was never escaped for JSON.
fn json_unescape(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some((before, after)) = rest.split_once('\\') {
        out.push_str(before);
        let mut chars = after.chars();
        let (c, len) = match chars.next()? {
            c @ ('"' | '\\' | '/') => (c, 1),
            'b' => ('\u{8}', 1),
            'f' => ('\u{c}', 1),
            'n' => ('\n', 1),
            'r' => ('\r', 1),
            't' => ('\t', 1),
            'u' => (after.get(1..5).and_then(|hex| u32::from_str_radix(hex, 16).ok()).and_then(char::from_u32)?, 5),
            // Not an escape JSON has: the text was never escaped for JSON (a key may hold a backslash itself).
            _ => return None,
        };
        out.push(c);
        rest = &after[len..];
    }
    out.push_str(rest);
    Some(out)
}

/// How much of `key` a value gets right: the characters it shares at the start and at the end.
/// How many characters of `key` a value gets right, at its start and at its end. The two runs may overlap (a key that
/// repeats a character at its start, a value one shorter): they count at most as many characters as the shorter has.
fn closeness(value: &str, key: &str) -> usize {
    let prefix = common_prefix(value, key);
    let suffix = value.chars().rev().zip(key.chars().rev()).take_while(|(a, b)| a == b).count();
    (prefix + suffix).min(value.chars().count().min(key.chars().count()))
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// Where a value that is still not the key parts from it: characters missing, characters too many, or another one.
fn positional(value: &str, key: &str) -> Difference {
    let (value_len, key_len) = (value.chars().count(), key.chars().count());
    let prefix = common_prefix(value, key);
    let suffix = value.chars().rev().zip(key.chars().rev()).take_while(|(a, b)| a == b).count();
    // Whatever the value and the key share at both ends, the difference lies between them.
    let shared = prefix + suffix.min(value_len.min(key_len) - prefix);
    if value_len < key_len && shared >= value_len {
        Difference::Missing { position: prefix + 1, count: key_len - value_len }
    } else if value_len > key_len && shared >= key_len {
        Difference::Extra { position: prefix + 1, count: value_len - key_len }
    } else {
        Difference::OtherCharacter { position: prefix + 1 }
    }
}
