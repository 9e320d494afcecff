//! Steady load: 50, 200 and 1,000 simulated learners, each signed in on their own session and
//! submitting the next answer of a module every 20 seconds (spread evenly over the interval), for a
//! minute per size. The table gives the submissions' latency and how many failed.

use std::sync::Arc;
use std::time::{Duration, Instant};

use app::domain::curriculum::case::Rating;
use app::ssr::generate::template::TemplateAnswer;
use tokio::sync::Mutex;

use crate::measure::Latency;
use crate::population::{Attempt, Scratch, generate, signed_in_cookie, start_fresh_module};
use crate::server::Server;

const INTERVAL: Duration = Duration::from_secs(20);
const RUN: Duration = Duration::from_secs(60);
const SIZES: [usize; 3] = [50, 200, 1000];

pub async fn run() -> anyhow::Result<()> {
    let population = Scratch::new("sqlite", 200_000)?;
    generate(&population.url, 200_000)?;
    let server = Server::start_on(Some(&population.url), &[("TRUST_FORWARDED_FOR", "true")]).await?;
    println!("| learners | submissions | failed | p50 | p99 |");
    println!("|---|---|---|---|---|");
    let mut first = 0;
    for learners in SIZES {
        let sessions = sign_in(&server.base, first, learners).await?;
        first += learners;
        let timings = Arc::new(Mutex::new(Vec::new()));
        let failed = Arc::new(Mutex::new(0usize));
        let started = Instant::now();
        let tasks: Vec<_> = sessions
            .into_iter()
            .enumerate()
            .map(|(i, (cookie, attempt))| {
                let offset = INTERVAL.mul_f64(i as f64 / learners as f64);
                let (base, timings, failed) = (server.base.clone(), timings.clone(), failed.clone());
                tokio::spawn(async move {
                    learner(&base, &cookie, &attempt, started + offset, timings, failed).await;
                })
            })
            .collect();
        for task in tasks {
            task.await?;
        }
        let timings = std::mem::take(&mut *timings.lock().await);
        let count = timings.len();
        let latency = Latency::of(timings);
        let failed = *failed.lock().await;
        println!("| {learners} | {count} | {failed} | {:.1} ms | {:.1} ms |", latency.p50_ms, latency.p99_ms);
    }
    Ok(())
}

/// Signs in `count` generated learners from `first` (eight at a time: each sign-in is a full
/// Argon2id hash) and starts each on a module they have not taken.
async fn sign_in(base: &str, first: usize, count: usize) -> anyhow::Result<Vec<(String, Attempt)>> {
    let mut sessions = Vec::new();
    for chunk in (first..first + count).collect::<Vec<_>>().chunks(8) {
        let started = chunk.iter().map(|&n| async move {
            let cookie = signed_in_cookie(base, &format!("learner{n}@generated.example"), n).await?;
            let attempt = start_fresh_module(base, &cookie, n).await?;
            Ok::<_, anyhow::Error>((cookie, attempt))
        });
        for session in futures::future::join_all(started).await {
            sessions.push(session?);
        }
    }
    Ok(sessions)
}

/// One learner: the next step's answer at `first`, then every `INTERVAL` until the run ends.
async fn learner(
    base: &str,
    cookie: &str,
    attempt: &Attempt,
    first: Instant,
    timings: Arc<Mutex<Vec<Duration>>>,
    failed: Arc<Mutex<usize>>,
) {
    let client = reqwest::Client::new();
    let end = first + RUN;
    let mut due = first;
    for step in &attempt.steps {
        if due >= end {
            break;
        }
        tokio::time::sleep_until(due.into()).await;
        let mut form = vec![
            ("attempt", attempt.id.clone()),
            ("step", step.step.clone()),
            ("key", uuid::Uuid::new_v4().to_string()),
        ];
        match &step.answer {
            TemplateAnswer::Item { right, .. } => {
                form.extend([("choice", right.clone()), ("certainty", "2".to_owned())]);
            }
            TemplateAnswer::Attitude { .. } => form.push(("agreement", "3".to_owned())),
            TemplateAnswer::Decision { options, .. } => {
                let best = options.iter().find(|(_, rating)| *rating == Rating::Best).or(options.first());
                form.extend(best.map(|(key, _)| ("choice", key.clone())));
            }
            TemplateAnswer::None if step.kind == "reflection" => {
                form.push(("reflection", "I will review repeat prescriptions.".to_owned()));
            }
            TemplateAnswer::None => {}
        }
        let sent = Instant::now();
        let response = client
            .post(format!("{base}/api/learning/answer_step"))
            .header("origin", base)
            .header("cookie", cookie)
            .form(&form)
            .send()
            .await;
        let elapsed = sent.elapsed();
        match response {
            Ok(r) if r.status().is_success() => timings.lock().await.push(elapsed),
            _ => *failed.lock().await += 1,
        }
        due += INTERVAL;
    }
}
