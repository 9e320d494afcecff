//! Campaigns over HTTP: a campaign's targets default to the region's flagged high prescribers; a
//! lead cannot reach another region's practices or campaigns; an uploaded list of addresses is
//! refused whole on a bad line; starting it invites every GP once (two app servers on one
//! database), an uploaded address registers through its email, reminders go once to those who
//! have not started, pausing holds them and closing stops them; and the funnel adds up.

use std::collections::BTreeMap;
use std::time::Duration;

use app::domain::audit::AuditAction;
use app::domain::ids::PracticeId;
use app::domain::reports::prescribing::{month_index, month_text};
use app::domain::role::{Role, RoleGrant};
use app::wire::campaign_view::CampaignView;
use casebook_tests::{Engine, LEAD_A, LEAD_B, LEARNER_A, TestApp, World, new_client, on_both_engines};
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};

use crate::learning::{Knowing, MARGARET, MARGARET_SLUG, answer_steps, publish, start};

on_both_engines!(
    targets_default_to_the_flagged_practices_of_the_leads_own_region,
    invitations_and_reminders_go_once_each_and_the_funnel_adds_up,
);

const DAY: Duration = Duration::from_secs(86_400);

/// A draft campaign of region A with no practices, made directly, for tests that need one to exist.
pub async fn draft_campaign(app: &TestApp, world: &World) -> anyhow::Result<String> {
    let public_id = uuid::Uuid::new_v4().to_string();
    let audit = app::ssr::db::audit::AuditRecord {
        action: AuditAction::CampaignChanged,
        actor: Some(world.lead_a),
        subject: None,
        detail: "fixture",
        client_address: None,
    };
    let new = app::ssr::db::campaigns::NewCampaign {
        public_id: &public_id,
        region: world.region_a,
        name: "A fixture",
        message: "Hello",
        closes_on: "2099-12-31",
        reminder_days: 7,
        targeted_by: "Chosen by hand",
        modules: &[],
        practices: &[],
        created_by: world.lead_a,
    };
    app.state.db.create_campaign(&new, &audit, app.state.clock.now_ms()).await?;
    Ok(public_id)
}

/// The month `offset` months from the app's clock, as `YYYY-MM`.
fn month(app: &TestApp, offset: i32) -> String {
    let today = app::domain::time::format_iso_date(app.state.clock.now_ms());
    month_text(month_index(&today[..7]).unwrap_or_default() + offset)
}

/// A closing date `days` ahead of the app's clock, `YYYY-MM-DD`.
fn closing(app: &TestApp, days: u32) -> String {
    app::domain::time::format_iso_date(app.state.clock.now_ms() + i64::from(days) * 86_400_000)
}

/// Creates a campaign through its form; its address.
async fn create(app: &TestApp, lead: &reqwest::Client, form: &[(&str, &str)]) -> anyhow::Result<String> {
    let response = app.post(lead, "/api/campaigns/create_campaign", form).await?;
    anyhow::ensure!(
        response.status() == StatusCode::OK,
        "creating: {} {}",
        response.status(),
        response.text().await?
    );
    let list: Vec<app::wire::campaign_view::CampaignSummary> =
        app.post(lead, "/api/campaigns/list_campaigns", &[]).await?.json().await?;
    Ok(list.first().ok_or_else(|| anyhow::anyhow!("no campaign"))?.public_id.clone())
}

async fn view(app: &TestApp, client: &reqwest::Client, campaign: &str) -> anyhow::Result<CampaignView> {
    Ok(app.post(client, "/api/campaigns/view_campaign", &[("campaign", campaign)]).await?.json().await?)
}

async fn upload(
    app: &TestApp,
    lead: &reqwest::Client,
    campaign: &str,
    text: &str,
) -> anyhow::Result<reqwest::Response> {
    let form = Form::new()
        .text("campaign", campaign.to_owned())
        .part("file", Part::text(text.to_owned()).file_name("addresses.csv"));
    let url = app.url("/api/campaigns/upload_campaign_addresses");
    Ok(lead.post(url).header("origin", &app.address).multipart(form).send().await?)
}

async fn act(
    app: &TestApp,
    lead: &reqwest::Client,
    campaign: &str,
    action: &str,
) -> anyhow::Result<StatusCode> {
    Ok(app
        .post(lead, "/api/campaigns/act_on_campaign", &[("campaign", campaign), ("action", action)])
        .await?
        .status())
}

async fn targets_default_to_the_flagged_practices_of_the_leads_own_region(
    engine: Engine,
) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let world = app.world().await?;
    publish(&app, MARGARET).await?;
    for i in 2..=5 {
        app.practice(world.region_a, &format!("A0000{i}"), &format!("Practice A{i}")).await?;
    }
    // A00005 prescribes most: the top fifth of five practices is it alone.
    let mut file = "practice_code,month,benzodiazepine_items,z_drug_items,list_size\n".to_owned();
    for p in 1..=5 {
        let items = if p == 5 { 90 } else { 10 + p };
        file.push_str(&format!("A0000{p},{},{items},0,1000\n", month(&app, -2)));
    }
    let lead = app.signed_in(LEAD_A).await?;
    let form = Form::new().part("file", Part::text(file).file_name("prescribing.csv"));
    let url = app.url("/api/reports/import_prescribing");
    assert_eq!(
        lead.post(url).header("origin", &app.address).multipart(form).send().await?.status(),
        StatusCode::OK
    );

    let (region, closes, from, to) =
        (world.region_a.0.to_string(), closing(&app, 60), month(&app, -12), month(&app, -1));
    let mut form = vec![
        ("region", region.as_str()),
        ("name", "Hypnotics review"),
        ("modules[]", MARGARET_SLUG),
        ("message", "Dear colleague, please join us."),
        ("closes_on", closes.as_str()),
        ("reminder_days", "7"),
        ("targets", "flagged"),
        ("measure", "items-per-1000"),
        ("from", from.as_str()),
        ("to", to.as_str()),
    ];
    let refused = app
        .post(&lead, "/api/campaigns/create_campaign", &[("region", region.as_str()), ("name", "")])
        .await?;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let text = refused.text().await?;
    for problem in ["Enter the campaign", "Select at least one published module", "Enter a real date"] {
        assert!(text.contains(problem), "{problem}: {text}");
    }
    let campaign = create(&app, &lead, &form).await?;
    let seen = view(&app, &lead, &campaign).await?;
    let codes: Vec<&str> = seen.practices.iter().map(|p| p.ods_code.as_str()).collect();
    assert_eq!(codes, ["A00005"], "the flagged practice, and only it");
    assert!(seen.targeted_by.starts_with("High prescribers by items per 1,000 patients a month"));
    assert_eq!(seen.status, "draft");

    // Region B is out of reach: its practice cannot be added, its lead cannot see the campaign.
    let b = world.practice_b.0.to_string();
    let add_b = [("campaign", campaign.as_str()), ("practice", b.as_str()), ("change", "add")];
    assert_eq!(
        app.post(&lead, "/api/campaigns/set_campaign_practice", &add_b).await?.status(),
        StatusCode::FORBIDDEN
    );
    let lead_b = app.signed_in(LEAD_B).await?;
    let theirs =
        app.post(&lead_b, "/api/campaigns/view_campaign", &[("campaign", campaign.as_str())]).await?;
    assert_eq!(theirs.status(), StatusCode::FORBIDDEN);
    let region_b = world.region_b.0.to_string();
    form[0] = ("region", region_b.as_str());
    let elsewhere = app.post(&lead, "/api/campaigns/create_campaign", &form).await?;
    assert_eq!(elsewhere.status(), StatusCode::FORBIDDEN, "a lead cannot run a campaign in another region");
    let a1 = world.practice_a.0.to_string();
    let add_a1 = [("campaign", campaign.as_str()), ("practice", a1.as_str()), ("change", "add")];
    assert_eq!(
        app.post(&lead, "/api/campaigns/set_campaign_practice", &add_a1).await?.status(),
        StatusCode::OK
    );

    // An address list with one bad line adds nobody, and says which line.
    let bad =
        "practice_code,email\nA00005,one@test.example\nB00001,two@test.example\nA00001,not-an-address\n";
    let refused = upload(&app, &lead, &campaign, bad).await?;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let text = refused.text().await?;
    assert!(
        text.contains("Line 3: B00001 is not one of the campaign&#x27;s practices")
            || text.contains("Line 3: B00001 is not one of the campaign's practices"),
        "{text}"
    );
    assert!(text.contains("Line 4: email:"), "{text}");
    let seen = view(&app, &lead, &campaign).await?;
    assert!(seen.practices.iter().all(|p| p.addresses == 0), "nothing half imported");
    let good = "practice_code,email\nA00005,one@test.example\nA00001,two@test.example\n";
    assert_eq!(upload(&app, &lead, &campaign, good).await?.status(), StatusCode::OK);
    let seen = view(&app, &lead, &campaign).await?;
    let addresses: BTreeMap<&str, i64> =
        seen.practices.iter().map(|p| (p.ods_code.as_str(), p.addresses)).collect();
    assert_eq!(addresses, BTreeMap::from([("A00001", 1), ("A00005", 1)]));
    let filter =
        app::ssr::db::audit::AuditFilter { action: Some(AuditAction::CampaignChanged), ..Default::default() };
    assert_eq!(
        app.state.db.list_audit(&filter, 20, 0).await?.entries.len(),
        3,
        "created, a practice added, addresses"
    );

    // Past its closing date, a campaign says so and can only be closed.
    app.state.clock.advance(61 * DAY);
    let lead = app.signed_in(LEAD_A).await?;
    let seen = view(&app, &lead, &campaign).await?;
    assert_eq!(seen.status_label, "Over: its closing date has passed");
    assert_eq!(seen.actions.iter().map(|(code, _)| code.as_str()).collect::<Vec<_>>(), ["close"]);
    assert!(!seen.targets_open && !seen.addresses_open);
    let late = upload(&app, &lead, &campaign, "practice_code,email\nA00005,late@test.example\n").await?;
    assert_eq!(late.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(act(&app, &lead, &campaign, "start").await?, StatusCode::BAD_REQUEST, "too late to start");
    assert_eq!(act(&app, &lead, &campaign, "close").await?, StatusCode::OK);
    Ok(())
}

/// `n` learners registered at `practice`, as `gp<first..>@test.example`.
async fn gps(app: &TestApp, practice: PracticeId, first: usize, n: usize) -> anyhow::Result<Vec<String>> {
    let mut emails = Vec::new();
    for i in first..first + n {
        let email = format!("gp{i}@test.example");
        app.person((&email, vec![RoleGrant { role: Role::Learner, region: None }], Some(practice))).await?;
        emails.push(email);
    }
    Ok(emails)
}

/// Waits until the outbox has `n` emails, then a little longer so a duplicate would show; each
/// (recipient, subject) with how many times it came.
async fn settled(app: &TestApp, n: usize) -> anyhow::Result<BTreeMap<(String, String), usize>> {
    for _ in 0..200 {
        if app.emails()?.len() >= n {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mut counts = BTreeMap::new();
    for email in app.emails()? {
        *counts.entry((email.to, email.subject)).or_insert(0) += 1;
    }
    Ok(counts)
}

async fn invitations_and_reminders_go_once_each_and_the_funnel_adds_up(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let sibling = app.sibling().await?;
    let world = app.world().await?;
    let margaret = publish(&app, MARGARET).await?;
    // Learner A and eight more GPs are registered at practice A; a tenth is only an address.
    let mut registered = vec![LEARNER_A.to_owned()];
    registered.extend(gps(&app, world.practice_a, 0, 8).await?);
    let lead = app.signed_in(LEAD_A).await?;
    let (region, closes) = (world.region_a.0.to_string(), closing(&app, 90));
    let campaign = create(
        &app,
        &lead,
        &[
            ("region", region.as_str()),
            ("name", "Hypnotics review"),
            ("modules[]", MARGARET_SLUG),
            ("message", "Dear colleague, please join us."),
            ("closes_on", closes.as_str()),
            ("reminder_days", "3"),
            ("targets", "chosen"),
        ],
    )
    .await?;
    let a = world.practice_a.0.to_string();
    let add = [("campaign", campaign.as_str()), ("practice", a.as_str()), ("change", "add")];
    assert_eq!(app.post(&lead, "/api/campaigns/set_campaign_practice", &add).await?.status(), StatusCode::OK);
    let addresses = format!("practice_code,email\nA00001,newgp@test.example\nA00001,{LEARNER_A}\n");
    assert_eq!(upload(&app, &lead, &campaign, &addresses).await?.status(), StatusCode::OK);
    assert!(app.emails()?.is_empty(), "a draft sends nothing");

    // Started, with both servers' workers racing for the jobs: ten invitations, one each.
    assert_eq!(act(&app, &lead, &campaign, "start").await?, StatusCode::OK);
    assert_eq!(act(&sibling, &lead, &campaign, "start").await?, StatusCode::BAD_REQUEST, "started once");
    let sent = settled(&app, 10).await?;
    assert_eq!(sent.len(), 10, "{sent:?}");
    assert!(sent.values().all(|n| *n == 1), "each invitation once: {sent:?}");
    for to in registered.iter().map(String::as_str).chain(["newgp@test.example"]) {
        assert_eq!(
            sent.get(&(to.to_owned(), "Hypnotics review: an invitation to Casebook".to_owned())),
            Some(&1),
            "{to}"
        );
    }
    let invitation = app
        .emails()?
        .into_iter()
        .find(|e| e.to == "newgp@test.example")
        .ok_or_else(|| anyhow::anyhow!("none"))?;
    assert!(invitation.body.starts_with("Dear colleague, please join us."), "{}", invitation.body);
    assert!(invitation.body.contains(&format!("/modules/{MARGARET_SLUG}")));

    // The address registers through its email's link, and counts as registered.
    let link = invitation.link_path("/invitations/accept?token=")?;
    let token = link.trim_start_matches("/invitations/accept?token=").to_owned();
    let newgp = new_client()?;
    let accepted = app
        .post(
            &newgp,
            "/api/account/accept_invitation",
            &[
                ("token", token.as_str()),
                ("full_name", "Dr New GP"),
                ("password", "amber falcon drifts north"),
                ("practice", a.as_str()),
                ("career_stage", "gp"),
            ],
        )
        .await?;
    assert_eq!(accepted.status(), StatusCode::OK, "{}", accepted.text().await?);

    // Learner A completes the module; the new GP and gp0 start it.
    let learner = app.signed_in(LEARNER_A).await?;
    let attempt = start(&app, &learner, MARGARET_SLUG).await?;
    answer_steps(&app, &learner, &margaret, &attempt, (Knowing::Right("2"), Knowing::Right("2")), 200)
        .await?;
    start(&app, &newgp, MARGARET_SLUG).await?;
    start(&app, &app.signed_in("gp0@test.example").await?, MARGARET_SLUG).await?;

    // Paused, the reminders wait; resumed, they go once, to the seven who have not started.
    assert_eq!(act(&app, &lead, &campaign, "pause").await?, StatusCode::OK);
    for server in [&app, &sibling] {
        server.state.clock.advance(4 * DAY);
    }
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(app.emails()?.len(), 10, "nothing is sent while paused");
    // A long pause leaves the held reminders hours into their back-off; resuming sends them now.
    let pool = sqlx::AnyPool::connect(&app.database_url()).await?;
    let held = sqlx::query(
        "UPDATE jobs SET run_at = run_at + 21600000 WHERE kind = 'campaign_reminder' AND tries > 0",
    )
    .execute(&pool)
    .await?
    .rows_affected();
    assert_eq!(held, 10, "every reminder was tried and held (started or not, it is decided when it runs)");
    let lead = app.signed_in(LEAD_A).await?; // the old session has been idle for days
    assert_eq!(act(&app, &lead, &campaign, "resume").await?, StatusCode::OK);
    let sent = settled(&app, 17).await?;
    let reminders: Vec<&String> =
        sent.iter().filter(|((_, s), _)| s == "Reminder: Hypnotics review").map(|((to, _), _)| to).collect();
    assert_eq!(reminders.len(), 7, "{sent:?}");
    assert!(sent.values().all(|n| *n == 1), "each reminder once: {sent:?}");
    for started in [LEARNER_A, "gp0@test.example", "newgp@test.example"] {
        assert!(!reminders.iter().any(|to| to.as_str() == started), "{started} started: no reminder");
    }

    // The funnel, exactly, and as shown: 10 invited and registered, 3 started, 1 completed.
    let id = app.state.db.campaign(&campaign).await?.ok_or_else(|| anyhow::anyhow!("gone"))?.id;
    let progress = app.state.db.campaign_progress(id).await?;
    let count = |pick: fn(&app::domain::campaign::funnel::RecipientProgress) -> bool| {
        progress.iter().filter(|p| pick(p)).count()
    };
    assert_eq!(
        [count(|p| p.invited), count(|p| p.registered), count(|p| p.started), count(|p| p.completed)],
        [10, 10, 3, 1]
    );
    let seen = view(&app, &lead, &campaign).await?;
    let shown: Vec<String> = seen.funnel_total.stages.iter().map(|s| s.text()).collect();
    assert_eq!(shown, ["10", "10", "*", "*", "0"]);
    assert_eq!(seen.funnel[0].stages, seen.funnel_total.stages, "one practice: its row is the total");
    let csv = lead.get(app.url(&format!("/campaigns/{campaign}/funnel.csv"))).send().await?.text().await?;
    assert!(csv.contains("Practice,ODS code,Invited,Registered,Started,Completed,Follow-up done"), "{csv}");
    assert!(csv.contains("All target practices,,10,10,*,*,0"), "{csv}");

    // Closed, nothing more goes out, whatever is added.
    assert_eq!(act(&app, &lead, &campaign, "close").await?, StatusCode::OK);
    let late = upload(&app, &lead, &campaign, "practice_code,email\nA00001,late@test.example\n").await?;
    assert_eq!(late.status(), StatusCode::UNPROCESSABLE_ENTITY);
    for server in [&app, &sibling] {
        server.state.clock.advance(10 * DAY);
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let campaign_emails =
        app.emails()?.into_iter().filter(|e| e.subject.contains("Hypnotics review")).count();
    assert_eq!(campaign_emails, 17, "learner A's booster is due by now, but no campaign email");
    let lead = app.signed_in(LEAD_A).await?;
    assert_eq!(act(&app, &lead, &campaign, "resume").await?, StatusCode::BAD_REQUEST, "closed for good");
    Ok(())
}
