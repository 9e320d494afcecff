//! Evidence for appraisal over HTTP: certificates (time spent measured from the records), their
//! public verification, the CPD log as CSV and PDF, and xAPI 1.0.3 statements for every event.

use std::time::Duration;

use app::api::learning::view_results::ResultsView;
use app::domain::ids::PersonId;
use app::wire::step_view::StepContent;
use casebook_tests::{ADMIN, Engine, LEARNER_A, LEARNER_B, Page, TestApp, new_client, on_both_engines};
use reqwest::StatusCode;
use serde_json::Value;

use crate::learning::{
    Knowing, MARGARET, MARGARET_SLUG, PRIYA, answer_steps, current, fields_for, publish, send, start,
};

on_both_engines!(
    finishing_a_module_issues_a_certificate_with_the_time_measured_from_the_records,
    a_certificate_is_confirmed_by_its_code_and_the_page_shows_nothing_else,
    the_cpd_log_lists_every_finished_module_as_csv_and_pdf,
    nobody_reaches_another_learners_certificate_log_or_statements,
    every_learning_event_is_a_valid_xapi_statement,
    an_admin_downloads_every_statement_and_the_download_is_audited,
);

/// Works through a module one step at a time, moving the clock `step_time` before each answer,
/// and returns the attempt and the number of answers given.
async fn finish_slowly(
    app: &TestApp,
    client: &reqwest::Client,
    module: &app::domain::curriculum::module::ModuleDefinition,
    step_time: Duration,
) -> anyhow::Result<(String, usize)> {
    let attempt = start(app, client, &module.slug).await?;
    let mut view = current(app, client, &attempt).await?;
    let mut answers = 0;
    while !matches!(view.content, StepContent::Finished { .. }) {
        app.state.clock.advance(step_time);
        let fields = fields_for(module, &view, Knowing::Right("2"), Knowing::Right("3"));
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let response = send(app, client, &view, &fields).await?;
        anyhow::ensure!(response.status().is_success(), "{}: {}", view.step, response.status());
        view = response.json().await?;
        answers += 1;
    }
    Ok((attempt, answers))
}

/// The text of a PDF, with every run of whitespace (line breaks from wrapping included) as one space.
fn pdf_text(bytes: &[u8]) -> anyhow::Result<String> {
    let document = lopdf::Document::load_mem(bytes)?;
    let pages: Vec<u32> = document.get_pages().keys().copied().collect();
    Ok(document.extract_text(&pages)?.split_whitespace().collect::<Vec<_>>().join(" "))
}

async fn finishing_a_module_issues_a_certificate_with_the_time_measured_from_the_records(
    engine: Engine,
) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    app.world().await?;
    let module = publish(&app, MARGARET).await?;
    let learner = app.signed_in(LEARNER_A).await?;
    let attempt = start(&app, &learner, MARGARET_SLUG).await?;
    // Two minutes on each of the first ten steps; then away for three hours (counted as thirty
    // minutes), back on another sign-in, and a minute on each step after.
    answer_steps(&app, &learner, &module, &attempt, (Knowing::Right("2"), Knowing::Right("2")), 0).await?;
    let mut early = 0;
    for _ in 0..10 {
        app.state.clock.advance(Duration::from_secs(120));
        answer_steps(&app, &learner, &module, &attempt, (Knowing::Right("2"), Knowing::Right("2")), 1)
            .await?;
        early += 1;
    }
    app.state.clock.advance(Duration::from_secs(3 * 3600));
    let learner = app.signed_in(LEARNER_A).await?;
    let mut view = current(&app, &learner, &attempt).await?;
    let mut late = 0;
    while !matches!(view.content, StepContent::Finished { .. }) {
        app.state.clock.advance(Duration::from_secs(if late == 0 { 0 } else { 60 }));
        view = answer_steps(&app, &learner, &module, &attempt, (Knowing::Right("2"), Knowing::Right("2")), 1)
            .await?;
        late += 1;
    }
    // The step left open counts 30 minutes; the rest as timed (within a second of real time each).
    let expected = 2 * early + 30 + (late - 1);
    let results: ResultsView =
        app.post(&learner, "/api/learning/view_results", &[("attempt", &attempt)]).await?.json().await?;
    let (code, minutes) = results.certificate.clone().ok_or_else(|| anyhow::anyhow!("a certificate"))?;
    assert!((minutes - expected as i64).abs() <= 1, "{minutes} minutes, expected about {expected}");
    assert_ne!(minutes, i64::from(module.estimated_minutes), "measured, not the estimate");

    let response = learner.get(app.url(&format!("/attempts/{attempt}/certificate.pdf"))).send().await?;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/pdf");
    assert_eq!(response.headers()["cache-control"], "no-store");
    let text = pdf_text(&response.bytes().await?)?;
    let name = LEARNER_A.split('@').next().unwrap_or_default();
    for expected in [
        "Certificate of completion".to_owned(),
        name.to_owned(),
        module.title.clone(),
        "Version 1, completed on".to_owned(),
        format!("Time spent: {minutes} minutes"),
        module.outcomes[0].clone(),
        format!("Verification code: {code}"),
        format!("/verify/{code}"),
    ] {
        assert!(text.contains(&expected), "{expected:?} missing from the certificate:\n{text}");
    }
    let page = Page::parse(
        &learner.get(app.url(&format!("/attempts/{attempt}/results"))).send().await?.text().await?,
    );
    assert_eq!(
        page.attr("a[href$='certificate.pdf']", "href")?,
        Some(format!("/attempts/{attempt}/certificate.pdf"))
    );
    Ok(())
}

async fn a_certificate_is_confirmed_by_its_code_and_the_page_shows_nothing_else(
    engine: Engine,
) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    app.world().await?;
    let module = publish(&app, MARGARET).await?;
    let learner = app.signed_in(LEARNER_A).await?;
    let (attempt, _) = finish_slowly(&app, &learner, &module, Duration::from_secs(30)).await?;
    let results: ResultsView =
        app.post(&learner, "/api/learning/view_results", &[("attempt", &attempt)]).await?.json().await?;
    let (code, _) = results.certificate.ok_or_else(|| anyhow::anyhow!("a certificate"))?;

    let anyone = new_client()?;
    let response = anyone.get(app.url(&format!("/verify/{code}"))).send().await?;
    assert_eq!(response.status(), StatusCode::OK);
    let page = Page::parse(&response.text().await?);
    assert_eq!(page.text("h1")?, "Certificate confirmed");
    let shown = page.texts(".nhsuk-summary-list__value")?;
    assert_eq!(shown.len(), 3, "name, module, date: {shown:?}");
    assert_eq!(shown[0], LEARNER_A.split('@').next().unwrap_or_default());
    assert_eq!(shown[1], module.title);
    let main = page.text("main")?;
    for private in [LEARNER_A, "GMC", "Version", "minutes", "reflection", &attempt] {
        assert!(!main.contains(private), "the verify page shows {private}: {main}");
    }
    let json: Value =
        app.post(&anyone, "/api/evidence/verify_certificate", &[("code", &code)]).await?.json().await?;
    let mut keys: Vec<&str> =
        json.as_object().map(|o| o.keys().map(String::as_str).collect()).unwrap_or_default();
    keys.sort_unstable();
    assert_eq!(keys, ["completed_at", "learner_name", "module_title"]);

    // Typed loosely, it still checks; the form works too.
    let loose = anyone
        .get(app.url(&format!("/verify?code={}", code.to_lowercase().replace('-', " "))))
        .send()
        .await?;
    assert_eq!(loose.status(), StatusCode::OK);
    // A changed character, an unknown code, and things that are not codes at all.
    let mut tampered: Vec<char> = code.chars().collect();
    tampered[0] = if tampered[0] == '7' { '8' } else { '7' };
    let tampered: String = tampered.into_iter().collect();
    for (attempted, heading) in [
        (tampered.as_str(), "No certificate has this code"),
        ("0000-0000-0000", "No certificate has this code"),
        ("not-a-code", "Check a certificate"),
        ("%3Cscript%3Ealert(1)%3C%2Fscript%3E", "Check a certificate"),
    ] {
        let response = anyone.get(app.url(&format!("/verify/{attempted}"))).send().await?;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{attempted}");
        let body = response.text().await?;
        assert_eq!(Page::parse(&body).text("h1")?, heading, "{attempted}");
        assert!(!body.contains("<script>alert"), "nothing typed is put on the page as markup");
    }
    let malformed = app.post(&anyone, "/api/evidence/verify_certificate", &[("code", "not-a-code")]).await?;
    assert_eq!(malformed.status(), StatusCode::UNPROCESSABLE_ENTITY);
    Ok(())
}

async fn the_cpd_log_lists_every_finished_module_as_csv_and_pdf(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    app.world().await?;
    let margaret = publish(&app, MARGARET).await?;
    let priya = publish(&app, PRIYA).await?;
    let learner = app.signed_in(LEARNER_A).await?;
    finish_slowly(&app, &learner, &margaret, Duration::from_secs(60)).await?;
    finish_slowly(&app, &learner, &priya, Duration::from_secs(45)).await?;
    start(&app, &learner, MARGARET_SLUG).await?; // in progress: not in the log

    let response = learner.get(app.url("/me/cpd-log.csv")).send().await?;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "text/csv; charset=utf-8");
    let text = response.text().await?;
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>()?;
    assert_eq!(rows.len(), 2, "two finished modules");
    let titles: Vec<&str> = rows.iter().map(|r| &r[1]).collect();
    assert_eq!(titles, [margaret.title.as_str(), priya.title.as_str()]);
    for (row, module) in rows.iter().zip([&margaret, &priya]) {
        assert!(row[0].len() == 10 && row[0].starts_with("20"), "an ISO date: {}", &row[0]);
        assert!(row[3].parse::<i64>()? > 0, "minutes: {}", &row[3]);
        assert!(row[4].contains(&module.outcomes[0]));
        assert_eq!(&row[5], "I will ask before I assume.\nAnd review repeats.");
        assert_eq!(row[6].len(), 14, "a certificate code: {}", &row[6]);
    }

    let pdf = learner.get(app.url("/me/cpd-log.pdf")).send().await?;
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    let text = pdf_text(&pdf.bytes().await?)?;
    for expected in
        [&margaret.title, &priya.title, &margaret.outcomes[0], &"I will ask before I assume.".to_owned()]
    {
        assert!(text.contains(expected.as_str()), "{expected} missing from the CPD log:\n{text}");
    }
    assert!(text.contains("2 modules"));
    Ok(())
}

async fn nobody_reaches_another_learners_certificate_log_or_statements(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let world = app.world().await?;
    let module = publish(&app, MARGARET).await?;
    let owner = app.signed_in(LEARNER_A).await?;
    let (attempt, _) = finish_slowly(&app, &owner, &module, Duration::from_secs(20)).await?;
    let certificate = format!("/attempts/{attempt}/certificate.pdf");

    let other = app.signed_in(LEARNER_B).await?;
    assert_eq!(other.get(app.url(&certificate)).send().await?.status(), StatusCode::NOT_FOUND);
    let admin = app.signed_in(ADMIN).await?;
    assert_eq!(admin.get(app.url(&certificate)).send().await?.status(), StatusCode::NOT_FOUND);
    let nobody = new_client()?.get(app.url(&certificate)).send().await?;
    assert_eq!(nobody.status(), StatusCode::SEE_OTHER);
    for path in ["/me/cpd-log.csv", "/me/xapi-statements.json"] {
        let body = other.get(app.url(path)).send().await?.text().await?;
        assert!(
            !body.contains(&module.title) && !body.contains(&attempt),
            "{path} of learner B shows A's learning"
        );
    }
    let statements: Vec<Value> = other.get(app.url("/me/xapi-statements.json")).send().await?.json().await?;
    assert!(statements.is_empty());
    // The owner's unfinished attempt has no certificate yet, and says so.
    let unfinished = start(&app, &owner, MARGARET_SLUG).await?;
    let response = owner.get(app.url(&format!("/attempts/{unfinished}/certificate.pdf"))).send().await?;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert!(app.state.db.certificate_of(&attempt, world.learner_b).await?.is_none());
    Ok(())
}

/// The xAPI 1.0.3 rules, as JSON Schema (tests/data), with format checks on.
fn xapi_validator() -> anyhow::Result<jsonschema::Validator> {
    let schema: Value = serde_json::from_str(include_str!("../data/xapi-1.0.3-statement.schema.json"))?;
    Ok(jsonschema::options().should_validate_formats(true).build(&schema)?)
}

fn problems(validator: &jsonschema::Validator, statement: &Value) -> Vec<String> {
    validator.iter_errors(statement).map(|e| format!("{} at {}", e, e.instance_path())).collect()
}

async fn every_learning_event_is_a_valid_xapi_statement(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let world = app.world().await?;
    let module = publish(&app, MARGARET).await?;
    let learner = app.signed_in(LEARNER_A).await?;
    let (attempt, _) = finish_slowly(&app, &learner, &module, Duration::from_secs(40)).await?;
    let response = learner.get(app.url("/me/xapi-statements.json")).send().await?;
    assert_eq!(response.status(), StatusCode::OK);
    let text = response.text().await?;
    assert!(!text.contains(LEARNER_A) && !text.contains("mbox"), "never the email");
    assert!(!text.contains("I will ask before I assume"), "never the reflection");
    let statements: Vec<Value> = serde_json::from_str(&text)?;

    let validator = xapi_validator()?;
    let mut verbs = std::collections::BTreeMap::<String, usize>::new();
    let mut ids = std::collections::BTreeSet::new();
    for statement in &statements {
        let found = problems(&validator, statement);
        assert!(found.is_empty(), "{found:#?}\nin {statement:#}");
        *verbs
            .entry(statement["verb"]["display"]["en-GB"].as_str().unwrap_or_default().to_owned())
            .or_default() += 1;
        assert!(ids.insert(statement["id"].as_str().unwrap_or_default().to_owned()), "ids are unique");
        assert_eq!(statement["actor"]["account"]["name"], world.learner_a.0.to_string());
        assert_eq!(statement["context"]["registration"], attempt.as_str());
        assert_eq!(statement["context"]["revision"], "1");
        if let Some(score) = statement["result"].get("score") {
            let (raw, min, max) = (score["raw"].as_f64(), score["min"].as_f64(), score["max"].as_f64());
            assert!(
                matches!((raw, min, max), (Some(r), Some(lo), Some(hi)) if lo <= r && r <= hi),
                "{score}"
            );
        }
    }
    let decisions = module.cases[0].decisions().count();
    let answered = 2 * module.items.len() + 2 * module.attitudes.len();
    assert_eq!(verbs.get("launched"), Some(&1));
    assert_eq!(verbs.get("commented"), Some(&1));
    assert_eq!(verbs.get("completed"), Some(&1));
    let answered_count = verbs.get("answered").copied().unwrap_or_default();
    assert!(answered_count > answered && answered_count <= answered + decisions, "{verbs:?}");
    let completed =
        statements.iter().find(|s| s["verb"]["display"]["en-GB"] == "completed").cloned().unwrap_or_default();
    assert_eq!(
        completed["result"]["score"]["raw"],
        3 * module.items.len() as i64,
        "the post-test, right at certainty 3"
    );
    assert_eq!(completed["result"]["completion"], true);
    Ok(())
}

/// The schema really rejects what xAPI forbids (so the test above can fail).
#[test]
fn the_xapi_schema_rejects_broken_statements() -> anyhow::Result<()> {
    let validator = xapi_validator()?;
    let good = serde_json::json!({
        "id": "9b2f7c1e-0000-4000-8000-000000000001",
        "actor": { "objectType": "Agent", "account": { "homePage": "https://casebook.example", "name": "7" } },
        "verb": { "id": "http://adlnet.gov/expapi/verbs/answered", "display": { "en-GB": "answered" } },
        "object": { "objectType": "Activity", "id": "https://casebook.example/modules/m/items/a" },
        "result": { "duration": "PT42.5S", "score": { "raw": -2, "min": -6, "max": 3, "scaled": -0.333 } },
        "context": { "registration": "9b2f7c1e-0000-4000-8000-000000000002", "language": "en-GB" },
        "timestamp": "2026-11-24T04:21:00.123Z",
        "version": "1.0.3"
    });
    assert!(problems(&validator, &good).is_empty(), "{:?}", problems(&validator, &good));
    let broken: [(&str, Value); 9] = [
        ("/verb", Value::Null),
        ("/id", "not-a-uuid".into()),
        ("/result/duration", "42 seconds".into()),
        ("/result/duration", "PT".into()),
        ("/timestamp", "24/11/2026".into()),
        ("/context/registration", "12345".into()),
        ("/actor/account/homePage", "not an iri".into()),
        ("/result/score/scaled", 2.into()),
        (
            "/object/definition",
            serde_json::json!({ "choices": [{ "id": "a" }], "interactionType": "likert" }),
        ),
    ];
    for (pointer, value) in broken {
        let mut statement = good.clone();
        match statement.pointer_mut(pointer) {
            Some(slot) if value.is_null() => *slot = Value::Null,
            Some(slot) => *slot = value,
            None => {
                let (parent, key) = pointer.rsplit_once('/').unwrap_or_default();
                if let Some(Value::Object(map)) = statement.pointer_mut(parent) {
                    map.insert(key.to_owned(), value);
                }
            }
        }
        if pointer == "/verb" {
            statement.as_object_mut().map(|o| o.remove("verb"));
        }
        assert!(!problems(&validator, &statement).is_empty(), "{pointer} broken yet accepted");
    }
    let mut two_identities = good.clone();
    two_identities["actor"]["mbox"] = "mailto:someone@example.org".into();
    assert!(!problems(&validator, &two_identities).is_empty(), "an agent has exactly one identifier");
    Ok(())
}

async fn an_admin_downloads_every_statement_and_the_download_is_audited(
    engine: Engine,
) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let world = app.world().await?;
    let module = publish(&app, MARGARET).await?;
    let a = app.signed_in(LEARNER_A).await?;
    let b = app.signed_in(LEARNER_B).await?;
    finish_slowly(&app, &a, &module, Duration::from_secs(10)).await?;
    start(&app, &b, MARGARET_SLUG).await?;

    assert_eq!(a.get(app.url("/admin/xapi-statements.json")).send().await?.status(), StatusCode::FORBIDDEN);
    let admin = app.signed_in(ADMIN).await?;
    let response = admin.get(app.url("/admin/xapi-statements.json")).send().await?;
    assert_eq!(response.status(), StatusCode::OK);
    let statements: Vec<Value> = response.json().await?;
    let people: std::collections::BTreeSet<String> =
        statements.iter().filter_map(|s| s["actor"]["account"]["name"].as_str().map(str::to_owned)).collect();
    let expected: std::collections::BTreeSet<String> =
        [world.learner_a, world.learner_b].iter().map(|p: &PersonId| p.0.to_string()).collect();
    assert_eq!(people, expected);
    let mine: Vec<Value> = a.get(app.url("/me/xapi-statements.json")).send().await?.json().await?;
    assert_eq!(mine.len() + 1, statements.len(), "everyone's: A's and B's launch");
    let audit = app.state.db.list_audit(&Default::default(), 50, 0).await?.entries;
    assert!(audit.iter().any(|e| e.action == "statements_exported"), "{audit:?}");
    Ok(())
}
