//! The results' section on matched pairs: for each pair of patients who differed in one respect,
//! what the learner chose for each, with the decisions that differed marked in words as well as
//! colour.

use leptos::prelude::*;

use crate::components::table::Table;
use crate::domain::learning::matched_pairs::PairCompared;

#[component]
pub fn MatchedPairs(pairs: Vec<PairCompared>) -> impl IntoView {
    (!pairs.is_empty()).then(|| {
        let differed = pairs.iter().filter(|p| !p.consistent()).count();
        let summary = match differed {
            0 => format!("You made the same decisions for both patients in all {} pairs.", pairs.len()),
            n => format!("Your decisions differed between the two patients in {n} of {} pairs.", pairs.len()),
        };
        let sections = pairs.into_iter().map(|pair| view! { <Pair pair /> }).collect_view();
        view! {
            <h2 id="matched-pairs">"Matched patients"</h2>
            <p>
                "Some patients in this module came in pairs: the same story, with one thing changed. \
                 Whether deciding differently was right depends on that difference. The review behind \
                 this module found doctors applying their own rules differently to patients they judged \
                 more or less deserving."
            </p>
            <p class="nhsuk-body-l">{summary}</p>
            {sections}
        }
    })
}

#[component]
fn Pair(pair: PairCompared) -> impl IntoView {
    let caption = format!("Your decisions for {} (first) and {} (second)", pair.first, pair.second);
    let rows = pair
        .decisions
        .into_iter()
        .map(|d| {
            let (tag, word) = if d.same {
                ("nhsuk-tag nhsuk-tag--green", "Same")
            } else {
                ("nhsuk-tag nhsuk-tag--orange", "Different")
            };
            view! {
                <tr class="nhsuk-table__row">
                    <th scope="row" class="nhsuk-table__header">
                        {d.question}
                    </th>
                    <td class="nhsuk-table__cell">{d.first}</td>
                    <td class="nhsuk-table__cell">{d.second}</td>
                    <td class="nhsuk-table__cell">
                        <strong class=tag>{word}</strong>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h3>{format!("{} and {}", pair.first, pair.second)}</h3>
        <p>"What differed between them: " {pair.differs}</p>
        <Table
            caption
            headers=vec![
                ("Decision", false),
                ("First patient", false),
                ("Second patient", false),
                ("Same or different", false),
            ]
        >
            {rows}
        </Table>
    }
}
