//! A matched-pair module: a learner who decides differently for two patients whose stories differ
//! only in age and sex sees where, on the results, and the same choices show as the same; a lead
//! sees, by theme, the share of pairs their region's learners decided differently.

use app::api::learning::view_results::ResultsView;
use app::domain::reports::disclosure::Shown;
use app::domain::role::{Role, RoleGrant};
use app::wire::report_view::ReportView;
use casebook_tests::{Engine, LEAD_A, LEAD_B, LEARNER_A, Page, TestApp, on_both_engines};

use super::*;

on_both_engines!(
    the_results_show_where_decisions_differed_between_matched_patients,
    a_lead_sees_the_share_of_pairs_decided_differently_by_theme,
    a_trainer_writes_matched_pairs_in_the_studio,
);

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

async fn a_lead_sees_the_share_of_pairs_decided_differently_by_theme(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let world = app.world().await?;
    let module = publish(&app, PAIRS).await?;
    // Eight learners (enough for a share to be shown) meet both pairs; three of them give Colin, 41,
    // the week of zopiclone they refused Ruth, 79.
    for i in 0..8 {
        let email = format!("gp{i}@test.example");
        app.person((&email, vec![RoleGrant { role: Role::Learner, region: None }], Some(world.practice_a)))
            .await?;
        let learner = app.signed_in(&email).await?;
        let attempt = start(&app, &learner, "matched-pairs").await?;
        let choices: &[(&str, &str)] = if i < 3 { &[("case:colin:request", "week")] } else { &[] };
        play_until(&app, &learner, &module, &attempt, choices, "done").await?;
    }

    let lead = app.signed_in(LEAD_A).await?;
    let view: ReportView = app.post(&lead, "/api/reports/view_report", &[]).await?.json().await?;
    let rows: Vec<_> =
        view.report.pairs.iter().map(|p| (p.code.as_str(), p.learners, p.pairs, p.inconsistent)).collect();
    // 16 pairs met (two each), 3 decided differently: 19%; counts rounded to the nearest 5.
    let share = Some(3.0 / 16.0);
    assert_eq!(
        rows,
        [
            ("deserving-patient", Shown::Count(10), Shown::Count(15), share),
            ("ambivalence-rules", Shown::Count(10), Shown::Count(15), share)
        ]
    );
    let page = Page::parse(&lead.get(app.url("/reports")).send().await?.text().await?);
    let main = page.text("main")?;
    assert!(main.contains("Matched pairs decided differently, by theme"), "{main}");
    let csv = lead.get(app.url("/reports/matched-pairs.csv")).send().await?.text().await?;
    assert!(csv.contains("The 'deserving' patient,10,15,19%"), "{csv}");

    let other_lead = app.signed_in(LEAD_B).await?;
    let theirs: ReportView = app.post(&other_lead, "/api/reports/view_report", &[]).await?.json().await?;
    assert!(theirs.report.pairs.is_empty(), "another region's learners are not in lead B's figures");
    Ok(())
}

async fn a_trainer_writes_matched_pairs_in_the_studio(engine: Engine) -> anyhow::Result<()> {
    use app::domain::authoring::edit_lists::{attitudes_text, references_text};
    use app::domain::curriculum::module::VersionStatus;

    let app = TestApp::spawn(engine).await?;
    app.world().await?;
    let imported =
        app::ssr::curriculum::import_module_file(&app.state.db, PAIRS, VersionStatus::Draft, None, None, 0)
            .await
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let version = imported.version;
    let trainer = app.signed_in(casebook_tests::TRAINER).await?;
    let stored = || async {
        let record =
            app.state.db.version_record(version).await?.ok_or_else(|| anyhow::anyhow!("no version"))?;
        Ok::<_, anyhow::Error>(record.stored)
    };
    let module = stored().await?.definition;
    let (references, attitudes) = (references_text(&module.references), attitudes_text(&module.attitudes));
    let reflections = module.reflections.join("\n");
    let save = |pairs: &'static str| {
        let (app, trainer, references, attitudes, reflections) =
            (&app, &trainer, references.clone(), attitudes.clone(), reflections.clone());
        async move {
            let record =
                app.state.db.version_record(version).await?.ok_or_else(|| anyhow::anyhow!("none"))?;
            let (id, revision) = (version.0.to_string(), record.stored.revision.to_string());
            let form = [
                ("version", id.as_str()),
                ("revision", revision.as_str()),
                ("references", references.as_str()),
                ("attitudes", attitudes.as_str()),
                ("reflections", reflections.as_str()),
                ("pairs", pairs),
            ];
            app.post(trainer, "/api/authoring/save_lists", &form).await
        }
    };

    // One pair only, with a wording of the trainer's own.
    let response = save("bereaved | ruth, colin | Age and sex only | deserving-patient").await?;
    assert_eq!(response.status(), reqwest::StatusCode::OK);
    let saved = stored().await?.definition.pairs;
    assert_eq!(
        saved.iter().map(|p| (p.key.as_str(), p.cases.clone(), p.differs.as_str())).collect::<Vec<_>>(),
        [("bereaved", vec!["ruth".to_owned(), "colin".to_owned()], "Age and sex only")]
    );
    let page = Page::parse(
        &trainer.get(app.url(&format!("/author/versions/{}/lists", version.0))).send().await?.text().await?,
    );
    assert_eq!(
        page.text("textarea[name=pairs]")?,
        "bereaved | ruth, colin | Age and sex only | deserving-patient"
    );

    // A line naming one case is refused with its line number, and nothing changes.
    let before = stored().await?;
    let refused =
        save("bereaved | ruth, colin | Age | deserving-patient\nlonely | ruth | Age | gp-role").await?;
    assert_eq!(
        casebook_tests::app_error(refused).await?.message_for("pairs"),
        Some("Line 2: name two cases separated by a comma (this line names 1)")
    );
    let after = stored().await?;
    assert_eq!((after.revision, after.definition), (before.revision, before.definition));
    Ok(())
}
