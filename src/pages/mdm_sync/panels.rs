//! The places the settings screen keeps for the second module's islands (`src/panels`): the rollout's controls, Key
//! rotation and device readiness (with their lines in the Apply dialog), the App Configuration values and kit, Sign-in
//! checks and the Activity log, loaded once the screen can be used, and screen_state of the screen's state
//! (`domain::screen::ScreenState`) as it changes.

use leptos::{html, prelude::*};

use crate::context::use_env;
use crate::domain::screen::ScreenState;
use crate::domain::settings::SettingsState;
use crate::platform::{OneThread, PanelsModule};

/// Where Key rotation with readiness, the App Configuration values, the kit, and Sign-in checks with the Activity log
/// go, in this order below the form's first card, with `children` (How sync works) before the kit; their lines go into
/// `dialog`, in the Apply dialog, and the rollout's controls into `enforcement` and `overlap`, in the form's card.
/// Until the module has come, the places are empty (readiness's keeps its height, so that nothing below it moves);
/// when it cannot come, they say so, with Retry.
#[component]
pub fn PanelsSlots<C: IntoView + 'static>(
    state: RwSignal<SettingsState>,
    saves: ReadSignal<u32>,
    dialog: NodeRef<html::Div>,
    /// Where "Enforcement" goes, in the form's card.
    enforcement: NodeRef<html::Div>,
    /// Where "Keep the previous key valid" and "Overlap" go, below the key.
    overlap: NodeRef<html::Div>,
    /// Where the key's notes go, right below it (what an MDM would rewrite, a key that looks like a number).
    key_notes: NodeRef<html::Div>,
    /// What stands between the App Configuration values and the kit (How sync works).
    children: TypedChildren<C>,
) -> impl IntoView {
    let env = use_env();
    let t = env.t;
    let readiness = NodeRef::<html::Div>::new();
    let app_config = NodeRef::<html::Div>::new();
    let kit = NodeRef::<html::Div>::new();
    let activity = NodeRef::<html::Div>::new();
    let failed = RwSignal::new(false);
    let mounted: StoredValue<Option<(OneThread<PanelsModule>, u32)>> = StoredValue::new(None);
    let screen_state = Memo::new(move |_| state.with(|s| ScreenState::of(s, saves.get())));
    let send_state = move || {
        mounted.try_with_value(|mounted| {
            if let Some((module, id)) = mounted {
                screen_state.with_untracked(|screen_state| module.update(*id, screen_state));
            }
        });
    };
    let start = {
        let env = env.clone();
        move || {
            // The screen may have gone (an embedding portal removed it) before this frame, or while the module loaded:
            // every reactive value read after that point is read with `try_`, as a disposed one would panic.
            if failed.try_set(false).is_some() {
                return;
            }
            let env = env.clone();
            leptos::task::spawn_local(async move {
                let module = env.panels.load(t.locale).await;
                let places = [readiness, dialog, app_config, kit, activity, enforcement, overlap, key_notes]
                    .map(|place| place.try_get_untracked().flatten());
                let [Some(readiness), Some(dialog), Some(app_config), Some(kit), Some(activity), Some(enforcement), Some(overlap), Some(key_notes)] =
                    places
                else {
                    return;
                };
                let id = module.as_ref().and_then(|module| {
                    let (base, headers, emit) = (env.client.base(), env.client.host_headers(), env.host.callback());
                    module.mount(
                        [&readiness, &dialog, &app_config, &kit, &activity, &enforcement, &overlap, &key_notes],
                        base,
                        t.locale,
                        headers,
                        emit,
                    )
                });
                match module.zip(id) {
                    // Nothing awaits between this check and the update: the screen cannot go in between.
                    Some((module, id)) if mounted.is_disposed() => module.unmount(id),
                    Some((module, id)) => {
                        let replaced = mounted.try_update_value(|m| m.replace((OneThread::new(module), id))).flatten();
                        if let Some((module, id)) = replaced {
                            module.unmount(id);
                        }
                        send_state();
                    }
                    None => {
                        failed.try_set(true);
                    }
                }
            });
        }
    };
    // Once this component's elements are in the page.
    request_animation_frame(start.clone());
    Effect::watch(move || screen_state.track(), move |_, _, _| send_state(), false);
    on_cleanup(move || {
        if let Some(Some((module, id))) = mounted.try_update_value(Option::take) {
            module.unmount(id);
        }
    });
    let waiting = move || !failed.get() && mounted.with_value(Option::is_none);
    view! {
        <div class="mdm-alert mdm-alert--error" role="alert" hidden=move || !failed.get()>
            <p class="mdm-alert__body">{t.panels_failed()}</p>
            <button type="button" class="mdm-button" on:click=move |_| start()>{t.retry()}</button>
        </div>
        <div class="mdm-panels" class:mdm-panels--waiting=waiting node_ref=readiness></div>
        <div class="mdm-panels" class:mdm-panels--waiting-short=waiting node_ref=app_config></div>
        {children.into_inner()()}
        <div class="mdm-panels" node_ref=kit></div>
        <div class="mdm-panels" node_ref=activity></div>
    }
}
