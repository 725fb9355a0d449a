use leptos::either::EitherOf5;
use leptos::prelude::*;

use super::{use_panels_strings, KeyState, ValueCheck};
use crate::api::{load, LoadReturn};
use crate::components::CopyButton;
use crate::context::use_env;
use crate::domain::api::{paths, ManagedApp, ManagedApps};
use crate::domain::key;
use crate::domain::kit::{apps_for, payload, Mdm, Payload};
use crate::platform::download;

/// The App Configuration kit (`app-config-kit.md`): pick the MDM, follow its steps, and copy or download the exact
/// configuration, which holds the saved key value only; then check what the MDM holds. The key is masked until the
/// admin shows it ("Show key value" above); Copy and Download always carry the real value.
#[component]
pub fn KitPanel(keys: Signal<KeyState>) -> impl IntoView {
    let env = use_env();
    let x = use_panels_strings();
    let LoadReturn { loaded: apps, reload: reload_apps } =
        load::<ManagedApps>(&env.client, paths::MDM_SYNC_APPS.into());
    let mdm = RwSignal::new(Mdm::IntuneIos);
    let chosen_app = RwSignal::new(None::<String>);
    // Copying refused while the key is masked: the payload is shown, so that it can be copied by hand.
    let revealed = RwSignal::new(false);
    let all_apps = move || apps.get().and_then(Result::ok).map(|apps| apps.value.apps).unwrap_or_default();
    // The app the payload is for: the one chosen, while it has the identifier this MDM needs; else the first that has.
    let app_for = move |mdm: Mdm, apps: &[ManagedApp]| -> Option<ManagedApp> {
        let candidates = apps_for(mdm, apps);
        let chosen = chosen_app.with(|id| candidates.iter().find(|app| Some(&app.id) == id.as_ref()).copied());
        chosen.or_else(|| candidates.first().copied()).cloned()
    };
    let current = Memo::new(move |_| {
        let (mdm, apps) = (mdm.get(), all_apps());
        let app = app_for(mdm, &apps);
        keys.with(|keys| {
            let key = keys.saved.as_deref()?;
            let real = payload(mdm, key, app.as_ref(), &apps)?;
            let shown = payload(mdm, &key::mask(key), app.as_ref(), &apps)?;
            Some((real, shown.text))
        })
    });

    view! {
        <section class="mdm-card mdm-kit" aria-labelledby="mdm-kit-title">
            <h2 class="mdm-card__title" id="mdm-kit-title">{x.kit_title()}</h2>
            <p class="mdm-card__text">{x.kit_intro()}</p>
            <div class="mdm-kit__choices">
                <div class="mdm-kit__choice">
                    <label class="mdm-field__label" for="mdm-kit-mdm">{x.mdm_solution()}</label>
                    <select
                        id="mdm-kit-mdm"
                        class="mdm-select"
                        on:change=move |event| {
                            if let Some(choice) = Mdm::from_id(&event_target_value(&event)) {
                                mdm.set(choice);
                            }
                        }
                    >
                        {Mdm::ALL.into_iter().map(|option| view! {
                            <option value=option.id() selected=move || mdm.get() == option>{x.mdm_name(option)}</option>
                        }).collect_view()}
                    </select>
                </div>
                {move || mdm.get().per_app().then(|| view! {
                    <div class="mdm-kit__choice">
                        <label class="mdm-field__label" for="mdm-kit-app">{x.app()}</label>
                        <select
                            id="mdm-kit-app"
                            class="mdm-select"
                            on:change=move |event| chosen_app.set(Some(event_target_value(&event)))
                        >
                            {move || {
                                let apps = all_apps();
                                let selected = app_for(mdm.get(), &apps).map(|app| app.id);
                                apps_for(mdm.get(), &apps).into_iter().map(|app| {
                                    let is_selected = selected.as_deref() == Some(app.id.as_str());
                                    view! { <option value=app.id.clone() selected=is_selected>{app.name.clone()}</option> }
                                }).collect_view()
                            }}
                        </select>
                    </div>
                })}
            </div>
            <h3 class="mdm-kit__heading">{x.steps_title()}</h3>
            <ol class="mdm-steps">
                {move || x.steps(mdm.get()).into_iter().map(|step| view! { <li>{step}</li> }).collect_view()}
            </ol>
            <p class="mdm-card__text" hidden=move || !mdm.get().per_app()>{x.one_per_app()}</p>
            <h3 class="mdm-kit__heading">{x.configuration_title()}</h3>
            {move || {
                let (saved, draft) = keys.with(|keys| (keys.saved.is_some(), keys.draft.is_some()));
                match (saved, draft, apps.get(), current.get()) {
                    (false, _, _, _) => EitherOf5::A(view! { <p class="mdm-notice">{x.no_saved_key()}</p> }),
                    // The draft holds another key than the saved one: pushing the payload would lock members out.
                    (true, true, _, _) => EitherOf5::B(view! { <p class="mdm-notice">{x.unsaved_draft()}</p> }),
                    (true, false, Some(Err(_)), _) if mdm.get().per_app() || mdm.get() == Mdm::AndroidManagement => {
                        EitherOf5::C(view! {
                            <p class="mdm-notice">
                                {x.apps_failed()}" "
                                <button type="button" class="mdm-button mdm-button--secondary"
                                    on:click=move |_| reload_apps.run(())>
                                    {use_env().t.retry()}
                                </button>
                            </p>
                        })
                    }
                    (true, false, _, None) => EitherOf5::D(view! { <p class="mdm-notice">{x.no_app()}</p> }),
                    (true, false, _, Some((real, masked))) => EitherOf5::E(view! {
                        <Configuration real masked keys revealed mdm=mdm.get()/>
                    }),
                }
            }}
            <ValueCheck keys mdm=mdm.into()/>
        </section>
    }
}

/// The payload, masked or not, with Copy and Download, and what the admin must know about it.
#[component]
fn Configuration(
    real: Payload,
    masked: String,
    keys: Signal<KeyState>,
    revealed: RwSignal<bool>,
    mdm: Mdm,
) -> impl IntoView {
    let x = use_panels_strings();
    let visible = move || keys.with(|keys| keys.shown) || revealed.get();
    let rewrite = keys.with_untracked(|keys| {
        let (variable, part) = mdm.rewritten(keys.saved.as_deref()?)?;
        // The part of the key is shown only where the key is; masked, the syntax stands for it.
        Some(if keys.shown { part.to_owned() } else { variable.pattern().to_owned() })
    });
    let syntaxes: Vec<&str> = mdm.variables().iter().map(|variable| variable.pattern()).collect();
    let syntax = x.list(&syntaxes);
    let Payload { text, file_name, media_type } = real;
    let (download_text, download_name) = (text.clone(), file_name.clone());
    view! {
        <p class="mdm-card__text" hidden=visible>{x.masked_note()}</p>
        {rewrite.map(|part| view! {
            <p class="mdm-alert mdm-alert--error" role="alert">{x.rewrite_warning(x.mdm_name(mdm), &syntax, &part)}</p>
        })}
        <pre class="mdm-kit__payload" id="mdm-kit-payload"><code>{move || if visible() { text.clone() } else { masked.clone() }}</code></pre>
        <p class="mdm-card__meta">{x.file_type(&file_name, media_type)}</p>
        <div class="mdm-kit__actions">
            <CopyButton
                label=x.copy_configuration().to_owned()
                value=Signal::stored(Some(download_text.clone()))
                fallback_select="mdm-kit-payload"
                on_refused=Callback::new(move |_| revealed.set(true))
            />
            <button
                type="button"
                class="mdm-button mdm-button--secondary"
                on:click=move |_| download(&download_text, &download_name, media_type)
            >
                {x.download_configuration()}
            </button>
        </div>
    }
}
