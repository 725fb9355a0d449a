//! A small built console on disk, as Trunk leaves one, for the mock's static-file tests.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

use reqwest::header;

/// A directory with a small built console, removed when dropped.
pub struct Site(pub PathBuf);

pub const INLINE_INIT: &str = "\nimport init from '/mdm-console-3fa9.js';\nawait init('/mdm-console-3fa9_bg.wasm');\n";
pub const SUBPATH: &str = "/admin/mdm";
pub const SUBPATH_INIT: &str =
    "\nimport init from '/admin/mdm/mdm-console-5c1d.js';\nawait init('/admin/mdm/mdm-console-5c1d_bg.wasm');\n";
pub const SUBPATH_JS: &str = "export default async function init() { /* subpath */ }";
/// The allowlist as the build leaves it, before the mock fills it in.
pub const BUILT_EMBED_META: &str = r#"<meta name="mdm-embed-origins" content="https://build-time.example">"#;

impl Site {
    pub fn new() -> Self {
        let dir = Self::fresh_dir();
        std::fs::create_dir_all(dir.join("assets")).unwrap();
        let index = format!(
            "<!DOCTYPE html><html><head><link rel=\"stylesheet\" href=\"/style-1a2b.css\">\
             <script type=\"module\">{INLINE_INIT}</script></head><body></body></html>"
        );
        std::fs::write(dir.join("index.html"), index).unwrap();
        std::fs::write(dir.join("mdm-console-3fa9_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
        std::fs::write(dir.join("mdm-console-3fa9.js"), "export default async function init() {}").unwrap();
        std::fs::write(dir.join("style-1a2b.css"), "body { margin: 0 }").unwrap();
        std::fs::write(dir.join("assets/icon.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>").unwrap();
        Self(dir)
    }

    /// A second build, as `trunk build --public-url /admin/mdm/` makes it, with its own init script.
    pub fn subpath() -> Self {
        let dir = Self::fresh_dir();
        let index = format!(
            "<!DOCTYPE html><html><head>{BUILT_EMBED_META}<script type=\"module\">{SUBPATH_INIT}</script></head>\
             <body></body></html>"
        );
        std::fs::write(dir.join("index.html"), index).unwrap();
        std::fs::write(dir.join("mdm-console-5c1d.js"), SUBPATH_JS).unwrap();
        Self(dir)
    }

    fn fresh_dir() -> PathBuf {
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let dir = std::env::temp_dir().join(format!(
            "mock-server-site-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn content_type(response: &reqwest::Response) -> &str {
    response.headers().get(header::CONTENT_TYPE).map_or("", |v| v.to_str().unwrap())
}
