use leptos::prelude::*;

use super::KeyState;
use crate::components::AppConfig;

/// The three values the admin types into the MDM console (`ui.md`, "App Configuration"): the key value is the
/// draft's, masked as the field above is. When copying is refused, it is shown here, to be copied by hand.
#[component]
pub fn AppConfigValues(keys: Signal<KeyState>) -> impl IntoView {
    let revealed = RwSignal::new(false);
    let key_value = Signal::derive(move || keys.with(|keys| keys.draft.clone().or_else(|| keys.saved.clone())));
    let shown = Signal::derive(move || keys.with(|keys| keys.shown) || revealed.get());
    view! { <AppConfig key_value shown on_show=Callback::new(move |show| revealed.set(show))/> }
}
