//! The admin console for LINE WORKS 3rd-party MDM sync.
//!
//! Layers, with imports flowing one way: `domain`, `i18n` (pure, shared with the mock backend) and `api`,
//! `components` → `pages` → `app`.

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
#[cfg(feature = "ui")]
pub mod platform;
#[cfg(feature = "ui")]
pub mod router;
pub mod routes;

/// Mounts the standalone console into the page's `<body>`, if the page asks for it: `index.html` marks itself
/// `data-mdm-standalone` before the wasm starts, except in the iframe mode. A portal's page starts the same wasm for
/// `<mdm-sync-settings>`, and must get nothing else.
#[cfg(feature = "ui")]
pub fn mount() {
    let page = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element());
    if page.is_some_and(|page| page.has_attribute("data-mdm-standalone")) {
        leptos::mount::mount_to_body(|| leptos::view! { <app::App config=app::Config::from_document()/> });
    }
}

#[cfg(feature = "ui")]
pub use embedded::{mount_embedded, unmount_embedded};

/// The entry points of `<mdm-sync-settings>` (`src/embed/mdm-sync-settings.js`): one settings screen per element.
#[cfg(feature = "ui")]
mod embedded {
    use std::any::Any;
    use std::cell::RefCell;

    use wasm_bindgen::prelude::wasm_bindgen;

    use crate::api::ApiClient;
    use crate::app::EmbeddedApp;
    use crate::context::Host;

    thread_local! {
        /// What keeps each mounted screen alive; dropping it unmounts the view and runs every cleanup.
        static MOUNTED: RefCell<Vec<(u32, Box<dyn Any>)>> = const { RefCell::new(Vec::new()) };
        static NEXT_ID: RefCell<u32> = const { RefCell::new(0) };
    }

    /// Mounts a settings screen into `parent` and returns its id for [`unmount_embedded`].
    /// `host_headers()` returns headers to add to every request; `emit(name, detail)` tells the host page of events;
    /// `preloaded` holds the first answers, requested while the wasm loaded (`src/embed/start.js`).
    #[wasm_bindgen]
    pub fn mount_embedded(
        parent: web_sys::HtmlElement,
        api_base: &str,
        locale: String,
        host_headers: js_sys::Function,
        emit: js_sys::Function,
        preloaded: Option<js_sys::Map>,
    ) -> u32 {
        let client = ApiClient::new(api_base).with_host_headers(host_headers).with_preloaded(preloaded);
        let host = Host::new(emit);
        let handle = leptos::mount::mount_to(parent, move || leptos::view! { <EmbeddedApp client locale host/> });
        let id = NEXT_ID.with_borrow_mut(|next| {
            *next += 1;
            *next
        });
        MOUNTED.with_borrow_mut(|mounted| mounted.push((id, Box::new(handle))));
        id
    }

    #[wasm_bindgen]
    pub fn unmount_embedded(id: u32) {
        let handle = MOUNTED.with_borrow_mut(|mounted| {
            mounted.iter().position(|(mounted_id, _)| *mounted_id == id).map(|i| mounted.swap_remove(i))
        });
        // Dropped outside the borrow: the cleanups it runs may mount or unmount another screen.
        drop(handle);
    }
}
