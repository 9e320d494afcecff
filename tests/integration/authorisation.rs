//! The authorisation matrix: every route and every server function, called as anonymous, a learner,
//! a trainer, the lead of region A, the lead of region B and an admin, allowed or refused as the
//! roles say. The lists are checked against the router's own, so a new endpoint cannot be added
//! without deciding who may call it.

use std::collections::BTreeSet;

use app::domain::curriculum::module::VersionStatus;
use casebook_tests::{
    ADMIN, Engine, LEAD_A, LEAD_B, LEARNER_A, TRAINER, TestApp, World, new_client, on_both_engines,
};
use reqwest::StatusCode;

on_both_engines!(every_endpoint_allows_exactly_the_right_people, a_lead_sees_nothing_of_another_region);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Who {
    Anonymous,
    Learner,
    Trainer,
    LeadA,
    LeadB,
    Admin,
}

use Who::*;

const EVERYONE: &[Who] = &[Anonymous, Learner, Trainer, LeadA, LeadB, Admin];
const SIGNED_IN: &[Who] = &[Learner, Trainer, LeadA, LeadB, Admin];
const ADMINS: &[Who] = &[Admin];
const INVITERS: &[Who] = &[LeadA, LeadB, Admin];
/// Learners take modules (admins hold every permission).
const LEARNERS: &[Who] = &[Learner, Admin];
/// Deanery leads (for their own region) and admins see reports.
const REPORTERS: &[Who] = &[LeadA, LeadB, Admin];
/// Trainers write and review modules (admins hold every permission).
const TRAINERS: &[Who] = &[Trainer, Admin];
/// A campaign of region A: its lead and admins.
const CAMPAIGN_A: &[Who] = &[LeadA, Admin];
/// Only the learner whose attempt it is: even an admin is refused (as not found).
const OWNER: &[Who] = &[Learner];

pub struct Call {
    pub post: bool,
    /// The router's pattern for a page whose path is not its pattern with numbers for `{id}`.
    pub route: Option<&'static str>,
    /// Sent as a file upload (multipart) rather than an ordinary form.
    pub multipart: bool,
    pub path: String,
    pub form: Vec<(&'static str, String)>,
    pub allowed: &'static [Who],
}

fn post(path: &str, form: &[(&'static str, &str)], allowed: &'static [Who]) -> Call {
    Call {
        post: true,
        route: None,
        multipart: false,
        path: path.to_owned(),
        form: form.iter().map(|(k, v)| (*k, (*v).to_owned())).collect(),
        allowed,
    }
}

fn get(path: &str, allowed: &'static [Who]) -> Call {
    Call { post: false, route: None, multipart: false, path: path.to_owned(), form: Vec::new(), allowed }
}

/// A page whose route has a parameter other than a number.
fn page(route: &'static str, path: &str, allowed: &'static [Who]) -> Call {
    Call { route: Some(route), ..get(path, allowed) }
}

/// Every endpoint, with arguments that name real objects of region A (and learner A's attempt).
fn matrix(
    world: &World,
    target: i64,
    attempt: &str,
    code: &str,
    draft: i64,
    (follow_up, token, campaign): (&str, &str, &str),
) -> Vec<Call> {
    let (region, practice) = (world.region_a.0.to_string(), world.practice_a.0.to_string());
    let draft = draft.to_string();
    let v = |rest: &str| format!("/author/versions/{draft}{rest}");
    let at = |fields: &[(&'static str, &'static str)]| {
        let mut all = vec![("version", draft.as_str()), ("revision", "1")];
        all.extend_from_slice(fields);
        all
    };
    let target = target.to_string();
    let learner = world.learner_a.0.to_string();
    vec![
        get("/", EVERYONE),
        get("/accessibility", EVERYONE),
        get("/sign-in", EVERYONE),
        get("/register", EVERYONE),
        get("/forgot-password", EVERYONE),
        get("/confirm-email", EVERYONE),
        get("/admin/organisations/ods", ADMINS),
        get("/reset-password", EVERYONE),
        get("/invitations/accept", EVERYONE),
        get("/account", SIGNED_IN),
        get("/account/my-data", SIGNED_IN),
        get("/admin/people", ADMINS),
        get("/admin/people/invite", INVITERS),
        get(&format!("/admin/people/{learner}"), ADMINS),
        get("/admin/organisations", ADMINS),
        get(&format!("/admin/organisations/regions/{region}"), ADMINS),
        get(&format!("/admin/organisations/practices/{practice}"), ADMINS),
        get("/admin/audit", ADMINS),
        get("/admin/modules", ADMINS),
        get("/author/modules/jim-withdrawal-barriers/export", TRAINERS),
        get("/reports", REPORTERS),
        page("/reports/{file}", "/reports/practices.csv", REPORTERS),
        get("/reports/prescribing", REPORTERS),
        get("/reports/prescribing-change", REPORTERS),
        get("/campaigns", REPORTERS),
        get("/campaigns/new", REPORTERS),
        page("/campaigns/{id}", &format!("/campaigns/{campaign}"), CAMPAIGN_A),
        page("/campaigns/{id}/funnel.csv", &format!("/campaigns/{campaign}/funnel.csv"), CAMPAIGN_A),
        get("/author", TRAINERS),
        get("/author/new", TRAINERS),
        get(&v(""), TRAINERS),
        get(&v("/details"), TRAINERS),
        get(&v("/lists"), TRAINERS),
        get(&v("/cases/new"), TRAINERS),
        get(&v("/analysis"), TRAINERS),
        get(&v("/preview"), TRAINERS),
        page("/author/versions/{id}/compare", &v("/compare?with=1"), TRAINERS),
        page("/author/versions/{id}/items/{key}", &v("/items/new"), TRAINERS),
        page("/author/versions/{id}/cases/{case}/nodes/{key}", &v("/cases/margaret/nodes/new"), TRAINERS),
        get("/modules", EVERYONE),
        page("/modules/{slug}", "/modules/jim-withdrawal-barriers", EVERYONE),
        page("/attempts/{id}", &format!("/attempts/{attempt}"), OWNER),
        page("/attempts/{id}/results", &format!("/attempts/{attempt}/results"), OWNER),
        get("/me", SIGNED_IN),
        page("/follow-ups/{id}", &format!("/follow-ups/{follow_up}"), OWNER),
        page("/reminders/{token}", &format!("/reminders/{token}"), EVERYONE),
        get(&format!("/attempts/{attempt}/certificate.pdf"), OWNER),
        get("/me/cpd-log.csv", SIGNED_IN),
        get("/me/cpd-log.pdf", SIGNED_IN),
        get("/me/xapi-statements.json", SIGNED_IN),
        get("/admin/xapi-statements.json", ADMINS),
        get("/verify", EVERYONE),
        page("/verify/{code}", &format!("/verify/{code}"), EVERYONE),
        post("/api/account/get_current_user", &[], EVERYONE),
        post("/api/account/take_page_messages", &[], EVERYONE),
        post("/api/account/view_registration_form", &[], EVERYONE),
        post("/api/account/sign_in", &[("email", "nobody@test.example"), ("password", "x")], EVERYONE),
        post(
            "/api/account/register",
            &[
                ("full_name", ""),
                ("email", ""),
                ("password", ""),
                ("gmc_number", ""),
                ("practice", ""),
                ("career_stage", ""),
            ],
            EVERYONE,
        ),
        post("/api/account/request_password_reset", &[("email", "nobody@test.example")], EVERYONE),
        post("/api/account/reset_link_is_open", &[("token", "x")], EVERYONE),
        post("/api/account/view_confirmation_link", &[("token", "x")], EVERYONE),
        post("/api/account/find_practices", &[("text", "riverside")], EVERYONE),
        post("/api/admin/view_ods_import", &[], ADMINS),
        post("/api/admin/set_commissioner_region", &[("commissioner", "99A"), ("region", "1")], ADMINS),
        post("/api/account/confirm_email", &[("token", "x")], EVERYONE),
        post("/api/account/resend_confirmation", &[("email", "nobody@test.example")], EVERYONE),
        post("/api/account/reset_password", &[("token", "x"), ("new_password", "x")], EVERYONE),
        post("/api/account/view_invitation", &[("token", "x")], EVERYONE),
        post(
            "/api/account/accept_invitation",
            &[("token", "x"), ("full_name", "x"), ("password", "x")],
            EVERYONE,
        ),
        post("/api/account/view_account", &[], SIGNED_IN),
        post("/api/account/update_profile", &[("full_name", ""), ("gmc_number", "")], SIGNED_IN),
        post(
            "/api/account/change_password",
            &[("current_password", "not it"), ("new_password", "x")],
            SIGNED_IN,
        ),
        post(
            "/api/admin/list_people",
            &[("text", ""), ("role", ""), ("region", ""), ("status", ""), ("page", "1")],
            ADMINS,
        ),
        post("/api/admin/view_person", &[("person", &learner)], ADMINS),
        post("/api/admin/change_roles", &[("person", &target), ("learner", "on")], ADMINS),
        post("/api/admin/set_account_active", &[("person", &target), ("active", "true")], ADMINS),
        post("/api/admin/view_invite_form", &[], INVITERS),
        post(
            "/api/admin/invite_person",
            &[("email", "invitee@test.example"), ("learner", "on"), ("practice", &practice)],
            &[LeadA, Admin],
        ),
        post("/api/admin/view_organisations", &[], ADMINS),
        post("/api/admin/create_region", &[("name", "")], ADMINS),
        post("/api/admin/rename_organisation", &[("kind", "region"), ("id", &region), ("name", "")], ADMINS),
        post(
            "/api/admin/set_organisation_retired",
            &[("kind", "practice"), ("id", &practice), ("retired", "false")],
            ADMINS,
        ),
        post(
            "/api/admin/create_practice",
            &[("region", &region), ("ods_code", ""), ("practice_name", "")],
            ADMINS,
        ),
        post("/api/admin/list_module_versions", &[], ADMINS),
        post("/api/learning/list_modules", &[("theme", "")], EVERYONE),
        post("/api/learning/view_module", &[("slug", "jim-withdrawal-barriers")], EVERYONE),
        post("/api/learning/start_module", &[("slug", "jim-withdrawal-barriers")], LEARNERS),
        post("/api/learning/view_step", &[("attempt", attempt)], OWNER),
        post(
            "/api/learning/answer_step",
            &[
                ("attempt", attempt),
                ("step", "pre:no-such-item"),
                ("key", "9b2f7c1e-0000-4000-8000-000000000001"),
            ],
            OWNER,
        ),
        post("/api/learning/view_results", &[("attempt", attempt)], OWNER),
        post("/api/learning/view_my_learning", &[], SIGNED_IN),
        post("/api/learning/view_follow_up", &[("follow_up", follow_up)], OWNER),
        post("/api/learning/answer_booster", &[("follow_up", follow_up)], OWNER),
        post("/api/learning/report_practice", &[("follow_up", follow_up)], OWNER),
        post("/api/account/set_reminders", &[("on", "true")], SIGNED_IN),
        post("/api/account/view_reminders_by_link", &[("token", token)], EVERYONE),
        post("/api/account/set_reminders_by_link", &[("token", token), ("on", "true")], EVERYONE),
        post("/api/evidence/verify_certificate", &[("code", code)], EVERYONE),
        post("/api/reports/view_report", &[], REPORTERS),
        post("/api/reports/prescribing_imports", &[], REPORTERS),
        post("/api/reports/view_prescribing_change", &[], REPORTERS),
        Call {
            multipart: true,
            ..post("/api/reports/import_prescribing", &[("file", "practice_code\nA00001\n")], REPORTERS)
        },
        post("/api/campaigns/list_campaigns", &[], REPORTERS),
        post("/api/campaigns/view_campaign_form", &[], REPORTERS),
        post("/api/campaigns/create_campaign", &[("region", &region), ("name", "")], REPORTERS),
        post("/api/campaigns/view_campaign", &[("campaign", campaign)], CAMPAIGN_A),
        post(
            "/api/campaigns/set_campaign_practice",
            &[("campaign", campaign), ("practice", &practice), ("change", "neither")],
            CAMPAIGN_A,
        ),
        post("/api/campaigns/act_on_campaign", &[("campaign", campaign), ("action", "pause")], CAMPAIGN_A),
        Call {
            multipart: true,
            ..post(
                "/api/campaigns/upload_campaign_addresses",
                &[
                    ("campaign", campaign),
                    (
                        "file",
                        "practice_code,email
B00001,x@test.example
",
                    ),
                ],
                CAMPAIGN_A,
            )
        },
        post("/api/authoring/view_studio", &[], TRAINERS),
        post("/api/authoring/render_markdown", &[("text", "*x*")], TRAINERS),
        post("/api/authoring/view_version", &[("version", &draft)], TRAINERS),
        post("/api/authoring/view_analysis", &[("version", &draft)], TRAINERS),
        post("/api/authoring/compare_versions", &[("version", &draft), ("with", "1")], TRAINERS),
        post("/api/authoring/preview_step", &[("version", &draft)], TRAINERS),
        post("/api/authoring/preview_answer", &[("version", &draft), ("step", "intro")], TRAINERS),
        post("/api/authoring/create_module", &[("slug", ""), ("title", "")], TRAINERS),
        post("/api/authoring/move_version", &at(&[("action", "publish")]), TRAINERS),
        post(
            "/api/authoring/save_details",
            &at(&[
                ("title", ""),
                ("summary", ""),
                ("audience", ""),
                ("estimated_minutes", ""),
                ("outcomes", ""),
                ("notice", ""),
            ]),
            TRAINERS,
        ),
        post(
            "/api/authoring/save_lists",
            &at(&[("references", "x"), ("attitudes", ""), ("reflections", "")]),
            TRAINERS,
        ),
        post(
            "/api/authoring/save_item",
            &at(&[("item", "new"), ("stem", ""), ("themes", ""), ("references", "")]),
            TRAINERS,
        ),
        post("/api/authoring/add_case", &at(&[("key", ""), ("title", "")]), TRAINERS),
        post(
            "/api/authoring/save_node",
            &at(&[("case", "margaret"), ("node", "new"), ("body", "")]),
            TRAINERS,
        ),
        Call { multipart: true, ..post("/api/admin/import_module", &[("file", "not a module")], TRAINERS) },
        Call {
            multipart: true,
            ..post("/api/admin/import_ods_practices", &[("file", "Y90001,A\n")], ADMINS)
        },
        post(
            "/api/admin/list_audit",
            &[("action", ""), ("person", ""), ("from", ""), ("to", ""), ("page", "1")],
            ADMINS,
        ),
        // Last: it ends the caller's session.
        post("/sign-out", &[], EVERYONE),
    ]
}

/// The matrix covers exactly the endpoints the router serves.
fn assert_complete(calls: &[Call]) {
    let listed_posts: BTreeSet<&str> = calls.iter().filter(|c| c.post).map(|c| c.path.as_str()).collect();
    let served_posts: BTreeSet<&str> =
        leptos::server_fn::axum::server_fn_paths().map(|(path, _)| path).collect();
    assert_eq!(listed_posts, served_posts, "every server function is in the matrix");
    let routes = server::startup::route_list();
    let listed_pages: BTreeSet<String> = calls
        .iter()
        .filter(|c| !c.post)
        .map(|c| {
            if let Some(route) = c.route {
                return route.to_owned();
            }
            c.path
                .split('/')
                .map(|s| if s.chars().all(|c| c.is_ascii_digit()) && !s.is_empty() { "{id}" } else { s })
                .collect::<Vec<_>>()
                .join("/")
        })
        .collect();
    for route in routes {
        let path = if route.path().is_empty() { "/" } else { route.path() };
        assert!(listed_pages.contains(path), "page {path} is in the matrix");
    }
}

/// A site with an object of every kind the endpoints name, every endpoint with arguments naming
/// them, and a signed-in client for each kind of user.
pub struct Everything {
    pub app: TestApp,
    pub calls: Vec<Call>,
    pub clients: Vec<(Who, reqwest::Client)>,
}

pub async fn everything(engine: Engine) -> anyhow::Result<Everything> {
    let app = TestApp::spawn(engine).await?;
    let world = app.world().await?;
    let target = app
        .person((
            "target@test.example",
            vec![app::domain::role::RoleGrant { role: app::domain::role::Role::Learner, region: None }],
            Some(world.practice_a),
        ))
        .await?;
    // Learner A has finished Jim's module: their attempt and its certificate are the objects named.
    let learner = app.signed_in(LEARNER_A).await?;
    let jim =
        crate::learning::publish(&app, include_str!("../../curriculum/benzodiazepines/jim.toml")).await?;
    let attempt = crate::learning::start(&app, &learner, &jim.slug).await?;
    let knowing = (crate::learning::Knowing::Right("2"), crate::learning::Knowing::Right("2"));
    crate::learning::answer_steps(&app, &learner, &jim, &attempt, knowing, 200).await?;
    let certificate = app.state.db.certificate_of(&attempt, world.learner_a).await?;
    let code = certificate.ok_or_else(|| anyhow::anyhow!("a certificate"))?.code;
    // A draft of Margaret is the version the authoring calls name.
    let margaret = include_str!("../../curriculum/benzodiazepines/margaret.toml");
    let draft = app::ssr::curriculum::import_module_file(
        &app.state.db,
        margaret,
        VersionStatus::Draft,
        None,
        None,
        0,
    )
    .await
    .map_err(|e| anyhow::anyhow!("{e:?}"))?
    .version;
    // The attempt's first follow-up, and learner A's reminder token, are named too.
    let follow_ups = app.state.db.follow_ups_of(world.learner_a).await?;
    let follow_up = follow_ups.first().ok_or_else(|| anyhow::anyhow!("a follow-up"))?.public_id.clone();
    let (token, _) =
        app.state.db.reminder_setting(world.learner_a, "0123456789abcdef0123456789abcdef").await?;
    let campaign = crate::campaigns::draft_campaign(&app, &world).await?;
    let calls = matrix(&world, target.0, &attempt, &code, draft.0, (&follow_up, &token, &campaign));
    let clients = [
        (Anonymous, new_client()?),
        (Learner, learner),
        (Trainer, app.signed_in(TRAINER).await?),
        (LeadA, app.signed_in(LEAD_A).await?),
        (LeadB, app.signed_in(LEAD_B).await?),
        (Admin, app.signed_in(ADMIN).await?),
    ];
    Ok(Everything { app, calls, clients: clients.into() })
}

async fn every_endpoint_allows_exactly_the_right_people(engine: Engine) -> anyhow::Result<()> {
    let Everything { app, calls, clients } = everything(engine).await?;
    assert_complete(&calls);
    for call in &calls {
        for (who, client) in &clients {
            let response = if call.multipart {
                let form = call.form.iter().fold(reqwest::multipart::Form::new(), |form, (k, v)| {
                    form.part(*k, reqwest::multipart::Part::text(v.clone()).file_name("upload.toml"))
                });
                client.post(app.url(&call.path)).header("origin", &app.address).multipart(form).send().await?
            } else if call.post {
                let form: Vec<(&str, &str)> = call.form.iter().map(|(k, v)| (*k, v.as_str())).collect();
                app.post(client, &call.path, &form).await?
            } else {
                client.get(app.url(&call.path)).send().await?
            };
            let status = response.status();
            assert_security_headers(&response, &call.path);
            let refused = match (call.post, who) {
                (true, Anonymous) => status == StatusCode::UNAUTHORIZED,
                (false, Anonymous) => {
                    status == StatusCode::SEE_OTHER
                        && response
                            .headers()
                            .get("location")
                            .is_some_and(|l| l.to_str().unwrap_or_default().starts_with("/sign-in"))
                }
                // Another person's object is not found, so nobody learns that it exists.
                _ => status == StatusCode::FORBIDDEN || status == StatusCode::NOT_FOUND,
            };
            let expected_refused = !call.allowed.contains(who);
            assert_eq!(
                refused,
                expected_refused,
                "{} {} as {who:?} answered {status}",
                if call.post { "POST" } else { "GET" },
                call.path
            );
            assert!(!status.is_server_error(), "{} as {who:?} answered {status}", call.path);
        }
    }
    Ok(())
}

/// Every answer, whoever asks and whatever it is, carries the security headers (see
/// `server::middleware::security_headers`), and nothing but static assets may be cached.
fn assert_security_headers(response: &reqwest::Response, path: &str) {
    let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or_default();
    assert_eq!(header("x-content-type-options"), "nosniff", "{path}");
    assert_eq!(header("referrer-policy"), "same-origin", "{path}");
    assert_eq!(header("cache-control"), "no-store", "{path}");
    let policy = header("content-security-policy");
    for directive in ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"] {
        assert!(policy.contains(directive), "{path}: {policy}");
    }
    assert!(!policy.contains("unsafe-inline"), "{path}: {policy}");
}

async fn a_lead_sees_nothing_of_another_region(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let world = app.world().await?;
    let lead_a = app.signed_in(LEAD_A).await?;
    // The invitation form offers only region A's practices.
    let search = [("practice_search", "practice")];
    let form = app.post(&lead_a, "/api/admin/view_invite_form", &search).await?.text().await?;
    let form: app::api::admin::view_invite_form::InviteForm = serde_json::from_str(&form)?;
    let found: Vec<_> = form.practice_choice.matches.iter().map(|m| m.region_id).collect();
    assert_eq!(found, [world.region_a], "Practice A is found; Practice B, in region B, is not");
    assert!(form.regions.is_empty(), "a lead invites no one to lead a region");
    let practice_b_id = world.practice_b.0.to_string();
    let chosen = [("practice", practice_b_id.as_str())];
    let form = app.post(&lead_a, "/api/admin/view_invite_form", &chosen).await?.text().await?;
    let form: app::api::admin::view_invite_form::InviteForm = serde_json::from_str(&form)?;
    assert_eq!(form.practice_choice.chosen, None, "region B's practice cannot be chosen by its id");
    // Guessing region B's ids gets nothing.
    let practice_b = world.practice_b.0.to_string();
    let invite = app
        .post(
            &lead_a,
            "/api/admin/invite_person",
            &[("email", "x@test.example"), ("learner", "on"), ("practice", &practice_b)],
        )
        .await?;
    assert_eq!(invite.status(), StatusCode::FORBIDDEN);
    for path in [
        format!("/admin/people/{}", world.learner_b.0),
        format!("/admin/organisations/regions/{}", world.region_b.0),
        format!("/admin/organisations/practices/{}", world.practice_b.0),
    ] {
        assert_eq!(lead_a.get(app.url(&path)).send().await?.status(), StatusCode::FORBIDDEN, "{path}");
    }
    let person =
        app.post(&lead_a, "/api/admin/view_person", &[("person", &world.learner_b.0.to_string())]).await?;
    assert_eq!(person.status(), StatusCode::FORBIDDEN);
    Ok(())
}
