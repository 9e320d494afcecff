//! The curriculum through the application: themes seeded by migration, module files imported by an
//! admin's upload or the command line, exported back unchanged, published versions immutable, and
//! the first curriculum loaded on the embedded default's first run.

use std::process::Command;

use app::domain::curriculum::item_writing::item_writing_warnings;
use app::domain::curriculum::module::VersionStatus;
use app::domain::curriculum::theme::THEMES;
use app::ssr::db::curriculum::StoredTheme;
use casebook_tests::{
    ADMIN, Engine, LEARNER_A, Page, TRAINER, TestApp, TestDatabase, app_error, on_both_engines,
};
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};

on_both_engines!(
    the_themes_table_holds_the_reviews_themes,
    an_admin_imports_a_module_file_as_a_draft_and_downloads_it_back,
    a_broken_file_is_refused_with_every_problem_and_its_line,
    only_trainers_and_admins_import_and_export,
    a_published_version_never_changes,
    the_first_curriculum_is_loaded_on_the_embedded_defaults_first_run_only,
    the_command_line_imports_and_exports,
);

const JIM: &str = include_str!("../../curriculum/benzodiazepines/jim.toml");

/// The Jim module with item-writing flaws put back: an "all of the above" option and an absolute
/// word (the curriculum itself has none left to show).
fn flawed_jim() -> String {
    JIM.replacen("text = \"Twenty-five trials\"", "text = \"All of the above\"", 1).replacen(
        "text = \"Stop on a set date a month away\"",
        "text = \"Always stop on a set date a month away\"",
        1,
    )
}

async fn upload(app: &TestApp, client: &reqwest::Client, text: &str) -> anyhow::Result<reqwest::Response> {
    let form = Form::new().part("file", Part::text(text.to_owned()).file_name("module.toml"));
    Ok(client
        .post(app.url("/api/admin/import_module"))
        .header("origin", &app.address)
        .multipart(form)
        .send()
        .await?)
}

async fn the_themes_table_holds_the_reviews_themes(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let stored = app.state.db.themes().await?;
    let expected: Vec<StoredTheme> = THEMES
        .iter()
        .map(|t| {
            let kind = match t.kind {
                app::domain::curriculum::theme::ThemeKind::Theme => "theme",
                app::domain::curriculum::theme::ThemeKind::Recommendation => "recommendation",
            };
            StoredTheme { code: t.code.to_owned(), kind: kind.to_owned(), title: t.title.to_owned() }
        })
        .collect();
    assert_eq!(stored, expected);
    Ok(())
}

async fn an_admin_imports_a_module_file_as_a_draft_and_downloads_it_back(
    engine: Engine,
) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    app.world().await?;
    let admin = app.signed_in(ADMIN).await?;
    assert_eq!(upload(&app, &admin, &flawed_jim()).await?.status(), StatusCode::OK);
    // A module has one draft at a time: a second import waits until the first is published.
    let second = upload(&app, &admin, JIM).await?;
    assert_eq!(second.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let message = app_error(second).await?.message_for("file").map(str::to_owned).unwrap_or_default();
    assert!(message.contains("already has a draft or a version in review"), "{message}");
    let versions = app.state.db.module_versions().await?;
    assert_eq!(
        versions.iter().map(|v| (v.number, v.status)).collect::<Vec<_>>(),
        [(1, VersionStatus::Draft)]
    );
    assert!(versions[0].themes.contains(&"starting-vs-withdrawing".to_owned()));
    let download =
        admin.get(app.url("/author/modules/jim-withdrawal-barriers/export?version=1")).send().await?;
    assert_eq!(download.status(), StatusCode::OK);
    assert_eq!(
        download.headers()["content-disposition"],
        "attachment; filename=\"jim-withdrawal-barriers.toml\""
    );
    let exported = download.text().await?;
    let original = app::ssr::module_file::read_module(&flawed_jim()).map_err(|p| anyhow::anyhow!("{p:?}"))?;
    let again = app::ssr::module_file::read_module(&exported).map_err(|p| anyhow::anyhow!("{p:?}"))?;
    assert_eq!(again, original, "import, export, import is lossless");
    let page = admin.get(app.url("/admin/modules")).send().await?.text().await?;
    assert!(page.contains("Jim: coming off zopiclone after a failed attempt"));
    // The draft's page lists its item-writing flaws for the author to weigh; the draft may still go
    // for review.
    let version = Page::parse(
        &admin
            .get(app.url(&format!("/author/versions/{}", versions[0].version.0)))
            .send()
            .await?
            .text()
            .await?,
    );
    let flaws = item_writing_warnings(&original);
    assert_eq!(flaws.len(), 2, "{flaws:?}");
    assert_eq!(version.count("#item-writing li")?, flaws.len());
    assert_eq!(version.text("#item-writing summary")?, format!("{} item-writing warnings", flaws.len()));
    assert_eq!(version.count("#problems")?, 0, "warnings are not problems");
    let missing = admin.get(app.url("/author/modules/no-such-module/export")).send().await?;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    Ok(())
}

async fn a_broken_file_is_refused_with_every_problem_and_its_line(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    app.world().await?;
    let admin = app.signed_in(ADMIN).await?;
    let broken = JIM.replacen("estimated_minutes = 30", "estimated_minutes = \"half an hour\"", 1).replacen(
        "next = \"alcohol\"",
        "next = \"pub\"",
        1,
    );
    let response = upload(&app, &admin, &broken).await?;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let messages: Vec<String> = match app_error(response).await? {
        app::error::AppError::Invalid { errors, .. } => errors.into_iter().map(|e| e.message).collect(),
        other => anyhow::bail!("{other:?}"),
    };
    let minutes_line = broken.lines().position(|l| l.starts_with("estimated_minutes")).map_or(0, |i| i + 1);
    assert!(
        messages
            .iter()
            .any(|m| m
                .starts_with(&format!("line {minutes_line}: 'estimated_minutes' must be a whole number"))),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("leads to 'pub', which is not a node of this case")),
        "{messages:?}"
    );
    for bad in ["", "not toml at all [[", "\u{0}\u{1}"] {
        assert_eq!(upload(&app, &admin, bad).await?.status(), StatusCode::UNPROCESSABLE_ENTITY, "{bad:?}");
    }
    let binary = Form::new().part("file", Part::bytes(vec![0xff, 0xfe, 0x00]).file_name("m.toml"));
    let response = admin
        .post(app.url("/api/admin/import_module"))
        .header("origin", &app.address)
        .multipart(binary)
        .send()
        .await?;
    assert_eq!(
        app_error(response).await?.message_for("file"),
        Some("The file must be plain text (a .toml module file)")
    );
    assert!(app.state.db.module_versions().await?.is_empty(), "nothing was stored");
    Ok(())
}

async fn only_trainers_and_admins_import_and_export(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    app.world().await?;
    let learner = app.signed_in(LEARNER_A).await?;
    assert_eq!(upload(&app, &learner, JIM).await?.status(), StatusCode::FORBIDDEN);
    assert_eq!(upload(&app, &app.client, JIM).await?.status(), StatusCode::UNAUTHORIZED);
    let trainer = app.signed_in(TRAINER).await?;
    assert_eq!(upload(&app, &trainer, JIM).await?.status(), StatusCode::OK);
    let export = "/author/modules/jim-withdrawal-barriers/export";
    assert_eq!(trainer.get(app.url(export)).send().await?.status(), StatusCode::OK);
    assert_eq!(learner.get(app.url(export)).send().await?.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.get(export).await?.status(), StatusCode::SEE_OTHER);
    Ok(())
}

async fn a_published_version_never_changes(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    app::ssr::curriculum::import_module_file(&app.state.db, JIM, VersionStatus::Published, None, None, 0)
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let pool = sqlx::AnyPool::connect(&app.database_url()).await?;
    for change in ["UPDATE module_versions SET content = '{}'", "UPDATE module_versions SET title = 'Edited'"]
    {
        assert!(sqlx::query(change).execute(&pool).await.is_err(), "{change} must be refused");
    }
    // Retiring is a change of status only, and is allowed.
    sqlx::query("UPDATE module_versions SET status = 'retired', retired_at = 1").execute(&pool).await?;
    assert!(sqlx::query("UPDATE module_versions SET title = 'Edited'").execute(&pool).await.is_err());
    Ok(())
}

async fn the_first_curriculum_is_loaded_on_the_embedded_defaults_first_run_only(
    engine: Engine,
) -> anyhow::Result<()> {
    let app =
        TestApp::spawn_with(engine, |s| s.environment = server::config::Environment::Development).await?;
    let versions = app.state.db.module_versions().await?;
    match engine {
        Engine::Sqlite => {
            assert_eq!(versions.len(), app::ssr::curriculum::FIRST_CURRICULUM.len());
            assert!(versions.iter().all(|v| v.status == VersionStatus::Published && v.number == 1));
            // A second start does not load it again.
            let again = app.sibling().await?;
            assert_eq!(again.state.db.module_versions().await?.len(), versions.len());
        }
        Engine::Postgres => assert!(versions.is_empty(), "never on PostgreSQL"),
    }
    Ok(())
}

/// The server binary `cargo build --workspace` puts beside the test binaries.
fn server_binary() -> anyhow::Result<std::path::PathBuf> {
    let exe = std::env::current_exe()?;
    exe.parent()
        .and_then(|d| d.parent())
        .map(|d| d.join("server"))
        .filter(|b| b.exists())
        .ok_or_else(|| anyhow::anyhow!("build the server first"))
}

async fn the_command_line_imports_and_exports(engine: Engine) -> anyhow::Result<()> {
    let database = TestDatabase::create(engine).await?;
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("jim.toml");
    std::fs::write(&file, flawed_jim())?;
    let run = |args: &[&str]| {
        Command::new(server_binary()?)
            .args(args)
            .env("DATABASE_URL", database.url())
            .output()
            .map_err(anyhow::Error::from)
    };
    let imported = run(&["import", &file.display().to_string(), "--publish"])?;
    assert!(imported.status.success(), "{}", String::from_utf8_lossy(&imported.stderr));
    let printed = String::from_utf8(imported.stdout)?;
    let mut lines = printed.lines();
    assert_eq!(
        lines.next(),
        Some(
            "Imported jim-withdrawal-barriers ('Jim: coming off zopiclone after a failed attempt') as version 1, published."
        )
    );
    // Then every item-writing flaw, which does not stop the import.
    let warnings: Vec<&str> = lines.collect();
    let definition =
        app::ssr::module_file::read_module(&flawed_jim()).map_err(|p| anyhow::anyhow!("{p:?}"))?;
    let expected = item_writing_warnings(&definition);
    assert_eq!((warnings.len(), expected.len()), (2, 2));
    assert!(warnings.iter().zip(&expected).all(|(line, w)| *line == format!("warning: {}", w.message)));
    let exported = run(&["export", "jim-withdrawal-barriers"])?;
    assert!(exported.status.success());
    let again = app::ssr::module_file::read_module(&String::from_utf8(exported.stdout)?)
        .map_err(|p| anyhow::anyhow!("{p:?}"))?;
    assert_eq!(again.slug, "jim-withdrawal-barriers");

    std::fs::write(&file, JIM.replacen("rating = \"best\"", "rating = \"great\"", 1))?;
    let refused = run(&["import", &file.display().to_string()])?;
    assert!(!refused.status.success());
    let errors = String::from_utf8(refused.stderr)?;
    assert!(
        errors.contains("'rating' must be \"best\", \"acceptable\", \"poor\" or \"unsafe\", not \"great\""),
        "{errors}"
    );
    assert!(errors.contains("jim.toml:line "), "problems name the file and line: {errors}");
    Ok(())
}
