//! "Did prescribing change?": the difference-in-differences estimate in words, the monthly chart
//! of both groups with the start marked, the same figures as a table, the power note, and a plain
//! statement that this is observational.

use leptos::prelude::*;

use crate::components::forms::TextField;
use crate::components::line_chart::{LineChart, LinePoint};
use crate::components::measure_select::MeasureSelect;
use crate::components::table::Table;
use crate::domain::reports::prescribing::change::{DETECTABLE_SHARE, Estimate};
use crate::wire::campaign_view::ChangeView;

/// The window and measure an estimate uses, for its GET form.
#[component]
pub fn WindowFields(months: i32, #[prop(into)] measure: String) -> impl IntoView {
    view! {
        <TextField
            name="months"
            label="Months before and after the start"
            hint="From 1 to 24"
            width="nhsuk-input--width-4"
            inputmode="numeric"
            value=months.to_string()
        />
        <MeasureSelect chosen=measure />
    }
}

#[component]
pub fn ChangeSection(change: ChangeView, group: &'static str, others: &'static str) -> impl IntoView {
    let places = change.places;
    let label = change.measure_label.to_lowercase();
    let figure = move |v: Option<f64>| v.map_or_else(|| "*".to_owned(), |v| format!("{v:.places$}"));
    let statement = change.estimate.clone().map(|estimate| {
        view! { <EstimateText estimate label=label.clone() places group others /> }
    });
    let any_shown = change.chart.iter().any(|m| m.group.is_some() || m.others.is_some());
    let chart = any_shown.then(|| {
        let points: Vec<LinePoint> = change
            .chart
            .iter()
            .map(|m| LinePoint { label: m.month.clone(), offset: m.offset, values: [m.group, m.others] })
            .collect();
        let rows = change
            .chart
            .iter()
            .map(|m| {
                view! {
                    <tr class="nhsuk-table__row">
                        <td class="nhsuk-table__cell">{m.month.clone()}</td>
                        <td class="nhsuk-table__cell nhsuk-table__cell--numeric">
                            {if m.offset == 0 { "0".to_owned() } else { format!("{:+}", m.offset) }}
                        </td>
                        <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{figure(m.group)}</td>
                        <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{figure(m.others)}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <LineChart
                id="change-chart".to_owned()
                title=format!("{} by month, {group} and {others}", change.measure_label)
                description=format!(
                    "{} months, from {} months before the start to as many after. The start month is marked. \
                     A month's mean from fewer than 3 practices is not drawn. The same figures are in the table below.",
                    change.chart.len(),
                    change.months,
                )
                series=[capitalised(group), capitalised(others)]
                points
                places
            />
            <Table
                caption=format!("{} by month", change.measure_label)
                headers=vec![("Month", false), ("From the start", true), ("Group", true), ("Others", true)]
            >
                {rows}
            </Table>
        }
    });
    view! {
        {change.no_estimate.clone().map(|reason| view! { <p>{reason}</p> })}
        {statement}
        {chart}
        <div class="nhsuk-inset-text">
            <span class="nhsuk-u-visually-hidden">"Information: "</span>
            <p>
                "This is observational. The practices were not chosen at random, and prescribing changes for many \
                 reasons at once (guidance, shortages, the season, other local work). The comparison with the \
                 region's other practices takes out what changed everywhere, but not what changed only at these \
                 practices; a practice's own data cannot tell one from the other."
            </p>
        </div>
    }
}

#[component]
fn EstimateText(
    estimate: Estimate,
    label: String,
    places: usize,
    group: &'static str,
    others: &'static str,
) -> impl IntoView {
    let f = move |v: f64| signed(v, places);
    let plain = move |v: f64| format!("{v:.places$}");
    let relative =
        estimate.relative.map(|r| format!(", {} of the level before", percent(r))).unwrap_or_default();
    let power = match estimate.practices_for_a_tenth {
        Some(needed) => format!(
            "To detect a change of {:.0}% ({} {label}) with 80% power at the 5% level, about {needed} practices \
             would be needed in each group, given how much practices' changes varied here; there are {} in the \
             group and {} among the others.",
            DETECTABLE_SHARE * 100.0,
            plain(DETECTABLE_SHARE * estimate.group.before),
            estimate.group.practices,
            estimate.others.practices,
        ),
        None => "The practices' changes did not vary, so no power calculation can be made.".to_owned(),
    };
    view! {
        <p>
            {format!(
                "At {group} ({} practices), {label} went from {} to {}; at {others} ({} practices), from {} to {}.",
                estimate.group.practices,
                plain(estimate.group.before),
                plain(estimate.group.after),
                estimate.others.practices,
                plain(estimate.others.before),
                plain(estimate.others.after),
            )}
        </p>
        <p class="nhsuk-body-l">
            {format!(
                "Difference in differences: {} (95% confidence interval {} to {}){relative}.",
                f(estimate.effect),
                f(estimate.interval.0),
                f(estimate.interval.1),
            )}
        </p>
        <p>
            "Each practice's change is the mean of its months after the start less the mean of its months before \
             (the start month itself is left out); the interval comes from how much those changes vary between \
             practices, so months within a practice are not counted as independent."
        </p>
        <p>{power}</p>
    }
}

fn percent(share: f64) -> String {
    signed(share * 100.0, 1) + "%"
}

/// A figure with its sign, and a true minus sign.
fn signed(value: f64, places: usize) -> String {
    let text = format!("{:.places$}", value.abs());
    if text.chars().all(|c| c == '0' || c == '.') {
        text
    } else if value < 0.0 {
        format!("−{text}")
    } else {
        format!("+{text}")
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
