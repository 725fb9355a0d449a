use leptos::either::EitherOf4;
use leptos::prelude::*;

use crate::api::ApiClient;
use crate::components::Shell;
use crate::context::{provide_env, Env, Handover, Host, Languages};
use crate::i18n::Strings;
use crate::pages::{MdmSyncPage, MobileSecurityPage, NotFoundPage};
use crate::platform::{catalog_for, focus_language_menu, keep_focus, remember_locale, show_language, Panels};
use crate::router::Router;
use crate::routes::{self, Route};

/// Where the console finds its backend and where it is served.
#[derive(Clone, Debug)]
pub struct Config {
    pub api_base: String,
    /// The path the console is served under: `""` at the root, or a sub-path such as `/admin/mdm`.
    pub base_path: String,
    /// The first screen's API answers, requested by the page before the wasm ran (`src/embed/start.js`).
    pub preloaded: Option<js_sys::Map>,
    /// How the page loads the second module (`platform::Panels`).
    pub panels: Panels,
}

impl Config {
    /// Read from the host page: `<meta name="mdm-api-base">` (default `/api`) and `<base href>` for the sub-path
    /// (which Trunk's `--public-url` writes).
    pub fn from_document(preloaded: Option<js_sys::Map>, panels: Panels) -> Self {
        let document = web_sys::window().and_then(|w| w.document());
        let attribute = |selector: &str, name: &str| {
            document
                .as_ref()
                .and_then(|d| d.query_selector(selector).ok().flatten())
                .and_then(|e| e.get_attribute(name))
        };
        let base_path = attribute("base[href]", "href").unwrap_or_default().trim_end_matches('/').to_owned();
        Self {
            api_base: attribute("meta[name=mdm-api-base]", "content").unwrap_or_else(|| "/api".into()),
            base_path,
            preloaded,
            panels,
        }
    }
}

/// The standalone console: the shell, and every page at its address, in the admin's language. Choosing another
/// language starts the console again in it (`relaunch`, given the new catalog); the page being used hands its state
/// over first (`handover`), so that nothing the admin has not saved is lost.
#[component]
pub fn App(
    config: Config,
    strings: &'static Strings,
    handover: Handover,
    relaunch: fn(&'static Strings),
    /// Aborted when this console is replaced (a language switch): its requests still on their way are cancelled.
    lifetime: web_sys::AbortSignal,
) -> impl IntoView {
    show_language(strings);
    if handover.take_refocus() {
        request_animation_frame(focus_language_menu);
    }
    let switching = RwSignal::new(false);
    provide_context(handover.clone());
    provide_env(Env {
        client: ApiClient::new(&config.api_base)
            .with_preloaded(config.preloaded)
            .with_language(strings.locale)
            .with_lifetime(lifetime),
        t: strings,
        host: Host::default(),
        panels: config.panels.clone(),
    });
    provide_context(Languages {
        busy: switching.into(),
        choose: Callback::new(move |tag: &'static str| {
            if switching.get_untracked() || strings.locale == tag {
                return;
            }
            switching.set(true);
            let handover = handover.clone();
            leptos::task::spawn_local(async move {
                match catalog_for(tag).await {
                    Some(next) if handover.save() => {
                        remember_locale(tag);
                        relaunch(next);
                    }
                    _ => {
                        switching.try_set(false);
                    }
                }
            });
        }),
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
pub fn EmbeddedApp(client: ApiClient, strings: &'static Strings, host: Host, panels: Panels) -> impl IntoView {
    provide_env(Env { client: client.with_language(strings.locale), t: strings, host, panels });
    view! { <div on:focusout=keep_focus><MdmSyncPage/></div> }
}
