//! After the module, with the clock moved forward: boosters fall due at two and eight weeks with an
//! email each (and one reminder a week later if untouched), ask the learner's confidently wrong
//! items first, record their answers once and show them as retention; at twelve weeks each
//! commitment comes back and what became of it reaches the CPD log; the email's link turns reminders
//! off without signing in.

use std::time::Duration;

use app::api::learning::view_results::ResultsView;
use app::domain::curriculum::item::KnowledgeItem;
use app::domain::curriculum::module::ModuleDefinition;
use app::domain::learning::follow_up::Outcome;
use app::domain::learning::retention::Share;
use app::domain::learning::step::Step;
use app::ssr::markdown::to_html;
use app::wire::follow_up_view::{FollowUpContent, FollowUpView};
use app::wire::step_view::{StepContent, StepView};
use casebook_tests::{Engine, LEARNER_A, TestApp, app_error, on_both_engines};

use super::*;

on_both_engines!(boosters_and_the_twelve_week_follow_up_come_back_on_schedule);
on_both_engines!(the_link_in_the_email_turns_reminders_off_without_signing_in);
on_both_engines!(a_lead_sees_retention_outcomes_and_barriers_as_counted_by_hand);
on_both_engines!(pre_test_post_test_and_booster_each_ask_their_own_wording);

const DAY: Duration = Duration::from_secs(86_400);

/// Finishes the module answering the post-test's first item wrong at 'very sure', its second wrong
/// at 'not sure' and the rest right, with two commitments; returns the attempt.
async fn finish_with_two_commitments(
    app: &TestApp,
    learner: &reqwest::Client,
    module: &ModuleDefinition,
) -> anyhow::Result<String> {
    let attempt = start(app, learner, MARGARET_SLUG).await?;
    let mut view: StepView = current(app, learner, &attempt).await?;
    let by = app::domain::time::format_iso_date(app.state.clock.now_ms() + 60 * 86_400_000);
    for _ in 0..200 {
        if matches!(view.content, StepContent::Finished { .. }) {
            return Ok(attempt);
        }
        let post = match Step::parse(&view.step) {
            Some(Step::Post(key)) if key == module.items[0].key => Knowing::Wrong("3"),
            Some(Step::Post(key)) if key == module.items[1].key => Knowing::Wrong("1"),
            _ => Knowing::Right("3"),
        };
        let mut fields = fields_for(module, &view, Knowing::Right("2"), post);
        if view.step == "reflection" {
            for (n, what) in ["Review every repeat hypnotic", "Offer CBT-I first"].into_iter().enumerate() {
                fields.push((leak(format!("commitments[{n}][what]")), what.into()));
                fields.push((leak(format!("commitments[{n}][patients]")), "over-65s".into()));
                fields.push((leak(format!("commitments[{n}][by]")), by.clone()));
            }
        }
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let response = send(app, learner, &view, &fields).await?;
        anyhow::ensure!(response.status().is_success(), "answering {}: {}", view.step, response.status());
        view = response.json().await?;
    }
    anyhow::bail!("the module never finished")
}

/// The module's item a booster question asks, as worded there (itself or one of its variants).
fn asked_item(module: &ModuleDefinition, stem_html: &str) -> Option<KnowledgeItem> {
    module.items.iter().find_map(|item| {
        if to_html(&item.stem) == stem_html {
            return Some(item.as_asked(None));
        }
        let variant = item.variants.iter().find(|v| to_html(&v.stem) == stem_html)?;
        Some(item.as_asked(Some(&variant.key)))
    })
}

/// A field name for the test's form (a handful per test).
fn leak(name: String) -> &'static str {
    Box::leak(name.into_boxed_str())
}

async fn follow_up(app: &TestApp, learner: &reqwest::Client, id: &str) -> anyhow::Result<FollowUpView> {
    let response = app.post(learner, "/api/learning/view_follow_up", &[("follow_up", id)]).await?;
    anyhow::ensure!(response.status().is_success(), "viewing {id}: {}", response.status());
    Ok(response.json().await?)
}

/// The follow-up an email links to.
fn linked_follow_up(email: &casebook_tests::Email) -> anyhow::Result<String> {
    Ok(email.link_path("/follow-ups/")?.trim_start_matches("/follow-ups/").to_owned())
}

/// Waits until `n` jobs are done, so a test knows the worker has been past them.
async fn wait_for_jobs_done(app: &TestApp, n: i64) -> anyhow::Result<()> {
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    let mut connection = sqlx::AnyConnection::connect(&app.database_url()).await?;
    for _ in 0..100 {
        let done: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM jobs WHERE done_at IS NOT NULL")
            .fetch_one(&mut connection)
            .await?;
        if done >= n {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    anyhow::bail!("{n} jobs were never done")
}

async fn boosters_and_the_twelve_week_follow_up_come_back_on_schedule(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    app.world().await?;
    let module = publish(&app, MARGARET).await?;
    let learner = app.signed_in(LEARNER_A).await?;
    let attempt = finish_with_two_commitments(&app, &learner, &module).await?;

    // Nothing is due yet: no email, and the booster says when it opens.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(app.emails()?.len(), 0);
    app.state.clock.advance(13 * DAY);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(app.emails()?.len(), 0, "not before two weeks");

    // At two weeks: one email, whose link opens the booster.
    app.state.clock.advance(DAY);
    let email = app.wait_for_email(1).await?;
    assert_eq!(email.to, LEARNER_A);
    assert!(email.subject.contains("2-week booster"), "{}", email.subject);
    assert!(email.body.contains("/reminders/"), "carries the way to stop them");
    let booster = linked_follow_up(&email)?;
    // Two weeks on, the session has long ended: the link leads through sign-in, then to the booster.
    let page = learner.get(app.url(&format!("/follow-ups/{booster}"))).send().await?;
    let location = page.headers().get("location").and_then(|l| l.to_str().ok()).unwrap_or_default();
    assert_eq!(location, format!("/sign-in?next=%2Ffollow-ups%2F{booster}"));
    let learner = app.signed_in(LEARNER_A).await?;
    let page = learner.get(app.url(&format!("/follow-ups/{booster}"))).send().await?;
    assert!(page.status().is_success());
    let FollowUpContent::Booster { questions } = follow_up(&app, &learner, &booster).await?.content else {
        anyhow::bail!("the booster is open")
    };
    assert_eq!(questions.len(), 5);
    let duration = &module.items[0];
    assert_eq!(
        questions[0].stem_html,
        to_html(&duration.variants[0].stem),
        "the confidently wrong item first, in the wording the learner has not seen"
    );
    assert_eq!(
        questions[1].stem_html,
        to_html(&module.items[1].variants[0].stem),
        "then the other wrong one"
    );

    // A question without a certainty: refused by field, nothing recorded.
    let asked_items: Vec<KnowledgeItem> =
        questions.iter().filter_map(|q| asked_item(&module, &q.stem_html)).collect();
    assert_eq!(asked_items.len(), 5, "every question is one of the module's items");
    let asked: Vec<&str> = asked_items.iter().map(|i| i.key.as_str()).collect();
    let keys: Vec<(String, String)> = asked_items
        .iter()
        .filter_map(|item| {
            let right = item.correct_option()?.key.clone();
            let wrong = item.options.iter().find(|o| !o.correct)?.key.clone();
            Some((right, wrong))
        })
        .collect();
    let mut form: Vec<(String, String)> = vec![("follow_up".into(), booster.clone())];
    for (n, (right, wrong)) in keys.iter().enumerate() {
        let (choice, certainty) = if n == 1 { (wrong, "2") } else { (right, "3") };
        form.push((format!("answers[{n}][choice]"), choice.clone()));
        if n != 4 {
            form.push((format!("answers[{n}][certainty]"), certainty.into()));
        }
    }
    let fields =
        |form: &[(String, String)]| form.iter().map(|(k, v)| (k.clone(), v.clone())).collect::<Vec<_>>();
    let partial = fields(&form);
    let refs: Vec<(&str, &str)> = partial.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let error = app_error(app.post(&learner, "/api/learning/answer_booster", &refs).await?).await?;
    assert_eq!(
        error.message_for("answers[4][certainty]"),
        Some("Question 5: Select how sure you are of your answer")
    );
    assert!(matches!(follow_up(&app, &learner, &booster).await?.content, FollowUpContent::Booster { .. }));

    // Whole, and sent twice as a double click would: recorded once, and marked.
    form.push(("answers[4][certainty]".into(), "3".into()));
    let whole = fields(&form);
    let refs: Vec<(&str, &str)> = whole.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    for _ in 0..2 {
        let response = app.post(&learner, "/api/learning/answer_booster", &refs).await?;
        assert!(response.status().is_success(), "{}", response.status());
    }
    let FollowUpContent::BoosterMarked { score, questions } =
        follow_up(&app, &learner, &booster).await?.content
    else {
        anyhow::bail!("the booster is marked")
    };
    assert_eq!(
        (score.correct, score.items, score.marks),
        (4, 5, 4 * 3 - 2),
        "right at 3 four times, wrong at 2 once"
    );
    assert!(questions[1].right.is_some(), "the wrong one shows the right answer");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM follow_up_answers").await?, 5, "recorded once");

    // Retention on the results: each theme before, after and at two weeks, as counted by hand.
    let results: ResultsView =
        app.post(&learner, "/api/learning/view_results", &[("attempt", &attempt)]).await?.json().await?;
    assert_eq!(results.retention.stages, ["Before", "After", "2 weeks"]);
    for theme in &results.retention.themes {
        let of_theme =
            |key: &str| module.items.iter().any(|i| i.key == key && i.themes.contains(&theme.code));
        let items = module.items.iter().filter(|i| of_theme(&i.key)).count();
        let post_right = module.items[2..].iter().filter(|i| of_theme(&i.key)).count();
        let booster_asked = asked.iter().filter(|k| of_theme(k)).count();
        let booster_right = asked.iter().enumerate().filter(|(n, k)| *n != 1 && of_theme(k)).count();
        assert_eq!(theme.cells[0], Some(Share { right: items, asked: items }), "{}", theme.code);
        assert_eq!(theme.cells[1], Some(Share { right: post_right, asked: items }), "{}", theme.code);
        let expected = (booster_asked > 0).then_some(Share { right: booster_right, asked: booster_asked });
        assert_eq!(theme.cells[2], expected, "{}", theme.code);
    }
    let me = learner.get(app.url("/me")).send().await?.text().await?;
    assert!(me.contains("What you kept"), "My learning shows retention");

    // The booster's reminder a week later is not sent: it is done. The eight-week booster's is.
    app.state.clock.advance(7 * DAY);
    wait_for_jobs_done(&app, 2).await?;
    assert_eq!(app.emails()?.len(), 1);
    app.state.clock.advance(35 * DAY);
    let second = app.wait_for_email(2).await?;
    assert!(second.subject.contains("8-week booster"), "{}", second.subject);
    app.state.clock.advance(7 * DAY);
    let reminder = app.wait_for_email(3).await?;
    assert!(reminder.subject.starts_with("Reminder:"), "{}", reminder.subject);
    assert_eq!(linked_follow_up(&reminder)?, linked_follow_up(&second)?);

    // At twelve weeks, each commitment comes back: reported once, one done and one not.
    app.state.clock.advance(21 * DAY);
    let learner = app.signed_in(LEARNER_A).await?;
    let practice = linked_follow_up(&app.wait_for_email(4).await?)?;
    let FollowUpContent::Practice { commitments } = follow_up(&app, &learner, &practice).await?.content
    else {
        anyhow::bail!("the twelve-week follow-up is open")
    };
    assert_eq!(commitments.len(), 2);
    let missing = [("follow_up", practice.as_str()), ("reports[0][outcome]", "done")];
    let error = app_error(app.post(&learner, "/api/learning/report_practice", &missing).await?).await?;
    assert_eq!(
        error.message_for("reports[1][outcome]"),
        Some("Say whether you made change 2: yes, partly or no")
    );
    let report = [
        ("follow_up", practice.as_str()),
        ("reports[0][outcome]", "done"),
        ("reports[0][happened]", "Reviewed twelve patients"),
        ("reports[1][outcome]", "not_done"),
        ("reports[1][barriers][0]", "patient-expectations"),
        ("reports[1][barriers][3]", "no-alternative"),
        ("reports[1][other]", "No locum cover"),
    ];
    for _ in 0..2 {
        assert!(app.post(&learner, "/api/learning/report_practice", &report).await?.status().is_success());
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM commitment_outcomes").await?, 2, "recorded once");
    let results: ResultsView =
        app.post(&learner, "/api/learning/view_results", &[("attempt", &attempt)]).await?.json().await?;
    let outcomes: Vec<Option<Outcome>> =
        results.commitments.iter().map(|(_, r)| r.as_ref().map(|r| r.outcome)).collect();
    assert_eq!(outcomes, [Some(Outcome::Done), Some(Outcome::NotDone)]);
    let barriers = &results.commitments[1].1.as_ref().expect("reported").barriers;
    assert_eq!(barriers.len(), 2);

    // The CPD log carries what became of each.
    let log = learner.get(app.url("/me/cpd-log.csv")).send().await?.text().await?;
    let mut reader = csv::Reader::from_reader(log.trim_start_matches('\u{feff}').as_bytes());
    let row = reader.records().next().ok_or_else(|| anyhow::anyhow!("no CPD row"))??;
    assert!(row[8].contains("Review every repeat hypnotic: Done. Reviewed twelve patients."), "{}", &row[8]);
    assert!(row[8].contains("Offer CBT-I first: Not done."), "{}", &row[8]);
    assert!(row[8].contains("No locum cover"), "{}", &row[8]);

    // The learner's own data export holds the booster's answers and what became of each change.
    let data: serde_json::Value = learner.get(app.url("/account/my-data")).send().await?.json().await?;
    let record = &data["learning"][0];
    assert_eq!(record["follow_ups"][0]["answers"].as_array().map(Vec::len), Some(5));
    assert_eq!(record["commitments"][1]["what_became_of_it"]["outcome"], "NotDone");
    assert_eq!(record["commitments"][1]["what"], "Offer CBT-I first");

    // And xAPI statements for each follow-up event.
    let statements: serde_json::Value =
        learner.get(app.url("/me/xapi-statements.json")).send().await?.json().await?;
    let ids: Vec<String> = statements
        .as_array()
        .map(|all| all.iter().filter_map(|s| s["object"]["id"].as_str().map(str::to_owned)).collect())
        .unwrap_or_default();
    assert_eq!(ids.iter().filter(|id| id.ends_with("/boosters/14-days")).count(), 1, "the booster completed");
    assert_eq!(ids.iter().filter(|id| id.contains("/commitments/")).count(), 2, "each commitment reported");
    Ok(())
}

async fn count(app: &TestApp, query: &str) -> anyhow::Result<i64> {
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    let mut connection = sqlx::AnyConnection::connect(&app.database_url()).await?;
    Ok(sqlx::query_scalar(query).fetch_one(&mut connection).await?)
}

async fn the_link_in_the_email_turns_reminders_off_without_signing_in(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    app.world().await?;
    let module = publish(&app, MARGARET).await?;
    let learner = app.signed_in(LEARNER_A).await?;
    finish_with_two_commitments(&app, &learner, &module).await?;
    app.state.clock.advance(14 * DAY);
    let email = app.wait_for_email(1).await?;

    // Someone not signed in opens the link: a page with one button, and opening it changed nothing
    // (a mail scanner that follows links must not unsubscribe anyone).
    let link = email.link_path("/reminders/")?;
    let token = link.trim_start_matches("/reminders/").to_owned();
    let page = app.client.get(app.url(&link)).send().await?.text().await?;
    assert!(page.contains("Follow-up emails are on") && page.contains("Turn follow-up emails off"));
    let nonsense = app.client.get(app.url("/reminders/0123456789abcdef0123456789abcdef")).send().await?;
    assert_eq!(nonsense.status(), 404);
    // The button turns them off, and back on; a mail client's own button (RFC 8058) posts to the
    // one-click address, with no cookie and no Origin, and turns them off.
    for (on, shown) in [("false", "Follow-up emails are off"), ("true", "Follow-up emails are on")] {
        let form = [("token", token.as_str()), ("on", on)];
        assert!(
            app.post(&app.client, "/api/account/set_reminders_by_link", &form).await?.status().is_success()
        );
        assert!(app.client.get(app.url(&link)).send().await?.text().await?.contains(shown));
    }
    let one_click = reqwest::Client::new()
        .post(app.url(&format!("{link}/one-click")))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await?;
    assert_eq!(one_click.status(), 200);
    assert!(app.client.get(app.url(&link)).send().await?.text().await?.contains("Follow-up emails are off"));
    app.state.clock.advance(7 * DAY);
    wait_for_jobs_done(&app, 2).await?;
    app.state.clock.advance(42 * DAY);
    wait_for_jobs_done(&app, 4).await?;
    assert_eq!(app.emails()?.len(), 1, "no reminder, no eight-week email");
    let learner = app.signed_in(LEARNER_A).await?;
    let account = learner.get(app.url("/account")).send().await?.text().await?;
    assert!(account.contains("Follow-up emails are off"));

    // Turned on again in the account, the twelve-week follow-up is emailed.
    let response = app.post(&learner, "/api/account/set_reminders", &[("on", "true")]).await?;
    assert!(response.status().is_success() || response.status().is_redirection(), "{}", response.status());
    app.state.clock.advance(28 * DAY);
    app.wait_for_email(2).await?;
    let subjects: Vec<String> = app.emails()?.into_iter().map(|e| e.subject).collect();
    assert!(subjects.iter().any(|s| s.contains("12-week follow-up")), "{subjects:?}");
    Ok(())
}

/// Eight GPs finish the module (the first two post-test items wrong, the rest right), answer their
/// two-week booster (GP `n` gets question `q` right when `n + q` is even) and, at twelve weeks, report
/// their two changes (the first four both done; the rest one partly, one not, for want of time).
async fn a_lead_sees_retention_outcomes_and_barriers_as_counted_by_hand(
    engine: Engine,
) -> anyhow::Result<()> {
    use app::domain::reports::disclosure::Shown;
    use app::domain::role::{Role, RoleGrant};
    use app::wire::report_view::ReportView;

    let app = TestApp::spawn(engine).await?;
    let world = app.world().await?;
    let module = publish(&app, MARGARET).await?;
    let gps: Vec<String> = (0..8).map(|n| format!("gp{n}@test.example")).collect();
    for email in &gps {
        let grants = vec![RoleGrant { role: Role::Learner, region: None }];
        app.person((email, grants, Some(world.practice_a))).await?;
        finish_with_two_commitments(&app, &app.signed_in(email).await?, &module).await?;
    }
    app.state.clock.advance(14 * DAY);
    wait_for_jobs_done(&app, 8).await?;
    // theme → per GP (booster right, post right, asked) on the theme's items
    let mut by_hand: std::collections::BTreeMap<String, Vec<(f64, f64, f64)>> = Default::default();
    for (n, email) in gps.iter().enumerate() {
        let learner = app.signed_in(email).await?;
        let booster =
            app.emails()?.into_iter().find(|e| e.to == *email).ok_or_else(|| anyhow::anyhow!("no email"))?;
        let id = linked_follow_up(&booster)?;
        let FollowUpContent::Booster { questions } = follow_up(&app, &learner, &id).await?.content else {
            anyhow::bail!("open")
        };
        let mut form = vec![("follow_up".to_owned(), id.clone())];
        let mut tally: std::collections::BTreeMap<String, (f64, f64, f64)> = Default::default();
        for (q, question) in questions.iter().enumerate() {
            let item = asked_item(&module, &question.stem_html)
                .ok_or_else(|| anyhow::anyhow!("no item asks {}", question.stem_html))?;
            let right = (n + q) % 2 == 0;
            let option =
                item.options.iter().find(|o| o.correct == right).ok_or_else(|| anyhow::anyhow!("option"))?;
            form.push((format!("answers[{q}][choice]"), option.key.clone()));
            form.push((format!("answers[{q}][certainty]"), "2".into()));
            let post_right = item.key != module.items[0].key && item.key != module.items[1].key;
            for theme in &item.themes {
                let cell = tally.entry(theme.clone()).or_default();
                cell.0 += f64::from(u8::from(right));
                cell.1 += f64::from(u8::from(post_right));
                cell.2 += 1.0;
            }
        }
        for (theme, cell) in tally {
            by_hand.entry(theme).or_default().push(cell);
        }
        let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert!(app.post(&learner, "/api/learning/answer_booster", &fields).await?.status().is_success());
    }
    app.state.clock.advance(70 * DAY);
    wait_for_jobs_done(&app, 8 * 5).await?;
    for (n, email) in gps.iter().enumerate() {
        let learner = app.signed_in(email).await?;
        let practice = app
            .emails()?
            .into_iter()
            .find(|e| e.to == *email && e.subject.contains("12-week"))
            .ok_or_else(|| anyhow::anyhow!("no twelve-week email"))?;
        let id = linked_follow_up(&practice)?;
        let (first, second) = if n < 4 { ("done", "done") } else { ("partly", "not_done") };
        let mut form =
            vec![("follow_up", id.as_str()), ("reports[0][outcome]", first), ("reports[1][outcome]", second)];
        if n >= 4 {
            form.extend([("reports[0][barriers][7]", "time"), ("reports[1][barriers][7]", "time")]);
        }
        assert!(app.post(&learner, "/api/learning/report_practice", &form).await?.status().is_success());
    }

    let lead = app.signed_in(casebook_tests::LEAD_A).await?;
    let view: ReportView = app.post(&lead, "/api/reports/view_report", &[]).await?.json().await?;
    let report = view.report;
    for (theme, cells) in &by_hand {
        let row = report
            .retention
            .iter()
            .find(|r| r.code == *theme && r.after == "2 weeks")
            .ok_or_else(|| anyhow::anyhow!("no row for {theme}"))?;
        let changes: Vec<f64> = cells.iter().map(|(b, p, asked)| (b - p) / asked).collect();
        let mean = changes.iter().sum::<f64>() / changes.len() as f64;
        assert_eq!(row.learners, app::domain::reports::disclosure::count(cells.len() as i64), "{theme}");
        if cells.len() >= 8 {
            let change = row.change.ok_or_else(|| anyhow::anyhow!("a change for {theme}"))?;
            assert!((change.mean - mean).abs() < 1e-9, "{theme}: {} against {mean} by hand", change.mean);
        } else {
            assert_eq!(row.change, None, "{theme}: too few to show");
        }
    }
    let shares: Vec<(String, Option<f64>)> =
        report.commitment_outcomes.iter().map(|r| (r.outcome.clone(), r.share)).collect();
    assert_eq!(
        shares,
        [
            ("Done".to_owned(), Some(0.5)),
            ("Partly done".to_owned(), Some(0.25)),
            ("Not done".to_owned(), Some(0.25)),
            ("All reported".to_owned(), None)
        ]
    );
    assert_eq!(report.commitment_outcomes[3].commitments, Shown::Count(15), "16, rounded to the nearest 5");
    assert_eq!(report.barriers.len(), 1);
    assert_eq!(
        (report.barriers[0].named, report.barriers[0].share),
        (Shown::Count(10), None),
        "named for all eight changes not fully made, but by four GPs: too few for a share"
    );
    Ok(())
}

/// Margaret's module with a third wording of its first item, so that the pre-test, the post-test
/// and the booster can each ask their own.
fn margaret_with_three_wordings() -> String {
    let third = r#"
  [[items.variants]]
  key = "c"
  stem = "Third wording: how long may a benzodiazepine be used for severe, disabling anxiety?"
  options = [
    { key = "a", text = "Up to 3 months", feedback = "No: 2–4 weeks." },
    { key = "b", text = "Up to 6 months", feedback = "No: 2–4 weeks." },
    { key = "c", text = "Up to 2–4 weeks", correct = true, feedback = "Right." },
    { key = "d", text = "As long as it helps", feedback = "No: 2–4 weeks." },
  ]
"#;
    MARGARET.replacen(
        "\n[[items]]\nkey = \"hip-fracture\"",
        &format!("{third}\n[[items]]\nkey = \"hip-fracture\""),
        1,
    )
}

async fn pre_test_post_test_and_booster_each_ask_their_own_wording(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    app.world().await?;
    let module = publish(&app, &margaret_with_three_wordings()).await?;
    let duration = module.items[0].clone();
    assert_eq!(duration.variants.len(), 2);
    let learner = app.signed_in(LEARNER_A).await?;
    let attempt = start(&app, &learner, MARGARET_SLUG).await?;
    let mut view = current(&app, &learner, &attempt).await?;
    let mut stems = Vec::new();
    for _ in 0..200 {
        if matches!(view.content, StepContent::Finished { .. }) {
            break;
        }
        let step = Step::parse(&view.step).ok_or_else(|| anyhow::anyhow!("a step"))?;
        if let (StepContent::Item { stem_html, .. }, true) = (
            &view.content,
            step == Step::Pre(duration.key.clone()) || step == Step::Post(duration.key.clone()),
        ) {
            stems.push(stem_html.clone());
        }
        let mut fields = fields_for(&module, &view, Knowing::Right("2"), Knowing::Right("2"));
        if step == Step::Post(duration.key.clone()) {
            // Wrong at 'very sure', by the post-test wording's own options.
            let wrong = duration.variants[0]
                .options
                .iter()
                .find(|o| !o.correct)
                .ok_or_else(|| anyhow::anyhow!("wrong"))?;
            fields = vec![("choice", wrong.key.clone()), ("certainty", "3".into())];
        }
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let response = send(&app, &learner, &view, &fields).await?;
        anyhow::ensure!(response.status().is_success(), "answering {}: {}", view.step, response.status());
        view = response.json().await?;
    }
    assert_eq!(stems, [to_html(&duration.stem), to_html(&duration.variants[0].stem)], "pre, then post");
    let results: ResultsView =
        app.post(&learner, "/api/learning/view_results", &[("attempt", &attempt)]).await?.json().await?;
    let wrong = &results.results.confidently_wrong;
    assert_eq!(wrong.len(), 1, "marked by the variant's own right answer");
    assert_eq!(
        (wrong[0].when.as_str(), wrong[0].stem_html.clone()),
        ("After the case", to_html(&duration.variants[0].stem))
    );

    app.state.clock.advance(14 * DAY);
    let id = linked_follow_up(&app.wait_for_email(1).await?)?;
    let learner = app.signed_in(LEARNER_A).await?;
    let FollowUpContent::Booster { questions } = follow_up(&app, &learner, &id).await?.content else {
        anyhow::bail!("the booster is open")
    };
    assert_eq!(questions[0].stem_html, to_html(&duration.variants[1].stem), "the wording not yet seen");
    Ok(())
}
