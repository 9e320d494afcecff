//! How good a decision was, as an NHS.UK tag whose colour and words agree (colour is never the only
//! signal).

use leptos::prelude::*;

use crate::domain::curriculum::case::Rating;

#[component]
pub fn RatingTag(rating: Rating) -> impl IntoView {
    let colour = match rating {
        Rating::Best => "green",
        Rating::Acceptable => "blue",
        Rating::Poor => "orange",
        Rating::Unsafe => "red",
    };
    view! { <strong class=format!("nhsuk-tag nhsuk-tag--{colour}")>{rating.label()}</strong> }
}
