//! `/attempts/<id>`: the player, one step of a module per page.

mod page;
mod steps;

pub use page::PlayerPage;
pub use steps::{StepBody, certainty_choices, page_title};
