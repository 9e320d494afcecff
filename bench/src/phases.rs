//! Where a signed-in page's time goes, by the wall clock (an instruction profile cannot see time
//! spent waiting). The release server runs with `SERVER_TIMING` on a generated population; one
//! learner's module step is fetched one request at a time, and each response says how long the
//! server spent loading the session and the person, then answering. The page's three server
//! functions are fetched on their own as well, so its answer divides into its data and the rest
//! (rendering the document), and an anonymous health probe gives the HTTP floor.

use std::time::{Duration, Instant};

use crate::measure::Latency;
use crate::population::{Scratch, generate, signed_in_cookie, start_fresh_module};
use crate::server::Server;

const ROUNDS: usize = 400;

/// One request's timings: the client's round trip and the server's own split.
#[derive(Default)]
struct Timings {
    round_trip: Vec<Duration>,
    session: Vec<Duration>,
    answer: Vec<Duration>,
}

impl Timings {
    fn row(&self, name: &str) -> String {
        let median = |d: &Vec<Duration>| Latency::of(d.clone()).p50_ms;
        format!(
            "| {name} | {:.2} | {:.2} | {:.2} |",
            median(&self.round_trip),
            median(&self.session),
            median(&self.answer)
        )
    }
}

/// The milliseconds a `Server-Timing` header gives `name`.
fn phase(header: &str, name: &str) -> Duration {
    let ms = header
        .split(", ")
        .find_map(|part| part.strip_prefix(name)?.strip_prefix(";dur=")?.parse::<f64>().ok())
        .unwrap_or_default();
    Duration::from_secs_f64(ms / 1000.0)
}

async fn sample(request: impl Fn() -> reqwest::RequestBuilder) -> anyhow::Result<Timings> {
    let mut timings = Timings::default();
    for _ in 0..ROUNDS {
        let started = Instant::now();
        let response = request().send().await?;
        anyhow::ensure!(response.status().is_success(), "{}", response.status());
        let header = response.headers().get("server-timing").and_then(|v| v.to_str().ok());
        let header = header.unwrap_or_default().to_owned();
        response.bytes().await?;
        timings.round_trip.push(started.elapsed());
        timings.session.push(phase(&header, "session"));
        timings.answer.push(phase(&header, "app"));
    }
    Ok(timings)
}

pub async fn run() -> anyhow::Result<()> {
    let population = Scratch::new("sqlite", 100_000)?;
    generate(&population.url, 100_000)?;
    let env = [("TRUST_FORWARDED_FOR", "true"), ("SERVER_TIMING", "true")];
    let server = Server::start_on(Some(&population.url), &env).await?;
    let base = server.base.clone();
    let cookie = signed_in_cookie(&base, "learner0@generated.example", 1).await?;
    let attempt = start_fresh_module(&base, &cookie, 0).await?;
    let client = reqwest::Client::new();
    let get = |path: String| client.get(format!("{base}{path}")).header("cookie", &cookie);
    let call = |function: &str, form: Vec<(&'static str, String)>| {
        client
            .post(format!("{base}/api/{function}"))
            .header("origin", &base)
            .header("cookie", &cookie)
            .form(&form)
    };
    let page = sample(|| get(format!("/attempts/{}", attempt.id))).await?;
    let step = sample(|| call("learning/view_step", vec![("attempt", attempt.id.clone())])).await?;
    let person = sample(|| call("account/get_current_user", vec![])).await?;
    let messages = sample(|| call("account/take_page_messages", vec![])).await?;
    let probe = sample(|| client.get(format!("{base}/healthz"))).await?;

    println!("Medians of {ROUNDS} sequential requests, in milliseconds.\n");
    println!("| request | client round trip | server: session and person | server: answer |");
    println!("|---|---|---|---|");
    println!("{}", page.row("module step page (signed in)"));
    println!("{}", step.row("its step: view_step"));
    println!("{}", person.row("its header's person: get_current_user"));
    println!("{}", messages.row("its messages: take_page_messages"));
    println!("{}", probe.row("anonymous /healthz (outside the page router)"));
    let median = |t: &Timings| Latency::of(t.answer.clone()).p50_ms;
    let data = median(&step) + median(&person) + median(&messages);
    println!(
        "\nThe page's answer {:.2} ms = its three server functions' answers, at most {data:.2} ms (each \
         measured alone, including its own JSON), + rendering the document, at least {:.2} ms.",
        median(&page),
        median(&page) - data
    );
    Ok(())
}
