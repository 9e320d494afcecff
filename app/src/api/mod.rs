//! Server functions: one per file, named by what it does. Each is thin: it finds who is asking and
//! checks they may (first), parses its arguments into domain types, calls the server-side layer, and
//! returns an `AppError` a page can show. Forms post to them directly, so they work without
//! JavaScript; on success they redirect, on failure the page shows the error.

pub mod account;
pub mod admin;
pub mod authoring;
pub mod campaigns;
pub mod evidence;
pub mod learning;
pub mod reports;
