//! The reports' kept months (a date range, or every region) against the same months added up from
//! the per-attempt records: learners who finish in two months, retake, move practice and move
//! region give the same figures either way, for each region and for every region together; a range
//! adds its months up; and the migration's backfill makes the months of records kept before it.

use std::time::Duration;

use app::domain::ids::RegionId;
use app::domain::reports::disclosure::Shown;
use app::ssr::db::month_totals::{month_bounds, month_of};
use app::ssr::db::reports::Scope;
use app::ssr::generate::{Plan, generate};
use app::wire::report_view::ReportView;
use casebook_tests::{ADMIN, Engine, LEAD_A, TestApp, on_both_engines};
use serde_json::Value;

use crate::learning::{Knowing, MARGARET, publish};
use crate::region_totals::{assert_same, retake_at};
use crate::reports::learners_finish;

on_both_engines!(
    kept_months_match_the_records_through_retakes_and_moves,
    the_migration_makes_the_months_of_records_kept_before_it,
);

/// One month of a scope twice: the kept month, and the records of that month added up.
async fn both_ways(app: &TestApp, region: Option<RegionId>, month: &str) -> anyhow::Result<(Value, Value)> {
    let db = &app.state.db;
    let kept = db.month_figures(region, month, month).await?;
    let (from_ms, to_ms) = month_bounds(month).ok_or_else(|| anyhow::anyhow!("{month}"))?;
    let records = db.figures_from_records(Scope { region, from_ms, to_ms, whole_history: false }).await?;
    Ok((serde_json::to_value(kept)?, serde_json::to_value(records)?))
}

async fn kept_months_match_the_records_through_retakes_and_moves(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let world = app.world().await?;
    publish(&app, MARGARET).await?;
    let (practice_a, practice_b) = (world.practice_a.0.to_string(), world.practice_b.0.to_string());
    // The first month: eight finish; one retakes; one moves to region B and retakes there.
    learners_finish(&app, world.practice_a, 0, 8, Knowing::Wrong("3")).await?;
    retake_at(&app, "gp0@test.example", &practice_a, Knowing::Right("3")).await?;
    retake_at(&app, "gp2@test.example", &practice_b, Knowing::Right("2")).await?;
    let first = month_of(app.state.clock.now_ms());
    // Forty days on: six more finish, one of the first eight retakes, another moves region.
    app.state.clock.advance(Duration::from_secs(40 * 86_400));
    learners_finish(&app, world.practice_a, 8, 6, Knowing::Right("2")).await?;
    retake_at(&app, "gp1@test.example", &practice_a, Knowing::Wrong("1")).await?;
    retake_at(&app, "gp3@test.example", &practice_b, Knowing::Right("2")).await?;
    let second = month_of(app.state.clock.now_ms());
    app.months_refreshed().await?;

    for region in [Some(world.region_a), Some(world.region_b), None] {
        for month in [&first, &second] {
            let (kept, records) = both_ways(&app, region, month).await?;
            assert_same(&kept, &records, &format!("{region:?} {month}"));
        }
    }
    // Every region together counts the learner who moved once in the first month; the regions'
    // own months count them in each.
    let learners = |figures: &app::ssr::db::month_totals::MonthFigures| figures.learning.themes[0].learners;
    let db = &app.state.db;
    let (a, b, all) = (
        db.month_figures(Some(world.region_a), &first, &first).await?,
        db.month_figures(Some(world.region_b), &first, &first).await?,
        db.month_figures(None, &first, &first).await?,
    );
    assert_eq!(learners(&all), 8);
    assert_eq!(learners(&a) + learners(&b), 9);
    // A range adds its months up: learners once in each month they took part.
    let both = db.month_figures(None, &first, &second).await?;
    let later = db.month_figures(None, &second, &second).await?;
    assert_eq!(learners(&both), learners(&all) + learners(&later));
    assert_eq!(both.uptake.overall.started, all.uptake.overall.started + later.uptake.overall.started);
    assert_eq!(both.uptake.by_month.len(), 2);

    // Through the page's server function: a range and every region say they are added up by month.
    let lead = app.signed_in(LEAD_A).await?;
    let range = [("from", format!("{first}-15")), ("to", format!("{second}-02"))];
    let range: Vec<(&str, &str)> = range.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let view: ReportView = app.post(&lead, "/api/reports/view_report", &range).await?.json().await?;
    assert!(view.report.by_months);
    assert_eq!(view.report.by_month.len(), 2, "whole months, whatever the days");
    let own: ReportView = app.post(&lead, "/api/reports/view_report", &[]).await?.json().await?;
    assert!(!own.report.by_months, "a region's whole history counts each learner once");
    let admin = app.signed_in(ADMIN).await?;
    let everywhere: ReportView =
        app.post(&admin, "/api/reports/view_report", &[("region", "all")]).await?.json().await?;
    assert!(everywhere.report.by_months);
    assert_eq!(everywhere.report.overall.started, Shown::Count(20), "18 attempts, rounded to 20");
    Ok(())
}

/// A database whose records were written before the kept months existed: migration 0020 (undone
/// here, then run again) marks their months, and the workers make them.
async fn the_migration_makes_the_months_of_records_kept_before_it(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let plan = Plan { responses: 4_000, seed: 11, regions: 2, practices_per_region: 4 };
    let now = app.state.clock.now_ms();
    let made = generate(&app.state.db, plan, &app.password_hash().await?, now, |_| {}).await?;
    let pool = sqlx::AnyPool::connect(&app.database_url()).await?;
    for table in [
        "month_totals_due",
        "month_uptake",
        "month_minutes",
        "month_theme_totals",
        "month_practice_gains",
        "month_attitude_totals",
        "month_decision_totals",
        "month_ambivalence",
        "month_pair_totals",
    ] {
        sqlx::query(&format!("DROP TABLE {table}")).execute(&pool).await?;
    }
    sqlx::query("DELETE FROM _sqlx_migrations WHERE version = 20").execute(&pool).await?;
    app.state.db.migrate().await?;
    // Every month an attempt was started or finished in (UK time) is due, for its region and for
    // every region together.
    let due: Vec<(i64, String)> =
        sqlx::query_as("SELECT scope_id, month FROM month_totals_due").fetch_all(&pool).await?;
    let attempts: Vec<(Option<i64>, i64, Option<i64>)> =
        sqlx::query_as("SELECT region_id, started_at, completed_at FROM attempts").fetch_all(&pool).await?;
    for (region, started, completed) in attempts {
        for at in [Some(started), completed].into_iter().flatten() {
            for scope in [region.unwrap_or_default(), 0] {
                assert!(due.contains(&(scope, month_of(at))), "{scope} {} is not due", month_of(at));
            }
        }
    }
    app.months_refreshed().await?;
    let months: Vec<String> =
        sqlx::query_scalar("SELECT DISTINCT month FROM month_uptake ORDER BY month").fetch_all(&pool).await?;
    assert!(months.len() >= 4, "{months:?}");
    for region in made.regions.iter().copied().map(Some).chain([None]) {
        for month in &months {
            let (kept, records) = both_ways(&app, region, month).await?;
            assert_same(&kept, &records, &format!("{region:?} {month}"));
        }
    }
    Ok(())
}
