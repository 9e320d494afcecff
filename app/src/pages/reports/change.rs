//! `/reports/prescribing-change?region=&start=&months=&measure=`: did prescribing change at the
//! practices where a GP had completed a module by a start month, against the region's other
//! practices. A plain GET form; the estimate, chart and notes are the campaign page's.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::reports::view_prescribing_change::view_prescribing_change;
use crate::components::forms::{SelectField, SubmitButton, TextField};
use crate::pages::campaigns::change::{ChangeSection, WindowFields};
use crate::pages::outcome::page_or_problem;
use crate::wire::campaign_view::PrescribingChangeView;

#[component]
pub fn PrescribingChangePage() -> impl IntoView {
    let query = use_query_map();
    let wanted = move || query.with(|q| (q.get("region"), q.get("start"), q.get("months"), q.get("measure")));
    let change = Resource::new(wanted, |(region, start, months, measure)| {
        view_prescribing_change(region, start, months, measure)
    });
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                page_or_problem(change.await, |view| view! { <Change view /> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn Change(view: PrescribingChangeView) -> impl IntoView {
    let start = view.change.start.clone().unwrap_or_default();
    view! {
        <Title text="Did prescribing change where GPs took part?" />
        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-two-thirds">
                <a class="nhsuk-back-link" href="/reports">
                    "Back to reports"
                </a>
                <span class="nhsuk-caption-l">{view.region_name.clone()}</span>
                <h1>"Did prescribing change where GPs took part?"</h1>
                <p>
                    "The practices where at least one GP had completed a module by the end of the start month, \
                     against the region's other practices: each practice's change from the months before the start \
                     to the months after, and the difference between the two groups. For a campaign's own \
                     practices, see the campaign's page."
                </p>
                <form method="get" action="/reports/prescribing-change">
                    <SelectField
                        name="region"
                        label="Region"
                        choices=view.regions.clone()
                        selected=view.region.clone()
                    />
                    <TextField
                        name="start"
                        label="Start month"
                        hint="Like 2026-03"
                        width="nhsuk-input--width-10"
                        value=start
                    />
                    <WindowFields months=view.change.months measure=view.change.measure.clone() />
                    <SubmitButton text="Show" secondary=true />
                </form>
                <ChangeSection
                    change=view.change
                    group="practices where a GP had completed a module"
                    others="the region's other practices"
                />
            </div>
        </div>
    }
}
