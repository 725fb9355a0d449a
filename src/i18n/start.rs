//! The page's own catalog (`start/en.json`, `start/ja.json`, `start/ko.json`): what it says when the console cannot
//! start at all (a file of the build missing or refused, a browser too old). The console's catalog may be the very
//! file that failed, so these few strings travel inside the page's first script (`src/embed/fail.js`, filled in by
//! the build), every language's, and never pass through the wasm.

/// The JSON text of a language's start catalog, as written.
#[cfg(not(target_arch = "wasm32"))]
pub fn catalog_json(tag: &str) -> Option<&'static str> {
    Some(match tag {
        "en" => include_str!("start/en.json"),
        "ja" => include_str!("start/ja.json"),
        "ko" => include_str!("start/ko.json"),
        _ => return None,
    })
}

catalog! {
    /// One language's start-failure strings.
    pub struct StartStrings;
    text failed_title,
    template failed_file(url, error),
    text failed_check,
    text reload,
    text unsupported_title,
    template unsupported_body(chrome, firefox, safari),
}
