//! The fields of a learner's account that registration, accepting an invitation and the account
//! page all ask for, so that the three forms ask the same way.

use leptos::prelude::*;

use crate::components::forms::{ChoiceField, TextField, message, value_or};
use crate::domain::career_stage::career_stage_choices;
use crate::error::AppError;

/// The optional GMC number, showing `current` unless the last attempt at the form sent another.
#[component]
pub fn GmcNumberField(error: Option<AppError>, #[prop(into)] current: String) -> impl IntoView {
    view! {
        <TextField
            name="gmc_number"
            label="GMC number (optional)"
            inputmode="numeric"
            width="nhsuk-input--width-10"
            hint="7 digits"
            value=value_or(&error, "gmc_number", &current)
            error=message(&error, "gmc_number")
        />
    }
}

/// The learner's career stage, which places them in their region's reports; `stage` is the
/// current choice.
#[component]
pub fn CareerStageField(error: Option<AppError>, #[prop(into)] stage: String) -> impl IntoView {
    view! {
        <ChoiceField
            name="career_stage"
            legend="Your career stage"
            choices=career_stage_choices()
            chosen=vec![value_or(&error, "career_stage", &stage)]
            error=message(&error, "career_stage")
        />
    }
}
