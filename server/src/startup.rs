//! Builds the application from its settings and runs it until a shutdown signal, so that `main` and
//! the integration tests start it the same way (tests on port 0, one per test).

use std::future::Future;

use anyhow::Context;
use axum::Router;
use axum::routing::get;
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};
use tokio::net::TcpListener;

use app::ssr::{db::Db, state::AppState};
use app::{App, shell};

use crate::config::Settings;
use crate::{middleware, routes};

/// A bound, ready-to-run server.
pub struct Application {
    listener: TcpListener,
    router: Router,
    db: Db,
}

impl Application {
    /// Connects to the database, applies migrations (unless told not to) and binds the address.
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        let db = Db::connect(&settings.database_url, settings.database_max_connections)
            .await
            .context("opening the database named by DATABASE_URL")?;
        if settings.migrate_on_start {
            db.migrate().await.context("applying database migrations")?;
        }
        let listener = TcpListener::bind(settings.site_addr)
            .await
            .with_context(|| format!("binding {}", settings.site_addr))?;
        let state = AppState { leptos_options: settings.leptos_options(), db: db.clone() };
        Ok(Application { listener, router: router(state), db })
    }

    /// The port actually bound (useful when the settings asked for port 0).
    pub fn port(&self) -> u16 {
        self.listener.local_addr().map(|a| a.port()).unwrap_or_default()
    }

    /// The database handle, so tests can simulate an outage.
    pub fn db(&self) -> Db {
        self.db.clone()
    }

    /// Serves until SIGINT or SIGTERM, then finishes in-flight requests and closes the database.
    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        self.run_until(shutdown_signal()).await
    }

    /// Serves until `stop` completes, then drains in-flight requests.
    pub async fn run_until(self, stop: impl Future<Output = ()> + Send + 'static) -> anyhow::Result<()> {
        tracing::info!(address = %self.listener.local_addr()?, "serving Casebook");
        axum::serve(self.listener, self.router).with_graceful_shutdown(stop).await.context("serving HTTP")?;
        self.db.close().await;
        tracing::info!("stopped");
        Ok(())
    }
}

/// Every route: health probes, the Leptos pages and server functions, then static files (with the
/// not-found page as the last resort), all inside the common middleware.
pub fn router(state: AppState) -> Router {
    let leptos_options = state.leptos_options.clone();
    let context_state = state.clone();
    let routes = Router::new()
        .route("/healthz", get(routes::health::alive))
        .route("/readyz", get(routes::health::ready))
        .leptos_routes_with_context(
            &state,
            generate_route_list(App),
            move || provide_context(context_state.clone()),
            move || shell(leptos_options.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .with_state(state);
    middleware::apply(routes)
}

async fn shutdown_signal() {
    let interrupt = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        () = interrupt => tracing::info!("SIGINT received: finishing in-flight requests"),
        () = terminate => tracing::info!("SIGTERM received: finishing in-flight requests"),
    }
}
