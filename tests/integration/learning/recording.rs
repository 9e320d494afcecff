//! Every answer is recorded exactly once, bad answers are recorded not at all, and nobody reaches
//! another learner's attempt.

use app::error::AppError;
use app::wire::step_view::StepView;
use casebook_tests::{ADMIN, Engine, LEARNER_A, LEARNER_B, Page, TestApp, app_error, on_both_engines};
use reqwest::StatusCode;

use super::*;

on_both_engines!(
    twenty_identical_submissions_in_parallel_record_one_answer,
    an_answer_to_a_step_already_left_records_nothing_and_says_so,
    bad_input_to_every_kind_of_step_records_nothing,
    without_javascript_a_bad_answer_comes_back_with_its_message,
    a_learner_cannot_read_or_write_another_learners_attempt,
    starting_twice_at_once_gives_one_attempt,
    recorded_answers_cannot_be_changed_or_deleted,
);

async fn twenty_identical_submissions_in_parallel_record_one_answer(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let world = app.world().await?;
    let module = publish(&app, MARGARET).await?;
    let learner = app.signed_in(LEARNER_A).await?;
    let attempt = start(&app, &learner, MARGARET_SLUG).await?;
    let view = answer_steps(&app, &learner, &module, &attempt, (Knowing::Right("3"), Knowing::Right("3")), 1)
        .await?;
    assert!(view.step.starts_with("pre:"));
    let fields = fields_for(&module, &view, Knowing::Right("3"), Knowing::Right("3"));
    let sends = (0..20).map(|_| {
        let (app, learner, view, fields) = (&app, &learner, &view, &fields);
        async move {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let response = send(app, learner, view, &fields).await?;
            anyhow::ensure!(response.status() == StatusCode::OK, "{}", response.status());
            Ok::<StepView, anyhow::Error>(response.json().await?)
        }
    });
    let answers = futures::future::try_join_all(sends).await?;
    let next: Vec<&str> = answers.iter().map(|a| a.step.as_str()).collect();
    assert!(next.iter().all(|s| *s == next[0]), "all see the same next step: {next:?}");
    let recorded = recorded(&app, world.learner_a, &attempt).await?;
    let for_step = recorded.iter().filter(|r| r.step == view.step).count();
    assert_eq!(for_step, 1, "one record of twenty submissions");
    assert_eq!(recorded.len(), 2, "the introduction and this question");
    Ok(())
}

async fn an_answer_to_a_step_already_left_records_nothing_and_says_so(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let world = app.world().await?;
    let module = publish(&app, MARGARET).await?;
    let learner = app.signed_in(LEARNER_A).await?;
    let attempt = start(&app, &learner, MARGARET_SLUG).await?;
    let first =
        answer_steps(&app, &learner, &module, &attempt, (Knowing::Right("1"), Knowing::Right("1")), 1)
            .await?;
    answer_steps(&app, &learner, &module, &attempt, (Knowing::Right("1"), Knowing::Right("1")), 2).await?;
    let before = recorded(&app, world.learner_a, &attempt).await?;

    // The back button: the same form again, with a different answer.
    let changed = [("choice", "b"), ("certainty", "3")];
    let repeat = send(&app, &learner, &first, &changed).await?;
    assert_eq!(repeat.status(), StatusCode::OK);
    let shown: StepView = repeat.json().await?;
    assert_eq!(shown.step, stored_step(&app, world.learner_a, &attempt).await?, "back where they left off");
    assert!(shown.notice.as_deref().is_some_and(|n| n.contains("not recorded again")), "{:?}", shown.notice);
    // Another tab: a fresh key for a step the attempt has left.
    let other_tab = StepView { submission: "9b2f7c1e-0000-4000-8000-000000000001".into(), ..first.clone() };
    assert_eq!(send(&app, &learner, &other_tab, &changed).await?.status(), StatusCode::OK);
    assert_eq!(recorded(&app, world.learner_a, &attempt).await?, before, "nothing more was recorded");
    Ok(())
}

/// Fields that should be refused, the field the message belongs to, and the message.
type BadAnswer<'a> = (Vec<(&'a str, &'a str)>, &'a str, &'a str);

/// Sends `fields` to the step `view` shows and returns the error, checking nothing was recorded.
async fn refused(
    app: &TestApp,
    client: &reqwest::Client,
    view: &StepView,
    fields: &[(&str, &str)],
) -> anyhow::Result<AppError> {
    let response = send(app, client, view, fields).await?;
    assert!(response.status().is_client_error(), "{} {fields:?}: {}", view.step, response.status());
    app_error(response).await
}

async fn bad_input_to_every_kind_of_step_records_nothing(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let world = app.world().await?;
    let module = publish(&app, MARGARET).await?;
    let learner = app.signed_in(LEARNER_A).await?;
    let attempt = start(&app, &learner, MARGARET_SLUG).await?;
    let knowing = (Knowing::Right("2"), Knowing::Right("2"));
    let mut checked = std::collections::BTreeSet::new();
    let mut view = current(&app, &learner, &attempt).await?;
    let long = "x".repeat(5001);
    for _ in 0..200 {
        let before = recorded(&app, world.learner_a, &attempt).await?;
        let cases: Vec<BadAnswer> = match Step::parse(&view.step) {
            Some(Step::Pre(_) | Step::Post(_)) => vec![
                (vec![("certainty", "2")], "choice", "Select an answer"),
                (vec![("choice", "zz"), ("certainty", "2")], "choice", "Select one of the options shown"),
                (vec![("choice", "a")], "certainty", "Select how sure you are of your answer"),
                (vec![("choice", "a"), ("certainty", "9")], "certainty", "Select a certainty of 1, 2 or 3"),
            ],
            Some(Step::AttitudePre(key) | Step::AttitudePost(key)) => vec![
                (
                    vec![],
                    "agreement",
                    if app::domain::learning::ambivalence::is_evaluation(&module, &key) {
                        "Select how much, from 'not at all' to 'extremely'"
                    } else {
                        "Select how much you agree with the statement"
                    },
                ),
                (vec![("agreement", "7")], "agreement", "Select one of the five answers"),
            ],
            Some(Step::Case { .. }) if is_decision(&view) => vec![
                (vec![], "choice", "Select what you would do"),
                (vec![("choice", "<script>")], "choice", "Select one of the options shown"),
            ],
            Some(Step::Reflection) => vec![
                (vec![("reflection", "   ")], "reflection", "Write what you will do differently"),
                (
                    vec![("reflection", long.as_str())],
                    "reflection",
                    "Your reflection must be 5000 characters or fewer; it has 5001",
                ),
            ],
            _ => Vec::new(),
        };
        for (fields, field, message) in &cases {
            let error = refused(&app, &learner, &view, fields).await?;
            assert_eq!(error.message_for(field), Some(*message), "{} {fields:?}", view.step);
            checked.insert(view.step.split(':').next().unwrap_or_default().to_owned());
        }
        // Tampering: a step that is not in the module, a key that is not one Casebook made.
        for step in ["pre:no-such-item", "case:margaret:nowhere", "feedback:x", "../../etc"] {
            let tampered = StepView { step: step.into(), ..view.clone() };
            assert!(
                matches!(refused(&app, &learner, &tampered, &[]).await?, AppError::BadRequest(_)),
                "{step}"
            );
        }
        let forged = StepView { submission: "1; DROP TABLE responses".into(), ..view.clone() };
        assert!(matches!(refused(&app, &learner, &forged, &[]).await?, AppError::BadRequest(_)));
        assert_eq!(
            recorded(&app, world.learner_a, &attempt).await?,
            before,
            "{}: nothing recorded",
            view.step
        );
        assert_eq!(
            stored_step(&app, world.learner_a, &attempt).await?,
            view.step,
            "and the attempt did not move"
        );

        let next = answer_steps(&app, &learner, &module, &attempt, knowing, 1).await?;
        if next.step == view.step {
            break;
        }
        view = next;
    }
    let kinds: Vec<&str> = checked.iter().map(String::as_str).collect();
    assert_eq!(kinds, ["attitude-post", "attitude-pre", "case", "post", "pre", "reflection"]);
    Ok(())
}

fn is_decision(view: &StepView) -> bool {
    matches!(view.content, app::wire::step_view::StepContent::Decision { .. })
}

async fn without_javascript_a_bad_answer_comes_back_with_its_message(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    app.world().await?;
    let module = publish(&app, MARGARET).await?;
    let learner = app.signed_in(LEARNER_A).await?;
    let attempt = start(&app, &learner, MARGARET_SLUG).await?;
    let view = answer_steps(&app, &learner, &module, &attempt, (Knowing::Right("2"), Knowing::Right("2")), 1)
        .await?;
    let here = format!("/attempts/{attempt}");
    let form =
        [("attempt", attempt.as_str()), ("step", &view.step), ("key", &view.submission), ("choice", "b")];
    let response = app.post_as_browser(&learner, &here, "/api/learning/answer_step", &form).await?;
    assert!(response.status().is_redirection());
    assert_eq!(
        response.headers()["location"].to_str()?,
        app.url(&here),
        "back to the same step, nothing in the URL"
    );
    let page = Page::parse(&learner.get(app.url(&here)).send().await?.text().await?);
    assert_eq!(page.texts(".nhsuk-error-summary__list a")?, ["Select how sure you are of your answer"]);
    assert_eq!(
        page.attr("input[name=choice][value=b]", "checked")?,
        Some(String::new()),
        "the choice is kept"
    );
    assert!(page.text("title")?.starts_with("Error: "));
    Ok(())
}

async fn a_learner_cannot_read_or_write_another_learners_attempt(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let world = app.world().await?;
    let module = publish(&app, MARGARET).await?;
    let owner = app.signed_in(LEARNER_A).await?;
    let attempt = start(&app, &owner, MARGARET_SLUG).await?;
    let view =
        answer_steps(&app, &owner, &module, &attempt, (Knowing::Right("2"), Knowing::Right("2")), 1).await?;
    let before = recorded(&app, world.learner_a, &attempt).await?;
    let fields = fields_for(&module, &view, Knowing::Right("2"), Knowing::Right("2"));
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();

    for intruder in [app.signed_in(LEARNER_B).await?, app.signed_in(ADMIN).await?] {
        for id in [attempt.as_str(), "00000000-0000-4000-8000-000000000000", "1", "' OR 1=1 --"] {
            let forged = StepView { attempt: id.into(), ..view.clone() };
            assert_eq!(
                send(&app, &intruder, &forged, &fields).await?.status(),
                StatusCode::NOT_FOUND,
                "{id}"
            );
            for call in ["view_step", "view_results"] {
                let response =
                    app.post(&intruder, &format!("/api/learning/{call}"), &[("attempt", id)]).await?;
                assert_eq!(response.status(), StatusCode::NOT_FOUND, "{call} {id}");
            }
        }
        for page in [format!("/attempts/{attempt}"), format!("/attempts/{attempt}/results")] {
            let response = intruder.get(app.url(&page)).send().await?;
            assert_eq!(response.status(), StatusCode::NOT_FOUND, "{page}");
            assert!(!response.text().await?.contains(&view.step));
        }
    }
    assert_eq!(recorded(&app, world.learner_a, &attempt).await?, before, "nothing was written");
    assert_eq!(current(&app, &owner, &attempt).await?.step, view.step);
    Ok(())
}

async fn starting_twice_at_once_gives_one_attempt(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    app.world().await?;
    publish(&app, MARGARET).await?;
    let learner = app.signed_in(LEARNER_A).await?;
    let starts = (0..10).map(|_| start(&app, &learner, MARGARET_SLUG));
    let attempts = futures::future::try_join_all(starts).await?;
    assert!(attempts.iter().all(|a| *a == attempts[0]), "{attempts:?}");
    let missing = app.post(&learner, "/api/learning/start_module", &[("slug", "no-such-module")]).await?;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    Ok(())
}

async fn recorded_answers_cannot_be_changed_or_deleted(engine: Engine) -> anyhow::Result<()> {
    use sqlx::{Connection, Executor};
    let app = TestApp::spawn(engine).await?;
    app.world().await?;
    let module = publish(&app, MARGARET).await?;
    let learner = app.signed_in(LEARNER_A).await?;
    let attempt = start(&app, &learner, MARGARET_SLUG).await?;
    answer_steps(&app, &learner, &module, &attempt, (Knowing::Right("2"), Knowing::Right("2")), 3).await?;
    sqlx::any::install_default_drivers();
    let mut connection = sqlx::AnyConnection::connect(&app.database_url()).await?;
    assert!(connection.execute("UPDATE responses SET score = 3").await.is_err(), "no updates");
    assert!(connection.execute("DELETE FROM responses").await.is_err(), "no deletes");
    Ok(())
}
