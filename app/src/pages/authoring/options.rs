//! The rows of options on the item and node forms: each row's fields named `options[<row>][<field>]`
//! so the server reads them as a list; rows left empty are ignored. The row fields also serve other
//! lists of rows (a node's passages).

use leptos::prelude::*;

use crate::components::forms::{TextArea, TextField, message, value_or};
use crate::domain::authoring::edit_case::OptionRow;
use crate::domain::curriculum::case::Rating;
use crate::error::AppError;

/// The hint listing the theme codes an author may use.
pub fn theme_codes_hint() -> &'static str {
    "Theme codes separated by commas: changing-context, gp-role, deserving-patient, patient-expectations, \
     attitudes-to-alternatives, starting-vs-withdrawing, ambivalence-rules, r1-education, r2-shared-care, \
     r3-attitudes-to-alternatives, r4-access-to-alternatives."
}

/// A text input named for a row of `list` (`options[<row>][<field>]`, which is also its id, so the
/// error summary's link lands on it), its value and error taken from a refused submission.
#[component]
pub(super) fn RowField(
    row: usize,
    field: &'static str,
    label: &'static str,
    value: String,
    error: Option<AppError>,
    #[prop(default = "options")] list: &'static str,
) -> impl IntoView {
    let name = format!("{list}[{row}][{field}]");
    let (value, problem) = (value_or(&error, &name, &value), message(&error, &name));
    view! { <TextField name label value error=problem /> }
}

/// A Markdown area for a row of `list` (an option's feedback unless told otherwise).
#[component]
pub(super) fn RowText(
    row: usize,
    value: String,
    error: Option<AppError>,
    #[prop(default = "options")] list: &'static str,
    #[prop(default = "feedback")] field: &'static str,
    #[prop(default = "Feedback (Markdown): why this option is right or wrong")] label: &'static str,
) -> impl IntoView {
    let name = format!("{list}[{row}][{field}]");
    let (value, problem) = (value_or(&error, &name, &value), message(&error, &name));
    view! { <TextArea name label value error=problem rows=3 /> }
}

/// Option rows for a knowledge item: text and feedback, and one radio for the correct answer.
#[component]
pub fn ItemOptionRows(rows: Vec<OptionRow>, correct: String, error: Option<AppError>) -> impl IntoView {
    let correct = value_or(&error, "correct", &correct);
    let correct_error = message(&error, "correct");
    let rows = rows
        .into_iter()
        .enumerate()
        .map(|(row, o)| {
            let radio = if row == 0 { "correct".to_owned() } else { format!("correct-{row}") };
            view! {
                <fieldset class="nhsuk-fieldset casebook-option-row">
                    <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
                        {format!("Option {}", row + 1)}
                    </legend>
                    <RowField row field="text" label="Text" value=o.text error=error.clone() />
                    <RowText row value=o.feedback error=error.clone() />
                    <div class="nhsuk-radios__item">
                        <input
                            class="nhsuk-radios__input"
                            id=radio.clone()
                            name="correct"
                            type="radio"
                            value=row
                            checked=correct == row.to_string()
                        />
                        <label class="nhsuk-label nhsuk-radios__label" for=radio>
                            "This is the correct answer"
                        </label>
                    </div>
                </fieldset>
            }
        })
        .collect_view();
    view! {
        <h2>"Options"</h2>
        <p>"Write 4 or 5 options; leave the rest empty."</p>
        {correct_error
            .map(|m| {
                view! {
                    <span class="nhsuk-error-message">
                        <span class="nhsuk-u-visually-hidden">"Error: "</span>
                        {m}
                    </span>
                }
            })}
        <div class="nhsuk-radios">{rows}</div>
    }
}

/// Option rows for a decision: text, rating, feedback, themes, references and the next node.
#[component]
pub fn DecisionOptionRows(rows: Vec<OptionRow>, error: Option<AppError>) -> impl IntoView {
    let rows = rows
        .into_iter()
        .enumerate()
        .map(|(row, o)| {
            let name = format!("options[{row}][rating]");
            let rating = value_or(&error, &name, &o.rating);
            let problem = message(&error, &name);
            let group = if problem.is_some() {
                "nhsuk-form-group nhsuk-form-group--error"
            } else {
                "nhsuk-form-group"
            };
            let id = name.clone();
            let choices = Rating::ALL
                .iter()
                .map(|r| {
                    view! {
                        <option value=r.code() selected=rating == r.code()>
                            {r.label()}
                        </option>
                    }
                })
                .collect_view();
            view! {
                <fieldset class="nhsuk-fieldset casebook-option-row">
                    <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
                        {format!("Option {}", row + 1)}
                    </legend>
                    <RowField row field="text" label="Text" value=o.text error=error.clone() />
                    <div class=group>
                        <label class="nhsuk-label" for=id.clone()>
                            "Rating"
                        </label>
                        {problem
                            .map(|m| {
                                view! {
                                    <span class="nhsuk-error-message">
                                        <span class="nhsuk-u-visually-hidden">"Error: "</span>
                                        {m}
                                    </span>
                                }
                            })}
                        <select class="nhsuk-select" id=id name=name>
                            <option value="">"Choose a rating"</option>
                            {choices}
                        </select>
                    </div>
                    <RowText row value=o.feedback error=error.clone() />
                    <RowField
                        row
                        field="themes"
                        label="Themes (codes, separated by commas)"
                        value=o.themes
                        error=error.clone()
                    />
                    <RowField
                        row
                        field="references"
                        label="References (keys, separated by commas)"
                        value=o.references
                        error=error.clone()
                    />
                    <RowField
                        row
                        field="next"
                        label="Leads to (the key of the next node)"
                        value=o.next
                        error=error.clone()
                    />
                </fieldset>
            }
        })
        .collect_view();
    view! {
        <h2>"Options"</h2>
        <p>"Write 2 to 5 options; leave the rest empty. " {theme_codes_hint()}</p>
        {rows}
    }
}
