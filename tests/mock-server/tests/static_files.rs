//! The built console's static files, the sub-path mount and the security headers (CSP, frame-ancestors).

mod common;

use common::site::{content_type, Site, BUILT_EMBED_META, INLINE_INIT, SUBPATH, SUBPATH_INIT, SUBPATH_JS};
use common::*;
use mock_server::{start, Config, Mount};
use reqwest::{header, StatusCode};
use std::path::PathBuf;

#[tokio::test]
async fn assets_with_a_brotli_twin_are_sent_compressed_to_browsers_that_take_it() {
    let site = Site::new();
    // Not real brotli: the mock sends the twin as it is, and never decodes it.
    std::fs::write(site.0.join("mdm-console-3fa9_bg.wasm.br"), b"compressed wasm").unwrap();
    std::fs::write(site.0.join("index.html.br"), b"a stale twin").unwrap();
    let mock = mock_with(Config { static_dir: Some(site.0.clone()), ..Config::default() }).await;
    let get = |path: &str, accept: &str| mock.http.get(mock.url(path)).header(header::ACCEPT_ENCODING, accept).send();

    let wasm = get("/mdm-console-3fa9_bg.wasm", "gzip, deflate, br").await.unwrap();
    assert_eq!(wasm.headers()[header::CONTENT_ENCODING], "br");
    assert_eq!(wasm.headers()[header::VARY], "accept-encoding");
    assert_eq!(content_type(&wasm), "application/wasm");
    assert_eq!(wasm.bytes().await.unwrap().as_ref(), b"compressed wasm");

    let plain = get("/mdm-console-3fa9_bg.wasm", "gzip, br;q=0").await.unwrap();
    assert!(plain.headers().get(header::CONTENT_ENCODING).is_none());
    assert_eq!(plain.bytes().await.unwrap().as_ref(), b"\0asm\x01\0\0\0");
    // No twin: sent as it is.
    let js = get("/mdm-console-3fa9.js", "br").await.unwrap();
    assert!(js.headers().get(header::CONTENT_ENCODING).is_none());
    // index.html is filled in as it is served, so a twin of it would be stale: never used. It is compressed as it is
    // sent instead, when gzip is taken, as a production server compresses the pages it fills in.
    let index = get("/", "br").await.unwrap();
    assert!(index.headers().get(header::CONTENT_ENCODING).is_none());
    assert_eq!(index.headers()[header::VARY], "accept-encoding");
    let page = index.text().await.unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    for deep_link in ["/", "/security/mobile/mdm-sync"] {
        let index = get(deep_link, "gzip, deflate, br, zstd").await.unwrap();
        assert_eq!(index.headers()[header::CONTENT_ENCODING], "gzip", "{deep_link}");
        assert_eq!(index.headers()[header::VARY], "accept-encoding");
        let mut unzipped = String::new();
        std::io::Read::read_to_string(
            &mut flate2::read::GzDecoder::new(&index.bytes().await.unwrap()[..]),
            &mut unzipped,
        )
        .unwrap();
        assert_eq!(unzipped, page, "{deep_link}");
    }
}

#[tokio::test]
async fn the_built_console_is_served_with_the_right_types() {
    let site = Site::new();
    let mock = mock_with(Config { static_dir: Some(site.0.clone()), ..Config::default() }).await;

    let wasm = mock.get("/mdm-console-3fa9_bg.wasm").await;
    assert_eq!(wasm.status(), StatusCode::OK);
    assert_eq!(content_type(&wasm), "application/wasm");
    assert_eq!(wasm.bytes().await.unwrap().as_ref(), b"\0asm\x01\0\0\0");
    assert_eq!(content_type(&mock.get("/mdm-console-3fa9.js").await), "text/javascript; charset=utf-8");
    assert_eq!(content_type(&mock.get("/style-1a2b.css").await), "text/css; charset=utf-8");
    assert_eq!(content_type(&mock.get("/assets/icon.svg").await), "image/svg+xml");

    for page in ["/", "/security/mobile", "/security/mobile/mdm-sync"] {
        let response = mock.get(page).await;
        assert_eq!(response.status(), StatusCode::OK, "{page}");
        assert_eq!(content_type(&response), "text/html; charset=utf-8");
        assert_eq!(response.headers()[header::CACHE_CONTROL], "no-cache");
        assert!(response.text().await.unwrap().contains(INLINE_INIT), "{page} falls back to index.html");
    }

    error_of(mock.get("/mdm-console-0000_bg.wasm").await, StatusCode::NOT_FOUND, "not_found").await;
    error_of(mock.get("/assets/missing.png").await, StatusCode::NOT_FOUND, "not_found").await;
    // The API keeps its own 404 and never falls back to the page.
    error_of(mock.get("/api/v1/unknown").await, StatusCode::NOT_FOUND, "not_found").await;
    // Nothing outside the directory is reachable. Sent over a raw socket, because a URL library would remove `..`.
    let outside = site.0.with_extension("secret");
    std::fs::write(&outside, "outside").unwrap();
    let name = outside.file_name().unwrap().to_str().unwrap().to_owned();
    for target in [format!("/../{name}"), format!("/%2e%2e/{name}"), format!("/assets/..%2f..%2f{name}")] {
        let answer = raw_get(&mock, &target).await;
        assert!(answer.starts_with("HTTP/1.1 404"), "{target}: {answer}");
        assert!(!answer.contains("outside"), "{target}: {answer}");
    }
    let _ = std::fs::remove_file(outside);
}

#[tokio::test]
async fn the_public_files_are_served_as_committed_with_their_types_and_revalidated() {
    let (root, subpath) = (Site::new(), Site::subpath());
    // The repository's public/, copied into both builds as Trunk copies it.
    let public = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../public");
    let files = [
        ("favicon.ico", "image/x-icon"),
        ("icon.svg", "image/svg+xml"),
        ("apple-touch-icon.png", "image/png"),
        ("icon-192.png", "image/png"),
        ("icon-512.png", "image/png"),
        ("manifest.webmanifest", "application/manifest+json"),
        ("robots.txt", "text/plain; charset=utf-8"),
    ];
    for (name, _) in files {
        for site in [&root, &subpath] {
            std::fs::copy(public.join(name), site.0.join(name)).unwrap();
        }
    }
    let mock = mock_with_subpath(&root, &subpath, None).await;

    for prefix in ["", SUBPATH] {
        for (name, kind) in files {
            let path = format!("{prefix}/{name}");
            let response = mock.get(&path).await;
            assert_eq!(response.status(), StatusCode::OK, "{path}");
            assert_eq!(content_type(&response), kind, "{path}");
            // Not content-hashed: a new build may change them under the same name.
            assert_eq!(response.headers()[header::CACHE_CONTROL], "no-cache", "{path}");
            assert_eq!(response.bytes().await.unwrap(), std::fs::read(public.join(name)).unwrap(), "{path}");
        }
    }
    // The pages say noindex in their headers too, as robots.txt cannot under a sub-path; the API is no page.
    for page in ["/", "/security/mobile/mdm-sync", "/admin/mdm/", "/admin/mdm/security/mobile"] {
        let response = mock.get(page).await;
        assert_eq!(content_type(&response), "text/html; charset=utf-8", "{page}");
        assert_eq!(response.headers()["x-robots-tag"], "noindex, nofollow", "{page}");
    }
    assert!(mock.get(SESSION).await.headers().get("x-robots-tag").is_none());
}

/// The whole answer to a GET of `target`, sent byte for byte as given.
async fn raw_get(mock: &Mock, target: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(mock.running.addr).await.unwrap();
    let request = format!("GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.unwrap();
    answer
}

#[tokio::test]
async fn the_policy_allows_the_inline_init_script_by_hash_only() {
    let site = Site::new();
    let mock = mock_with(Config {
        static_dir: Some(site.0.clone()),
        frame_ancestors: Some("https://portal.example".into()),
        ..Config::default()
    })
    .await;
    let expected = format!("'sha256-{}'", sha256_base64(INLINE_INIT.as_bytes()));

    for path in [SESSION, "/", "/missing.js", "/__mock/requests"] {
        let response = mock.get(path).await;
        let headers = response.headers();
        let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(csp.contains(&format!("script-src 'self' 'wasm-unsafe-eval' {expected};")), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline") && !csp.contains("'unsafe-eval'"), "{csp}");
        for directive in [
            "default-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            // public/'s web app manifest.
            "manifest-src 'self'",
            "connect-src 'self'",
            // The console's own `<base href>` (Trunk's `--public-url`) sets its sub-path.
            "base-uri 'self'",
            "object-src 'none'",
            "form-action 'none'",
            "frame-ancestors https://portal.example",
        ] {
            assert!(csp.contains(directive), "{path}: {directive} missing from {csp}");
        }
        assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert_eq!(headers[header::REFERRER_POLICY], "no-referrer");
        assert_eq!(headers["cross-origin-opener-policy"], "same-origin");
    }

    // A rebuild changes the init script; the next read of index.html updates the policy.
    let rebuilt = "import init from '/mdm-console-77aa.js'; await init();";
    std::fs::write(site.0.join("index.html"), format!("<script type=\"module\">{rebuilt}</script>")).unwrap();
    mock.get("/").await;
    let csp = mock.get(SESSION).await.headers()[header::CONTENT_SECURITY_POLICY].to_str().unwrap().to_owned();
    assert!(csp.contains(&sha256_base64(rebuilt.as_bytes())) && !csp.contains(&expected), "{csp}");
}

/// The console at `/` and its subpath build under `/admin/mdm`.
async fn mock_with_subpath(root: &Site, subpath: &Site, frame_ancestors: Option<&str>) -> Mock {
    mock_with(Config {
        static_dir: Some(root.0.clone()),
        mounts: vec![Mount::new(SUBPATH, subpath.0.clone()).unwrap()],
        frame_ancestors: frame_ancestors.map(str::to_owned),
        ..Config::default()
    })
    .await
}

fn script_src(response: &reqwest::Response) -> String {
    let csp = response.headers()[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    csp.split("; ").find(|d| d.starts_with("script-src ")).unwrap().to_owned()
}

#[tokio::test]
async fn a_mounted_build_is_served_under_its_prefix_and_the_root_build_elsewhere() {
    let (root, subpath) = (Site::new(), Site::subpath());
    let mock = mock_with_subpath(&root, &subpath, None).await;

    for page in ["/admin/mdm/", "/admin/mdm/security/mobile/mdm-sync"] {
        let response = mock.get(page).await;
        assert_eq!(response.status(), StatusCode::OK, "{page}");
        assert_eq!(content_type(&response), "text/html; charset=utf-8");
        assert_eq!(response.headers()[header::CACHE_CONTROL], "no-cache");
        assert!(response.text().await.unwrap().contains(SUBPATH_INIT), "{page} is the subpath build's index.html");
    }
    let js = mock.get("/admin/mdm/mdm-console-5c1d.js").await;
    assert_eq!(js.status(), StatusCode::OK);
    assert_eq!(content_type(&js), "text/javascript; charset=utf-8");
    assert_eq!(js.text().await.unwrap(), SUBPATH_JS);
    // A missing asset is missing, even when the root build has a file of that name.
    for missing in ["/admin/mdm/mdm-console-0000.js", "/admin/mdm/mdm-console-3fa9.js", "/admin/mdm/assets/icon.svg"] {
        error_of(mock.get(missing).await, StatusCode::NOT_FOUND, "not_found").await;
    }

    // Without the trailing slash, a redirect to the build's first page, query kept. Over a raw socket, because
    // reqwest would follow it.
    let answer = raw_get(&mock, "/admin/mdm?lang=ja").await;
    assert!(answer.starts_with("HTTP/1.1 308"), "{answer}");
    assert!(answer.to_ascii_lowercase().contains("\r\nlocation: /admin/mdm/?lang=ja\r\n"), "{answer}");
    assert!(raw_get(&mock, "/admin/mdm").await.to_ascii_lowercase().contains("\r\nlocation: /admin/mdm/\r\n"));
    // Nothing outside the mounted directory is reachable through the prefix.
    for target in ["/admin/mdm/../mdm-console-3fa9.js", "/admin/mdm/%2e%2e/mdm-console-3fa9.js"] {
        let answer = raw_get(&mock, target).await;
        assert!(answer.starts_with("HTTP/1.1 404"), "{target}: {answer}");
    }

    // Everything else is the root build's, including paths that only look like the prefix.
    for page in ["/", "/security/mobile", "/admin", "/admin/mdmx", "/admin/other/page"] {
        let response = mock.get(page).await;
        assert_eq!(response.status(), StatusCode::OK, "{page}");
        let text = response.text().await.unwrap();
        assert!(text.contains(INLINE_INIT) && !text.contains(SUBPATH_INIT), "{page} is the root build's index.html");
    }
    assert_eq!(mock.get("/mdm-console-3fa9.js").await.status(), StatusCode::OK);
    error_of(mock.get("/api/v1/unknown").await, StatusCode::NOT_FOUND, "not_found").await;
}

#[tokio::test]
async fn the_policy_allows_both_builds_inline_scripts_whichever_was_read_last() {
    let (root, subpath) = (Site::new(), Site::subpath());
    let mock = mock_with_subpath(&root, &subpath, None).await;
    let root_hash = format!("'sha256-{}'", sha256_base64(INLINE_INIT.as_bytes()));
    let subpath_hash = format!("'sha256-{}'", sha256_base64(SUBPATH_INIT.as_bytes()));

    // Both are known from the start, and stay known whichever page was served last.
    for path in [SESSION, "/admin/mdm/", "/", "/admin/mdm/security/mobile", SESSION] {
        let script_src = script_src(&mock.get(path).await);
        assert!(script_src.contains(&root_hash) && script_src.contains(&subpath_hash), "{path}: {script_src}");
    }

    // A rebuild of the mounted build replaces its own hash and leaves the root build's alone.
    let rebuilt = "import init from '/admin/mdm/mdm-console-9e0f.js'; await init();";
    std::fs::write(subpath.0.join("index.html"), format!("<script type=\"module\">{rebuilt}</script>")).unwrap();
    mock.get("/admin/mdm/").await;
    let script_src = script_src(&mock.get(SESSION).await);
    assert!(script_src.contains(&sha256_base64(rebuilt.as_bytes())), "{script_src}");
    assert!(script_src.contains(&root_hash) && !script_src.contains(&subpath_hash), "{script_src}");
}

#[tokio::test]
async fn every_index_html_lists_the_frame_ancestors_for_the_consoles_messages() {
    let (root, subpath) = (Site::new(), Site::subpath());
    let with_meta =
        format!("<!DOCTYPE html><html><head>{BUILT_EMBED_META}<script>{INLINE_INIT}</script></head></html>");
    std::fs::write(root.0.join("index.html"), &with_meta).unwrap();
    let on_disk = std::fs::read_to_string(subpath.0.join("index.html")).unwrap();
    let mock = mock_with_subpath(&root, &subpath, Some("  https://portal.example   http://localhost:4174 ")).await;
    let expected = r#"<meta name="mdm-embed-origins" content="https://portal.example http://localhost:4174">"#;

    for page in ["/", "/security/mobile", "/admin/mdm/", "/admin/mdm/security/mobile"] {
        let response = mock.get(page).await;
        let csp = response.headers()[header::CONTENT_SECURITY_POLICY].to_str().unwrap().to_owned();
        assert!(csp.ends_with("frame-ancestors https://portal.example http://localhost:4174"), "{page}: {csp}");
        let html = response.text().await.unwrap();
        assert!(html.contains(expected) && !html.contains("build-time.example"), "{page}: {html}");
        // Only the meta changed: the inline script, and so its hash, is the build's.
        let init = if page.starts_with(SUBPATH) { SUBPATH_INIT } else { INLINE_INIT };
        assert!(html.contains(&format!(">{init}</script>")), "{page}: {html}");
        assert!(csp.contains(&sha256_base64(init.as_bytes())), "{page}: {csp}");
    }
    // The files themselves are left as built.
    assert_eq!(std::fs::read_to_string(root.0.join("index.html")).unwrap(), with_meta);
    assert_eq!(std::fs::read_to_string(subpath.0.join("index.html")).unwrap(), on_disk);

    // Without --frame-ancestors, no parent origin is listed.
    let mock = mock_with_subpath(&root, &subpath, None).await;
    for page in ["/", "/admin/mdm/"] {
        let html = mock.get(page).await.text().await.unwrap();
        assert!(html.contains(r#"<meta name="mdm-embed-origins" content="">"#), "{page}: {html}");
    }
}

#[tokio::test]
async fn a_configuration_that_could_inject_html_or_shadow_a_mount_does_not_start() {
    let (root, subpath) = (Site::new(), Site::subpath());
    for origins in [r#"https://a.example"><script>alert(1)</script>"#, "https://a.example<b>"] {
        let config = Config { frame_ancestors: Some(origins.to_owned()), ..Config::default() };
        let error = start(config, "127.0.0.1:0".parse().unwrap()).await.err().expect("refused");
        assert!(error.to_string().contains("--frame-ancestors"), "{error}");
    }
    let twice = Config {
        static_dir: Some(root.0.clone()),
        mounts: vec![
            Mount::new(SUBPATH, subpath.0.clone()).unwrap(),
            Mount::new("/admin/mdm/", root.0.clone()).unwrap(),
        ],
        frame_ancestors: None,
        ..Config::default()
    };
    let error = start(twice, "127.0.0.1:0".parse().unwrap()).await.err().expect("refused");
    assert!(error.to_string().contains("mounted twice"), "{error}");
}

#[tokio::test]
async fn without_configuration_nothing_may_frame_the_console() {
    let mock = mock().await;
    let response = mock.get(SESSION).await;
    let csp = response.headers()[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(csp.ends_with("frame-ancestors 'none'"), "{csp}");
    assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval';"), "no index.html, no hashes: {csp}");
}

/// The CSP hash source of a script, computed here rather than with the mock's own helpers.
fn sha256_base64(data: &[u8]) -> String {
    use sha2::Digest;
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let digest = sha2::Sha256::digest(data);
    let mut out = String::new();
    for chunk in digest.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        out.push(ALPHABET[(n >> 18) as usize & 63] as char);
        out.push(ALPHABET[(n >> 12) as usize & 63] as char);
        out.push(if chunk.len() > 1 { ALPHABET[(n >> 6) as usize & 63] as char } else { '=' });
        out.push(if chunk.len() > 2 { ALPHABET[n as usize & 63] as char } else { '=' });
    }
    out
}
