//! Small, reusable pieces of the console. Each knows nothing of the pages around it.

mod language_menu;
mod load_error;
mod nav;
mod page_header;
mod precautions;
mod shell;
mod skeleton;
mod switch;

pub use language_menu::LanguageMenu;
pub use load_error::LoadError;
pub use nav::Nav;
pub use page_header::PageHeader;
pub use precautions::Precautions;
pub use shell::Shell;
pub use skeleton::Skeleton;
pub use switch::Switch;

mod app_config;
mod consequences;
mod copy_button;
mod dialog;
mod key_field;
mod restrict_option;
mod sync_steps;

pub use app_config::AppConfig;
pub use consequences::Consequences;
pub use copy_button::CopyButton;
pub use dialog::Dialog;
pub use key_field::KeyField;
pub use restrict_option::RestrictOption;
pub use sync_steps::SyncSteps;
