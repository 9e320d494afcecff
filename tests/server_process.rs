//! The real server binary as an operator runs it, for tests of the process itself (signals, logs)
//! and of several servers behind a load balancer.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use anyhow::{Context, bail};

use crate::TestDatabase;

/// The server binary `cargo build --workspace` (run by `make`) puts beside the test binaries.
pub fn server_binary() -> anyhow::Result<PathBuf> {
    let exe = std::env::current_exe()?;
    let binary = exe.parent().and_then(|deps| deps.parent()).map(|dir| dir.join("server"));
    binary.filter(|b| b.exists()).context("build the server first: cargo build --workspace (make test does)")
}

/// Runs one of the binary's commands (`backup`, `restore`, …) against a database, to its end.
pub fn run_command(database_url: &str, args: &[&str]) -> anyhow::Result<std::process::Output> {
    Ok(Command::new(server_binary()?).args(args).env("DATABASE_URL", database_url).output()?)
}

/// A running server process, its JSON log lines arriving on a channel.
pub struct Server {
    child: Child,
    logs: Receiver<String>,
    pub seen: Vec<serde_json::Value>,
    pub address: String,
}

impl Server {
    /// Starts the binary on port 0 and waits until it says which address it is serving.
    pub fn start(database: &TestDatabase) -> anyhow::Result<Server> {
        Server::start_with(database, &[])
    }

    /// The same, with more environment variables.
    pub fn start_with(database: &TestDatabase, env: &[(&str, &str)]) -> anyhow::Result<Server> {
        Server::start_on(&database.url(), env)
    }

    /// The same, on the database at `url` (reached through a proxy, say).
    pub fn start_on(url: &str, env: &[(&str, &str)]) -> anyhow::Result<Server> {
        let mut child = Command::new(server_binary()?)
            .env("LEPTOS_SITE_ROOT", crate::site_root())
            .env("DATABASE_URL", url)
            .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
            .env("LOG_FORMAT", "json")
            .env("RUST_LOG", "info")
            .env("CASEBOOK_ENV", "production")
            // The caller's variables win: another release's site, a finer log filter.
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?;
        let stdout = child.stdout.take().context("stdout")?;
        let (sender, logs) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        let mut server = Server { child, logs, seen: Vec::new(), address: String::new() };
        let serving = server.wait_for(|log| log["message"] == "serving Casebook")?;
        server.address = format!("http://{}", serving["address"].as_str().context("address logged")?);
        Ok(server)
    }

    /// Reads log lines until one matches (within ten seconds), keeping every line read.
    pub fn wait_for(
        &mut self,
        matches: impl Fn(&serde_json::Value) -> bool,
    ) -> anyhow::Result<serde_json::Value> {
        loop {
            let line = self
                .logs
                .recv_timeout(Duration::from_secs(10))
                .context("the expected log line never came")?;
            let log: serde_json::Value =
                serde_json::from_str(&line).with_context(|| format!("a JSON log line: {line}"))?;
            self.seen.push(log.clone());
            if matches(&log) {
                return Ok(log);
            }
        }
    }

    /// Every log line so far, after waiting `settle` for the last ones to arrive.
    pub fn all_logs(&mut self, settle: Duration) -> &[serde_json::Value] {
        std::thread::sleep(settle);
        while let Ok(line) = self.logs.try_recv() {
            if let Ok(log) = serde_json::from_str(&line) {
                self.seen.push(log);
            }
        }
        &self.seen
    }

    pub fn signal(&self, name: &str) -> anyhow::Result<()> {
        let status =
            Command::new("kill").arg(format!("-{name}")).arg(self.child.id().to_string()).status()?;
        anyhow::ensure!(status.success(), "kill -{name} failed");
        Ok(())
    }

    /// Waits for the process to exit (within ten seconds) and returns its exit code.
    pub async fn exit_code(&mut self) -> anyhow::Result<Option<i32>> {
        for _ in 0..100 {
            if let Some(status) = self.child.try_wait()? {
                return Ok(status.code());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        self.child.kill()?;
        bail!("the server did not stop within ten seconds")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
