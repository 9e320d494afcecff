//! The learner's journey: the module catalogue, a module's page, the player, an attempt's results
//! and "My learning" (knowledge profile, history and what to do next).

mod ambivalence;
pub mod catalogue;
pub(crate) mod commitments;
pub mod follow_up;
mod follow_up_list;
mod matched_pairs;
pub mod module;
pub mod my_learning;
pub mod player;
pub mod results;
mod retention;

use crate::domain::learning::attempt::AttemptStatus;
use leptos::prelude::*;

/// A learner's status at a module, as an NHS.UK tag.
#[component]
pub fn StatusTag(status: Option<AttemptStatus>) -> impl IntoView {
    let (colour, text) = match status {
        None => ("grey", "Not started"),
        Some(AttemptStatus::InProgress) => ("blue", "In progress"),
        Some(AttemptStatus::Completed) => ("green", "Completed"),
    };
    view! { <strong class=format!("nhsuk-tag nhsuk-tag--{colour}")>{text}</strong> }
}
