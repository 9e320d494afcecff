//! Opening the pool, with each engine's settings for safety and durability.

use std::path::Path;
use std::time::Duration;

use sqlx::any::AnyPoolOptions;
use sqlx::{Executor, any::install_default_drivers};

use super::Db;

/// Which database engine a URL names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    /// Reads the engine from a database URL's scheme.
    pub fn from_url(url: &str) -> Result<Self, ConnectError> {
        if url.starts_with("sqlite:") {
            Ok(Engine::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Engine::Postgres)
        } else {
            Err(ConnectError::UnsupportedUrl)
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("DATABASE_URL must start with sqlite: or postgres://")]
    UnsupportedUrl,
    #[error("could not create the folder for the SQLite database: {0}")]
    CreateFolder(#[source] std::io::Error),
    #[error("could not connect to the database: {0}")]
    Connect(#[from] sqlx::Error),
}

/// How long a request waits for a free connection before failing (and the page answering 503).
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(5);

/// Per-connection SQLite settings. WAL lets readers run beside the single writer; `synchronous =
/// FULL` makes every acknowledged commit survive power loss as well as a crash, which learning
/// records need more than the last few percent of write speed; a busy timeout makes writers queue
/// instead of failing; foreign keys are off by default in SQLite and on here.
const SQLITE_PRAGMAS: &str =
    "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA synchronous = FULL;";

impl Db {
    /// Connects to the database the URL names, preparing SQLite's file and journal mode.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn connect(url: &str, max_connections: u32) -> Result<Db, ConnectError> {
        install_default_drivers();
        let engine = Engine::from_url(url)?;
        let url = match engine {
            Engine::Sqlite => prepare_sqlite_file(url)?,
            Engine::Postgres => url.to_owned(),
        };
        let mut options =
            AnyPoolOptions::new().max_connections(max_connections).acquire_timeout(ACQUIRE_TIMEOUT);
        if engine == Engine::Sqlite {
            options = options.after_connect(|conn, _meta| {
                Box::pin(async move {
                    conn.execute(SQLITE_PRAGMAS).await?;
                    Ok(())
                })
            });
        }
        let pool = options.connect(&url).await?;
        if engine == Engine::Sqlite {
            // The journal mode is stored in the file; switching needs an exclusive lock, so it is
            // set once here rather than on every new connection.
            pool.execute("PRAGMA journal_mode = WAL;").await?;
        }
        Ok(Db { pool, engine })
    }
}

/// Creates the SQLite file's folder and asks SQLite to create the file if it is missing.
fn prepare_sqlite_file(url: &str) -> Result<String, ConnectError> {
    let (path, query) = sqlite_path_and_query(url);
    if let Some(folder) = Path::new(path).parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder).map_err(ConnectError::CreateFolder)?;
    }
    Ok(if query.split('&').any(|pair| pair.starts_with("mode=")) {
        url.to_owned()
    } else if query.is_empty() {
        format!("{url}?mode=rwc")
    } else {
        format!("{url}&mode=rwc")
    })
}

/// The file a `sqlite:` URL names (`None` for other engines), for commands that handle the file
/// itself, such as restoring a backup.
pub fn sqlite_file(url: &str) -> Option<std::path::PathBuf> {
    (Engine::from_url(url).ok()? == Engine::Sqlite).then(|| sqlite_path_and_query(url).0.into())
}

/// Splits `sqlite://path/to/file.db?options` into its path and its query.
fn sqlite_path_and_query(url: &str) -> (&str, &str) {
    let rest = url.trim_start_matches("sqlite:").trim_start_matches("//");
    rest.split_once('?').unwrap_or((rest, ""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scheme_chooses_the_engine() {
        assert_eq!(Engine::from_url("sqlite://data/casebook.db").ok(), Some(Engine::Sqlite));
        assert_eq!(Engine::from_url("postgres://u@h/db").ok(), Some(Engine::Postgres));
        assert_eq!(Engine::from_url("postgresql://u@h/db").ok(), Some(Engine::Postgres));
        assert!(Engine::from_url("mysql://u@h/db").is_err());
        assert!(Engine::from_url("").is_err());
    }

    #[test]
    fn sqlite_urls_split_into_path_and_query() {
        assert_eq!(sqlite_path_and_query("sqlite://data/c.db"), ("data/c.db", ""));
        assert_eq!(sqlite_path_and_query("sqlite:data/c.db?mode=ro"), ("data/c.db", "mode=ro"));
        assert_eq!(sqlite_path_and_query("sqlite:///tmp/c.db"), ("/tmp/c.db", ""));
        assert_eq!(sqlite_file("sqlite://data/c.db?mode=rwc"), Some("data/c.db".into()));
        assert_eq!(sqlite_file("postgres://u@h/db"), None);
    }

    #[test]
    fn a_missing_sqlite_file_is_created_unless_a_mode_is_given() -> Result<(), ConnectError> {
        assert_eq!(prepare_sqlite_file("sqlite:c.db")?, "sqlite:c.db?mode=rwc");
        assert_eq!(prepare_sqlite_file("sqlite:c.db?cache=shared")?, "sqlite:c.db?cache=shared&mode=rwc");
        assert_eq!(prepare_sqlite_file("sqlite:c.db?mode=ro")?, "sqlite:c.db?mode=ro");
        Ok(())
    }
}
