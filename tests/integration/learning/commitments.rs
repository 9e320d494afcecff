//! Commitments to change, written with the reflection: up to three, each optional; a bad one is
//! refused by field with nothing recorded; a repeated submission records them once; the results,
//! the CPD log and the learner's own data export show them; the database refuses to change them.

use app::api::learning::view_results::ResultsView;
use app::domain::learning::commitment::Commitment;
use app::domain::time::format_iso_date;
use casebook_tests::{Engine, LEARNER_A, Page, TestApp, app_error, on_both_engines};

use super::*;

on_both_engines!(a_gp_commits_to_changes_with_their_reflection);

const DAY_MS: i64 = 86_400_000;

async fn a_gp_commits_to_changes_with_their_reflection(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let world = app.world().await?;
    let module = publish(&app, MARGARET).await?;
    let learner = app.signed_in(LEARNER_A).await?;
    let attempt = start(&app, &learner, MARGARET_SLUG).await?;
    let view = play_until(&app, &learner, &module, &attempt, &[], "reflection").await?;
    let now = app.state.clock.now_ms();
    let (yesterday, in_three_months) = (format_iso_date(now - DAY_MS), format_iso_date(now + 90 * DAY_MS));
    let reflection = ("reflection", "I will ask before I assume.");

    // A change with no patients and a date already past: refused by field, nothing recorded.
    let refused = send(
        &app,
        &learner,
        &view,
        &[
            reflection,
            ("commitments[0][what]", "Review every repeat hypnotic"),
            ("commitments[0][by]", &yesterday),
        ],
    )
    .await?;
    let error = app_error(refused).await?;
    assert_eq!(error.message_for("commitments[0][patients]"), Some("Say which patients change 1 is for"));
    assert_eq!(error.message_for("commitments[0][by]"), Some("The date for change 1 must be today or later"));
    assert_eq!(
        error.value_for("commitments[0][what]"),
        Some("Review every repeat hypnotic"),
        "kept to show again"
    );
    assert_eq!(stored_step(&app, world.learner_a, &attempt).await?, "reflection");

    // Two changes and a blank third; sent twice, as a double click would.
    let fields = [
        reflection,
        ("commitments[0][what]", "Review every repeat hypnotic at the medication review"),
        ("commitments[0][patients]", "over-65s on a Z-drug"),
        ("commitments[0][by]", &in_three_months),
        ("commitments[1][what]", "Offer digital CBT-I where it is commissioned"),
        ("commitments[1][patients]", "adults asking for sleeping tablets"),
        ("commitments[1][by]", &in_three_months),
        ("commitments[2][what]", ""),
        ("commitments[2][patients]", ""),
        ("commitments[2][by]", ""),
    ];
    for _ in 0..2 {
        let response = send(&app, &learner, &view, &fields).await?;
        assert!(response.status().is_success(), "{}", response.status());
    }

    let results: ResultsView =
        app.post(&learner, "/api/learning/view_results", &[("attempt", &attempt)]).await?.json().await?;
    let commitments: Vec<Commitment> = results.commitments.into_iter().map(|(c, _)| c).collect();
    assert_eq!(
        commitments,
        [
            Commitment {
                what: "Review every repeat hypnotic at the medication review".into(),
                patients: "over-65s on a Z-drug".into(),
                by: in_three_months.clone()
            },
            Commitment {
                what: "Offer digital CBT-I where it is commissioned".into(),
                patients: "adults asking for sleeping tablets".into(),
                by: in_three_months.clone()
            },
        ],
        "recorded once, blank ones left out"
    );
    let page = Page::parse(
        &learner.get(app.url(&format!("/attempts/{attempt}/results"))).send().await?.text().await?,
    );
    assert_eq!(page.text("#commitments")?, "Changes you committed to");
    assert!(page.text(".casebook-commitments")?.contains("For over-65s on a Z-drug."));

    // The CPD log carries them as the module's impact, one line each.
    let log = learner.get(app.url("/me/cpd-log.csv")).send().await?.text().await?;
    let mut reader = csv::Reader::from_reader(log.trim_start_matches('\u{feff}').as_bytes());
    let row = reader.records().next().ok_or_else(|| anyhow::anyhow!("no CPD row"))??;
    let committed = &row[7];
    assert_eq!(committed.lines().count(), 2, "{committed}");
    assert!(
        committed.starts_with(
            "Review every repeat hypnotic at the medication review. For over-65s on a Z-drug. By "
        )
    );

    let data: serde_json::Value = learner.get(app.url("/account/my-data")).send().await?.json().await?;
    assert_eq!(data["learning"][0]["commitments"][1]["patients"], "adults asking for sleeping tablets");

    use sqlx::{Connection, Executor};
    sqlx::any::install_default_drivers();
    let mut connection = sqlx::AnyConnection::connect(&app.database_url()).await?;
    assert!(connection.execute("UPDATE commitments SET what = 'nothing'").await.is_err(), "no updates");
    assert!(connection.execute("DELETE FROM commitments").await.is_err(), "no deletes");
    Ok(())
}
