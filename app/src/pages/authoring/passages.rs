//! The rows of passages on the node form: text shown instead of the node's own after certain
//! earlier choices, so that where two paths meet the story still follows the one the learner took.
//! Each row's fields are named `passages[<row>][<field>]`; rows left empty are ignored.

use leptos::prelude::*;

use super::options::{RowField, RowText};
use crate::domain::authoring::edit_case::PassageRow;
use crate::error::AppError;

#[component]
pub fn PassageRows(rows: Vec<PassageRow>, error: Option<AppError>) -> impl IntoView {
    let rows = rows
        .into_iter()
        .enumerate()
        .map(|(row, p)| {
            view! {
                <fieldset class="nhsuk-fieldset casebook-option-row">
                    <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
                        {format!("Passage {}", row + 1)}
                    </legend>
                    <RowField
                        list="passages"
                        row
                        field="when"
                        label="Shown after any of these choices (decision:option, separated by commas)"
                        value=p.when
                        error=error.clone()
                    />
                    <RowText
                        list="passages"
                        row
                        field="body"
                        label="Text (Markdown) shown instead of the node's own"
                        value=p.body
                        error=error.clone()
                    />
                    <RowField
                        list="passages"
                        row
                        field="references"
                        label="References (keys, separated by commas)"
                        value=p.references
                        error=error.clone()
                    />
                </fieldset>
            }
        })
        .collect_view();
    view! {
        <h2>"Passages that follow earlier choices"</h2>
        <p>
            "Where different choices lead to this node, say what happened on each way here: the first \
             passage whose choices the learner made is shown instead of the text above. Name each choice \
             by its decision's key and its option's key, such as reframe:accept. Leave the rows empty when \
             the node reads the same whichever way the learner came."
        </p>
        {rows}
    }
}
