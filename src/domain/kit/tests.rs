//! Every payload, parsed back by a real parser (an XML parser, a plist parser, `serde_json`), yields exactly the key
//! as `LineworksAuthCode`, for any key a custom value may be. The value check's tests are in `check_tests.rs`.

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

pub(super) fn apps() -> Vec<ManagedApp> {
    vec![
        app("lineworks", Some("com.example.lineworks"), Some("com.example.lineworks")),
        app("drive", Some("com.example.lineworks.drive"), Some("com.example.lineworks.drive")),
        app("ainote", Some("com.example.lineworks.ainote"), None),
    ]
}

/// Any value that the custom-key rules accept: printable ASCII, `< > & " ' \` included.
pub(super) fn custom_key() -> impl Strategy<Value = String> {
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
    plist_entry(&format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><plist version=\"1.0\">{text}</plist>"))
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
}

#[test]
fn a_format_that_names_an_app_needs_its_identifier() {
    let apps = apps();
    let ainote = &apps[2];
    assert_eq!(payload(Mdm::IntuneAndroid, "k", Some(ainote), &apps), None, "AiNote has no Android package here");
    assert!(payload(Mdm::AppConfigSpecfile, "k", Some(ainote), &apps).is_some());
    assert_eq!(payload(Mdm::AppConfigSpecfile, "k", None, &apps), None);
    assert_eq!(payload(Mdm::AndroidManagement, "k", None, std::slice::from_ref(ainote)), None);
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
    assert_eq!(
        file(Mdm::AppConfigSpecfile),
        ("lineworks-appconfig-appconfig-specfile-drive.xml".into(), "application/xml")
    );
    for mdm in Mdm::ALL {
        assert_eq!(Mdm::from_id(mdm.id()), Some(mdm));
    }
}

#[test]
fn escaping_is_exact() {
    assert_eq!(xml_text(r#"a<b>&"c'"#), "a&lt;b&gt;&amp;&quot;c&apos;");
    assert_eq!(json_string("a\"b\\c\u{1}\n"), r#""a\"b\\c\u0001\n""#);
}
