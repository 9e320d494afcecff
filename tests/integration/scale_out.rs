//! Scale-out: two app server processes behind nginx against one PostgreSQL. A learner signs in,
//! takes a whole module and reads their results while nginx sends their requests to either
//! server in turn; the session and the attempt carry on whichever server answers.

use std::collections::BTreeSet;

use casebook_tests::nginx::Nginx;
use casebook_tests::server_process::Server;
use casebook_tests::{Engine, LEARNER_A, TestApp};

use crate::learning::{Knowing, MARGARET, MARGARET_SLUG, answer_steps, publish, start};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_learner_carries_on_whichever_server_answers() -> anyhow::Result<()> {
    let app = TestApp::spawn(Engine::Postgres).await?;
    app.world().await?;
    let margaret = publish(&app, MARGARET).await?;
    // nginx's address is the site's public address, which the servers check a form's origin against.
    let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let public = format!("http://127.0.0.1:{port}");
    let env = [("PUBLIC_URL", public.as_str())];
    let servers = [Server::start_with(app.database(), &env)?, Server::start_with(app.database(), &env)?];
    let upstreams: Vec<&str> = servers.iter().map(|s| s.address.as_str()).collect();
    let nginx = Nginx::start_on(port, &upstreams).await?;
    let through = app.behind(nginx.address.clone());

    let learner = through.signed_in(LEARNER_A).await?;
    let attempt = start(&through, &learner, MARGARET_SLUG).await?;
    let finished = answer_steps(
        &through,
        &learner,
        &margaret,
        &attempt,
        (Knowing::Right("2"), Knowing::Right("2")),
        200,
    )
    .await?;
    assert!(matches!(finished.content, app::api::learning::step_view::StepContent::Finished { .. }));

    let mut answered_by = BTreeSet::new();
    for _ in 0..6 {
        let response = learner.get(through.url(&format!("/attempts/{attempt}/results"))).send().await?;
        assert_eq!(response.status(), reqwest::StatusCode::OK, "signed in, and the results are there");
        let upstream = response.headers().get("x-upstream").and_then(|v| v.to_str().ok()).unwrap_or_default();
        answered_by.insert(upstream.to_owned());
        assert!(response.text().await?.contains("Your results"));
    }
    let expected: BTreeSet<String> =
        upstreams.iter().map(|u| u.trim_start_matches("http://").to_owned()).collect();
    assert_eq!(answered_by, expected, "both servers answered the same session");
    Ok(())
}
