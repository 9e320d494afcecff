//! Ambivalence measured as Thompson, Zanna and Griffin proposed: the learner rates how favourable
//! and how unfavourable they find benzodiazepines, each alone, on a scale of its own; results show
//! both with the index before and after, and a lead sees the region's means by module.

use app::api::learning::view_results::ResultsView;
use app::domain::learning::ambivalence::Evaluations;
use app::domain::reports::disclosure::Shown;
use app::wire::report_view::ReportView;
use casebook_tests::{Engine, LEAD_A, LEARNER_A, Page, TestApp, on_both_engines};

use super::*;
use crate::reports::learners_finish;

on_both_engines!(
    a_learner_rates_both_sides_and_sees_their_mixed_feelings_change,
    a_lead_sees_mixed_feelings_before_and_after_by_module,
);

async fn a_learner_rates_both_sides_and_sees_their_mixed_feelings_change(
    engine: Engine,
) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    app.world().await?;
    let module = publish(&app, MARGARET).await?;
    let learner = app.signed_in(LEARNER_A).await?;
    let attempt = start(&app, &learner, MARGARET_SLUG).await?;

    play_until(&app, &learner, &module, &attempt, &[], "attitude-pre:favourable").await?;
    let page =
        Page::parse(&learner.get(app.url(&format!("/attempts/{attempt}"))).send().await?.text().await?);
    assert!(page.text("legend")?.starts_with("Think only of what is good"), "{}", page.text("legend")?);
    assert_eq!(
        page.texts("label.nhsuk-radios__label")?,
        ["Not at all", "Slightly", "Moderately", "Very", "Extremely"]
    );

    // The scripted learner rates every statement 2 before the cases and 4 after: both evaluations
    // 'slightly' (1 and 1, index 1), then both 'very' (3 and 3, index 3).
    answer_steps(&app, &learner, &module, &attempt, (Knowing::Right("2"), Knowing::Right("2")), 200).await?;
    let view: ResultsView =
        app.post(&learner, "/api/learning/view_results", &[("attempt", &attempt)]).await?.json().await?;
    let change = view.results.ambivalence.expect("Margaret measures ambivalence");
    assert_eq!(change.before, Some(Evaluations { positive: 1, negative: 1 }));
    assert_eq!(change.after, Some(Evaluations { positive: 3, negative: 3 }));
    assert!(
        view.results.attitudes.iter().all(|a| !a.statement.starts_with("Think only")),
        "the evaluations are not agreement statements"
    );
    let results = Page::parse(
        &learner.get(app.url(&format!("/attempts/{attempt}/results"))).send().await?.text().await?,
    );
    assert_eq!(results.text("#mixed-feelings")?, "Mixed feelings");
    let main = results.text("main")?;
    assert!(main.contains("Mixed feelings (−2 to 4) +1 +3"), "{main}");
    assert!(main.contains("Your feelings were more mixed after the cases."), "{main}");
    Ok(())
}

async fn a_lead_sees_mixed_feelings_before_and_after_by_module(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let world = app.world().await?;
    publish(&app, MARGARET).await?;
    learners_finish(&app, world.practice_a, 0, 8, Knowing::Right("2")).await?;
    let lead = app.signed_in(LEAD_A).await?;
    let view: ReportView = app.post(&lead, "/api/reports/view_report", &[]).await?.json().await?;
    let [row] = &view.report.ambivalence[..] else {
        anyhow::bail!("one module: {:?}", view.report.ambivalence)
    };
    assert_eq!((row.learners, row.before, row.after), (Shown::Count(10), Some((1.0, 1.0)), Some((3.0, 3.0))));
    assert_eq!((row.index_before, row.index_after), (Some(1.0), Some(3.0)));
    assert_eq!(row.shift.map(|s| (s.mean, s.interval)), Some((2.0, Some((2.0, 2.0)))));
    assert!(view.report.attitudes.iter().all(|a| !a.statement.starts_with("Think only")));
    let csv = lead.get(app.url("/reports/ambivalence.csv")).send().await?.text().await?;
    assert!(csv.contains(",10,1.0,1.0,1.00,3.0,3.0,3.00,2.00,2.00,2.00"), "{csv}");
    Ok(())
}
