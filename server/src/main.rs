//! The `server` command: serves Casebook, imports and exports module files, or generates a
//! population for benchmarks (see `cli`).

use std::process::ExitCode;

use server::cli::{self, Command};
use server::{backup, config::Settings, startup::Application, telemetry};

/// mimalloc instead of the system allocator: a page is rendered from many short-lived strings and
/// views, and glibc's malloc and free took half of a page's instructions (`make profile-page`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // The chain of causes, without a backtrace: for an operator, not a debugger.
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> anyhow::Result<()> {
    let settings = Settings::from_env()?;
    let args: Vec<String> = std::env::args().skip(1).collect();
    match cli::parse(&args)? {
        Command::Serve => {
            telemetry::init(settings.log_format);
            Application::build(settings).await?.run_until_stopped().await
        }
        Command::Import { file, publish } => cli::import(&settings, &file, publish).await,
        Command::Export { slug, version } => cli::export(&settings, &slug, version).await,
        Command::Generate(plan) => cli::generate(&settings, plan).await,
        Command::Backup { file } => backup::backup(&settings, &file).await,
        Command::Restore { file } => backup::restore(&settings, &file).await,
    }
}
