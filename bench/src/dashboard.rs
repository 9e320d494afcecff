//! The dashboard over a generated population: for each engine and size, `server generate` fills a
//! fresh database (timed), then the release server answers four views in turn: a deanery lead's
//! region with no dates and with the last three whole months, and an admin's every region with no
//! dates and with the same months. The table gives each view's latencies. A region's undated view
//! reads its attempts and kept totals; the others add up the kept months.

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
    println!(
        "| engine | responses | generated in | region p50 / p99 | region, 3 months | all regions | all regions, 3 months |"
    );
    println!("|---|---|---|---|---|---|---|");
    let range = last_three_months();
    for engine in &engines {
        for &size in &sizes {
            let database = Scratch::new(engine, size)?;
            let started = Instant::now();
            generate(&database.url, size)?;
            let generated = started.elapsed();
            let server = Server::start_on(Some(&database.url), &[]).await?;
            let lead = signed_in(&server.base, "lead1@generated.example").await?;
            let admin = signed_in(&server.base, "admin@generated.example").await?;
            let base = &server.base;
            let views = [
                timings(&lead, &format!("{base}/reports")).await?,
                timings(&lead, &format!("{base}/reports?{range}")).await?,
                timings(&admin, &format!("{base}/reports?region=all")).await?,
                timings(&admin, &format!("{base}/reports?region=all&{range}")).await?,
            ];
            let cells: Vec<String> =
                views.iter().map(|v| format!("{:.0} ms / {:.0} ms", v.p50_ms, v.p99_ms)).collect();
            println!("| {engine} | {size} | {:.0} s | {} |", generated.as_secs_f64(), cells.join(" | "));
            drop(server);
        }
    }
    Ok(())
}

/// `from=…&to=…`: the three whole months before this one.
fn last_three_months() -> String {
    use app::domain::reports::prescribing::{month_index, month_text};
    let now_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX));
    let this = month_index(&app::domain::time::format_iso_date(now_ms)[..7]).unwrap_or_default();
    let (first, last) = (month_text(this - 3), month_text(this - 1));
    let days = app::ssr::db::month_totals::month_bounds(&last)
        .map(|(start, end)| (end - start + 43_200_000) / 86_400_000)
        .unwrap_or(28);
    format!("from={first}-01&to={last}-{days:02}")
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
