//! The browser facilities the console uses beyond the DOM: the CSPRNG and the clipboard.

mod clipboard;
mod random;

pub use clipboard::copy_text;
pub use random::WebCrypto;
