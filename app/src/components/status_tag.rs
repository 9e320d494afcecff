//! A module version's status as an NHS.UK tag, in words as well as colour.

use leptos::prelude::*;

use crate::domain::curriculum::module::VersionStatus;

#[component]
pub fn StatusTag(status: VersionStatus) -> impl IntoView {
    let colour = match status {
        VersionStatus::Draft => "grey",
        VersionStatus::InReview => "yellow",
        VersionStatus::Published => "green",
        VersionStatus::Retired => "white",
    };
    view! { <strong class=format!("nhsuk-tag nhsuk-tag--{colour}")>{status.label()}</strong> }
}
