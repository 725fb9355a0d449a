//! The HTTP client of API v1 (`docs/api.md`).

mod client;
mod from_js;
mod load;
mod to_js;

pub use crate::domain::error::{ApiError, ErrorKind};
pub use client::{parse, ApiClient, Versioned};
pub use from_js::{from_js, Malformed};
pub use load::{load, LoadReturn, Loaded};
pub use to_js::to_js;

use crate::domain::api::paths;

/// The audit events the settings screen shows.
pub fn audit_path(limit: u32) -> String {
    format!("{}?limit={limit}", paths::MDM_SYNC_AUDIT)
}
