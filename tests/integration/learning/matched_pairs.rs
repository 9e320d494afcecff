//! A matched-pair module: a learner who decides differently for two patients whose stories differ
//! only in age and sex sees where, on the results, and the same choices show as the same.

use app::api::learning::view_results::ResultsView;
use casebook_tests::{Engine, LEARNER_A, Page, TestApp, on_both_engines};

use super::*;

on_both_engines!(the_results_show_where_decisions_differed_between_matched_patients);

const PAIRS: &str = include_str!("../../../curriculum/benzodiazepines/pairs.toml");

async fn the_results_show_where_decisions_differed_between_matched_patients(
    engine: Engine,
) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    app.world().await?;
    let module = publish(&app, PAIRS).await?;
    let learner = app.signed_in(LEARNER_A).await?;
    let attempt = start(&app, &learner, "matched-pairs").await?;
    // A week of zopiclone for Colin, 41, but not for Ruth, 79; Denise and Lee treated alike.
    let choices = [("case:colin:request", "week")];
    play_until(&app, &learner, &module, &attempt, &choices, "done").await?;

    let view: ResultsView =
        app.post(&learner, "/api/learning/view_results", &[("attempt", &attempt)]).await?.json().await?;
    let pairs = &view.results.pairs;
    assert_eq!(
        pairs.iter().map(|p| (p.key.as_str(), p.consistent())).collect::<Vec<_>>(),
        [("bereaved", false), ("long-term", true)]
    );
    let request = &pairs[0].decisions[0];
    assert_eq!((request.same, request.second.starts_with("Prescribe zopiclone")), (false, true));

    let page = Page::parse(
        &learner.get(app.url(&format!("/attempts/{attempt}/results"))).send().await?.text().await?,
    );
    assert_eq!(page.text("#matched-pairs")?, "Matched patients");
    let main = page.text("main")?;
    assert!(main.contains("Your decisions differed between the two patients in 1 of 2 pairs."), "{main}");
    assert!(main.contains("Age and sex: Ruth is 79, Colin 41"), "{main}");
    assert_eq!(page.texts("main table strong.nhsuk-tag--orange")?, ["Different"]);
    Ok(())
}
