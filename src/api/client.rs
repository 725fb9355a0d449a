use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::ApiError;
use crate::domain::api::{paths, MdmSyncSettings, MdmSyncUpdate, Session};
use crate::domain::retry::REQUEST_TIMEOUT_MS;
use crate::platform::OneThread;

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
    host_headers: Option<OneThread<js_sys::Function>>,
    /// Answers the page asked for before the wasm ran (`src/embed/start.js`): API path to the promise of a
    /// `Response`. Each is taken by the first GET of its path; later GETs go to the network.
    preloaded: Option<OneThread<js_sys::Map>>,
    /// The admin's language, for the server's own error messages (`Accept-Language`).
    language: Option<&'static str>,
    /// Aborted when the screen that uses this client goes (an embedding portal removed it): every request still on
    /// its way is then cancelled instead of outliving the screen.
    lifetime: Option<OneThread<web_sys::AbortSignal>>,
}

impl ApiClient {
    pub fn new(base: &str) -> Self {
        Self {
            base: base.trim_end_matches('/').into(),
            host_headers: None,
            preloaded: None,
            language: None,
            lifetime: None,
        }
    }

    /// The base URL, for the second module's islands, which call the same API.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The embedding page's header provider, for the same islands.
    pub fn host_headers(&self) -> Option<&js_sys::Function> {
        self.host_headers.as_deref()
    }

    /// A client that asks the server to answer in `language` (a tag of `i18n::LOCALES`).
    pub fn with_language(self, language: &'static str) -> Self {
        Self { language: Some(language), ..self }
    }

    /// A client that adds the headers `provider()` returns (an object of names to values) to every request.
    pub fn with_host_headers(self, provider: js_sys::Function) -> Self {
        Self { host_headers: Some(OneThread::new(provider)), ..self }
    }

    /// A client whose requests are cancelled when `lifetime` is aborted.
    pub fn with_lifetime(self, lifetime: web_sys::AbortSignal) -> Self {
        Self { lifetime: Some(OneThread::new(lifetime)), ..self }
    }

    /// Whether the screen that uses this client has gone (its lifetime was aborted): nothing it asked for is wanted.
    pub fn is_cancelled(&self) -> bool {
        self.lifetime.as_deref().is_some_and(web_sys::AbortSignal::aborted)
    }

    /// A client whose first GET of each path in `preloaded` takes the answer already on its way.
    pub fn with_preloaded(self, preloaded: Option<js_sys::Map>) -> Self {
        Self { preloaded: preloaded.map(OneThread::new), ..self }
    }

    fn take_preloaded(&self, path: &str) -> Option<js_sys::Promise> {
        let loads = self.preloaded.as_deref()?;
        let key = wasm_bindgen::JsValue::from_str(path);
        let load = loads.get(&key).dyn_into::<js_sys::Promise>().ok()?;
        loads.delete(&key);
        Some(load)
    }

    /// Starts a GET of `path`; the answer's body stays JSON text until a reader decodes it.
    pub fn get_raw(&self, path: &str) -> impl Future<Output = Result<Raw, ApiError>> + 'static {
        let request = match self.take_preloaded(path) {
            Some(load) => boxed(preloaded(load, self.clone(), path.to_owned())),
            None => boxed(send(self.builder(Request::get(&self.url(path))), self.lifetime.clone(), None)),
        };
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
        let builder = builder.header("Content-Type", "application/json");
        let (body, etag) = boxed(send(builder, self.lifetime.clone(), Some(body))).await?;
        parse(&body, etag)
    }

    fn url(&self, path: &str) -> String {
        [&*self.base, path].concat()
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
        let builder = builder.header("Accept", "application/json");
        match self.language {
            Some(language) => builder.header("Accept-Language", language),
            None => builder,
        }
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
pub fn parse<T: DeserializeOwned>(body: &str, etag: Option<String>) -> Result<Versioned<T>, ApiError> {
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
    let value = super::to_js(value).map_err(|_| ApiError::malformed_response())?;
    js_sys::JSON::stringify(&value).map(String::from).map_err(|_| ApiError::malformed_response())
}

/// An answer the page requested before the wasm ran (`preload` in src/embed/start.js: `{ response, body }`, the
/// body already read), read as if this client had sent the request. A 401 is asked again: an embedding portal may
/// have set its `authHeaders` only after the page's request went out.
async fn preloaded(load: js_sys::Promise, client: ApiClient, path: String) -> Answer {
    let (response, body) = match JsFuture::from(load).await {
        Ok(loaded) => {
            let field = |name: &str| js_sys::Reflect::get(&loaded, &name.into()).unwrap_or_default();
            let response = Response::from(field("response").unchecked_into::<web_sys::Response>());
            (response, field("body").as_string().unwrap_or_default())
        }
        Err(error)
            if js_sys::Reflect::get(&error, &"name".into()).ok().and_then(|n| n.as_string()).as_deref()
                == Some("TimeoutError") =>
        {
            return Err(ApiError::timeout())
        }
        Err(_) => return Err(ApiError::network()),
    };
    if response.status() == 401 && client.host_headers.is_some() {
        return send(client.builder(Request::get(&client.url(&path))), client.lifetime.clone(), None).await;
    }
    answer_with_body(&response, body)
}

/// Sends with a timeout, cancelled early when `lifetime` is aborted. A 2xx answer gives its body and ETag; anything
/// else, an [`ApiError`].
async fn send(
    builder: RequestBuilder,
    lifetime: Option<OneThread<web_sys::AbortSignal>>,
    body: Option<String>,
) -> Answer {
    // The browser aborts the request when the time is up; no timer of our own to clear.
    let deadline = web_sys::AbortSignal::timeout_with_u32(REQUEST_TIMEOUT_MS);
    let signal = match lifetime {
        Some(lifetime) => either_aborts(&deadline, &lifetime),
        None => deadline.clone(),
    };
    let builder = builder.abort_signal(Some(&signal));
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
    answer(response).await
}

/// A signal aborted by the first of the two. `AbortSignal.any` came late (Safari 17.4, Firefox 124, Chrome 116):
/// where it is missing, only the deadline cancels, and an answer for a screen that has gone is left unread.
fn either_aborts(deadline: &web_sys::AbortSignal, lifetime: &web_sys::AbortSignal) -> web_sys::AbortSignal {
    let class = js_sys::Reflect::get(&js_sys::global(), &"AbortSignal".into()).unwrap_or_default();
    if !js_sys::Reflect::get(&class, &"any".into()).is_ok_and(|any| any.is_function()) {
        return deadline.clone();
    }
    web_sys::AbortSignal::any(&js_sys::Array::of2(deadline, lifetime))
}

/// A 2xx answer's body and ETag; anything else, an [`ApiError`].
async fn answer(response: Response) -> Answer {
    let body = response.text().await.map_err(|_| ApiError::network())?;
    answer_with_body(&response, body)
}

/// [`answer`], its body already read.
fn answer_with_body(response: &Response, body: String) -> Answer {
    let header = |name: &str| response.headers().get(name);
    if !response.ok() {
        let status = response.status();
        return Err(ApiError::from_response(status, header("Retry-After").as_deref(), header("ETag"), decode(&body)));
    }
    Ok((body, header("ETag")))
}
