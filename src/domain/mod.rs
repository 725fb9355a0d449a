//! Pure logic shared by the console (wasm) and the mock backend (native): no browser, no I/O.

pub mod api;
pub mod change;
pub mod embed;
pub mod error;
pub mod gate;
pub mod key;
pub mod kit;
pub mod readiness;
pub mod retry;
pub mod screen;
pub mod settings;
pub mod sign_ins;
pub mod time;
pub mod url;

#[cfg(test)]
mod key_uniformity_tests;
