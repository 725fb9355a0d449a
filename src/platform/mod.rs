//! The browser facilities the console uses beyond rendering: the CSPRNG, the clipboard, the admin's clock, time zone
//! and number format, the page's language, and DOM lookups that work inside a shadow root.

mod clipboard;
mod dialogs;
mod digest;
mod dom;
mod download;
mod focus;
mod language;
mod panels;
mod random;
mod time;

pub use clipboard::copy_text;
pub use dialogs::confirm;
pub use digest::sha256;
pub use dom::{active_element_near, element_by_id_near};
pub use download::download;
pub use focus::keep_focus;
pub use language::{catalog_for, focus_language_menu, remember_locale, show_language, show_title};
pub use panels::{Panels, PanelsModule};
pub use random::WebCrypto;
pub use time::{local_time, local_time_rfc3339, now_unix, number, parse_instant, prepare_intl};

/// A browser value in the app's context, which wants `Send + Sync` values: the console runs on one thread.
#[derive(Clone, Debug)]
pub struct OneThread<T>(T);

// SAFETY: wasm32-unknown-unknown without atomics has one thread; these values never leave it.
unsafe impl<T> Send for OneThread<T> {}
unsafe impl<T> Sync for OneThread<T> {}

impl<T> OneThread<T> {
    pub fn new(value: T) -> Self {
        Self(value)
    }
}

impl<T> std::ops::Deref for OneThread<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}
