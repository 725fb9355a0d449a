use leptos::prelude::*;

use crate::context::use_strings;
use crate::domain::change::Consequence;
use crate::platform::{local_time, number};

/// What saving will do, line by line, in numbers.
#[component]
pub fn Consequences(#[prop(into)] list: Signal<Vec<Consequence>>) -> impl IntoView {
    let t = use_strings();
    view! {
        <p>{t.confirm_intro()}</p>
        <ul class="mdm-dialog__list">
            {move || list.get().iter().map(|c| view! { <li>{t.consequence(c, |secs| local_time(t.locale, secs), |n| number(t.locale, n))}</li> }).collect_view()}
        </ul>
    }
}
