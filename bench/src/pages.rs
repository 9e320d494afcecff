//! Page throughput against the machine's own limit: wrk (Debian's package) drives each page of a
//! generated population's release server for a few seconds, beside a bare axum hello-world and a
//! static file on the same machine in the same run, and the table gives requests per second,
//! p50/p99 latency and each page's throughput as a share of hello-world's. The static file and the
//! health probe run with and without a session cookie: neither should read or write the session.

use std::process::Command;
use std::time::Duration;

use anyhow::Context;

use crate::population::{Scratch, generate, signed_in_cookie, start_fresh_module};
use crate::server::Server;

const SECONDS: &str = "5s";
/// As the performance issue measures (16 connections).
const CONNECTIONS: &str = "16";

/// One wrk run's figures.
pub struct Figures {
    pub per_second: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
}

pub async fn run() -> anyhow::Result<()> {
    let population = Scratch::new("sqlite", 100_000)?;
    generate(&population.url, 100_000)?;
    let server = Server::start_on(Some(&population.url), &[("TRUST_FORWARDED_FOR", "true")]).await?;
    let hello = hello_world().await?;
    let base = &server.base;
    let learner = signed_in_cookie(base, "learner0@generated.example", 1).await?;
    let lead = signed_in_cookie(base, "lead1@generated.example", 2).await?;
    let attempt = start_fresh_module(base, &learner, 0).await?;
    let pages: Vec<(&str, String, Option<&str>)> = vec![
        ("bare axum hello-world", hello.clone(), None),
        ("static file (favicon.svg)", format!("{base}/favicon.svg"), None),
        ("static file, signed in", format!("{base}/favicon.svg"), Some(&learner)),
        ("/healthz", format!("{base}/healthz"), None),
        ("/healthz, signed in", format!("{base}/healthz"), Some(&learner)),
        ("home page", format!("{base}/"), Some(&learner)),
        ("catalogue", format!("{base}/modules"), Some(&learner)),
        ("a module step", format!("{base}/attempts/{}", attempt.id), Some(&learner)),
        (
            "results",
            format!("{base}/attempts/{}/results", app::ssr::generate::attempt_public_id(0)),
            Some(&learner),
        ),
        ("region dashboard (100k responses)", format!("{base}/reports"), Some(&lead)),
    ];
    println!("| page | requests/s | p50 | p99 | throughput / hello-world |");
    println!("|---|---|---|---|---|");
    let mut baseline = None;
    for (name, url, cookie) in pages {
        let figures = wrk(&url, cookie)?;
        let reference = *baseline.get_or_insert(figures.per_second);
        println!(
            "| {name} | {:.0} | {:.2} ms | {:.2} ms | {:.1}% |",
            figures.per_second,
            figures.p50_ms,
            figures.p99_ms,
            100.0 * figures.per_second / reference
        );
    }
    Ok(())
}

/// A bare axum server answering "Hello, world!" on a free port, on this process's runtime.
async fn hello_world() -> anyhow::Result<String> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let address = format!("http://{}/", listener.local_addr()?);
    let app = axum::Router::new().route("/", axum::routing::get(|| async { "Hello, world!" }));
    tokio::spawn(async move { axum::serve(listener, app).await });
    tokio::time::sleep(Duration::from_millis(100)).await;
    Ok(address)
}

pub fn wrk(url: &str, cookie: Option<&str>) -> anyhow::Result<Figures> {
    let mut command = Command::new("wrk");
    command.args(["-t2", "-c", CONNECTIONS, "-d", SECONDS, "--latency"]);
    if let Some(cookie) = cookie {
        command.args(["-H", &format!("Cookie: {cookie}")]);
    }
    let output = command.arg(url).output().context("running wrk (make bench-pages installs it)")?;
    let text = String::from_utf8_lossy(&output.stdout);
    anyhow::ensure!(output.status.success(), "wrk failed on {url}: {text}");
    anyhow::ensure!(!text.contains("Non-2xx"), "{url} answered with errors: {text}");
    let per_second = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("Requests/sec:"))
        .and_then(|v| v.trim().parse().ok())
        .context("requests per second in wrk's output")?;
    let percentile = |p: &str| {
        text.lines()
            .find_map(|l| l.trim().strip_prefix(p).map(str::trim).and_then(milliseconds))
            .with_context(|| format!("the {p} latency in wrk's output"))
    };
    Ok(Figures { per_second, p50_ms: percentile("50%")?, p99_ms: percentile("99%")? })
}

/// wrk's `1.23ms`, `456.00us` or `1.02s`, in milliseconds.
fn milliseconds(text: &str) -> Option<f64> {
    let (number, scale) = if let Some(n) = text.strip_suffix("us") {
        (n, 0.001)
    } else if let Some(n) = text.strip_suffix("ms") {
        (n, 1.0)
    } else {
        (text.strip_suffix('s')?, 1000.0)
    };
    number.parse::<f64>().ok().map(|n| n * scale)
}

#[cfg(test)]
mod tests {
    use super::milliseconds;

    #[test]
    fn wrk_latencies_are_read_in_milliseconds() {
        assert_eq!(milliseconds("456.00us"), Some(0.456));
        assert_eq!(milliseconds("1.50ms"), Some(1.5));
        assert_eq!(milliseconds("1.02s"), Some(1020.0));
        assert_eq!(milliseconds("soon"), None);
    }
}
