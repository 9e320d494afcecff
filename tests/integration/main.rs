//! Integration tests: the whole application over HTTP, each test on SQLite and on PostgreSQL.

mod accounts;
mod admin;
mod authoring;
mod authorisation;
mod csrf;
mod curriculum;
mod error_pages;
mod evidence;
mod generate;
mod health;
mod learning;
mod logs;
mod pages;
mod prescribing;
mod privacy;
mod process;
mod reports;
mod request_id;
mod scale_out;
mod schema;
mod sessions;
mod stored_xss;
mod throttling;
