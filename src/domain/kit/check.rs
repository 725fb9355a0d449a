//! "Does my MDM hold the right value?": the value the admin pastes from their MDM (or a device's managed
//! configuration report), compared with the saved key, and the usual reasons it differs named in the admin's words.
//! A key is printable ASCII without spaces (`key.md`), so everything else a value holds is a mistake of copying.

/// The answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Nothing was pasted.
    Empty,
    /// No key has been saved to compare with.
    NothingSaved,
    /// Exactly the saved key.
    Matches,
    /// Exactly the key in the draft, which is not saved yet: the MDM is ahead of LINE WORKS.
    MatchesDraft,
    /// Not the saved key, and why, as far as it can be told: never empty.
    Differs(Vec<Difference>),
}

/// A reason a value is not the saved key. Positions count characters from 1, as the admin reads them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Difference {
    /// Line breaks or tabs (pasted from a file or a table).
    LineBreaks,
    /// Spaces before or after the value.
    SurroundingSpaces,
    /// Zero-width or no-break spaces, which do not show on screen.
    InvisibleSpaces,
    /// Full-width letters, digits or symbols, typed through an input method (`ＡＢＣ１２３`).
    FullWidth,
    /// Curly quotes where the key has straight ones.
    CurlyQuotes,
    /// The XML-escaped form (`&amp;` for `&`): copied from a configuration file rather than from the MDM's field.
    XmlEscaped,
    /// The same characters, in another letter case.
    LetterCase,
    /// `count` characters of the key missing, from `position` of the key on.
    Missing { position: usize, count: usize },
    /// `count` characters more than the key has, from `position` of the value on.
    Extra { position: usize, count: usize },
    /// Another character than the key's at `position`.
    OtherCharacter { position: usize },
}

/// Compares `pasted` with the `saved` key (and the `draft` key, when it is another one that is not saved yet).
pub fn check_value(pasted: &str, saved: Option<&str>, draft: Option<&str>) -> Verdict {
    if pasted.is_empty() {
        return Verdict::Empty;
    }
    if saved == Some(pasted) {
        return Verdict::Matches;
    }
    if draft.is_some_and(|draft| saved != Some(draft) && draft == pasted) {
        return Verdict::MatchesDraft;
    }
    let Some(saved) = saved else { return Verdict::NothingSaved };

    // Undo each usual mistake in turn, and name the ones that were there. Unescaping XML is a guess (a key may
    // hold `&amp;` itself): it counts only if the value then is the key, or closer to it.
    let (mut cleaned, mut differences) = clean(pasted);
    let unescaped = xml_unescape(&cleaned);
    if unescaped != cleaned && (unescaped == saved || closeness(&unescaped, saved) > closeness(&cleaned, saved)) {
        cleaned = unescaped;
        differences.push(Difference::XmlEscaped);
    }
    if cleaned != saved {
        if cleaned.to_lowercase() == saved.to_lowercase() {
            differences.push(Difference::LetterCase);
        } else {
            differences.push(positional(&cleaned, saved));
        }
    }
    Verdict::Differs(differences)
}

/// The value with line breaks, surrounding and invisible spaces, full-width forms and curly quotes undone, and which
/// of these it held.
fn clean(pasted: &str) -> (String, Vec<Difference>) {
    let mut differences = Vec::new();
    let mut note = |happened: bool, difference: Difference| {
        if happened {
            differences.push(difference);
        }
    };
    let without_breaks: String = pasted.chars().filter(|c| !matches!(c, '\n' | '\r' | '\t')).collect();
    note(without_breaks.len() != pasted.len(), Difference::LineBreaks);
    let is_space = |c: char| c == ' ' || c == '\u{3000}';
    let trimmed = without_breaks.trim_matches(is_space);
    note(trimmed.len() != without_breaks.len(), Difference::SurroundingSpaces);
    let visible: String = trimmed.chars().filter(|c| !is_invisible(*c)).collect();
    note(visible.len() != trimmed.len(), Difference::InvisibleSpaces);
    let mut full_width = false;
    let mut curly = false;
    let cleaned = visible
        .chars()
        .map(|c| match c {
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
        })
        .collect();
    note(full_width, Difference::FullWidth);
    note(curly, Difference::CurlyQuotes);
    (cleaned, differences)
}

/// Zero-width characters and no-break spaces: in a value, but not on screen.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00A0}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{202F}' | '\u{FEFF}')
}

/// The five named entities and numeric character references, decoded; anything else left as it is.
fn xml_unescape(text: &str) -> String {
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

/// How much of `key` a value gets right: the characters it shares at the start and at the end.
fn closeness(value: &str, key: &str) -> usize {
    let prefix = common_prefix(value, key);
    let suffix = value.chars().rev().zip(key.chars().rev()).take_while(|(a, b)| a == b).count();
    prefix + suffix
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
