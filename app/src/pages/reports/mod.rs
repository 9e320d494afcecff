//! The deanery reports (`/reports`): uptake, learning by theme and practices for a region and a
//! date range, every figure disclosure-controlled, each table downloadable as CSV; and the import
//! of practices' prescribing (`/reports/prescribing`) that the high-prescriber tables use.

pub mod change;
pub mod dashboard;
pub mod prescribing;
