//! The deanery reports over HTTP: scoping (a lead sees their own region and nothing of another,
//! through the page, the server function or a CSV), disclosure control on real records, the gain
//! arithmetic against a hand computation, and CSV exports that are audited and formula-safe.

use std::time::Duration;

use app::domain::audit::AuditAction;
use app::domain::ids::PracticeId;
use app::domain::reports::disclosure::Shown;
use app::domain::role::{Role, RoleGrant};
use app::wire::report_view::ReportView;
use casebook_tests::{
    ADMIN, Engine, LEAD_A, LEAD_B, LEARNER_A, Page, TestApp, World, new_client, on_both_engines,
};
use reqwest::StatusCode;

use crate::learning::{Knowing, MARGARET, MARGARET_SLUG, answer_steps, publish, start};

on_both_engines!(
    a_lead_sees_their_own_region_and_nothing_of_another,
    figures_are_disclosure_controlled_and_the_gain_matches_the_records,
    exports_are_audited_and_safe_in_a_spreadsheet,
);

/// `n` learners at `practice` finish Margaret, knowing the answers before the case or not, and
/// always after it.
pub(crate) async fn learners_finish(
    app: &TestApp,
    practice: PracticeId,
    first: usize,
    n: usize,
    before: Knowing,
) -> anyhow::Result<()> {
    let margaret = app::ssr::module_file::read_module(MARGARET).map_err(|p| anyhow::anyhow!("{p:?}"))?;
    for i in first..first + n {
        let email = format!("gp{i}@test.example");
        app.person((&email, vec![RoleGrant { role: Role::Learner, region: None }], Some(practice))).await?;
        let learner = app.signed_in(&email).await?;
        let attempt = start(app, &learner, MARGARET_SLUG).await?;
        answer_steps(app, &learner, &margaret, &attempt, (before, Knowing::Right("2")), 200).await?;
    }
    Ok(())
}

async fn report(
    app: &TestApp,
    client: &reqwest::Client,
    form: &[(&str, &str)],
) -> anyhow::Result<reqwest::Response> {
    app.post(client, "/api/reports/view_report", form).await
}

async fn world_with_records(app: &TestApp) -> anyhow::Result<World> {
    let world = app.world().await?;
    publish(app, MARGARET).await?;
    learners_finish(app, world.practice_a, 0, 9, Knowing::Right("2")).await?;
    Ok(world)
}

async fn a_lead_sees_their_own_region_and_nothing_of_another(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let world = world_with_records(&app).await?;
    let (lead_a, lead_b) = (app.signed_in(LEAD_A).await?, app.signed_in(LEAD_B).await?);
    let own: ReportView = report(&app, &lead_a, &[]).await?.json().await?;
    assert_eq!(own.report.scope, "Region A");
    assert_eq!(own.report.overall.started, Shown::Count(10), "nine attempts, rounded to the nearest 5");
    assert_eq!(own.regions, [(world.region_a.0, "Region A".to_owned())], "only their own region is offered");
    let theirs: ReportView = report(&app, &lead_b, &[]).await?.json().await?;
    assert_eq!(theirs.report.overall.started, Shown::Count(0));
    assert!(theirs.report.practices.is_empty());

    let region_a = world.region_a.0.to_string();
    for (path, form) in [
        ("/api/reports/view_report", vec![("region", region_a.as_str())]),
        ("/api/reports/view_report", vec![("region", "all")]),
    ] {
        let refused = app.post(&lead_b, path, &form).await?;
        assert!(
            matches!(refused.status(), StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
            "{form:?}: {}",
            refused.status()
        );
    }
    for file in ["practices.csv", "learning-by-theme.csv", "uptake-by-month.csv"] {
        let csv = lead_b.get(app.url(&format!("/reports/{file}?region={region_a}"))).send().await?;
        assert_eq!(csv.status(), StatusCode::FORBIDDEN, "{file}");
        let own_csv = lead_b.get(app.url(&format!("/reports/{file}"))).send().await?.text().await?;
        assert!(!own_csv.contains("Practice A"), "{file}: {own_csv}");
    }
    let learner = app.signed_in(LEARNER_A).await?;
    assert_eq!(report(&app, &learner, &[]).await?.status(), StatusCode::FORBIDDEN);
    assert_eq!(report(&app, &new_client()?, &[]).await?.status(), StatusCode::UNAUTHORIZED);
    let admin = app.signed_in(ADMIN).await?;
    let everywhere: ReportView = report(&app, &admin, &[("region", "all")]).await?.json().await?;
    assert_eq!(everywhere.report.scope, "All regions");
    assert_eq!(everywhere.report.overall.started, Shown::Count(10));
    Ok(())
}

async fn figures_are_disclosure_controlled_and_the_gain_matches_the_records(
    engine: Engine,
) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let world = app.world().await?;
    publish(&app, MARGARET).await?;
    // Five learners get every question wrong before the case and right after (gain 1); a month
    // later four get them right both times (gain 0).
    learners_finish(&app, world.practice_a, 0, 5, Knowing::Wrong("3")).await?;
    let first_month = app::domain::time::format_iso_date(app.state.clock.now_ms());
    app.state.clock.advance(Duration::from_secs(40 * 86_400));
    learners_finish(&app, world.practice_a, 5, 4, Knowing::Right("2")).await?;
    let lead = app.signed_in(LEAD_A).await?;
    let all: ReportView = report(&app, &lead, &[]).await?.json().await?;
    assert!(!all.report.themes.is_empty());
    for theme in &all.report.themes {
        assert_eq!(theme.learners, Shown::Count(10), "{}", theme.code);
        // Gains 1 (×5) and 0 (×4): mean 5/9; s = √((5·(4/9)² + 4·(5/9)²)/8) = 0.527046;
        // t(8) = 2.306, so the half-width is 2.306 · 0.527046 / 3 = 0.405126.
        let gain = theme.gain.ok_or_else(|| anyhow::anyhow!("no gain for {}", theme.code))?;
        assert!((gain.mean - 5.0 / 9.0).abs() < 1e-9, "{}: {}", theme.code, gain.mean);
        let (low, high) = gain.interval.ok_or_else(|| anyhow::anyhow!("no interval"))?;
        assert!((high - low - 2.0 * 0.405126).abs() < 1e-5, "{}: {low}..{high}", theme.code);
        assert!(theme.sure_wrong_before.is_some_and(|s| s > 0.5), "five of nine were very sure and wrong");
    }
    // Every learner moved from 2 (disagree) to 4 (agree) on every statement, and always chose the
    // best option.
    assert!(!all.report.attitudes.is_empty());
    for attitude in &all.report.attitudes {
        assert_eq!((attitude.before, attitude.after), (Some(2.0), Some(4.0)), "{}", attitude.statement);
        assert_eq!(attitude.shift.map(|s| (s.mean, s.interval)), Some((2.0, Some((2.0, 2.0)))));
    }
    assert!(!all.report.decisions.is_empty());
    assert!(
        all.report.decisions.iter().all(|d| d.poor_or_unsafe == Some(0.0) && d.learners == Shown::Count(10))
    );
    // The chart draws two labelled bars per theme, with its title and description for screen readers.
    let page = Page::parse(&lead.get(app.url("/reports")).send().await?.text().await?);
    assert!(page.text("#themes-chart-title")?.starts_with("Share of knowledge questions answered right"));
    assert!(page.text("#themes-chart-desc")?.contains("The same figures are in the table below"));
    assert!(page.count("svg[aria-labelledby^=themes-chart] rect")? >= 2 * all.report.themes.len());
    // Uptake by month is charted too: started and completed for each of the two months.
    assert!(page.text("#months-chart-title")?.starts_with("Attempts started and completed, by month"));
    assert!(page.count("svg[aria-labelledby^=months-chart] rect")? >= 2 * 2);
    assert_eq!(all.report.by_month.len(), 2);
    assert!(
        all.report.by_month.iter().all(|m| m.started == Shown::Suppressed && m.completion_rate.is_none())
    );
    // One month alone is five learners: counts suppressed, no rates, no gain.
    let month: ReportView =
        report(&app, &lead, &[("from", &first_month), ("to", &first_month)]).await?.json().await?;
    assert_eq!(month.report.overall.started, Shown::Suppressed);
    assert!(
        month
            .report
            .themes
            .iter()
            .all(|t| t.learners == Shown::Suppressed && t.gain.is_none() && t.right_before.is_none())
    );
    let bad = report(&app, &lead, &[("from", "yesterday")]).await?;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = lead.get(app.url("/reports?from=2026-13-45")).send().await?;
    assert_eq!(page.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.text().await?.contains("Enter a real date"));
    Ok(())
}

async fn exports_are_audited_and_safe_in_a_spreadsheet(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let world = app.world().await?;
    publish(&app, MARGARET).await?;
    let hostile = "=HYPERLINK(\"https://evil.example\",\"Click\")";
    let practice = app.practice(world.region_a, "A00002", hostile).await?;
    learners_finish(&app, practice, 0, 8, Knowing::Right("2")).await?;
    let lead = app.signed_in(LEAD_A).await?;
    let response = lead.get(app.url("/reports/practices.csv")).send().await?;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "text/csv; charset=utf-8");
    let text = response.text().await?;
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>()?;
    assert_eq!(rows.len(), 1);
    assert_eq!(&rows[0][0], format!("'{hostile}"), "a formula is written as text");
    assert_eq!((&rows[0][2], &rows[0][3]), ("10", "10"), "eight learners and completions, rounded");
    let exported = app
        .state
        .db
        .list_audit(
            &app::ssr::db::audit::AuditFilter {
                action: Some(AuditAction::DataExported),
                ..Default::default()
            },
            10,
            0,
        )
        .await?;
    assert!(
        exported.entries.iter().any(|e| e.detail.starts_with("practices for Region A")),
        "the export is in the audit log"
    );
    assert_eq!(lead.get(app.url("/reports/nothing.csv")).send().await?.status(), StatusCode::NOT_FOUND);
    Ok(())
}
