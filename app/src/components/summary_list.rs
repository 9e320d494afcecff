//! The NHS.UK summary list: facts as key and value rows.

use leptos::prelude::*;

#[component]
pub fn SummaryList(rows: Vec<(&'static str, String)>) -> impl IntoView {
    view! {
        <dl class="nhsuk-summary-list">
            {rows
                .into_iter()
                .map(|(key, value)| {
                    view! {
                        <div class="nhsuk-summary-list__row">
                            <dt class="nhsuk-summary-list__key">{key}</dt>
                            <dd class="nhsuk-summary-list__value">{value}</dd>
                        </div>
                    }
                })
                .collect_view()}
        </dl>
    }
}
