//! Every payload, parsed back by a real parser (an XML parser, a plist parser, `serde_json`), yields exactly the key
//! as `LineworksAuthCode`, for any key a custom value may be; the value check names each usual mistake, and never
//! takes a changed key for the key.

use proptest::prelude::*;

use super::*;
use crate::domain::api::ManagedApp;
use crate::domain::key::validate_key;

fn app(id: &str, ios: Option<&str>, android: Option<&str>) -> ManagedApp {
    ManagedApp {
        id: id.into(),
        name: format!("App {id}"),
        ios_bundle_id: ios.map(Into::into),
        android_package: android.map(Into::into),
    }
}

fn apps() -> Vec<ManagedApp> {
    vec![
        app("lineworks", Some("com.example.lineworks"), Some("com.example.lineworks")),
        app("drive", Some("com.example.lineworks.drive"), Some("com.example.lineworks.drive")),
        app("ainote", Some("com.example.lineworks.ainote"), None),
    ]
}

/// Any value that the custom-key rules accept: printable ASCII, `< > & " ' \` included.
fn custom_key() -> impl Strategy<Value = String> {
    "[!-~]{16,128}".prop_filter("a valid custom key", |key| validate_key(key).is_ok())
}

/// The text of the only child element of `node` named `name`.
fn child<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> roxmltree::Node<'a, 'a> {
    let mut found = node.children().filter(|c| c.has_tag_name(name));
    let one = found.next().unwrap_or_else(|| panic!("no <{name}>"));
    assert!(found.next().is_none(), "more than one <{name}>");
    one
}

/// A plist `<dict>` as a plist parser reads it: its one entry.
fn plist_entry(text: &str) -> (String, String) {
    let value: plist::Value = plist::from_bytes(text.as_bytes()).expect("a plist");
    let dict = value.into_dictionary().expect("a dictionary");
    assert_eq!(dict.len(), 1);
    let (name, value) = dict.into_iter().next().unwrap();
    (name, value.into_string().expect("a String value"))
}

fn bare_dict(text: &str) -> (String, String) {
    // Also well-formed XML on its own, which Intune validates.
    let document = roxmltree::Document::parse(text).expect("well-formed XML");
    assert!(document.root_element().has_tag_name("dict"));
    plist_entry(&format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><plist version=\"1.0\">{text}</plist>"
    ))
}

fn specfile_value(text: &str) -> (String, String, String) {
    let document = roxmltree::Document::parse(text).expect("well-formed XML");
    let root = document.root_element();
    assert!(root.has_tag_name("managedAppConfiguration"));
    assert_eq!(child(root, "version").text(), Some("1"));
    let bundle = child(root, "bundleId").text().unwrap_or_default().to_owned();
    let string = child(child(root, "dict"), "string");
    let value = child(child(string, "defaultValue"), "value").text().unwrap_or_default().to_owned();
    (bundle, string.attribute("keyName").unwrap_or_default().to_owned(), value)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn every_payload_carries_exactly_the_key(key in custom_key()) {
        let apps = apps();
        let lineworks = &apps[0];
        for mdm in Mdm::ALL {
            let payload = payload(mdm, &key, Some(lineworks), &apps).expect("a payload");
            let text = &payload.text;
            match mdm {
                Mdm::IntuneIos | Mdm::JamfPro => {
                    prop_assert_eq!(bare_dict(text), (CONFIG_KEY.to_owned(), key.clone()));
                }
                Mdm::IvantiEpmm => prop_assert_eq!(plist_entry(text), (CONFIG_KEY.to_owned(), key.clone())),
                Mdm::IntuneAndroid => {
                    let json: serde_json::Value = serde_json::from_str(text).expect("JSON");
                    prop_assert_eq!(&json["kind"], "androidenterprise#managedConfiguration");
                    prop_assert_eq!(&json["productId"], "app:com.example.lineworks");
                    let property = &json["managedProperty"][0];
                    prop_assert_eq!(&property["key"], CONFIG_KEY);
                    prop_assert_eq!(property["valueString"].as_str(), Some(key.as_str()));
                }
                Mdm::AndroidManagement => {
                    let json: serde_json::Value = serde_json::from_str(text).expect("JSON");
                    let entries = json["applications"].as_array().expect("applications");
                    // Every app with an Android package, and none without.
                    let packages: Vec<&str> = entries.iter().filter_map(|e| e["packageName"].as_str()).collect();
                    prop_assert_eq!(packages, vec!["com.example.lineworks", "com.example.lineworks.drive"]);
                    for entry in entries {
                        let configuration = entry["managedConfiguration"].as_object().expect("an object");
                        prop_assert_eq!(configuration.len(), 1);
                        prop_assert_eq!(configuration[CONFIG_KEY].as_str(), Some(key.as_str()));
                    }
                }
                Mdm::WorkspaceOne | Mdm::AppConfigSpecfile => {
                    let (bundle, name, value) = specfile_value(text);
                    prop_assert_eq!(bundle, "com.example.lineworks");
                    prop_assert_eq!(name, CONFIG_KEY);
                    prop_assert_eq!(value, key.clone());
                }
            }
        }
    }

    #[test]
    fn a_changed_key_is_never_taken_for_the_key(key in custom_key(), at in any::<prop::sample::Index>(), c in "[!-~]") {
        let position = at.index(key.len());
        let mut changed = key.clone();
        changed.replace_range(position..=position, &c);
        prop_assume!(changed != key);
        prop_assert_ne!(check_value(&changed, Some(&key), None), Verdict::Matches);
        prop_assert_eq!(
            check_value(&changed, Some(&key), None),
            Verdict::Differs(vec![if changed.to_lowercase() == key.to_lowercase() {
                Difference::LetterCase
            } else {
                Difference::OtherCharacter { position: position + 1 }
            }])
        );
    }

    #[test]
    fn each_usual_mistake_is_named(key in custom_key(), cut in 1usize..8) {
        let verdict = |pasted: &str| check_value(pasted, Some(&key), None);
        let differs = |differences: Vec<Difference>| Verdict::Differs(differences);
        prop_assert_eq!(verdict(&key), Verdict::Matches);
        prop_assert_eq!(verdict(&format!("{key}\n")), differs(vec![Difference::LineBreaks]));
        prop_assert_eq!(verdict(&format!("{key}\r\n")), differs(vec![Difference::LineBreaks]));
        prop_assert_eq!(verdict(&format!(" {key}  ")), differs(vec![Difference::SurroundingSpaces]));
        prop_assert_eq!(verdict(&format!("\u{200B}{key}\u{FEFF}")), differs(vec![Difference::InvisibleSpaces]));
        prop_assert_eq!(verdict(&format!("{key}\u{00A0}")), differs(vec![Difference::InvisibleSpaces]));
        let full_width: String = key.chars().map(|c| char::from_u32(u32::from(c) + 0xFEE0).unwrap()).collect();
        prop_assert_eq!(verdict(&full_width), differs(vec![Difference::FullWidth]));
        let cut = cut.min(key.len() - 1);
        let truncated = &key[..key.len() - cut];
        prop_assert_eq!(verdict(truncated), differs(vec![Difference::Missing { position: key.len() - cut + 1, count: cut }]));
        prop_assert_eq!(
            verdict(&format!("{key}{}", &key[..cut])),
            differs(vec![Difference::Extra { position: key.len() + 1, count: cut }])
        );
        let escaped = xml_text(&key);
        if escaped != key {
            prop_assert_eq!(verdict(&escaped), differs(vec![Difference::XmlEscaped]));
        }
        if key.chars().any(|c| c.is_ascii_alphabetic()) {
            let swapped: String = key.chars().map(|c| if c.is_ascii_uppercase() { c.to_ascii_lowercase() } else { c.to_ascii_uppercase() }).collect();
            prop_assert_eq!(verdict(&swapped), differs(vec![Difference::LetterCase]));
        }
        if key.contains(['\'', '"']) {
            let curly: String = key.chars().map(|c| match c { '\'' => '\u{2019}', '"' => '\u{201D}', c => c }).collect();
            prop_assert_eq!(verdict(&curly), differs(vec![Difference::CurlyQuotes]));
        }
        // Two mistakes at once are both named.
        prop_assert_eq!(
            verdict(&format!(" {truncated}\n")),
            differs(vec![Difference::LineBreaks, Difference::SurroundingSpaces, Difference::Missing { position: key.len() - cut + 1, count: cut }])
        );
    }
}

#[test]
fn the_draft_and_the_absence_of_a_key_are_told_apart() {
    let saved = "Qx7vR2mK9pL4sT8wZ3nB6yH1cF5gJ0dA";
    let draft = "Nw3bV8cX1zL6kJ4hG9fD2sA7pO5iU0yT";
    assert_eq!(check_value("", Some(saved), None), Verdict::Empty);
    assert_eq!(check_value(draft, Some(saved), Some(draft)), Verdict::MatchesDraft);
    assert_eq!(check_value(saved, Some(saved), Some(draft)), Verdict::Matches);
    assert_eq!(check_value(draft, None, Some(draft)), Verdict::MatchesDraft);
    assert_eq!(check_value(saved, None, None), Verdict::NothingSaved);
}

#[test]
fn a_key_that_holds_an_entity_itself_is_not_unescaped() {
    let saved = "Qx7&amp;R2mK9pL4sT8w";
    assert_eq!(check_value(saved, Some(saved), None), Verdict::Matches);
    assert_eq!(check_value("Qx7&amp;amp;R2mK9pL4sT8w", Some(saved), None), Verdict::Differs(vec![Difference::XmlEscaped]));
    assert_eq!(check_value("Qx7&R2mK9pL4sT8w", Some(saved), None), Verdict::Differs(vec![Difference::Missing { position: 5, count: 4 }]));
}

#[test]
fn a_format_that_names_an_app_needs_its_identifier() {
    let apps = apps();
    let ainote = &apps[2];
    assert_eq!(payload(Mdm::IntuneAndroid, "k", Some(ainote), &apps), None, "AiNote has no Android package here");
    assert!(payload(Mdm::AppConfigSpecfile, "k", Some(ainote), &apps).is_some());
    assert_eq!(payload(Mdm::AppConfigSpecfile, "k", None, &apps), None);
    assert_eq!(payload(Mdm::AndroidManagement, "k", None, &[ainote.clone()]), None);
    let names: Vec<&str> = apps_for(Mdm::IntuneAndroid, &apps).iter().map(|a| a.id.as_str()).collect();
    assert_eq!(names, ["lineworks", "drive"]);
}

#[test]
fn files_are_named_and_typed_for_each_mdm() {
    let apps = apps();
    let file = |mdm| payload(mdm, "k", Some(&apps[1]), &apps).map(|p| (p.file_name, p.media_type)).unwrap();
    assert_eq!(file(Mdm::IntuneIos), ("lineworks-appconfig-intune-ios.xml".into(), "application/xml"));
    assert_eq!(file(Mdm::IntuneAndroid), ("lineworks-appconfig-intune-android-drive.json".into(), "application/json"));
    assert_eq!(file(Mdm::IvantiEpmm), ("lineworks-appconfig-ivanti-epmm.plist".into(), "application/x-plist"));
    assert_eq!(file(Mdm::AppConfigSpecfile), ("lineworks-appconfig-appconfig-specfile-drive.xml".into(), "application/xml"));
    for mdm in Mdm::ALL {
        assert_eq!(Mdm::from_id(mdm.id()), Some(mdm));
    }
}

#[test]
fn variables_an_mdm_would_rewrite_are_found() {
    assert!(Mdm::JamfPro.would_rewrite("abc$EMAIL0123456789"));
    assert!(Mdm::IntuneIos.would_rewrite("abc{{userprincipalname}}"));
    assert!(!Mdm::IntuneAndroid.would_rewrite("abc$EMAIL{x}"));
    assert!(!Mdm::JamfPro.would_rewrite("Qx7vR2mK9pL4sT8wZ3nB6yH1cF5gJ0dA"));
}

#[test]
fn escaping_is_exact() {
    assert_eq!(xml_text(r#"a<b>&"c'"#), "a&lt;b&gt;&amp;&quot;c&apos;");
    assert_eq!(json_string("a\"b\\c\u{1}\n"), r#""a\"b\\c\u0001\n""#);
}
