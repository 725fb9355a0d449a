//! The value check against what admins really paste: the issue's table row by row, and property tests where the
//! input is open (any key, inside any wrapper, is found; a different key inside any wrapper is never a match; every
//! mistake is named against the draft as against the saved key). Each kind of mistake, case by case, is in
//! `check_cases_tests.rs`.

use proptest::prelude::*;

use super::tests::{apps, custom_key};
use super::*;
use crate::domain::key::looks_like_number;

pub(super) const SAVED: &str = "Qx7vR2mK9pL4sT8wZ3nB6yH1cF5gJ0dA";
pub(super) const DRAFT: &str = "Nw3bV8cX1zL6kJ4hG9fD2sA7pO5iU0yT";
pub(super) const NAME: &str = "LineworksAuthCode";

pub(super) fn reading(
    against: Against,
    found_in: Option<(Wrapper, Option<&str>)>,
    differences: Vec<Difference>,
) -> Verdict {
    let found_in = found_in.map(|(wrapper, name)| Found { wrapper, name: name.map(str::to_owned) });
    Verdict::Read(Reading { against, found_in, differences })
}

pub(super) fn saved(differences: Vec<Difference>) -> Verdict {
    reading(Against::Saved, None, differences)
}

pub(super) fn check(pasted: &str, key: &str) -> Verdict {
    check_value(pasted, Some(key), None, Mdm::IntuneIos)
}

pub(super) fn the_reading(verdict: Verdict) -> Reading {
    match verdict {
        Verdict::Read(reading) => reading,
        other => panic!("not read: {other:?}"),
    }
}

#[test]
fn each_row_of_the_issue_gets_its_true_verdict() {
    // The key, wrapped in quotes: the quotes must go.
    assert_eq!(check(&format!("\"{SAVED}\""), SAVED), saved(vec![Difference::Quoted { open: '"', close: '"' }]));
    // The right key under the right name.
    let plist = format!("<dict><key>{NAME}</key><string>{SAVED}</string></dict>");
    assert_eq!(check(&plist, SAVED), reading(Against::Saved, Some((Wrapper::Xml, Some(NAME))), vec![]));
    // A row of a device report: the key is right, the name is not.
    assert_eq!(
        check(&format!("lineworksAuthCode\t{SAVED}"), SAVED),
        reading(
            Against::Saved,
            Some((Wrapper::Columns, Some("lineworksAuthCode"))),
            vec![Difference::Name(NameProblem::LetterCase("lineworksAuthCode".into()))]
        )
    );
    // The draft, not saved yet, with a line break.
    assert_eq!(
        check_value(&format!("{DRAFT}\n"), Some(SAVED), Some(DRAFT), Mdm::IntuneIos),
        reading(Against::Draft, None, vec![Difference::LineBreaks])
    );
    // A yen sign typed where the key has a backslash.
    assert_eq!(
        check("Lw¥2024¥Auth¥Key9", r"Lw\2024\Auth\Key9"),
        saved(vec![Difference::Lookalike { kind: Lookalike::Yen, position: 3 }])
    );
    // Intune replaces `{{…}}` in Android Enterprise values too.
    assert_eq!(
        Mdm::IntuneAndroid.rewritten("Qx7v{{userprincipalname}}sT8w"),
        Some((Variable::DoubleBraces, "{{userprincipalname}}"))
    );
}

/// Every way the issue's admins paste a value around `key`, with what the check must say it was found in.
fn wrapped(key: &str) -> Vec<(String, Option<Wrapper>)> {
    let apps = apps();
    let openstep = if key.chars().all(|c| c.is_ascii_alphanumeric()) {
        key.to_owned()
    } else {
        format!("\"{}\"", key.replace('\\', "\\\\").replace('"', "\\\""))
    };
    let mut all: Vec<(String, Option<Wrapper>)> = Mdm::ALL
        .into_iter()
        .map(|mdm| payload(mdm, key, Some(&apps[0]), &apps).expect("a payload").text)
        .map(|text| {
            let wrapper = if text.trim_start().starts_with('{') { Wrapper::Json } else { Wrapper::Xml };
            (text, Some(wrapper))
        })
        .collect();
    all.extend([
        (format!("<key>{NAME}</key>\n<string>{}</string>", xml_text(key)), Some(Wrapper::Xml)),
        (format!("{{\"{NAME}\":{}}}", json_string(key)), Some(Wrapper::Json)),
        (format!("[\"{NAME}\": {}]", json_string(key)), Some(Wrapper::Json)),
        (format!("{NAME}={key}"), Some(Wrapper::Equals)),
        (format!("{NAME} = {key}\n"), Some(Wrapper::Equals)),
        (format!("{NAME}: {key}"), Some(Wrapper::Colon)),
        (format!("{NAME}: {}", json_string(key)), Some(Wrapper::Colon)),
        (format!("{NAME}\t{key}"), Some(Wrapper::Columns)),
        (format!("{NAME}\t{key}\tString\r\n"), Some(Wrapper::Columns)),
        (format!("{NAME}    {key}"), Some(Wrapper::Columns)),
        (format!("\"{NAME}\",\"{}\"", key.replace('"', "\"\"")), Some(Wrapper::Columns)),
        (format!("Bundle[{{{NAME}={key}}}]"), Some(Wrapper::AndroidBundle)),
        (format!("Bundle[{{{NAME}={key}, ServerUrl=https://example.com}}]"), Some(Wrapper::AndroidBundle)),
        (format!("{{\n    {NAME} = {openstep};\n}}"), Some(Wrapper::AppleDictionary)),
    ]);
    all
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1_000))]

    #[test]
    fn any_key_inside_any_wrapper_is_found(key in custom_key()) {
        for (text, wrapper) in wrapped(&key) {
            let expected = reading(Against::Saved, wrapper.map(|w| (w, Some(NAME))), vec![]);
            prop_assert_eq!(check(&text, &key), expected, "{}", text);
        }
        for (open, close) in [('"', '"'), ('\'', '\''), ('“', '”'), ('‘', '’'), ('「', '」'), ('『', '』'), ('`', '`')] {
            let text = format!("{open}{key}{close}");
            prop_assert_eq!(check(&text, &key), saved(vec![Difference::Quoted { open, close }]), "{}", text);
        }
    }

    #[test]
    fn a_different_key_inside_any_wrapper_is_never_a_match(
        key in custom_key(), at in any::<prop::sample::Index>(), c in "[!-~]", other in custom_key()
    ) {
        let position = at.index(key.len());
        let mut changed = key.clone();
        changed.replace_range(position..=position, &c);
        prop_assume!(changed != key);
        for different in [changed, other] {
            prop_assume!(different != key);
            for (text, _) in wrapped(&different) {
                match check(&text, &key) {
                    Verdict::Read(reading) => prop_assert!(!reading.matches(), "{} taken for {}", text, key),
                    verdict => prop_assert!(false, "{:?}", verdict),
                }
            }
        }
    }

    #[test]
    fn a_changed_key_is_named_where_it_changed(key in custom_key(), at in any::<prop::sample::Index>(), c in "[!-~]") {
        let position = at.index(key.len());
        let mut changed = key.clone();
        changed.replace_range(position..=position, &c);
        prop_assume!(changed != key);
        let expected = if changed.to_lowercase() == key.to_lowercase() {
            Difference::LetterCase
        } else {
            Difference::OtherCharacter { position: position + 1 }
        };
        prop_assert_eq!(check(&changed, &key), saved(vec![expected.clone()]));
        // Under the right name, in a plist: the same difference, found in XML.
        let plist = format!("<dict><key>{NAME}</key><string>{}</string></dict>", xml_text(&changed));
        prop_assert_eq!(check(&plist, &key), reading(Against::Saved, Some((Wrapper::Xml, Some(NAME))), vec![expected]));
    }

    /// Every mistake, against the saved key and against the draft alike.
    #[test]
    fn each_usual_mistake_is_named_for_the_saved_key_and_the_draft(key in custom_key(), cut in 1usize..8) {
        for against in [Against::Saved, Against::Draft] {
            let verdict = |pasted: &str| match against {
                Against::Saved => check_value(pasted, Some(&key), Some(DRAFT), Mdm::WorkspaceOne),
                Against::Draft => check_value(pasted, Some(SAVED), Some(&key), Mdm::WorkspaceOne),
            };
            let differs = |differences: Vec<Difference>| reading(against, None, differences);
            prop_assert_eq!(verdict(&key), differs(vec![]));
            prop_assert_eq!(verdict(&format!("{key}\n")), differs(vec![Difference::LineBreaks]));
            prop_assert_eq!(verdict(&format!("{key}\r\n")), differs(vec![Difference::LineBreaks]));
            prop_assert_eq!(verdict(&format!(" {key}  ")), differs(vec![Difference::SurroundingSpaces]));
            prop_assert_eq!(verdict(&format!("\u{200B}{key}\u{FEFF}")), differs(vec![Difference::InvisibleSpaces]));
            prop_assert_eq!(verdict(&format!("{key}\u{00A0}")), differs(vec![Difference::InvisibleSpaces]));
            prop_assert_eq!(verdict(&format!("\u{3000}{key}\u{3000}")), differs(vec![Difference::WideSpaces]));
            let full_width: String = key.chars().map(|c| char::from_u32(u32::from(c) + 0xFEE0).unwrap()).collect();
            let mut expected = vec![Difference::FullWidth];
            // A full-width tilde is named as such, where the key has a tilde.
            if let Some(index) = key.find('~') {
                expected.push(Difference::Lookalike { kind: Lookalike::FullWidthTilde, position: key[..index].chars().count() + 1 });
            }
            prop_assert_eq!(verdict(&full_width), differs(expected));
            let cut = cut.min(key.len() - 1);
            let truncated = &key[..key.len() - cut];
            if against == Against::Saved {
                prop_assert_eq!(verdict(truncated), differs(vec![Difference::Missing { position: key.len() - cut + 1, count: cut }]));
                prop_assert_eq!(
                    verdict(&format!("{key}{}", &key[..cut])),
                    differs(vec![Difference::Extra { position: key.len() + 1, count: cut }])
                );
            }
            // Escaped for XML, where the field is not XML (a Workspace ONE row).
            let escaped = xml_text(&key);
            if escaped != key {
                prop_assert_eq!(verdict(&escaped), differs(vec![Difference::Escaped { escape: Escape::Xml, right_here: false }]));
            }
            if key.contains(['\'', '"']) {
                let curly: String = key.chars().map(|c| match c { '\'' => '\u{2019}', '"' => '\u{201D}', c => c }).collect();
                if curly.chars().next() != curly.chars().last() || !curly.starts_with('\u{201D}') {
                    prop_assert_eq!(verdict(&curly), differs(vec![Difference::CurlyQuotes]));
                }
            }
            // Quotes, a line break and a wrong name at once: each is named.
            prop_assert_eq!(
                verdict(&format!("\"{key}\"\n")),
                differs(vec![Difference::Quoted { open: '"', close: '"' }, Difference::LineBreaks])
            );
            let row = format!("lineworksauthcode\t{key}");
            let found = the_reading(verdict(&row));
            prop_assert_eq!(found.against, against);
            prop_assert_eq!(found.differences, vec![Difference::Name(NameProblem::LetterCase("lineworksauthcode".into()))]);
        }
    }

    /// A key with backslashes, tildes and hyphens, typed through a Japanese or Korean keyboard or input method.
    #[test]
    fn keyboard_substitutions_are_named(key in "[A-Za-z0-9]{4,10}[\\\\~-][A-Za-z0-9\\\\~-]{12,40}") {
        prop_assume!(crate::domain::key::validate_key(&key).is_ok());
        for (lookalike, kind) in [
            ('¥', Lookalike::Yen), ('￥', Lookalike::Yen), ('₩', Lookalike::Won), ('〜', Lookalike::WaveDash),
            ('～', Lookalike::FullWidthTilde), ('‾', Lookalike::Overline), ('ー', Lookalike::Dash), ('−', Lookalike::Dash),
        ] {
            let Some(index) = key.find(kind.meant()) else { continue };
            let typed: String = key.chars().map(|c| if c == kind.meant() { lookalike } else { c }).collect();
            let position = key[..index].chars().count() + 1;
            prop_assert_eq!(check(&typed, &key), saved(vec![Difference::Lookalike { kind, position }]), "{}", typed);
            // With the other usual mistakes at once.
            prop_assert_eq!(
                check(&format!(" {typed}\u{3000}\n"), &key),
                saved(vec![Difference::LineBreaks, Difference::SurroundingSpaces, Difference::WideSpaces, Difference::Lookalike { kind, position }])
            );
        }
    }

    /// A key of digits, through a number: whatever form the number takes, it is named, never taken for the key.
    #[test]
    fn a_key_stored_as_a_number_is_named(zeros in 0usize..4, digits in "[1-9][0-9]{15,30}") {
        let key = format!("{}{digits}", "0".repeat(zeros));
        prop_assume!(crate::domain::key::validate_key(&key).is_ok());
        let as_number = |sign| saved(vec![Difference::AsNumber(sign)]);
        if zeros > 0 {
            prop_assert_eq!(check(&digits, &key), as_number(NumberSign::LeadingZeros));
        }
        let grouped = group(&digits, ",");
        prop_assert_eq!(check(&grouped, &key), as_number(NumberSign::Grouping));
        prop_assert_eq!(check(&group(&digits, "."), &key), as_number(NumberSign::Grouping));
        prop_assert_eq!(check(&group(&digits, " "), &key), as_number(NumberSign::Grouping));
        // Excel's 1.23457E+30, rounded to 6 significant digits, and the digits kept as 15 with zeros after.
        let mantissa = rounded(&digits, 6);
        let exponent = format!("{}.{}E+{}", &mantissa[..1], &mantissa[1..], digits.len() - 1);
        prop_assert_eq!(check(&exponent, &key), as_number(NumberSign::Exponent), "{}", exponent);
        prop_assert_eq!(check(&exponent.to_lowercase().replace('+', ""), &key), as_number(NumberSign::Exponent));
        let fifteen = format!("{}{}", rounded(&digits, 15), "0".repeat(digits.len() - 15));
        if fifteen != digits {
            prop_assert_eq!(check(&fifteen, &key), as_number(NumberSign::Rounded), "{}", fifteen);
        }
        // Typed as a number in a plist or JSON, or in a report's type column.
        let integer = format!("<dict><key>{NAME}</key><integer>{digits}</integer></dict>");
        let expected = if zeros > 0 { NumberSign::LeadingZeros } else { NumberSign::Typed };
        prop_assert_eq!(
            check(&integer, &key),
            reading(Against::Saved, Some((Wrapper::Xml, Some(NAME))), vec![Difference::AsNumber(expected)])
        );
        prop_assert_eq!(
            check(&format!("{{\"{NAME}\": {key}}}"), &key),
            reading(Against::Saved, Some((Wrapper::Json, Some(NAME))), vec![Difference::AsNumber(NumberSign::Typed)])
        );
        prop_assert_eq!(
            check(&format!("{NAME}\t{key}\tInteger"), &key),
            reading(Against::Saved, Some((Wrapper::Columns, Some(NAME))), vec![Difference::AsNumber(NumberSign::Typed)])
        );
        prop_assert!(looks_like_number(&key) && looks_like_number(&grouped) && looks_like_number(&exponent));
    }
}

/// `digits` with a separator every three digits from the right.
fn group(digits: &str, separator: &str) -> String {
    let first = digits.len() % 3;
    let mut groups = vec![];
    if first > 0 {
        groups.push(&digits[..first]);
    }
    groups.extend((first..digits.len()).step_by(3).map(|at| &digits[at..at + 3]));
    groups.join(separator)
}

/// The first `n` digits of `digits`, rounded half up (a carry past the first digit is not expected here).
fn rounded(digits: &str, n: usize) -> String {
    let mut kept: Vec<u8> = digits.as_bytes()[..n].to_vec();
    if digits.as_bytes()[n] >= b'5' {
        for digit in kept.iter_mut().rev() {
            if *digit == b'9' {
                *digit = b'0';
            } else {
                *digit += 1;
                break;
            }
        }
    }
    String::from_utf8(kept).unwrap()
}
