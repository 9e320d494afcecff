//! A PostgreSQL outage under load. The server process reaches PostgreSQL through a proxy the test
//! cuts: while the database is away pages answer 503 with the friendly page, server functions 503,
//! `/readyz` fails and `/healthz` does not; once it is back the same process serves again without a
//! restart, and every answer it acknowledged, before, during or after, is recorded exactly once.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use app::wire::step_view::StepView;
use casebook_tests::server_process::Server;
use casebook_tests::tcp_proxy::TcpProxy;
use casebook_tests::{Engine, LEARNER_A, Page, TestApp};
use reqwest::StatusCode;
use sqlx::{Connection, Row};
use tokio::sync::Mutex;

use crate::learning::{Knowing, MARGARET, MARGARET_SLUG, current, fields_for, publish, send, start};

/// What the learner's load saw: the answers acknowledged and every status answered.
#[derive(Default)]
struct Seen {
    acknowledged: Mutex<Vec<String>>,
    statuses: Mutex<BTreeSet<u16>>,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_site_answers_503_while_postgres_is_away_and_recovers_by_itself() -> anyhow::Result<()> {
    let app = Arc::new(TestApp::spawn(Engine::Postgres).await?);
    app.world().await?;
    let margaret = Arc::new(publish(&app, MARGARET).await?);
    let mut direct = url::Url::parse(&app.database_url())?;
    let upstream = format!("{}:{}", direct.host_str().unwrap_or("127.0.0.1"), direct.port().unwrap_or(5432));
    let proxy = TcpProxy::start(&upstream).await?;
    let (host, port) = proxy.address.split_once(':').ok_or_else(|| anyhow::anyhow!("an address"))?;
    direct.set_host(Some(host))?;
    direct.set_port(port.parse().ok()).map_err(|()| anyhow::anyhow!("a port"))?;
    let server = Server::start_on(direct.as_str(), &[])?;
    let site = Arc::new(app.behind(server.address.clone()));
    let learner = site.signed_in(LEARNER_A).await?;
    let attempt = start(&site, &learner, MARGARET_SLUG).await?;

    let seen = Arc::new(Seen::default());
    let stop = Arc::new(AtomicBool::new(false));
    let load = tokio::spawn(answer_until(
        site.clone(),
        learner.clone(),
        margaret.clone(),
        attempt.clone(),
        seen.clone(),
        stop.clone(),
    ));
    wait_for_answers(&seen, 3).await?;

    proxy.cut();
    let ready = site.get("/readyz").await?;
    assert_eq!(ready.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(ready.text().await?, "not ready: database unreachable");
    assert_eq!(site.get("/healthz").await?.status(), StatusCode::OK, "the process itself is alive");
    let page = learner.get(site.url("/modules")).send().await?;
    assert_eq!(page.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(Page::parse(&page.text().await?).text("h1")?, "Sorry, the service is unavailable");
    let call = site.post(&learner, "/api/learning/view_step", &[("attempt", &attempt)]).await?;
    assert_eq!(call.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(casebook_tests::app_error(call).await?, app::error::AppError::Unavailable);
    let during = seen.acknowledged.lock().await.len();

    proxy.restore();
    let mut ready = false;
    for _ in 0..60 {
        if site.get("/readyz").await?.status() == StatusCode::OK {
            ready = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert!(ready, "ready again once PostgreSQL is back, without a restart");
    wait_for_answers(&seen, during + 3).await?;
    stop.store(true, Ordering::SeqCst);
    load.await??;
    let page = learner.get(site.url("/modules")).send().await?;
    assert_eq!(page.status(), StatusCode::OK, "pages are served again");

    let statuses = seen.statuses.lock().await.clone();
    assert!(statuses.contains(&503), "the load met the outage: {statuses:?}");
    assert!(statuses.iter().all(|s| [200, 503].contains(s)), "only answers or 503s: {statuses:?}");
    let acknowledged = seen.acknowledged.lock().await.clone();
    let mut connection = sqlx::AnyConnection::connect(&app.database_url()).await?;
    for key in &acknowledged {
        let count: i64 = sqlx::query("SELECT COUNT(*) FROM responses WHERE idempotency_key = $1")
            .bind(key)
            .fetch_one(&mut connection)
            .await?
            .try_get(0)?;
        assert_eq!(count, 1, "acknowledged answer {key} is recorded once");
    }
    Ok(())
}

async fn wait_for_answers(seen: &Seen, at_least: usize) -> anyhow::Result<()> {
    for _ in 0..200 {
        if seen.acknowledged.lock().await.len() >= at_least {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    anyhow::bail!("the learner's answers were not acknowledged")
}

/// The learner answering step after step; a failed answer is sent again with its key.
async fn answer_until(
    site: Arc<TestApp>,
    learner: reqwest::Client,
    module: Arc<app::domain::curriculum::module::ModuleDefinition>,
    attempt: String,
    seen: Arc<Seen>,
    stop: Arc<AtomicBool>,
) -> anyhow::Result<()> {
    let mut view: Option<StepView> = None;
    while !stop.load(Ordering::SeqCst) {
        let Some(shown) = view.take() else {
            view = current(&site, &learner, &attempt).await.ok();
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        let fields = fields_for(&module, &shown, Knowing::Right("2"), Knowing::Right("3"));
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let response = send(&site, &learner, &shown, &fields).await?;
        let status = response.status();
        seen.statuses.lock().await.insert(status.as_u16());
        view = if status.is_success() {
            let next: StepView = response.json().await?;
            if next.notice.is_none() {
                seen.acknowledged.lock().await.push(shown.submission.clone());
            }
            Some(next)
        } else if status.is_server_error() {
            tokio::time::sleep(Duration::from_millis(100)).await;
            Some(shown)
        } else {
            None
        };
    }
    Ok(())
}
