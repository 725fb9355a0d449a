//! The HTTP client of API v1 (`docs/api.md`).

mod client;
mod load;

pub use client::{ApiClient, Versioned};
pub use crate::domain::error::{ApiError, ErrorKind};
pub use load::{load, Loaded};
