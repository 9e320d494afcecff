//! The state every request handler and server function can reach.

use std::ops::Deref;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;

use crate::components::client_assets::ClientAssets;
use crate::ssr::auth::password::PasswordHasher;
use crate::ssr::clock::Clock;
use crate::ssr::db::Db;
use crate::ssr::mail::Mailer;

/// The application state, shared by every request handler behind one `Arc`: each extractor and
/// context lookup clones it (about 210 times a page), and one counter is cheaper than one per field.
#[derive(Clone, Debug)]
pub struct AppState(Arc<Services>);

impl AppState {
    pub fn new(services: Services) -> AppState {
        AppState(Arc::new(services))
    }
}

impl Deref for AppState {
    type Target = Services;

    fn deref(&self) -> &Services {
        &self.0
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> LeptosOptions {
        state.leptos_options.clone()
    }
}

impl FromRef<AppState> for Db {
    fn from_ref(state: &AppState) -> Db {
        state.db.clone()
    }
}

/// What the application's handlers share.
#[derive(Debug)]
pub struct Services {
    pub leptos_options: LeptosOptions,
    /// This release's built stylesheet, scripts and WebAssembly client.
    pub client_assets: ClientAssets,
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
