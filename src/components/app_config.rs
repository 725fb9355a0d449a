use leptos::prelude::*;

use crate::context::use_strings;
use crate::domain::{api, key};

/// The three values that the admin types into the MDM console, with the key masked like the field above.
#[component]
pub fn AppConfig(#[prop(into)] key_value: Signal<Option<String>>, #[prop(into)] shown: Signal<bool>) -> impl IntoView {
    let t = use_strings();
    let key_text = move || match key_value.get() {
        None => t.key_not_issued.to_owned(),
        Some(value) if shown.get() => value,
        Some(value) => key::mask(&value),
    };
    view! {
        <section class="mdm-card" aria-labelledby="mdm-appconfig-title">
            <h2 class="mdm-card__title" id="mdm-appconfig-title">{t.app_config_title}</h2>
            <p class="mdm-card__text">{t.app_config_intro}</p>
            <dl class="mdm-appconfig">
                <div class="mdm-appconfig__row">
                    <dt>{t.config_key}</dt>
                    <dd><code class="mdm-code">{api::CONFIG_KEY}</code></dd>
                </div>
                <div class="mdm-appconfig__row">
                    <dt>{t.value_type}</dt>
                    <dd><code class="mdm-code">{api::VALUE_TYPE}</code></dd>
                </div>
                <div class="mdm-appconfig__row">
                    <dt>{t.key_value_column}</dt>
                    <dd><code class="mdm-code mdm-code--secret">{key_text}</code></dd>
                </div>
            </dl>
        </section>
    }
}
