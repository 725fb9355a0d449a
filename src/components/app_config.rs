use leptos::prelude::*;

use super::CopyButton;
use crate::context::use_strings;
use crate::domain::{api, key};

/// The three values that the admin types into the MDM console, each with its copy button, and the key masked like
/// the field above.
#[component]
pub fn AppConfig(
    #[prop(into)] key_value: Signal<Option<String>>,
    #[prop(into)] shown: Signal<bool>,
    on_show: Callback<bool>,
) -> impl IntoView {
    let t = use_strings();
    let key_text = move || match key_value.get() {
        None => t.key_not_issued().to_owned(),
        Some(value) if shown.get() => value,
        Some(value) => key::mask(&value),
    };
    let constant = |value: &'static str| Signal::stored(Some(value.to_owned()));
    view! {
        <section class="mdm-card" aria-labelledby="mdm-appconfig-title">
            <h2 class="mdm-card__title" id="mdm-appconfig-title">{t.app_config_title()}</h2>
            <p class="mdm-card__text">{t.app_config_intro()}</p>
            <dl class="mdm-appconfig">
                <div class="mdm-appconfig__row">
                    <dt>{t.config_key()}</dt>
                    <dd class="mdm-appconfig__value">
                        <code class="mdm-code" id="mdm-appconfig-key">{api::CONFIG_KEY}</code>
                        <CopyButton label=t.copy_named(t.config_key()) value=constant(api::CONFIG_KEY)
                            fallback_select="mdm-appconfig-key"/>
                    </dd>
                </div>
                <div class="mdm-appconfig__row">
                    <dt>{t.value_type()}</dt>
                    <dd class="mdm-appconfig__value">
                        <code class="mdm-code" id="mdm-appconfig-type">{api::VALUE_TYPE}</code>
                        <CopyButton label=t.copy_named(t.value_type()) value=constant(api::VALUE_TYPE)
                            fallback_select="mdm-appconfig-type"/>
                    </dd>
                </div>
                <div class="mdm-appconfig__row">
                    <dt>{t.key_value_column()}</dt>
                    <dd class="mdm-appconfig__value">
                        <code class="mdm-code" id="mdm-appconfig-value">{key_text}</code>
                        <CopyButton label=t.copy_app_config_key().to_owned() value=key_value
                            fallback_select="mdm-appconfig-value" on_refused=Callback::new(move |_| on_show.run(true))/>
                    </dd>
                </div>
            </dl>
        </section>
    }
}
