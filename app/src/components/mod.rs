//! Reusable pieces of NHS.UK design-system markup, rendered by Leptos.

pub mod bar_chart;
pub mod chart_frame;
pub mod client_assets;
pub mod form_page;
pub mod forms;
#[cfg(feature = "hydrate")]
pub mod hydration;
pub mod layout;
pub mod learner_fields;
pub mod line_chart;
pub mod measure_select;
pub mod module_import;
pub mod pagination;
pub mod practice_chooser;
pub mod rating_tag;
pub mod references;
pub mod status_tag;
pub mod summary_list;
pub mod table;
pub mod tabs;
