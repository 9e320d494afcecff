//! Sign-in under load. Reports how many correct sign-ins a second the server completes, and how a
//! page that needs no password (the accessibility statement) answers while idle and during a flood
//! of 200 concurrent wrong-password attempts from many addresses (each attempt costs a full Argon2id
//! hash, so the flood is as expensive as it can be made without an account).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::measure::Latency;
use crate::memory;
use crate::server::Server;

const DEMO_PASSWORD: &str = "casebook-demo-2026";
const FLOOD_CLIENTS: usize = 200;
const PAGE_SAMPLES: usize = 4000;

pub async fn run() -> anyhow::Result<()> {
    // The flood comes from many addresses, as a real one would, so it is not simply cut off by the
    // per-address limit (which would make it cheap) and every attempt reaches the password hash.
    let server = Server::start(&[("TRUST_FORWARDED_FOR", "true")]).await?;
    let client = reqwest::Client::builder().pool_max_idle_per_host(256).build()?;

    let sign_ins = sign_in_throughput(&client, &server.base, Duration::from_secs(5)).await?;
    let idle = page_latency(&client, &server.base).await?;
    let idle_memory = memory::resident_mib(server.pid()).unwrap_or_default();
    let stop = Arc::new(AtomicBool::new(false));
    let peak_memory = memory::peak_until(server.pid(), stop.clone());
    let attempts = Arc::new(AtomicUsize::new(0));
    let flooders: Vec<_> = (0..FLOOD_CLIENTS)
        .map(|n| tokio::spawn(flood(client.clone(), server.base.clone(), n, stop.clone(), attempts.clone())))
        .collect();
    tokio::time::sleep(Duration::from_secs(1)).await;
    let started = Instant::now();
    let during = page_latency(&client, &server.base).await?;
    let flood_seconds = started.elapsed().as_secs_f64();
    stop.store(true, Ordering::Relaxed);
    for flooder in flooders {
        flooder.await?;
    }
    let peak_memory = peak_memory.await?;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let after_memory = memory::resident_mib(server.pid()).unwrap_or_default();
    let flood_rate = attempts.load(Ordering::Relaxed) as f64 / (flood_seconds + 1.0);

    println!("| measure | figure |");
    println!("|---|---|");
    println!("| correct sign-ins per second (8 clients, 5 s) | {sign_ins:.1} |");
    println!(
        "| wrong-password attempts per second during the flood ({FLOOD_CLIENTS} clients) | {flood_rate:.1} |"
    );
    println!(
        "| other page p50 / p99, idle ({} requests) | {:.1} ms / {:.1} ms |",
        idle.count, idle.p50_ms, idle.p99_ms
    );
    println!(
        "| other page p50 / p99, during the flood | {:.1} ms / {:.1} ms |",
        during.p50_ms, during.p99_ms
    );
    println!("| p99 during flood / p99 idle | {:.2} |", during.p99_ms / idle.p99_ms.max(0.001));
    println!(
        "| server resident memory: idle / peak during the flood / 2 s after | {idle_memory:.0} / {peak_memory:.0} / {after_memory:.0} MiB |"
    );
    Ok(())
}

async fn sign_in_throughput(client: &reqwest::Client, base: &str, period: Duration) -> anyhow::Result<f64> {
    let done = Arc::new(AtomicUsize::new(0));
    let deadline = Instant::now() + period;
    let workers: Vec<_> = (0..8)
        .map(|_| {
            let (client, base, done) = (client.clone(), base.to_owned(), done.clone());
            tokio::spawn(async move {
                while Instant::now() < deadline {
                    let form = [("email", "learner@casebook.example"), ("password", DEMO_PASSWORD)];
                    let response = client
                        .post(format!("{base}/api/account/sign_in"))
                        .header("origin", &base)
                        .form(&form)
                        .send()
                        .await;
                    if response.is_ok_and(|r| r.status().is_success()) {
                        done.fetch_add(1, Ordering::Relaxed);
                    }
                }
            })
        })
        .collect();
    for worker in workers {
        worker.await?;
    }
    Ok(done.load(Ordering::Relaxed) as f64 / period.as_secs_f64())
}

/// Timings of the accessibility statement, four requests at a time.
async fn page_latency(client: &reqwest::Client, base: &str) -> anyhow::Result<Latency> {
    let mut timings = Vec::with_capacity(PAGE_SAMPLES);
    for _ in 0..PAGE_SAMPLES / 4 {
        let batch: Vec<_> = (0..4)
            .map(|_| {
                let (client, url) = (client.clone(), format!("{base}/accessibility"));
                tokio::spawn(async move {
                    let start = Instant::now();
                    let ok = client.get(url).send().await.is_ok_and(|r| r.status().is_success());
                    ok.then(|| start.elapsed())
                })
            })
            .collect();
        for timing in batch {
            timings.push(timing.await?.ok_or_else(|| anyhow::anyhow!("a page request failed"))?);
        }
    }
    Ok(Latency::of(timings))
}

async fn flood(
    client: reqwest::Client,
    base: String,
    n: usize,
    stop: Arc<AtomicBool>,
    attempts: Arc<AtomicUsize>,
) {
    let mut i = 0_usize;
    while !stop.load(Ordering::Relaxed) {
        i += 1;
        let email = format!("flood{n}.{i}@bench.example");
        let address = format!("10.{}.{}.{}", n % 250, i % 250, (i / 250) % 250);
        let response = client
            .post(format!("{base}/api/account/sign_in"))
            .header("origin", &base)
            .header("x-forwarded-for", address)
            .form(&[("email", email.as_str()), ("password", "not the password")])
            .send()
            .await;
        // Only a refusal of the password itself counts as an attempt that cost a hash.
        if response.is_ok_and(|r| r.status() == reqwest::StatusCode::UNPROCESSABLE_ENTITY) {
            attempts.fetch_add(1, Ordering::Relaxed);
        }
    }
}
