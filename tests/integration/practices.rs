//! Practices at national size: an admin imports NHS ODS's GP practice file (a synthetic one in its
//! shape), each practice going to its commissioner's region; a bad file is refused whole with its
//! line; a re-import renames and closes; and registration finds a practice among 10,000 by name,
//! ODS code or postcode in a page that stays small.

use app::domain::organisation::PracticeMatch;
use casebook_tests::{ADMIN, Engine, LEAD_A, TestApp, World, new_client, on_both_engines};
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};

on_both_engines!(
    an_admin_imports_the_gp_practice_file_into_commissioners_regions,
    a_bad_file_or_an_unmapped_commissioner_is_refused_whole,
    a_reimport_renames_closes_and_keeps_history,
    registration_finds_a_practice_among_ten_thousand_in_a_small_page,
);

const FIXTURE: &str = include_str!("../data/ods/epraccur-synthetic.csv");

async fn upload(app: &TestApp, client: &reqwest::Client, text: &str) -> anyhow::Result<reqwest::Response> {
    let form = Form::new().part("file", Part::text(text.to_owned()).file_name("epraccur.csv"));
    let url = app.url("/api/admin/import_ods_practices");
    Ok(client.post(url).header("origin", &app.address).multipart(form).send().await?)
}

/// Maps commissioner 99A to region A and 99B to region B, as an admin does once.
async fn map_commissioners(app: &TestApp, world: &World, admin: &reqwest::Client) -> anyhow::Result<()> {
    for (code, region) in [("99a", world.region_a), ("99B", world.region_b)] {
        let form = [("commissioner", code), ("region", &region.0.to_string())];
        let response = app.post(admin, "/api/admin/set_commissioner_region", &form).await?;
        anyhow::ensure!(response.status().is_success(), "mapping {code}: {}", response.status());
    }
    Ok(())
}

/// (ODS code, name, region id, open) of every practice whose code starts with `prefix`.
async fn practices(app: &TestApp, prefix: &str) -> anyhow::Result<Vec<(String, String, i64, bool)>> {
    let pool = sqlx::AnyPool::connect(&app.database_url()).await?;
    let rows: Vec<(String, String, i64, Option<i64>)> = sqlx::query_as(
        "SELECT ods_code, name, region_id, retired_at FROM practices WHERE ods_code LIKE $1 ORDER BY ods_code",
    )
    .bind(format!("{prefix}%"))
    .fetch_all(&pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(code, name, region, retired)| (code, name, region, retired.is_none()))
        .collect())
}

async fn an_admin_imports_the_gp_practice_file_into_commissioners_regions(
    engine: Engine,
) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let world = app.world().await?;
    let admin = app.signed_in(ADMIN).await?;
    map_commissioners(&app, &world, &admin).await?;
    let response = upload(&app, &admin, FIXTURE).await?;
    assert_eq!(response.status(), StatusCode::OK);
    let (a, b) = (world.region_a.0, world.region_b.0);
    assert_eq!(
        practices(&app, "Y9").await?,
        [
            ("Y90001".to_owned(), "RIVERSIDE MEDICAL CENTRE".to_owned(), a, true),
            ("Y90002".to_owned(), "HILLTOP SURGERY".to_owned(), a, true),
            ("Y90003".to_owned(), "THE OLD MILL PRACTICE".to_owned(), b, true),
            // Dormant is not closed.
            ("Y90004".to_owned(), "HARBOUR VIEW SURGERY".to_owned(), b, true),
        ],
        "closed-and-never-used, proposed and walk-in centre lines are passed over"
    );
    let page = admin.get(app.url("/admin/organisations/ods")).send().await?.text().await?;
    assert!(page.contains("4 practices created"), "the summary says what happened");
    let audit = admin.get(app.url("/admin/audit?action=practices_imported")).send().await?.text().await?;
    assert!(audit.contains("practices from the GP practice file"));
    // Only admins import.
    let lead = app.signed_in(LEAD_A).await?;
    assert_eq!(upload(&app, &lead, FIXTURE).await?.status(), StatusCode::FORBIDDEN);
    Ok(())
}

async fn a_bad_file_or_an_unmapped_commissioner_is_refused_whole(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let world = app.world().await?;
    let admin = app.signed_in(ADMIN).await?;
    // No commissioner is mapped yet.
    let refused = upload(&app, &admin, FIXTURE).await?;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let text = refused.text().await?;
    assert!(text.contains("Line 1: commissioner 99A has no region"), "{text}");
    assert!(text.contains("Line 3: commissioner 99B has no region"), "{text}");
    assert!(practices(&app, "Y9").await?.is_empty(), "nothing is half-imported");

    map_commissioners(&app, &world, &admin).await?;
    let mut lines: Vec<String> = FIXTURE.lines().map(str::to_owned).collect();
    lines[2] = lines[2].replace("\"Y90003\"", "\"OLDMILL\"");
    lines[3] = lines[3].replace("\"D\",\"B\"", "\"Q\",\"B\"");
    let refused = upload(&app, &admin, &lines.join("\n")).await?;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let text = refused.text().await?;
    assert!(text.contains("Line 3: 'OLDMILL' is not a practice's ODS code"), "{text}");
    assert!(text.contains("Line 4: practice Y90004's status 'Q'"), "{text}");
    assert!(practices(&app, "Y9").await?.is_empty(), "nothing is half-imported");
    Ok(())
}

async fn a_reimport_renames_closes_and_keeps_history(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let world = app.world().await?;
    let admin = app.signed_in(ADMIN).await?;
    map_commissioners(&app, &world, &admin).await?;
    assert_eq!(upload(&app, &admin, FIXTURE).await?.status(), StatusCode::OK);
    let next_month = FIXTURE
        .replace("\"HILLTOP SURGERY\"", "\"HILLTOP FAMILY PRACTICE\"")
        .replace("\"19900601\",\"\",\"A\"", "\"19900601\",\"20261130\",\"C\"");
    let response = upload(&app, &admin, &next_month).await?;
    assert_eq!(response.status(), StatusCode::OK);
    let found = practices(&app, "Y9").await?;
    assert_eq!(found[1].1, "HILLTOP FAMILY PRACTICE", "renamed in place");
    assert_eq!(found[2], ("Y90003".to_owned(), "THE OLD MILL PRACTICE".to_owned(), world.region_b.0, false));
    assert_eq!(found.len(), 4, "the closed practice is kept, closed");
    let page = admin.get(app.url("/admin/organisations/ods")).send().await?.text().await?;
    assert!(page.contains("0 practices created, 3 updated, 1 closed"), "{page}");
    // A closed practice is no longer offered to anyone registering.
    let matches = find(&app, "old mill").await?;
    assert!(matches.is_empty());
    Ok(())
}

async fn find(app: &TestApp, text: &str) -> anyhow::Result<Vec<PracticeMatch>> {
    let response = app.post(&new_client()?, "/api/account/find_practices", &[("text", text)]).await?;
    anyhow::ensure!(response.status().is_success(), "searching {text}: {}", response.status());
    Ok(response.json().await?)
}

async fn registration_finds_a_practice_among_ten_thousand_in_a_small_page(
    engine: Engine,
) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let world = app.world().await?;
    let pool = sqlx::AnyPool::connect(&app.database_url()).await?;
    sqlx::query(
        "INSERT INTO practices (region_id, ods_code, name, postcode, created_at) \
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000) \
         SELECT $1, 'Q' || CAST(10000 + i AS TEXT), 'Practice ' || CAST(i AS TEXT) || ' Surgery', \
         'QQ' || CAST(i % 90 + 10 AS TEXT) || ' ' || CAST(i % 9 + 1 AS TEXT) || 'AB', 0 FROM n",
    )
    .bind(world.region_a.0)
    .execute(&pool)
    .await?;
    let client = new_client()?;
    let fetch = |path: &'static str| {
        let (client, app) = (&client, &app);
        async move { anyhow::Ok(client.get(app.url(path)).send().await?.text().await?) }
    };
    for path in
        ["/register", "/register?practice_search=surgery", "/register?next=%2Fmodules&practice_search=pr"]
    {
        let page = fetch(path).await?;
        assert!(page.len() < 30 * 1024, "{path} is {} bytes", page.len());
    }
    let listed = fetch("/register?practice_search=surgery").await?;
    assert!(listed.contains("The first 20 practices found"));
    // By ODS code and by postcode, spaces and case aside.
    let by_code = find(&app, "q17777").await?;
    assert_eq!(by_code.iter().map(|m| m.name.as_str()).collect::<Vec<_>>(), ["Practice 7777 Surgery"]);
    let by_postcode = find(&app, "qq47 2ab").await?;
    assert!(
        !by_postcode.is_empty() && by_postcode.iter().all(|m| m.postcode == "QQ47 2AB"),
        "{by_postcode:?}"
    );
    assert!(find(&app, "x").await.is_err(), "one letter is too little to search on");
    // Choosing a match leads to the form with that practice in it.
    let chosen = by_code[0].id.0;
    let form = client.get(app.url(&format!("/register?practice={chosen}"))).send().await?.text().await?;
    assert!(form.contains("Practice 7777 Surgery (Q17777)"));
    assert!(form.contains(&format!("name=\"practice\" value=\"{chosen}\"")));
    assert!(form.len() < 30 * 1024);
    Ok(())
}
