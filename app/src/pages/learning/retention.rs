//! Retention on the results and My learning: each theme before the cases, straight after and at each
//! booster, and how often 'very sure' answers were right at each of those times.

use leptos::prelude::*;

use crate::components::table::Table;
use crate::domain::learning::retention::{Retention, Share, StageCalibration};

fn share_text(share: Option<Share>) -> String {
    share.map_or_else(|| "Not asked".into(), |s| format!("{} of {} ({}%)", s.right, s.asked, s.percent()))
}

/// The retention tables, under `heading`; nothing until a booster has been answered.
#[component]
pub fn RetentionShown(retention: Retention, #[prop(into)] heading: String) -> impl IntoView {
    retention.has_follow_ups().then(|| {
        let headers = retention
            .stages
            .iter()
            .map(|stage| view! {
                <th scope="col" class="nhsuk-table__header nhsuk-table__header--numeric">
                    {stage.clone()}
                </th>
            })
            .collect_view();
        let rows = retention
            .themes
            .into_iter()
            .map(|theme| {
                let cells = theme
                    .cells
                    .into_iter()
                    .map(|cell| view! { <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{share_text(cell)}</td> })
                    .collect_view();
                view! {
                    <tr class="nhsuk-table__row">
                        <th scope="row" class="nhsuk-table__header">
                            {theme.title}
                        </th>
                        {cells}
                    </tr>
                }
            })
            .collect_view();
        view! {
            <h2 id="retention">{heading}</h2>
            <p>
                "Answers right on each theme before the cases, straight after, and at each booster since. A booster \
                 asks a few questions, chosen from those you found hardest, so some themes are not asked every time."
            </p>
            <div class="casebook-table-scroll">
                <table class="nhsuk-table casebook-retention">
                    <caption class="nhsuk-table__caption nhsuk-u-visually-hidden">
                        "Answers right by theme over time"
                    </caption>
                    <thead class="nhsuk-table__head">
                        <tr class="nhsuk-table__row">
                            <th scope="col" class="nhsuk-table__header">
                                "Theme"
                            </th>
                            {headers}
                        </tr>
                    </thead>
                    <tbody class="nhsuk-table__body">{rows}</tbody>
                </table>
            </div>
            <Calibration stages=retention.calibration />
        }
    })
}

/// How often 'very sure' was right at each stage: over 80% is when it pays.
#[component]
fn Calibration(stages: Vec<StageCalibration>) -> impl IntoView {
    let rows = stages
        .into_iter()
        .map(|stage| {
            let verdict = match stage.very_sure_calibrated {
                None => "You were not very sure of any answer",
                Some(true) => "About right",
                Some(false) => "Too sure: right less than 80% of the time",
            };
            view! {
                <tr class="nhsuk-table__row">
                    <th scope="row" class="nhsuk-table__header">
                        {stage.stage}
                    </th>
                    <td class="nhsuk-table__cell nhsuk-table__cell--numeric">
                        {share_text(Some(stage.all))}
                    </td>
                    <td class="nhsuk-table__cell nhsuk-table__cell--numeric">
                        {share_text((stage.very_sure.asked > 0).then_some(stage.very_sure))}
                    </td>
                    <td class="nhsuk-table__cell">{verdict}</td>
                </tr>
            }
        })
        .collect_view();
    let headers = vec![
        ("When", false),
        ("All answers right", true),
        ("'Very sure' answers right", true),
        ("Calibration", false),
    ];
    view! {
        <Table caption="Your certainty over time" headers>
            {rows}
        </Table>
    }
}
