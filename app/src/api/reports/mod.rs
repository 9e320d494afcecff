//! The deanery reports' server functions: each checks that the viewer oversees the region asked for.

pub mod import_prescribing;
pub mod prescribing_imports;
pub mod view_prescribing_change;
pub mod view_report;
