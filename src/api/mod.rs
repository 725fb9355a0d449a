//! The HTTP client of API v1 (`docs/api.md`).

mod client;
mod error;

pub use client::{ApiClient, Versioned};
pub use error::{ApiError, ErrorKind};
