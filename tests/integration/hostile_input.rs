//! Hostile input: every argument of every server function (the authorisation matrix's list, which
//! is checked against the router) gets each value of a corpus of bad values, as the user allowed to
//! call it. No answer is a 5xx; every refusal is a 4xx with a message; and a refusal changes nothing
//! in the database. Bodies that are not forms at all (deeply nested or huge JSON, invalid UTF-8,
//! over the size limit) and hostile page addresses get the same treatment.
//!
//! Values that are merely unusual text (an injection attempt in a name, say) may be accepted: they
//! are then stored as text, which the stored-XSS tests follow onto every page.

use app::error::AppError;
use casebook_tests::{Engine, TestApp, on_both_engines};
use sqlx::{Connection, Row};

use crate::authorisation::{Call, Everything, Who, everything};

on_both_engines!(every_argument_refuses_hostile_values_and_changes_nothing, hostile_bodies_and_addresses);

/// A value to send: text, or raw bytes that are not UTF-8 (percent-encoded as they are).
enum Value {
    Text(String),
    Raw(&'static str),
}

/// At least fifty bad values: empty and oversized, wrong types and out-of-range numbers, control
/// characters, invalid UTF-8, injection into SQL, templates and markup, unknown enum values,
/// malformed ids, dates and addresses, and nested or huge JSON.
fn corpus() -> Vec<Value> {
    let text = |s: &str| Value::Text(s.to_owned());
    let mut values: Vec<Value> = [
        "",
        " ",
        "\t\r\n",
        "0",
        "-1",
        "1.5",
        "1e309",
        "NaN",
        "-Infinity",
        "0x1F",
        "٣",
        " 7 ",
        "9223372036854775807",
        "9223372036854775808",
        "-9223372036854775809",
        "true",
        "null",
        "undefined",
        "[]",
        "{}",
        "\u{0}",
        "abc\u{0}def",
        "\u{1b}[31mred",
        "\u{7f}\u{8}",
        "name\r\nX-Injected: yes",
        "\u{202e}fdp.exe",
        "\u{feff}\u{200b}",
        "\u{fffd}",
        "' OR '1'='1",
        "'; DROP TABLE people; --",
        "1; DELETE FROM responses",
        "\" OR 1=1 --",
        "1' UNION SELECT password_hash FROM people --",
        "{{7*7}}",
        "${7*7}",
        "<%= 7*7 %>",
        "{% include '/etc/passwd' %}",
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "javascript:alert(1)",
        "../../../../etc/passwd",
        "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "superuser",
        "PUBLISH",
        "region'",
        "delete",
        "a@",
        "@example.org",
        "a@b@c",
        "00000000-0000-0000-0000-000000000000",
        "not-a-uuid",
        "2026-13-45",
        "0000-00-00",
        "%s%s%s%n",
        "e\u{301}\u{301}\u{301}",
    ]
    .into_iter()
    .map(text)
    .collect();
    values.extend([
        Value::Text("x".repeat(100_000)),
        Value::Text("😀".repeat(20_000)),
        Value::Text(format!("{}@example.org", "a".repeat(300))),
        Value::Text("[".repeat(10_000) + &"]".repeat(10_000)),
        Value::Text("{\"a\":".repeat(5_000) + "1" + &"}".repeat(5_000)),
        Value::Text(format!("[{}1]", "1,".repeat(50_000))),
        Value::Raw("%FF%FE%FD"),
        Value::Raw("caf%C3%28"),
        Value::Raw("%ED%A0%80"),
    ]);
    values
}

/// The user a hostile call is made as: anybody's endpoints as nobody, the rest as someone allowed.
fn caller(call: &Call) -> Who {
    if call.allowed.contains(&Who::Anonymous) {
        Who::Anonymous
    } else {
        call.allowed.last().copied().unwrap_or(Who::Admin)
    }
}

async fn every_argument_refuses_hostile_values_and_changes_nothing(engine: Engine) -> anyhow::Result<()> {
    let Everything { app, calls, clients } = everything(engine).await?;
    let corpus = corpus();
    let mut fingerprint = Fingerprint::new(&app, engine).await?;
    let mut before = fingerprint.take().await?;
    let mut tried = 0;
    for call in calls.iter().filter(|c| c.post && !c.path.ends_with("/sign-out") && !c.form.is_empty()) {
        let who = caller(call);
        let client = &clients.iter().find(|(w, _)| *w == who).ok_or_else(|| anyhow::anyhow!("{who:?}"))?.1;
        for field in call.form.iter().map(|(name, _)| *name) {
            for value in &corpus {
                let response = send(&app, client, call, field, value).await?;
                let status = response.status();
                let label = format!("{} {field} = {}", call.path, describe(value));
                let message = refusal_message(response).await;
                let after = fingerprint.take().await?;
                assert!(!status.is_server_error(), "{label}: {status}");
                if status.is_client_error() {
                    assert!(message.is_some(), "{label}: {status} without a message");
                    assert_eq!(before, after, "{label}: refused with {status}, yet the database changed");
                }
                before = after;
                tried += 1;
            }
        }
    }
    assert!(tried > 3_000, "{tried} hostile calls");
    Ok(())
}

/// Sends `call` with `field` set to `value` (the other fields as the matrix has them).
async fn send(
    app: &TestApp,
    client: &reqwest::Client,
    call: &Call,
    field: &str,
    value: &Value,
) -> anyhow::Result<reqwest::Response> {
    let request = client.post(app.url(&call.path)).header("origin", &app.address);
    if call.multipart {
        let bytes = match value {
            Value::Text(text) => text.as_bytes().to_vec(),
            Value::Raw(encoded) => percent_decoded(encoded),
        };
        let form = call.form.iter().fold(reqwest::multipart::Form::new(), |form, (name, original)| {
            let content = if *name == field { bytes.clone() } else { original.as_bytes().to_vec() };
            form.part(*name, reqwest::multipart::Part::bytes(content).file_name("upload.csv"))
        });
        return Ok(request.multipart(form).send().await?);
    }
    let body = call
        .form
        .iter()
        .map(|(name, original)| {
            let encoded = match value {
                _ if *name != field => encode(original),
                Value::Text(text) => encode(text),
                Value::Raw(raw) => (*raw).to_owned(),
            };
            format!("{name}={encoded}")
        })
        .collect::<Vec<_>>()
        .join("&");
    Ok(request.header("content-type", "application/x-www-form-urlencoded").body(body).send().await?)
}

fn encode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

fn percent_decoded(encoded: &str) -> Vec<u8> {
    url::form_urlencoded::parse(format!("v={encoded}").as_bytes())
        .next()
        .map(|(_, v)| v.as_bytes().to_vec())
        .unwrap_or_default()
}

fn describe(value: &Value) -> String {
    match value {
        Value::Text(text) if text.len() > 40 => {
            format!("{:?}… ({} bytes)", &text[..text.floor_char_boundary(20)], text.len())
        }
        Value::Text(text) => format!("{text:?}"),
        Value::Raw(raw) => format!("raw {raw}"),
    }
}

/// The message a refusal carries: the server function's error, or the limit's plain text.
async fn refusal_message(response: reqwest::Response) -> Option<String> {
    let plain =
        response.headers().get("content-type").is_some_and(|t| t.as_bytes().starts_with(b"text/plain"));
    let body = response.text().await.ok()?;
    let message = if plain {
        body
    } else {
        serde_json::from_str::<AppError>(&body).map(|error| error.to_string()).unwrap_or(body)
    };
    Some(message).filter(|m| !m.trim().is_empty())
}

async fn hostile_bodies_and_addresses(engine: Engine) -> anyhow::Result<()> {
    let Everything { app, calls, clients } = everything(engine).await?;
    let admin = &clients.iter().find(|(w, _)| *w == Who::Admin).ok_or_else(|| anyhow::anyhow!("admin"))?.1;
    let mut fingerprint = Fingerprint::new(&app, engine).await?;
    let before = fingerprint.take().await?;
    let nested = "[".repeat(100_000) + &"]".repeat(100_000);
    let bodies: Vec<(&str, Vec<u8>)> = vec![
        ("application/json", nested.into_bytes()),
        ("application/json", format!("{{\"slug\": [{}0]}}", "0,".repeat(200_000)).into_bytes()),
        ("application/x-www-form-urlencoded", b"\xff\xfe=\xfd".to_vec()),
        ("application/x-www-form-urlencoded", b"a=1&a=2&a=3&&&==&%".to_vec()),
        (
            "application/x-www-form-urlencoded",
            "x=".bytes().chain(std::iter::repeat_n(b'y', 2 << 20)).collect(),
        ),
        (
            "text/xml",
            b"<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"
                .to_vec(),
        ),
        ("multipart/form-data; boundary=nothing", b"--nothing\r\nbroken".to_vec()),
    ];
    for call in calls.iter().filter(|c| c.post && !c.path.ends_with("/sign-out")) {
        for (content_type, body) in &bodies {
            let response = admin
                .post(app.url(&call.path))
                .header("origin", &app.address)
                .header("content-type", *content_type)
                .body(body.clone())
                .send()
                .await?;
            let status = response.status();
            let label = format!("{} with a {content_type} body of {} bytes", call.path, body.len());
            assert!(!status.is_server_error(), "{label}: {status}");
            if status.is_client_error() {
                assert!(refusal_message(response).await.is_some(), "{label}: no message");
            }
        }
    }
    assert_eq!(before, fingerprint.take().await?, "hostile bodies changed the database");
    for call in calls.iter().filter(|c| !c.post && c.path.len() > 1) {
        for segment in
            ["%00", "..%2F..%2Fetc%2Fpasswd", "%FF%FE", "'%20OR%201=1", "99999999999999999999", "-1"]
        {
            let mut path =
                call.path.rsplit_once('/').map(|(parent, _)| parent).unwrap_or_default().to_owned();
            path.push('/');
            path.push_str(segment);
            let status = admin.get(app.url(&path)).send().await?.status();
            assert!(!status.is_server_error(), "GET {path}: {status}");
            let query = format!("{}?from=%FF&to=2026-99-99&with=x&region=-1&page=%00&theme='", call.path);
            let status = admin.get(app.url(&query)).send().await?.status();
            assert!(!status.is_server_error(), "GET {query}: {status}");
        }
    }
    assert_eq!(before, fingerprint.take().await?, "hostile addresses changed the database");
    Ok(())
}

/// The whole database's content, table by table, except what every request or failed sign-in
/// rightly changes: sessions (each request renews one), sign-in throttles and their audit events.
#[derive(Debug, PartialEq, Eq)]
struct Snapshot(Vec<(String, String)>);

struct Fingerprint {
    connection: sqlx::AnyConnection,
    query: String,
}

impl Fingerprint {
    async fn new(app: &TestApp, engine: Engine) -> anyhow::Result<Fingerprint> {
        let mut connection = sqlx::AnyConnection::connect(&app.database_url()).await?;
        let tables_sql = match engine {
            Engine::Sqlite => {
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            }
            Engine::Postgres => {
                "SELECT CAST(table_name AS TEXT) FROM information_schema.tables WHERE table_schema = 'public'"
            }
        };
        let mut parts = Vec::new();
        for row in sqlx::query(tables_sql).fetch_all(&mut connection).await? {
            let table: String = row.try_get(0)?;
            if matches!(table.as_str(), "sessions" | "sign_in_throttles") {
                continue;
            }
            let rows = if table == "audit_events" {
                "(SELECT * FROM audit_events WHERE action <> 'sign_in_failed')".to_owned()
            } else {
                table.clone()
            };
            parts.push(match engine {
                Engine::Postgres => format!(
                    "SELECT '{table}', md5(COALESCE(string_agg(t::text, '|' ORDER BY t::text), '')) FROM {rows} t"
                ),
                Engine::Sqlite => {
                    let columns: Vec<String> = sqlx::query(&format!("SELECT name FROM pragma_table_info('{table}')"))
                        .fetch_all(&mut connection)
                        .await?
                        .iter()
                        .map(|c| c.try_get::<String, _>(0).map(|name| format!("quote(\"{name}\")")))
                        .collect::<Result<_, _>>()?;
                    format!(
                        "SELECT '{table}', COALESCE(group_concat(r, '|'), '') FROM \
                         (SELECT {} AS r FROM {rows} AS t ORDER BY 1)",
                        columns.join(" || ',' || ")
                    )
                }
            });
        }
        Ok(Fingerprint { connection, query: parts.join(" UNION ALL ") })
    }

    async fn take(&mut self) -> anyhow::Result<Snapshot> {
        let rows = sqlx::query(&self.query).fetch_all(&mut self.connection).await?;
        let mut tables: Vec<(String, String)> =
            rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect::<anyhow::Result<_>>()?;
        tables.sort();
        Ok(Snapshot(tables))
    }
}
