use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};

use crate::api::ApiClient;
use crate::components::Shell;
use crate::context::{provide_env, Env};
use crate::i18n;
use crate::pages::{MdmSyncPage, MobileSecurityPage, NotFoundPage};
use crate::routes::{self, segments};

/// Where the console finds its backend, and in which language it speaks.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    pub api_base: String,
    pub locale: String,
}

impl Config {
    /// Read from the host page: `<meta name="mdm-api-base">` (default `/api`) and the document's `lang`.
    pub fn from_document() -> Self {
        let document = web_sys::window().and_then(|w| w.document());
        let meta = document
            .as_ref()
            .and_then(|d| d.query_selector("meta[name=mdm-api-base]").ok().flatten())
            .and_then(|m| m.get_attribute("content"));
        let lang = document.and_then(|d| d.document_element()).map(|e| e.get_attribute("lang").unwrap_or_default());
        Self { api_base: meta.unwrap_or_else(|| "/api".into()), locale: lang.unwrap_or_default() }
    }
}

#[component]
pub fn App(config: Config) -> impl IntoView {
    provide_env(Env { client: ApiClient::new(&config.api_base), t: i18n::for_locale(&config.locale) });
    view! {
        <Router>
            <Shell>
                <Routes fallback=NotFoundPage>
                    <Route path=segments::ROOT() view=|| view! { <Redirect path=routes::MOBILE_SECURITY/> }/>
                    <Route path=segments::MOBILE_SECURITY() view=MobileSecurityPage/>
                    <Route path=segments::MDM_SYNC() view=MdmSyncPage/>
                </Routes>
            </Shell>
        </Router>
    }
}
