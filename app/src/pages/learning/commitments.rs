//! Commitments to change: the player's optional fields for up to three (what, for which
//! patients, by when) beside the reflection, and the results' list of those written.

use leptos::prelude::*;

use crate::components::forms::{TextField, message, value_or};
use crate::domain::learning::commitment::{Commitment, MOST_COMMITMENTS, field_name};
use crate::domain::learning::practice_report::CommitmentReport;
use crate::domain::time::{format_uk_date, parse_uk_date_start};
use crate::error::AppError;

/// The fields of up to three commitments, with what was sent and each problem when the form came
/// back (`error`). Each field's id is its name, so the error summary links to it.
#[component]
pub fn CommitmentFields(error: Option<AppError>) -> impl IntoView {
    let change = |index: usize| {
        let name = |part: &str| field_name(index, part);
        view! {
            <fieldset class="nhsuk-fieldset nhsuk-u-margin-bottom-4">
                <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
                    {format!("Change {}", index + 1)}
                </legend>
                <TextField
                    name=name("what")
                    label="What will you do differently?"
                    value=value_or(&error, &name("what"), "")
                    error=message(&error, &name("what"))
                />
                <TextField
                    name=name("patients")
                    label="For which patients?"
                    value=value_or(&error, &name("patients"), "")
                    error=message(&error, &name("patients"))
                />
                <TextField
                    name=name("by")
                    label="By when?"
                    hint="A date, for example 2027-03-31"
                    input_type="date"
                    width="nhsuk-input--width-10"
                    value=value_or(&error, &name("by"), "")
                    error=message(&error, &name("by"))
                />
            </fieldset>
        }
    };
    view! {
        <h2 class="nhsuk-heading-m">"Changes you will make (optional)"</h2>
        <p>
            "Write up to three concrete changes to your practice: what, for which patients and by when. You will \
             be asked later what became of each; they go into your CPD record with your reflection."
        </p>
        {(0..MOST_COMMITMENTS).map(change).collect_view()}
    }
}

/// The changes committed to, on the results.
#[component]
pub fn CommitmentsShown(commitments: Vec<(Commitment, Option<CommitmentReport>)>) -> impl IntoView {
    (!commitments.is_empty()).then(|| {
        let items = commitments
            .into_iter()
            .map(|(c, report)| {
                let by = parse_uk_date_start(&c.by).map_or(c.by.clone(), format_uk_date);
                let outcome = report.map(|r| {
                    let happened = Some(r.what_happened).filter(|h| !h.is_empty());
                    let said = happened.map(|h| format!(": {h}")).unwrap_or_default();
                    format!(" At twelve weeks: {}{said}", r.outcome.described())
                });
                view! {
                    <li>
                        <strong>{c.what}</strong>
                        {format!(" For {}. By {by}.", c.patients)}
                        {outcome}
                    </li>
                }
            })
            .collect_view();
        view! {
            <h2 id="commitments">"Changes you committed to"</h2>
            <ul class="nhsuk-list nhsuk-list--bullet casebook-commitments">{items}</ul>
        }
    })
}
