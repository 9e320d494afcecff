//! The learner's journey through a module: the steps and what each accepts, certainty-based
//! marking, the results of an attempt and the knowledge profile across attempts. Pure rules; the
//! server records answers (`ssr::db::attempts`) and the player shows steps (`pages::learning`).

pub mod ambivalence;
pub mod attempt;
pub mod booster;
pub mod commitment;
pub mod follow_up;
pub mod journey;
pub mod marking;
pub mod matched_pairs;
pub mod passages;
pub mod practice_report;
pub mod profile;
pub mod reminder_token;
pub mod results;
pub mod retention;
pub mod step;

#[cfg(test)]
pub(crate) mod fixture;
