//! Request ids: made for every request, returned to the client, kept from a trusted proxy only when
//! they are plain identifiers.

use casebook_tests::{Engine, TestApp, on_both_engines};

on_both_engines!(
    every_response_carries_a_fresh_uuid,
    a_plain_incoming_id_is_kept,
    a_hostile_incoming_id_is_replaced
);

fn request_id(response: &reqwest::Response) -> anyhow::Result<String> {
    let value = response.headers().get("x-request-id").ok_or_else(|| anyhow::anyhow!("no x-request-id"))?;
    Ok(value.to_str()?.to_owned())
}

async fn every_response_carries_a_fresh_uuid(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let first = request_id(&app.get("/").await?)?;
    let second = request_id(&app.get("/no-such-page").await?)?;
    uuid::Uuid::parse_str(&first)?;
    uuid::Uuid::parse_str(&second)?;
    assert_ne!(first, second);
    Ok(())
}

async fn a_plain_incoming_id_is_kept(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let response = app.client.get(app.url("/healthz")).header("x-request-id", "lb-7f3a.42").send().await?;
    assert_eq!(request_id(&response)?, "lb-7f3a.42");
    Ok(())
}

async fn a_hostile_incoming_id_is_replaced(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    for hostile in ["a\"} forged=1", "x y", &"a".repeat(65)] {
        let response = app.client.get(app.url("/healthz")).header("x-request-id", hostile).send().await?;
        let id = request_id(&response)?;
        assert_ne!(id, hostile);
        uuid::Uuid::parse_str(&id)?;
    }
    Ok(())
}
