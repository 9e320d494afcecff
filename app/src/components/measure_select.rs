//! The choice of prescribing measure, on the dashboard, the campaign form and a campaign's page.

use leptos::prelude::*;

use crate::components::forms::SelectField;
use crate::domain::reports::prescribing::measures::Measure;

#[component]
pub fn MeasureSelect(
    /// The chosen measure's code.
    #[prop(into)]
    chosen: String,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional_no_strip)] error: Option<String>,
) -> impl IntoView {
    let choices = Measure::ALL.iter().map(|m| (m.code().to_owned(), m.label().to_owned())).collect();
    match hint {
        Some(hint) => view! { <SelectField name="measure" label="Prescribing measure" hint choices selected=chosen error /> }
        .into_any(),
        None => {
            view! { <SelectField name="measure" label="Prescribing measure" choices selected=chosen error /> }
                .into_any()
        }
    }
}
