//! Administration through HTTP: organisations, people and roles, and the audit log.

use app::domain::audit::AuditPage;
use app::error::AppError;
use casebook_tests::{ADMIN, Engine, LEARNER_A, Page, TestApp, app_error, new_client, on_both_engines};
use reqwest::StatusCode;

on_both_engines!(
    organisations_are_created_renamed_and_retired_never_deleted,
    bad_organisation_input_is_refused_and_changes_nothing,
    people_are_searched_and_filtered,
    roles_are_changed_and_a_lead_must_have_a_region,
    an_admin_cannot_lock_themselves_out,
    every_change_is_in_the_audit_log_which_cannot_be_altered,
);

async fn organisations_are_created_renamed_and_retired_never_deleted(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    app.world().await?;
    let admin = app.signed_in(ADMIN).await?;
    let created =
        app.post(&admin, "/api/admin/create_region", &[("name", "  East Wessex Training Hub ")]).await?;
    assert_eq!(created.status(), StatusCode::OK);
    let organisations = app.state.db.organisations().await?;
    let region = organisations
        .regions
        .iter()
        .find(|r| r.name == "East Wessex Training Hub")
        .ok_or_else(|| anyhow::anyhow!("created"))?
        .id;
    let region_id = region.0.to_string();
    let practice = app
        .post(
            &admin,
            "/api/admin/create_practice",
            &[("region", &region_id), ("ods_code", "j82001"), ("practice_name", "Quayside Surgery")],
        )
        .await?;
    assert_eq!(practice.status(), StatusCode::OK);
    let organisations = app.state.db.organisations().await?;
    let practice = organisations
        .practices
        .iter()
        .find(|p| p.ods_code == "J82001")
        .ok_or_else(|| anyhow::anyhow!("ODS code upper-cased"))?;
    let practice_id = practice.id.0.to_string();
    let renamed = app
        .post(
            &admin,
            "/api/admin/rename_organisation",
            &[("kind", "practice"), ("id", &practice_id), ("name", "Quayside Medical Practice")],
        )
        .await?;
    assert_eq!(renamed.status(), StatusCode::OK);
    let retire = [("kind", "region"), ("id", region_id.as_str()), ("retired", "true")];
    assert_eq!(
        app.post(&admin, "/api/admin/set_organisation_retired", &retire).await?.status(),
        StatusCode::OK
    );
    let organisations = app.state.db.organisations().await?;
    assert!(organisations.regions.iter().any(|r| r.id == region && r.retired), "retired, still there");
    assert!(organisations.practices.iter().any(|p| p.name == "Quayside Medical Practice"));
    // A retired region takes no new practices; reinstated, it does.
    let refused = app
        .post(
            &admin,
            "/api/admin/create_practice",
            &[("region", &region_id), ("ods_code", "J82002"), ("practice_name", "Other")],
        )
        .await?;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let reinstate = [("kind", "region"), ("id", region_id.as_str()), ("retired", "false")];
    assert_eq!(
        app.post(&admin, "/api/admin/set_organisation_retired", &reinstate).await?.status(),
        StatusCode::OK
    );
    let page = Page::parse(
        &admin
            .get(app.url(&format!("/admin/organisations/regions/{region_id}")))
            .send()
            .await?
            .text()
            .await?,
    );
    assert_eq!(page.text("h1")?, "East Wessex Training Hub");
    assert_eq!(page.texts("table td")?[..2], ["J82001".to_owned(), "Quayside Medical Practice".to_owned()]);
    Ok(())
}

async fn bad_organisation_input_is_refused_and_changes_nothing(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let world = app.world().await?;
    let admin = app.signed_in(ADMIN).await?;
    let before = app.state.db.organisations().await?;
    let region = world.region_a.0.to_string();
    for (path, form, field, message) in [
        ("/api/admin/create_region", vec![("name", "")], "name", "Enter the region's name"),
        (
            "/api/admin/create_region",
            vec![("name", "Region B")],
            "name",
            "A region with this name already exists",
        ),
        (
            "/api/admin/create_region",
            vec![("name", "a\tb")],
            "name",
            "Region's name must not contain special characters such as tabs or line breaks",
        ),
        (
            "/api/admin/create_practice",
            vec![("region", region.as_str()), ("ods_code", "A0001"), ("practice_name", "X")],
            "ods_code",
            "Enter an ODS code of one letter and five digits, like A81001",
        ),
        (
            "/api/admin/create_practice",
            vec![("region", region.as_str()), ("ods_code", "B00001"), ("practice_name", "X")],
            "ods_code",
            "A practice with this ODS code already exists",
        ),
        (
            "/api/admin/create_practice",
            vec![("region", "nine"), ("ods_code", "C00001"), ("practice_name", "X")],
            "region",
            "Select the practice's region",
        ),
    ] {
        let response = app.post(&admin, path, &form).await?;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{path} {form:?}");
        assert_eq!(app_error(response).await?.message_for(field), Some(message), "{path} {form:?}");
    }
    let rename = |form: Vec<(&'static str, String)>| {
        let (app, admin) = (&app, &admin);
        async move {
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.post(admin, "/api/admin/rename_organisation", &form).await
        }
    };
    let missing =
        rename(vec![("kind", "region".into()), ("id", "424242".into()), ("name", "Nowhere".into())]).await?;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    let taken =
        rename(vec![("kind", "region".into()), ("id", region.clone()), ("name", "Region B".into())]).await?;
    assert_eq!(app_error(taken).await?.message_for("name"), Some("A region with this name already exists"));
    let kind = rename(vec![("kind", "people".into()), ("id", region.clone()), ("name", "X".into())]).await?;
    assert_eq!(kind.status(), StatusCode::BAD_REQUEST);
    let garbled =
        rename(vec![("kind", "region".into()), ("id", "not a number".into()), ("name", "Nowhere".into())])
            .await?;
    assert_eq!(garbled.status(), StatusCode::BAD_REQUEST);
    assert!(matches!(app_error(garbled).await?, AppError::BadRequest(_)));
    assert_eq!(app.state.db.organisations().await?, before, "nothing changed");
    Ok(())
}

async fn people_are_searched_and_filtered(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let world = app.world().await?;
    let admin = app.signed_in(ADMIN).await?;
    let names =
        |html: String| -> anyhow::Result<Vec<String>> { Page::parse(&html).texts("tbody td:first-child") };
    let list = |query: String| {
        let (app, admin) = (&app, &admin);
        async move {
            admin
                .get(app.url(&format!("/admin/people?{query}")))
                .send()
                .await?
                .text()
                .await
                .map_err(anyhow::Error::from)
        }
    };
    assert_eq!(names(list(String::new()).await?)?.len(), 6);
    assert_eq!(names(list("text=LEAD".into()).await?)?, ["lead.a", "lead.b"]);
    assert_eq!(names(list("role=learner".into()).await?)?, ["learner.a", "learner.b"]);
    assert_eq!(names(list(format!("region={}", world.region_a.0)).await?)?, ["lead.a", "learner.a"]);
    assert_eq!(names(list("text=%25".into()).await?)?.len(), 0, "a % is searched for literally");
    // An unknown filter value is refused with a message, not ignored.
    let page = Page::parse(&list("role=superuser".into()).await?);
    assert_eq!(page.text(".nhsuk-error-summary li a")?, "Unknown role \"superuser\"");
    Ok(())
}

async fn roles_are_changed_and_a_lead_must_have_a_region(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let world = app.world().await?;
    let admin = app.signed_in(ADMIN).await?;
    let person = world.learner_a.0.to_string();
    let no_region =
        app.post(&admin, "/api/admin/change_roles", &[("person", &person), ("deanery_lead", "on")]).await?;
    assert_eq!(
        app_error(no_region).await?.message_for("lead_region"),
        Some("Select the region this deanery lead covers")
    );
    let nothing = app.post(&admin, "/api/admin/change_roles", &[("person", &person)]).await?;
    assert_eq!(app_error(nothing).await?.message_for("learner"), Some("Select at least one role"));
    let region = world.region_b.0.to_string();
    let ok = app
        .post(
            &admin,
            "/api/admin/change_roles",
            &[("person", &person), ("learner", "on"), ("deanery_lead", "on"), ("lead_region", &region)],
        )
        .await?;
    assert_eq!(ok.status(), StatusCode::OK);
    let profile = app.state.db.profile(world.learner_a).await?.ok_or_else(|| anyhow::anyhow!("profile"))?;
    let lead = profile.grants.iter().find(|g| g.role == app::domain::role::Role::DeaneryLead);
    assert_eq!(lead.and_then(|g| g.region), Some(world.region_b));
    Ok(())
}

async fn an_admin_cannot_lock_themselves_out(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let world = app.world().await?;
    let admin = app.signed_in(ADMIN).await?;
    let me = world.admin.0.to_string();
    let demote = app.post(&admin, "/api/admin/change_roles", &[("person", &me), ("learner", "on")]).await?;
    assert_eq!(
        app_error(demote).await?.message_for("admin"),
        Some("You cannot remove your own administrator role")
    );
    let deactivate =
        app.post(&admin, "/api/admin/set_account_active", &[("person", &me), ("active", "false")]).await?;
    assert_eq!(deactivate.status(), StatusCode::BAD_REQUEST);
    // Adding a role to oneself keeps one signed in, on a new session id.
    let more = app
        .post(&admin, "/api/admin/change_roles", &[("person", &me), ("admin", "on"), ("trainer", "on")])
        .await?;
    assert_eq!(more.status(), StatusCode::OK);
    assert_eq!(admin.get(app.url("/admin/people")).send().await?.status(), StatusCode::OK);
    Ok(())
}

async fn every_change_is_in_the_audit_log_which_cannot_be_altered(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let world = app.world().await?;
    app.post(
        &new_client()?,
        "/api/account/sign_in",
        &[("email", LEARNER_A), ("password", "Typed-Secret-42")],
    )
    .await?;
    let learner = app.signed_in(LEARNER_A).await?;
    app.post(&learner, "/sign-out", &[]).await?;
    let admin = app.signed_in(ADMIN).await?;
    app.post(
        &admin,
        "/api/admin/set_account_active",
        &[("person", &world.learner_b.0.to_string()), ("active", "false")],
    )
    .await?;
    app.post(&admin, "/api/admin/invite_person", &[("email", "invitee@test.example"), ("trainer", "on")])
        .await?;
    let log = app
        .post(
            &admin,
            "/api/admin/list_audit",
            &[("action", ""), ("person", ""), ("from", ""), ("to", ""), ("page", "1")],
        )
        .await?;
    let log: AuditPage = serde_json::from_str(&log.text().await?)?;
    let actions: Vec<&str> = log
        .entries
        .iter()
        .rev()
        .map(|e| e.action.as_str())
        .filter(|a| *a != "registered" && *a != "organisation_changed")
        .collect();
    assert_eq!(actions, ["sign_in_failed", "sign_in", "sign_out", "sign_in", "deactivated", "invited"]);
    let failed = log
        .entries
        .iter()
        .find(|e| e.action == "sign_in_failed")
        .ok_or_else(|| anyhow::anyhow!("failure logged"))?;
    assert_eq!(failed.subject.as_ref().map(|s| s.0), Some(world.learner_a));
    assert_eq!(failed.client_address.as_deref(), Some("127.0.0.1"));
    assert!(log.entries.iter().all(|e| !e.detail.contains("Typed-Secret")), "no password in the log");
    // Filters: by action and by person.
    let filtered = app
        .post(
            &admin,
            "/api/admin/list_audit",
            &[("action", "sign_in"), ("person", "learner.a"), ("from", ""), ("to", ""), ("page", "1")],
        )
        .await?;
    let filtered: AuditPage = serde_json::from_str(&filtered.text().await?)?;
    assert_eq!(filtered.total, 1);
    let bad_date = app
        .post(
            &admin,
            "/api/admin/list_audit",
            &[("action", ""), ("person", ""), ("from", "2026-02-30"), ("to", ""), ("page", "1")],
        )
        .await?;
    assert_eq!(app_error(bad_date).await?.message_for("from"), Some("Enter a real date, like 2026-11-24"));
    // The database itself refuses to change or delete an event.
    let pool = sqlx::AnyPool::connect(&app_database_url(&app)).await?;
    assert!(sqlx::query("UPDATE audit_events SET detail = 'forged'").execute(&pool).await.is_err());
    assert!(sqlx::query("DELETE FROM audit_events").execute(&pool).await.is_err());
    Ok(())
}

fn app_database_url(app: &TestApp) -> String {
    app.database_url()
}
