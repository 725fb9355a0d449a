//! One module per screen. Pages own the state of their screen and compose components.

pub mod mdm_sync;
mod mobile_security;
mod not_found;

pub use mdm_sync::MdmSyncPage;
pub use mobile_security::MobileSecurityPage;
pub use not_found::NotFoundPage;
