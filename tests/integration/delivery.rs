//! What reaches a practice's browser: compressed responses that decode to the same bytes, built
//! files named by their content and cached for a year, the WebAssembly client only on pages with an
//! island, sessions that are not written on every request, and where a response's time went.

use std::io::Read;
use std::time::Duration;

use casebook_tests::{
    Engine, LEARNER_A, Page, TRAINER, TestApp, new_client, on_both_engines, session_cookie,
};
use reqwest::StatusCode;

use crate::learning::{MARGARET, MARGARET_SLUG, publish};

on_both_engines!(
    compressed_and_plain_responses_decode_to_the_same_bytes,
    built_files_carry_their_hash_and_are_cached_for_a_year,
    only_pages_with_an_island_load_the_webassembly_client,
    a_page_view_writes_the_session_only_once_a_minute,
    server_timing_splits_the_session_from_the_page_when_asked,
);

/// The body of `path` asked for with `encoding` (none: identity), decoded, and the encoding used.
async fn fetch(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    encoding: &str,
) -> anyhow::Result<(Vec<u8>, String)> {
    let response = client.get(app.url(path)).header("accept-encoding", encoding).send().await?;
    anyhow::ensure!(response.status() == StatusCode::OK, "{path}: {}", response.status());
    let used = response
        .headers()
        .get("content-encoding")
        .map(|v| v.to_str().unwrap_or_default().to_owned())
        .unwrap_or_default();
    let body = response.bytes().await?;
    let mut decoded = Vec::new();
    match used.as_str() {
        "br" => {
            brotli_decompressor::Decompressor::new(&body[..], 4096).read_to_end(&mut decoded)?;
        }
        "gzip" => {
            flate2::read::GzDecoder::new(&body[..]).read_to_end(&mut decoded)?;
        }
        "" => decoded = body.to_vec(),
        other => anyhow::bail!("{path}: unexpected encoding {other}"),
    }
    Ok((decoded, used))
}

/// A page's text with its per-response nonces blanked, so two renderings can be compared.
fn without_nonces(html: &[u8]) -> String {
    let text = String::from_utf8_lossy(html);
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_ref();
    while let Some(start) = rest.find("nonce=\"") {
        let (before, after) = rest.split_at(start + "nonce=\"".len());
        out.push_str(before);
        rest = after.find('"').map_or("", |end| &after[end..]);
    }
    out.push_str(rest);
    out
}

async fn compressed_and_plain_responses_decode_to_the_same_bytes(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    app.world().await?;
    publish(&app, MARGARET).await?;
    let learner = app.signed_in(LEARNER_A).await?;
    let home = Page::parse(&app.get("/").await?.text().await?);
    let stylesheet = home.attr("link[rel=stylesheet]", "href")?.unwrap_or_default();
    let tabs_script = home.attr("script[src]", "src")?.unwrap_or_default();
    // Pages (with their nonces blanked), a server function's JSON, a download and the built files.
    let dynamic = ["/", "/modules", &format!("/modules/{MARGARET_SLUG}"), "/me/cpd-log.csv"];
    let built = [stylesheet.as_str(), tabs_script.as_str(), "/favicon.svg"];
    for path in dynamic.iter().copied().chain(built) {
        let (plain, none) = fetch(&app, &learner, path, "identity").await?;
        assert_eq!(none, "", "{path} is sent as it is when the browser asks for it so");
        for (asked, expected) in [("br, gzip", "br"), ("gzip", "gzip"), ("gzip, deflate, br", "br")] {
            let (decoded, used) = fetch(&app, &learner, path, asked).await?;
            assert_eq!(used, expected, "{path} with Accept-Encoding: {asked}");
            if dynamic.contains(&path) {
                assert_eq!(without_nonces(&decoded), without_nonces(&plain), "{path} ({used})");
            } else {
                assert!(decoded == plain, "{path} ({used}) decodes to the same bytes");
            }
        }
    }
    let json = learner
        .post(app.url("/api/learning/list_modules"))
        .header("accept-encoding", "br")
        .form(&[("theme", "")]);
    let response = json.header("origin", &app.address).send().await?;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-encoding"], "br", "server functions' answers too");
    Ok(())
}

async fn built_files_carry_their_hash_and_are_cached_for_a_year(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let home = Page::parse(&app.get("/").await?.text().await?);
    let stylesheet = home.attr("link[rel=stylesheet]", "href")?.unwrap_or_default();
    assert!(
        stylesheet.starts_with("/pkg/casebook-") && stylesheet.ends_with(".css") && stylesheet.len() == 34,
        "the page names the stylesheet by its hash: {stylesheet}"
    );
    let tabs_script = home.attr("script[src]", "src")?.unwrap_or_default();
    for path in [stylesheet.as_str(), tabs_script.as_str()] {
        let response = app.get(path).await?;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert_eq!(response.headers()["cache-control"], "public, max-age=31536000, immutable", "{path}");
        assert_eq!(response.headers()["x-content-type-options"], "nosniff", "{path}");
    }
    let icon = app.get("/favicon.svg").await?;
    assert_eq!(icon.headers()["cache-control"], "public, max-age=86400", "a plain name is kept a day");
    // A hashed name this server does not have (another release's) is not found, and not remembered.
    let missing = app.get("/pkg/casebook-0123456789abcdef_bg.wasm").await?;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_eq!(missing.headers()["cache-control"], "no-store");
    // Pages carry people's records: never stored.
    assert_eq!(app.get("/").await?.headers()["cache-control"], "no-store");
    Ok(())
}

/// The addresses of the WebAssembly client a page would load.
fn client_scripts(page: &Page) -> anyhow::Result<Vec<String>> {
    let mut found = page.attrs("link[rel=modulepreload]", "href")?;
    found.extend(page.attrs("link[rel=preload][as=fetch]", "href")?);
    Ok(found)
}

async fn only_pages_with_an_island_load_the_webassembly_client(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let draft = crate::authoring::draft(&app).await?;
    publish(&app, MARGARET).await?;
    let learner = app.signed_in(LEARNER_A).await?;
    for path in ["/", "/sign-in", "/modules", &format!("/modules/{MARGARET_SLUG}"), "/me", "/accessibility"] {
        let html = learner.get(app.url(path)).send().await?.text().await?;
        let page = Page::parse(&html);
        assert_eq!(page.count("leptos-island")?, 0, "{path} has no island");
        assert_eq!(client_scripts(&page)?, Vec::<String>::new(), "{path} loads no WebAssembly");
        assert!(!html.contains(".wasm"), "{path} names no WebAssembly");
    }

    // The player is a plain form with a small script: a learner never downloads the WebAssembly.
    let started = app
        .post_as_browser(
            &learner,
            &format!("/modules/{MARGARET_SLUG}"),
            "/api/learning/start_module",
            &[("slug", MARGARET_SLUG)],
        )
        .await?;
    let player = started.headers()["location"].to_str()?.to_owned();
    let html = learner.get(app.url(&player)).send().await?.text().await?;
    let page = Page::parse(&html);
    assert_eq!((page.count("leptos-island")?, client_scripts(&page)?.len()), (0, 0), "the player");
    assert!(!html.contains(".wasm"), "the player names no WebAssembly");
    assert_eq!(
        page.attr("form[data-casebook-player]", "action")?.as_deref(),
        Some("/api/learning/answer_step")
    );
    let scripts = page.attrs("script[src]", "src")?;
    assert_eq!(scripts.len(), 1, "{scripts:?}");
    assert!(scripts[0].starts_with("/pkg/player-") && scripts[0].ends_with(".js"), "{scripts:?}");

    // An author's form with a Markdown preview is an island, and loads the client once.
    let trainer = app.signed_in(TRAINER).await?;
    let details = format!("/author/versions/{}/details", draft.0);
    let page = Page::parse(&trainer.get(app.url(&details)).send().await?.text().await?);
    assert!(page.count("leptos-island")? >= 1, "the Markdown preview is an island");
    let client = client_scripts(&page)?;
    assert_eq!(client.len(), 2, "the client's script and WebAssembly, once: {client:?}");
    assert!(client[0].starts_with("/pkg/casebook-") && client[0].ends_with(".js"), "{client:?}");
    assert_eq!(client[1], client[0].replace(".js", "_bg.wasm"));
    for script in client.iter().chain(&scripts) {
        let response = app.get(script).await?;
        assert_eq!(response.status(), StatusCode::OK, "{script}");
        assert_eq!(response.headers()["cache-control"], "public, max-age=31536000, immutable");
    }
    Ok(())
}

/// The session row's expiry, read behind the application's back.
async fn session_expiry(app: &TestApp, cookie: &str) -> anyhow::Result<i64> {
    let id = cookie.split(';').next().and_then(|pair| pair.split_once('=')).map(|(_, id)| id);
    let id = id.ok_or_else(|| anyhow::anyhow!("no session id in {cookie}"))?;
    let row = app.state.db.load_session(id, app.state.clock.now_ms()).await?;
    Ok(row.ok_or_else(|| anyhow::anyhow!("no live session row"))?.expires_at)
}

async fn a_page_view_writes_the_session_only_once_a_minute(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    app.world().await?;
    let client = new_client()?;
    let signed_in = app
        .post(
            &client,
            "/api/account/sign_in",
            &[("email", LEARNER_A), ("password", casebook_tests::PASSWORD)],
        )
        .await?;
    let cookie = session_cookie(&signed_in).ok_or_else(|| anyhow::anyhow!("sign-in sets the cookie"))?;
    let at_sign_in = session_expiry(&app, &cookie).await?;

    // Within the minute: pages, the stylesheet and the probes are answered without writing.
    app.state.clock.advance(Duration::from_secs(40));
    for path in ["/modules", "/me", "/healthz", "/favicon.svg"] {
        let response = client.get(app.url(path)).send().await?;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert_eq!(session_cookie(&response), None, "{path} leaves the cookie as it is");
    }
    assert_eq!(session_expiry(&app, &cookie).await?, at_sign_in, "no session write within the minute");

    // Once the minute has passed, a page view pushes the expiry forward and renews the cookie.
    app.state.clock.advance(Duration::from_secs(30));
    let healthz = client.get(app.url("/healthz")).send().await?;
    assert_eq!(session_cookie(&healthz), None, "the probes never touch the session");
    assert_eq!(session_expiry(&app, &cookie).await?, at_sign_in);
    let page = client.get(app.url("/modules")).send().await?;
    assert!(session_cookie(&page).is_some_and(|c| c.to_lowercase().contains("max-age")), "renewed cookie");
    // (The application clock is the wall clock moved forward, so a few milliseconds pass as well.)
    let extended_by = session_expiry(&app, &cookie).await? - at_sign_in;
    assert!((70_000..75_000).contains(&extended_by), "extended by 70 s, not {extended_by} ms");

    // The idle timeout still ends the session: 30 minutes after that view, it is gone.
    app.state.clock.advance(Duration::from_secs(30 * 60));
    let account = client.get(app.url("/account")).send().await?;
    assert_eq!(account.status(), StatusCode::SEE_OTHER, "idle for 30 minutes: signed out");
    Ok(())
}

/// The milliseconds a `Server-Timing` header gives `phase`.
fn phase(header: &str, name: &str) -> Option<f64> {
    header.split(", ").find_map(|part| part.strip_prefix(name)?.strip_prefix(";dur=")?.parse().ok())
}

async fn server_timing_splits_the_session_from_the_page_when_asked(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    app.world().await?;
    let plain = app.signed_in(LEARNER_A).await?.get(app.url("/modules")).send().await?;
    assert!(plain.headers().get("server-timing").is_none(), "off unless asked for");

    let timed = TestApp::spawn_with(engine, |s| s.server_timing = true).await?;
    timed.world().await?;
    let learner = timed.signed_in(LEARNER_A).await?;
    let response = learner.get(timed.url("/modules")).send().await?;
    let header = response.headers()["server-timing"].to_str()?.to_owned();
    let (session, page) = (phase(&header, "session"), phase(&header, "app"));
    assert!(session.is_some_and(|ms| ms > 0.0) && page.is_some_and(|ms| ms > 0.0), "{header}");
    // The probes and static files are outside the page router, and are not timed.
    assert!(timed.get("/healthz").await?.headers().get("server-timing").is_none());
    Ok(())
}
