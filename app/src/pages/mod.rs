//! Every page, grouped by who uses it.

pub mod accessibility;
pub mod account;
pub mod admin;
pub mod authoring;
pub mod campaigns;
pub mod error_page;
pub mod evidence;
pub mod home;
pub mod learning;
pub mod loaded;
pub mod not_found;
pub mod outcome;
pub mod reports;
