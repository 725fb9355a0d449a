//! The key value (`LineworksAuthCode`): generation and validation, per `key.md`.
//! The console and the mock apply exactly these rules.

/// Characters of a generated key.
pub const ALPHABET: &[u8; 62] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
pub const GENERATED_LEN: usize = 40;
pub const MIN_LEN: usize = 16;
pub const MAX_LEN: usize = 128;
pub const MIN_DISTINCT: usize = 6;
/// The largest multiple of 62 that fits in a byte: bytes from here up are dropped, so that no character is favoured.
const REJECT_FROM: u8 = 248;

/// A source of cryptographically secure random bytes: WebCrypto in the browser, a seeded generator in tests.
pub trait RandomSource {
    fn fill(&mut self, buf: &mut [u8]) -> Result<(), RandomError>;
}

/// The random source failed. The admin is told; nothing weaker is used instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RandomError;

/// A new 40-character key over `A-Z a-z 0-9`, by rejection sampling.
pub fn generate_key(source: &mut impl RandomSource) -> Result<String, RandomError> {
    let mut key = String::with_capacity(GENERATED_LEN);
    let mut buf = [0u8; 64];
    while key.len() < GENERATED_LEN {
        source.fill(&mut buf)?;
        for &byte in &buf {
            if let Some(c) = char_for_byte(byte) {
                key.push(c);
                if key.len() == GENERATED_LEN {
                    break;
                }
            }
        }
    }
    Ok(key)
}

/// The character a random byte stands for, or `None` for a byte that must be dropped.
pub fn char_for_byte(byte: u8) -> Option<char> {
    (byte < REJECT_FROM).then(|| ALPHABET[usize::from(byte % 62)] as char)
}

/// Why a custom key value is refused. Positions are 1-based, counted in characters, as the admin sees them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyError {
    Empty,
    TooShort { len: usize },
    TooLong { len: usize },
    LeadingWhitespace,
    TrailingWhitespace,
    InnerWhitespace { position: usize },
    ControlCharacter { position: usize, code_point: u32 },
    NonAscii { position: usize, character: char },
    TooFewDistinct { distinct: usize },
}

/// Checks a custom key value. The value is never trimmed or changed: what the admin sees is what is saved.
pub fn validate_key(value: &str) -> Result<(), KeyError> {
    if value.is_empty() {
        return Err(KeyError::Empty);
    }
    let first = value.chars().next().filter(|c| c.is_whitespace());
    if first.is_some() {
        return Err(KeyError::LeadingWhitespace);
    }
    if value.chars().last().is_some_and(char::is_whitespace) {
        return Err(KeyError::TrailingWhitespace);
    }
    for (index, c) in value.chars().enumerate() {
        let position = index + 1;
        if c.is_whitespace() {
            return Err(KeyError::InnerWhitespace { position });
        }
        if c.is_control() {
            return Err(KeyError::ControlCharacter { position, code_point: u32::from(c) });
        }
        if !c.is_ascii_graphic() {
            return Err(KeyError::NonAscii { position, character: c });
        }
    }
    let len = value.chars().count();
    if len < MIN_LEN {
        return Err(KeyError::TooShort { len });
    }
    if len > MAX_LEN {
        return Err(KeyError::TooLong { len });
    }
    // Indexed by byte, so that no index can be out of bounds (and no panic path is compiled in).
    let mut seen = [false; 256];
    let distinct = value.bytes().filter(|&b| !std::mem::replace(&mut seen[usize::from(b)], true)).count();
    if distinct < MIN_DISTINCT {
        return Err(KeyError::TooFewDistinct { distinct });
    }
    Ok(())
}

/// Whether a spreadsheet or an MDM's field would read `value` as a number: digits, with a sign, a decimal point,
/// digit grouping (`1,234`) or an exponent (`1E+16`). Such a key is valid, but must be pushed as a String: as a
/// number it loses its leading zeros or its last digits (`domain::kit` names what happened).
pub fn looks_like_number(value: &str) -> bool {
    // One pass over the bytes, with no pattern searchers: this runs in the first load, where every byte counts.
    let (mut digits, mut point, mut exponent, mut previous) = (0, false, None::<u32>, 0u8);
    for byte in value.bytes() {
        match byte {
            b'0'..=b'9' => match exponent.as_mut() {
                Some(count) => *count += 1,
                None => digits += 1,
            },
            b'+' | b'-' if matches!(previous, 0 | b'e' | b'E') => {}
            b'.' if !point && exponent.is_none() => point = true,
            b',' if !point && exponent.is_none() && digits > 0 => {}
            b'e' | b'E' if exponent.is_none() && digits > 0 => exponent = Some(0),
            _ => return false,
        }
        previous = byte;
    }
    digits > 0 && exponent != Some(0)
}

/// Masks a key for display: one bullet per character, so the length stays visible but nothing else.
pub fn mask(value: &str) -> String {
    "•".repeat(value.chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Replays a fixed byte sequence, so that the sampling can be checked byte by byte.
    struct Scripted(Vec<u8>, usize);
    impl RandomSource for Scripted {
        fn fill(&mut self, buf: &mut [u8]) -> Result<(), RandomError> {
            for b in buf.iter_mut() {
                *b = self.0[self.1 % self.0.len()];
                self.1 += 1;
            }
            Ok(())
        }
    }

    struct Broken;
    impl RandomSource for Broken {
        fn fill(&mut self, _: &mut [u8]) -> Result<(), RandomError> {
            Err(RandomError)
        }
    }

    /// xorshift: fast and seeded, good enough to drive properties (the uniformity test uses ChaCha).
    struct Seeded(u64);
    impl RandomSource for Seeded {
        fn fill(&mut self, buf: &mut [u8]) -> Result<(), RandomError> {
            for b in buf.iter_mut() {
                self.0 ^= self.0 << 13;
                self.0 ^= self.0 >> 7;
                self.0 ^= self.0 << 17;
                *b = self.0 as u8;
            }
            Ok(())
        }
    }

    #[test]
    fn bytes_map_onto_the_alphabet_and_high_bytes_are_dropped() {
        assert_eq!(char_for_byte(0), Some('A'));
        assert_eq!(char_for_byte(61), Some('9'));
        assert_eq!(char_for_byte(62), Some('A'));
        assert_eq!(char_for_byte(247), Some('9'));
        for b in 248..=255 {
            assert_eq!(char_for_byte(b), None, "byte {b} must be rejected");
        }
    }

    #[test]
    fn generation_skips_rejected_bytes() {
        let key = generate_key(&mut Scripted(vec![255, 0, 250, 1], 0)).unwrap();
        assert_eq!(key, "AB".repeat(20));
    }

    #[test]
    fn a_failing_source_is_an_error_not_a_panic() {
        assert_eq!(generate_key(&mut Broken), Err(RandomError));
    }

    #[test]
    fn examples_from_the_spec() {
        assert_eq!(validate_key(""), Err(KeyError::Empty));
        assert_eq!(validate_key("aaaaaaaaaaaaaaaa"), Err(KeyError::TooFewDistinct { distinct: 1 }));
        assert_eq!(validate_key("1234123412341234"), Err(KeyError::TooFewDistinct { distinct: 4 }));
        assert_eq!(validate_key("abcdefghijklmno"), Err(KeyError::TooShort { len: 15 }));
        assert_eq!(validate_key(&"abcdefgh".repeat(16)), Ok(()));
        assert_eq!(validate_key(&format!("{}x", "abcdefgh".repeat(16))), Err(KeyError::TooLong { len: 129 }));
        assert_eq!(validate_key("abcdefghijklmnop "), Err(KeyError::TrailingWhitespace));
        assert_eq!(validate_key(" abcdefghijklmnop"), Err(KeyError::LeadingWhitespace));
        assert_eq!(validate_key("abcdefgh ijklmnop"), Err(KeyError::InnerWhitespace { position: 9 }));
        assert_eq!(
            validate_key("abcdefgh\u{1}ijklmnop"),
            Err(KeyError::ControlCharacter { position: 9, code_point: 1 })
        );
        assert_eq!(validate_key("abcdefghＡijklmnop"), Err(KeyError::NonAscii { position: 9, character: 'Ａ' }));
        assert_eq!(validate_key("abcdefgh😀ijklmnop"), Err(KeyError::NonAscii { position: 9, character: '😀' }));
        // Cyrillic 'а' looks like Latin 'a'.
        assert_eq!(validate_key("\u{430}bcdefghijklmnop"), Err(KeyError::NonAscii { position: 1, character: 'а' }));
        assert_eq!(validate_key("<Key&'Value\">1234"), Ok(()));
    }

    #[test]
    fn mask_hides_every_character() {
        assert_eq!(mask("abc"), "•••");
        assert_eq!(mask(""), "");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(10_000))]

        #[test]
        fn every_generated_key_is_valid(seed in 1u64..) {
            let key = generate_key(&mut Seeded(seed)).unwrap();
            prop_assert_eq!(key.len(), GENERATED_LEN);
            prop_assert!(key.bytes().all(|b| ALPHABET.contains(&b)));
            prop_assert_eq!(validate_key(&key), Ok(()));
        }

        #[test]
        fn validation_never_panics(value in any::<String>()) {
            let _ = validate_key(&value);
        }

        #[test]
        fn printable_ascii_of_the_right_length_and_variety_is_accepted(value in "[!-~]{16,128}") {
            let distinct = value.bytes().collect::<std::collections::BTreeSet<_>>().len();
            prop_assert_eq!(validate_key(&value).is_ok(), distinct >= MIN_DISTINCT);
        }

        #[test]
        fn wrong_lengths_are_rejected_with_the_length(value in "[!-~]{1,15}|[!-~]{129,300}") {
            let len = value.len();
            let result = validate_key(&value);
            prop_assert!(
                result == Err(KeyError::TooShort { len }) || result == Err(KeyError::TooLong { len }),
                "{:?}", result
            );
        }

        #[test]
        fn inner_whitespace_is_named_by_position(
            head in "[!-~]{1,40}", ws in prop::sample::select(vec![' ', '\t', '\u{3000}', '\u{a0}']), tail in "[!-~]{1,40}",
        ) {
            let value = format!("{head}{ws}{tail}");
            let position = head.len() + 1;
            prop_assert_eq!(validate_key(&value), Err(KeyError::InnerWhitespace { position }));
        }

        #[test]
        fn edge_whitespace_is_named(core in "[!-~]{16,40}", ws in prop::sample::select(vec![' ', '\t', '\n', '\u{3000}'])) {
            prop_assert_eq!(validate_key(&format!("{ws}{core}")), Err(KeyError::LeadingWhitespace));
            prop_assert_eq!(validate_key(&format!("{core}{ws}")), Err(KeyError::TrailingWhitespace));
        }

        #[test]
        fn the_first_non_ascii_character_is_named(
            head in "[!-~]{0,40}", c in "[^\\x00-\\x7F]", tail in "[!-~]{0,40}",
        ) {
            let character = c.chars().next().unwrap();
            prop_assume!(!character.is_whitespace() && !character.is_control());
            let value = format!("{head}{character}{tail}");
            let position = head.len() + 1;
            prop_assert_eq!(validate_key(&value), Err(KeyError::NonAscii { position, character }));
        }

        #[test]
        fn control_characters_are_named(head in "[!-~]{1,40}", c in "[\\x00-\\x08\\x0E-\\x1F\\x7F]", tail in "[!-~]{1,40}") {
            let character = c.chars().next().unwrap();
            let value = format!("{head}{character}{tail}");
            let position = head.len() + 1;
            prop_assert_eq!(
                validate_key(&value),
                Err(KeyError::ControlCharacter { position, code_point: u32::from(character) })
            );
        }
    }
}
