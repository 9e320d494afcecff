//! Stored XSS: every payload of a corpus of filter-evasion vectors (after OWASP's cheat sheet) is
//! saved into every field an author writes, then every page that shows those fields is parsed and
//! must hold nothing that could run script. A field may refuse a payload (too long for it, or not
//! in its format) with a clear message; Markdown fields must take every one and render it inert.

use app::domain::ids::VersionId;
use casebook_tests::{Engine, Page, TRAINER, TestApp, on_both_engines};
use reqwest::StatusCode;

on_both_engines!(every_payload_in_every_author_field_is_rendered_inert);

const PAYLOADS: &str = include_str!("../data/xss-payloads.txt");

/// Posts a form for a version of `slug` at its current revision; returns the status.
async fn save(
    app: &TestApp,
    client: &reqwest::Client,
    version: VersionId,
    path: &str,
    fields: &[(&str, &str)],
) -> anyhow::Result<StatusCode> {
    let record = app.state.db.version_record(version).await?.ok_or_else(|| anyhow::anyhow!("no version"))?;
    let (id, revision) = (version.0.to_string(), record.stored.revision.to_string());
    let mut form = vec![("version", id.as_str()), ("revision", revision.as_str())];
    form.extend_from_slice(fields);
    Ok(app.post(client, path, &form).await?.status())
}

/// Writes one module whose every author field holds `payload`, and returns its version.
async fn module_full_of(
    app: &TestApp,
    client: &reqwest::Client,
    n: usize,
    payload: &str,
) -> anyhow::Result<VersionId> {
    let slug = format!("xss-{n}");
    let fits =
        |max: usize| if payload.chars().count() <= max { payload.to_owned() } else { format!("Payload {n}") };
    let title = fits(150);
    let created =
        app.post(client, "/api/authoring/create_module", &[("slug", &slug), ("title", &title)]).await?;
    anyhow::ensure!(created.status() == StatusCode::OK, "creating {slug}: {}", created.status());
    let version = app
        .state
        .db
        .module_version(&slug, None)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no {slug}"))?
        .summary
        .version;
    let markdown = format!("Before {payload} after");
    let details = [
        ("title", title.as_str()),
        ("summary", markdown.as_str()),
        ("audience", &fits(200)),
        ("estimated_minutes", "20"),
        ("themes[gp-role]", "on"),
        ("outcomes", &fits(300)),
        ("notice", markdown.as_str()),
    ];
    let details: Vec<(&str, &str)> = details.iter().map(|(k, v)| (*k, *v)).collect();
    assert_eq!(
        save(app, client, version, "/api/authoring/save_details", &details).await?,
        StatusCode::OK,
        "{payload}"
    );
    // The lists are `key | text` lines: a payload with a bar in it is refused, clearly.
    let lists = [
        ("references", format!("R1 | {}", fits(1000))),
        ("attitudes", format!("a1 | {} | gp-role", fits(500))),
        ("reflections", fits(500)),
    ];
    let lists: Vec<(&str, &str)> = lists.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let status = save(app, client, version, "/api/authoring/save_lists", &lists).await?;
    assert!(
        status == StatusCode::OK || (payload.contains('|') && status == StatusCode::UNPROCESSABLE_ENTITY),
        "{payload}: {status}"
    );
    let option_text = fits(500);
    let mut item = vec![
        ("item", "new"),
        ("key", "q1"),
        ("stem", markdown.as_str()),
        ("themes", "gp-role"),
        ("references", "R1"),
        ("correct", "0"),
    ];
    let names: Vec<(String, String)> = (0..4)
        .flat_map(|row| {
            [
                (format!("options[{row}][text]"), option_text.clone()),
                (format!("options[{row}][feedback]"), markdown.clone()),
            ]
        })
        .collect();
    item.extend(names.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    assert_eq!(
        save(app, client, version, "/api/authoring/save_item", &item).await?,
        StatusCode::OK,
        "{payload}"
    );
    assert_eq!(
        save(app, client, version, "/api/authoring/add_case", &[("key", "c"), ("title", &title)]).await?,
        StatusCode::OK
    );
    let start =
        [("case", "c"), ("node", "start"), ("kind", "narrative"), ("body", markdown.as_str()), ("next", "d")];
    assert_eq!(
        save(app, client, version, "/api/authoring/save_node", &start).await?,
        StatusCode::OK,
        "{payload}"
    );
    let question = fits(500);
    let decision = [
        ("case", "c"),
        ("node", "new"),
        ("key", "d"),
        ("kind", "decision"),
        ("body", markdown.as_str()),
        ("question", question.as_str()),
        ("options[0][text]", option_text.as_str()),
        ("options[0][rating]", "best"),
        ("options[0][feedback]", markdown.as_str()),
        ("options[0][themes]", "gp-role"),
        ("options[0][references]", "R1"),
        ("options[0][next]", "e"),
        ("options[1][text]", "Another option"),
        ("options[1][rating]", "unsafe"),
        ("options[1][feedback]", markdown.as_str()),
        ("options[1][themes]", "gp-role"),
        ("options[1][references]", "R1"),
        ("options[1][next]", "e"),
    ];
    assert_eq!(
        save(app, client, version, "/api/authoring/save_node", &decision).await?,
        StatusCode::OK,
        "{payload}"
    );
    let end = [("case", "c"), ("node", "new"), ("key", "e"), ("kind", "end"), ("body", markdown.as_str())];
    assert_eq!(
        save(app, client, version, "/api/authoring/save_node", &end).await?,
        StatusCode::OK,
        "{payload}"
    );
    Ok(version)
}

async fn every_payload_in_every_author_field_is_rendered_inert(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    app.world().await?;
    let trainer = app.signed_in(TRAINER).await?;
    let payloads: Vec<&str> = PAYLOADS.lines().filter(|l| !l.is_empty()).collect();
    assert!(payloads.len() >= 50, "a large corpus");
    for (n, payload) in payloads.iter().enumerate() {
        let version = module_full_of(&app, &trainer, n, payload).await?.0;
        let base = format!("/author/versions/{version}");
        let pages = [
            base.clone(),
            format!("{base}/details"),
            format!("{base}/lists"),
            format!("{base}/items/q1"),
            format!("{base}/cases/c/nodes/start"),
            format!("{base}/cases/c/nodes/d"),
            format!("{base}/preview"),
            format!("{base}/preview?step=pre:q1"),
            format!("{base}/preview?step=case:c:start"),
            format!("{base}/preview?step=case:c:d"),
            format!("{base}/preview?step=feedback:c:d:a"),
            format!("{base}/preview?step=case:c:e"),
            format!("{base}/preview?step=reflection"),
            "/author".to_owned(),
        ];
        for path in pages {
            let response = trainer.get(app.url(&path)).send().await?;
            assert_eq!(response.status(), StatusCode::OK, "{path} with {payload}");
            let risks = Page::parse(&response.text().await?).script_risks();
            assert!(risks.is_empty(), "{path} with payload {n} {payload:?}: {risks:?}");
        }
    }
    Ok(())
}
