//! The region dashboard over a generated population: for each engine and size, `server generate`
//! fills a fresh database (timed), then the release server answers a deanery lead's dashboard
//! (their region, all dates) and an admin's (every region) in turn, and the table gives their
//! latencies. Every report reads the summaries written when attempts finish, from indexes by
//! region and date, so the time should follow a region's share of the records, not the total.

use std::time::{Duration, Instant};

use anyhow::Context;

use crate::measure::Latency;
use crate::population::{Scratch, generate, signed_in};
use crate::server::Server;

const SAMPLES: usize = 20;

/// `dashboard [sizes] [engines]`, such as `dashboard 1000000,10000000 sqlite,postgres`.
pub async fn run(args: &[String]) -> anyhow::Result<()> {
    let sizes: Vec<i64> = args
        .first()
        .map_or("1000000,10000000", String::as_str)
        .split(',')
        .map(|s| s.replace('_', "").parse().context("sizes are numbers of responses, like 1000000"))
        .collect::<Result<_, _>>()?;
    let engines: Vec<String> =
        args.get(1).map_or("sqlite,postgres", String::as_str).split(',').map(str::to_owned).collect();
    println!("| engine | responses | generated in | lead's region p50 / p99 | all regions p50 / p99 |");
    println!("|---|---|---|---|---|");
    for engine in &engines {
        for &size in &sizes {
            let database = Scratch::new(engine, size)?;
            let started = Instant::now();
            generate(&database.url, size)?;
            let generated = started.elapsed();
            let server = Server::start_on(Some(&database.url), &[]).await?;
            let lead = signed_in(&server.base, "lead1@generated.example").await?;
            let admin = signed_in(&server.base, "admin@generated.example").await?;
            let region = timings(&lead, &format!("{}/reports", server.base)).await?;
            let all = timings(&admin, &format!("{}/reports?region=all", server.base)).await?;
            println!(
                "| {engine} | {size} | {:.0} s | {:.0} ms / {:.0} ms | {:.0} ms / {:.0} ms |",
                generated.as_secs_f64(),
                region.p50_ms,
                region.p99_ms,
                all.p50_ms,
                all.p99_ms
            );
            drop(server);
        }
    }
    Ok(())
}

/// `SAMPLES` page loads one after another, after two to warm the caches.
async fn timings(client: &reqwest::Client, url: &str) -> anyhow::Result<Latency> {
    let mut timings: Vec<Duration> = Vec::new();
    for n in 0..SAMPLES + 2 {
        let started = Instant::now();
        let response = client.get(url).send().await?;
        anyhow::ensure!(response.status().is_success(), "{url}: {}", response.status());
        response.bytes().await?;
        if n >= 2 {
            timings.push(started.elapsed());
        }
    }
    Ok(Latency::of(timings))
}
