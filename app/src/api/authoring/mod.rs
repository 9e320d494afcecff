//! The authoring studio's server functions: trainers (and admins) write, review, publish and
//! analyse modules. Each checks the role, then the workflow's rules for the version it acts on.

pub mod add_case;
pub mod compare_versions;
pub mod create_module;
pub mod move_version;
pub mod preview;
pub mod render_markdown;
pub mod save_details;
pub mod save_item;
pub mod save_lists;
pub mod save_node;
pub mod view_analysis;
pub mod view_studio;
pub mod view_version;
