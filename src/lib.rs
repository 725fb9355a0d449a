//! The admin console for LINE WORKS 3rd-party MDM sync.
//!
//! Layers, with imports flowing one way from `domain` and `i18n` (pure, shared with the mock backend) to the pages
//! and the app: the README's table "module | may import" is the rule, and `tests/import_direction.rs` enforces it.

#[cfg(all(feature = "ui", target_arch = "wasm32"))]
#[global_allocator]
// SAFETY: wasm32-unknown-unknown without threads runs all Rust code on one thread.
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

pub mod domain;
pub mod i18n;

#[cfg(feature = "ui")]
pub mod api;
#[cfg(feature = "ui")]
pub mod app;
#[cfg(feature = "ui")]
pub mod components;
#[cfg(feature = "ui")]
pub mod context;
#[cfg(feature = "ui")]
pub mod pages;
#[cfg(feature = "panels")]
pub mod panels;
#[cfg(feature = "ui")]
pub mod platform;
#[cfg(feature = "ui")]
pub mod router;
pub mod routes;

#[cfg(feature = "console")]
pub use embedded::{mount_embedded, mount_standalone, unmount_embedded};

/// The `wasm-started` performance mark: the module is instantiated and its start function ran.
#[cfg(feature = "console")]
pub fn mark_started() {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark("wasm-started");
    }
}

/// The entry points that the page's loader calls once the wasm has started: the standalone console
/// (`index.html`), and one settings screen per `<mdm-sync-settings>` (`src/embed/mdm-sync-settings.js`). Each is
/// given the catalog of the admin's language, which the page fetched beside the wasm (`src/embed/start.js`).
#[cfg(feature = "console")]
mod embedded {
    use std::any::Any;
    use std::cell::RefCell;

    use wasm_bindgen::prelude::wasm_bindgen;
    use wasm_bindgen::JsValue;

    use crate::api::ApiClient;
    use crate::app::{App, Config, EmbeddedApp};
    use crate::context::{Handover, Host};
    use crate::i18n::{self, Strings};
    use crate::platform::Panels;

    thread_local! {
        /// What keeps each mounted screen alive; dropping it unmounts the view and runs every cleanup.
        static MOUNTED: RefCell<Vec<(u32, Screen)>> = const { RefCell::new(Vec::new()) };
        static NEXT_ID: RefCell<u32> = const { RefCell::new(0) };
        /// The standalone console: how it was configured, its hand-over between languages, and what keeps it alive.
        static STANDALONE: RefCell<Option<(Config, Handover, Screen)>> = const { RefCell::new(None) };
    }

    /// A mounted view and the signal its API client's requests listen to. Dropped, it cancels the requests still
    /// on their way, then unmounts the view: nothing the screen started outlives it.
    struct Screen {
        _view: Box<dyn Any>,
        lifetime: web_sys::AbortController,
    }

    impl Screen {
        /// Mounts what `mount` returns, given the signal for its client.
        fn new<V: Any>(mount: impl FnOnce(web_sys::AbortSignal) -> V) -> Option<Self> {
            let lifetime = web_sys::AbortController::new().ok()?;
            Some(Self { _view: Box::new(mount(lifetime.signal())), lifetime })
        }
    }

    impl Drop for Screen {
        fn drop(&mut self) {
            self.lifetime.abort();
        }
    }

    /// Mounts the whole console into the page's `<body>`, in language `locale` (`catalog` is its parsed JSON).
    /// `preloaded` holds the first screen's answers, requested while the wasm loaded; `panels(locale)` loads the
    /// second module (`platform::Panels`).
    #[wasm_bindgen]
    pub fn mount_standalone(
        catalog: JsValue,
        locale: &str,
        preloaded: Option<js_sys::Map>,
        panels: Option<js_sys::Function>,
    ) -> Result<(), JsValue> {
        let strings = i18n::from_js(locale, &catalog).map_err(missing)?;
        show_standalone(Config::from_document(preloaded, Panels::new(panels)), strings, Handover::default());
        Ok(())
    }

    /// (Re)starts the standalone console in the language of `strings`.
    fn show_standalone(config: Config, strings: &'static Strings, handover: Handover) {
        // The old console leaves the page before the new one comes in: both would live in `<body>`.
        drop(STANDALONE.take());
        let (app_config, app_handover) = (config.clone(), handover.clone());
        let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) else { return };
        let screen = Screen::new(|lifetime| {
            leptos::mount::mount_to(body, move || {
                leptos::view! { <App config=app_config strings handover=app_handover relaunch lifetime/> }
            })
        });
        // A state that no page took (the admin was elsewhere) must not turn up later.
        handover.clear();
        // The first screen's answers were for the first start only.
        STANDALONE.set(screen.map(|screen| (Config { preloaded: None, ..config }, handover, screen)));
    }

    /// The language menu's choice: the console starts again in it, once the event that chose it is over.
    fn relaunch(strings: &'static Strings) {
        leptos::prelude::queue_microtask(move || {
            let running =
                STANDALONE.with_borrow(|s| s.as_ref().map(|(config, handover, _)| (config.clone(), handover.clone())));
            if let Some((config, handover)) = running {
                show_standalone(config, strings, handover);
            }
        });
    }

    /// Mounts a settings screen into `parent` and returns its id for [`unmount_embedded`].
    /// `host_headers()` returns headers to add to every request; `emit(name, detail)` tells the host page of events;
    /// `preloaded` holds the first answers, requested while the wasm loaded.
    #[wasm_bindgen]
    #[allow(clippy::too_many_arguments)]
    pub fn mount_embedded(
        parent: web_sys::HtmlElement,
        api_base: &str,
        locale: &str,
        catalog: JsValue,
        host_headers: js_sys::Function,
        emit: js_sys::Function,
        preloaded: Option<js_sys::Map>,
        panels: Option<js_sys::Function>,
    ) -> Result<u32, JsValue> {
        let strings = i18n::from_js(locale, &catalog).map_err(missing)?;
        let client = ApiClient::new(api_base).with_host_headers(host_headers).with_preloaded(preloaded);
        let host = Host::new(emit);
        let panels = Panels::new(panels);
        let screen = Screen::new(|lifetime| {
            let client = client.with_lifetime(lifetime);
            leptos::mount::mount_to(parent, move || leptos::view! { <EmbeddedApp client strings host panels/> })
        })
        .ok_or_else(|| JsValue::from_str("AbortController is not supported"))?;
        let id = NEXT_ID.with_borrow_mut(|next| {
            *next += 1;
            *next
        });
        MOUNTED.with_borrow_mut(|mounted| mounted.push((id, screen)));
        Ok(id)
    }

    #[wasm_bindgen]
    pub fn unmount_embedded(id: u32) {
        let handle = MOUNTED.with_borrow_mut(|mounted| {
            mounted.iter().position(|(mounted_id, _)| *mounted_id == id).map(|i| mounted.swap_remove(i))
        });
        // Dropped outside the borrow: the cleanups it runs may mount or unmount another screen.
        drop(handle);
    }

    /// A catalog that lacks a string cannot show the console: the page's loader reports it.
    fn missing(error: i18n::MissingText) -> JsValue {
        js_sys::Error::new(&format!("the language catalog has no \"{}\"", error.0)).into()
    }
}
