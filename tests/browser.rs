//! In-browser tests: real components mounted into Chromium's DOM (`wasm-bindgen-test`, headless).
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use mdm_console::api::{from_js, to_js, ApiClient, ApiError, Malformed};
use mdm_console::components::{AppConfig, LoadError, Switch};
use mdm_console::context::{provide_env, Env, Host};
use mdm_console::domain::api::{AuditLog, KeyMode, MdmSyncSettings, MobileSecurity, Plan, Session};
use mdm_console::i18n::{self, Strings};
use mdm_console::pages::mdm_sync::KeyField;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// A catalog as the page hands it over: the entries of the source file in its order (the build writes that array).
fn catalog(json: &str) -> wasm_bindgen::JsValue {
    let keyed = js_sys::JSON::parse(json).unwrap();
    js_sys::Object::values(keyed.unchecked_ref::<js_sys::Object>()).into()
}

fn english() -> &'static Strings {
    i18n::from_js("en", &catalog(include_str!("../src/i18n/en.json"))).unwrap()
}

/// Mounts `view` into a fresh container, with the app's environment, and returns the container.
fn mount<V: IntoView + 'static>(view: impl FnOnce() -> V + 'static) -> HtmlElement {
    mount_for(Host::default(), view)
}

/// [`mount`], embedded in a host page that `host` stands for.
fn mount_for<V: IntoView + 'static>(host: Host, view: impl FnOnce() -> V + 'static) -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let container: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&container).unwrap();
    let handle = leptos::mount::mount_to(container.clone(), move || {
        provide_env(Env { client: ApiClient::new("/api"), t: english(), host, panels: Default::default() });
        view()
    });
    handle.forget();
    container
}

fn find(container: &HtmlElement, selector: &str) -> HtmlElement {
    container.query_selector(selector).unwrap().unwrap_or_else(|| panic!("no {selector}")).unchecked_into()
}

async fn tick() {
    leptos::task::tick().await;
}

#[wasm_bindgen_test]
async fn the_switch_is_named_by_its_label_and_reports_its_state() {
    let on = RwSignal::new(false);
    let container = mount(move || {
        view! {
            <Switch id="t-switch" label_id="t-switch-label" label="3rd-party MDM sync" checked=on disabled=Signal::stored(false)
                on_toggle=Callback::new(move |v| on.set(v))/>
        }
    });
    let switch = find(&container, "[role=switch]");
    let label = find(&container, "label[for=t-switch]");
    assert_eq!(label.text_content().unwrap(), "3rd-party MDM sync");
    assert_eq!(switch.get_attribute("aria-checked").as_deref(), Some("false"));
    switch.click();
    tick().await;
    assert!(on.get_untracked());
    assert_eq!(switch.get_attribute("aria-checked").as_deref(), Some("true"));
}

#[wasm_bindgen_test]
async fn a_load_error_is_an_alert_whose_retry_works() {
    let retries = RwSignal::new(0);
    let container = mount(move || {
        view! { <LoadError error=ApiError::timeout() on_retry=Callback::new(move |_| retries.update(|n| *n += 1))/> }
    });
    let alert = find(&container, "[role=alert]");
    assert!(alert.text_content().unwrap().contains(english().api_error_timeout()));
    find(&container, "[role=alert] button").click();
    assert_eq!(retries.get_untracked(), 1);
}

#[wasm_bindgen_test]
async fn the_key_is_masked_until_shown() {
    let shown = RwSignal::new(false);
    let key = "Qx7vR2mK9pL4sT8wZ3nB6yH1cF5gJ0dA2eU7iO4k".to_owned();
    let value = Signal::stored(Some(key.clone()));
    let container = mount(move || {
        view! {
            <KeyField mode=Signal::stored(KeyMode::Auto) value shown disabled=Signal::stored(false)
                error=Signal::stored(None::<String>) notes="mdm-key-notes" on_mode=Callback::new(|_| ()) on_show=Callback::new(move |v| shown.set(v))
                on_input=Callback::new(|_| ()) on_reissue=Callback::new(|_| ())/>
            <AppConfig key_value=value shown on_show=Callback::new(move |v| shown.set(v))/>
        }
    });
    tick().await;
    let input: HtmlInputElement = find(&container, "#mdm-key-input").unchecked_into();
    assert!(input.read_only(), "an auto-generated key is read-only");
    assert_eq!(input.value(), "•".repeat(40), "a hidden key is not in the field");
    assert!(!container.text_content().unwrap().contains(&key), "the key must not be in the page's text");
    let show = find(&container, "button[aria-pressed]");
    assert_eq!(show.text_content().unwrap(), english().show_key());
    show.click();
    tick().await;
    assert_eq!(show.get_attribute("aria-pressed").as_deref(), Some("true"));
    assert_eq!(input.value(), key);
    assert!(container.text_content().unwrap().contains(&key), "App Configuration shows the key once shown");
}

#[wasm_bindgen_test]
fn instants_read_as_the_browser_writes_them_in_each_language_in_turn() {
    use mdm_console::platform::local_time;
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into()).unwrap();
    js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into()).unwrap();
    let browser = |locale: &str, secs: i64| -> String {
        js_sys::Date::new(&(secs as f64 * 1000.0).into()).to_locale_string(locale, &options).into()
    };
    // The formatter is kept for one language at a time: each change of language must be heard.
    for (locale, secs) in
        [("ja", 1_764_547_200), ("ja", 1_700_000_000), ("ko", 1_764_547_200), ("en", 0), ("ja", 86_399)]
    {
        let written = local_time(locale, secs);
        assert_eq!(written, browser(locale, secs), "{locale} {secs}");
        assert!(!written.is_empty());
    }
    assert_ne!(local_time("ja", 1_764_547_200), local_time("en", 1_764_547_200));
}

#[wasm_bindgen_test]
fn webcrypto_keys_are_valid_and_distinct() {
    use mdm_console::domain::key::{generate_key, validate_key, ALPHABET, GENERATED_LEN};
    use mdm_console::platform::WebCrypto;
    let first = generate_key(&mut WebCrypto).expect("WebCrypto is available");
    let second = generate_key(&mut WebCrypto).expect("WebCrypto is available");
    for key in [&first, &second] {
        assert_eq!(key.len(), GENERATED_LEN);
        assert!(key.bytes().all(|b| ALPHABET.contains(&b)));
        assert_eq!(validate_key(key), Ok(()));
    }
    assert_ne!(first, second);
}

#[wasm_bindgen_test]
fn a_load_error_tells_an_embedding_page() {
    let heard = js_sys::Array::new();
    let record = {
        let heard = heard.clone();
        wasm_bindgen::closure::Closure::<dyn Fn(String, wasm_bindgen::JsValue)>::new(move |name: String, detail| {
            heard.push(&js_sys::Array::of2(&name.into(), &detail));
        })
    };
    let host = Host::new(record.as_ref().unchecked_ref::<js_sys::Function>().clone());
    record.forget();
    mount_for(host, || view! { <LoadError error=ApiError::timeout() on_retry=Callback::new(|_| ())/> });
    assert_eq!(heard.length(), 1);
    let event: js_sys::Array = heard.get(0).unchecked_into();
    assert_eq!(event.get(0).as_string().as_deref(), Some("mdm-sync:error"));
    let detail = js_sys::JSON::stringify(&event.get(1)).unwrap().as_string().unwrap();
    assert_eq!(detail, format!(r#"{{"code":"timeout","message":"{}"}}"#, english().api_error_timeout()));
}

/// What the console hands `JSON.stringify` (the PUT body) and the host page (an event's detail) is the JSON that
/// serde writes for the same value: the same fields in the same order, `null` for `None`, variants by their names.
#[wasm_bindgen_test]
fn values_reach_the_browser_as_serde_writes_them() {
    use mdm_console::domain::api::MdmSyncUpdate;
    use mdm_console::domain::embed::HostEvent;
    fn same<T: serde::Serialize>(value: &T) {
        let written = js_sys::JSON::stringify(&to_js(value).unwrap()).unwrap().as_string().unwrap();
        assert_eq!(written, serde_json::to_string(value).unwrap());
    }
    for (key_mode, key_value) in [(KeyMode::Auto, None), (KeyMode::Custom, Some("Qx7v\"R2mK 9pL4\n円".to_owned()))] {
        same(&MdmSyncUpdate {
            enabled: true,
            restrict_other_domains: false,
            key_mode,
            key_value,
            enforcement: None,
            previous_key_valid_until: None,
        });
    }
    // The rollout's fields: an overlap's end, one ended (`null`, told apart from a field left out), and the
    // settings screen's state as the second module reads it.
    for previous_key_valid_until in [Some(Some("2026-12-07T00:00:00Z".to_owned())), Some(None)] {
        same(&MdmSyncUpdate {
            enabled: true,
            restrict_other_domains: false,
            key_mode: KeyMode::Auto,
            key_value: None,
            enforcement: Some(mdm_console::domain::api::Enforcement::Monitor),
            previous_key_valid_until,
        });
    }
    let request = mdm_console::domain::screen::ScreenRequest { keep_previous: Some(true), ..Default::default() };
    same(&request);
    same(&HostEvent::Ready {});
    same(&HostEvent::DirtyChange { dirty: true });
    let saved = |logout_deadline| HostEvent::Saved { enabled: false, restrict_other_domains: true, logout_deadline };
    same(&saved(None));
    same(&saved(Some("2026-11-27T10:00:00Z".to_owned())));
    same(&HostEvent::Error { code: "timeout".into(), message: "It took too long.".into() });
    same(&(1u8, -2i32, u64::from(u32::MAX), 2.5f64, 'é', (), vec![Some(true), None]));
    same(&std::collections::BTreeMap::from([("b", 1u16), ("a", 2)]));
    assert_eq!(to_js(&(1u64 << 53)).err(), Some(Malformed), "an integer no JS number holds exactly");
}

fn parse<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, Malformed> {
    from_js(js_sys::JSON::parse(json).expect("the test's JSON parses"))
}

const SETTINGS: &str = r#"{"enabled":true,"restrictOtherDomains":false,"keyMode":"custom","keyValue":"Qx7vR2mK9pL4sT8wZ3nB6yH1",
    "configKey":"LineworksAuthCode","valueType":"String","updatedAt":"2026-11-27T10:00:00Z",
    "updatedBy":{"id":"u1","name":"Mina Park"},"logoutDeadline":null,"extra":[1,{"a":2.5}]}"#;

#[wasm_bindgen_test]
fn the_contract_s_json_decodes_from_the_browser_s_parser() {
    let settings: MdmSyncSettings = parse(SETTINGS).unwrap();
    assert!(settings.enabled && !settings.restrict_other_domains);
    assert_eq!(settings.key_mode, KeyMode::Custom);
    assert_eq!(settings.key_value.as_deref(), Some("Qx7vR2mK9pL4sT8wZ3nB6yH1"));
    assert_eq!(settings.updated_by.map(|p| p.name).as_deref(), Some("Mina Park"));
    assert_eq!(settings.logout_deadline, None);

    let overview: MobileSecurity = parse(
        r#"{"memberCount":1024,"lineworksMdm":{"enabled":true,"exceptionCount":3},
            "mdmSync":{"enabled":false,"restrictOtherDomains":false}}"#,
    )
    .unwrap();
    assert_eq!(overview.member_count, 1024);
    assert_eq!(overview.lineworks_mdm.exception_count, 3);
    let log: AuditLog = parse(r#"{"events":[]}"#).unwrap();
    assert!(log.events.is_empty());
}

#[wasm_bindgen_test]
fn a_value_of_the_wrong_shape_is_malformed() {
    let with = |from: &str, to: &str| SETTINGS.replacen(from, to, 1);
    for broken in [
        with(r#""enabled":true"#, r#""enabled":"true""#),
        with(r#""keyMode":"custom""#, r#""keyMode":"manual""#),
        with(r#""keyMode":"custom""#, r#""keyMode":1"#),
        with(r#""configKey":"LineworksAuthCode","#, ""),
        with(r#"{"id":"u1","name":"Mina Park"}"#, r#""Mina Park""#),
        "null".to_owned(),
        "[]".to_owned(),
    ] {
        assert_eq!(parse::<MdmSyncSettings>(&broken).err(), Some(Malformed), "{broken}");
    }
    let count = |n: &str| {
        format!(
            r#"{{"memberCount":{n},"lineworksMdm":{{"enabled":true,"exceptionCount":3}},"mdmSync":{{"enabled":false,"restrictOtherDomains":false}}}}"#
        )
    };
    assert_eq!(parse::<MobileSecurity>(&count("0")).map(|o| o.member_count), Ok(0));
    for bad in ["1.5", "-1", "1e300", "\"12\""] {
        assert_eq!(parse::<MobileSecurity>(&count(bad)).err(), Some(Malformed), "memberCount {bad}");
    }
    let session = r#"{"admin":{"id":"a","name":"Mina","email":"m@x"},"domain":{"id":"d","name":"Nimbus","plan":"advanced"},"csrfToken":"t"}"#;
    let session: Session = parse(session).unwrap();
    assert_eq!(session.domain.plan, Plan::Advanced);
    assert_eq!(session.domain.group, None, "a missing optional field is None");
}

#[wasm_bindgen_test]
fn a_catalog_that_lacks_an_entry_is_refused() {
    let entries: js_sys::Array = catalog(include_str!("../src/i18n/ko.json")).unchecked_into();
    entries.pop();
    assert_eq!(i18n::from_js("ko", &entries).err(), Some(i18n::MissingText(entries.length() as usize)));
}

#[wasm_bindgen_test]
fn a_catalog_is_read_in_its_language() {
    let japanese = i18n::from_js("ja", &catalog(include_str!("../src/i18n/ja.json"))).unwrap();
    assert_eq!(japanese.locale, "ja");
    assert_eq!(japanese.save(), "保存");
    assert_eq!(japanese.members(3, "3"), japanese.members(1, "3"), "Japanese has one form for every count");
}

#[wasm_bindgen_test]
async fn webcrypto_fingerprints_agree_with_the_native_ones_byte_for_byte() {
    use mdm_console::domain::readiness::{decode_base64url, fingerprint_from_digest, fingerprint_input, TEST_VECTORS};
    for (salt, value, expected) in TEST_VECTORS {
        let input = fingerprint_input(&decode_base64url(salt).unwrap(), value);
        let digest = mdm_console::platform::sha256(&input).await.expect("WebCrypto digests");
        assert_eq!(fingerprint_from_digest(&digest).as_deref(), Some(*expected), "{value}");
    }
}
