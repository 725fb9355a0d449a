//! The mock backend of the MDM sync console: API v1 (`api-v1.md`) under `/api`, the test controls under `/__mock`,
//! and, when asked, the built console's files, all from one origin and under one strict set of security headers.
//!
//! It never logs a request or a body: the key value is a secret.

mod api;
pub mod cli;
mod controls;
mod crypto;
mod errors;
mod fleet;
mod headers;
mod history;
mod record;
mod seed;
mod server;
mod sign_ins;
mod state;
mod static_files;
mod traffic;

use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use axum::extract::State;
use axum::http::{header, HeaderMap, Method, StatusCode, Uri};
use axum::middleware::{from_fn_with_state, map_response};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Router;
use tokio::task::JoinHandle;

use crate::crypto::{hex, random_bytes, Secret};
use crate::errors::status_response;
use crate::headers::SecurityHeaders;
use crate::state::World;
use crate::traffic::{Traffic, CONTROL_PREFIX};

pub use seed::SeedHistory;
pub use server::{serve, Connections};
pub use static_files::Mount;

#[derive(Clone, Debug, Default)]
pub struct Config {
    /// The built console (Trunk's `dist`), served from `/` when set, except under the mounts' prefixes.
    pub static_dir: Option<PathBuf>,
    /// Other builds of the console, each under its own prefix.
    pub mounts: Vec<Mount>,
    /// Origins allowed to embed the console, space-separated; `None` forbids framing.
    pub frame_ancestors: Option<String>,
    /// The past the mock starts with, and goes back to on a reset that names none (`--seed-history`).
    pub seed_history: SeedHistory,
    /// Where to record every answer under `/api` and `/__mock`, one JSON line each, keys redacted (`--record`).
    pub record: Option<PathBuf>,
}

struct AppState {
    world: Mutex<World>,
    traffic: Mutex<Traffic>,
    secret: Secret,
    csrf_token: String,
    static_dir: Option<PathBuf>,
    mounts: Vec<Mount>,
    security: SecurityHeaders,
    recorder: Option<record::Recorder>,
}

type Shared = Arc<AppState>;

/// The whole mock as a router. A `drop` fault only closes the connection when the router runs under [`serve`].
pub fn try_app(config: Config) -> Result<Router, String> {
    let security = SecurityHeaders::new(config.frame_ancestors.as_deref())?;
    let mut prefixes = BTreeSet::new();
    if let Some(twice) = config.mounts.iter().find(|mount| !prefixes.insert(mount.prefix())) {
        return Err(format!("--mount: {} is mounted twice", twice.prefix()));
    }
    for root in config.static_dir.iter().map(PathBuf::as_path).chain(config.mounts.iter().map(Mount::dir)) {
        static_files::preload_index(root, &security);
    }
    let recorder = config.record.as_deref().map(record::Recorder::create).transpose()?;
    let secret = Secret::random();
    let shared: Shared = Arc::new(AppState {
        world: Mutex::new(World::new(config.seed_history, &secret)),
        traffic: Mutex::new(Traffic::default()),
        secret,
        csrf_token: hex(&random_bytes::<16>()),
        static_dir: config.static_dir,
        mounts: config.mounts,
        security,
        recorder,
    });
    Ok(Router::new()
        .merge(api::routes())
        .merge(controls::routes())
        .fallback(fallback)
        .layer(map_response(normalize_errors))
        .layer(from_fn_with_state(shared.clone(), traffic::middleware))
        .layer(from_fn_with_state(shared.clone(), headers::middleware))
        .layer(axum::middleware::from_fn(errors::language))
        .layer(axum::middleware::from_fn(api::no_store))
        // Outermost, so that it records each answer as it leaves, every header included.
        .layer(from_fn_with_state(shared.clone(), record::middleware))
        .with_state(shared))
}

/// [`try_app`] for a configuration known to be valid.
pub fn app(config: Config) -> Router {
    try_app(config).expect("invalid mock-server configuration")
}

async fn fallback(State(app): State<Shared>, method: Method, uri: Uri, headers: HeaderMap) -> Response {
    let path = uri.path();
    let accepted =
        static_files::Accepted::from_header(headers.get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok()));
    let reserved =
        path == api::BASE || path.starts_with(&format!("{}/", api::BASE)) || path.starts_with(CONTROL_PREFIX);
    if reserved {
        return status_response(StatusCode::NOT_FOUND);
    }
    // The longest prefix wins, so that a mount may sit inside another one.
    let mounted = app.mounts.iter().filter_map(|m| Some((m, m.below(path)?))).max_by_key(|(m, _)| m.prefix().len());
    match (mounted, &app.static_dir) {
        // The build's first page is `PREFIX/` (Trunk's public URL): one address for it, not two.
        (Some((mount, "")), _) => {
            let query = uri.query().map(|q| format!("?{q}")).unwrap_or_default();
            Redirect::permanent(&format!("{}/{query}", mount.prefix())).into_response()
        }
        (Some((mount, below)), _) => static_files::serve(mount.dir(), &app.security, &method, below, accepted).await,
        (None, Some(dir)) => static_files::serve(dir, &app.security, &method, path, accepted).await,
        (None, None) => status_response(StatusCode::NOT_FOUND),
    }
}

/// Answers that axum makes itself (405 with an empty body, a rejected extractor's plain text) get the contract's
/// error body, so that a client never has to handle a second error shape.
async fn normalize_errors(response: Response) -> Response {
    let is_json =
        response.headers().get(header::CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if is_json || !(response.status().is_client_error() || response.status().is_server_error()) {
        return response;
    }
    let (mut parts, _) = response.into_parts();
    let (fresh, body) = status_response(parts.status).into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.extend(fresh.headers);
    Response::from_parts(parts, body)
}

/// A mock serving in the background, for tests. It stops when dropped.
pub struct Running {
    pub addr: SocketAddr,
    task: JoinHandle<()>,
}

impl Running {
    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Binds `addr` (port 0 picks a free port) and serves the mock on the current runtime.
pub async fn start(config: Config, addr: SocketAddr) -> std::io::Result<Running> {
    let app = try_app(config).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?;
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let addr = listener.local_addr()?;
    Ok(Running { addr, task: tokio::spawn(serve(listener, app, Connections::CloseEach)) })
}
