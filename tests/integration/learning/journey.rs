//! A learner's way through modules: the catalogue, starting, resuming, results, the profile.

use app::api::learning::list_modules::Catalogue;
use app::api::learning::view_my_learning::MyLearning;
use app::api::learning::view_results::ResultsView;
use app::domain::learning::attempt::AttemptStatus;
use app::domain::learning::marking::maximum;
use app::wire::step_view::StepContent;
use casebook_tests::{Engine, LEARNER_A, Page, TestApp, app_error, on_both_engines};
use reqwest::StatusCode;

use super::*;

on_both_engines!(
    a_learner_finishes_a_module_and_sees_results_by_theme,
    leaving_and_coming_back_resumes_at_the_exact_step,
    an_attempt_keeps_its_version_when_a_new_one_is_published,
    the_catalogue_filters_by_theme_and_shows_progress,
    my_learning_shows_the_profile_and_suggests_the_weakest_theme,
    without_javascript_each_answer_leads_to_the_next_page_and_the_results,
);

async fn a_learner_finishes_a_module_and_sees_results_by_theme(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let world = app.world().await?;
    let module = publish(&app, MARGARET).await?;
    let learner = app.signed_in(LEARNER_A).await?;
    let attempt = start(&app, &learner, MARGARET_SLUG).await?;
    let knowing = (Knowing::Wrong("3"), Knowing::Right("3"));
    let last = answer_steps(&app, &learner, &module, &attempt, knowing, 200).await?;
    assert!(matches!(last.content, StepContent::Finished { .. }), "finished: {last:?}");

    let response = app.post(&learner, "/api/learning/view_results", &[("attempt", &attempt)]).await?;
    assert_eq!(response.status(), StatusCode::OK);
    let view: ResultsView = response.json().await?;
    let n = module.items.len();
    let results = &view.results;
    assert_eq!(
        (results.pre.marks, results.pre.correct),
        (-6 * n as i64, 0),
        "wrong at certainty 3 scores −6"
    );
    assert_eq!(
        (results.post.marks, results.post.correct),
        (3 * n as i64, n),
        "right at certainty 3 scores 3"
    );
    assert_eq!(results.post.maximum, maximum(n));
    for theme in &results.themes {
        let tagged = module.items.iter().filter(|i| i.themes.contains(&theme.code)).count();
        assert_eq!(theme.items, tagged, "{}", theme.code);
        assert_eq!(
            (theme.pre.marks, theme.post.marks),
            (-6 * tagged as i64, 3 * tagged as i64),
            "{}",
            theme.code
        );
    }
    assert_eq!(results.confidently_wrong.len(), n, "every pre-test answer was confidently wrong");
    assert!(results.confidently_wrong.iter().all(|w| w.when == "Before the case"));
    assert_eq!(results.path, results.best_path, "the best choice was made at every decision");
    assert!(results.attitudes.iter().all(|a| (a.before, a.after) == (Some(2), Some(4))));
    assert_eq!(view.reflection.as_deref(), Some("I will ask before I assume.\nAnd review repeats."));

    let recorded = recorded(&app, world.learner_a, &attempt).await?;
    let reflection =
        recorded.iter().find(|r| r.step == "reflection").ok_or_else(|| anyhow::anyhow!("no reflection"))?;
    assert_eq!(reflection.answer, None, "the reflection's text stays out of the reported responses");
    let export: serde_json::Value = learner.get(app.url("/account/my-data")).send().await?.json().await?;
    let exported = &export["learning"][0];
    assert_eq!(exported["public_id"], attempt.as_str());
    assert_eq!(
        exported["answers"].as_array().map(Vec::len),
        Some(recorded.len()),
        "the learner's export holds it all"
    );
    assert_eq!(exported["reflection"], "I will ask before I assume.\nAnd review repeats.");

    let page = Page::parse(
        &learner.get(app.url(&format!("/attempts/{attempt}/results"))).send().await?.text().await?,
    );
    assert_eq!(page.text("h1")?, "Your results");
    assert!(page.text("main")?.contains("Confidently wrong"));
    assert!(page.text(".casebook-reflection")?.contains("I will ask before I assume."));
    Ok(())
}

async fn leaving_and_coming_back_resumes_at_the_exact_step(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    app.world().await?;
    let module = publish(&app, MARGARET).await?;
    let first_visit = app.signed_in(LEARNER_A).await?;
    let attempt = start(&app, &first_visit, MARGARET_SLUG).await?;
    let knowing = (Knowing::Right("2"), Knowing::Right("2"));
    let left_at = answer_steps(&app, &first_visit, &module, &attempt, knowing, 16).await?;
    assert!(left_at.step.starts_with("case:"), "half way, in the case: {}", left_at.step);

    // Another device: a new session.
    let later = app.signed_in(LEARNER_A).await?;
    let overview =
        Page::parse(&later.get(app.url(&format!("/modules/{MARGARET_SLUG}"))).send().await?.text().await?);
    assert_eq!(overview.attr("a.nhsuk-button", "href")?, Some(format!("/attempts/{attempt}")));
    let page = Page::parse(&later.get(app.url(&format!("/attempts/{attempt}"))).send().await?.text().await?);
    assert_eq!(page.attr("input[name=step]", "value")?, Some(left_at.step.clone()));
    assert_eq!(start(&app, &later, MARGARET_SLUG).await?, attempt, "starting again resumes");
    assert_eq!(current(&app, &later, &attempt).await?.step, left_at.step);
    let finished = answer_steps(&app, &later, &module, &attempt, knowing, 200).await?;
    assert!(matches!(finished.content, StepContent::Finished { .. }));
    Ok(())
}

async fn an_attempt_keeps_its_version_when_a_new_one_is_published(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let world = app.world().await?;
    let module = publish(&app, MARGARET).await?;
    let learner = app.signed_in(LEARNER_A).await?;
    let attempt = start(&app, &learner, MARGARET_SLUG).await?;
    let knowing = (Knowing::Right("1"), Knowing::Right("1"));
    answer_steps(&app, &learner, &module, &attempt, knowing, 3).await?;

    // Version 2 renames the module and drops the last question.
    let last_item = module.items.last().map(|i| i.key.clone()).unwrap_or_default();
    let start_of_last = MARGARET.find(&format!("key = \"{last_item}\"")).unwrap_or_default();
    let item_start = MARGARET[..start_of_last].rfind("[[items]]").unwrap_or_default();
    let item_end = MARGARET[start_of_last..].find("\n[[").map_or(MARGARET.len(), |i| start_of_last + i + 1);
    let revised = format!("{}{}", &MARGARET[..item_start], &MARGARET[item_end..]).replacen(
        &format!("title = \"{}\"", module.title),
        "title = \"Margaret, revised\"",
        1,
    );
    let second = publish(&app, &revised).await?;
    assert_eq!(second.items.len(), module.items.len() - 1);

    let view = current(&app, &learner, &attempt).await?;
    assert_eq!(view.module_title, module.title, "the attempt stays on version 1");
    let finished = answer_steps(&app, &learner, &module, &attempt, knowing, 200).await?;
    assert!(matches!(finished.content, StepContent::Finished { .. }));
    let answered = recorded(&app, world.learner_a, &attempt).await?;
    assert!(
        answered.iter().any(|a| a.step == format!("post:{last_item}")),
        "version 1's questions throughout"
    );

    let again = start(&app, &learner, MARGARET_SLUG).await?;
    assert_ne!(again, attempt);
    assert_eq!(
        current(&app, &learner, &again).await?.module_title,
        "Margaret, revised",
        "a new attempt takes version 2"
    );
    Ok(())
}

async fn catalogue(app: &TestApp, client: &reqwest::Client, theme: &str) -> anyhow::Result<Catalogue> {
    let response = app.post(client, "/api/learning/list_modules", &[("theme", theme)]).await?;
    anyhow::ensure!(response.status().is_success(), "catalogue: {}", response.status());
    Ok(response.json().await?)
}

async fn the_catalogue_filters_by_theme_and_shows_progress(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    app.world().await?;
    let margaret = publish(&app, MARGARET).await?;
    let priya = publish(&app, PRIYA).await?;
    let learner = app.signed_in(LEARNER_A).await?;
    let all = catalogue(&app, &learner, "").await?;
    assert_eq!(all.modules.len(), 2);
    assert!(all.modules.iter().all(|m| m.status.is_none()), "not started");

    let only_priya = priya
        .themes
        .iter()
        .find(|t| !margaret.themes.contains(t))
        .ok_or_else(|| anyhow::anyhow!("a theme"))?;
    let filtered = catalogue(&app, &learner, only_priya).await?;
    assert_eq!(filtered.modules.iter().map(|m| m.slug.as_str()).collect::<Vec<_>>(), [priya.slug.as_str()]);
    let unknown = app.post(&learner, "/api/learning/list_modules", &[("theme", "astrology")]).await?;
    assert_eq!(unknown.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app_error(unknown).await?.message_for("theme"), Some("Select a theme from the list"));

    let attempt = start(&app, &learner, MARGARET_SLUG).await?;
    let status = |c: &Catalogue| c.modules.iter().find(|m| m.slug == MARGARET_SLUG).and_then(|m| m.status);
    assert_eq!(status(&catalogue(&app, &learner, "").await?), Some(AttemptStatus::InProgress));
    answer_steps(&app, &learner, &margaret, &attempt, (Knowing::Right("2"), Knowing::Right("2")), 200)
        .await?;
    assert_eq!(status(&catalogue(&app, &learner, "").await?), Some(AttemptStatus::Completed));

    let page = Page::parse(
        &learner.get(app.url(&format!("/modules?theme={only_priya}"))).send().await?.text().await?,
    );
    assert_eq!(page.texts(".nhsuk-card__link")?, std::slice::from_ref(&priya.title));
    Ok(())
}

async fn my_learning_shows_the_profile_and_suggests_the_weakest_theme(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    app.world().await?;
    let margaret = publish(&app, MARGARET).await?;
    let priya = publish(&app, PRIYA).await?;
    let learner = app.signed_in(LEARNER_A).await?;
    let before: MyLearning = app.post(&learner, "/api/learning/view_my_learning", &[]).await?.json().await?;
    assert!(before.profile.themes.is_empty() && before.history.is_empty());
    assert!(before.suggestion.is_some(), "a first module is suggested");

    let attempt = start(&app, &learner, MARGARET_SLUG).await?;
    answer_steps(&app, &learner, &margaret, &attempt, (Knowing::Right("3"), Knowing::Wrong("3")), 200)
        .await?;
    let after: MyLearning = app.post(&learner, "/api/learning/view_my_learning", &[]).await?.json().await?;
    let covered: Vec<&str> = after.profile.themes.iter().map(|t| t.code.as_str()).collect();
    assert!(margaret.items.iter().flat_map(|i| &i.themes).all(|t| covered.contains(&t.as_str())));
    assert!(after.profile.themes.iter().all(|t| t.correct == 0), "the post-test was all wrong");
    let high = &after.profile.calibration[2];
    assert_eq!((high.answered, high.correct), (margaret.items.len(), 0));
    let weakest = after.profile.weakest.clone().ok_or_else(|| anyhow::anyhow!("a weakest theme"))?;
    let suggested = after.suggestion.ok_or_else(|| anyhow::anyhow!("a suggestion"))?;
    // A module not yet taken that declares the weakest theme; else one that declares it; else
    // the first not yet taken.
    let expected = if priya.themes.contains(&weakest) || !margaret.themes.contains(&weakest) {
        &priya.slug
    } else {
        &margaret.slug
    };
    assert_eq!(&suggested.slug, expected, "weakest theme {weakest}");
    assert_eq!(
        suggested.theme.is_some(),
        priya.themes.contains(&weakest) || margaret.themes.contains(&weakest)
    );
    assert_eq!(after.history.len(), 1);
    assert_eq!(after.history[0].status, AttemptStatus::Completed);
    assert_eq!(after.history[0].post_marks, -6 * margaret.items.len() as i64);

    let page = Page::parse(&learner.get(app.url("/me")).send().await?.text().await?);
    assert_eq!(page.text("h1")?, "My learning");
    assert!(page.text("main")?.contains("Weakest"));
    assert_eq!(page.attr("table a", "href")?, Some(format!("/attempts/{attempt}/results")));
    Ok(())
}

async fn without_javascript_each_answer_leads_to_the_next_page_and_the_results(
    engine: Engine,
) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    app.world().await?;
    let module = publish(&app, MARGARET).await?;
    let learner = app.signed_in(LEARNER_A).await?;
    let here = format!("/modules/{MARGARET_SLUG}");
    let started = app
        .post_as_browser(&learner, &here, "/api/learning/start_module", &[("slug", MARGARET_SLUG)])
        .await?;
    assert_eq!(started.status(), StatusCode::FOUND);
    let location = started.headers()["location"].to_str()?.to_owned();
    let attempt = location.trim_start_matches("/attempts/").to_owned();
    for _ in 0..200 {
        let page = Page::parse(&learner.get(app.url(&location)).send().await?.text().await?);
        let Some(step) = page.attr("input[name=step]", "value")? else { break };
        let key = page.attr("input[name=key]", "value")?.unwrap_or_default();
        let view =
            app::wire::step_view::StepView { step: step.clone(), ..current(&app, &learner, &attempt).await? };
        let fields = fields_for(&module, &view, Knowing::Right("2"), Knowing::Right("2"));
        let mut form: Vec<(&str, &str)> = vec![("attempt", &attempt), ("step", &step), ("key", &key)];
        form.extend(fields.iter().map(|(k, v)| (*k, v.as_str())));
        let answered = app.post_as_browser(&learner, &location, "/api/learning/answer_step", &form).await?;
        assert_eq!(answered.status(), StatusCode::FOUND, "{step}");
        let next = answered.headers()["location"].to_str()?.to_owned();
        if step == "reflection" {
            assert_eq!(next, format!("/attempts/{attempt}/results"));
            return Ok(());
        }
        assert_eq!(next, location, "{step}");
    }
    anyhow::bail!("the module never finished")
}
