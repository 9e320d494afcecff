//! Helpers for the integration tests: the whole application, started on port 0 against a fresh
//! database of either engine, and a client that keeps cookies and does not follow redirects.

pub mod nginx;
pub mod server_process;
pub mod tcp_proxy;

use std::path::PathBuf;

use anyhow::Context;
use app::domain::audit::AuditAction;
use app::domain::career_stage::CareerStage;
use app::domain::email::EmailAddress;
use app::domain::ids::{PersonId, PracticeId, RegionId};
use app::domain::ods_code::OdsCode;
use app::domain::role::{Role, RoleGrant};
pub use app::ssr::db::Engine;
use app::ssr::db::NewPerson;
use app::ssr::db::audit::AuditRecord;
use app::ssr::state::AppState;
use server::config::Settings;
use server::startup::Application;
use sqlx::{Connection, Executor};

/// Runs each named test once on SQLite and once on PostgreSQL, as `name::sqlite` and
/// `name::postgres`. Each test is an `async fn(Engine) -> anyhow::Result<()>`.
#[macro_export]
macro_rules! on_both_engines {
    ($($name:ident),+ $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() -> anyhow::Result<()> {
                super::$name($crate::Engine::Sqlite).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() -> anyhow::Result<()> {
                super::$name($crate::Engine::Postgres).await
            }
        }
    )+};
}

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
        let database = std::sync::Arc::new(TestDatabase::create(engine).await?);
        let outbox = std::sync::Arc::new(tempfile::tempdir()?);
        Self::start(database, outbox, configure).await
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

    /// The emails sent so far, oldest first, as their decoded text.
    pub fn emails(&self) -> anyhow::Result<Vec<Email>> {
        let mut files: Vec<_> = std::fs::read_dir(self.outbox.path())?
            .filter_map(Result::ok)
            .filter(|entry| entry.path().extension().is_some_and(|e| e == "eml"))
            .map(|entry| Ok::<_, std::io::Error>((entry.metadata()?.modified()?, entry.path())))
            .collect::<Result<_, _>>()?;
        files.sort();
        files.into_iter().map(|(_, path)| Email::parse(&std::fs::read_to_string(path)?)).collect()
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

/// The error a server function answered with.
pub async fn app_error(response: reqwest::Response) -> anyhow::Result<app::error::AppError> {
    let body = response.text().await?;
    serde_json::from_str(&body).with_context(|| format!("not an AppError: {body}"))
}

/// The session cookie's value a response set, if it set one.
pub fn session_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("casebook=") || c.starts_with("__Host-casebook="))
        .map(str::to_owned)
}

/// A client that keeps cookies, does not follow redirects, and gives up on an answer after 20
/// seconds (so a server that never answers fails the test instead of hanging it).
pub fn new_client() -> anyhow::Result<reqwest::Client> {
    Ok(reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(
            std::env::var("TEST_HTTP_TIMEOUT_SECS").ok().and_then(|s| s.parse().ok()).unwrap_or(20),
        ))
        .build()?)
}

/// An email from the outbox.
#[derive(Debug)]
pub struct Email {
    pub to: String,
    pub subject: String,
    pub body: String,
}

impl Email {
    fn parse(raw: &str) -> anyhow::Result<Email> {
        let (headers, body) = raw.split_once("\r\n\r\n").context("an email has headers and a body")?;
        let header = |name: &str| {
            headers
                .lines()
                .find_map(|line| line.strip_prefix(name).and_then(|v| v.strip_prefix(": ")))
                .map(str::to_owned)
                .unwrap_or_default()
        };
        use base64::Engine;
        let encoded: String = body.split_whitespace().collect();
        let decoded = base64::engine::general_purpose::STANDARD.decode(encoded).context("a base64 body")?;
        let body = String::from_utf8(decoded)?.replace("\r\n", "\n");
        Ok(Email { to: header("To"), subject: header("Subject"), body })
    }

    /// The first link in the body to a path of this site (`/path?query`), without the host.
    pub fn link_path(&self, starting_with: &str) -> anyhow::Result<String> {
        let start = self.body.find(starting_with).context("no such link in the email")?;
        let link = self.body[start..].split_whitespace().next().unwrap_or_default();
        Ok(link.trim_start_matches(|c: char| c != '/').to_owned())
    }
}

/// The built site the pages link their stylesheet and scripts from: `CASEBOOK_SITE_ROOT` (the
/// Makefile names the optimised build), or that build's folder.
pub fn site_root() -> String {
    let workspace = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let site = std::env::var("CASEBOOK_SITE_ROOT").unwrap_or_else(|_| "target/site-release".to_owned());
    workspace.join(site).display().to_string()
}

/// The PostgreSQL server tests create their databases on.
fn postgres_admin_url() -> String {
    std::env::var("TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

/// A database that exists for one test and is removed when the test ends.
pub enum TestDatabase {
    Sqlite(tempfile::TempDir),
    Postgres { admin_url: String, name: String },
}

impl TestDatabase {
    /// Creates an empty database: a file in a temporary folder, or a new PostgreSQL database.
    pub async fn create(engine: Engine) -> anyhow::Result<Self> {
        sqlx::any::install_default_drivers();
        Ok(match engine {
            Engine::Sqlite => TestDatabase::Sqlite(tempfile::tempdir()?),
            Engine::Postgres => {
                let admin_url = postgres_admin_url();
                let name = format!("casebook_test_{}", uuid::Uuid::new_v4().simple());
                let mut admin = sqlx::AnyConnection::connect(&admin_url).await.with_context(|| {
                    format!("PostgreSQL must be reachable at {admin_url} (TEST_POSTGRES_URL)")
                })?;
                admin.execute(format!("CREATE DATABASE {name}").as_str()).await?;
                TestDatabase::Postgres { admin_url, name }
            }
        })
    }

    /// The URL the application connects to.
    pub fn url(&self) -> String {
        match self {
            TestDatabase::Sqlite(dir) => format!("sqlite://{}", dir.path().join("casebook.db").display()),
            TestDatabase::Postgres { admin_url, name } => match admin_url.rsplit_once('/') {
                Some((server, _)) => format!("{server}/{name}"),
                None => format!("{admin_url}/{name}"),
            },
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let TestDatabase::Postgres { admin_url, name } = self else { return };
        let statement = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        let admin_url = admin_url.clone();
        // On a thread of its own with its own runtime: the test's runtime may be shutting down
        // (after a panic, say), when blocking on it would wait for ever.
        let dropping = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
            runtime.block_on(async move {
                let mut admin = sqlx::AnyConnection::connect(&admin_url).await?;
                admin.execute(statement.as_str()).await?;
                anyhow::Ok(())
            })
        });
        let _ = dropping.join();
    }
}

/// A parsed HTML page, so assertions do not depend on attribute order, whitespace or Leptos's
/// hydration markers.
pub struct Page(scraper::Html);

impl Page {
    pub fn parse(html: &str) -> Page {
        Page(scraper::Html::parse_document(html))
    }

    fn select(&self, selector: &str) -> anyhow::Result<Vec<scraper::ElementRef<'_>>> {
        let selector = scraper::Selector::parse(selector)
            .map_err(|e| anyhow::anyhow!("bad selector {selector}: {e}"))?;
        Ok(self.0.select(&selector).collect())
    }

    /// The whitespace-normalised text of every element the CSS selector matches.
    pub fn texts(&self, selector: &str) -> anyhow::Result<Vec<String>> {
        Ok(self
            .select(selector)?
            .into_iter()
            .map(|e| e.text().collect::<Vec<_>>().join(" ").split_whitespace().collect::<Vec<_>>().join(" "))
            .collect())
    }

    /// The text of the first match, or an error naming the selector.
    pub fn text(&self, selector: &str) -> anyhow::Result<String> {
        self.texts(selector)?.into_iter().next().ok_or_else(|| anyhow::anyhow!("nothing matches {selector}"))
    }

    /// How many elements the selector matches.
    pub fn count(&self, selector: &str) -> anyhow::Result<usize> {
        Ok(self.select(selector)?.len())
    }

    /// Everything on the page that could run script an author or learner wrote: event-handler
    /// attributes, `javascript:` and `data:` addresses, frames, objects, embeds, `<base>`, refresh
    /// `<meta>`, style elements and script-bearing styles, and scripts other than Casebook's own.
    pub fn script_risks(&self) -> Vec<String> {
        const URL_ATTRIBUTES: [&str; 10] = [
            "href",
            "src",
            "action",
            "formaction",
            "background",
            "dynsrc",
            "lowsrc",
            "data",
            "xlink:href",
            "poster",
        ];
        const DANGEROUS: [&str; 8] =
            ["iframe", "object", "embed", "frame", "frameset", "base", "applet", "style"];
        let mut risks = Vec::new();
        let all = scraper::Selector::parse("*").expect("a selector");
        for element in self.0.select(&all) {
            let tag = element.value().name().to_ascii_lowercase();
            if DANGEROUS.contains(&tag.as_str()) {
                risks.push(format!("a <{tag}> element"));
            }
            if tag == "meta" && element.value().attr("http-equiv").is_some() {
                risks.push("a <meta http-equiv>".into());
            }
            if tag == "script" {
                let own = element.value().attr("src").is_none_or(|src| src.starts_with("/pkg/"));
                let text: String = element.text().collect();
                if !own || text.contains("alert(") || text.contains("xss.example") {
                    risks.push(format!("a script: {}", text.chars().take(80).collect::<String>()));
                }
            }
            for (name, value) in element.value().attrs() {
                let name = name.to_ascii_lowercase();
                let squashed: String = value
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect::<String>()
                    .to_ascii_lowercase();
                if name.starts_with("on") {
                    risks.push(format!("<{tag} {name}>"));
                }
                if URL_ATTRIBUTES.contains(&name.as_str())
                    && (squashed.starts_with("javascript:")
                        || squashed.starts_with("data:text/html")
                        || squashed.starts_with("vbscript:"))
                {
                    risks.push(format!("<{tag} {name}={value}>"));
                }
                if name == "style" && (squashed.contains("expression(") || squashed.contains("javascript:")) {
                    risks.push(format!("<{tag} style={value}>"));
                }
            }
        }
        risks
    }

    /// An attribute of the first match.
    pub fn attr(&self, selector: &str, name: &str) -> anyhow::Result<Option<String>> {
        Ok(self.select(selector)?.first().and_then(|e| e.value().attr(name)).map(str::to_owned))
    }

    /// An attribute of every match that has it.
    pub fn attrs(&self, selector: &str, name: &str) -> anyhow::Result<Vec<String>> {
        Ok(self.select(selector)?.iter().filter_map(|e| e.value().attr(name)).map(str::to_owned).collect())
    }
}

/// The audit record of something a test set up directly in the database.
fn fixture(action: AuditAction) -> AuditRecord<'static> {
    AuditRecord { action, actor: None, subject: None, detail: "test fixture", client_address: None }
}

/// The password of every account the tests create.
pub const PASSWORD: &str = "tidy lantern orbits quietly";

pub const LEARNER_A: &str = "learner.a@test.example";
pub const LEARNER_B: &str = "learner.b@test.example";
pub const TRAINER: &str = "trainer@test.example";
pub const LEAD_A: &str = "lead.a@test.example";
pub const LEAD_B: &str = "lead.b@test.example";
pub const ADMIN: &str = "admin@test.example";

/// Two regions, a practice in each, and one person of every kind: a learner in each region, a
/// trainer, a deanery lead for each region and an admin.
pub struct World {
    pub region_a: RegionId,
    pub region_b: RegionId,
    pub practice_a: PracticeId,
    pub practice_b: PracticeId,
    pub learner_a: PersonId,
    pub learner_b: PersonId,
    pub trainer: PersonId,
    pub lead_a: PersonId,
    pub lead_b: PersonId,
    pub admin: PersonId,
}

static PASSWORD_HASH: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();

impl TestApp {
    /// Creates the [`World`] directly in the database.
    pub async fn world(&self) -> anyhow::Result<World> {
        let db = &self.state.db;
        let now = self.state.clock.now_ms();
        let audit = fixture(AuditAction::OrganisationChanged);
        let region_a = db.create_region("Region A", &audit, now).await?;
        let region_b = db.create_region("Region B", &audit, now).await?;
        let practice_a = db
            .create_practice(
                region_a,
                &OdsCode::parse("A00001").map_err(anyhow::Error::msg)?,
                "Practice A",
                &audit,
                now,
            )
            .await?;
        let practice_b = db
            .create_practice(
                region_b,
                &OdsCode::parse("B00001").map_err(anyhow::Error::msg)?,
                "Practice B",
                &audit,
                now,
            )
            .await?;
        let learner =
            |email, practice| (email, vec![RoleGrant { role: Role::Learner, region: None }], Some(practice));
        let only = |role, region| vec![RoleGrant { role, region }];
        Ok(World {
            region_a,
            region_b,
            practice_a,
            practice_b,
            learner_a: self.person(learner(LEARNER_A, practice_a)).await?,
            learner_b: self.person(learner(LEARNER_B, practice_b)).await?,
            trainer: self.person((TRAINER, only(Role::Trainer, None), None)).await?,
            lead_a: self.person((LEAD_A, only(Role::DeaneryLead, Some(region_a)), None)).await?,
            lead_b: self.person((LEAD_B, only(Role::DeaneryLead, Some(region_b)), None)).await?,
            admin: self.person((ADMIN, only(Role::Admin, None), None)).await?,
        })
    }

    /// The test password's hash (made once per test binary: hashing is slow on purpose).
    pub async fn password_hash(&self) -> anyhow::Result<String> {
        let hasher = self.state.hasher.clone();
        let hash = PASSWORD_HASH
            .get_or_try_init(
                || async move { hasher.hash(secrecy::SecretString::from(PASSWORD.to_owned())).await },
            )
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        Ok(hash.clone())
    }

    /// Creates a person with the test password.
    pub async fn person(
        &self,
        (email, grants, practice): (&str, Vec<RoleGrant>, Option<PracticeId>),
    ) -> anyhow::Result<PersonId> {
        let hash = self.password_hash().await?;
        let email = EmailAddress::parse(email).map_err(anyhow::Error::msg)?;
        let learner = grants.iter().any(|g| g.role == Role::Learner);
        let person = NewPerson {
            email: &email,
            name: email.as_str().split('@').next().unwrap_or_default(),
            password_hash: &hash,
            session_key: "initial",
            gmc_number: None,
            practice,
            career_stage: learner.then_some(CareerStage::Gp),
            grants: &grants,
            granted_by: None,
        };
        let audit = fixture(AuditAction::Registered);
        Ok(self.state.db.create_person(&person, &audit, self.state.clock.now_ms()).await?)
    }

    /// A further practice in `region`, created directly in the database.
    pub async fn practice(&self, region: RegionId, ods: &str, name: &str) -> anyhow::Result<PracticeId> {
        let audit = fixture(AuditAction::OrganisationChanged);
        let ods = OdsCode::parse(ods).map_err(anyhow::Error::msg)?;
        Ok(self.state.db.create_practice(region, &ods, name, &audit, 0).await?)
    }
}
