//! `casebook-bench <scenario>`: starts the release server on a scratch database, drives it over HTTP
//! and prints a table of figures. Run through `make bench-sign-in` or `make bench-dashboard` (which
//! build the release first).

mod dashboard;
mod measure;
mod memory;
mod pages;
mod phases;
mod population;
mod scale_out;
mod server;
mod sign_in;
mod steady;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str).unwrap_or_default() {
        "sign-in" => sign_in::run().await,
        "dashboard" => dashboard::run(&args[1..]).await,
        "pages" => pages::run().await,
        "phases" => phases::run().await,
        "steady" => steady::run().await,
        "scale-out" => scale_out::run().await,
        _ => {
            eprintln!(
                "usage: casebook-bench sign-in | dashboard [sizes] [engines] | pages | phases | steady | scale-out"
            );
            std::process::exit(2);
        }
    }
}
