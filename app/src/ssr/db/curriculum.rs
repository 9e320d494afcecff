//! Modules and their versions. A version's content is stored as the JSON of its validated module
//! definition; the themes it is tagged with are also kept in their own table, for filtering.

use sqlx::{Any, Transaction};

use super::Db;
use super::audit::{AuditRecord, insert_audit};
use crate::domain::curriculum::module::{ModuleDefinition, VersionStatus, VersionSummary};
use crate::domain::ids::{ModuleId, PersonId, VersionId};

/// A version as stored, with its content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredVersion {
    pub summary: VersionSummary,
    pub definition: ModuleDefinition,
    pub revision: i64,
}

pub(super) fn encode(definition: &ModuleDefinition) -> Result<String, sqlx::Error> {
    serde_json::to_string(definition).map_err(|e| sqlx::Error::Encode(Box::new(e)))
}

pub(super) fn decode(content: &str) -> Result<ModuleDefinition, sqlx::Error> {
    serde_json::from_str(content).map_err(|e| sqlx::Error::Decode(Box::new(e)))
}

fn status(code: &str) -> Result<VersionStatus, sqlx::Error> {
    VersionStatus::parse(code)
        .ok_or_else(|| sqlx::Error::Decode(format!("unknown version status {code:?}").into()))
}

/// A version's summary, as `VERSION_COLUMNS` selects it.
#[derive(sqlx::FromRow)]
struct VersionRow {
    module_id: i64,
    slug: String,
    version_id: i64,
    number: i64,
    status: String,
    title: String,
    estimated_minutes: i64,
}

const VERSION_COLUMNS: &str =
    "m.id AS module_id, m.slug, v.id AS version_id, v.number, v.status, v.title, v.estimated_minutes";

/// A theme or recommendation of the review as the themes table holds it.
#[derive(sqlx::FromRow, Debug, PartialEq, Eq)]
pub struct StoredTheme {
    pub code: String,
    /// `theme` or `recommendation`.
    pub kind: String,
    pub title: String,
}

impl Db {
    /// The themes and recommendations as the database holds them, in order.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn themes(&self) -> Result<Vec<StoredTheme>, sqlx::Error> {
        sqlx::query_as("SELECT code, kind, title FROM themes ORDER BY position").fetch_all(&self.pool).await
    }

    /// Whether any module has been stored (the first curriculum is only loaded into an empty one).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn has_modules(&self) -> Result<bool, sqlx::Error> {
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM modules").fetch_one(&self.pool).await?;
        Ok(count > 0)
    }

    /// Stores a definition as the next version of its module (creating the module for a new slug),
    /// with its audit event, in one transaction. Returns the version's id and number.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn store_module_version(
        &self,
        definition: &ModuleDefinition,
        status: VersionStatus,
        actor: Option<PersonId>,
        audit: &AuditRecord<'_>,
        now_ms: i64,
    ) -> Result<(VersionId, i64), sqlx::Error> {
        let mut tx = self.begin().await?;
        let existing: Option<i64> = sqlx::query_scalar("SELECT id FROM modules WHERE slug = $1")
            .bind(&definition.slug)
            .fetch_optional(&mut *tx)
            .await?;
        let module = match existing {
            Some(id) => ModuleId(id),
            None => ModuleId(
                sqlx::query_scalar(
                    "INSERT INTO modules (slug, created_at, created_by) VALUES ($1, $2, $3) RETURNING id",
                )
                .bind(&definition.slug)
                .bind(now_ms)
                .bind(actor.map(|p| p.0))
                .fetch_one(&mut *tx)
                .await?,
            ),
        };
        let created = insert_version(&mut tx, module, definition, status, actor, now_ms).await?;
        insert_audit(&mut tx, audit, now_ms).await?;
        tx.commit().await?;
        Ok(created)
    }

    /// Every version of every module, by module slug and version number.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn module_versions(&self) -> Result<Vec<VersionSummary>, sqlx::Error> {
        self.versions_where("TRUE", "m.slug, v.number").await
    }

    /// The modules learners can take: the latest published version of each, by title.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn published_modules(&self) -> Result<Vec<VersionSummary>, sqlx::Error> {
        self.versions_where(LATEST_PUBLISHED, "v.title, m.slug").await
    }

    async fn versions_where(&self, condition: &str, order: &str) -> Result<Vec<VersionSummary>, sqlx::Error> {
        let mut conn = self.pool.acquire().await?;
        let rows: Vec<VersionRow> = sqlx::query_as(&format!(
            "SELECT {VERSION_COLUMNS} FROM module_versions v JOIN modules m ON m.id = v.module_id \
             WHERE {condition} ORDER BY {order}"
        ))
        .fetch_all(&mut *conn)
        .await?;
        #[derive(sqlx::FromRow)]
        struct ThemeRow {
            version_id: i64,
            theme_code: String,
        }
        let themes: Vec<ThemeRow> =
            sqlx::query_as("SELECT version_id, theme_code FROM module_version_themes ORDER BY theme_code")
                .fetch_all(&mut *conn)
                .await?;
        rows.into_iter()
            .map(|row| {
                let mut summary = summary_from(row)?;
                summary.themes = themes
                    .iter()
                    .filter(|t| t.version_id == summary.version.0)
                    .map(|t| t.theme_code.clone())
                    .collect();
                Ok(summary)
            })
            .collect()
    }

    /// A version of a module by slug: the given number, or the latest.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn module_version(
        &self,
        slug: &str,
        number: Option<i64>,
    ) -> Result<Option<StoredVersion>, sqlx::Error> {
        let query = format!(
            "SELECT {STORED_COLUMNS} FROM module_versions v JOIN modules m ON m.id = v.module_id \
             WHERE m.slug = $1 AND ($2 = 0 OR v.number = $2) ORDER BY v.number DESC LIMIT 1"
        );
        let row =
            sqlx::query_as(&query).bind(slug).bind(number.unwrap_or(0)).fetch_optional(&self.pool).await?;
        row.map(stored_from).transpose()
    }

    /// The latest published version of a module, by slug: the one a new attempt takes.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn published_version(&self, slug: &str) -> Result<Option<StoredVersion>, sqlx::Error> {
        let query = format!(
            "SELECT {STORED_COLUMNS} FROM module_versions v JOIN modules m ON m.id = v.module_id \
             WHERE m.slug = $1 AND {LATEST_PUBLISHED}"
        );
        let row = sqlx::query_as(&query).bind(slug).fetch_optional(&self.pool).await?;
        row.map(stored_from).transpose()
    }

    /// A version by its id, whatever its status: an attempt keeps the version it started on.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn version_by_id(&self, version: VersionId) -> Result<Option<StoredVersion>, sqlx::Error> {
        let query = format!(
            "SELECT {STORED_COLUMNS} FROM module_versions v JOIN modules m ON m.id = v.module_id WHERE v.id = $1"
        );
        let row = sqlx::query_as(&query).bind(version.0).fetch_optional(&self.pool).await?;
        row.map(stored_from).transpose()
    }
}

/// Inserts `definition` as the module's next version, with its themes. Returns its id and number.
pub(super) async fn insert_version(
    tx: &mut Transaction<'static, Any>,
    module: ModuleId,
    definition: &ModuleDefinition,
    status: VersionStatus,
    actor: Option<PersonId>,
    now_ms: i64,
) -> Result<(VersionId, i64), sqlx::Error> {
    let number: i64 =
        sqlx::query_scalar("SELECT COALESCE(MAX(number), 0) + 1 FROM module_versions WHERE module_id = $1")
            .bind(module.0)
            .fetch_one(&mut **tx)
            .await?;
    let published = (status == VersionStatus::Published).then_some(now_ms);
    let version: i64 = sqlx::query_scalar(
        "INSERT INTO module_versions (module_id, number, status, title, summary, estimated_minutes, content, \
         revision, created_at, created_by, published_at, published_by, review_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $9, $10, $11, $12) RETURNING id",
    )
    .bind(module.0)
    .bind(number)
    .bind(status.code())
    .bind(&definition.title)
    .bind(&definition.summary)
    .bind(i64::from(definition.estimated_minutes))
    .bind(encode(definition)?)
    .bind(now_ms)
    .bind(actor.map(|p| p.0))
    .bind(published)
    .bind(published.and(actor.map(|p| p.0)))
    .bind(published.map(default_review_by))
    .fetch_one(&mut **tx)
    .await?;
    insert_themes(tx, VersionId(version), &definition.themes).await?;
    Ok((VersionId(version), number))
}

/// Every published version has a date by which it must be reviewed again: one imported as
/// published gets the default, a year on.
fn default_review_by(published_at: i64) -> i64 {
    crate::domain::authoring::review::review_date("", published_at).unwrap_or(published_at)
}

/// Tags a version with its themes, for filtering the catalogue.
pub(super) async fn insert_themes(
    tx: &mut Transaction<'static, Any>,
    version: VersionId,
    themes: &[String],
) -> Result<(), sqlx::Error> {
    for theme in themes {
        sqlx::query("INSERT INTO module_version_themes (version_id, theme_code) VALUES ($1, $2)")
            .bind(version.0)
            .bind(theme)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// The condition that picks each module's latest published version (`v` is the version).
const LATEST_PUBLISHED: &str = "v.status = 'published' AND v.number = (SELECT MAX(w.number) \
                                FROM module_versions w WHERE w.module_id = v.module_id AND w.status = 'published')";

/// A whole stored version, as `STORED_COLUMNS` selects it: its summary, the module file's content
/// and the draft's revision.
#[derive(sqlx::FromRow)]
struct StoredRow {
    #[sqlx(flatten)]
    summary: VersionRow,
    content: String,
    revision: i64,
}

const STORED_COLUMNS: &str = "m.id AS module_id, m.slug, v.id AS version_id, v.number, v.status, v.title, \
                              v.estimated_minutes, v.content, v.revision";

fn stored_from(row: StoredRow) -> Result<StoredVersion, sqlx::Error> {
    let definition = decode(&row.content)?;
    let mut summary = summary_from(row.summary)?;
    summary.themes = definition.themes.clone();
    Ok(StoredVersion { summary, definition, revision: row.revision })
}

fn summary_from(row: VersionRow) -> Result<VersionSummary, sqlx::Error> {
    Ok(VersionSummary {
        module: ModuleId(row.module_id),
        slug: row.slug,
        version: VersionId(row.version_id),
        number: row.number,
        status: status(&row.status)?,
        title: row.title,
        estimated_minutes: row.estimated_minutes,
        themes: Vec::new(),
    })
}
