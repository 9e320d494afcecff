//! The Casebook server: configuration, start-up, HTTP middleware and the routes that sit beside the
//! Leptos pages (health checks, static files).

pub mod backup;
pub mod cli;
pub mod config;
pub mod middleware;
pub mod routes;
pub mod serve;
pub mod startup;
pub mod telemetry;
