//! Helpers for the integration tests: the whole application, started on port 0 against a fresh
//! database of either engine, and a client that keeps cookies and does not follow redirects.

use std::path::PathBuf;

use anyhow::Context;
use app::ssr::db::Db;
pub use app::ssr::db::Engine;
use server::config::Settings;
use server::startup::Application;
use sqlx::{Connection, Executor};

/// Runs each named test once on SQLite and once on PostgreSQL, as `name::sqlite` and
/// `name::postgres`. Each test is an `async fn(Engine) -> anyhow::Result<()>`.
#[macro_export]
macro_rules! on_both_engines {
    ($($name:ident),+ $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() -> anyhow::Result<()> {
                super::$name($crate::Engine::Sqlite).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() -> anyhow::Result<()> {
                super::$name($crate::Engine::Postgres).await
            }
        }
    )+};
}

/// A running application and what a test needs to talk to it.
pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub db: Db,
    _database: TestDatabase,
}

impl TestApp {
    /// Starts the application on a fresh, migrated database.
    pub async fn spawn(engine: Engine) -> anyhow::Result<TestApp> {
        Self::spawn_with(engine, |_| {}).await
    }

    /// Starts the application on a fresh database, after `configure` adjusts the settings.
    pub async fn spawn_with(
        engine: Engine,
        configure: impl FnOnce(&mut Settings),
    ) -> anyhow::Result<TestApp> {
        let database = TestDatabase::create(engine).await?;
        let mut settings = Settings::from_lookup(|name| match name {
            "DATABASE_URL" => Some(database.url()),
            "LEPTOS_SITE_ADDR" => Some("127.0.0.1:0".to_owned()),
            "LEPTOS_SITE_ROOT" => Some(site_root()),
            _ => None,
        })?;
        configure(&mut settings);
        let application = Application::build(settings).await?;
        let address = format!("http://127.0.0.1:{}", application.port());
        let db = application.db();
        tokio::spawn(application.run_until(std::future::pending()));
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()?;
        Ok(TestApp { address, client, db, _database: database })
    }

    /// The absolute URL of a path on this application.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// A GET request to a path.
    pub async fn get(&self, path: &str) -> anyhow::Result<reqwest::Response> {
        Ok(self.client.get(self.url(path)).send().await?)
    }
}

/// The site the browser bundle is built into, so pages can link their stylesheet and scripts.
fn site_root() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/site").display().to_string()
}

/// The PostgreSQL server tests create their databases on.
fn postgres_admin_url() -> String {
    std::env::var("TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

/// A database that exists for one test and is removed when the test ends.
pub enum TestDatabase {
    Sqlite(tempfile::TempDir),
    Postgres { admin_url: String, name: String },
}

impl TestDatabase {
    /// Creates an empty database: a file in a temporary folder, or a new PostgreSQL database.
    pub async fn create(engine: Engine) -> anyhow::Result<Self> {
        sqlx::any::install_default_drivers();
        Ok(match engine {
            Engine::Sqlite => TestDatabase::Sqlite(tempfile::tempdir()?),
            Engine::Postgres => {
                let admin_url = postgres_admin_url();
                let name = format!("casebook_test_{}", uuid::Uuid::new_v4().simple());
                let mut admin = sqlx::AnyConnection::connect(&admin_url).await.with_context(|| {
                    format!("PostgreSQL must be reachable at {admin_url} (TEST_POSTGRES_URL)")
                })?;
                admin.execute(format!("CREATE DATABASE {name}").as_str()).await?;
                TestDatabase::Postgres { admin_url, name }
            }
        })
    }

    /// The URL the application connects to.
    pub fn url(&self) -> String {
        match self {
            TestDatabase::Sqlite(dir) => format!("sqlite://{}", dir.path().join("casebook.db").display()),
            TestDatabase::Postgres { admin_url, name } => match admin_url.rsplit_once('/') {
                Some((server, _)) => format!("{server}/{name}"),
                None => format!("{admin_url}/{name}"),
            },
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let TestDatabase::Postgres { admin_url, name } = self else { return };
        let statement = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        let admin_url = admin_url.clone();
        // Dropping needs the runtime the test runs on; tests use the multi-threaded runtime.
        tokio::task::block_in_place(|| {
            tokio::runtime::Handle::current().block_on(async move {
                if let Ok(mut admin) = sqlx::AnyConnection::connect(&admin_url).await {
                    let _ = admin.execute(statement.as_str()).await;
                }
            })
        });
    }
}

/// A parsed HTML page, so assertions do not depend on attribute order, whitespace or Leptos's
/// hydration markers.
pub struct Page(scraper::Html);

impl Page {
    pub fn parse(html: &str) -> Page {
        Page(scraper::Html::parse_document(html))
    }

    fn select(&self, selector: &str) -> anyhow::Result<Vec<scraper::ElementRef<'_>>> {
        let selector = scraper::Selector::parse(selector)
            .map_err(|e| anyhow::anyhow!("bad selector {selector}: {e}"))?;
        Ok(self.0.select(&selector).collect())
    }

    /// The whitespace-normalised text of every element the CSS selector matches.
    pub fn texts(&self, selector: &str) -> anyhow::Result<Vec<String>> {
        Ok(self
            .select(selector)?
            .into_iter()
            .map(|e| e.text().collect::<Vec<_>>().join(" ").split_whitespace().collect::<Vec<_>>().join(" "))
            .collect())
    }

    /// The text of the first match, or an error naming the selector.
    pub fn text(&self, selector: &str) -> anyhow::Result<String> {
        self.texts(selector)?.into_iter().next().ok_or_else(|| anyhow::anyhow!("nothing matches {selector}"))
    }

    /// How many elements the selector matches.
    pub fn count(&self, selector: &str) -> anyhow::Result<usize> {
        Ok(self.select(selector)?.len())
    }

    /// An attribute of the first match.
    pub fn attr(&self, selector: &str, name: &str) -> anyhow::Result<Option<String>> {
        Ok(self.select(selector)?.first().and_then(|e| e.value().attr(name)).map(str::to_owned))
    }
}
