//! What the settings screen shows once it can be used, from a second wasm module that the page loads afterwards
//! (`mdm-panels`, built with the `panels` feature): the Key rotation region and device readiness (with their lines in
//! the Apply dialog), the App Configuration values and kit, Sign-in checks (with the week's numbers in the Apply
//! dialog) and the Activity log. Keeping them out
//! of the console's first load is what lets that load fit its budget; each is an island of its own, mounted by the
//! settings screen into a place it keeps for it, and told of the key value's state as the admin changes it.
//!
//! What this module may import: the README's imports table, row `panels` (never `pages`: they are two programs).

mod activity_log;
mod app_config;
mod key_notes;
mod kit;
mod readiness;
mod rollout;
mod sign_ins;
mod value_check;

use std::cell::RefCell;

use leptos::prelude::*;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

use crate::api::ApiClient;
use crate::context::{provide_env, Env, Host};
use crate::domain::screen::{ScreenRequest, ScreenState, REQUEST_EVENT};
use crate::i18n::{self, panels::PanelsStrings};
pub use activity_log::Activity;
pub use app_config::AppConfigValues;
pub use key_notes::{NumberNote, RewriteNote};
pub use kit::KitPanel;
pub use readiness::ReadinessPanel;
pub use rollout::{EnforcementOption, OverlapOption};
pub use sign_ins::SignInChecks;
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
pub struct PanelsText(pub &'static PanelsStrings);

pub fn use_panels_strings() -> &'static PanelsStrings {
    expect_context::<PanelsText>().0
}

struct Islands {
    id: u32,
    screen: ArcRwSignal<ScreenState>,
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

/// Mounts Key rotation and device readiness into `readiness` (their lines into `dialog`, inside the Apply dialog), the
/// App Configuration values into `app_config`, the kit into `kit`, Sign-in checks and the Activity log into
/// `activity`, the rollout's controls into `enforcement` and `overlap`, and the key's notes into `key_notes` (what an
/// MDM would rewrite, a key that looks like a number), in language `locale` (the console's catalog
/// and this module's, as the page fetched them), against the API at `api_base` with the host page's `host_headers`
/// and `emit` when embedded. Returns the id for [`update_panels`] and [`unmount_panels`].
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub fn mount_panels(
    readiness: web_sys::HtmlElement,
    dialog: web_sys::HtmlElement,
    app_config: web_sys::HtmlElement,
    kit: web_sys::HtmlElement,
    activity: web_sys::HtmlElement,
    enforcement: web_sys::HtmlElement,
    overlap: web_sys::HtmlElement,
    key_notes: web_sys::HtmlElement,
    api_base: &str,
    locale: &str,
    console_catalog: JsValue,
    panels_catalog: JsValue,
    host_headers: Option<js_sys::Function>,
    emit: Option<js_sys::Function>,
) -> Result<u32, JsValue> {
    let t = i18n::from_js(locale, &console_catalog).map_err(missing)?;
    let x = i18n::panels::from_js(locale, &panels_catalog).map_err(missing)?;
    let lifetime = web_sys::AbortController::new()?;
    let client = ApiClient::new(api_base).with_language(t.locale).with_lifetime(lifetime.signal());
    let client = match host_headers {
        Some(headers) => client.with_host_headers(headers),
        None => client,
    };
    let env = Env { client, t, host: emit.map(Host::new).unwrap_or_default(), panels: Default::default() };
    let screen = ArcRwSignal::new(ScreenState::default());
    let screen_read: Signal<ScreenState> = screen.clone().into();
    // The key's state alone, for the islands that follow only the key.
    let keys: Signal<KeyState> = ArcMemo::new(move |_| {
        screen_read.with(|s| KeyState { saved: s.saved_key.clone(), draft: s.draft_key.clone(), shown: s.key_shown })
    })
    .into();
    let saves: Signal<u32> = ArcMemo::new(move |_| screen_read.with(|s| s.saves)).into();
    let readiness_env = env.clone();
    let readiness_dialog = dialog.clone();
    let readiness = leptos::mount::mount_to(readiness, move || {
        provide_env(readiness_env);
        provide_context(PanelsText(x));
        view! { <ReadinessPanel screen=screen_read dialog=readiness_dialog.into()/> }
    });
    let sign_ins_env = env.clone();
    let sign_ins = leptos::mount::mount_to(activity.clone(), move || {
        provide_env(sign_ins_env);
        provide_context(PanelsText(x));
        view! { <SignInChecks screen=screen_read dialog=dialog.into()/> }
    });
    let activity_env = env.clone();
    let activity = leptos::mount::mount_to(activity, move || {
        provide_env(activity_env);
        provide_context(PanelsText(x));
        view! { <Activity saves/> }
    });
    let app_config_env = env.clone();
    let app_config = leptos::mount::mount_to(app_config, move || {
        provide_env(app_config_env);
        view! { <AppConfigValues keys/> }
    });
    let kit_env = env.clone();
    let kit = leptos::mount::mount_to(kit, move || {
        provide_env(kit_env);
        provide_context(PanelsText(x));
        view! { <KitPanel keys/> }
    });
    let enforcement = leptos::mount::mount_to(enforcement, {
        let env = env.clone();
        move || {
            provide_env(env);
            provide_context(PanelsText(x));
            view! { <EnforcementOption screen=screen_read/> }
        }
    });
    // Below the key field, describing it: what an MDM would rewrite in it, and a key that looks like a number.
    let key_notes = leptos::mount::mount_to(key_notes, {
        let env = env.clone();
        move || {
            provide_env(env);
            provide_context(PanelsText(x));
            view! { <RewriteNote keys/><NumberNote keys/> }
        }
    });
    let overlap = leptos::mount::mount_to(overlap, {
        move || {
            provide_env(env);
            provide_context(PanelsText(x));
            view! { <OverlapOption screen=screen_read/> }
        }
    });
    let id = NEXT_ID.with_borrow_mut(|next| {
        *next += 1;
        *next
    });
    let mounted: Vec<Box<dyn std::any::Any>> = vec![
        Box::new(readiness),
        Box::new(sign_ins),
        Box::new(app_config),
        Box::new(kit),
        Box::new(activity),
        Box::new(enforcement),
        Box::new(overlap),
        Box::new(key_notes),
    ];
    MOUNTED.with_borrow_mut(|all| all.push(Islands { id, screen, _mounted: mounted, lifetime }));
    Ok(id)
}

/// The settings screen's state changed (`domain::screen::ScreenState`, as a JS value).
#[wasm_bindgen]
pub fn update_panels(id: u32, state: JsValue) {
    let Ok(state) = crate::api::from_js::<ScreenState>(state) else { return };
    MOUNTED.with_borrow(|all| {
        let Some(islands) = all.iter().find(|i| i.id == id) else { return };
        if islands.screen.with_untracked(|current| *current != state) {
            islands.screen.set(state);
        }
    });
}

#[wasm_bindgen]
pub fn unmount_panels(id: u32) {
    let islands = MOUNTED.with_borrow_mut(|all| all.iter().position(|i| i.id == id).map(|i| all.swap_remove(i)));
    // Dropped outside the borrow: the cleanups it runs may reach the registry again.
    drop(islands);
}

/// Asks the settings screen for `request`, from the element an event of the admin's reached: the request bubbles up
/// to the form (`domain::screen::REQUEST_EVENT`).
pub fn ask(event: &web_sys::Event, request: ScreenRequest) {
    let Some(target) = event.target() else { return };
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    if let Ok(detail) = crate::api::to_js(&request) {
        init.set_detail(&detail);
    }
    if let Ok(request) = web_sys::CustomEvent::new_with_event_init_dict(REQUEST_EVENT, &init) {
        let _ = target.dispatch_event(&request);
    }
}

/// The `panels-started` performance mark: the module is instantiated.
pub fn mark_started() {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark("panels-started");
    }
}

fn missing(error: i18n::MissingText) -> JsValue {
    js_sys::Error::new(&format!("a language catalog lacks entry {}", error.0)).into()
}
