use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use gloo_net::http::{Request, RequestBuilder};
use serde::de::DeserializeOwned;
use wasm_bindgen::{prelude::Closure, JsCast};

use super::ApiError;
use crate::domain::api::{paths, MdmSyncSettings, MdmSyncUpdate, Session};

/// How long a request may take before the admin is told and may retry.
const TIMEOUT_MS: i32 = 8_000;

/// A value with the ETag it was served with, for a later `If-Match`.
#[derive(Clone, Debug, PartialEq)]
pub struct Versioned<T> {
    pub value: T,
    pub etag: Option<String>,
}

/// The one place that knows the base URL and the common headers.
#[derive(Clone, Debug)]
pub struct ApiClient {
    base: Arc<str>,
}

impl ApiClient {
    pub fn new(base: &str) -> Self {
        Self { base: base.trim_end_matches('/').into() }
    }

    /// Starts a GET of `path`; the answer's body stays JSON text until a reader decodes it.
    pub fn get_raw(&self, path: &str) -> impl Future<Output = Result<Raw, ApiError>> + 'static {
        let request = boxed(send(self.builder(Request::get(&self.url(path))), None));
        async move { request.await.map(|(body, etag)| Raw { body, etag }) }
    }

    pub async fn session(&self) -> Result<Versioned<Session>, ApiError> {
        let raw = self.get_raw(paths::SESSION).await?;
        parse(&raw.body, raw.etag)
    }

    /// Saves the settings. `etag` is the version the change was based on, and `idempotency_key` names this intended
    /// change: a retry sends the same key, so the server applies it at most once.
    pub async fn put_mdm_sync(
        &self,
        update: &MdmSyncUpdate,
        etag: Option<&str>,
        csrf_token: &str,
        idempotency_key: &str,
    ) -> Result<Versioned<MdmSyncSettings>, ApiError> {
        let mut builder = self
            .builder(Request::put(&self.url(paths::MDM_SYNC)))
            .header("X-CSRF-Token", csrf_token)
            .header("Idempotency-Key", idempotency_key);
        if let Some(etag) = etag {
            builder = builder.header("If-Match", etag);
        }
        let body = encode(update)?;
        let (body, etag) = boxed(send(builder.header("Content-Type", "application/json"), Some(body))).await?;
        parse(&body, etag)
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn builder(&self, builder: RequestBuilder) -> RequestBuilder {
        builder.header("Accept", "application/json")
    }
}

type Answer = Result<(String, Option<String>), ApiError>;

/// The request behind a box: every typed call awaits the same compiled sending code, instead of a copy inlined into
/// each caller's state machine.
fn boxed(future: impl Future<Output = Answer> + 'static) -> Pin<Box<dyn Future<Output = Answer>>> {
    Box::pin(future)
}

/// A 2xx answer as it came: JSON text and its ETag.
#[derive(Clone, Debug, PartialEq)]
pub struct Raw {
    pub body: String,
    pub etag: Option<String>,
}

/// Decodes a 2xx body. Kept apart from the (non-generic) sending, so that the async code exists once in the wasm.
pub(super) fn parse<T: DeserializeOwned>(body: &str, etag: Option<String>) -> Result<Versioned<T>, ApiError> {
    let value = decode(body).ok_or_else(ApiError::malformed_response)?;
    Ok(Versioned { value, etag })
}

/// JSON text to `T`, through the browser's `JSON.parse`; `None` for anything that is not JSON of that shape.
fn decode<T: DeserializeOwned>(text: &str) -> Option<T> {
    let value = js_sys::JSON::parse(text).ok()?;
    serde_wasm_bindgen::from_value(value).ok()
}

/// `T` to JSON text, through `JSON.stringify`. `None` becomes `null`, as the contract has it.
fn encode<T: serde::Serialize>(value: &T) -> Result<String, ApiError> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let value = value.serialize(&serializer).map_err(|_| ApiError::malformed_response())?;
    js_sys::JSON::stringify(&value).map(String::from).map_err(|_| ApiError::malformed_response())
}

/// Sends with a timeout. A 2xx answer gives its body and ETag; anything else, an [`ApiError`].
async fn send(builder: RequestBuilder, body: Option<String>) -> Answer {
    let controller = web_sys::AbortController::new().map_err(|_| ApiError::network())?;
    let builder = builder.abort_signal(Some(&controller.signal()));
    let request = match body {
        Some(body) => builder.body(body),
        None => builder.build(),
    }
    .map_err(|_| ApiError::network())?;
    let timer = Timeout::start(&controller);
    let response = request.send().await;
    let timed_out = timer.finish();
    let response = match response {
        Ok(response) => response,
        Err(_) if timed_out => return Err(ApiError::timeout()),
        Err(_) => return Err(ApiError::network()),
    };
    let body = response.text().await.map_err(|_| ApiError::network())?;
    let header = |name: &str| response.headers().get(name);
    if !response.ok() {
        let status = response.status();
        return Err(ApiError::from_response(status, header("Retry-After").as_deref(), header("ETag"), decode(&body)));
    }
    Ok((body, header("ETag")))
}

/// Aborts the request when the timeout fires; cleared when the answer comes first.
struct Timeout {
    handle: Option<i32>,
    fired: std::rc::Rc<std::cell::Cell<bool>>,
    // Owned here, so that a timer cleared before it fires does not leak its closure.
    _abort: Closure<dyn FnMut()>,
}

impl Timeout {
    fn start(controller: &web_sys::AbortController) -> Self {
        let fired = std::rc::Rc::new(std::cell::Cell::new(false));
        let (controller, flag) = (controller.clone(), fired.clone());
        let abort = Closure::once(move || {
            flag.set(true);
            controller.abort();
        });
        let handle = web_sys::window().and_then(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(abort.as_ref().unchecked_ref(), TIMEOUT_MS).ok()
        });
        Self { handle, fired, _abort: abort }
    }

    /// Stops the timer; whether it had already fired.
    fn finish(self) -> bool {
        if let (Some(handle), Some(window)) = (self.handle, web_sys::window()) {
            window.clear_timeout_with_handle(handle);
        }
        self.fired.get()
    }
}
