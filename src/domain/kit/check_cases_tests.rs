//! The value check, one kind of mistake at a time, with the variants an admin meets: names, escapes that depend on
//! the MDM's field, the draft, the dumps of Android and iOS tools, MDM variables and values stored as numbers; and
//! the cases the property tests in `check_tests.rs` found.

use super::check_tests::{check, reading, saved, the_reading, DRAFT, NAME, SAVED};
use super::*;
use crate::domain::key::looks_like_number;

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
