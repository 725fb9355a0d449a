//! What every page needs from the app around it: the API client, the language catalog, and the host page to tell
//! about what happens (when the console is embedded); and, standalone, the language menu's choice and the hand-over
//! of a page's state when the console is rendered again in another language.

use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;

use crate::api::ApiClient;
use crate::domain::embed::HostEvent;
use crate::i18n::Strings;
use crate::platform::{OneThread, Panels};

#[derive(Clone)]
pub struct Env {
    pub client: ApiClient,
    pub t: &'static Strings,
    pub host: Host,
    /// How the page loads the second module, with the kit and the Activity log (`platform::Panels`).
    pub panels: Panels,
}

/// The page that embeds the console, told about events through a callback that the embedding script gives
/// (`docs/embedding.md`). The standalone console has none.
#[derive(Clone, Default)]
pub struct Host(Option<OneThread<js_sys::Function>>);

impl Host {
    pub fn new(emit: js_sys::Function) -> Self {
        Self(Some(OneThread::new(emit)))
    }

    pub fn is_embedding(&self) -> bool {
        self.0.is_some()
    }

    /// The host page's callback, for the second module's islands to tell it of their events too.
    pub fn callback(&self) -> Option<&js_sys::Function> {
        self.0.as_deref()
    }

    pub fn emit(&self, event: &HostEvent) {
        let Some(emit) = &self.0 else { return };
        if let Ok(detail) = crate::api::to_js(event) {
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

/// The standalone console's languages: whether another one is on its way, and the way to choose one (a language
/// tag of `i18n::LOCALES`). Embedded, the portal chooses with the `locale` attribute.
#[derive(Clone, Copy)]
pub struct Languages {
    pub busy: Signal<bool>,
    pub choose: Callback<&'static str>,
}

/// A page's state, kept across the new start of the console in another language. The page says how to save it
/// when it mounts ([`Handover::on_switch`]), and takes it back when it mounts again ([`Handover::take`]). It lives
/// outside any one start of the console, so it is plain shared state rather than a reactive value.
#[derive(Clone)]
pub struct Handover(OneThread<Rc<RefCell<Kept>>>);

impl Default for Handover {
    fn default() -> Self {
        Self(OneThread::new(Rc::default()))
    }
}

/// Asked for the screen's state (its draft, say) when the console is replaced, to hand it to the next one.
type StateSaver = Box<dyn Fn() -> Option<Box<dyn Any>>>;

#[derive(Default)]
struct Kept {
    saver: Option<StateSaver>,
    state: Option<Box<dyn Any>>,
    /// The language menu's button takes the focus back once the console has started again.
    refocus: bool,
}

impl Handover {
    /// Registers how to save the mounted page's state; the registration ends with the page. `save` returns `None`
    /// while the state cannot be handed over (a save on its way, whose answer must reach this page).
    pub fn on_switch(&self, save: impl Fn() -> Option<Box<dyn Any>> + 'static) {
        self.0.borrow_mut().saver = Some(Box::new(save));
        let this = self.clone();
        on_cleanup(move || this.0.borrow_mut().saver = None);
    }

    /// Keeps the mounted page's state, just before the console starts again; `false` when it cannot now.
    pub fn save(&self) -> bool {
        let state = self.0.borrow().saver.as_ref().map(|save| save());
        let ready = !matches!(state, Some(None));
        let mut kept = self.0.borrow_mut();
        kept.state = state.flatten();
        kept.refocus = ready;
        ready
    }

    /// The state kept for a page of type `T`, once.
    pub fn take<T: 'static>(&self) -> Option<T> {
        let state = self.0.borrow_mut().state.take()?;
        state.downcast::<T>().ok().map(|state| *state)
    }

    /// Whether the console has just started again in another language, once.
    pub fn take_refocus(&self) -> bool {
        std::mem::take(&mut self.0.borrow_mut().refocus)
    }

    /// Forgets a state that no page took.
    pub fn clear(&self) {
        self.0.borrow_mut().state = None;
    }
}

/// The hand-over, standalone; embedded there is none (the portal restarts the screen for another language once
/// the draft is saved or undone).
pub fn use_handover() -> Option<Handover> {
    use_context::<Handover>()
}
