//! Stored and reflected XSS in what learners and admins write (the authoring fields have their own
//! test): every payload of the corpus becomes a learner's name and their region's and practice's
//! names, and all of them together a reflection; then every page that shows those is parsed and
//! must hold nothing that could run script. Each payload is also put into every query parameter
//! a page reads back. A field may refuse a payload (too long, not in its format) with a 4xx.

use app::domain::learning::step::Step;
use app::wire::step_view::StepContent;
use casebook_tests::{ADMIN, Engine, LEAD_A, LEARNER_A, Page, TestApp, new_client, on_both_engines};
use reqwest::StatusCode;

use crate::learning::{Knowing, current, fields_for, publish, send, start};

on_both_engines!(user_text_is_rendered_inert_on_every_page);

const PAYLOADS: &str = include_str!("../data/xss-payloads.txt");

async fn user_text_is_rendered_inert_on_every_page(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let world = app.world().await?;
    let payloads: Vec<&str> = PAYLOADS.lines().filter(|l| !l.is_empty()).collect();
    let learner = app.signed_in(LEARNER_A).await?;
    let admin = app.signed_in(ADMIN).await?;
    let lead = app.signed_in(LEAD_A).await?;
    let anonymous = new_client()?;
    let jim = publish(&app, include_str!("../../curriculum/benzodiazepines/jim.toml")).await?;
    let attempt = start(&app, &learner, &jim.slug).await?;
    finish_reflecting(&app, &learner, &jim, &attempt, &payloads.join("\n")).await?;
    let code =
        app.state.db.certificate_of(&attempt, world.learner_a).await?.map(|c| c.code).unwrap_or_default();
    let (region, practice) = (world.region_a.0.to_string(), world.practice_a.0.to_string());

    let mut accepted = std::collections::BTreeMap::<&str, usize>::new();
    for (n, payload) in payloads.iter().enumerate() {
        let writes = [
            (
                "a learner's name",
                &learner,
                "/api/account/update_profile",
                vec![
                    ("full_name", *payload),
                    ("gmc_number", ""),
                    ("practice", &practice),
                    ("career_stage", "gp"),
                ],
            ),
            (
                "a region's name",
                &admin,
                "/api/admin/rename_organisation",
                vec![("kind", "region"), ("id", &region), ("name", payload)],
            ),
            (
                "a practice's name",
                &admin,
                "/api/admin/rename_organisation",
                vec![("kind", "practice"), ("id", &practice), ("name", payload)],
            ),
        ];
        for (field, client, path, form) in writes {
            let status = app.post(client, path, &form).await?.status();
            assert!(status.is_success() || status.is_client_error(), "{path} with {payload:?}: {status}");
            *accepted.entry(field).or_default() += usize::from(status.is_success());
        }
        let q = url::form_urlencoded::byte_serialize(payload.as_bytes()).collect::<String>();
        let pages = [
            (&learner, "/account".to_owned()),
            (&learner, "/me".to_owned()),
            (&learner, format!("/attempts/{attempt}/results")),
            (&learner, format!("/modules?theme={q}")),
            (&anonymous, format!("/verify/{code}")),
            (&anonymous, format!("/verify?code={q}")),
            (&anonymous, "/register".to_owned()),
            (&anonymous, format!("/sign-in?next={q}")),
            (&admin, "/admin/people".to_owned()),
            (&admin, format!("/admin/people?text={q}&role={q}&status={q}")),
            (&admin, format!("/admin/people/{}", world.learner_a.0)),
            (&admin, "/admin/people/invite".to_owned()),
            (&admin, "/admin/organisations".to_owned()),
            (&admin, format!("/admin/organisations/regions/{region}")),
            (&admin, format!("/admin/organisations/practices/{practice}")),
            (&admin, format!("/admin/audit?action={q}&person={q}")),
            (&lead, "/reports".to_owned()),
            (&lead, format!("/reports?from={q}&to={q}&module={q}")),
            (&lead, "/reports/prescribing".to_owned()),
        ];
        for (client, path) in pages {
            let response = client.get(app.url(&path)).send().await?;
            let status = response.status();
            assert!(status != StatusCode::INTERNAL_SERVER_ERROR, "{path} with payload {n}: {status}");
            let risks = Page::parse(&response.text().await?).script_risks();
            assert!(risks.is_empty(), "{path} with payload {n} {payload:?}: {risks:?}");
        }
    }
    // The payloads reached the pages: most fit every field's rules.
    for (field, count) in &accepted {
        assert!(*count * 2 > payloads.len(), "{field}: only {count} payloads were stored");
    }
    Ok(())
}

/// Answers every step of the attempt, writing `reflection` at the reflection step.
async fn finish_reflecting(
    app: &TestApp,
    client: &reqwest::Client,
    module: &app::domain::curriculum::module::ModuleDefinition,
    attempt: &str,
    reflection: &str,
) -> anyhow::Result<()> {
    let mut view = current(app, client, attempt).await?;
    while !matches!(view.content, StepContent::Finished { .. }) {
        let mut fields = fields_for(module, &view, Knowing::Right("2"), Knowing::Right("2"));
        if Step::parse(&view.step) == Some(Step::Reflection) {
            fields = vec![("reflection", reflection.to_owned())];
        }
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let response = send(app, client, &view, &fields).await?;
        anyhow::ensure!(response.status().is_success(), "answering {}: {}", view.step, response.status());
        view = response.json().await?;
    }
    Ok(())
}
