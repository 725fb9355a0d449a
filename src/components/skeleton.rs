use leptos::prelude::*;

use crate::context::use_strings;

/// A grey placeholder with the height of the content it stands for, so that nothing moves when it arrives.
/// The shape is drawn by CSS (`class`, such as `mdm-skeleton mdm-skeleton--settings`): no layout logic in the wasm.
#[component]
pub fn Skeleton(class: &'static str) -> impl IntoView {
    let t = use_strings();
    view! {
        <div class=class role="status">
            <span class="mdm-visually-hidden">{t.loading()}</span>
        </div>
    }
}
