//! Scale-out: two app server processes behind nginx against one PostgreSQL. A learner signs in,
//! takes a whole module and reads their results while nginx sends their requests to either
//! server in turn; the session and the attempt carry on whichever server answers. And a rolling
//! deploy, two releases behind one nginx, never hands a page another release's files.

use std::collections::BTreeSet;
use std::path::Path;

use casebook_tests::nginx::Nginx;
use casebook_tests::server_process::Server;
use casebook_tests::{Engine, LEARNER_A, TestApp};

use crate::learning::{Knowing, MARGARET, MARGARET_SLUG, answer_steps, publish, start};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_learner_carries_on_whichever_server_answers() -> anyhow::Result<()> {
    let app = TestApp::spawn(Engine::Postgres).await?;
    app.world().await?;
    let margaret = publish(&app, MARGARET).await?;
    // nginx's address is the site's public address, which the servers check a form's origin against.
    let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let public = format!("http://127.0.0.1:{port}");
    let env = [("PUBLIC_URL", public.as_str())];
    let servers = [Server::start_with(app.database(), &env)?, Server::start_with(app.database(), &env)?];
    let upstreams: Vec<&str> = servers.iter().map(|s| s.address.as_str()).collect();
    let nginx = Nginx::start_on(port, &upstreams).await?;
    let through = app.behind(nginx.address.clone());

    let learner = through.signed_in(LEARNER_A).await?;
    let attempt = start(&through, &learner, MARGARET_SLUG).await?;
    let finished = answer_steps(
        &through,
        &learner,
        &margaret,
        &attempt,
        (Knowing::Right("2"), Knowing::Right("2")),
        200,
    )
    .await?;
    assert!(matches!(finished.content, app::wire::step_view::StepContent::Finished { .. }));

    let mut answered_by = BTreeSet::new();
    for _ in 0..6 {
        let response = learner.get(through.url(&format!("/attempts/{attempt}/results"))).send().await?;
        assert_eq!(response.status(), reqwest::StatusCode::OK, "signed in, and the results are there");
        let upstream = response.headers().get("x-upstream").and_then(|v| v.to_str().ok()).unwrap_or_default();
        answered_by.insert(upstream.to_owned());
        assert!(response.text().await?.contains("Your results"));
    }
    let expected: BTreeSet<String> =
        upstreams.iter().map(|u| u.trim_start_matches("http://").to_owned()).collect();
    assert_eq!(answered_by, expected, "both servers answered the same session");
    Ok(())
}

/// A rolling deploy: release A's server still answers beside release B's behind one load balancer.
/// Following the README's steps, B's built files were first added beside A's on every server; then
/// every page, whichever server rendered it, gets its own release's stylesheet and scripts from
/// either server, byte for byte (the hash in each name is checked against the bytes served).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn during_a_rolling_deploy_every_page_gets_its_own_releases_files() -> anyhow::Result<()> {
    let app = TestApp::spawn(Engine::Postgres).await?;
    let (release_a, release_b) = (tempfile::tempdir()?, tempfile::tempdir()?);
    copy_folder(Path::new(&casebook_tests::site_root()), release_a.path())?;
    copy_folder(release_a.path(), release_b.path())?;
    let a = Manifest::read(release_a.path())?;
    let b = build_changed_release(release_b.path(), &a)?;
    assert!(a.stylesheet != b.stylesheet && a.client != b.client, "release B's files have new names");

    let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let public = format!("http://127.0.0.1:{port}");
    let server = |site: &Path| {
        let site = site.display().to_string();
        Server::start_with(app.database(), &[("PUBLIC_URL", public.as_str()), ("LEPTOS_SITE_ROOT", &site)])
    };
    let servers = [server(release_a.path())?, server(release_b.path())?];
    // Without the first step, release A's server cannot answer for B's files (and says so uncached).
    let missing = reqwest::get(format!("{}{}", servers[0].address, b.stylesheet)).await?;
    assert_eq!(missing.status(), reqwest::StatusCode::NOT_FOUND);
    assert_eq!(missing.headers()["cache-control"], "no-store");
    // The first step of the deploy: B's files are added beside A's on A's server.
    for name in &b.files {
        for ending in ["", ".br", ".gz"] {
            let file = format!("{name}{ending}");
            std::fs::copy(
                release_b.path().join("pkg").join(&file),
                release_a.path().join("pkg").join(&file),
            )?;
        }
    }

    let upstreams: Vec<&str> = servers.iter().map(|s| s.address.as_str()).collect();
    let nginx = Nginx::start_on(port, &upstreams).await?;
    let client = reqwest::Client::new();
    let mut releases_seen = BTreeSet::new();
    for _ in 0..6 {
        let response = client.get(format!("{}/", nginx.address)).send().await?;
        let upstream = response.headers()["x-upstream"].to_str()?.to_owned();
        let page = casebook_tests::Page::parse(&response.text().await?);
        let stylesheet = page.attr("link[rel=stylesheet]", "href")?.unwrap_or_default();
        let tabs = page.attr("script[src]", "src")?.unwrap_or_default();
        let release = if upstream == upstreams[0].trim_start_matches("http://") { &a } else { &b };
        assert_eq!((&stylesheet, &tabs), (&release.stylesheet, &release.scripts["tabs"]), "{upstream}");
        releases_seen.insert(release.client.clone());
        for _ in 0..4 {
            for path in [&stylesheet, &tabs] {
                assert_eq!(
                    sha256_prefix(&[&fetch_file(&client, &nginx.address, path).await?]),
                    hash_in(path)
                );
            }
            let js = fetch_file(&client, &nginx.address, &format!("/pkg/{}.js", release.client)).await?;
            let wasm =
                fetch_file(&client, &nginx.address, &format!("/pkg/{}_bg.wasm", release.client)).await?;
            assert_eq!(
                sha256_prefix(&[&js, &wasm]),
                hash_in(&release.client),
                "the client's script and module"
            );
        }
    }
    assert_eq!(releases_seen.len(), 2, "both releases answered pages");
    Ok(())
}

/// What `scripts/fingerprint-site.mjs` wrote in a site's manifest.
#[derive(serde::Deserialize)]
struct Manifest {
    stylesheet: String,
    /// The enhancement scripts' addresses by name (`tabs`, `player`).
    scripts: std::collections::BTreeMap<String, String>,
    client: String,
    files: Vec<String>,
}

impl Manifest {
    fn read(site: &Path) -> anyhow::Result<Manifest> {
        Ok(serde_json::from_str(&std::fs::read_to_string(site.join("asset-manifest.json"))?)?)
    }
}

/// Makes release B in `site` (a copy of release A's): the build's unhashed output with a changed
/// stylesheet and scripts, then the build's own fingerprinting step.
fn build_changed_release(site: &Path, a: &Manifest) -> anyhow::Result<Manifest> {
    let pkg = site.join("pkg");
    let changed = |from: &str, to: &str, note: &str| -> anyhow::Result<()> {
        let mut bytes = std::fs::read(pkg.join(from.trim_start_matches("/pkg/")))?;
        bytes.extend_from_slice(note.as_bytes());
        Ok(std::fs::write(pkg.join(to), bytes)?)
    };
    changed(&a.stylesheet, "casebook.css", "\n/* release B */\n")?;
    for (name, address) in &a.scripts {
        changed(address, &format!("{name}.js"), "\n// release B\n")?;
    }
    changed(&format!("{}.js", a.client), "casebook.js", "\n// release B\n")?;
    changed(&format!("{}_bg.wasm", a.client), "casebook_bg.wasm", "")?;
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let status = std::process::Command::new("node")
        .arg(workspace.join("scripts/fingerprint-site.mjs"))
        .arg(site)
        .stdout(std::process::Stdio::null())
        .status()?;
    anyhow::ensure!(status.success(), "the build's fingerprinting step failed");
    Manifest::read(site)
}

fn copy_folder(from: &Path, to: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_folder(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

/// A built file's bytes, through the load balancer, checking it may be cached for good.
async fn fetch_file(client: &reqwest::Client, base: &str, path: &str) -> anyhow::Result<Vec<u8>> {
    let response = client.get(format!("{base}{path}")).send().await?;
    anyhow::ensure!(response.status() == reqwest::StatusCode::OK, "{path}: {}", response.status());
    anyhow::ensure!(response.headers()["cache-control"] == "public, max-age=31536000, immutable", "{path}");
    Ok(response.bytes().await?.to_vec())
}

/// The first 16 hex digits of the SHA-256 of the parts, as the build names files.
fn sha256_prefix(parts: &[&[u8]]) -> String {
    use sha2::Digest;
    let mut digest = sha2::Sha256::new();
    for part in parts {
        digest.update(part);
    }
    digest.finalize().iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// The hash in a built file's name (`…/casebook-<hash>.css`, `casebook-<hash>`).
fn hash_in(name: &str) -> String {
    let after_dash = name.rsplit_once('-').map_or("", |(_, rest)| rest);
    after_dash.chars().take(16).collect()
}
