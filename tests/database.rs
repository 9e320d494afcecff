//! A database of either engine that exists for one test, and the built site the pages link to.

use std::path::PathBuf;

use anyhow::Context;
use sqlx::{Connection, Executor};

use crate::Engine;

/// The built site the pages link their stylesheet and scripts from: `CASEBOOK_SITE_ROOT` (the
/// Makefile names the optimised build), or that build's folder.
pub fn site_root() -> String {
    let workspace = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let site = std::env::var("CASEBOOK_SITE_ROOT").unwrap_or_else(|_| "target/site-release".to_owned());
    workspace.join(site).display().to_string()
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
        Self::create_from(engine, None).await
    }

    /// Creates a database with every migration applied. A PostgreSQL one is copied from a migrated
    /// template, which is much quicker than migrating each test's database afresh; the application
    /// then finds nothing left to apply. (A SQLite file migrates in milliseconds.)
    pub async fn migrated(engine: Engine) -> anyhow::Result<Self> {
        let template = match engine {
            Engine::Sqlite => None,
            Engine::Postgres => Some(migrated_template().await?),
        };
        Self::create_from(engine, template).await
    }

    async fn create_from(engine: Engine, template: Option<&str>) -> anyhow::Result<Self> {
        // Tests reach either engine's database through sqlx's `any` driver as well.
        sqlx::any::install_default_drivers();
        Ok(match engine {
            Engine::Sqlite => TestDatabase::Sqlite(tempfile::tempdir()?),
            Engine::Postgres => {
                let admin_url = postgres_admin_url();
                let name = format!("casebook_test_{}", uuid::Uuid::new_v4().simple());
                let copy = template.map(|t| format!(" TEMPLATE {t}")).unwrap_or_default();
                let mut admin = connect_admin(&admin_url).await?;
                admin.execute(format!("CREATE DATABASE {name}{copy}").as_str()).await?;
                TestDatabase::Postgres { admin_url, name }
            }
        })
    }

    /// The URL the application connects to.
    pub fn url(&self) -> String {
        match self {
            TestDatabase::Sqlite(dir) => format!("sqlite://{}", dir.path().join("casebook.db").display()),
            TestDatabase::Postgres { admin_url, name } => database_url(admin_url, name),
        }
    }
}

/// The URL of the database `name` on the server `admin_url` names.
fn database_url(admin_url: &str, name: &str) -> String {
    match admin_url.rsplit_once('/') {
        Some((server, _)) => format!("{server}/{name}"),
        None => format!("{admin_url}/{name}"),
    }
}

/// Every connection to the PostgreSQL server's maintenance database. It installs sqlx's drivers
/// first: the first test to get here may be one that needs the template made, before any test has
/// created a database (the first run on a cold machine panicked so).
async fn connect_admin(admin_url: &str) -> anyhow::Result<sqlx::AnyConnection> {
    sqlx::any::install_default_drivers();
    sqlx::AnyConnection::connect(admin_url)
        .await
        .with_context(|| format!("PostgreSQL must be reachable at {admin_url} (TEST_POSTGRES_URL)"))
}

/// The migrated template of this test run, made by the first test that needs it.
static TEMPLATE: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();

async fn migrated_template() -> anyhow::Result<&'static str> {
    Ok(TEMPLATE.get_or_try_init(make_template).await?.as_str())
}

/// Makes a migrated PostgreSQL database to copy from, named for this test run and stamped with
/// when it was made. Its connections are closed before it is used, as `CREATE DATABASE … TEMPLATE`
/// requires. A run cannot drop its own at the end (statics are never dropped), so each run drops
/// the templates earlier runs left that are more than a day old: never one a run still going uses.
async fn make_template() -> anyhow::Result<String> {
    const DAY_SECS: i64 = 24 * 60 * 60;
    let admin_url = postgres_admin_url();
    let mut admin = connect_admin(&admin_url).await?;
    let now = i64::try_from(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)?.as_secs())?;
    let templates: Vec<(String, String)> = sqlx::query_as(
        "SELECT datname::text, COALESCE(shobj_description(oid, 'pg_database'), '0') FROM pg_database \
         WHERE datname LIKE 'casebook_template_%'",
    )
    .fetch_all(&mut admin)
    .await?;
    for (name, made) in templates {
        if made.parse::<i64>().unwrap_or(0) < now - DAY_SECS {
            admin.execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str()).await?;
        }
    }
    let name = format!("casebook_template_{}", uuid::Uuid::new_v4().simple());
    admin.execute(format!("CREATE DATABASE {name}").as_str()).await?;
    admin.execute(format!("COMMENT ON DATABASE {name} IS '{now}'").as_str()).await?;
    let db = app::ssr::db::Db::connect(&database_url(&admin_url, &name), 1).await?;
    let migrated = db.migrate().await;
    db.close().await;
    migrated?;
    until_unused(&mut admin, &name).await?;
    Ok(name)
}

/// Waits until the server has let go of every connection to `database`, which `CREATE DATABASE …
/// TEMPLATE` requires. Its pool is closed by now, but a closed client's backend can linger (for
/// over ten seconds once, on a machine with a cold disk cache), so any backend still there is
/// terminated: nothing else has any business with the template.
async fn until_unused(admin: &mut sqlx::AnyConnection, database: &str) -> anyhow::Result<()> {
    let lingering = format!(
        "SELECT COALESCE(backend_type, '') || ' ' || COALESCE(state, ''), \
         pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}'"
    );
    let mut seen = Vec::new();
    for _ in 0..200 {
        let terminated: Vec<(String, bool)> = sqlx::query_as(&lingering).fetch_all(&mut *admin).await?;
        if terminated.is_empty() {
            return Ok(());
        }
        seen = terminated.into_iter().map(|(backend, _)| backend).collect();
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    anyhow::bail!("{database} still has connections after 10 s: {seen:?}")
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let TestDatabase::Postgres { admin_url, name } = self else { return };
        let statement = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        let admin_url = admin_url.clone();
        // On a thread of its own with its own runtime: the test's runtime may be shutting down
        // (after a panic, say), when blocking on it would wait for ever.
        let dropping = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
            runtime.block_on(async move {
                let mut admin = connect_admin(&admin_url).await?;
                admin.execute(statement.as_str()).await?;
                anyhow::Ok(())
            })
        });
        let _ = dropping.join();
    }
}
