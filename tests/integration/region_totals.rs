//! A region's kept totals (read when its report asks for no dates) against the same figures added
//! up from the per-attempt summaries: learners who finish, retake a module, and move practice or
//! region between attempts give the same figures either way.

use app::domain::ids::RegionId;
use app::ssr::db::reports::Scope;
use app::ssr::generate::{Plan, generate};
use casebook_tests::{ADMIN, Engine, TestApp, on_both_engines};
use serde_json::Value;

use crate::learning::{Knowing, MARGARET, MARGARET_SLUG, answer_steps, publish, start};
use crate::reports::learners_finish;

on_both_engines!(
    kept_totals_match_the_summaries_through_retakes_and_moves,
    the_migration_adds_up_the_records_kept_before_it,
);

/// A region's learning figures twice: its kept totals, and the per-attempt summaries added up.
pub(crate) async fn both_ways(app: &TestApp, region: RegionId) -> anyhow::Result<(Value, Value)> {
    let db = &app.state.db;
    let kept = db.region_totals(region).await?;
    let whole = Scope { region: Some(region), from_ms: 0, to_ms: i64::MAX / 2, whole_history: false };
    let summed = db.summed_learning(whole).await?;
    Ok((serde_json::to_value(kept)?, serde_json::to_value(summed)?))
}

/// The two values are the same, numbers to 1e-9 (the kept sums are added in a different order).
pub(crate) fn assert_same(kept: &Value, summed: &Value, at: &str) {
    match (kept, summed) {
        (Value::Number(a), Value::Number(b)) => {
            let (a, b) = (a.as_f64().unwrap_or(f64::NAN), b.as_f64().unwrap_or(f64::NAN));
            assert!((a - b).abs() < 1e-9, "{at}: kept {a}, summed {b}");
        }
        (Value::Array(a), Value::Array(b)) => {
            assert_eq!(a.len(), b.len(), "{at}: {kept} against {summed}");
            for (i, (a, b)) in a.iter().zip(b).enumerate() {
                assert_same(a, b, &format!("{at}[{i}]"));
            }
        }
        (Value::Object(a), Value::Object(b)) => {
            assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>(), "{at}");
            for (key, a) in a {
                assert_same(a, &b[key], &format!("{at}.{key}"));
            }
        }
        _ => assert_eq!(kept, summed, "{at}"),
    }
}

/// `email` (made by `learners_finish`) moves to `practice`, then takes Margaret again.
pub(crate) async fn retake_at(
    app: &TestApp,
    email: &str,
    practice: &str,
    knowing: Knowing,
) -> anyhow::Result<()> {
    let margaret = app::ssr::module_file::read_module(MARGARET).map_err(|p| anyhow::anyhow!("{p:?}"))?;
    let learner = app.signed_in(email).await?;
    let profile =
        [("full_name", "Dr Moved"), ("gmc_number", ""), ("practice", practice), ("career_stage", "gp")];
    let moved = app.post(&learner, "/api/account/update_profile", &profile).await?;
    anyhow::ensure!(moved.status().is_success(), "moving {email}: {}", moved.status());
    let attempt = start(app, &learner, MARGARET_SLUG).await?;
    answer_steps(app, &learner, &margaret, &attempt, (knowing, Knowing::Right("1")), 200).await?;
    Ok(())
}

async fn kept_totals_match_the_summaries_through_retakes_and_moves(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let world = app.world().await?;
    publish(&app, MARGARET).await?;
    let admin = app.signed_in(ADMIN).await?;
    let region_a = world.region_a.0.to_string();
    let new_practice =
        [("region", region_a.as_str()), ("ods_code", "A81099"), ("practice_name", "Second Street Surgery")];
    app.post(&admin, "/api/admin/create_practice", &new_practice).await?;
    let second_a = app
        .state
        .db
        .organisations()
        .await?
        .practices
        .iter()
        .find(|p| p.name == "Second Street Surgery")
        .map(|p| p.id.0.to_string())
        .ok_or_else(|| anyhow::anyhow!("the new practice is missing"))?;

    learners_finish(&app, world.practice_a, 0, 8, Knowing::Wrong("3")).await?;
    learners_finish(&app, world.practice_a, 8, 6, Knowing::Right("2")).await?;
    // Retakes in the same practice (the learner's answers are pooled, not counted twice), a move
    // within the region (their part moves practice), and a move to another region.
    let same_a = world.practice_a.0.to_string();
    retake_at(&app, "gp0@test.example", &same_a, Knowing::Right("3")).await?;
    retake_at(&app, "gp8@test.example", &same_a, Knowing::Wrong("1")).await?;
    retake_at(&app, "gp1@test.example", &second_a, Knowing::Right("2")).await?;
    retake_at(&app, "gp2@test.example", &world.practice_b.0.to_string(), Knowing::Right("2")).await?;
    retake_at(&app, "gp2@test.example", &world.practice_b.0.to_string(), Knowing::Wrong("2")).await?;

    let (kept, summed) = both_ways(&app, world.region_a).await?;
    assert_same(&kept, &summed, "region A");
    // Enough learners that the figures compared are shown, not suppressed.
    let theme = &kept["themes"][0];
    assert!(theme["learners"].as_i64().is_some_and(|n| n >= 8), "{kept}");
    assert!(kept["practices"].as_object().is_some_and(|p| !p.is_empty()), "{kept}");
    let (kept_b, summed_b) = both_ways(&app, world.region_b).await?;
    assert_same(&kept_b, &summed_b, "region B");
    Ok(())
}

/// A database whose summaries were written before the kept totals existed: migration 0010 (undone
/// here, then run again) fills the totals from them.
async fn the_migration_adds_up_the_records_kept_before_it(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let plan = Plan { responses: 5_000, seed: 7, regions: 2, practices_per_region: 4 };
    let made = generate(&app.state.db, plan, &app.password_hash().await?, 1_790_000_000_000, |_| {}).await?;
    let pool = sqlx::AnyPool::connect(&app.database_url()).await?;
    for undo in [
        "DROP TABLE region_theme_totals",
        "DROP TABLE region_practice_gains",
        "DROP TABLE region_attitude_totals",
        "DROP TABLE region_decision_totals",
        "DROP INDEX attempt_decisions_by_attempt",
        "DELETE FROM _sqlx_migrations WHERE version = 10",
    ] {
        sqlx::query(undo).execute(&pool).await?;
    }
    app.state.db.migrate().await?;
    let (kept, summed) = both_ways(&app, made.regions[0]).await?;
    assert!(kept["themes"][0]["learners"].as_i64().is_some_and(|n| n > 0), "{kept}");
    assert_same(&kept, &summed, "migrated region");
    Ok(())
}
