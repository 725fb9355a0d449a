//! What the settings screen shows once it can be used, from a second wasm module that the page loads afterwards
//! (`mdm-extras`, built with the `extras` feature): device readiness (with its lines in the Apply dialog), the App
//! Configuration values and kit, and the Activity log. Keeping them out
//! of the console's first load is what lets that load fit its budget; each is an island of its own, mounted by the
//! settings screen into a place it keeps for it, and told of the key value's state as the admin changes it.
//!
//! Imports flow as for pages: `domain`, `i18n`, `api`, `platform` and `components` → `extras`.

mod activity_log;
mod app_config;
mod kit;
mod readiness;
mod value_check;

use std::cell::RefCell;

use leptos::prelude::*;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

use crate::api::ApiClient;
use crate::context::{provide_env, Env, Host};
use crate::i18n::{self, extras::ExtrasStrings};
pub use activity_log::Activity;
pub use app_config::AppConfigValues;
pub use kit::KitPanel;
pub use readiness::ReadinessPanel;
pub use value_check::ValueCheck;

/// The key value as the settings screen has it: the saved one, the draft's when it is another and not saved yet,
/// and whether the admin has chosen to see it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KeyState {
    pub saved: Option<String>,
    pub draft: Option<String>,
    pub shown: bool,
}

/// The kit's strings, for the kit's components.
#[derive(Clone, Copy)]
pub struct ExtrasText(pub &'static ExtrasStrings);

pub fn use_extras_strings() -> &'static ExtrasStrings {
    expect_context::<ExtrasText>().0
}

struct Islands {
    id: u32,
    keys: ArcRwSignal<KeyState>,
    signs_out: ArcRwSignal<bool>,
    saves: ArcRwSignal<u32>,
    /// Dropping them unmounts the islands and runs every cleanup.
    _mounted: Vec<Box<dyn std::any::Any>>,
    /// What the islands' requests listen to: aborted when they are unmounted, so that none outlives them.
    lifetime: web_sys::AbortController,
}

impl Drop for Islands {
    fn drop(&mut self) {
        self.lifetime.abort();
    }
}

thread_local! {
    static MOUNTED: RefCell<Vec<Islands>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: RefCell<u32> = const { RefCell::new(0) };
}

/// Mounts device readiness into `readiness` (and its lines into `dialog`, inside the Apply dialog), the App
/// Configuration values into `app_config`, the App Configuration kit into `kit` and the Activity log into `activity`, in language `locale` (the console's catalog and
/// this module's, as the page fetched them), against the API at `api_base` with the host page's `host_headers` and
/// `emit` when embedded. Returns the id for [`update_extras`] and [`unmount_extras`].
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub fn mount_extras(
    readiness: web_sys::HtmlElement,
    dialog: web_sys::HtmlElement,
    app_config: web_sys::HtmlElement,
    kit: web_sys::HtmlElement,
    activity: web_sys::HtmlElement,
    api_base: &str,
    locale: &str,
    console_catalog: JsValue,
    extras_catalog: JsValue,
    host_headers: Option<js_sys::Function>,
    emit: Option<js_sys::Function>,
) -> Result<u32, JsValue> {
    let t = i18n::from_js(locale, &console_catalog).map_err(missing)?;
    let x = i18n::extras::from_js(locale, &extras_catalog).map_err(missing)?;
    let lifetime = web_sys::AbortController::new()?;
    let client = ApiClient::new(api_base).with_language(t.locale).with_lifetime(lifetime.signal());
    let client = match host_headers {
        Some(headers) => client.with_host_headers(headers),
        None => client,
    };
    let env = Env { client, t, host: emit.map(Host::new).unwrap_or_default(), extras: Default::default() };
    let keys = ArcRwSignal::new(KeyState::default());
    let signs_out = ArcRwSignal::new(false);
    let saves = ArcRwSignal::new(0);
    let readiness_env = env.clone();
    let (keys_read, signs_out_read): (Signal<KeyState>, Signal<bool>) = (keys.clone().into(), signs_out.clone().into());
    let readiness = leptos::mount::mount_to(readiness, move || {
        provide_env(readiness_env);
        provide_context(ExtrasText(x));
        view! { <ReadinessPanel keys=keys_read signs_out=signs_out_read dialog=dialog.into()/> }
    });
    let activity_env = env.clone();
    let saves_seen: Signal<u32> = saves.clone().into();
    let activity = leptos::mount::mount_to(activity, move || {
        provide_env(activity_env);
        view! { <Activity saves=saves_seen/> }
    });
    let app_config_env = env.clone();
    let app_config_keys: Signal<KeyState> = keys.clone().into();
    let app_config = leptos::mount::mount_to(app_config, move || {
        provide_env(app_config_env);
        view! { <AppConfigValues keys=app_config_keys/> }
    });
    let keys_seen: Signal<KeyState> = keys.clone().into();
    let kit = leptos::mount::mount_to(kit, move || {
        provide_env(env);
        provide_context(ExtrasText(x));
        view! { <KitPanel keys=keys_seen/> }
    });
    let id = NEXT_ID.with_borrow_mut(|next| {
        *next += 1;
        *next
    });
    let mounted: Vec<Box<dyn std::any::Any>> =
        vec![Box::new(readiness), Box::new(app_config), Box::new(kit), Box::new(activity)];
    MOUNTED.with_borrow_mut(|all| all.push(Islands { id, keys, signs_out, saves, _mounted: mounted, lifetime }));
    Ok(id)
}

/// The key value changed on the settings screen, or whether saving the draft signs members out (`signs_out`), or a
/// save went through (`saves` counts them).
#[wasm_bindgen]
pub fn update_extras(id: u32, saved: Option<String>, draft: Option<String>, shown: bool, signs_out: bool, saves: u32) {
    MOUNTED.with_borrow(|all| {
        let Some(islands) = all.iter().find(|i| i.id == id) else { return };
        let state = KeyState { saved, draft, shown };
        if islands.keys.with_untracked(|current| *current != state) {
            islands.keys.set(state);
        }
        if islands.signs_out.get_untracked() != signs_out {
            islands.signs_out.set(signs_out);
        }
        if islands.saves.get_untracked() != saves {
            islands.saves.set(saves);
        }
    });
}

#[wasm_bindgen]
pub fn unmount_extras(id: u32) {
    let islands = MOUNTED.with_borrow_mut(|all| all.iter().position(|i| i.id == id).map(|i| all.swap_remove(i)));
    // Dropped outside the borrow: the cleanups it runs may reach the registry again.
    drop(islands);
}

/// The `extras-started` performance mark: the module is instantiated.
pub fn mark_started() {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark("extras-started");
    }
}

fn missing(error: i18n::MissingText) -> JsValue {
    js_sys::Error::new(&format!("a language catalog lacks entry {}", error.0)).into()
}
