//! What the scenarios share: scratch databases filled by `server generate`, and generated people
//! signed in and starting modules over HTTP.

use std::process::Command;

use anyhow::Context;
use app::ssr::generate::template::{TemplateStep, template};

use crate::server::binary;

const DEMO_PASSWORD: &str = "casebook-demo-2026";

pub fn generate(url: &str, size: i64) -> anyhow::Result<()> {
    let status = Command::new(binary())
        .args(["generate", &size.to_string()])
        .env("DATABASE_URL", url)
        .env("RUST_LOG", "error")
        .status()
        .context("running server generate")?;
    anyhow::ensure!(status.success(), "server generate failed");
    Ok(())
}

pub async fn signed_in(base: &str, email: &str) -> anyhow::Result<reqwest::Client> {
    let client = reqwest::Client::builder().cookie_store(true).build()?;
    let response = client
        .post(format!("{base}/api/account/sign_in"))
        .header("origin", base)
        .form(&[("email", email), ("password", DEMO_PASSWORD)])
        .send()
        .await?;
    anyhow::ensure!(response.status().is_success(), "signing in {email}: {}", response.status());
    Ok(client)
}

/// A signed-in session as a `Cookie` header value, for wrk. `n` picks the client's address (the
/// server trusts `X-Forwarded-For` in the benchmarks), so sign-ins do not trip the per-address limit.
pub async fn signed_in_cookie(base: &str, email: &str, n: usize) -> anyhow::Result<String> {
    let response = reqwest::Client::new()
        .post(format!("{base}/api/account/sign_in"))
        .header("origin", base)
        .header("x-forwarded-for", format!("10.{}.{}.{}", n / 65_536 % 256, n / 256 % 256, n % 256))
        .form(&[("email", email), ("password", DEMO_PASSWORD)])
        .send()
        .await?;
    anyhow::ensure!(response.status().is_success(), "signing in {email}: {}", response.status());
    let cookies: Vec<String> = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok()?.split(';').next().map(str::to_owned))
        .collect();
    Ok(cookies.join("; "))
}

/// An attempt a benchmark answers, step by step along the module's walk.
pub struct Attempt {
    pub id: String,
    pub steps: Vec<TemplateStep>,
}

/// Starts a module the learner has not started before (generated learner `n` has attempts at two
/// modules; this tries the others).
pub async fn start_fresh_module(base: &str, cookie: &str, n: usize) -> anyhow::Result<Attempt> {
    let client = reqwest::Client::new();
    let post = |path: &str, form: Vec<(&str, String)>| {
        client
            .post(format!("{base}{path}"))
            .header("origin", base)
            .header("cookie", cookie)
            .form(&form)
            .send()
    };
    let curriculum = app::ssr::curriculum::FIRST_CURRICULUM;
    for offset in 0..curriculum.len() {
        let text = curriculum[(n + 2 + offset) % curriculum.len()];
        let module = app::ssr::module_file::read_module(text).map_err(|p| anyhow::anyhow!("{p:?}"))?;
        let started = post("/api/learning/start_module", vec![("slug", module.slug.clone())]).await?;
        anyhow::ensure!(started.status().is_success(), "starting {}: {}", module.slug, started.status());
        let path: String = started.json().await?;
        let id = path.trim_start_matches("/attempts/").to_owned();
        let view: serde_json::Value =
            post("/api/learning/view_step", vec![("attempt", id.clone())]).await?.json().await?;
        if view["step"] == "intro" {
            return Ok(Attempt { id, steps: template(&module) });
        }
    }
    anyhow::bail!("learner {n} has started every module")
}

/// A fresh database for one run: a SQLite file in a temporary directory, or a PostgreSQL database
/// on the local server (dropped when done).
pub struct Scratch {
    pub url: String,
    postgres_name: Option<String>,
    _dir: tempfile::TempDir,
}

impl Scratch {
    pub fn new(engine: &str, size: i64) -> anyhow::Result<Scratch> {
        let dir = tempfile::tempdir()?;
        match engine {
            "sqlite" => Ok(Scratch {
                url: format!("sqlite://{}", dir.path().join("bench.db").display()),
                postgres_name: None,
                _dir: dir,
            }),
            "postgres" => {
                let name = format!("casebook_bench_{size}");
                psql(&format!("DROP DATABASE IF EXISTS {name}"))?;
                psql(&format!("CREATE DATABASE {name}"))?;
                let server = std::env::var("BENCH_POSTGRES")
                    .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into());
                Ok(Scratch { url: format!("{server}/{name}"), postgres_name: Some(name), _dir: dir })
            }
            other => anyhow::bail!("unknown engine {other:?}: sqlite or postgres"),
        }
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if let Some(name) = &self.postgres_name {
            let _ = psql(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
        }
    }
}

fn psql(sql: &str) -> anyhow::Result<()> {
    let status = Command::new("psql")
        .args(["-h", "127.0.0.1", "-U", "postgres", "-q", "-c", sql])
        .status()
        .context("running psql (PostgreSQL's client)")?;
    anyhow::ensure!(status.success(), "psql failed: {sql}");
    Ok(())
}
