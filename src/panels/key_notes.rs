use leptos::prelude::*;

use super::{use_panels_strings, KeyState};
use crate::domain::key::looks_like_number;
use crate::domain::kit::rewriting;

/// Below the key field: the MDMs that would replace part of the key value (saved or in the draft) with a variable's
/// value before it reaches devices (`Mdm::variables`), whichever MDM the admin uses, so that a custom value can be
/// changed before it is saved. From the second module, so that the first load carries none of it; the part of the
/// key is named only while the key is shown, and its syntax stands for it while it is masked.
#[component]
pub fn RewriteNote(keys: Signal<KeyState>) -> impl IntoView {
    let k = use_panels_strings();
    let note = Memo::new(move |_| {
        keys.with(|keys| {
            let key = keys.draft.as_deref().or(keys.saved.as_deref())?;
            let mdms = rewriting(key);
            let (variable, part) = mdms.first()?.rewritten(key)?;
            let part = if keys.shown { part.to_owned() } else { variable.pattern().to_owned() };
            let names: Vec<&str> = mdms.into_iter().map(|mdm| k.mdm_name(mdm)).collect();
            Some(k.field_rewrite_warning(&part, &k.list(&names)))
        })
    });
    move || note.get().map(|note| view! { <p class="mdm-notice">{note}</p> })
}

/// Below the key field: a key value (saved or in the draft) that an MDM or a spreadsheet would take for a number and
/// drop digits of (leading zeros, exponent form) is accepted, with a note to push it as a String. An auto-generated key
/// never looks like one. From the second module, so that the first load carries none of it.
#[component]
pub fn NumberNote(keys: Signal<KeyState>) -> impl IntoView {
    let k = use_panels_strings();
    let numeric = Memo::new(move |_| {
        keys.with(|keys| keys.draft.as_deref().or(keys.saved.as_deref()).is_some_and(looks_like_number))
    });
    move || numeric.get().then(|| view! { <p class="mdm-card__text">{k.key_number_note()}</p> })
}
