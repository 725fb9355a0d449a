//! The shell around every screen, and the pieces that more than one screen (or the second module) uses. Each knows
//! nothing of the pages around it; a piece of one screen lives beside that screen (the settings screen's pieces in
//! `pages/mdm_sync/`).

mod app_config;
mod copy_button;
mod dialog;
mod language_menu;
mod load_error;
mod nav;
mod page_header;
mod shell;
mod skeleton;
mod switch;

pub use app_config::AppConfig;
pub use copy_button::CopyButton;
pub use dialog::Dialog;
pub use language_menu::LanguageMenu;
pub use load_error::LoadError;
pub use nav::Nav;
pub use page_header::PageHeader;
pub use shell::Shell;
pub use skeleton::Skeleton;
pub use switch::Switch;
