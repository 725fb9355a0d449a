//! The value check against what admins really paste: the issue's table row by row, and each kind of mistake with
//! its variants; property tests where the input is open (any key, inside any wrapper, is found; a different key
//! inside any wrapper is never a match; every mistake is named against the draft as against the saved key).

use proptest::prelude::*;

use super::tests::{apps, custom_key};
use super::*;
use crate::domain::key::looks_like_number;

const SAVED: &str = "Qx7vR2mK9pL4sT8wZ3nB6yH1cF5gJ0dA";
const DRAFT: &str = "Nw3bV8cX1zL6kJ4hG9fD2sA7pO5iU0yT";
const NAME: &str = "LineworksAuthCode";

fn reading(against: Against, found_in: Option<(Wrapper, Option<&str>)>, differences: Vec<Difference>) -> Verdict {
    let found_in = found_in.map(|(wrapper, name)| Found { wrapper, name: name.map(str::to_owned) });
    Verdict::Read(Reading { against, found_in, differences })
}

fn saved(differences: Vec<Difference>) -> Verdict {
    reading(Against::Saved, None, differences)
}

fn check(pasted: &str, key: &str) -> Verdict {
    check_value(pasted, Some(key), None, Mdm::IntuneIos)
}

fn the_reading(verdict: Verdict) -> Reading {
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

/// Found by the property test: a key that begins with quotes, pasted with one character too many at its end, is not
/// read as a quoted value that lacks a quote (which only looked closer by counting the repeated quotes twice).
#[test]
fn a_key_that_begins_with_quotes_and_one_character_more_is_that_character() {
    let key = "\"\"\"A0!A0AAaaAA!#";
    let pasted = format!("{key}\"");
    assert_eq!(check(&pasted, key), saved(vec![Difference::Extra { position: 17, count: 1 }]));
}

/// Found by the property test too: a key with a backslash at each end, pasted with one backslash more, is that
/// backslash, not the key escaped for JSON (whose first backslash would be doubled as well).
#[test]
fn a_backslash_too_many_is_not_json_escaping() {
    let key = "\\#!a0AAaa00!a0!\\";
    assert_eq!(check(&format!("{key}\\"), key), saved(vec![Difference::Extra { position: 17, count: 1 }]));
    let escaped = key.replace('\\', "\\\\");
    assert_eq!(check(&escaped, key), saved(vec![Difference::Escaped { escape: Escape::Json, right_here: false }]));
}

#[test]
fn a_name_is_checked_exactly_and_named_when_it_differs() {
    let row = |name: &str| check(&format!("{name}={SAVED}"), SAVED);
    let differs = |name: &str, problem| {
        reading(Against::Saved, Some((Wrapper::Equals, Some(name))), vec![Difference::Name(problem)])
    };
    assert_eq!(
        row("LINEWORKSAUTHCODE"),
        differs("LINEWORKSAUTHCODE", NameProblem::LetterCase("LINEWORKSAUTHCODE".into()))
    );
    for spelled in ["LineworkAuthCode", "LineWorks_Auth_Code", "LineworksAuthKey", "AuthCode", "lineworks.authcode"] {
        assert_eq!(row(spelled), differs(spelled, NameProblem::Spelling(spelled.into())), "{spelled}");
    }
    // Another name in XML or JSON is not shown (it could be anything), but is named as wrong.
    assert_eq!(
        check(&format!("<dict><key>ServerURL</key><string>{SAVED}</string></dict>"), SAVED),
        reading(Against::Saved, Some((Wrapper::Xml, None)), vec![Difference::Name(NameProblem::Other)])
    );
    // A configuration without LineworksAuthCode, and without the key.
    assert_eq!(
        check("<dict><key>ServerURL</key><string>https://example.com</string></dict>", SAVED),
        reading(Against::Saved, Some((Wrapper::Xml, None)), vec![Difference::Name(NameProblem::Absent)])
    );
    assert_eq!(
        check("{\"managedConfiguration\": {\"ServerURL\": \"x\"}}", SAVED),
        reading(Against::Saved, Some((Wrapper::Json, None)), vec![Difference::Name(NameProblem::Absent)])
    );
    // A bare word that is not like the name is part of the value, not a name.
    assert_eq!(check(&format!("Key {SAVED}"), SAVED), saved(vec![Difference::Extra { position: 1, count: 4 }]));
    // The entry under the name is chosen among others, also when its value is wrong.
    let several = format!(
        "<dict><key>ServerURL</key><string>https://example.com</string><key>{NAME}</key><string>{}</string></dict>",
        &SAVED[1..]
    );
    assert_eq!(
        check(&several, SAVED),
        reading(Against::Saved, Some((Wrapper::Xml, Some(NAME))), vec![Difference::Missing { position: 1, count: 1 }])
    );
}

#[test]
fn an_escape_is_right_or_wrong_by_the_mdm_s_field() {
    let key = r#"Ab&C<d"e\f'gh2024xyz"#;
    let xml = xml_text(key);
    let json = json_string(key);
    let json = &json[1..json.len() - 1];
    let escaped = |escape, right_here| Difference::Escaped { escape, right_here };
    for mdm in Mdm::ALL {
        let verdict = the_reading(check_value(&xml, Some(key), None, mdm));
        assert_eq!(verdict.differences, vec![escaped(Escape::Xml, mdm.field() == Field::Xml)], "{mdm:?}");
        assert_eq!(verdict.matches(), mdm.field() == Field::Xml, "{mdm:?}");
        let verdict = the_reading(check_value(json, Some(key), None, mdm));
        assert_eq!(verdict.differences, vec![escaped(Escape::Json, mdm.field() == Field::Json)], "{mdm:?}");
    }
    assert_eq!(Mdm::IntuneIos.field(), Field::Xml);
    assert_eq!(Mdm::JamfPro.field(), Field::Xml);
    assert_eq!(Mdm::IntuneAndroid.field(), Field::Json);
    assert_eq!(Mdm::WorkspaceOne.field(), Field::Plain);
    // Inside a plist the escapes are the XML's own: escaped twice is one time too many, whatever the field.
    let twice = format!("<dict><key>{NAME}</key><string>{}</string></dict>", xml_text(&xml));
    assert_eq!(
        check_value(&twice, Some(key), None, Mdm::JamfPro),
        reading(Against::Saved, Some((Wrapper::Xml, Some(NAME))), vec![escaped(Escape::Xml, false)])
    );
}

#[test]
fn a_key_that_holds_an_entity_itself_is_not_unescaped() {
    let saved_key = "Qx7&amp;R2mK9pL4sT8w";
    assert_eq!(check(saved_key, saved_key), saved(vec![]));
    assert_eq!(
        check_value("Qx7&amp;amp;R2mK9pL4sT8w", Some(saved_key), None, Mdm::IntuneAndroid),
        saved(vec![Difference::Escaped { escape: Escape::Xml, right_here: false }])
    );
    assert_eq!(check("Qx7&R2mK9pL4sT8w", saved_key), saved(vec![Difference::Missing { position: 5, count: 4 }]));
}

#[test]
fn the_draft_and_the_absence_of_a_key_are_told_apart() {
    let draft = |pasted: &str| check_value(pasted, Some(SAVED), Some(DRAFT), Mdm::JamfPro);
    assert_eq!(draft(""), Verdict::Empty);
    assert_eq!(draft(" \n"), Verdict::Empty);
    assert_eq!(draft(DRAFT), reading(Against::Draft, None, vec![]));
    assert_eq!(draft(SAVED), saved(vec![]));
    assert_eq!(check_value(DRAFT, None, Some(DRAFT), Mdm::JamfPro), reading(Against::Draft, None, vec![]));
    assert_eq!(check_value(SAVED, None, None, Mdm::JamfPro), Verdict::NothingSaved);
    // The draft inside a wrapper, and with a wrong name.
    assert_eq!(
        draft(&format!("Bundle[{{{NAME}={DRAFT}}}]")),
        reading(Against::Draft, Some((Wrapper::AndroidBundle, Some(NAME))), vec![])
    );
    assert_eq!(
        draft(&format!("「{DRAFT}」")),
        reading(Against::Draft, None, vec![Difference::Quoted { open: '「', close: '」' }])
    );
    // Another value altogether is about the saved key, not the draft.
    assert_eq!(the_reading(draft("Zz9zZz9zZz9zZz9zZz9z")).against, Against::Saved);
    // A draft the same as the saved key is the saved key.
    assert_eq!(check_value(SAVED, Some(SAVED), Some(SAVED), Mdm::JamfPro), saved(vec![]));
}

#[test]
fn dumps_of_android_and_ios_tools_are_read() {
    let ios = format!("2024-05-01 10:00:00 LINE WORKS[123] config: {{\n    {NAME} = {SAVED};\n    Other = 1;\n}}");
    assert_eq!(check(&ios, SAVED), reading(Against::Saved, Some((Wrapper::AppleDictionary, Some(NAME))), vec![]));
    let android = format!("Bundle[{{Other=1, {NAME}={SAVED}, More=x}}]");
    assert_eq!(check(&android, SAVED), reading(Against::Saved, Some((Wrapper::AndroidBundle, Some(NAME))), vec![]));
    let yaml = format!("managedConfiguration:\n  {NAME}: '{SAVED}'\n");
    assert_eq!(check(&yaml, SAVED), reading(Against::Saved, Some((Wrapper::Colon, Some(NAME))), vec![]));
    // Found by the property tests: a key that begins with a separator, and one that looks like JSON itself.
    let colon_first = ":AA00AaaaA!a0a0\"";
    assert_eq!(
        check(&format!("{NAME}\t{colon_first}"), colon_first),
        reading(Against::Saved, Some((Wrapper::Columns, Some(NAME))), vec![])
    );
    let like_json = "\"\"\"\"\"\":a!a!A0aAA";
    assert_eq!(
        check(&like_json[..like_json.len() - 1], like_json),
        saved(vec![Difference::Missing { position: 16, count: 1 }])
    );
    let like_an_object = "{#':Aa0A0A0A0aa(";
    assert_eq!(
        check(&format!("{like_an_object}{{#':"), like_an_object),
        saved(vec![Difference::Extra { position: 17, count: 4 }])
    );
    let key_with_semicolon = "Qx7vR2mK9pL4sT8w;";
    assert_eq!(
        check(&format!("{NAME}={key_with_semicolon}"), key_with_semicolon),
        reading(Against::Saved, Some((Wrapper::Equals, Some(NAME))), vec![])
    );
}

#[test]
fn variables_every_mdm_rewrites_are_found() {
    let cases: [(&str, Option<(Variable, &str)>); 10] = [
        ("Qx7v{{userprincipalname}}sT8w", Some((Variable::DoubleBraces, "{{userprincipalname}}"))),
        ("Qx7v{EmailAddress}sT8wZ3nB", Some((Variable::Braces, "{EmailAddress}"))),
        ("Qx7v${userEmailAddress}sT8w", Some((Variable::DollarBraces, "${userEmailAddress}"))),
        ("Qx7v$USERID$sT8wZ3nB6yH1", Some((Variable::DollarPair, "$USERID$"))),
        ("Abc$EMAIL-1234567xyz", Some((Variable::DollarName, "$EMAIL"))),
        ("Qx7v[appVal1]sT8wZ3nB6yH1", Some((Variable::Brackets, "[appVal1]"))),
        ("Qx7v%_USERNAME_%sT8wZ3nB6", Some((Variable::Percent, "%_USERNAME_%"))),
        ("Qx7v$1,000{}[]%%sT8wZ3nB6", None),
        ("Qx7vR2mK9pL4sT8wZ3nB6yH1cF5gJ0dA", None),
        ("Qx7v{ sT8w}", Some((Variable::Braces, "{ sT8w}"))),
    ];
    for (key, expected) in cases {
        match expected {
            Some((variable, part)) => assert_eq!(variable.find(key).map(|range| &key[range]), Some(part), "{key}"),
            None => assert!(Variable::ALL.into_iter().all(|v| v.find(key).is_none()), "{key}"),
        }
    }
    // Each MDM, by its own syntaxes; the specfile stands for every other MDM, Japanese ones included.
    let key = "Qx7v{{userprincipalname}}sT8w";
    assert_eq!(rewriting(key), [Mdm::IntuneIos, Mdm::IntuneAndroid, Mdm::WorkspaceOne, Mdm::AppConfigSpecfile]);
    assert_eq!(rewriting("Abc$EMAIL-1234567xyz"), [Mdm::JamfPro, Mdm::AppConfigSpecfile]);
    assert_eq!(rewriting("Qx7v$USERID$sT8w"), [Mdm::JamfPro, Mdm::IvantiEpmm, Mdm::AppConfigSpecfile]);
    assert_eq!(rewriting("Qx7v[appVal1]sT8wZ3nB6yH1"), [Mdm::AppConfigSpecfile]);
    assert_eq!(rewriting("Qx7v%EMAIL%sT8wZ3nB6yH1"), [Mdm::AppConfigSpecfile]);
    assert!(rewriting("Qx7vR2mK9pL4sT8wZ3nB6yH1cF5gJ0dA").is_empty());
    assert!(Mdm::AndroidManagement.variables().is_empty());
    assert_eq!(Mdm::JamfPro.rewritten("Abc$EMAIL-1234567xyz"), Some((Variable::DollarName, "$EMAIL")));
    assert_eq!(Mdm::IvantiEpmm.rewritten("Qx7v${x}a$B$"), Some((Variable::DollarBraces, "${x}")));
}

#[test]
fn a_value_that_looks_like_a_number_is_told() {
    for number in [
        "0012345678901234",
        "1234567890123456",
        "-1234567890123456",
        "1,234,567,890,123",
        "1.23457E+16",
        "12345678901234.5",
        "1e16",
    ] {
        assert!(looks_like_number(number), "{number}");
    }
    for text in [
        "Qx7vR2mK9pL4sT8wZ3nB6yH1cF5gJ0dA",
        "1234-5678-9012-3456",
        "12345678901234e",
        "E16",
        "1.2.3",
        "",
        ",123",
        "0x1234567890abcdef",
    ] {
        assert!(!looks_like_number(text), "{text}");
    }
}
