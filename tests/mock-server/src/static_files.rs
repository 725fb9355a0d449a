//! The built console's files, from the same origin as the API, so that the CSP can say `'self'` everywhere.

use std::path::{Path, PathBuf};

use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};

use mdm_console::domain::url::percent_decode;

use crate::errors::status_response;
use crate::headers::SecurityHeaders;
use crate::traffic::CONTROL_PREFIX;

const INDEX: &str = "index.html";
/// The console's list of the parent origins its `postMessage` events may go to, up to the start of the value.
const EMBED_ORIGINS_META: &str = r#"<meta name="mdm-embed-origins" content=""#;

/// Another build of the console, made with Trunk's `--public-url PREFIX/`, served under its prefix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mount {
    prefix: String,
    dir: PathBuf,
}

impl Mount {
    /// `prefix` is a URL path such as `/admin/mdm`; a trailing slash is ignored.
    pub fn new(prefix: &str, dir: impl Into<PathBuf>) -> Result<Self, String> {
        let trimmed = prefix.trim_end_matches('/');
        if !trimmed.starts_with('/') {
            return Err(format!("the prefix must start with '/' and not be '/' alone, got {prefix:?}"));
        }
        if trimmed.starts_with(crate::api::BASE) || trimmed.starts_with(CONTROL_PREFIX) {
            return Err(format!("the prefix {prefix:?} would hide the API or the test controls"));
        }
        // Plain names only: the prefix is compared with the path as sent, so it must be one that is never escaped.
        let plain = |name: &str| {
            !name.is_empty()
                && !name.starts_with('.')
                && name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~'))
        };
        if !trimmed[1..].split('/').all(plain) {
            return Err(format!(
                "the prefix {prefix:?} must be '/'-separated names of letters, digits, '-', '_', '.' and '~'"
            ));
        }
        Ok(Self { prefix: trimmed.to_owned(), dir: dir.into() })
    }

    /// Without a trailing slash.
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The part of `url_path` below the prefix (`""` for the prefix itself), or `None` when it is not under it.
    pub fn below<'a>(&self, url_path: &'a str) -> Option<&'a str> {
        let rest = url_path.strip_prefix(&self.prefix)?;
        (rest.is_empty() || rest.starts_with('/')).then_some(rest)
    }
}

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

/// `<meta name="mdm-embed-origins" content="…">` with `origins` as its value, written exactly so (it is in the
/// console's own `index.html`); anything else is left as it is.
fn fill_embed_origins(html: &str, origins: &str) -> String {
    let mut filled = String::with_capacity(html.len() + origins.len());
    let mut rest = html;
    while let Some(found) = rest.find(EMBED_ORIGINS_META) {
        let value_start = found + EMBED_ORIGINS_META.len();
        let Some(value_len) = rest[value_start..].find('"') else { break };
        filled.push_str(&rest[..value_start]);
        filled.push_str(origins);
        rest = &rest[value_start + value_len..];
    }
    filled.push_str(rest);
    filled
}

/// `index.html` of `root` as served. Decoded as a browser decodes it, so that the hashes are of the text it runs.
fn index_page(root: &Path, bytes: &[u8], security: &SecurityHeaders) -> String {
    let html = fill_embed_origins(&String::from_utf8_lossy(bytes), security.embed_origins());
    // Hashed once the text is final, so that the policy describes the scripts exactly as served.
    security.update_from_index(root, &html);
    html
}

/// Reads `index.html` of `root` before any request, so that even the first API answer carries the policy the
/// console needs.
pub fn preload_index(root: &Path, security: &SecurityHeaders) {
    if let Ok(bytes) = std::fs::read(root.join(INDEX)) {
        index_page(root, &bytes, security);
    }
}

/// The content codings a request's `Accept-Encoding` takes (RFC 9110 §12.5.3), of those the mock sends.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Accepted {
    /// `br`: for a built asset's `.br` twin.
    pub brotli: bool,
    /// `gzip`: for the index page, compressed as it is sent, as a production server compresses a page it fills in.
    pub gzip: bool,
}

impl Accepted {
    /// What `accept_encoding` takes: a coding named with no `q=0`. `None` (no header) takes neither.
    pub fn from_header(accept_encoding: Option<&str>) -> Self {
        let takes = |coding: &str| accept_encoding.is_some_and(|value| accepts(value, coding));
        Self { brotli: takes("br"), gzip: takes("gzip") }
    }
}

fn accepts(accept_encoding: &str, coding: &str) -> bool {
    accept_encoding.split(',').any(|entry| {
        let mut parts = entry.split(';').map(str::trim);
        let refused = |param: &str| param.strip_prefix("q=").is_some_and(|q| q.parse::<f32>().is_ok_and(|q| q == 0.0));
        parts.next().is_some_and(|name| name.eq_ignore_ascii_case(coding)) && !parts.any(refused)
    })
}

/// Serves a file of `root`, `url_path` being its path below the root's prefix, starting with `/`. A built asset that
/// has a `.br` twin (the post-build hook writes them, as a production server or CDN would keep them) is sent
/// brotli-compressed when the browser takes it, and the index page gzip-compressed: first loads are measured
/// compressed, so they should be served so, and the benchmark's timings with them.
pub async fn serve(
    root: &Path,
    security: &SecurityHeaders,
    method: &Method,
    url_path: &str,
    accepted: Accepted,
) -> Response {
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
    let is_index = path == root.join(INDEX);
    let twin = match accepted.brotli && !is_index {
        true => tokio::fs::read(with_br_extension(&path)).await.ok(),
        false => None,
    };
    let (body, coding) = match twin {
        Some(bytes) => (bytes, Some("br")),
        None => {
            let Ok(bytes) = tokio::fs::read(&path).await else {
                return status_response(StatusCode::NOT_FOUND);
            };
            match is_index {
                true => {
                    let page = index_page(root, &bytes, security).into_bytes();
                    match accepted.gzip {
                        true => (gzip(&page), Some("gzip")),
                        false => (page, None),
                    }
                }
                false => (bytes, None),
            }
        }
    };
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type(&path)));
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    if let Some(coding) = coding {
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding));
    }
    // A file whose name carries its content hash never changes: a revisit takes it from the cache without asking,
    // as from a production server. index.html names the current build's files, and the unhashed ones (the embedding
    // scripts, `public/`) change between builds, so those are always revalidated.
    let caching = if is_content_hashed(url_path) { "public, max-age=31536000, immutable" } else { "no-cache" };
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(caching));
    response
}

/// Trunk's hashed file names: `main-a898db94ecf081a9.css`, `mdm-console-4c252a67fc1907ae_bg.wasm`. Trunk writes its
/// 64-bit hash without leading zeros, so it can be a digit or two shorter than 16.
fn is_content_hashed(url_path: &str) -> bool {
    let name = url_path.rsplit('/').next().unwrap_or_default();
    let stem = name.split('.').next().unwrap_or_default();
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-')
        .is_some_and(|(_, hash)| (12..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    // Writing to a Vec cannot fail.
    encoder.write_all(bytes).and_then(|()| encoder.finish()).unwrap_or_default()
}

fn with_br_extension(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".br");
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_coding_is_taken_when_named_unless_refused() {
        let taken = |value: &str| Accepted::from_header(Some(value));
        for yes in ["br", "gzip, deflate, br, zstd", "gzip;q=1.0, br;q=0.5", "BR", " br ;q=1"] {
            assert!(taken(yes).brotli, "{yes}");
        }
        for no in ["", "gzip, deflate", "br;q=0", "gzip, br; q=0", "brotli", "identity"] {
            assert!(!taken(no).brotli, "{no}");
        }
        assert_eq!(taken("gzip, deflate, br, zstd"), Accepted { brotli: true, gzip: true });
        assert_eq!(taken("gzip;q=0, br"), Accepted { brotli: true, gzip: false });
        assert_eq!(taken("x-gzip"), Accepted::default());
        assert_eq!(Accepted::from_header(None), Accepted::default());
    }

    #[test]
    fn gzip_round_trips() {
        use std::io::Read;
        let page = "<!doctype html><title>管理画面</title>".repeat(40);
        let compressed = gzip(page.as_bytes());
        assert!(compressed.len() < page.len() / 4, "{} of {}", compressed.len(), page.len());
        let mut back = String::new();
        flate2::read::GzDecoder::new(&compressed[..]).read_to_string(&mut back).unwrap();
        assert_eq!(back, page);
    }

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
    fn mount_prefixes_are_checked_and_lose_a_trailing_slash() {
        assert_eq!(Mount::new("/admin/mdm/", "dist-subpath").unwrap().prefix(), "/admin/mdm");
        assert_eq!(Mount::new("/admin", "d").unwrap().prefix(), "/admin");
        let malformed = ["/", "//", "", "admin/mdm", "/a//b", "/a/../b", "/.git", "/a b", "/a%20b", "/a?b"];
        let reserved = ["/api", "/api/v2", "/apix", "/__mock", "/__mock/x"];
        for bad in malformed.into_iter().chain(reserved) {
            assert!(Mount::new(bad, "d").is_err(), "{bad}");
        }
    }

    #[test]
    fn a_mount_takes_its_prefix_and_what_is_below_it() {
        let mount = Mount::new("/admin/mdm", "d").unwrap();
        assert_eq!(mount.below("/admin/mdm"), Some(""));
        assert_eq!(mount.below("/admin/mdm/"), Some("/"));
        assert_eq!(mount.below("/admin/mdm/security/mobile"), Some("/security/mobile"));
        assert_eq!(mount.below("/admin/mdmx/a.js"), None);
        assert_eq!(mount.below("/admin"), None);
    }

    #[test]
    fn the_embed_origins_meta_gets_the_configured_origins() {
        let meta = |value: &str| format!(r#"<meta name="mdm-embed-origins" content="{value}">"#);
        let page = format!("<head>{}<script>go()</script></head>", meta("https://build-time.example"));
        assert_eq!(
            fill_embed_origins(&page, "https://a.example https://b.example"),
            format!("<head>{}<script>go()</script></head>", meta("https://a.example https://b.example"))
        );
        assert_eq!(fill_embed_origins(&page, ""), format!("<head>{}<script>go()</script></head>", meta("")));
        // Only the exact spelling is filled in; an unterminated value is left alone.
        for other in [
            r#"<meta content="x" name="mdm-embed-origins">"#,
            r#"<meta name='mdm-embed-origins' content='x'>"#,
            r#"<meta name="mdm-embed-origins" content="x"#,
        ] {
            assert_eq!(fill_embed_origins(other, "https://a.example"), other);
        }
    }

    #[test]
    fn only_content_hashed_names_are_cached_for_good() {
        for hashed in [
            "/main-a898db94ecf081a9.css",
            "/mdm-console-4c252a67fc1907ae_bg.wasm",
            "/x/mdm-console-4c252a67fc1907ae.js",
            "/mdm-console-2db1bc27f6f850b_bg.wasm",
        ] {
            assert!(is_content_hashed(hashed), "{hashed}");
        }
        for unhashed in
            ["/index.html", "/mdm-sync-settings.js", "/favicon.svg", "/main-a898db94.css", "/a-zz98db94ecf081a9.css"]
        {
            assert!(!is_content_hashed(unhashed), "{unhashed}");
        }
        // public/, served as it is, under names that a new build keeps: revalidated, never cached for good.
        for public in [
            "/favicon.ico",
            "/icon.svg",
            "/apple-touch-icon.png",
            "/icon-192.png",
            "/icon-512.png",
            "/manifest.webmanifest",
            "/robots.txt",
            "/admin/mdm/icon-192.png",
        ] {
            assert!(!is_content_hashed(public), "{public}");
        }
    }

    #[test]
    fn types_follow_the_extension() {
        assert_eq!(content_type(Path::new("a_bg.wasm")), "application/wasm");
        assert_eq!(content_type(Path::new("a.JS")), "text/javascript; charset=utf-8");
        assert_eq!(content_type(Path::new("site.webmanifest")), "application/manifest+json");
        assert_eq!(content_type(Path::new("favicon.ico")), "image/x-icon");
        assert_eq!(content_type(Path::new("icon.svg")), "image/svg+xml");
        assert_eq!(content_type(Path::new("icon-192.png")), "image/png");
        assert_eq!(content_type(Path::new("robots.txt")), "text/plain; charset=utf-8");
        assert_eq!(content_type(Path::new("LICENSE")), "application/octet-stream");
    }
}
