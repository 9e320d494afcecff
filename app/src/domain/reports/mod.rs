//! The deanery reports: uptake, learning by theme and practices, built from exact counts and then
//! made safe to show (see [`disclosure`]). Every figure a report holds has already passed
//! disclosure control, so pages and exports cannot show anything else.

pub mod ambivalence;
pub mod build;
pub mod choices;
pub mod disclosure;
pub mod follow_ups;
pub mod pairs;
pub mod prescribing;
pub mod record;
pub mod region_totals;
pub mod report;
pub mod stats;
pub mod theme_scores;
pub mod uptake;
