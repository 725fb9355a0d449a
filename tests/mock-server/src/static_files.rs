//! The built console's files, from the same origin as the API, so that the CSP can say `'self'` everywhere.

use std::path::{Path, PathBuf};

use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::errors::status_response;
use crate::headers::SecurityHeaders;

const INDEX: &str = "index.html";

pub fn content_type(path: &Path) -> &'static str {
    let extension = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("html" | "htm") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("webp") => "image/webp",
        Some("ico") => "image/x-icon",
        Some("json" | "map") => "application/json",
        Some("webmanifest") => "application/manifest+json",
        Some("txt") => "text/plain; charset=utf-8",
        Some("woff2") => "font/woff2",
        Some("woff") => "font/woff",
        _ => "application/octet-stream",
    }
}

/// Decodes `%XX` escapes; `None` for a broken escape or a result that is not UTF-8.
fn percent_decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = path.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The file under `root` that a URL path names, or `None` when the path tries to leave `root`
/// or to reach a hidden file.
fn resolve(root: &Path, url_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(url_path)?;
    let mut path = root.to_path_buf();
    for segment in decoded.split('/').filter(|s| !s.is_empty()) {
        if segment.starts_with('.') || segment.contains(['\\', '\0', ':']) {
            return None;
        }
        path.push(segment);
    }
    Some(path)
}

/// A deep link of the console (`/security/mobile`) has no extension; an asset (`/app-1f2e.wasm`) has one.
fn is_deep_link(url_path: &str) -> bool {
    !url_path.rsplit('/').next().unwrap_or_default().contains('.')
}

pub async fn serve(root: &Path, security: &SecurityHeaders, method: &Method, url_path: &str) -> Response {
    if method != Method::GET && method != Method::HEAD {
        let mut response = status_response(StatusCode::METHOD_NOT_ALLOWED);
        response.headers_mut().insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let Some(mut path) = resolve(root, url_path) else {
        return status_response(StatusCode::NOT_FOUND);
    };
    let is_file = tokio::fs::metadata(&path).await.is_ok_and(|m| m.is_file());
    if !is_file {
        if !is_deep_link(url_path) {
            return status_response(StatusCode::NOT_FOUND);
        }
        path = root.join(INDEX);
    }
    let Ok(bytes) = tokio::fs::read(&path).await else {
        return status_response(StatusCode::NOT_FOUND);
    };
    let is_index = path == root.join(INDEX);
    if is_index {
        security.update_from_index(&String::from_utf8_lossy(&bytes));
    }
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type(&path)));
    // index.html names the hashed assets of the current build, so it is always revalidated. The other files are
    // revalidated too: this is a development server, and unhashed files from `public/` change between builds.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_leave_the_root() {
        let root = Path::new("/srv/site");
        assert_eq!(resolve(root, "/a/b.js"), Some(PathBuf::from("/srv/site/a/b.js")));
        assert_eq!(resolve(root, "/"), Some(PathBuf::from("/srv/site")));
        assert_eq!(resolve(root, "/with%20space.txt"), Some(PathBuf::from("/srv/site/with space.txt")));
        for bad in ["/../etc/passwd", "/a/%2e%2e/%2e%2e/etc/passwd", "/.git/config", "/a%5c..%5cb", "/%zz"] {
            assert_eq!(resolve(root, bad), None, "{bad}");
        }
    }

    #[test]
    fn deep_links_have_no_extension() {
        assert!(is_deep_link("/security/mobile/mdm-sync"));
        assert!(is_deep_link("/"));
        assert!(!is_deep_link("/mdm-console-1f2e_bg.wasm"));
    }

    #[test]
    fn types_follow_the_extension() {
        assert_eq!(content_type(Path::new("a_bg.wasm")), "application/wasm");
        assert_eq!(content_type(Path::new("a.JS")), "text/javascript; charset=utf-8");
        assert_eq!(content_type(Path::new("site.webmanifest")), "application/manifest+json");
        assert_eq!(content_type(Path::new("LICENSE")), "application/octet-stream");
    }
}
