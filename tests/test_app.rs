//! The whole application, started on port 0 against a fresh database of either engine, and what a
//! test needs to talk to it: requests as a script or a browser would send them, and the outbox.

use app::ssr::state::AppState;
use server::config::Settings;
use server::startup::Application;

use crate::database::TestDatabase;
use crate::email::Email;
use crate::world::PASSWORD;
use crate::{Engine, new_client, site_root};

/// A running application and what a test needs to talk to it.
pub struct TestApp {
    pub address: String,
    /// A client with its own cookies, signed in as nobody.
    pub client: reqwest::Client,
    pub state: AppState,
    outbox: std::sync::Arc<tempfile::TempDir>,
    database: std::sync::Arc<TestDatabase>,
}

impl TestApp {
    /// Starts the application on a fresh, migrated database.
    pub async fn spawn(engine: Engine) -> anyhow::Result<TestApp> {
        Self::spawn_with(engine, |_| {}).await
    }

    /// Starts the application on a fresh database, after `configure` adjusts the settings. Tests
    /// run as production (no demo data) unless they say otherwise.
    pub async fn spawn_with(
        engine: Engine,
        configure: impl FnOnce(&mut Settings),
    ) -> anyhow::Result<TestApp> {
        Self::spawn_on(TestDatabase::migrated(engine).await?, configure).await
    }

    /// Starts the application on the given database (an empty one, say), after `configure`.
    pub async fn spawn_on(
        database: TestDatabase,
        configure: impl FnOnce(&mut Settings),
    ) -> anyhow::Result<TestApp> {
        let outbox = std::sync::Arc::new(tempfile::tempdir()?);
        Self::start(std::sync::Arc::new(database), outbox, configure).await
    }

    /// A second app server on the same database, as behind a load balancer.
    pub async fn sibling(&self) -> anyhow::Result<TestApp> {
        Self::start(self.database.clone(), self.outbox.clone(), |_| {}).await
    }

    async fn start(
        database: std::sync::Arc<TestDatabase>,
        outbox: std::sync::Arc<tempfile::TempDir>,
        configure: impl FnOnce(&mut Settings),
    ) -> anyhow::Result<TestApp> {
        // Warnings and errors go to the test's output, shown when it fails.
        let filter = std::env::var("TEST_LOG").unwrap_or_else(|_| "warn".to_owned());
        let _ = tracing_subscriber::fmt().with_test_writer().with_env_filter(filter).try_init();
        let mut settings = Settings::from_lookup(|name| match name {
            "DATABASE_URL" => Some(database.url()),
            // Port 0: the system picks a free one, so parallel tests never collide.
            "LEPTOS_SITE_ADDR" => Some("127.0.0.1:0".to_owned()),
            "LEPTOS_SITE_ROOT" => Some(site_root()),
            "OUTBOX_DIR" => Some(outbox.path().display().to_string()),
            "CASEBOOK_ENV" => Some("production".to_owned()),
            // The job worker looks often, so a test sees a due email soon after moving the clock.
            "JOB_POLL_MS" => Some("50".to_owned()),
            "JOB_RETRY_SECONDS" => Some("1".to_owned()),
            _ => None,
        })?;
        configure(&mut settings);
        let application = Application::build(settings).await?;
        let address = format!("http://127.0.0.1:{}", application.port());
        let state = application.state();
        tokio::spawn(application.run_until(std::future::pending()));
        Ok(TestApp { address, client: new_client()?, state, outbox, database })
    }

    /// The same application reached at another address (such as a load balancer in front of it).
    pub fn behind(&self, address: String) -> TestApp {
        TestApp {
            address,
            client: self.client.clone(),
            state: self.state.clone(),
            outbox: self.outbox.clone(),
            database: self.database.clone(),
        }
    }

    /// The test's database, for starting more servers on it.
    pub fn database(&self) -> &TestDatabase {
        &self.database
    }

    /// The database's URL, for tests that go behind the application's back.
    pub fn database_url(&self) -> String {
        self.database.url()
    }

    /// The absolute URL of a path on this application.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// A GET request to a path, as nobody.
    pub async fn get(&self, path: &str) -> anyhow::Result<reqwest::Response> {
        Ok(self.client.get(self.url(path)).send().await?)
    }

    /// A form POST from one of this site's pages (with its Origin), as `client` would send it from a
    /// script: errors come back with their status and a JSON body.
    pub async fn post(
        &self,
        client: &reqwest::Client,
        path: &str,
        form: &[(&str, &str)],
    ) -> anyhow::Result<reqwest::Response> {
        Ok(client.post(self.url(path)).header("origin", &self.address).form(form).send().await?)
    }

    /// A form POST as a browser without JavaScript sends it: HTML accepted, from the page at
    /// `from`, so the answer is a redirect.
    pub async fn post_as_browser(
        &self,
        client: &reqwest::Client,
        from: &str,
        path: &str,
        form: &[(&str, &str)],
    ) -> anyhow::Result<reqwest::Response> {
        Ok(client
            .post(self.url(path))
            .header("origin", &self.address)
            .header("referer", self.url(from))
            .header("accept", "text/html,application/xhtml+xml")
            .form(form)
            .send()
            .await?)
    }

    /// A new client (its own cookies), signed in with the test password.
    pub async fn signed_in(&self, email: &str) -> anyhow::Result<reqwest::Client> {
        let client = new_client()?;
        let response =
            self.post(&client, "/api/account/sign_in", &[("email", email), ("password", PASSWORD)]).await?;
        anyhow::ensure!(response.status().is_success(), "signing in {email}: {}", response.status());
        Ok(client)
    }

    /// Waits (up to ten seconds) until the reports' kept months have caught up with every attempt
    /// started or finished so far, as the workers soon would; refreshes them here too.
    pub async fn months_refreshed(&self) -> anyhow::Result<()> {
        let pool = sqlx::AnyPool::connect(&self.database_url()).await?;
        for _ in 0..200 {
            self.state.db.refresh_due_months(self.state.clock.now_ms(), 60_000).await?;
            let due: i64 =
                sqlx::query_scalar("SELECT COUNT(*) FROM month_totals_due").fetch_one(&pool).await?;
            if due == 0 {
                return Ok(());
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        anyhow::bail!("the reports' months never caught up")
    }

    /// The emails sent so far, oldest first, as their decoded text.
    pub fn emails(&self) -> anyhow::Result<Vec<Email>> {
        crate::email::emails_in(self.outbox.path())
    }

    /// Waits (up to five seconds) for the `n`th email to arrive, for emails sent in the background.
    pub async fn wait_for_email(&self, n: usize) -> anyhow::Result<Email> {
        for _ in 0..50 {
            if let Some(email) = self.emails()?.into_iter().nth(n - 1) {
                return Ok(email);
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        anyhow::bail!("email {n} never arrived")
    }
}
