//! What every page needs from the app around it: the API client and the language catalog.

use leptos::prelude::*;

use crate::api::ApiClient;
use crate::i18n::Strings;

#[derive(Clone)]
pub struct Env {
    pub client: ApiClient,
    pub t: &'static Strings,
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
