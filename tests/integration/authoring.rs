//! The authoring studio over HTTP: the review workflow and who may take each step, optimistic
//! locking of drafts, learners finishing on the version they started, item analysis figures, and
//! author text never running as script.

use app::domain::authoring::review::ReviewDecision;
use app::domain::curriculum::module::{ModuleDefinition, VersionStatus};
use app::domain::ids::VersionId;
use app::domain::role::{Role, RoleGrant};
use app::ssr::authoring::SAVED_MEANWHILE;
use app::wire::step_view::StepContent;
use casebook_tests::{
    ADMIN, Engine, LEARNER_A, LEARNER_B, Page, TRAINER, TestApp, app_error, on_both_engines,
};
use reqwest::StatusCode;

use crate::learning::{
    Knowing, MARGARET, MARGARET_SLUG, answer_steps, current, margaret_analysis, publish, start,
};

on_both_engines!(
    a_version_goes_from_draft_to_published_only_through_a_second_trainers_sign_off,
    a_published_version_never_changes_and_the_next_is_a_new_draft,
    two_editors_of_one_draft_never_overwrite_each_other,
    learners_finish_on_the_version_they_started,
    item_and_decision_analysis_matches_hand_computed_figures,
    a_small_case_is_written_from_scratch_in_plain_forms,
    author_text_is_rendered_without_script,
    markdown_is_previewed_as_learners_will_see_it,
);

const SECOND_TRAINER: &str = "second.trainer@test.example";

/// The test world with a second trainer, and Margaret imported as a draft; returns the draft.
pub(crate) async fn draft(app: &TestApp) -> anyhow::Result<VersionId> {
    app.world().await?;
    app.person((SECOND_TRAINER, vec![RoleGrant { role: Role::Trainer, region: None }], None)).await?;
    let imported = app::ssr::curriculum::import_module_file(
        &app.state.db,
        MARGARET,
        VersionStatus::Draft,
        None,
        None,
        0,
    )
    .await
    .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    Ok(imported.version)
}

/// The version's status and revision, from the database.
async fn state(app: &TestApp, version: VersionId) -> anyhow::Result<(VersionStatus, i64)> {
    let record = app.state.db.version_record(version).await?.ok_or_else(|| anyhow::anyhow!("no version"))?;
    Ok((record.stored.summary.status, record.stored.revision))
}

/// Takes a workflow action as `client`, at the revision the database holds now.
async fn act(
    app: &TestApp,
    client: &reqwest::Client,
    version: VersionId,
    action: &str,
    extra: &[(&str, &str)],
) -> anyhow::Result<reqwest::Response> {
    let (_, revision) = state(app, version).await?;
    let (id, revision) = (version.0.to_string(), revision.to_string());
    let mut form = vec![("version", id.as_str()), ("action", action), ("revision", revision.as_str())];
    form.extend_from_slice(extra);
    app.post(client, "/api/authoring/move_version", &form).await
}

async fn a_version_goes_from_draft_to_published_only_through_a_second_trainers_sign_off(
    engine: Engine,
) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let version = draft(&app).await?;
    let author = app.signed_in(TRAINER).await?;
    let second = app.signed_in(SECOND_TRAINER).await?;
    let admin = app.signed_in(ADMIN).await?;
    let learner = app.signed_in(LEARNER_A).await?;

    assert_eq!(act(&app, &learner, version, "send-for-review", &[]).await?.status(), StatusCode::FORBIDDEN);
    assert_eq!(act(&app, &author, version, "send-for-review", &[]).await?.status(), StatusCode::OK);
    assert_eq!(state(&app, version).await?.0, VersionStatus::InReview);
    // The version records who sent it: that trainer cannot sign it off, nor can an admin who is no
    // trainer, and nothing is published unsigned.
    for (who, action) in [(&author, "sign-off"), (&admin, "sign-off"), (&author, "publish")] {
        let refused = act(&app, who, version, action, &[]).await?;
        assert_eq!(refused.status(), StatusCode::CONFLICT, "{action}");
    }
    let no_comments = act(&app, &second, version, "request-changes", &[("comments", " ")]).await?;
    assert_eq!(no_comments.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app_error(no_comments).await?.message_for("comments"), Some("Enter what needs to change"));
    let sent_back = act(
        &app,
        &second,
        version,
        "request-changes",
        &[("comments", "Cite the MHRA alert in node review.")],
    )
    .await?;
    assert_eq!(sent_back.status(), StatusCode::OK);
    assert_eq!(state(&app, version).await?.0, VersionStatus::Draft);

    act(&app, &author, version, "send-for-review", &[]).await?;
    assert_eq!(
        act(&app, &second, version, "sign-off", &[("comments", "Clinically sound.")]).await?.status(),
        StatusCode::OK
    );
    let bad_date = act(&app, &author, version, "publish", &[("review_by", "last Tuesday")]).await?;
    assert_eq!(bad_date.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(state(&app, version).await?.0, VersionStatus::InReview, "a refused publish changes nothing");
    assert_eq!(
        act(&app, &author, version, "publish", &[("review_by", "2027-10-01")]).await?.status(),
        StatusCode::OK
    );

    let record = app.state.db.version_record(version).await?.ok_or_else(|| anyhow::anyhow!("gone"))?;
    assert_eq!(record.stored.summary.status, VersionStatus::Published);
    assert_eq!(record.review_by, app::domain::time::parse_uk_date_start("2027-10-01").ok());
    let reviews = app.state.db.reviews_of(version).await?;
    let decisions: Vec<_> = reviews.iter().map(|r| (r.decision, r.comments.as_str())).collect();
    assert_eq!(
        decisions,
        [
            (ReviewDecision::ChangesRequested, "Cite the MHRA alert in node review."),
            (ReviewDecision::SignedOff, "Clinically sound.")
        ]
    );
    assert!(reviews.iter().all(|r| r.reviewer_name == "second.trainer"));
    let page = Page::parse(
        &author.get(app.url(&format!("/author/versions/{}", version.0))).send().await?.text().await?,
    );
    assert!(page.text("table")?.contains("Clinically sound."), "the sign-off is shown with the version");
    Ok(())
}

async fn a_published_version_never_changes_and_the_next_is_a_new_draft(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let world = app.world().await?;
    let trainer = app.signed_in(TRAINER).await?;
    publish(&app, MARGARET).await?;
    let stored =
        app.state.db.published_version(MARGARET_SLUG).await?.ok_or_else(|| anyhow::anyhow!("none"))?;
    let v1 = stored.summary.version;
    let record = app.state.db.version_record(v1).await?.ok_or_else(|| anyhow::anyhow!("gone"))?;
    assert!(record.review_by.is_some(), "a version imported as published has a review-by date too");
    let edit = details_form(v1, stored.revision, "A changed title");
    let refused = app.post(&trainer, "/api/authoring/save_details", &form(&edit)).await?;
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    let direct = app.state.db.save_draft(v1, stored.revision, &stored.definition, world.trainer, 0).await?;
    assert_eq!(direct, None, "the data layer refuses too");

    assert_eq!(act(&app, &trainer, v1, "new-draft", &[]).await?.status(), StatusCode::OK);
    assert_eq!(
        act(&app, &trainer, v1, "new-draft", &[]).await?.status(),
        StatusCode::CONFLICT,
        "one draft at a time"
    );
    let v2 =
        app.state.db.module_version(MARGARET_SLUG, Some(2)).await?.ok_or_else(|| anyhow::anyhow!("no v2"))?;
    assert_eq!(v2.summary.status, VersionStatus::Draft);
    assert_eq!(v2.definition, stored.definition, "the draft starts as a copy");
    let saved = app
        .post(
            &trainer,
            "/api/authoring/save_details",
            &form(&details_form(v2.summary.version, v2.revision, "Margaret, revised")),
        )
        .await?;
    assert_eq!(saved.status(), StatusCode::OK);
    let unchanged = app.state.db.version_by_id(v1).await?.ok_or_else(|| anyhow::anyhow!("v1 gone"))?;
    assert_eq!(unchanged.definition, stored.definition);

    let compared = app
        .post(
            &trainer,
            "/api/authoring/compare_versions",
            &[("version", &v2.summary.version.0.to_string()), ("with", "1")],
        )
        .await?;
    let comparison: app::api::authoring::compare_versions::Comparison = compared.json().await?;
    let fields: Vec<&str> = comparison.changes.iter().map(|c| c.field.as_str()).collect();
    assert!(fields.contains(&"title"), "{fields:?}");
    let retired = act(&app, &trainer, v1, "retire", &[]).await?;
    assert_eq!(retired.status(), StatusCode::OK);
    assert_eq!(state(&app, v1).await?.0, VersionStatus::Retired);
    Ok(())
}

/// The details form for a version, as the editor sends it (every field but the title as stored).
fn details_form(version: VersionId, revision: i64, title: &str) -> Vec<(String, String)> {
    vec![
        ("version".into(), version.0.to_string()),
        ("revision".into(), revision.to_string()),
        ("title".into(), title.into()),
        ("summary".into(), "A GP reviews long-term temazepam after a fall.".into()),
        ("audience".into(), "GPs and GP trainees".into()),
        ("estimated_minutes".into(), "25".into()),
        ("themes[deserving-patient]".into(), "on".into()),
        ("themes[starting-vs-withdrawing]".into(), "on".into()),
        ("outcomes".into(), "Explain the risks of long-term hypnotics\nPlan a gradual taper".into()),
        ("notice".into(), String::new()),
    ]
}

fn form(fields: &[(String, String)]) -> Vec<(&str, &str)> {
    fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

async fn two_editors_of_one_draft_never_overwrite_each_other(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let version = draft(&app).await?;
    let first = app.signed_in(TRAINER).await?;
    let second = app.signed_in(SECOND_TRAINER).await?;
    let (_, loaded) = state(&app, version).await?;
    // Both open the editor at the same revision; the first to save wins, the second is told.
    let saved = app
        .post(
            &first,
            "/api/authoring/save_details",
            &form(&details_form(version, loaded, "First editor's title")),
        )
        .await?;
    assert_eq!(saved.status(), StatusCode::OK);
    let clash = app
        .post(
            &second,
            "/api/authoring/save_details",
            &form(&details_form(version, loaded, "Second editor's title")),
        )
        .await?;
    assert_eq!(clash.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let error = app_error(clash).await?;
    assert_eq!(error.message_for("revision"), Some(SAVED_MEANWHILE));
    assert_eq!(error.value_for("title"), Some("Second editor's title"), "their own text comes back to them");
    let stored = app.state.db.version_by_id(version).await?.ok_or_else(|| anyhow::anyhow!("gone"))?;
    assert_eq!(stored.definition.title, "First editor's title");
    assert_eq!(stored.revision, loaded + 1);
    Ok(())
}

async fn learners_finish_on_the_version_they_started(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let world = app.world().await?;
    app.person((SECOND_TRAINER, vec![RoleGrant { role: Role::Trainer, region: None }], None)).await?;
    let v1_definition = publish(&app, MARGARET).await?;
    let v1 = app.state.db.published_version(MARGARET_SLUG).await?.ok_or_else(|| anyhow::anyhow!("none"))?;
    let learner = app.signed_in(LEARNER_A).await?;
    let attempt = start(&app, &learner, MARGARET_SLUG).await?;
    answer_steps(&app, &learner, &v1_definition, &attempt, (Knowing::Right("2"), Knowing::Right("3")), 5)
        .await?;

    // Version 2 is written, reviewed and published while the learner is half way.
    let (author, second) = (app.signed_in(TRAINER).await?, app.signed_in(SECOND_TRAINER).await?);
    act(&app, &author, v1.summary.version, "new-draft", &[]).await?;
    let v2 =
        app.state.db.module_version(MARGARET_SLUG, Some(2)).await?.ok_or_else(|| anyhow::anyhow!("no v2"))?;
    let v2_id = v2.summary.version;
    app.post(
        &author,
        "/api/authoring/save_details",
        &form(&details_form(v2_id, v2.revision, "Margaret, second edition")),
    )
    .await?;
    act(&app, &author, v2_id, "send-for-review", &[]).await?;
    act(&app, &second, v2_id, "sign-off", &[]).await?;
    assert_eq!(act(&app, &author, v2_id, "publish", &[]).await?.status(), StatusCode::OK);

    let view = current(&app, &learner, &attempt).await?;
    assert_eq!(view.module_title, v1_definition.title, "the attempt stays on version 1");
    let last = answer_steps(
        &app,
        &learner,
        &v1_definition,
        &attempt,
        (Knowing::Right("2"), Knowing::Right("3")),
        200,
    )
    .await?;
    assert!(matches!(last.content, StepContent::Finished { .. }));
    let stored = app.state.db.attempt_of(&attempt, world.learner_a).await?;
    assert_eq!(stored.map(|a| a.version), Some(v1.summary.version));

    let newcomer = app.signed_in(LEARNER_B).await?;
    let fresh = start(&app, &newcomer, MARGARET_SLUG).await?;
    assert_eq!(current(&app, &newcomer, &fresh).await?.module_title, "Margaret, second edition");
    Ok(())
}

async fn item_and_decision_analysis_matches_hand_computed_figures(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let world = app.world().await?;
    let margaret = publish(&app, MARGARET).await?;
    let third = "learner.c@test.example";
    app.person((third, vec![RoleGrant { role: Role::Learner, region: None }], Some(world.practice_a)))
        .await?;
    // Two learners right before the case (certainty 3 and 2), one wrong (certainty 1); all right after.
    for (email, before) in
        [(LEARNER_A, Knowing::Right("3")), (LEARNER_B, Knowing::Wrong("1")), (third, Knowing::Right("2"))]
    {
        let learner = app.signed_in(email).await?;
        let attempt = start(&app, &learner, MARGARET_SLUG).await?;
        answer_steps(&app, &learner, &margaret, &attempt, (before, Knowing::Right("3")), 200).await?;
    }
    let version =
        app.state.db.published_version(MARGARET_SLUG).await?.ok_or_else(|| anyhow::anyhow!("none"))?;
    let trainer = app.signed_in(TRAINER).await?;
    let analysis = margaret_analysis(&app).await?;
    assert_eq!(analysis.attempts, 3);
    for (item, stats) in margaret.items.iter().zip(&analysis.before) {
        assert_eq!(stats.answers, 3);
        assert!((stats.facility.unwrap_or_default() - 2.0 / 3.0).abs() < 1e-9);
        // Rest scores n−1, 0, n−1: M₁ = n−1, M₀ = 0, s = (n−1)·√2/3, √(pq) = √2/3, so r = 1.
        assert!((stats.discrimination.unwrap_or_default() - 1.0).abs() < 1e-9, "{:?}", stats.discrimination);
        assert_eq!(stats.certainty_when_right, Some(2.5));
        assert_eq!(stats.certainty_when_wrong, Some(1.0));
        let correct = item.options.iter().find(|o| o.correct).map(|o| o.key.clone()).unwrap_or_default();
        assert_eq!(stats.chosen.get(&correct), Some(&2));
        assert!(stats.flags.is_empty(), "three answers are too few to flag");
    }
    for stats in &analysis.after {
        assert_eq!((stats.facility, stats.discrimination), (Some(1.0), None));
    }
    let reached: Vec<_> = analysis.decisions.iter().filter(|d| d.answers > 0).collect();
    assert!(!reached.is_empty());
    for decision in reached {
        assert_eq!(decision.answers, 3, "everyone took the same, best, path");
        assert!(decision.chosen.iter().any(|(_, n)| *n == 3));
    }
    let learner = app.signed_in(LEARNER_A).await?;
    let refused = app
        .post(
            &learner,
            "/api/authoring/view_analysis",
            &[("version", &version.summary.version.0.to_string())],
        )
        .await?;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let page = trainer
        .get(app.url(&format!("/author/versions/{}/analysis", version.summary.version.0)))
        .send()
        .await?;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.text().await?.contains("0.67"));
    Ok(())
}

async fn a_small_case_is_written_from_scratch_in_plain_forms(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let world = app.world().await?;
    let trainer = app.signed_in(TRAINER).await?;
    let created = app
        .post(
            &trainer,
            "/api/authoring/create_module",
            &[("slug", "ruth-sleep"), ("title", "Ruth: sleep after a bereavement")],
        )
        .await?;
    assert_eq!(created.status(), StatusCode::OK);
    let again = app
        .post(&trainer, "/api/authoring/create_module", &[("slug", "ruth-sleep"), ("title", "Again")])
        .await?;
    assert_eq!(
        app_error(again).await?.message_for("slug"),
        Some("A module already has this address: choose another")
    );
    let draft =
        app.state.db.module_version("ruth-sleep", None).await?.ok_or_else(|| anyhow::anyhow!("no draft"))?;
    let version = draft.summary.version;
    let id = version.0.to_string();
    let save = |path: &'static str, fields: Vec<(String, String)>| {
        let (app, trainer, id) = (&app, &trainer, id.clone());
        async move {
            let (_, revision) = state(app, version).await?;
            let mut all = vec![("version".to_owned(), id), ("revision".to_owned(), revision.to_string())];
            all.extend(fields);
            let response = app.post(trainer, path, &form(&all)).await?;
            anyhow::ensure!(
                response.status() == StatusCode::OK,
                "{path}: {} {}",
                response.status(),
                response.text().await?
            );
            Ok::<_, anyhow::Error>(())
        }
    };
    let pairs = |fields: &[(&str, &str)]| {
        fields.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect::<Vec<_>>()
    };
    save(
        "/api/authoring/save_details",
        details_form(version, 0, "Ruth: sleep after a bereavement").into_iter().skip(2).collect(),
    )
    .await?;
    save(
        "/api/authoring/save_lists",
        pairs(&[
            ("references", "CKS | NICE CKS: Insomnia (2022) | https://cks.nice.org.uk/topics/insomnia/"),
            ("attitudes", "kind | Prescribing a hypnotic is the kind thing to do | deserving-patient"),
            ("reflections", "What will you do differently?"),
        ]),
    )
    .await?;
    let mut item = pairs(&[
        ("item", "new"),
        ("key", "cbti"),
        ("stem", "What is first-line for chronic insomnia?"),
        ("themes", "attitudes-to-alternatives"),
        ("references", "CKS"),
        ("correct", "0"),
    ]);
    for (row, text) in ["CBT for insomnia", "Zopiclone", "Temazepam", "Promethazine"].iter().enumerate() {
        item.push((format!("options[{row}][text]"), (*text).into()));
        item.push((format!("options[{row}][feedback]"), format!("About {text}.")));
    }
    save("/api/authoring/save_item", item).await?;
    save("/api/authoring/add_case", pairs(&[("key", "ruth"), ("title", "Ruth asks for sleeping tablets")]))
        .await?;
    let node = |fields: &[(&str, &str)]| {
        let mut all = pairs(&[("case", "ruth")]);
        all.extend(pairs(fields));
        all
    };
    save(
        "/api/authoring/save_node",
        node(&[
            ("node", "start"),
            ("kind", "narrative"),
            ("body", "Ruth, 64, has not slept since her husband died."),
            ("next", "choice"),
        ]),
    )
    .await?;
    let stored = app.state.db.version_by_id(version).await?.ok_or_else(|| anyhow::anyhow!("gone"))?;
    let problems = app::domain::curriculum::validate::validate(&stored.definition);
    assert!(
        problems.iter().any(|p| p.message.contains("leads to 'choice', which is not a node")),
        "{problems:?}"
    );
    // The node's own editor shows its problem beside the form.
    let start_editor = format!("/author/versions/{id}/cases/ruth/nodes/start");
    let editor = Page::parse(&trainer.get(app.url(&start_editor)).send().await?.text().await?);
    assert!(editor.text(".nhsuk-warning-callout")?.contains("leads to 'choice', which is not a node"));
    save(
        "/api/authoring/save_node",
        node(&[
            ("node", "new"),
            ("key", "choice"),
            ("kind", "decision"),
            ("question", "What do you offer?"),
            ("options[0][text]", "Talk about sleep and grief, and offer CBT-I"),
            ("options[0][rating]", "best"),
            ("options[0][feedback]", "Addresses the cause."),
            ("options[0][themes]", "attitudes-to-alternatives"),
            ("options[0][references]", "CKS"),
            ("options[0][next]", "end"),
            ("options[1][text]", "Zopiclone for a month"),
            ("options[1][rating]", "poor"),
            ("options[1][feedback]", "Short-term at best."),
            ("options[1][themes]", "deserving-patient"),
            ("options[1][references]", "CKS"),
            ("options[1][next]", "end"),
        ]),
    )
    .await?;
    save(
        "/api/authoring/save_node",
        node(&[
            ("node", "new"),
            ("key", "end"),
            ("kind", "end"),
            ("body", "Ruth sleeps better within weeks."),
        ]),
    )
    .await?;
    // The ending follows the poor choice with a passage of its own; a choice that is not one is named.
    let ending = |when: &str| {
        node(&[
            ("node", "end"),
            ("kind", "end"),
            ("body", "Ruth sleeps better within weeks."),
            ("passages[0][when]", when),
            ("passages[0][body]", "A year later Ruth still takes zopiclone every night."),
        ])
    };
    let (_, revision) = state(&app, version).await?;
    let mut bad = vec![("version".to_owned(), id.clone()), ("revision".to_owned(), revision.to_string())];
    bad.extend(ending("zopiclone"));
    let refused = app.post(&trainer, "/api/authoring/save_node", &form(&bad)).await?;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let message = app_error(refused).await?.message_for("passages[0][when]").map(str::to_owned);
    assert!(message.is_some_and(|m| m.contains("'zopiclone' is not a choice")));
    save("/api/authoring/save_node", ending("choice:b")).await?;
    let stored = app.state.db.version_by_id(version).await?.ok_or_else(|| anyhow::anyhow!("gone"))?;
    assert_eq!(app::domain::curriculum::validate::validate(&stored.definition), Vec::new());
    let end_editor = format!("/author/versions/{id}/cases/ruth/nodes/end");
    let editor = Page::parse(&trainer.get(app.url(&end_editor)).send().await?.text().await?);
    assert_eq!(editor.attr("input[name='passages[0][when]']", "value")?.as_deref(), Some("choice:b"));
    for (made, shown) in [("", "within weeks"), ("&made=choice:b", "still takes zopiclone")] {
        let path = format!("/author/versions/{id}/preview?step=case:ruth:end{made}");
        let preview = Page::parse(&trainer.get(app.url(&path)).send().await?.text().await?);
        assert!(preview.text("main")?.contains(shown), "{path}");
    }
    let page =
        Page::parse(&trainer.get(app.url(&format!("/author/versions/{id}"))).send().await?.text().await?);
    assert_eq!(page.count("svg[role=group] rect")?, 3, "the map draws every node");
    assert!(page.text("main")?.contains("passes every check"));
    // Preview walks the draft and records nothing.
    let preview = trainer.get(app.url(&format!("/author/versions/{id}/preview"))).send().await?;
    assert_eq!(preview.status(), StatusCode::OK);
    let step = app
        .post(&trainer, "/api/authoring/preview_answer", &[("version", id.as_str()), ("step", "intro")])
        .await?;
    assert_eq!(step.status(), StatusCode::OK);
    assert!(app.state.db.attempts_by(world.trainer).await?.is_empty(), "no attempt");
    assert!(app.state.db.statements_after(None, 0, 10).await?.is_empty(), "no learning record");
    assert_eq!(act(&app, &trainer, version, "send-for-review", &[]).await?.status(), StatusCode::OK);
    Ok(())
}

async fn author_text_is_rendered_without_script(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let version = draft(&app).await?;
    let trainer = app.signed_in(TRAINER).await?;
    let (_, revision) = state(&app, version).await?;
    let payload =
        "<script>alert('x')</script><img src=x onerror=alert(1)><a href=\"javascript:alert(1)\">go</a>";
    let definition: ModuleDefinition =
        app.state.db.version_by_id(version).await?.ok_or_else(|| anyhow::anyhow!("gone"))?.definition;
    let start = definition.cases[0].start.clone();
    let fields = [
        ("version", version.0.to_string()),
        ("revision", revision.to_string()),
        ("case", definition.cases[0].key.clone()),
        ("node", start.clone()),
        ("kind", "narrative".into()),
        ("body", payload.into()),
        ("next", "nowhere".into()),
    ];
    let saved = app
        .post(
            &trainer,
            "/api/authoring/save_node",
            &fields.iter().map(|(k, v)| (*k, v.as_str())).collect::<Vec<_>>(),
        )
        .await?;
    assert_eq!(saved.status(), StatusCode::OK);
    let case = &definition.cases[0].key;
    for path in [
        format!("/author/versions/{}", version.0),
        format!("/author/versions/{}/cases/{case}/nodes/{start}", version.0),
        format!("/author/versions/{}/preview?step=case:{case}:{start}", version.0),
    ] {
        let page = Page::parse(&trainer.get(app.url(&path)).send().await?.text().await?);
        assert_eq!(page.script_risks(), Vec::<String>::new(), "{path}");
    }
    Ok(())
}

async fn markdown_is_previewed_as_learners_will_see_it(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let version = draft(&app).await?;
    let trainer = app.signed_in(TRAINER).await?;
    let text = "Ask **what matters** to her.<script>alert(1)</script>";
    let html: String =
        app.post(&trainer, "/api/authoring/render_markdown", &[("text", text)]).await?.json().await?;
    assert!(html.contains("<strong>what matters</strong>"), "{html}");
    assert!(!html.contains("<script"), "{html}");
    let too_long = "x".repeat(app::domain::authoring::draft::MARKDOWN_MAX_CHARS + 1);
    let refused = app.post(&trainer, "/api/authoring/render_markdown", &[("text", &too_long)]).await?;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // Without JavaScript, the editor shows the saved text rendered beside the field.
    let page = Page::parse(
        &trainer
            .get(app.url(&format!("/author/versions/{}/details", version.0)))
            .send()
            .await?
            .text()
            .await?,
    );
    let summary =
        app.state.db.version_by_id(version).await?.ok_or_else(|| anyhow::anyhow!("gone"))?.definition.summary;
    let first_words: String = summary.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
    assert!(page.text("#summary-preview")?.contains(&first_words), "{first_words}");
    Ok(())
}
