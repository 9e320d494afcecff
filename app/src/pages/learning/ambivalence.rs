//! The results' ambivalence section: how favourable and how unfavourable the learner found
//! benzodiazepines, each considered alone, before and after the cases, and what the two make
//! together (see `domain::learning::ambivalence`).

use leptos::prelude::*;

use crate::components::table::Table;
use crate::domain::learning::ambivalence::{AmbivalenceChange, EVALUATION_LABELS, Evaluations};

#[component]
pub fn Ambivalence(change: Option<AmbivalenceChange>) -> impl IntoView {
    change.map(|change| {
        let label = |value: Option<i64>| {
            value.and_then(|v| EVALUATION_LABELS.get(usize::try_from(v).ok()?)).copied().unwrap_or("No answer")
        };
        let index = |e: Option<Evaluations>| e.map_or_else(|| "No answer".to_owned(), |e| signed(e.index()));
        let (before, after) = (change.before, change.after);
        let row = |heading: &'static str, first: String, second: String| {
            view! {
                <tr class="nhsuk-table__row">
                    <th scope="row" class="nhsuk-table__header">
                        {heading}
                    </th>
                    <td class="nhsuk-table__cell">{first}</td>
                    <td class="nhsuk-table__cell">{second}</td>
                </tr>
            }
        };
        view! {
            <h2 id="mixed-feelings">"Mixed feelings"</h2>
            <p>
                "You rated how favourable and how unfavourable you find benzodiazepines and Z-drugs, each considered \
                 alone. Many GPs in the review held both views strongly at once. The two together give an index \
                 of mixed feelings (Thompson, Zanna and Griffin, 1995) from −2, wholly one-sided, to 4, both \
                 views as strong as they can be; 0 can mean indifference or one view well ahead of the other."
            </p>
            <Table
                caption="How you saw benzodiazepines, before and after the cases"
                headers=vec![("", false), ("Before", false), ("After", false)]
            >
                {row(
                    "Favourable, considered alone",
                    label(before.map(|e| e.positive)).to_owned(),
                    label(after.map(|e| e.positive)).to_owned(),
                )}
                {row(
                    "Unfavourable, considered alone",
                    label(before.map(|e| e.negative)).to_owned(),
                    label(after.map(|e| e.negative)).to_owned(),
                )}
                {row("Mixed feelings (−2 to 4)", index(before), index(after))}
            </Table>
            <p>{summary(before, after)}</p>
        }
    })
}

/// What changed, in a sentence.
fn summary(before: Option<Evaluations>, after: Option<Evaluations>) -> &'static str {
    match (before, after) {
        (Some(b), Some(a)) if a.index() > b.index() => {
            "Your feelings were more mixed after the cases. That is common when a case shows both the harm of \
             continuing and the difficulty of stopping; the review found ambivalence behind inconsistent decisions, \
             so it may help to settle your own rules with your practice."
        }
        (Some(b), Some(a)) if a.index() < b.index() => {
            "Your view was more settled, one way or the other, after the cases."
        }
        (Some(_), Some(_)) => "Your mixed feelings were the same before and after the cases.",
        _ => "You did not rate both questions before and after the cases, so no change can be shown.",
    }
}

fn signed(value: f64) -> String {
    if value > 0.0 { format!("+{value}") } else { format!("{value}").replace('-', "−") }
}
