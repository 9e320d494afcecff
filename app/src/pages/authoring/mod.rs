//! The authoring studio (`/author`): trainers write modules in plain forms, see each case as a map,
//! send versions for clinical sign-off, publish, compare versions and analyse how items perform.

pub mod analysis;
mod case_map;
pub mod compare;
mod contents;
pub mod details;
mod editor;
pub mod item;
pub mod lists;
mod markdown_preview;
pub mod new_case;
pub mod new_module;
pub mod node;
mod options;
mod passages;
pub mod preview;
pub mod studio;
pub mod version;
mod workflow;
