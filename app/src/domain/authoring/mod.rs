//! Authoring: the workflow a module version follows from draft to retired, clinical review, editing
//! a draft, comparing versions, the case map, and how items and decisions perform with learners.

pub mod analysis;
pub mod case_map;
pub mod diff;
pub mod draft;
pub mod edit_case;
pub mod edit_lists;
pub mod edit_pairs;
pub mod review;
pub mod studio;
pub mod workflow;
