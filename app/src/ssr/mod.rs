//! Server-only code: application state, authentication, email and the data layer. Never compiled
//! into the browser bundle.

pub mod account;
pub mod auth;
pub mod authoring;
pub mod campaigns;
pub mod client_assets;
pub mod clock;
pub mod curriculum;
pub mod db;
pub mod demo;
pub mod download;
pub mod evidence;
pub mod flash;
#[cfg(test)]
mod fuzz_regressions;
pub mod generate;
pub mod jobs;
pub mod learning;
pub mod mail;
pub mod markdown;
pub mod module_export;
pub mod module_file;
pub mod my_data;
pub mod ods;
pub mod prescribing;
pub mod reports;
pub mod request;
pub mod security;
pub mod state;
pub mod upload;
