//! Pure logic shared by the console (wasm) and the mock backend (native): no browser, no I/O.

pub mod api;
pub mod gate;
pub mod key;
pub mod kit;
pub mod readiness;
pub mod retry;
pub mod time;
pub mod url;
pub mod change;
pub mod embed;
pub mod error;
pub mod screen;
pub mod settings;
pub mod sign_ins;

#[cfg(test)]
mod key_uniformity_tests;
