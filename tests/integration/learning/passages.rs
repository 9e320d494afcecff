//! Where two paths through a case meet again, the story follows the one the learner took: a node's
//! passage replaces its text after the choices it names, on the page and in the step's view.

use casebook_tests::{Engine, LEARNER_A, LEARNER_B, Page, TestApp, on_both_engines};

use super::*;

on_both_engines!(the_story_follows_the_choices_the_learner_made);

const JIM: &str = include_str!("../../../curriculum/benzodiazepines/jim.toml");

async fn the_story_follows_the_choices_the_learner_made(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    app.world().await?;
    let jim = publish(&app, JIM).await?;

    // Insisting on a stop leads to its own scene, and later scenes remember it.
    let insisting = app.signed_in(LEARNER_A).await?;
    let attempt = start(&app, &insisting, "jim-withdrawal-barriers").await?;
    let cold =
        play_until(&app, &insisting, &jim, &attempt, &[("case:jim:reframe", "insist")], "case:jim:cold-stop")
            .await?;
    assert!(text_of(&cold).contains("out-of-hours"), "{cold:?}");
    let alcohol = play_until(&app, &insisting, &jim, &attempt, &[], "case:jim:alcohol").await?;
    assert!(text_of(&alcohol).contains("thrown off them"), "{alcohol:?}");
    let html = insisting.get(app.url(&format!("/attempts/{attempt}"))).send().await?.text().await?;
    assert!(Page::parse(&html).text("main")?.contains("thrown off them"), "the page without JavaScript too");
    let taper =
        play_until(&app, &insisting, &jim, &attempt, &[("case:jim:alcohol", "assess")], "case:jim:taper")
            .await?;
    assert!(text_of(&taper).contains("pull the rug out"), "{taper:?}");

    // Explaining keeps the node's own text.
    let explaining = app.signed_in(LEARNER_B).await?;
    let attempt = start(&app, &explaining, "jim-withdrawal-barriers").await?;
    let alcohol =
        play_until(&app, &explaining, &jim, &attempt, &[("case:jim:reframe", "explain")], "case:jim:alcohol")
            .await?;
    assert!(text_of(&alcohol).contains("the slow way"), "{alcohol:?}");
    assert!(!text_of(&alcohol).contains("thrown off them"));
    Ok(())
}

/// The story text a case step shows.
fn text_of(view: &StepView) -> String {
    match &view.content {
        StepContent::Narrative { body_html, .. } | StepContent::Ending { body_html, .. } => body_html.clone(),
        StepContent::Decision { body_html, .. } => body_html.clone().unwrap_or_default(),
        _ => String::new(),
    }
}
