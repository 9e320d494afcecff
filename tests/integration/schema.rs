//! The two migration sets mean the same thing: after migrating, SQLite and PostgreSQL have the same
//! tables, columns (types and nullability), keys, unique constraints and indexes.

use std::collections::BTreeSet;

use casebook_tests::{Engine, TestApp};
use sqlx::AnyPool;

/// A schema reduced to what both engines can express, for comparing.
#[derive(Debug, Default, PartialEq, Eq)]
struct Schema {
    /// (table, column, type, nullable)
    columns: BTreeSet<(String, String, String, bool)>,
    /// (table, columns)
    primary_keys: BTreeSet<(String, String)>,
    /// (table, column, referenced table, referenced column)
    foreign_keys: BTreeSet<(String, String, String, String)>,
    /// (table, columns), unique constraints and unique indexes alike
    unique: BTreeSet<(String, String)>,
    /// (index name, table, columns) of the other indexes
    indexes: BTreeSet<(String, String, String)>,
}

fn normalise_type(declared: &str) -> String {
    match declared.to_lowercase().as_str() {
        "integer" | "bigint" => "integer".into(),
        "text" => "text".into(),
        // An 8-byte float: SQLite's REAL is PostgreSQL's DOUBLE PRECISION.
        "real" | "double precision" => "double".into(),
        other => other.into(),
    }
}

async fn sqlite_schema(pool: &AnyPool) -> anyhow::Result<Schema> {
    let mut schema = Schema::default();
    let tables: Vec<(String,)> = sqlx::query_as(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations'",
    )
    .fetch_all(pool)
    .await?;
    for (table,) in tables {
        let columns: Vec<(i64, String, String, i64, Option<String>, i64)> =
            sqlx::query_as(&format!("PRAGMA table_info({table})")).fetch_all(pool).await?;
        let mut key: Vec<(i64, String)> = Vec::new();
        for (_, name, declared, not_null, _, pk) in columns {
            schema.columns.insert((
                table.clone(),
                name.clone(),
                normalise_type(&declared),
                not_null == 0 && pk == 0,
            ));
            if pk > 0 {
                key.push((pk, name));
            }
        }
        key.sort();
        schema
            .primary_keys
            .insert((table.clone(), key.into_iter().map(|(_, n)| n).collect::<Vec<_>>().join(",")));
        // id, seq, table, from, to, on_update, on_delete, match
        type ForeignKeyRow = (i64, i64, String, String, String, String, String, String);
        let foreign: Vec<ForeignKeyRow> =
            sqlx::query_as(&format!("PRAGMA foreign_key_list({table})")).fetch_all(pool).await?;
        for (_, _, target, from, to, ..) in foreign {
            schema.foreign_keys.insert((table.clone(), from, target, to));
        }
        let indexes: Vec<(i64, String, i64, String, i64)> =
            sqlx::query_as(&format!("PRAGMA index_list({table})")).fetch_all(pool).await?;
        for (_, index, unique, origin, _) in indexes {
            if origin == "pk" {
                continue;
            }
            let cols: Vec<(i64, i64, String)> =
                sqlx::query_as(&format!("PRAGMA index_info({index})")).fetch_all(pool).await?;
            let cols = cols.into_iter().map(|(_, _, c)| c).collect::<Vec<_>>().join(",");
            if unique == 1 {
                schema.unique.insert((table.clone(), cols));
            } else {
                schema.indexes.insert((index, table.clone(), cols));
            }
        }
    }
    Ok(schema)
}

async fn postgres_schema(pool: &AnyPool) -> anyhow::Result<Schema> {
    let mut schema = Schema::default();
    let columns: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text, data_type::text, is_nullable::text FROM information_schema.columns \
         WHERE table_schema = 'public' AND table_name <> '_sqlx_migrations'",
    )
    .fetch_all(pool)
    .await?;
    for (table, column, data_type, nullable) in columns {
        schema.columns.insert((table, column, normalise_type(&data_type), nullable == "YES"));
    }
    let constraints: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT c.conrelid::regclass::text, c.contype::text, \
         string_agg(a.attname::text, ',' ORDER BY array_position(c.conkey, a.attnum)) \
         FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey) \
         JOIN pg_namespace n ON n.oid = c.connamespace \
         WHERE n.nspname = 'public' AND c.contype IN ('p', 'u') AND c.conrelid::regclass::text <> '_sqlx_migrations' \
         GROUP BY c.oid, c.conrelid, c.contype",
    )
    .fetch_all(pool)
    .await?;
    for (table, kind, cols) in constraints {
        if kind == "p" {
            schema.primary_keys.insert((table, cols));
        } else {
            schema.unique.insert((table, cols));
        }
    }
    let foreign: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT c.conrelid::regclass::text, a.attname::text, c.confrelid::regclass::text, fa.attname::text \
         FROM pg_constraint c \
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] \
         JOIN pg_attribute fa ON fa.attrelid = c.confrelid AND fa.attnum = c.confkey[1] \
         JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'public' AND c.contype = 'f'",
    )
    .fetch_all(pool)
    .await?;
    schema.foreign_keys.extend(foreign);
    let indexes: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT i.relname::text, t.relname::text, \
         string_agg(a.attname::text, ',' ORDER BY array_position(ix.indkey::int2[], a.attnum)) \
         FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid \
         JOIN pg_namespace n ON n.oid = t.relnamespace JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = ANY(ix.indkey) \
         WHERE n.nspname = 'public' AND NOT ix.indisprimary AND NOT ix.indisunique \
         GROUP BY i.relname, t.relname",
    )
    .fetch_all(pool)
    .await?;
    schema.indexes.extend(indexes);
    // Unique indexes that back no constraint (partial ones, such as one open attempt per module).
    let unique_indexes: Vec<(String, String)> = sqlx::query_as(
        "SELECT t.relname::text, \
         string_agg(a.attname::text, ',' ORDER BY array_position(ix.indkey::int2[], a.attnum)) \
         FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid \
         JOIN pg_namespace n ON n.oid = t.relnamespace JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = ANY(ix.indkey) \
         WHERE n.nspname = 'public' AND ix.indisunique AND NOT ix.indisprimary \
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = ix.indexrelid) \
         GROUP BY i.relname, t.relname",
    )
    .fetch_all(pool)
    .await?;
    schema.unique.extend(unique_indexes);
    Ok(schema)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_engines_have_the_same_schema() -> anyhow::Result<()> {
    let sqlite = TestApp::spawn(Engine::Sqlite).await?;
    let postgres = TestApp::spawn(Engine::Postgres).await?;
    let lite = sqlite_schema(&AnyPool::connect(&sqlite.database_url()).await?).await?;
    let pg = postgres_schema(&AnyPool::connect(&postgres.database_url()).await?).await?;
    assert!(lite.columns.len() > 50, "the schema was read: {lite:?}");
    assert_eq!(lite.columns, pg.columns, "columns");
    assert_eq!(lite.primary_keys, pg.primary_keys, "primary keys");
    assert_eq!(lite.foreign_keys, pg.foreign_keys, "foreign keys");
    assert_eq!(lite.unique, pg.unique, "unique constraints");
    assert_eq!(lite.indexes, pg.indexes, "indexes");
    Ok(())
}
