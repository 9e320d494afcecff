//! Crash safety: the server process is killed with SIGKILL while a thousand answers are in flight,
//! ten times over. After each kill every answer the server acknowledged is recorded exactly once,
//! no answer is recorded twice, and SQLite's own integrity check passes. The durability settings
//! this relies on (WAL, `synchronous = FULL`) are explained in `app/src/ssr/db/connect.rs`.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use app::domain::curriculum::module::ModuleDefinition;
use app::domain::role::{Role, RoleGrant};
use app::wire::step_view::{StepContent, StepView};
use casebook_tests::server_process::Server;
use casebook_tests::{Engine, TestApp, on_both_engines};
use sqlx::{Connection, Row};
use tokio::sync::Mutex;

use crate::learning::{Knowing, current, fields_for, publish, send, start};

on_both_engines!(acknowledged_answers_survive_sigkill);

/// 250 learners × 4 modules: 1,000 attempts, each with one answer in flight at a time.
const LEARNERS: usize = 250;
const ROUNDS: usize = 10;
const MODULES: [&str; 4] = [
    crate::learning::MARGARET,
    crate::learning::PRIYA,
    include_str!("../../curriculum/benzodiazepines/jim.toml"),
    include_str!("../../curriculum/benzodiazepines/david.toml"),
];

/// One learner's attempt at one module, as the load drives it.
struct Taker {
    client: reqwest::Client,
    module: Arc<ModuleDefinition>,
    attempt: String,
    /// The step last shown, kept across a kill: an answer that was never acknowledged is sent
    /// again with the same submission key, as a browser retrying it would.
    shown: Mutex<Option<StepView>>,
}

/// What the load has seen: the answers the server acknowledged, and how many are in flight now.
#[derive(Default)]
struct Load {
    acknowledged: Mutex<Vec<String>>,
    acknowledged_count: AtomicUsize,
    in_flight: AtomicUsize,
    killed: AtomicBool,
}

async fn acknowledged_answers_survive_sigkill(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let takers = Arc::new(takers(&app).await?);
    let load = Arc::new(Load::default());
    for round in 0..ROUNDS {
        let mut server = Server::start(app.database())?;
        let target = Arc::new(app.behind(server.address.clone()));
        load.killed.store(false, Ordering::SeqCst);
        let before = load.acknowledged_count.load(Ordering::SeqCst);
        let workers: Vec<_> = (0..takers.len())
            .map(|n| tokio::spawn(drive(target.clone(), takers.clone(), n, load.clone())))
            .collect();
        // Kill at a different point each round, with the load in full flow.
        let kill_after = before + 10 + 10 * round;
        for _ in 0..600 {
            if load.acknowledged_count.load(Ordering::SeqCst) >= kill_after {
                break;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        let in_flight = load.in_flight.load(Ordering::SeqCst);
        server.signal("KILL")?;
        load.killed.store(true, Ordering::SeqCst);
        assert_eq!(server.exit_code().await?, None, "round {round}: the process died of the signal");
        for worker in workers {
            worker.await?;
        }
        let acknowledged = load.acknowledged_count.load(Ordering::SeqCst) - before;
        assert!(acknowledged > 0, "round {round}: the load was answered before the kill");
        assert!(in_flight >= 900, "round {round}: only {in_flight} answers were in flight at the kill");
        check_records(&app.database_url(), engine, &load.acknowledged.lock().await).await?;
    }
    Ok(())
}

/// Learners in one practice, each signed in and started on every module.
async fn takers(app: &TestApp) -> anyhow::Result<Vec<Taker>> {
    let world = app.world().await?;
    let mut modules = Vec::new();
    for text in MODULES {
        modules.push(Arc::new(publish(app, text).await?));
    }
    let mut takers = Vec::new();
    for n in 0..LEARNERS {
        let email = format!("crash-learner-{n}@example.org");
        let grants = vec![RoleGrant { role: Role::Learner, region: None }];
        app.person((&email, grants, Some(world.practice_a))).await?;
        let client = app.signed_in(&email).await?;
        for module in &modules {
            let attempt = start(app, &client, &module.slug).await?;
            takers.push(Taker {
                client: client.clone(),
                module: module.clone(),
                attempt,
                shown: Mutex::default(),
            });
        }
    }
    Ok(takers)
}

/// Answers one attempt's steps until the server is killed, noting every acknowledged answer. An
/// answer that failed is sent again (same key); one that was refused is followed by asking the
/// server which step the attempt is on.
async fn drive(app: Arc<TestApp>, takers: Arc<Vec<Taker>>, n: usize, load: Arc<Load>) {
    let taker = &takers[n];
    let mut view = taker.shown.lock().await.take();
    while !load.killed.load(Ordering::SeqCst) {
        let Some(shown) = view.take() else {
            view = current(&app, &taker.client, &taker.attempt).await.ok();
            if view.is_none() {
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            continue;
        };
        if matches!(shown.content, StepContent::Finished { .. }) {
            view = Some(shown);
            break;
        }
        let fields = fields_for(&taker.module, &shown, Knowing::Right("2"), Knowing::Right("3"));
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        load.in_flight.fetch_add(1, Ordering::SeqCst);
        let answered = send(&app, &taker.client, &shown, &fields).await;
        load.in_flight.fetch_sub(1, Ordering::SeqCst);
        view = match answered {
            Ok(response) if response.status().is_success() => match response.json::<StepView>().await {
                // Acknowledged only once the whole answer has arrived, and only if it recorded
                // this answer (not "already answered", for an answer sent again).
                Ok(next) => {
                    if next.notice.is_none() {
                        load.acknowledged.lock().await.push(shown.submission.clone());
                        load.acknowledged_count.fetch_add(1, Ordering::SeqCst);
                    }
                    Some(next)
                }
                Err(_) => Some(shown),
            },
            Ok(response) if response.status().is_client_error() => None,
            _ => {
                tokio::time::sleep(Duration::from_millis(20)).await;
                Some(shown)
            }
        };
    }
    *taker.shown.lock().await = view;
}

/// Every acknowledged answer is there exactly once, no step is answered twice, and (SQLite) the
/// file passes `PRAGMA integrity_check`.
async fn check_records(url: &str, engine: Engine, acknowledged: &[String]) -> anyhow::Result<()> {
    let mut connection = sqlx::AnyConnection::connect(url).await?;
    if engine == Engine::Sqlite {
        let check: String =
            sqlx::query("PRAGMA integrity_check").fetch_one(&mut connection).await?.try_get(0)?;
        assert_eq!(check, "ok", "SQLite's integrity check");
    }
    let rows = sqlx::query("SELECT idempotency_key, COUNT(*) FROM responses GROUP BY idempotency_key")
        .fetch_all(&mut connection)
        .await?;
    let mut counts = std::collections::HashMap::new();
    for row in rows {
        counts.insert(row.try_get::<String, _>(0)?, row.try_get::<i64, _>(1)?);
    }
    assert!(counts.values().all(|&n| n == 1), "no answer is recorded twice");
    let missing: Vec<&String> = acknowledged.iter().filter(|key| !counts.contains_key(*key)).collect();
    assert!(missing.is_empty(), "{} acknowledged answers are missing", missing.len());
    let repeated: i64 = sqlx::query(
        "SELECT COUNT(*) FROM (SELECT attempt_id, step FROM responses GROUP BY attempt_id, step \
         HAVING COUNT(*) > 1) AS twice",
    )
    .fetch_one(&mut connection)
    .await?
    .try_get(0)?;
    assert_eq!(repeated, 0, "no step of an attempt is answered twice");
    connection.close().await?;
    Ok(())
}
