//! Options are shuffled for each learner and each showing, the order shown is recorded with the
//! answer, and the item analysis still counts the right option whatever its place on the page.

use std::collections::BTreeMap;

use casebook_tests::{Engine, LEARNER_A, LEARNER_B, Page, TestApp, on_both_engines};

use super::*;

on_both_engines!(each_learner_sees_their_own_order_which_is_recorded_and_analysed_by_option);

/// Each step with options, and the keys in the order shown, joined as the record keeps them.
type Shown = BTreeMap<String, String>;

async fn each_learner_sees_their_own_order_which_is_recorded_and_analysed_by_option(
    engine: Engine,
) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    app.world().await?;
    let module = publish(&app, MARGARET).await?;
    let mut seen = Vec::new();
    for email in [LEARNER_A, LEARNER_B] {
        let learner = app.signed_in(email).await?;
        let attempt = start(&app, &learner, MARGARET_SLUG).await?;
        let shown = answer_all_rightly_noting_orders(&app, &learner, &module, &attempt).await?;
        let export: serde_json::Value = learner.get(app.url("/account/my-data")).send().await?.json().await?;
        let recorded: Shown = export["learning"][0]["answers"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|a| Some((a["step"].as_str()?.to_owned(), a["option_order"].as_str()?.to_owned())))
            .collect();
        assert_eq!(recorded, shown, "each answer records the order its options were shown in");
        seen.push(shown);
    }
    assert_ne!(seen[0], seen[1], "two learners see the options in different orders");
    for (step, order) in &seen[0] {
        if let Some(item) = step.strip_prefix("pre:") {
            assert_ne!(seen[0].get(&format!("post:{item}")), Some(order), "{item}: the post-test reorders");
        }
    }

    let analysis = margaret_analysis(&app).await?;
    for (item, stats) in module.items.iter().zip(&analysis.before) {
        let right = item.correct_option().map(|o| o.key.clone()).unwrap_or_default();
        assert_eq!(stats.chosen.get(&right), Some(&2), "{}: both chose the right option", item.key);
        assert_eq!(stats.facility, Some(1.0), "{}", item.key);
    }
    Ok(())
}

/// Answers every step rightly (and takes the best choice), checking that the page without
/// JavaScript lists the options in the order the step's view gives and shows the sources of the
/// choices not made; returns the orders shown.
async fn answer_all_rightly_noting_orders(
    app: &TestApp,
    learner: &reqwest::Client,
    module: &app::domain::curriculum::module::ModuleDefinition,
    attempt: &str,
) -> anyhow::Result<Shown> {
    let mut shown = Shown::new();
    let mut view = current(app, learner, attempt).await?;
    while !matches!(view.content, StepContent::Finished { .. }) {
        if let StepContent::Item { options, .. } | StepContent::Decision { options, .. } = &view.content {
            let keys: Vec<String> = options.iter().map(|c| c.key.clone()).collect();
            let html = learner.get(app.url(&format!("/attempts/{attempt}"))).send().await?.text().await?;
            let on_page = Page::parse(&html).attrs("input[name=choice]", "value")?;
            assert_eq!(on_page, keys, "{}: the page shows the view's order", view.step);
            shown.insert(view.step.clone(), keys.join(","));
        }
        if let StepContent::Feedback { others, .. } = &view.content {
            let html = learner.get(app.url(&format!("/attempts/{attempt}"))).send().await?.text().await?;
            let cited = others.iter().filter(|o| !o.references.is_empty()).count();
            assert!(cited > 0, "{}: the other choices carry their sources", view.step);
            let on_page = Page::parse(&html).count("details li .casebook-references")?;
            assert_eq!(on_page, cited, "{}: each other choice shows its sources", view.step);
        }
        let fields = fields_for(module, &view, Knowing::Right("3"), Knowing::Right("3"));
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let response = send(app, learner, &view, &fields).await?;
        anyhow::ensure!(response.status().is_success(), "answering {}: {}", view.step, response.status());
        view = response.json().await?;
    }
    Ok(shown)
}
