use std::future::Future;

use leptos::prelude::*;

use super::ApiError;

/// Data loaded from the API: `None` while loading. A plain signal filled by a spawned task, rather than a
/// `LocalResource`, whose async machinery cost several kilobytes of wasm per use.
pub type Loaded<T> = ReadSignal<Option<Result<T, ApiError>>>;

/// Starts loading now, and returns the result's signal and a callback that loads again (for Retry).
pub fn load<T, F, Fut>(fetch: F) -> (Loaded<T>, Callback<()>)
where
    T: Send + Sync + 'static,
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let state = RwSignal::new(None);
    let generation = StoredValue::new(0u32);
    let run = move || {
        // Only the latest request may write: a slow first answer must not overwrite a retry's.
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        state.set(None);
        let future = fetch();
        leptos::task::spawn_local(async move {
            let result = future.await;
            if generation.try_get_value() == Some(mine) {
                state.try_set(Some(result));
            }
        });
    };
    run();
    (state.read_only(), Callback::new(move |_| run()))
}
