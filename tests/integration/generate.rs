//! The benchmark population generator on both engines: the size asked for, the same population
//! from the same seed, records a real learner could have made, and reports that read them.

use app::domain::reports::disclosure::Shown;
use app::ssr::generate::{Plan, attempt_public_id, generate, lead_email, learner_email};
use app::wire::campaign_view::CampaignView;
use app::wire::report_view::ReportView;
use casebook_tests::{Engine, TestApp, on_both_engines};

use crate::region_totals::{assert_same, both_ways};

on_both_engines!(
    a_seeded_population_is_the_size_asked_for_and_reads_in_the_reports,
    the_planted_prescribing_effect_is_found_within_its_interval,
);

const PLAN: Plan = Plan { responses: 10_000, seed: 42, regions: 2, practices_per_region: 5 };

/// Figures that change if any generated answer changes.
async fn fingerprint(app: &TestApp) -> anyhow::Result<(i64, i64, i64, i64)> {
    let hash = app.password_hash().await?;
    let made = generate(&app.state.db, PLAN, &hash, 1_790_000_000_000, |_| {}).await?;
    assert!((made.responses - PLAN.responses).abs() < PLAN.responses / 10, "{made:?}");
    let pool = sqlx::AnyPool::connect(&app.database_url()).await?;
    let (correct, decisions, summaries): (i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT CAST(SUM(correct) AS BIGINT) FROM responses), \
         (SELECT COUNT(*) FROM attempt_decisions WHERE rating = 'unsafe'), \
         (SELECT CAST(SUM(post_right) AS BIGINT) FROM attempt_theme_scores)",
    )
    .fetch_one(&pool)
    .await?;
    Ok((made.responses, correct, decisions, summaries))
}

/// Two regions of 40 practices: each region's past campaign targeted 20, whose prescribing fell by
/// `PLANTED_FALL` after its start. The campaign page's estimate over the whole window finds the
/// planted effect within its 95% interval, and the others' level barely moves.
async fn the_planted_prescribing_effect_is_found_within_its_interval(engine: Engine) -> anyhow::Result<()> {
    use app::ssr::generate::prescribing::{PLANTED_FALL, STARTED_MONTHS_AGO};
    let app = TestApp::spawn(engine).await?;
    let hash = app.password_hash().await?;
    let plan = Plan { responses: 2_000, seed: 9, regions: 2, practices_per_region: 40 };
    let made = generate(&app.state.db, plan, &hash, app.state.clock.now_ms(), |_| {}).await?;
    assert_eq!(made.campaigns.len(), 2);
    for (r, planted) in made.campaigns.iter().enumerate() {
        assert_eq!(planted.practices.len(), 20);
        let lead = app.signed_in(&lead_email(r + 1)).await?;
        let months = STARTED_MONTHS_AGO.to_string();
        let form = [("campaign", planted.public_id.as_str()), ("months", months.as_str())];
        let view: CampaignView = app.post(&lead, "/api/campaigns/view_campaign", &form).await?.json().await?;
        let estimate =
            view.change.estimate.ok_or_else(|| anyhow::anyhow!("{:?}", view.change.no_estimate))?;
        let (low, high) = estimate.interval;
        assert!(
            low <= planted.true_effect && planted.true_effect <= high,
            "region {r}: the planted {:.2} lies in {low:.2} to {high:.2} (estimate {:.2})",
            planted.true_effect,
            estimate.effect
        );
        assert!(planted.true_effect < 0.0 && high < 0.0, "a fall of {PLANTED_FALL} is detected: {high:.2}");
        assert_eq!((estimate.group.practices, estimate.others.practices), (20, 20));
        assert_eq!(view.status, "closed", "a past campaign sends nothing");
        assert!(app.emails()?.is_empty());
    }
    Ok(())
}

async fn a_seeded_population_is_the_size_asked_for_and_reads_in_the_reports(
    engine: Engine,
) -> anyhow::Result<()> {
    let (first, second) = (TestApp::spawn(engine).await?, TestApp::spawn(engine).await?);
    assert_eq!(
        fingerprint(&first).await?,
        fingerprint(&second).await?,
        "the same seed makes the same population"
    );
    let again = generate(&first.state.db, PLAN, "x", 0, |_| {}).await;
    assert!(again.is_err(), "a second population is refused");

    // Each generated answer is one a learner could give at that step of that module.
    let pool = sqlx::AnyPool::connect(&first.database_url()).await?;
    let wrong_kind: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM responses WHERE (kind IN ('pre_item', 'post_item') AND (correct IS NULL OR certainty NOT IN (1, 2, 3))) \
         OR (kind = 'decision' AND rating IS NULL) OR (kind LIKE 'attitude%' AND answer NOT IN ('2', '3', '4', '5'))",
    )
    .fetch_one(&pool)
    .await?;
    assert_eq!(wrong_kind, 0);

    // A generated learner can sign in and open their results, as a real one would.
    let learner = first.signed_in(&learner_email(0)).await?;
    let results =
        learner.get(first.url(&format!("/attempts/{}/results", attempt_public_id(0)))).send().await?;
    assert_eq!(results.status(), reqwest::StatusCode::OK);
    assert!(results.text().await?.contains("Your results"));

    let lead = first.signed_in(&lead_email(1)).await?;
    let report: ReportView = first.post(&lead, "/api/reports/view_report", &[]).await?.json().await?;
    assert_eq!(report.report.scope, "Generated region 01");
    assert!(
        matches!(report.report.overall.completed, Shown::Count(n) if n > 50),
        "{:?}",
        report.report.overall
    );
    let theme = report.report.themes.first().ok_or_else(|| anyhow::anyhow!("no themes"))?;
    let (before, after) = (theme.right_before.unwrap_or(1.0), theme.right_after.unwrap_or(0.0));
    assert!(before < after, "the generated learners know more after the cases: {before} → {after}");
    assert_eq!(report.report.practices.len(), 5);
    // The region's kept totals, made afresh after the bulk load, are the summaries' sums.
    let region = first.state.db.organisations().await?.regions[0].id;
    let (kept, summed) = both_ways(&first, region).await?;
    assert_same(&kept, &summed, "generated region");
    Ok(())
}

/// The first start of the embedded demo (development, SQLite only) generates a population into the
/// demo regions: each demo lead's dashboard then shows figures, not stars, in every section
/// (uptake, themes, attitudes, decisions, ambivalence, matched pairs, retention at the boosters,
/// commitments' outcomes and barriers, practices and prescribing). How long the start takes is printed, for the README's claim of a few seconds.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_population_fills_each_demo_leads_dashboard() -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let app = TestApp::spawn_with(Engine::Sqlite, |settings| {
        settings.environment = server::config::Environment::Development
    })
    .await?;
    eprintln!("the demo's first start took {:.1} s (a debug build)", started.elapsed().as_secs_f64());
    let shown = |s: &Shown| matches!(s, Shown::Count(_));
    for lead in ["lead.north@casebook.example", "lead.south@casebook.example"] {
        let client = casebook_tests::new_client()?;
        let form = [("email", lead), ("password", app::ssr::demo::DEMO_PASSWORD)];
        app.post(&client, "/api/account/sign_in", &form).await?;
        let view: ReportView = app.post(&client, "/api/reports/view_report", &[]).await?.json().await?;
        let report = view.report;
        assert!(shown(&report.registered) && shown(&report.overall.learners), "{lead}: {:?}", report.overall);
        assert!(report.overall.completion_rate.is_some() && report.overall.median_minutes.is_some());
        assert!(!report.by_module.is_empty() && report.by_module.iter().all(|r| shown(&r.learners)));
        assert!(!report.themes.is_empty() && report.themes.iter().all(|t| t.gain.is_some()), "{lead} themes");
        assert!(!report.attitudes.is_empty() && report.attitudes.iter().all(|a| a.shift.is_some()));
        assert!(!report.decisions.is_empty() && report.decisions.iter().all(|d| d.poor_or_unsafe.is_some()));
        assert!(!report.ambivalence.is_empty() && report.ambivalence.iter().all(|a| a.index_after.is_some()));
        assert_eq!(report.practices.len(), 10, "{lead}: ten practices");
        assert!(report.practices.iter().all(|p| shown(&p.learners) && p.rate.is_some()), "{lead} practices");
        assert!(report.engagement.iter().all(|e| e.mean_rate.is_some()) && !report.engagement.is_empty());
        assert!(!report.trend.is_empty());
        assert!(
            !report.pairs.is_empty() && report.pairs.iter().all(|p| p.inconsistent.is_some()),
            "{lead} pairs"
        );
        assert!(report.retention.iter().any(|r| r.change.is_some()), "{lead} retention");
        assert!(!report.commitment_outcomes.is_empty());
        let outcomes = report.commitment_outcomes.iter().filter(|o| o.outcome != "All reported");
        assert!(
            outcomes.clone().count() == 3 && outcomes.into_iter().all(|o| o.share.is_some()),
            "{lead} outcomes"
        );
        assert!(report.barriers.iter().filter(|b| b.share.is_some()).count() >= 3, "{lead} barriers");
    }
    Ok(())
}
