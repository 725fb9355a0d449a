/// The browser's own yes/no question; `false` when it cannot ask. For quick decisions that need no layout of their
/// own (leaving with unsaved changes, discarding a draft), where a native prompt is what people expect.
pub fn confirm(question: &str) -> bool {
    web_sys::window().and_then(|w| w.confirm_with_message(question).ok()).unwrap_or(false)
}
