//! The console's second wasm module (`src/panels`: device readiness, the App Configuration kit and the Activity log),
//! which the page's own loader fetches (`loadPanels` in `src/embed/start.js`) once the settings screen can be used.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::OneThread;
use crate::domain::screen::ScreenState;

/// How the page loads the module: a function of the language that resolves to `{glue, consoleCatalog,
/// panelsCatalog}`. Missing in a page that has none (a component test).
#[derive(Clone, Debug, Default)]
pub struct Panels(Option<OneThread<js_sys::Function>>);

/// The loaded module, with the catalogs of one language.
pub struct PanelsModule {
    glue: JsValue,
    console_catalog: JsValue,
    panels_catalog: JsValue,
}

impl Panels {
    pub fn new(load: Option<js_sys::Function>) -> Self {
        Self(load.map(OneThread::new))
    }

    /// The module, in language `locale`; `None` when it cannot be loaded.
    pub async fn load(&self, locale: &str) -> Option<PanelsModule> {
        let load = self.0.as_deref()?;
        let promise = load.call1(&JsValue::NULL, &locale.into()).ok()?.dyn_into::<js_sys::Promise>().ok()?;
        let loaded = JsFuture::from(promise).await.ok()?;
        let field = |name: &str| js_sys::Reflect::get(&loaded, &name.into()).ok().filter(|v| !v.is_undefined());
        Some(PanelsModule {
            glue: field("glue")?,
            console_catalog: field("consoleCatalog")?,
            panels_catalog: field("panelsCatalog")?,
        })
    }
}

impl PanelsModule {
    /// Mounts device readiness (and its lines in the Apply dialog), the App Configuration values, the kit, Sign-in
    /// checks with the Activity log, the rollout's controls and the key's notes into their places; `None` when the
    /// module refuses.
    pub fn mount(
        &self,
        [readiness, dialog, app_config, kit, activity, enforcement, overlap, key_notes]: [&web_sys::HtmlElement; 8],
        api_base: &str,
        locale: &str,
        host_headers: Option<&js_sys::Function>,
        emit: Option<&js_sys::Function>,
    ) -> Option<u32> {
        let optional = |f: Option<&js_sys::Function>| f.map_or(JsValue::UNDEFINED, |f| f.clone().into());
        let id = self.call(
            "mount_panels",
            &[
                readiness.into(),
                dialog.into(),
                app_config.into(),
                kit.into(),
                activity.into(),
                enforcement.into(),
                overlap.into(),
                key_notes.into(),
                api_base.into(),
                locale.into(),
                self.console_catalog.clone(),
                self.panels_catalog.clone(),
                optional(host_headers),
                optional(emit),
            ],
        )?;
        id.as_f64().map(|id| id as u32)
    }

    /// The settings screen's state, as the islands read it (`domain::screen`).
    pub fn update(&self, id: u32, state: &ScreenState) {
        if let Ok(state) = crate::api::to_js(state) {
            self.call("update_panels", &[id.into(), state]);
        }
    }

    pub fn unmount(&self, id: u32) {
        self.call("unmount_panels", &[id.into()]);
    }

    fn call(&self, name: &str, arguments: &[JsValue]) -> Option<JsValue> {
        let function = js_sys::Reflect::get(&self.glue, &name.into()).ok()?.dyn_into::<js_sys::Function>().ok()?;
        function.apply(&JsValue::NULL, &arguments.iter().collect::<js_sys::Array>()).ok()
    }
}
