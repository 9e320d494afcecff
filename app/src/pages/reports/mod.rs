//! The deanery reports (`/reports`): uptake, learning by theme and practices for a region and a
//! date range, every figure disclosure-controlled, each table downloadable as CSV.

pub mod dashboard;
