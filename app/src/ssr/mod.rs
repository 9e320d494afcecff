//! Server-only code: application state and the data layer. Never compiled into the browser bundle.

pub mod db;
pub mod state;
