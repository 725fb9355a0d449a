use leptos::either::EitherOf4;
use wasm_bindgen::JsCast;
use leptos::prelude::*;

use crate::api::ApiClient;
use crate::components::Shell;
use crate::context::{provide_env, Env, Host};
use crate::i18n;
use crate::pages::{MdmSyncPage, MobileSecurityPage, NotFoundPage};
use crate::router::Router;
use crate::routes::{self, Route};

/// Where the console finds its backend, where it is served, and in which language it speaks.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    pub api_base: String,
    /// The path the console is served under: `""` at the root, or a sub-path such as `/admin/mdm`.
    pub base_path: String,
    pub locale: String,
    /// The first screen's API answers, requested by the page before the wasm ran (`src/embed/start.js`).
    pub preloaded: Option<js_sys::Map>,
}

impl Config {
    /// Read from the host page: `<meta name="mdm-api-base">` (default `/api`), `<base href>` for the sub-path
    /// (which Trunk's `--public-url` writes), and the document's `lang`.
    pub fn from_document() -> Self {
        let document = web_sys::window().and_then(|w| w.document());
        let attribute = |selector: &str, name: &str| {
            document.as_ref().and_then(|d| d.query_selector(selector).ok().flatten()).and_then(|e| e.get_attribute(name))
        };
        let base_path = attribute("base[href]", "href").unwrap_or_default().trim_end_matches('/').to_owned();
        Self {
            api_base: attribute("meta[name=mdm-api-base]", "content").unwrap_or_else(|| "/api".into()),
            base_path,
            locale: attribute("html", "lang").unwrap_or_default(),
            preloaded: take_preloaded(),
        }
    }
}

/// What the page's first script left for the console (`window.__mdmSyncBoot.preloaded`), taken once: a second
/// start of the console in the same page must not be given answers that are no longer current.
fn take_preloaded() -> Option<js_sys::Map> {
    let window: wasm_bindgen::JsValue = web_sys::window()?.into();
    let boot = js_sys::Reflect::get(&window, &"__mdmSyncBoot".into()).ok().filter(|b| b.is_object())?;
    let key = wasm_bindgen::JsValue::from_str("preloaded");
    let preloaded = js_sys::Reflect::get(&boot, &key).ok()?.dyn_into::<js_sys::Map>().ok();
    let _ = js_sys::Reflect::delete_property(boot.unchecked_ref::<js_sys::Object>(), &key);
    preloaded
}

/// The standalone console: the shell, and every page at its address.
#[component]
pub fn App(config: Config) -> impl IntoView {
    provide_env(Env {
        client: ApiClient::new(&config.api_base).with_preloaded(config.preloaded),
        t: i18n::for_locale(&config.locale),
        host: Host::default(),
    });
    let router = Router::provide(&config.base_path);
    let route = Memo::new(move |_| Route::from_path(&router.path().get()));
    view! {
        <Shell>
            {move || match route.get() {
                Route::Root => {
                    // After this render, not during it: the redirect writes the path this closure reads.
                    queue_microtask(move || router.replace(routes::MOBILE_SECURITY));
                    EitherOf4::A(())
                }
                Route::MobileSecurity => EitherOf4::B(view! { <MobileSecurityPage/> }),
                Route::MdmSync => EitherOf4::C(view! { <MdmSyncPage/> }),
                Route::NotFound => EitherOf4::D(view! { <NotFoundPage/> }),
            }}
        </Shell>
    }
}

/// The settings screen alone, inside a portal's page: no shell, no router, no address of its own. The portal
/// navigates; the console tells it what happens through `host`.
#[component]
pub fn EmbeddedApp(client: ApiClient, locale: String, host: Host) -> impl IntoView {
    provide_env(Env { client, t: i18n::for_locale(&locale), host });
    view! { <MdmSyncPage/> }
}
