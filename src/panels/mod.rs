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
use std::collections::VecDeque;
use std::time::Duration;

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
    mounted: Vec<Mounted>,
    /// The islands still to mount, each in a task of its own (`mount_next_later`).
    pending: VecDeque<Box<dyn FnOnce() -> Mounted>>,
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
/// and `emit` when embedded. Each island is mounted in a task of its own after this returns.
/// Returns the id for [`update_panels`] and [`unmount_panels`].
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
    // Each island is mounted in a task of its own, the ones beside the key field first: built together, and with the
    // catalogs read, they were one 200-300 ms task at 4x CPU that a press of the admin's waited behind (Lighthouse's
    // Total Blocking Time).
    fn island<V: IntoView + 'static>(
        place: web_sys::HtmlElement,
        env: &Env,
        x: &'static PanelsStrings,
        view: impl FnOnce() -> V + 'static,
    ) -> Box<dyn FnOnce() -> Mounted> {
        let env = env.clone();
        Box::new(move || {
            Box::new(leptos::mount::mount_to(place, move || {
                provide_env(env);
                provide_context(PanelsText(x));
                view()
            }))
        })
    }
    let sign_ins_dialog = dialog.clone();
    let pending: VecDeque<Box<dyn FnOnce() -> Mounted>> = VecDeque::from([
        // Below the key field, describing it: what an MDM would rewrite in it, and a key that looks like a number.
        island(key_notes, &env, x, move || view! { <RewriteNote keys/><NumberNote keys/> }),
        // The page's first use of `Intl` (ICU's data, ~100 ms at 4x CPU) in a task of its own, before the islands
        // that write numbers and dates: inside one of theirs, it made it the longest of all.
        Box::new(move || -> Mounted {
            crate::platform::prepare_intl(t.locale);
            Box::new(())
        }),
        island(enforcement, &env, x, move || view! { <EnforcementOption screen=screen_read/> }),
        island(overlap, &env, x, move || view! { <OverlapOption screen=screen_read/> }),
        island(readiness, &env, x, move || view! { <ReadinessPanel screen=screen_read dialog=dialog.into()/> }),
        island(app_config, &env, x, move || view! { <AppConfigValues keys/> }),
        island(kit, &env, x, move || view! { <KitPanel keys/> }),
        island(activity.clone(), &env, x, move || {
            view! { <SignInChecks screen=screen_read dialog=sign_ins_dialog.into()/> }
        }),
        island(activity, &env, x, move || view! { <Activity saves/> }),
    ]);
    let id = NEXT_ID.with_borrow_mut(|next| {
        *next += 1;
        *next
    });
    MOUNTED.with_borrow_mut(|all| all.push(Islands { id, screen, mounted: Vec::new(), pending, lifetime }));
    mount_next_later(id);
    Ok(id)
}

type Mounted = Box<dyn std::any::Any>;

/// Mounts the next pending island of `id` in a task of its own, and schedules the one after it; nothing once the
/// islands are unmounted.
fn mount_next_later(id: u32) {
    set_timeout(
        move || {
            let next = MOUNTED.with_borrow_mut(|all| all.iter_mut().find(|i| i.id == id)?.pending.pop_front());
            let Some(next) = next else { return };
            // Built outside the borrow: what an island does as it is built may reach the registry again.
            let mounted = next();
            let unmounted = MOUNTED.with_borrow_mut(|all| match all.iter_mut().find(|i| i.id == id) {
                Some(islands) => {
                    islands.mounted.push(mounted);
                    None
                }
                None => Some(mounted),
            });
            // Unmounted while it was built: dropped here, outside the borrow, as `unmount_panels` drops the rest.
            drop(unmounted);
            mount_next_later(id);
        },
        Duration::ZERO,
    );
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
