//! Scale-out throughput: wrk drives a learner's module step and the catalogue through nginx (on
//! loopback, round robin) in front of one app server, then two, all on one PostgreSQL holding a
//! generated population; the same pages straight at one server give nginx's own cost. The ratio
//! two / one is the figure; on one machine the servers share its cores, so it shows the overhead
//! of scaling out rather than its gain, which needs the servers on machines of their own.

use casebook_tests::nginx::Nginx;

use crate::pages::{Figures, wrk};
use crate::population::{Scratch, generate, signed_in_cookie, start_fresh_module};
use crate::server::Server;

pub async fn run() -> anyhow::Result<()> {
    let population = Scratch::new("postgres", 100_000)?;
    generate(&population.url, 100_000)?;
    let env = [("TRUST_FORWARDED_FOR", "true")];
    let servers = [
        Server::start_on(Some(&population.url), &env).await?,
        Server::start_on(Some(&population.url), &env).await?,
    ];
    let first = &servers[0].base;
    let learner = signed_in_cookie(first, "learner0@generated.example", 1).await?;
    let attempt = start_fresh_module(first, &learner, 0).await?;
    let pages =
        [("a module step", format!("/attempts/{}", attempt.id)), ("catalogue", "/modules".to_owned())];

    let one = free_port()?;
    let behind_one = Nginx::start_on(one, &[first.as_str()]).await?;
    let two = free_port()?;
    let behind_two = Nginx::start_on(two, &[first.as_str(), servers[1].base.as_str()]).await?;
    println!("| page | one server, direct | nginx → one server | nginx → two servers | two / one |");
    println!("|---|---|---|---|---|");
    for (name, path) in pages {
        let direct = wrk(&format!("{first}{path}"), Some(&learner))?;
        let one = wrk(&format!("{}{path}", behind_one.address), Some(&learner))?;
        let two = wrk(&format!("{}{path}", behind_two.address), Some(&learner))?;
        println!(
            "| {name} | {} | {} | {} | {:.2} |",
            cell(&direct),
            cell(&one),
            cell(&two),
            two.per_second / one.per_second
        );
    }
    Ok(())
}

fn cell(figures: &Figures) -> String {
    format!("{:.0}/s (p99 {:.1} ms)", figures.per_second, figures.p99_ms)
}

fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}
