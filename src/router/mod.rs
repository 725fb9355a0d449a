//! A small history router: the console has three routes, and a general-purpose router cost a third of the wasm.
//! Paths come from [`crate::routes`]; this module only tracks the address and moves between them.

mod link;

pub use link::Link;

use leptos::{ev, prelude::*};

use crate::routes::strip_base;

/// The current path below the base, and the way to change it.
#[derive(Clone, Copy)]
pub struct Router {
    path: RwSignal<String>,
    base: StoredValue<String>,
    /// Bumped on every in-app navigation, so that the page can move focus to its heading.
    navigations: StoredValue<u32>,
    /// Asked before leaving the current page; `false` keeps the admin where they are (unsaved changes).
    guard: StoredValue<Option<Callback<(), bool>>>,
}

impl Router {
    /// Starts tracking the address bar, under `base` (`""`, or a sub-path such as `/admin/mdm`).
    pub fn provide(base: &str) -> Self {
        let base = base.trim_end_matches('/').to_owned();
        let router = Self {
            path: RwSignal::new(current_path(&base)),
            base: StoredValue::new(base),
            navigations: StoredValue::new(0),
            guard: StoredValue::new(None),
        };
        let handle = window_event_listener(ev::popstate, move |_| {
            if !router.may_leave() {
                // The address bar has already moved back: put the page being kept back in it.
                let here = router.href(&router.path.get_untracked());
                if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
                    let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&here));
                }
                return;
            }
            router.path.set(current_path(&router.base.get_value()));
            router.navigations.update_value(|n| *n += 1);
        });
        on_cleanup(move || handle.remove());
        provide_context(router);
        router
    }

    pub fn path(&self) -> Signal<String> {
        self.path.into()
    }

    /// How many in-app navigations happened so far (not reactive: read when a page mounts).
    pub fn navigations(&self) -> u32 {
        self.navigations.get_value()
    }

    /// The address for a console path, with the base in front.
    pub fn href(&self, path: &str) -> String {
        format!("{}{path}", self.base.get_value())
    }

    /// Goes to `path`, adding a history entry, unless the current page's guard keeps the admin there.
    pub fn navigate(&self, path: &str) {
        if self.may_leave() {
            self.go(path, false);
        }
    }

    /// Sets the question asked before leaving the current page; the page clears it when it goes away.
    pub fn set_guard(&self, guard: Option<Callback<(), bool>>) {
        self.guard.set_value(guard);
    }

    fn may_leave(&self) -> bool {
        self.guard.get_value().is_none_or(|guard| guard.run(()))
    }

    /// Goes to `path` in place of the current entry (redirects).
    pub fn replace(&self, path: &str) {
        self.go(path, true);
    }

    fn go(&self, path: &str, replace: bool) {
        let href = self.href(path);
        if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
            let state = wasm_bindgen::JsValue::NULL;
            let _ = if replace {
                history.replace_state_with_url(&state, "", Some(&href))
            } else {
                history.push_state_with_url(&state, "", Some(&href))
            };
        }
        if !replace {
            if let Some(window) = web_sys::window() {
                window.scroll_to_with_x_and_y(0.0, 0.0);
            }
            self.navigations.update_value(|n| *n += 1);
        }
        self.path.set(path.to_owned());
    }
}

pub fn use_router() -> Router {
    expect_context::<Router>()
}

fn current_path(base: &str) -> String {
    let pathname = web_sys::window().and_then(|w| w.location().pathname().ok()).unwrap_or_default();
    strip_base(&pathname, base).unwrap_or("/").to_owned()
}
