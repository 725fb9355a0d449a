//! Security headers on every answer, with a strict Content-Security-Policy that still lets the console start:
//! Trunk injects an inline module script into `index.html`, which is allowed by its hash, never by 'unsafe-inline'.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::RwLock;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

use crate::crypto::{base64, sha256};
use crate::Shared;

pub struct SecurityHeaders {
    /// The origins allowed to embed the console, space-separated; empty when none is.
    embed_origins: String,
    /// `'sha256-…'` sources of the inline scripts of each served root's `index.html`, as read last. Kept per root
    /// because one policy covers every document: each must allow its own scripts whichever was read last.
    script_hashes: RwLock<BTreeMap<PathBuf, Vec<String>>>,
}

impl SecurityHeaders {
    /// `frame_ancestors`: the origins allowed to embed the console, space-separated; `None` forbids embedding.
    pub fn new(frame_ancestors: Option<&str>) -> Result<Self, String> {
        let embed_origins = match frame_ancestors.map(str::trim) {
            None | Some("") => String::new(),
            // A ';' or ',' would end the directive and smuggle in another one.
            Some(list) if list.contains([';', ',']) || list.chars().any(char::is_control) => {
                return Err(format!("--frame-ancestors must be space-separated sources, got {list:?}"));
            }
            // The list is also written into index.html's mdm-embed-origins meta, inside a quoted attribute.
            Some(list) if list.contains(['"', '<', '>']) => {
                return Err(format!("--frame-ancestors must not contain '\"', '<' or '>', got {list:?}"));
            }
            // Never `*`, `https:` or `https://*.example`: the console posts its events to each origin on the list, which
            // takes an exact origin, and a wildcard would let any matching site frame the settings.
            Some(list) => match list.split_whitespace().find(|source| !is_exact_origin(source)) {
                Some(source) => {
                    return Err(format!(
                        "--frame-ancestors takes exact origins such as https://portal.example, not {source:?}"
                    ));
                }
                None => list.split_whitespace().collect::<Vec<_>>().join(" "),
            },
        };
        Ok(Self { embed_origins, script_hashes: RwLock::new(BTreeMap::new()) })
    }

    /// The sources of `frame-ancestors`, space-separated, or `""` when no origin may embed the console.
    pub fn embed_origins(&self) -> &str {
        &self.embed_origins
    }

    /// Called whenever the `index.html` of `root` is read, so that a rebuild by Trunk never leaves a stale hash
    /// behind.
    pub fn update_from_index(&self, root: &Path, html: &str) {
        self.script_hashes.write().expect("hash lock").insert(root.to_path_buf(), inline_script_hashes(html));
    }

    pub fn csp(&self) -> String {
        let hashes = self.script_hashes.read().expect("hash lock");
        let mut script_src = vec!["'self' 'wasm-unsafe-eval'"];
        for hash in hashes.values().flatten() {
            if !script_src.contains(&hash.as_str()) {
                script_src.push(hash);
            }
        }
        let frame_ancestors = if self.embed_origins.is_empty() { "'none'" } else { &self.embed_origins };
        format!(
            "default-src 'self'; script-src {}; style-src 'self'; img-src 'self' data:; manifest-src 'self'; \
             connect-src 'self'; base-uri 'self'; object-src 'none'; form-action 'none'; \
             frame-ancestors {frame_ancestors}",
            script_src.join(" ")
        )
    }
}

pub async fn middleware(State(app): State<Shared>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    // Read after the handler ran: serving index.html may just have refreshed the hashes.
    let csp = HeaderValue::from_str(&app.security.csp()).expect("the CSP is built from checked parts");
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, csp);
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert("cross-origin-opener-policy", HeaderValue::from_static("same-origin"));
    // An admin console has nothing for search engines. Said on the page itself: robots.txt cannot speak for a
    // sub-path (crawlers read only the origin's), and a page that is only disallowed may still be listed by address.
    if headers.get(header::CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(b"text/html")) {
        headers.insert("x-robots-tag", HeaderValue::from_static("noindex, nofollow"));
    }
    response
}

/// `scheme://host` or `scheme://host:port`, http or https, with no wildcard, path, query or credentials.
fn is_exact_origin(source: &str) -> bool {
    let Some((scheme, authority)) = source.split_once("://") else { return false };
    let host = match authority.rsplit_once(':') {
        Some((_, port)) if port.is_empty() || port.len() > 5 || !port.bytes().all(|b| b.is_ascii_digit()) => {
            return false;
        }
        Some((host, _)) => host,
        None => authority,
    };
    matches!(scheme, "http" | "https")
        && !host.is_empty()
        && host.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
}

/// The CSP hash source of every inline `<script>` element (one without `src`), in document order, without repeats.
/// The hash covers the element's text exactly as written, which is what browsers hash.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    // ASCII lowercasing keeps every byte offset, so offsets found in `lower` are valid in `html`.
    let lower = html.to_ascii_lowercase();
    let mut hashes = Vec::new();
    let mut from = 0;
    while let Some(found) = lower[from..].find("<script") {
        let name_end = from + found + "<script".len();
        let Some(&next) = lower.as_bytes().get(name_end) else { break };
        if !(next.is_ascii_whitespace() || next == b'>' || next == b'/') {
            from = name_end;
            continue;
        }
        let Some(tag_end) = start_tag_end(html, name_end) else { break };
        let content_start = tag_end + 1;
        let content_end = lower[content_start..].find("</script").map_or(html.len(), |i| content_start + i);
        if !attribute_names(&html[name_end..tag_end]).iter().any(|name| name == "src") {
            let hash = format!("'sha256-{}'", base64(&sha256(&html.as_bytes()[content_start..content_end])));
            if !hashes.contains(&hash) {
                hashes.push(hash);
            }
        }
        from = content_end;
    }
    hashes
}

/// The offset of the `>` that closes a start tag, skipping any `>` inside quoted attribute values.
fn start_tag_end(html: &str, from: usize) -> Option<usize> {
    let mut quote = None;
    for (i, b) in html.bytes().enumerate().skip(from) {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if q == b => quote = None,
            (None, b'>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// The lowercased attribute names of a start tag's attribute text, values skipped.
fn attribute_names(attrs: &str) -> Vec<String> {
    let bytes = attrs.as_bytes();
    let mut names = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_whitespace() || bytes[i] == b'/' {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !matches!(bytes[i], b'=' | b'/') {
            i += 1;
        }
        names.push(attrs[start..i].to_ascii_lowercase());
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if i < bytes.len() && bytes[i] == b'=' {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            match bytes.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    i += 1;
                    while i < bytes.len() && bytes[i] != q {
                        i += 1;
                    }
                    i += 1;
                }
                _ => {
                    while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
                        i += 1;
                    }
                }
            }
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hash(content: &str) -> String {
        format!("'sha256-{}'", base64(&sha256(content.as_bytes())))
    }

    #[test]
    fn inline_scripts_are_hashed_and_external_ones_are_not() {
        let init = "\nimport init, * as bindings from '/mdm-console-1f2e.js';\nwindow.wasmBindings = bindings;\n";
        let html = format!(
            r#"<!DOCTYPE html><html><head>
<link rel="modulepreload" href="/mdm-console-1f2e.js" crossorigin="anonymous">
<script src="/vendor.js" defer></script>
<SCRIPT type="module" data-src="x>y">{init}</SCRIPT>
<scripts-not-a-tag></scripts-not-a-tag>
<script>{init}</script>
</head><body></body></html>"#
        );
        assert_eq!(inline_script_hashes(&html), vec![hash(init)]);
    }

    #[test]
    fn the_hash_matches_a_known_value() {
        // From the CSP specification's example: `alert('Hello, world.');`.
        assert_eq!(
            inline_script_hashes("<script>alert('Hello, world.');</script>"),
            vec!["'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='".to_owned()]
        );
    }

    #[test]
    fn the_policy_is_strict_and_names_the_hashes() {
        let headers = SecurityHeaders::new(None).unwrap();
        headers.update_from_index(Path::new("dist"), "<script>go()</script>");
        let csp = headers.csp();
        assert!(csp.contains(&format!("script-src 'self' 'wasm-unsafe-eval' {};", hash("go()"))), "{csp}");
        assert!(csp.ends_with("frame-ancestors 'none'"));
        assert!(!csp.contains("unsafe-inline") && !csp.contains("'unsafe-eval'"));
        // public/'s icons load under img-src and its web app manifest under manifest-src, from the console's origin.
        assert!(csp.contains("; img-src 'self' data:; manifest-src 'self'; "), "{csp}");
    }

    #[test]
    fn frame_ancestors_are_checked() {
        let headers = SecurityHeaders::new(Some(" https://portal.example  http://localhost:4174 ")).unwrap();
        assert!(headers.csp().ends_with("frame-ancestors https://portal.example http://localhost:4174"));
        assert_eq!(headers.embed_origins(), "https://portal.example http://localhost:4174");
        for wildcard in [
            "*",
            "https:",
            "https://*.example.org",
            "'self'",
            "portal.example",
            "https://a.example/path",
            "https://a.example:",
            "https://user@a.example",
            "ftp://a.example",
        ] {
            let error = SecurityHeaders::new(Some(wildcard)).err().unwrap_or_else(|| panic!("{wildcard} accepted"));
            assert!(error.contains("exact origins"), "{error}");
        }
        assert_eq!(SecurityHeaders::new(Some("  ")).unwrap().embed_origins(), "");
        assert!(SecurityHeaders::new(Some("https://a.example; script-src *")).is_err());
        for injection in ["https://a.example\"><script>", "https://a.example<b>", "https://a.example>"] {
            let error = SecurityHeaders::new(Some(injection)).err().unwrap_or_else(|| panic!("{injection} accepted"));
            assert!(error.contains("must not contain"), "{error}");
        }
    }

    #[test]
    fn every_served_root_keeps_its_own_hashes() {
        let headers = SecurityHeaders::new(None).unwrap();
        headers.update_from_index(Path::new("dist"), "<script>root()</script><script>shared()</script>");
        headers.update_from_index(Path::new("dist-subpath"), "<script>mounted()</script><script>shared()</script>");
        let script_src = || headers.csp().split("; ").find(|d| d.starts_with("script-src ")).unwrap().to_owned();
        let allowing = |scripts: &[&str]| {
            let hashes: Vec<_> = scripts.iter().map(|script| hash(script)).collect();
            format!("script-src 'self' 'wasm-unsafe-eval' {}", hashes.join(" "))
        };
        assert_eq!(script_src(), allowing(&["root()", "shared()", "mounted()"]));
        // A rebuild of one root replaces that root's hashes only.
        headers.update_from_index(Path::new("dist"), "<script>rebuilt()</script>");
        assert_eq!(script_src(), allowing(&["rebuilt()", "mounted()", "shared()"]));
    }
}
