//! The deanery reports' server functions: each checks that the viewer oversees the region asked for.

pub mod view_report;
