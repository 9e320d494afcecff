//! Builds the application from its settings and runs it until a shutdown signal, so that `main` and
//! the integration tests start it the same way (tests on port 0, one per test).

use std::future::Future;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use anyhow::Context;
use axum::Router;
use axum::routing::get;
use axum_login::AuthManagerLayerBuilder;
use leptos::prelude::provide_context;
use leptos_axum::{AxumRouteListing, LeptosRoutes, generate_route_list};
use tokio::net::TcpListener;
use tower_http::CompressionLevel;
use tower_http::compression::CompressionLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

use app::ssr::auth::backend::Backend;
use app::ssr::auth::password::PasswordHasher;
use app::ssr::auth::session_store::DbSessionStore;
use app::ssr::clock::Clock;
use app::ssr::db::{Db, Engine};
use app::ssr::jobs::JobPace;
use app::ssr::mail::Mailer;
use app::ssr::state::{AppState, Services, Site};
use app::{App, shell};

use crate::config::{Environment, Settings};
use crate::middleware::security_headers::ServedOverHttps;
use crate::middleware::{self, AllowedOrigin, TrustForwardedFor};
use crate::routes;

/// How often expired sessions are swept from the database.
const SESSION_SWEEP: Duration = Duration::from_secs(600);

/// A bound, ready-to-run server.
pub struct Application {
    listener: TcpListener,
    router: Router,
    state: AppState,
    jobs: JobPace,
}

impl Application {
    /// Connects to the database, applies migrations (unless told not to), adds demo data where
    /// appropriate, and binds the address.
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
        let public_url = match &settings.public_url {
            Some(url) => url.clone(),
            None => format!("http://{}", listener.local_addr()?),
        };
        let state = app_state(&settings, &public_url, db)?;
        if settings.environment == Environment::Development
            && state.db.engine() == Engine::Sqlite
            && settings.migrate_on_start
        {
            first_run(&state, settings.demo_population).await?;
        }
        let router = router(state.clone(), &settings);
        let jobs = JobPace { poll: settings.job_poll, retry: settings.job_retry };
        Ok(Application { listener, router, state, jobs })
    }

    /// The port actually bound (useful when the settings asked for port 0).
    pub fn port(&self) -> u16 {
        self.listener.local_addr().map(|a| a.port()).unwrap_or_default()
    }

    /// The shared state, so tests can reach the database and move the clock.
    pub fn state(&self) -> AppState {
        self.state.clone()
    }

    /// Serves until SIGINT or SIGTERM, then finishes in-flight requests and closes the database.
    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        let stop = shutdown_signal()?;
        self.run_until(stop).await
    }

    /// Serves until `stop` completes, then drains in-flight requests.
    pub async fn run_until(self, stop: impl Future<Output = ()> + Send + 'static) -> anyhow::Result<()> {
        tracing::info!(address = %self.listener.local_addr()?, "serving Casebook");
        let sweeper = tokio::spawn(
            DbSessionStore::new(
                self.state.db.clone(),
                self.state.clock.clone(),
                self.state.site.idle_timeout,
            )
            .sweep_expired_forever(SESSION_SWEEP),
        );
        let worker = tokio::spawn(app::ssr::jobs::run_forever(self.state.clone(), self.jobs));
        crate::serve::serve(self.listener, self.router, stop).await;
        worker.abort();
        sweeper.abort();
        self.state.db.close().await;
        tracing::info!("stopped");
        Ok(())
    }
}

/// The embedded default's first run: demo accounts, the first curriculum, published, and (unless
/// asked not to) a population for the demo leads' dashboards.
async fn first_run(state: &AppState, population: bool) -> anyhow::Result<()> {
    let seeded =
        app::ssr::demo::seed_if_empty(state).await.map_err(|e| anyhow::anyhow!("adding demo data: {e}"))?;
    if seeded {
        tracing::info!("demo organisations and accounts created (see README)");
    }
    let loaded = app::ssr::curriculum::load_first_curriculum_if_empty(&state.db, state.clock.now_ms())
        .await
        .map_err(|e| anyhow::anyhow!("loading the first curriculum: {e:?}"))?;
    if loaded > 0 {
        tracing::info!(modules = loaded, "first curriculum loaded");
    }
    if seeded && population {
        let started = std::time::Instant::now();
        let hash =
            app::ssr::demo::demo_password_hash(&state.hasher).await.map_err(|e| anyhow::anyhow!("{e}"))?;
        let made = app::ssr::generate::demo::populate_demo(&state.db, &hash, state.clock.now_ms())
            .await
            .map_err(|e| anyhow::anyhow!("generating the demo population: {e}"))?;
        let seconds = started.elapsed().as_secs_f64();
        tracing::info!(
            learners = made.learners,
            attempts = made.attempts,
            seconds,
            "demo population generated"
        );
    }
    Ok(())
}

fn app_state(settings: &Settings, public_url: &str, db: Db) -> anyhow::Result<AppState> {
    let cores = std::thread::available_parallelism().map(usize::from).unwrap_or(1);
    let hasher =
        PasswordHasher::new(cores).map_err(|e| anyhow::anyhow!("preparing password hashing: {e}"))?;
    let mailer = match &settings.smtp_url {
        Some(url) => Mailer::smtp(url, &settings.mail_from)?,
        None => Mailer::outbox(settings.outbox_dir.clone(), &settings.mail_from)?,
    };
    let leptos_options = settings.leptos_options();
    let client_assets = app::ssr::client_assets::load(&leptos_options)?;
    Ok(AppState::new(Services {
        leptos_options,
        client_assets,
        db,
        clock: Clock::default(),
        hasher,
        mailer,
        site: Site {
            public_url: Arc::from(public_url),
            idle_timeout: settings.session_idle,
            absolute_timeout: settings.session_absolute,
        },
    }))
}

/// The pages' routes, found once per process by rendering the app. Generating them sets a
/// process-wide flag that stalls any page rendering meanwhile (leptos-rs/leptos#4773), so it must
/// never run while another application in the process (a test's, say) is serving.
pub fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// Every route: the health probes and static files outside sessions; the downloads, the Leptos
/// pages and server functions (with the not-found page as the last resort) inside sessions,
/// sign-in and compression; all inside the security headers and the common middleware.
pub fn router(state: AppState, settings: &Settings) -> Router {
    let routes = Router::new()
        .route("/healthz", get(routes::health::alive))
        .route("/readyz", get(routes::health::ready))
        .route(
            "/reminders/{token}/one-click",
            get(routes::one_click_unsubscribe::show_page).post(routes::one_click_unsubscribe::unsubscribe),
        )
        .merge(test_clock(settings))
        .merge(routes::assets::router(&state.leptos_options.site_root))
        .merge(pages(&state, settings))
        .layer(axum::middleware::from_fn_with_state(
            ServedOverHttps(state.site.public_url.starts_with("https://")),
            middleware::security_headers::add_security_headers,
        ))
        .with_state(state);
    middleware::apply(routes)
}

/// The test clock's route, when the settings allow it (never in production).
fn test_clock(settings: &Settings) -> Router<AppState> {
    let router = Router::new();
    if settings.test_clock {
        tracing::warn!("TEST_CLOCK is on: POST /test/clock moves this server's clock forward");
        return router.route("/test/clock", axum::routing::post(routes::test_clock::advance_clock));
    }
    router
}

/// Brotli quality 4 (and gzip level 4) compresses a page in well under a millisecond, to within a
/// few per cent of the best levels; those are kept for the built files, compressed once at build.
const PAGE_COMPRESSION: CompressionLevel = CompressionLevel::Precise(4);

/// The downloads, pages and server functions, with what a person's requests need: sessions and
/// sign-in, the request limits and the cross-site check, compressed when the browser accepts it.
fn pages(state: &AppState, settings: &Settings) -> Router<AppState> {
    use app::ssr::evidence::downloads;
    let context_state = state.clone();
    let assets = state.client_assets.clone();
    let fallback_assets = assets.clone();
    let pages = Router::new()
        .route("/account/my-data", get(app::ssr::my_data::download_my_data))
        .route("/author/modules/{slug}/export", get(app::ssr::module_export::download_module))
        .route("/attempts/{id}/certificate.pdf", get(downloads::download_certificate))
        .route("/me/cpd-log.csv", get(downloads::download_cpd_csv))
        .route("/me/cpd-log.pdf", get(downloads::download_cpd_pdf))
        .route("/me/xapi-statements.json", get(downloads::download_my_statements))
        .route("/admin/xapi-statements.json", get(downloads::download_all_statements))
        .route("/reports/{file}", get(app::ssr::reports::download_table))
        .route("/campaigns/{id}/funnel.csv", get(app::ssr::campaigns::download::download_funnel))
        .leptos_routes_with_context(
            state,
            route_list(),
            move || provide_context(context_state.clone()),
            move || shell(assets.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(move |_| shell(fallback_assets.clone())))
        .layer(axum::middleware::from_fn(middleware::form_errors::move_form_errors_to_session))
        .layer(axum::middleware::from_fn(middleware::api_errors::set_error_status))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            app::ssr::auth::timeouts::end_sessions_past_their_limit,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            app::ssr::auth::timeouts::extend_idle_expiry,
        ))
        .layer(axum::middleware::from_fn(middleware::server_timing::mark_session_loaded))
        .layer(auth_layer(state, settings))
        .layer(axum::middleware::from_fn_with_state(
            state.db.clone(),
            middleware::session_failures::explain_session_failures,
        ))
        .layer(axum::middleware::from_fn_with_state(
            TrustForwardedFor(settings.trust_forwarded_for),
            middleware::client_address::note_client_address,
        ))
        .layer(axum::middleware::from_fn(middleware::nul_characters::refuse_nul_characters))
        .layer(axum::middleware::from_fn(middleware::limits::limit_request_body))
        .layer(axum::middleware::from_fn_with_state(
            AllowedOrigin(state.site.public_url.to_string()),
            middleware::origin::refuse_cross_site,
        ))
        .layer(CompressionLayer::new().quality(PAGE_COMPRESSION));
    if settings.server_timing {
        pages.layer(axum::middleware::from_fn(middleware::server_timing::time_response))
    } else {
        pages
    }
}

/// Sessions in the database (HttpOnly, SameSite=Lax, Secure and `__Host-` over HTTPS, ending after
/// the idle timeout), and axum-login on top. A session is saved only when a request changes it;
/// activity pushes its expiry forward at most once a minute (`timeouts::extend_idle_expiry`).
fn auth_layer(
    state: &AppState,
    settings: &Settings,
) -> axum_login::AuthManagerLayer<Backend, DbSessionStore> {
    let store = DbSessionStore::new(state.db.clone(), state.clock.clone(), settings.session_idle);
    let idle = time::Duration::try_from(settings.session_idle).unwrap_or(time::Duration::minutes(30));
    let name = if settings.secure_cookies { "__Host-casebook" } else { "casebook" };
    let sessions = SessionManagerLayer::new(store)
        .with_name(name)
        .with_secure(settings.secure_cookies)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(idle));
    AuthManagerLayerBuilder::new(Backend::new(state.db.clone(), state.hasher.clone()), sessions).build()
}

/// Listens for SIGINT and SIGTERM. The handlers are installed when this is called, before the
/// server says it is serving, so a signal that arrives early is never missed (or fatal).
fn shutdown_signal() -> anyhow::Result<impl Future<Output = ()> + Send + 'static> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut interrupt = signal(SignalKind::interrupt()).context("listening for SIGINT")?;
    let mut terminate = signal(SignalKind::terminate()).context("listening for SIGTERM")?;
    Ok(async move {
        tokio::select! {
            _ = interrupt.recv() => tracing::info!("SIGINT received: finishing in-flight requests"),
            _ = terminate.recv() => tracing::info!("SIGTERM received: finishing in-flight requests"),
        }
    })
}
