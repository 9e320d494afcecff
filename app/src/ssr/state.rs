//! The state every request handler and server function can reach.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;

use crate::ssr::auth::password::PasswordHasher;
use crate::ssr::clock::Clock;
use crate::ssr::db::Db;
use crate::ssr::mail::Mailer;

/// Shared, cheaply cloned application state.
#[derive(Clone, Debug, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub clock: Clock,
    pub hasher: PasswordHasher,
    pub mailer: Mailer,
    pub site: Site,
}

/// Facts about this deployment that pages and emails need.
#[derive(Clone, Debug)]
pub struct Site {
    /// The address people use to reach Casebook, for links in emails (no trailing slash).
    pub public_url: Arc<str>,
    /// A session ends after this long without a request.
    pub idle_timeout: Duration,
    /// A session ends this long after sign-in, however active.
    pub absolute_timeout: Duration,
}

impl Site {
    /// An absolute link to a path on this site.
    pub fn link(&self, path_and_query: &str) -> String {
        format!("{}{path_and_query}", self.public_url)
    }
}
