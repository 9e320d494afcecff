//! Integration tests: the whole application over HTTP, each test on SQLite and on PostgreSQL.

mod error_pages;
mod health;
mod pages;
mod process;
mod request_id;
