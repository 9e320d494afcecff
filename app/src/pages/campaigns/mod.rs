//! The campaign pages, for deanery leads and admins: the list, the form that creates one, and a
//! campaign with its targets, funnel and whether prescribing changed.

pub mod campaign;
pub mod change;
pub mod list;
pub mod new;
