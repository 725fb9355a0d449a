//! What every page needs from the app around it: the API client, the language catalog, and the host page to tell
//! about what happens (when the console is embedded).

use leptos::prelude::*;
use send_wrapper::SendWrapper;

use crate::api::ApiClient;
use crate::domain::embed::HostEvent;
use crate::i18n::Strings;

#[derive(Clone)]
pub struct Env {
    pub client: ApiClient,
    pub t: &'static Strings,
    pub host: Host,
}

/// The page that embeds the console, told about events through a callback that the embedding script gives
/// (`docs/embedding.md`). The standalone console has none.
#[derive(Clone, Default)]
pub struct Host(Option<SendWrapper<js_sys::Function>>);

impl Host {
    pub fn new(emit: js_sys::Function) -> Self {
        Self(Some(SendWrapper::new(emit)))
    }

    pub fn is_embedding(&self) -> bool {
        self.0.is_some()
    }

    pub fn emit(&self, event: &HostEvent) {
        let Some(emit) = &self.0 else { return };
        let serializer = serde_wasm_bindgen::Serializer::json_compatible();
        if let Ok(detail) = serde::Serialize::serialize(event, &serializer) {
            // A throwing listener on the host's side is the host's to fix; it must not break the console.
            let _ = emit.call2(&wasm_bindgen::JsValue::NULL, &event.name().into(), &detail);
        }
    }
}

pub fn provide_env(env: Env) {
    provide_context(env);
}

/// The app's environment. Components are only ever mounted below [`provide_env`].
pub fn use_env() -> Env {
    expect_context::<Env>()
}

/// The language catalog alone, for components that call no API.
pub fn use_strings() -> &'static Strings {
    use_env().t
}
