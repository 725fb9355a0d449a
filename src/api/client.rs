use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use gloo_net::http::{Request, RequestBuilder};
use send_wrapper::SendWrapper;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsCast;

use super::ApiError;
use crate::domain::api::{paths, MdmSyncSettings, MdmSyncUpdate, Session};

/// How long a request may take before the admin is told and may retry.
const TIMEOUT_MS: u32 = 8_000;

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
    /// An embedding portal's own headers (a bearer token, say), asked for anew before every request, so that a
    /// token the portal renews is used as soon as it is.
    host_headers: Option<SendWrapper<js_sys::Function>>,
}

impl ApiClient {
    pub fn new(base: &str) -> Self {
        Self { base: base.trim_end_matches('/').into(), host_headers: None }
    }

    /// A client that adds the headers `provider()` returns (an object of names to values) to every request.
    pub fn with_host_headers(self, provider: js_sys::Function) -> Self {
        Self { host_headers: Some(SendWrapper::new(provider)), ..self }
    }

    /// Starts a GET of `path`; the answer's body stays JSON text until a reader decodes it.
    pub fn get_raw(&self, path: &str) -> impl Future<Output = Result<Raw, ApiError>> + 'static {
        let request = boxed(send(self.builder(Request::get(&self.url(path))), None));
        async move {
            let (body, etag) = request.await?;
            // Not JSON at all (a proxy's HTML page with status 200): as good as no answer, and worth a retry.
            js_sys::JSON::parse(&body).map_err(|_| ApiError::malformed_response())?;
            Ok(Raw { body, etag })
        }
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

    fn builder(&self, mut builder: RequestBuilder) -> RequestBuilder {
        if let Some(provider) = &self.host_headers {
            // The embedding script has already turned whatever the portal set into a plain object.
            if let Some(headers) = provider.call0(&wasm_bindgen::JsValue::NULL).ok().filter(|h| h.is_object()) {
                for entry in js_sys::Object::entries(headers.unchecked_ref()).iter() {
                    let entry: js_sys::Array = entry.unchecked_into();
                    if let (Some(name), Some(value)) = (entry.get(0).as_string(), entry.get(1).as_string()) {
                        builder = builder.header(&name, &value);
                    }
                }
            }
        }
        // After the host's headers, so that a portal can never change what the API is asked for.
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
    super::from_js(value).ok()
}

/// `T` to JSON text, through `JSON.stringify`. `None` becomes `null`, as the contract has it.
fn encode<T: serde::Serialize>(value: &T) -> Result<String, ApiError> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let value = value.serialize(&serializer).map_err(|_| ApiError::malformed_response())?;
    js_sys::JSON::stringify(&value).map(String::from).map_err(|_| ApiError::malformed_response())
}

/// Sends with a timeout. A 2xx answer gives its body and ETag; anything else, an [`ApiError`].
async fn send(builder: RequestBuilder, body: Option<String>) -> Answer {
    // The browser aborts the request when the time is up; no timer of our own to clear.
    let deadline = web_sys::AbortSignal::timeout_with_u32(TIMEOUT_MS);
    let builder = builder.abort_signal(Some(&deadline));
    let request = match body {
        Some(body) => builder.body(body),
        None => builder.build(),
    }
    .map_err(|_| ApiError::network())?;
    let response = match request.send().await {
        Ok(response) => response,
        Err(_) if deadline.aborted() => return Err(ApiError::timeout()),
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
