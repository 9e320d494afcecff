//! The learner's journey: the module catalogue, a module's page, the player's steps and answers,
//! an attempt's results, and the learner's knowledge profile.

pub mod answer_booster;
pub mod answer_step;
pub mod list_modules;
pub mod report_practice;
pub mod start_module;
pub mod view_follow_up;
pub mod view_module;
pub mod view_my_learning;
pub mod view_results;
pub mod view_step;
