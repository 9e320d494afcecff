//! The `casebook` command: serves the web application.

use server::{config::Settings, startup::Application, telemetry};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let settings = Settings::from_env()?;
    telemetry::init(settings.log_format);
    Application::build(settings).await?.run_until_stopped().await
}
