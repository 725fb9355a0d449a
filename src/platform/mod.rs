//! The browser facilities the console uses beyond the DOM: the CSPRNG, the clipboard, and the
//! admin's clock, time zone and number format.

mod clipboard;
mod dialogs;
mod random;
mod time;

pub use clipboard::copy_text;
pub use dialogs::confirm;
pub use random::WebCrypto;
pub use time::{local_time, local_time_rfc3339, now_unix, number, parse_instant};
