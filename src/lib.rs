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

/// Mounts the standalone console into the page's `<body>`.
#[cfg(feature = "ui")]
pub fn mount() {
    leptos::mount::mount_to_body(|| leptos::view! { <app::App config=app::Config::from_document()/> });
}
