//! The curriculum: the review's themes, modules and their versions, knowledge items, attitude
//! statements, branching cases and reflection prompts. These types are what a module file describes
//! and what learners and trainers see; `validate` holds the rules every version must meet.

pub mod case;
pub mod item;
pub mod item_writing;
pub mod module;
pub mod pair;
pub mod theme;
pub mod validate;
