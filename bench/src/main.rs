//! `casebook-bench <scenario>`: starts the release server on a scratch database, drives it over HTTP
//! and prints a table of figures. Run through `make bench-sign-in` (which builds the release first).

mod measure;
mod server;
mod sign_in;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let scenario = std::env::args().nth(1).unwrap_or_default();
    match scenario.as_str() {
        "sign-in" => sign_in::run().await,
        _ => {
            eprintln!("usage: casebook-bench sign-in");
            std::process::exit(2);
        }
    }
}
