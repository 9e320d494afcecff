//! The server under test: the release binary, on a scratch SQLite database with the demo accounts,
//! on a free port.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use anyhow::Context;

pub struct Server {
    child: Child,
    pub base: String,
    _data: tempfile::TempDir,
}

impl Server {
    /// Starts the binary named by `CASEBOOK_SERVER_BIN` (default `target/release/server`) with extra
    /// environment on a scratch SQLite database, and waits until it is ready.
    pub async fn start(extra_env: &[(&str, &str)]) -> anyhow::Result<Server> {
        Server::start_on(None, extra_env).await
    }

    /// The same on the database at `database_url` (a scratch SQLite database when `None`).
    pub async fn start_on(database_url: Option<&str>, extra_env: &[(&str, &str)]) -> anyhow::Result<Server> {
        let binary = binary();
        let data = tempfile::tempdir()?;
        let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let scratch = format!("sqlite://{}", data.path().join("bench.db").display());
        let mut command = Command::new(&binary);
        command
            .env("DATABASE_URL", database_url.unwrap_or(&scratch))
            .env("OUTBOX_DIR", data.path().join("outbox"))
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
            .env(
                "LEPTOS_SITE_ROOT",
                std::env::var("CASEBOOK_SITE_ROOT").unwrap_or_else(|_| "target/site-release".into()),
            )
            .env("RUST_LOG", "error")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit());
        for (name, value) in extra_env {
            command.env(name, value);
        }
        let child =
            command.spawn().with_context(|| format!("starting {binary} (build it with make release)"))?;
        let server = Server { child, base: format!("http://127.0.0.1:{port}"), _data: data };
        for _ in 0..100 {
            if reqwest::get(format!("{}/readyz", server.base)).await.is_ok_and(|r| r.status().is_success()) {
                return Ok(server);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        anyhow::bail!("the server did not become ready")
    }
}

impl Server {
    /// The server process's id, for reading its memory.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

/// The server binary under test: `CASEBOOK_SERVER_BIN`, or the release build.
pub fn binary() -> String {
    std::env::var("CASEBOOK_SERVER_BIN").unwrap_or_else(|_| "target/release/server".into())
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
