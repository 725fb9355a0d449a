//! Every catalog is complete, fills in what English fills in, uses its language's plural forms, and is translated.

use std::collections::BTreeSet;

use super::*;
use crate::domain::key::validate_key;
use crate::i18n::panels::PanelsStrings;

/// Words that stay as they are in every language: product names and the values the admin types into an MDM.
const SAME_IN_EVERY_LANGUAGE: &[&str] = &[
    "LINE WORKS Admin",
    "LINE WORKS MDM",
    "LINE WORKS",
    "LineworksAuthCode",
    "Managed App Configuration",
    "App Configuration",
    "Configuration Key",
    "Key Value",
    "Value Type",
    "Android Enterprise",
    "Android",
    "MDM",
    "String",
    "OK",
    "Admin",
    "Standard",
    "Advanced",
    "ASCII",
    "Ctrl",
    "Mac",
    "iOS",
];

/// A catalog's declaration and its files.
struct Declared {
    name: &'static str,
    keys: &'static [&'static str],
    shapes: &'static [(Kind, &'static [&'static str])],
    json: fn(&str) -> Option<&'static str>,
}

const CATALOGS: [Declared; 3] = [
    Declared { name: "console", keys: KEYS, shapes: SHAPES, json: catalog_json },
    Declared { name: "panels", keys: panels::KEYS, shapes: panels::SHAPES, json: panels::catalog_json },
    Declared { name: "start", keys: start::KEYS, shapes: start::SHAPES, json: start::catalog_json },
];

impl Declared {
    fn map(&self, tag: &str) -> serde_json::Map<String, serde_json::Value> {
        let json = (self.json)(tag).unwrap_or_else(|| panic!("{} {tag}: no catalog", self.name));
        match serde_json::from_str(json) {
            Ok(serde_json::Value::Object(map)) => map,
            other => panic!("{} {tag}: not a JSON object: {other:?}", self.name),
        }
    }
}

/// The console's catalog of `tag`, as written.
fn catalog(tag: &str) -> serde_json::Map<String, serde_json::Value> {
    CATALOGS[0].map(tag)
}

/// The top-level keys of a catalog, in the order they are written (`serde_json`'s map sorts them).
fn written_order(json: &str) -> Vec<String> {
    struct Keys(Vec<String>);
    impl<'de> serde::Deserialize<'de> for Keys {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct Visitor;
            impl<'de> serde::de::Visitor<'de> for Visitor {
                type Value = Keys;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("a JSON object")
                }
                fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Keys, A::Error> {
                    let mut keys = Vec::new();
                    while let Some((key, _)) = map.next_entry::<String, serde::de::IgnoredAny>()? {
                        keys.push(key);
                    }
                    Ok(Keys(keys))
                }
            }
            deserializer.deserialize_map(Visitor)
        }
    }
    serde_json::from_str::<Keys>(json).expect("catalogs are JSON objects").0
}

fn placeholders(text: &str) -> BTreeSet<&str> {
    text.split('{').skip(1).filter_map(|rest| rest.split_once('}').map(|(name, _)| name)).collect()
}

#[test]
fn every_language_has_complete_catalogs_in_the_declared_order() {
    for declared in &CATALOGS {
        for locale in LOCALES {
            let value = serde_json::Value::Object(declared.map(locale.tag));
            let source = Keyed { value: &value, keys: declared.keys };
            for index in 0..declared.keys.len() {
                if Entry::read(&source, index).is_err() {
                    panic!("{} {}: the catalog misses {}", declared.name, locale.tag, declared.keys[index]);
                }
            }
            // The browser's files are arrays in this order (build/post-build.mjs), so the order is the contract.
            let keys = written_order((declared.json)(locale.tag).unwrap());
            assert_eq!(keys, declared.keys, "{} {}: the keys, in the declared order", declared.name, locale.tag);
        }
    }
}

#[test]
fn a_missing_string_is_named() {
    let mut map = catalog("en");
    map.remove("save");
    let value = serde_json::Value::Object(map);
    let missing =
        Strings::read("en", &Keyed { value: &value, keys: KEYS }).err().expect("a catalog without `save` is refused");
    assert_eq!(KEYS[missing.0], "save");
}

#[test]
fn every_entry_has_its_shape_and_fills_in_exactly_what_its_code_passes() {
    for declared in &CATALOGS {
        for locale in LOCALES {
            let map = declared.map(locale.tag);
            for (key, (kind, expected)) in declared.keys.iter().zip(declared.shapes) {
                let expected: BTreeSet<&str> = expected.iter().copied().collect();
                let texts: Vec<&str> = match (&map[*key], kind) {
                    (serde_json::Value::String(text), Kind::Text | Kind::Template) => vec![text],
                    (serde_json::Value::Object(forms), Kind::Count) => {
                        forms.values().filter_map(|v| v.as_str()).collect()
                    }
                    (other, _) => panic!("{} {}: {key} should be a {kind:?}, is {other}", declared.name, locale.tag),
                };
                for text in texts {
                    assert_eq!(placeholders(text), expected, "{} {}: {key}: {text}", declared.name, locale.tag);
                }
            }
        }
    }
}

#[test]
fn counts_have_exactly_their_languages_plural_forms() {
    for declared in &CATALOGS {
        for locale in LOCALES {
            let map = declared.map(locale.tag);
            for (key, _) in declared.keys.iter().zip(declared.shapes).filter(|(_, (kind, _))| *kind == Kind::Count) {
                let forms: BTreeSet<&str> =
                    map[*key].as_object().map(|o| o.keys().map(String::as_str).collect()).unwrap_or_default();
                let expected: BTreeSet<&str> = plural_categories(locale.tag).iter().copied().collect();
                assert_eq!(forms, expected, "{} {}: {key}", declared.name, locale.tag);
            }
        }
    }
}

#[test]
fn japanese_and_korean_leave_nothing_in_english() {
    for declared in &CATALOGS {
        for tag in ["ja", "ko"] {
            leave_nothing_in_english(declared, tag);
        }
    }
}

/// The product names of the MDMs and the vendors' own menu names, which the kit's steps quote as the consoles show
/// them (`docs/app-config-kit.md`).
const VENDOR_TERMS: &[&str] = &[
    "Microsoft Intune",
    "iOS/iPadOS",
    "Jamf Pro",
    "Workspace ONE UEM",
    "Ivanti EPMM",
    "Android Management API",
    "AppConfig specfile",
];

/// Every Japanese and Korean entry is written in its language: it holds the language's own script, unless it is
/// only product terms; and no console entry holds an English word beyond them.
fn leave_nothing_in_english(declared: &Declared, tag: &str) {
    let english = declared.map("en");
    let native = |c: char| match tag {
        "ja" => matches!(c, '\u{3040}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}'),
        _ => matches!(c, '\u{AC00}'..='\u{D7A3}'),
    };
    for (key, value) in &declared.map(tag) {
        let (value, source) = match (value, &english[key]) {
            (serde_json::Value::String(v), serde_json::Value::String(e)) => (v.clone(), e.clone()),
            (serde_json::Value::Object(v), serde_json::Value::Object(e)) => {
                (v["other"].as_str().unwrap_or_default().to_owned(), e["other"].as_str().unwrap_or_default().to_owned())
            }
            _ => panic!("{} {tag}: {key} has another shape than in English", declared.name),
        };
        // The longest first: "Android Management API" before "Android".
        let mut terms: Vec<&str> = SAME_IN_EVERY_LANGUAGE.iter().chain(VENDOR_TERMS).copied().collect();
        terms.sort_by_key(|term| std::cmp::Reverse(term.len()));
        let mut rest = value.clone();
        for term in terms {
            rest = rest.replace(term, "");
        }
        for name in placeholders(&value) {
            rest = rest.replace(&format!("{{{name}}}"), "");
        }
        let only_terms = rest.chars().all(|c| !c.is_alphanumeric());
        assert!(
            only_terms || value.chars().any(native),
            "{} {tag}: {key} is not in its language: {value}",
            declared.name
        );
        // The kit's steps (the second module's catalog) quote the vendors' English menu names; the console's own entries quote nothing.
        if declared.name == "console" {
            let english_words = rest.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| w.len() >= 3).count();
            assert!(only_terms || (value != source && english_words == 0), "{tag}: {key} is left in English: {value}");
        }
    }
}

#[test]
fn english_and_korean_and_japanese_counts_choose_their_form() {
    let en = bundled("en");
    assert_eq!(en.members(1, "1"), "1 member");
    assert_eq!(en.members(1024, "1,024"), "1,024 members");
    assert_eq!(
        en.consequence_members_signed_out(2, "2", "10:10"),
        "2 members will be signed out of the mobile app, all of them by 10:10."
    );
    for tag in ["ja", "ko"] {
        let t = bundled(tag);
        assert_eq!(
            t.members(1, "1").replace('1', "N"),
            t.members(2, "2").replace('2', "N"),
            "{tag}: one form for every number"
        );
    }
}

#[test]
fn key_messages_name_the_problem_in_every_language() {
    for locale in LOCALES {
        let t = bundled(locale.tag);
        let message = |v: &str| t.key_error(&validate_key(v).unwrap_err());
        assert!(message("abcdefghijklmno").contains("15"), "{}", locale.tag);
        assert!(message(&"a1".repeat(65)).contains("130"), "{}", locale.tag);
        let non_ascii = message("abcdefghＡijklmnop");
        assert!(
            non_ascii.contains('Ａ') && non_ascii.contains('9') && non_ascii.contains("U+FF21"),
            "{}: {non_ascii}",
            locale.tag
        );
        assert!(message("aaaaaaaaaaaaaaaa").contains('6'), "{}", locale.tag);
    }
    assert!(bundled("en").key_error(&validate_key("abcdefghijklmnop ").unwrap_err()).contains("ends with"));
}

#[test]
fn every_contract_code_has_a_sentence_in_every_language() {
    for locale in LOCALES {
        let t = bundled(locale.tag);
        for code in [
            "csrf_failed",
            "plan_not_eligible",
            "precondition_required",
            "precondition_failed",
            "idempotency_key_reused",
            "malformed_json",
            "key_required",
            "key_in_use",
            "unauthorized",
            "server_error",
        ] {
            assert!(t.api_error(code).is_some_and(|s| !s.is_empty()), "{}: {code}", locale.tag);
        }
        assert_eq!(t.api_error("nonsense"), None);
    }
}

#[test]
fn languages_are_chosen_by_their_primary_tag() {
    assert_eq!(supported("ja-JP"), Some("ja"));
    assert_eq!(supported("KO"), Some("ko"));
    assert_eq!(supported("en_GB"), Some("en"));
    assert_eq!(supported("zh-TW"), None);
    assert_eq!(supported(""), None);
    assert_eq!(bundled("xx-YY").locale, "en");
    assert_eq!(bundled("ja-JP").locale, "ja");
}

#[test]
fn placeholders_are_filled_by_name_and_unknown_braces_are_kept() {
    assert_eq!(fill("{who} at {when}", &[("when", "10:10"), ("who", "Aki")]), "Aki at 10:10");
    assert_eq!(fill("{a}{a}", &[("a", "x")]), "xx");
    assert_eq!(fill("a { b } {c", &[("c", "x")]), "a { b } {c");
    assert_eq!(fill("{unknown}", &[]), "{unknown}");
    assert_eq!(fill("{n}件", &[("n", "3")]), "3件");
}

#[test]
fn only_english_says_one_differently() {
    assert_eq!(plural_category("en", 1), PluralCategory::One);
    assert_eq!(plural_category("en", 0), PluralCategory::Other);
    assert_eq!(plural_category("en", 21), PluralCategory::Other);
    for n in [0, 1, 2, 1024] {
        assert_eq!(plural_category("ja", n), PluralCategory::Other);
        assert_eq!(plural_category("ko", n), PluralCategory::Other);
    }
}

#[test]
fn the_most_preferred_spoken_language_is_negotiated() {
    assert_eq!(negotiate("ja-JP,ja;q=0.9,en;q=0.8"), "ja");
    assert_eq!(negotiate("ko"), "ko");
    assert_eq!(negotiate("fr-FR, ko;q=0.5, ja;q=0.4"), "ko");
    assert_eq!(negotiate("en;q=0.2, ja;q=0.9"), "ja");
    assert_eq!(negotiate("ja;q=0, ko;q=0.1"), "ko");
    for english in ["", "*", "fr", "ja;q=0", "ja;q=abc", "ja;q=2", "zh-TW,zh;q=0.9"] {
        assert_eq!(negotiate(english), "en", "{english:?}");
    }
}

#[test]
fn the_kit_names_every_mdm_step_and_difference_in_every_language() {
    use crate::domain::kit::{
        Against, Difference, Escape, Found, Lookalike, Mdm, NameProblem, NumberSign, Reading, Wrapper,
    };
    let every_difference = [
        Difference::LineBreaks,
        Difference::SurroundingSpaces,
        Difference::InvisibleSpaces,
        Difference::WideSpaces,
        Difference::FullWidth,
        Difference::Lookalike { kind: Lookalike::Yen, position: 17 },
        Difference::Lookalike { kind: Lookalike::Won, position: 17 },
        Difference::Lookalike { kind: Lookalike::WaveDash, position: 17 },
        Difference::Lookalike { kind: Lookalike::FullWidthTilde, position: 17 },
        Difference::Lookalike { kind: Lookalike::Overline, position: 17 },
        Difference::Lookalike { kind: Lookalike::Dash, position: 17 },
        Difference::CurlyQuotes,
        Difference::Quoted { open: '「', close: '」' },
        Difference::Escaped { escape: Escape::Xml, right_here: true },
        Difference::Escaped { escape: Escape::Xml, right_here: false },
        Difference::Escaped { escape: Escape::Json, right_here: true },
        Difference::Escaped { escape: Escape::Json, right_here: false },
        Difference::Name(NameProblem::LetterCase("lineworksAuthCode".into())),
        Difference::Name(NameProblem::Spelling("LineworkAuthCode".into())),
        Difference::Name(NameProblem::Other),
        Difference::Name(NameProblem::Absent),
        Difference::AsNumber(NumberSign::Typed),
        Difference::AsNumber(NumberSign::LeadingZeros),
        Difference::AsNumber(NumberSign::Exponent),
        Difference::AsNumber(NumberSign::Grouping),
        Difference::AsNumber(NumberSign::Rounded),
        Difference::LetterCase,
        Difference::Missing { position: 17, count: 3 },
        Difference::Extra { position: 17, count: 3 },
        Difference::OtherCharacter { position: 17 },
    ];
    for locale in LOCALES {
        let t: &PanelsStrings = panels::bundled(locale.tag);
        for mdm in Mdm::ALL {
            assert_eq!(
                t.mdm_name(mdm),
                panels::bundled("en").mdm_name(mdm),
                "{}: product names stay as they are",
                locale.tag
            );
            assert!(t.steps(mdm).iter().all(|step| !step.is_empty()));
        }
        let mut seen = BTreeSet::new();
        for difference in &every_difference {
            let text = t.difference(difference, Mdm::JamfPro, |n| format!("#{n}"));
            assert!(!text.contains('{'), "{}: {difference:?} left a placeholder: {text}", locale.tag);
            assert!(seen.insert(text.clone()), "{}: {difference:?} says what another says: {text}", locale.tag);
            match difference {
                Difference::Lookalike { .. } | Difference::OtherCharacter { .. } => {
                    assert!(text.contains("#17"), "{text}")
                }
                Difference::Missing { .. } | Difference::Extra { .. } => {
                    assert!(text.contains("#17") && text.contains("#3"), "{text}")
                }
                Difference::Escaped { .. } => assert!(text.contains("Jamf Pro"), "{text}"),
                Difference::Quoted { .. } => assert!(text.contains("「 」"), "{text}"),
                Difference::Name(NameProblem::LetterCase(name) | NameProblem::Spelling(name)) => {
                    assert!(text.contains(name.as_str()) && text.contains("LineworksAuthCode"), "{text}")
                }
                Difference::AsNumber(_) => assert!(text.contains("String"), "{text}"),
                _ => {}
            }
        }
        let found = Found { wrapper: Wrapper::Columns, name: Some("lineworksAuthCode".into()) };
        assert!(t.found_in(&found).contains("lineworksAuthCode"), "{}", locale.tag);
        let titles: BTreeSet<&str> =
            [(true, Against::Saved), (true, Against::Draft), (false, Against::Saved), (false, Against::Draft)]
                .into_iter()
                .map(|(is_key, against)| {
                    let differences = vec![if is_key { Difference::LineBreaks } else { Difference::LetterCase }];
                    t.verdict_title(&Reading { against, found_in: None, differences })
                })
                .collect();
        assert_eq!(titles.len(), 4, "{}", locale.tag);
        assert!(t.list(&["a", "b"]).starts_with('a') && t.list(&["a", "b"]).ends_with('b'));
    }
    assert_eq!(
        panels::bundled("en")
            .difference(&Difference::Missing { position: 17, count: 1 }, Mdm::JamfPro, |n| n.to_string()),
        "1 character is missing, from position 17."
    );
}

/// App Configuration reaches only managed apps, on every MDM: each one's steps say so first.
#[test]
fn every_mdm_s_steps_begin_with_the_managed_app() {
    use crate::domain::kit::Mdm;
    let word = |tag: &str| match tag {
        "ja" => "許可されたアプリ",
        "ko" => "허용된 앱",
        _ => "anaged",
    };
    for locale in LOCALES {
        let t: &PanelsStrings = panels::bundled(locale.tag);
        for mdm in Mdm::ALL {
            let first = t.steps(mdm)[0];
            let says = first.contains(word(locale.tag)) || first.contains("Managed Google Play");
            assert!(says, "{} {mdm:?}: {first}", locale.tag);
        }
    }
}
