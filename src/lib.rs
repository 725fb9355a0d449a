pub mod domain;
pub mod i18n;
