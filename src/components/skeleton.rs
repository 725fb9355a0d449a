use leptos::prelude::*;

use crate::context::use_strings;

/// Grey blocks with the height of the content they stand for, so that nothing moves when it arrives.
#[component]
pub fn Skeleton(
    /// Heights of the blocks, in rem. Whole numbers: float formatting alone costs kilobytes of wasm.
    #[prop(into)]
    blocks: Vec<u8>,
) -> impl IntoView {
    let t = use_strings();
    view! {
        <div class="mdm-skeleton" role="status" aria-live="polite">
            <span class="mdm-visually-hidden">{t.loading}</span>
            {blocks
                .into_iter()
                .map(|height| {
                    view! { <div class="mdm-skeleton__block" aria-hidden="true" style:height=format!("{height}rem")></div> }
                })
                .collect_view()}
        </div>
    }
}
