use std::marker::PhantomData;
use std::time::Duration;

use leptos::prelude::*;
use serde::de::DeserializeOwned;

use super::client::{parse, Raw};
use super::{ApiClient, ApiError, Versioned};
use crate::domain::retry::{delay_ms, AUTOMATIC_RETRIES};

type State = RwSignal<Option<Result<Raw, ApiError>>>;
/// The load and the timer of its next automatic retry, if one is waiting: cleared when the screen goes away, so that
/// an unmounted console leaves nothing behind.
type Request = StoredValue<(ApiClient, String, Option<TimeoutHandle>)>;

/// Data loaded from the API: `None` while loading. Typed for its readers, but held as the JSON text it came as, so
/// that every load shares one signal type and one compiled loading task (each type of its own cost kilobytes).
pub struct Loaded<T> {
    raw: ReadSignal<Option<Result<Raw, ApiError>>>,
    _type: PhantomData<fn() -> T>,
}

impl<T> Clone for Loaded<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Loaded<T> {}

impl<T: DeserializeOwned> Loaded<T> {
    /// The value, tracked: a view that reads it is rendered again when it changes. A body that is not the JSON the
    /// contract promises is a `malformed_response` error.
    pub fn get(&self) -> Option<Result<Versioned<T>, ApiError>> {
        self.raw.with(|raw| raw.as_ref().map(decode))
    }

    /// Whether the load failed, a body that does not decode included: what Retry must load again.
    pub fn failed_untracked(&self) -> bool {
        self.raw.with_untracked(|raw| raw.as_ref().is_some_and(|raw| decode::<T>(raw).is_err()))
    }
}

fn decode<T: DeserializeOwned>(raw: &Result<Raw, ApiError>) -> Result<Versioned<T>, ApiError> {
    let raw = raw.as_ref().map_err(Clone::clone)?;
    parse(&raw.body, raw.etag.clone())
}

/// What [`load`] returns: the data as it arrives, and how to load it again (what Retry runs).
pub struct LoadReturn<T> {
    pub loaded: Loaded<T>,
    pub reload: Callback<()>,
}

impl<T> Clone for LoadReturn<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for LoadReturn<T> {}

/// Starts loading `path` now. A failure that a retry may get past is retried by itself first, with back-off
/// (`domain::retry`).
pub fn load<T>(client: &ApiClient, path: String) -> LoadReturn<T> {
    let state = RwSignal::new(None);
    let request: Request = StoredValue::new((client.clone(), path, None));
    on_cleanup(move || {
        if let Some(timer) = request.try_with_value(|(_, _, timer)| *timer).flatten() {
            timer.clear();
        }
    });
    // Retry is offered only once a load has failed, so two loads of one resource rarely overlap; when they do (the
    // activity log reloaded after a save while an earlier load still retries), the answer that arrives last is shown.
    let run = move || {
        state.set(None);
        attempt(state, request, 0);
    };
    run();
    LoadReturn { loaded: Loaded { raw: state.read_only(), _type: PhantomData }, reload: Callback::new(move |_| run()) }
}

fn attempt(state: State, request: Request, number: u32) {
    let Some(answer) = request.try_with_value(|(client, path, _)| client.get_raw(path)) else { return };
    leptos::task::spawn_local(async move {
        let result = answer.await;
        // A request cancelled because its screen has gone fails like a network error: it must not be retried.
        if request.try_with_value(|(client, _, _)| client.is_cancelled()).unwrap_or(true) {
            return;
        }
        if let Err(error) = &result {
            if error.is_transient() && number < AUTOMATIC_RETRIES {
                let wait = delay_ms(number, error.retry_after_secs, js_sys::Math::random());
                let retry = move || attempt(state, request, number + 1);
                // Kept so that the cleanup can clear it: the load is still alive here (checked above, no await since).
                if let Ok(timer) = set_timeout_with_handle(retry, Duration::from_millis(wait)) {
                    request.update_value(|(_, _, waiting)| *waiting = Some(timer));
                }
                return;
            }
        }
        state.try_set(Some(result));
    });
}
