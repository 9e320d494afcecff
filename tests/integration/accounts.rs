//! Registering, signing in, passwords and invitations, through HTTP as a browser or a script sends
//! them.

use std::time::Duration;

use app::error::AppError;
use casebook_tests::{
    ADMIN, Engine, LEAD_A, LEARNER_A, PASSWORD, Page, TestApp, app_error, new_client, on_both_engines,
};
use reqwest::StatusCode;

on_both_engines!(
    a_learner_registers_confirms_their_address_and_is_signed_in,
    an_unconfirmed_account_cannot_start_a_module_and_is_not_counted,
    an_expired_confirmation_link_says_so_and_offers_a_new_one,
    registering_a_taken_address_emails_its_owner_and_looks_the_same,
    registration_reports_every_bad_field_and_creates_nothing,
    registration_refuses_common_passwords,
    wrong_credentials_get_one_message_whoever_the_account,
    a_failed_form_without_javascript_comes_back_with_its_error_but_not_in_the_address,
    sign_in_returns_only_to_pages_on_this_site,
    a_reset_link_works_once_and_only_for_an_hour,
    asking_for_a_reset_says_the_same_for_unknown_addresses,
    an_admin_invites_a_trainer_who_accepts,
    a_lead_invites_learners_only_to_their_own_region,
    an_invitation_works_once_and_expires_after_a_week,
);

/// The registration form as a GP fills it in, at `practice`, coming back to `next` afterwards.
fn registration<'a>(email: &'a str, practice: &'a str, next: &'a str) -> [(&'static str, &'a str); 7] {
    [
        ("full_name", " Dr Nia Roberts "),
        ("email", email),
        ("password", "gentle otter climbs ladders"),
        ("gmc_number", "1234567"),
        ("practice", practice),
        ("career_stage", "gp_trainee"),
        ("next", next),
    ]
}

async fn a_learner_registers_confirms_their_address_and_is_signed_in(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let world = app.world().await?;
    let client = new_client()?;
    let practice = world.practice_a.0.to_string();
    let form = registration("Nia.Roberts@Example.org", &practice, "/modules/jim-withdrawal-barriers");
    let response = app.post_as_browser(&client, "/register", "/api/account/register", &form).await?;
    assert_eq!(response.headers()["location"], "/register?sent=1");
    let sent = Page::parse(&client.get(app.url("/register?sent=1")).send().await?.text().await?);
    assert_eq!(sent.text("h1")?, "Check your email");
    // Not signed in until the address is confirmed.
    assert_ne!(client.get(app.url("/account")).send().await?.status(), StatusCode::OK);

    let email = app.wait_for_email(1).await?;
    assert_eq!(
        (email.to.as_str(), email.subject.as_str()),
        ("nia.roberts@example.org", "Confirm your email address for Casebook")
    );
    let link = email.link_path("/confirm-email?token=")?;
    let token = link.trim_start_matches("/confirm-email?token=").to_owned();
    // Opening the link changes nothing: a scanner that follows links cannot confirm an address.
    let page = Page::parse(&app.get(&link).await?.text().await?);
    assert_eq!(page.text("h1")?, "Confirm your email address");
    assert_eq!(app.get(&link).await?.status(), StatusCode::OK);
    let confirmed =
        app.post_as_browser(&client, &link, "/api/account/confirm_email", &[("token", &token)]).await?;
    assert_eq!(
        confirmed.headers()["location"],
        "/modules/jim-withdrawal-barriers",
        "back to where they were going"
    );
    let account = Page::parse(&client.get(app.url("/account")).send().await?.text().await?);
    assert_eq!(account.text("h1")?, "Your account");
    assert!(account.texts(".nhsuk-summary-list__value")?.contains(&"nia.roberts@example.org".to_owned()));
    assert!(account.texts(".nhsuk-summary-list__value")?.contains(&"Learner".to_owned()));
    assert_eq!(account.attr("#full_name", "value")?.as_deref(), Some("Dr Nia Roberts"));
    assert!(account.texts("h2")?.iter().all(|h| !h.contains("Confirm your email address")));
    crate::learning::publish(&app, crate::learning::MARGARET).await?;
    crate::learning::start(&app, &client, crate::learning::MARGARET_SLUG).await?;

    // The link works once.
    let again = app.post(&new_client()?, "/api/account/confirm_email", &[("token", &token)]).await?;
    assert!(app_error(again).await?.message_for("token").is_some_and(|m| m.contains("used already")));
    let page = Page::parse(&app.get(&link).await?.text().await?);
    assert_eq!(page.text("h1")?, "Your address is confirmed");
    Ok(())
}

async fn an_unconfirmed_account_cannot_start_a_module_and_is_not_counted(
    engine: Engine,
) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let world = app.world().await?;
    let practice = world.practice_a.0.to_string();
    let registered = |app: &TestApp| {
        let region = Some(world.region_a);
        let db = app.state.db.clone();
        async move {
            anyhow::Ok(db.registered_by_practice(region).await?.into_iter().map(|(_, n)| n).sum::<i64>())
        }
    };
    let before = registered(&app).await?;
    let form = registration("new.gp@example.org", &practice, "");
    assert_eq!(app.post(&new_client()?, "/api/account/register", &form).await?.status(), StatusCode::OK);
    app.wait_for_email(1).await?;
    assert_eq!(registered(&app).await?, before, "an unconfirmed account counts in no report");
    // They can sign in, see why they cannot start, and are refused a module.
    let client = new_client()?;
    let form = [("email", "new.gp@example.org"), ("password", "gentle otter climbs ladders")];
    assert_eq!(app.post(&client, "/api/account/sign_in", &form).await?.status(), StatusCode::OK);
    let account = Page::parse(&client.get(app.url("/account")).send().await?.text().await?);
    assert!(account.text(".nhsuk-warning-callout")?.contains("Confirm your email address"));
    let refused =
        app.post(&client, "/api/learning/start_module", &[("slug", "jim-withdrawal-barriers")]).await?;
    assert!(
        app_error(refused)
            .await?
            .message_for("slug")
            .is_some_and(|m| m.starts_with("Confirm your email address"))
    );
    assert_eq!(rows_in(&app, "attempts").await?, 0);
    // Admins see the account as unconfirmed.
    let admin = app.signed_in(ADMIN).await?;
    let list =
        Page::parse(&admin.get(app.url("/admin/people?status=unconfirmed")).send().await?.text().await?);
    assert_eq!(list.texts("tbody tr td:nth-child(2)")?, ["new.gp@example.org"]);
    assert_eq!(list.texts("tbody .nhsuk-tag")?, ["Email not confirmed"]);
    // Once confirmed, they count.
    let link = app.wait_for_email(1).await?.link_path("/confirm-email?token=")?;
    let token = link.trim_start_matches("/confirm-email?token=").to_owned();
    app.post(&new_client()?, "/api/account/confirm_email", &[("token", &token)]).await?;
    assert_eq!(registered(&app).await?, before + 1);
    Ok(())
}

async fn an_expired_confirmation_link_says_so_and_offers_a_new_one(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let world = app.world().await?;
    let practice = world.practice_a.0.to_string();
    let form = registration("late.gp@example.org", &practice, "");
    app.post(&new_client()?, "/api/account/register", &form).await?;
    let link = app.wait_for_email(1).await?.link_path("/confirm-email?token=")?;
    let token = link.trim_start_matches("/confirm-email?token=").to_owned();
    app.state.clock.advance(Duration::from_secs(25 * 3600));
    let page = Page::parse(&app.get(&link).await?.text().await?);
    assert_eq!(page.text("h1")?, "This link has expired");
    assert!(page.text("form button")?.contains("Send a new link"));
    let refused = app.post(&new_client()?, "/api/account/confirm_email", &[("token", &token)]).await?;
    assert!(app_error(refused).await?.message_for("token").is_some_and(|m| m.contains("expired")));
    // A new link, asked for by address; the answer is the same for an address with no account.
    for address in ["late.gp@example.org", "nobody.here@example.org"] {
        let form = [("email", address)];
        let response =
            app.post_as_browser(&new_client()?, &link, "/api/account/resend_confirmation", &form).await?;
        assert_eq!(response.headers()["location"], "/confirm-email?sent=1");
    }
    let fresh = app.wait_for_email(2).await?;
    assert_eq!(fresh.to, "late.gp@example.org");
    let new_link = fresh.link_path("/confirm-email?token=")?;
    let new_token = new_link.trim_start_matches("/confirm-email?token=").to_owned();
    let client = new_client()?;
    let confirmed = app
        .post_as_browser(&client, &new_link, "/api/account/confirm_email", &[("token", &new_token)])
        .await?;
    assert_eq!(confirmed.headers()["location"], "/modules");
    assert_eq!(client.get(app.url("/account")).send().await?.status(), StatusCode::OK);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(app.emails()?.len(), 2, "nothing was sent to the address with no account");
    Ok(())
}

async fn registering_a_taken_address_emails_its_owner_and_looks_the_same(
    engine: Engine,
) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let world = app.world().await?;
    let practice = world.practice_a.0.to_string();
    let people_before = rows_in(&app, "people").await?;
    let mut pages = Vec::new();
    for address in ["LEARNER.A@test.example", "someone.new@example.org"] {
        let client = new_client()?;
        let form = registration(address, &practice, "");
        let response = app.post_as_browser(&client, "/register", "/api/account/register", &form).await?;
        let location = response.headers()["location"].to_str()?.to_owned();
        let page = client.get(app.url(&location)).send().await?.text().await?;
        pages.push((location, without_nonces(&page)));
    }
    assert_eq!(pages[0], pages[1], "the same answer and page whether or not the address was registered");
    assert_eq!(rows_in(&app, "people").await?, people_before + 1, "only the new address got an account");
    let _ = app.wait_for_email(2).await?;
    let emails = app.emails()?;
    let owner =
        emails.iter().find(|e| e.to == LEARNER_A).ok_or_else(|| anyhow::anyhow!("the owner was not told"))?;
    assert_eq!(owner.subject, "Someone tried to register with your address");
    assert!(owner.body.contains("No new account was made"));
    assert!(!owner.body.contains("/confirm-email"), "no link that would confirm anything");
    // The owner's password still works.
    app.signed_in(LEARNER_A).await?;
    Ok(())
}

/// A page with its scripts' nonces (fresh for every response) taken out.
fn without_nonces(page: &str) -> String {
    page.split("nonce=\"")
        .enumerate()
        .map(|(i, part)| if i == 0 { part } else { part.split_once('"').map_or(part, |(_, rest)| rest) })
        .collect()
}

/// How many rows a table holds.
async fn rows_in(app: &TestApp, table: &str) -> anyhow::Result<i64> {
    let pool = sqlx::AnyPool::connect(&app.database_url()).await?;
    Ok(sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}")).fetch_one(&pool).await?)
}

async fn registration_reports_every_bad_field_and_creates_nothing(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    app.world().await?;
    let form = [
        ("full_name", ""),
        ("email", "not-an-email"),
        ("password", "short"),
        ("gmc_number", "12"),
        ("practice", "999999"),
        ("career_stage", "consultant"),
    ];
    let response = app.post(&new_client()?, "/api/account/register", &form).await?;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let error = app_error(response).await?;
    for (field, message) in [
        ("full_name", "Enter your full name"),
        ("email", "Enter an email address in the correct format, like name@example.com"),
        ("password", "Password must be 12 characters or more"),
        ("gmc_number", "Enter a GMC number of 7 digits, like 1234567, or leave it blank"),
        ("career_stage", "Select your career stage"),
    ] {
        assert_eq!(error.message_for(field), Some(message), "{field}");
    }
    assert_eq!(error.value_for("email"), Some("not-an-email"), "typed values come back");
    assert_eq!(error.value_for("password"), None, "a password is never echoed");
    // A practice that does not exist is caught once the fields parse.
    let response = app
        .post(
            &new_client()?,
            "/api/account/register",
            &[
                ("full_name", "Dr A"),
                ("email", "a@example.org"),
                ("password", "gentle otter climbs ladders"),
                ("gmc_number", ""),
                ("practice", "999999"),
                ("career_stage", "gp"),
            ],
        )
        .await?;
    assert_eq!(
        app_error(response).await?.message_for("practice"),
        Some("Select your practice from the list")
    );
    assert!(
        !app.state
            .db
            .email_taken(
                &app::domain::email::EmailAddress::parse("a@example.org").map_err(anyhow::Error::msg)?
            )
            .await?
    );
    Ok(())
}

async fn registration_refuses_common_passwords(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let world = app.world().await?;
    let practice = world.practice_a.0.to_string();
    let register = |email: &'static str, password: &'static str| {
        let practice = practice.clone();
        let app = &app;
        async move {
            let form = [
                ("full_name", "Dr B"),
                ("email", email),
                ("password", password),
                ("gmc_number", ""),
                ("practice", practice.as_str()),
                ("career_stage", "gp"),
            ];
            app_error(app.post(&new_client()?, "/api/account/register", &form).await?).await
        }
    };
    let common = register("b@example.org", "password1234").await?;
    assert!(
        common
            .message_for("password")
            .is_some_and(|m| m.starts_with("Choose a password that is harder to guess"))
    );
    let personal = register("margaretsmith@example.org", "margaretsmith").await?;
    assert!(personal.message_for("password").is_some());
    Ok(())
}

async fn wrong_credentials_get_one_message_whoever_the_account(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    app.world().await?;
    let attempt = |email: &'static str, password: &'static str| {
        let app = &app;
        async move {
            app.post(&new_client()?, "/api/account/sign_in", &[("email", email), ("password", password)])
                .await
        }
    };
    let unknown = attempt("nobody@test.example", PASSWORD).await?;
    let wrong = attempt(LEARNER_A, "not the password at all").await?;
    let malformed = attempt("not an email", PASSWORD).await?;
    for response in [unknown, wrong, malformed] {
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let error = app_error(response).await?;
        assert_eq!(error.message_for("email"), Some("Enter a correct email address and password"));
    }
    let empty = app_error(attempt("", "").await?).await?;
    assert_eq!(empty.message_for("email"), Some("Enter your email address"));
    assert_eq!(empty.message_for("password"), Some("Enter your password"));
    Ok(())
}

async fn a_failed_form_without_javascript_comes_back_with_its_error_but_not_in_the_address(
    engine: Engine,
) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    app.world().await?;
    let browser = new_client()?;
    let response = app
        .post_as_browser(
            &browser,
            "/sign-in?next=/account",
            "/api/account/sign_in",
            &[("email", LEARNER_A), ("password", "wrong password")],
        )
        .await?;
    assert_eq!(response.status(), StatusCode::FOUND);
    let location = response.headers()["location"].to_str()?.to_owned();
    assert_eq!(location, app.url("/sign-in?next=%2Faccount"), "no error, and no email, in the address");
    let page = Page::parse(&browser.get(&location).send().await?.text().await?);
    assert_eq!(page.text("title")?, "Error: Sign in – Casebook");
    assert_eq!(page.text(".nhsuk-error-summary h2")?, "There is a problem");
    assert_eq!(page.text(".nhsuk-error-summary li a")?, "Enter a correct email address and password");
    assert_eq!(page.attr(".nhsuk-error-summary li a", "href")?.as_deref(), Some("#email"));
    assert_eq!(page.attr("#email", "value")?.as_deref(), Some(LEARNER_A), "the email typed is kept");
    assert_eq!(page.attr("#password", "value")?, None, "the password is not");
    // The message is shown once: a reload is a clean form.
    let again = Page::parse(&browser.get(&location).send().await?.text().await?);
    assert_eq!(again.count(".nhsuk-error-summary")?, 0);
    Ok(())
}

async fn sign_in_returns_only_to_pages_on_this_site(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    app.world().await?;
    for (next, expected) in
        [("/account", "/account"), ("https://evil.example/", "/"), ("//evil.example", "/")]
    {
        let response = app
            .post_as_browser(
                &new_client()?,
                "/sign-in",
                "/api/account/sign_in",
                &[("email", LEARNER_A), ("password", PASSWORD), ("next", next)],
            )
            .await?;
        assert_eq!(response.status(), StatusCode::FOUND);
        assert_eq!(response.headers()["location"], expected, "{next}");
    }
    Ok(())
}

async fn a_reset_link_works_once_and_only_for_an_hour(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    app.world().await?;
    let response =
        app.post(&new_client()?, "/api/account/request_password_reset", &[("email", LEARNER_A)]).await?;
    assert_eq!(response.status(), StatusCode::OK);
    let email = app.wait_for_email(1).await?;
    assert_eq!(email.to, LEARNER_A);
    assert_eq!(email.subject, "Reset your Casebook password");
    let link = email.link_path("/reset-password?token=")?;
    let token = link.trim_start_matches("/reset-password?token=").to_owned();

    let page = Page::parse(&app.get(&link).await?.text().await?);
    assert_eq!(page.text("h1")?, "Choose a new password");
    let client = new_client()?;
    let new_password = "silver kettle hums softly";
    let reset = app
        .post(&client, "/api/account/reset_password", &[("token", &token), ("new_password", new_password)])
        .await?;
    assert_eq!(reset.status(), StatusCode::OK);
    // Signed in with the new password; the old one no longer works.
    assert_eq!(client.get(app.url("/account")).send().await?.status(), StatusCode::OK);
    let old = app
        .post(&new_client()?, "/api/account/sign_in", &[("email", LEARNER_A), ("password", PASSWORD)])
        .await?;
    assert_eq!(old.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // The link is single-use.
    let again = app
        .post(
            &new_client()?,
            "/api/account/reset_password",
            &[("token", &token), ("new_password", "another fine passphrase")],
        )
        .await?;
    assert!(
        app_error(again)
            .await?
            .message_for("new_password")
            .is_some_and(|m| m.contains("expired or been used"))
    );
    let page = Page::parse(&app.get(&link).await?.text().await?);
    assert_eq!(page.text("h1")?, "This link has expired or been used");

    // A fresh link expires after an hour.
    app.post(&new_client()?, "/api/account/request_password_reset", &[("email", LEARNER_A)]).await?;
    let token = app
        .wait_for_email(2)
        .await?
        .link_path("/reset-password?token=")?
        .trim_start_matches("/reset-password?token=")
        .to_owned();
    app.state.clock.advance(Duration::from_secs(61 * 60));
    let late = app
        .post(
            &new_client()?,
            "/api/account/reset_password",
            &[("token", &token), ("new_password", "another fine passphrase")],
        )
        .await?;
    assert_eq!(late.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let forged = app
        .post(
            &new_client()?,
            "/api/account/reset_password",
            &[("token", "forged"), ("new_password", "another fine passphrase")],
        )
        .await?;
    assert_eq!(forged.status(), StatusCode::UNPROCESSABLE_ENTITY);
    Ok(())
}

async fn asking_for_a_reset_says_the_same_for_unknown_addresses(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    app.world().await?;
    let known = app
        .post_as_browser(
            &new_client()?,
            "/forgot-password",
            "/api/account/request_password_reset",
            &[("email", LEARNER_A)],
        )
        .await?;
    let unknown = app
        .post_as_browser(
            &new_client()?,
            "/forgot-password",
            "/api/account/request_password_reset",
            &[("email", "nobody@test.example")],
        )
        .await?;
    assert_eq!(known.status(), unknown.status());
    assert_eq!(known.headers()["location"], unknown.headers()["location"]);
    app.wait_for_email(1).await?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(app.emails()?.len(), 1, "only the real account gets an email");
    // At most three a hour to one address.
    for _ in 0..5 {
        app.post(&new_client()?, "/api/account/request_password_reset", &[("email", LEARNER_A)]).await?;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(app.emails()?.len(), 3);
    Ok(())
}

async fn an_admin_invites_a_trainer_who_accepts(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    app.world().await?;
    let admin = app.signed_in(ADMIN).await?;
    let response = app
        .post(&admin, "/api/admin/invite_person", &[("email", "new.trainer@test.example"), ("trainer", "on")])
        .await?;
    assert_eq!(response.status(), StatusCode::OK);
    let email = app.wait_for_email(1).await?;
    assert_eq!(email.to, "new.trainer@test.example");
    assert!(email.body.contains("as Trainer"));
    let link = email.link_path("/invitations/accept?token=")?;
    let page = Page::parse(&app.get(&link).await?.text().await?);
    assert_eq!(page.text("h1")?, "Accept your invitation");
    assert_eq!(page.count("#practice")?, 0, "a trainer is not asked for a practice");
    let token = link.trim_start_matches("/invitations/accept?token=").to_owned();
    let client = new_client()?;
    let accepted = app
        .post(
            &client,
            "/api/account/accept_invitation",
            &[("token", &token), ("full_name", "Dr New Trainer"), ("password", "amber falcon drifts north")],
        )
        .await?;
    assert_eq!(accepted.status(), StatusCode::OK);
    let account = Page::parse(&client.get(app.url("/account")).send().await?.text().await?);
    assert!(account.texts(".nhsuk-summary-list__value")?.contains(&"Trainer".to_owned()));
    Ok(())
}

async fn a_lead_invites_learners_only_to_their_own_region(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let world = app.world().await?;
    let lead = app.signed_in(LEAD_A).await?;
    let (a, b) = (world.practice_a.0.to_string(), world.practice_b.0.to_string());
    let invite = |form: Vec<(&'static str, String)>| {
        let (app, lead) = (&app, &lead);
        async move {
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.post(lead, "/api/admin/invite_person", &form).await
        }
    };
    let ok =
        invite(vec![("email", "gp1@test.example".into()), ("learner", "on".into()), ("practice", a.clone())])
            .await?;
    assert_eq!(ok.status(), StatusCode::OK);
    let other_region =
        invite(vec![("email", "gp2@test.example".into()), ("learner", "on".into()), ("practice", b)]).await?;
    assert_eq!(other_region.status(), StatusCode::FORBIDDEN);
    let trainer =
        invite(vec![("email", "gp3@test.example".into()), ("trainer", "on".into()), ("practice", a.clone())])
            .await?;
    assert_eq!(trainer.status(), StatusCode::FORBIDDEN);
    let admin = invite(vec![
        ("email", "gp4@test.example".into()),
        ("learner", "on".into()),
        ("admin", "on".into()),
        ("practice", a),
    ])
    .await?;
    assert_eq!(admin.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.emails()?.len(), 1);
    Ok(())
}

async fn an_invitation_works_once_and_expires_after_a_week(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    app.world().await?;
    let admin = app.signed_in(ADMIN).await?;
    for email in ["one@test.example", "two@test.example"] {
        app.post(&admin, "/api/admin/invite_person", &[("email", email), ("trainer", "on")]).await?;
    }
    let token = |n: usize| -> anyhow::Result<String> {
        let emails = app.emails()?;
        let email = emails.get(n).ok_or_else(|| anyhow::anyhow!("email {n}"))?;
        Ok(email
            .link_path("/invitations/accept?token=")?
            .trim_start_matches("/invitations/accept?token=")
            .to_owned())
    };
    let (first, second) = (token(0)?, token(1)?);
    let accept = |token: String| {
        let app = &app;
        async move {
            app.post(
                &new_client()?,
                "/api/account/accept_invitation",
                &[("token", &token), ("full_name", "Dr X"), ("password", "amber falcon drifts north")],
            )
            .await
        }
    };
    assert_eq!(accept(first.clone()).await?.status(), StatusCode::OK);
    let reused = accept(first).await?;
    assert_eq!(reused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    app.state.clock.advance(Duration::from_secs(8 * 24 * 3600));
    let expired = app_error(accept(second).await?).await?;
    assert!(matches!(expired, AppError::Invalid { .. }));
    assert!(expired.message_for("full_name").is_some_and(|m| m.contains("expired or been used")));
    Ok(())
}
