use leptos::{ev, prelude::*};

use super::consequences::Consequences;
use super::key_field::KeyField;
use super::notices::{SaveFailure, SaveStatus};
use super::panels::PanelsSlots;
use super::precautions::Precautions;
use super::restrict_option::RestrictOption;
use super::sync_steps::SyncSteps;
use crate::api::Versioned;
use crate::components::{Dialog, Switch};
use crate::context::{use_env, use_handover, Env, Host};
use crate::domain::api::{MdmSyncSettings, MobileSecurity, Session};
use crate::domain::change::Impact;
use crate::domain::embed::HostEvent;
use crate::domain::screen::ScreenRequest;
use crate::domain::settings::{Action, Confirmation, KeyProblem, SaveStep, SettingsState};
use crate::i18n::Strings;
use crate::platform::{confirm, local_time_rfc3339, now_unix, WebCrypto};
use crate::router::Router;

/// What the form hands over to itself when the console is rendered again in another language: what it loaded,
/// and the admin's draft as it is.
pub struct Resumed {
    pub session: Session,
    pub settings: Versioned<MdmSyncSettings>,
    pub overview: MobileSecurity,
    pub state: Option<SettingsState>,
}

/// The settings form: it renders the shared state machine (`domain::settings`) and sends what it asks to send.
/// `state` is the draft to go on with, when the form was rendered again in another language.
#[component]
pub fn SettingsForm(
    session: Session,
    settings: Versioned<MdmSyncSettings>,
    overview: MobileSecurity,
    state: Option<SettingsState>,
) -> impl IntoView {
    let env = use_env();
    let t = env.t;
    let impact = Impact {
        member_count: overview.member_count,
        exception_count: overview.lineworks_mdm.exception_count,
        lineworks_mdm_enabled: overview.lineworks_mdm.enabled,
    };
    let plan_allows = session.domain.plan.allows_mdm_sync();
    let resumable = (session.clone(), settings.clone(), overview.clone());
    let state =
        RwSignal::new(state.unwrap_or_else(|| SettingsState::new(settings.value, settings.etag, impact, plan_allows)));
    if let Some(handover) = use_handover() {
        handover.on_switch(move || {
            let draft = state.try_get_untracked()?;
            // A save on its way reports to this form: the language changes once it has come back.
            (!draft.saving).then(|| {
                let (session, settings, overview) = resumable.clone();
                Box::new(Resumed { session, settings, overview, state: Some(draft) }) as Box<dyn std::any::Any>
            })
        });
    }
    let locked = Signal::stored(!plan_allows);
    // Saves that went through, which the Activity log (in the second module) follows.
    let saves = RwSignal::new(0_u32);
    let apply_lines = NodeRef::<leptos::html::Div>::new();
    let (enforcement_place, overlap_place) = (NodeRef::<leptos::html::Div>::new(), NodeRef::<leptos::html::Div>::new());
    let key_notes_place = NodeRef::<leptos::html::Div>::new();
    let host = env.host.clone();
    let sender = Sender { state, env: StoredValue::new(env), csrf_token: StoredValue::new(session.csrf_token), saves };
    let dispatch = Callback::new(move |action| {
        let step = state.try_update(|s| {
            s.now_unix = now_unix();
            s.apply(action, &mut WebCrypto)
        });
        sender.step(step);
    });
    guard_unsaved_changes(state, t);
    if host.is_embedding() {
        tell_dirty_changes(state, host.clone());
    }

    let key_value = Signal::derive(move || state.with(|s| s.key_value().map(str::to_owned)));
    let key_shown = Signal::derive(move || state.with(|s| s.key_shown));
    let show_key = Callback::new(move |show| dispatch.run(Action::ShowKey(show)));

    let precautions_open = Signal::derive(move || state.with(|s| s.dialog == Some(Confirmation::Precautions)));

    mark_ready(host);
    view! {
        // The second module's requests (`screen::REQUEST_EVENT`, the name below) bubble up to here.
        <div class="mdm-settings" on:mdm-sync-request=move |event: web_sys::Event| request(event, dispatch)>
            <div class="mdm-settings__bar">
                // `aria-disabled`, not `disabled`: a disabled button drops the focus, and Save keeps it while it
                // saves, after the Apply dialog hands it back. It is also where the focus goes when it has nowhere
                // else to be (`platform::keep_focus`).
                <button
                    type="button"
                    class="mdm-button mdm-button--primary"
                    aria-disabled=move || state.with(|s| !s.can_save()).then_some("true")
                    // Does nothing while there is nothing to save (`SettingsState::request_save`).
                    on:click=move |_| dispatch.run(Action::Save)
                >
                    {move || if state.with(|s| s.saving) { t.saving() } else { t.save() }}
                </button>
            </div>
            <SaveStatus state/>
            <SaveFailure state dispatch/>
            {(!plan_allows).then(|| view! { <p class="mdm-notice">{t.plan_not_eligible_notice()}</p> })}
            <section class="mdm-card" aria-labelledby="mdm-sync-switch-label">
                <Switch
                    id="mdm-sync-switch"
                    label_id="mdm-sync-switch-label"
                    label=t.mdm_sync_title()
                    checked=Signal::derive(move || state.with(|s| s.enabled))
                    disabled=locked
                    described_by="mdm-sync-switch-help"
                    on_toggle=Callback::new(move |on| dispatch.run(Action::Toggle(on)))
                />
                <p class="mdm-card__text" id="mdm-sync-switch-help">{t.switch_description()}</p>
                <RestrictOption
                    checked=Signal::derive(move || state.with(|s| s.restrict))
                    disabled=locked
                    on_change=Callback::new(move |on| dispatch.run(Action::SetRestrict(on)))
                />
                <KeyField
                    mode=Signal::derive(move || state.with(|s| s.mode))
                    value=key_value
                    shown=key_shown
                    disabled=locked
                    error=Signal::derive(move || state.with(|s| s.key_problem()).map(|p| key_message(t, &p)))
                    notes="mdm-key-notes"
                    on_mode=Callback::new(move |mode| dispatch.run(Action::ChooseMode(mode)))
                    on_show=show_key
                    on_input=Callback::new(move |text| dispatch.run(Action::TypeCustom(text)))
                    on_reissue=Callback::new(move |_| dispatch.run(Action::Reissue))
                />
                // The rollout's controls, from the second module (`panels::rollout`), so that the first load does not
                // carry them; they ask for their actions through `ScreenRequest`. "Keep the previous key valid" and
                // "Overlap" below the key they are about; "Enforcement" last, so that its arrival moves none of the
                // controls above it, and with its height kept while sync is on and it has not come yet.
                <div class="mdm-panels" id="mdm-key-notes" node_ref=key_notes_place></div>
                <div class="mdm-panels" node_ref=overlap_place></div>
                <div
                    class="mdm-panels mdm-rollout-place"
                    class:mdm-rollout-place--on=move || state.with(|s| s.enabled)
                    node_ref=enforcement_place
                ></div>
                <p class="mdm-card__meta">
                    {move || state.with(|s| {
                        let (at, by) = (s.saved.updated_at.as_deref()?, s.saved.updated_by.as_ref()?);
                        Some(t.last_updated(&local_time_rfc3339(t.locale, at), &by.name))
                    })}
                </p>
            </section>
            <PanelsSlots state saves=saves.read_only() dialog=apply_lines enforcement=enforcement_place overlap=overlap_place key_notes=key_notes_place>
                <SyncSteps/>
            </PanelsSlots>
            <Dialog
                id="mdm-precautions"
                title=t.precautions_title()
                open=precautions_open
                confirm_label=t.ok()
                on_confirm=Callback::new(move |_| dispatch.run(Action::AcceptPrecautions))
                on_cancel=Callback::new(move |_| dispatch.run(Action::DismissDialog))
            >
                <Precautions
                    exception_count=Signal::derive(move || state.with(|s| s.impact.exception_count))
                    shown=precautions_open
                />
            </Dialog>
            <Dialog
                id="mdm-apply"
                title=t.confirm_title()
                open=Signal::derive(move || state.with(|s| s.dialog == Some(Confirmation::Apply)))
                confirm_label=t.apply()
                on_confirm=Callback::new(move |_| dispatch.run(Action::Send))
                on_cancel=Callback::new(move |_| dispatch.run(Action::DismissDialog))
            >
                <Consequences list=Signal::derive(move || state.with(|s| s.consequences(now_unix())))/>
                // How many devices are ready for the change: device readiness, from the second module, puts it here.
                <div class="mdm-panels" node_ref=apply_lines></div>
            </Dialog>
        </div>
    }
}

/// Carries out what the state machine asks: sending a save, and reporting its answer back.
#[derive(Clone, Copy)]
struct Sender {
    state: RwSignal<SettingsState>,
    env: StoredValue<Env>,
    csrf_token: StoredValue<String>,
    saves: RwSignal<u32>,
}

impl Sender {
    fn step(self, step: Option<SaveStep>) {
        let Some(SaveStep::Send(out)) = step else { return };
        let Env { client, t, host, .. } = self.env.get_value();
        let csrf_token = self.csrf_token.get_value();
        leptos::task::spawn_local(async move {
            let result = client.put_mdm_sync(&out.update, out.etag.as_deref(), &csrf_token, &out.idempotency_key).await;
            let saved = result.is_ok();
            if matches!(&result, Err(error) if error.code == "csrf_failed") {
                // A new token for the admin's Retry: reloading the page would throw the draft away.
                if let Ok(session) = client.session().await {
                    self.csrf_token.try_set_value(session.value.csrf_token);
                }
            }
            host.emit(&match &result {
                Ok(answer) => HostEvent::saved(&answer.value),
                Err(error) => HostEvent::failed(error, t.api_error_message(error)),
            });
            self.state.try_update(|s| match result {
                Ok(answer) => s.saved_as(answer.value, answer.etag),
                Err(error) => s.failed(error),
            });
            if saved {
                self.saves.try_update(|saves| *saves += 1);
            }
        });
    }
}

fn key_message(t: &'static Strings, problem: &KeyProblem) -> String {
    match problem {
        KeyProblem::RandomFailed => t.random_failed().to_owned(),
        KeyProblem::Required => t.api_error_key_required().to_owned(),
        KeyProblem::Rule(error) => t.key_error(error),
        KeyProblem::Server(error) => t.api_error_message(error),
    }
}

/// Leaving with unsaved changes asks first: in-app navigation through the router's guard, and closing or reloading
/// the tab through `beforeunload`. Embedded, there is no router: the portal guards its own navigation, told by
/// `mdm-sync:dirty-change`.
fn guard_unsaved_changes(state: RwSignal<SettingsState>, t: &'static Strings) {
    let dirty = move || state.with_untracked(SettingsState::is_dirty);
    let router = use_context::<Router>();
    if let Some(router) = router {
        router.set_guard(Some(Callback::new(move |_| !dirty() || confirm(t.leave_unsaved()))));
    }
    let unload = window_event_listener(ev::beforeunload, move |event| {
        if dirty() {
            event.prevent_default();
            event.set_return_value("");
        }
    });
    on_cleanup(move || {
        if let Some(router) = router {
            router.set_guard(None);
        }
        unload.remove();
    });
}

/// `mdm-sync:dirty-change`, each time the draft starts or stops differing from what is saved.
fn tell_dirty_changes(state: RwSignal<SettingsState>, host: Host) {
    let dirty = Memo::new(move |_| state.with(SettingsState::is_dirty));
    Effect::watch(move || dirty.get(), move |dirty, _, _| host.emit(&HostEvent::DirtyChange { dirty: *dirty }), false);
}

/// The `app-ready` performance mark, and `mdm-sync:ready` for an embedding page: the settings screen shows real
/// data and can be used.
fn mark_ready(host: Host) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark("app-ready");
    }
    // Once the screen is in the page: the form's own nodes are inserted after this component returns.
    queue_microtask(move || host.emit(&HostEvent::Ready {}));
}

/// An island's request (`domain::screen::ScreenRequest`), carried out as the action it stands for.
fn request(event: web_sys::Event, dispatch: Callback<Action>) {
    let detail = wasm_bindgen::JsCast::unchecked_ref::<web_sys::CustomEvent>(&event).detail();
    if let Some(action) = crate::api::from_js::<ScreenRequest>(detail).ok().and_then(|r| r.action()) {
        dispatch.run(action);
    }
}
