//! The authoring studio's data: saving drafts under optimistic locking, moving versions through
//! review, the reviews themselves, and the answers item analysis reads.

use super::Db;
use super::audit::{AuditRecord, insert_audit};
use super::curriculum::{StoredVersion, encode, insert_themes, insert_version};
use crate::domain::authoring::analysis::ItemAnswer;
use crate::domain::authoring::review::{Review, ReviewDecision};
use crate::domain::authoring::studio::StudioVersion;
use crate::domain::authoring::workflow::Action;
use crate::domain::curriculum::module::{ModuleDefinition, VersionStatus};
use crate::domain::ids::{ModuleId, PersonId, VersionId};
use crate::domain::learning::step::Step;

/// A version with what the workflow needs to know about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VersionRecord {
    pub stored: StoredVersion,
    pub created_by: Option<PersonId>,
    pub created_at: i64,
    pub updated_at: Option<i64>,
    pub submitted_by: Option<PersonId>,
    pub published_at: Option<i64>,
    pub review_by: Option<i64>,
}

/// A move through the workflow, made only if the version is still as the person saw it.
#[derive(Clone, Debug)]
pub struct StatusChange<'a> {
    pub version: VersionId,
    pub action: Action,
    /// The status and revision the person acted on.
    pub seen: (VersionStatus, i64),
    pub by: PersonId,
    pub now_ms: i64,
    /// For publishing: when the version must next be reviewed.
    pub review_by: Option<i64>,
    /// For sign-off and sending back: the reviewer's comments.
    pub comments: &'a str,
    pub audit: &'a AuditRecord<'a>,
}

const RECORD_COLUMNS: &str =
    "v.created_by, v.created_at, v.updated_at, v.submitted_by, v.published_at, v.review_by";

/// A version's workflow facts, as `RECORD_COLUMNS` reads them.
#[derive(sqlx::FromRow)]
struct RecordRow {
    created_by: Option<i64>,
    created_at: i64,
    updated_at: Option<i64>,
    submitted_by: Option<i64>,
    published_at: Option<i64>,
    review_by: Option<i64>,
}

impl Db {
    /// A version with its workflow facts.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn version_record(&self, version: VersionId) -> Result<Option<VersionRecord>, sqlx::Error> {
        let Some(stored) = self.version_by_id(version).await? else {
            return Ok(None);
        };
        let row: RecordRow =
            sqlx::query_as(&format!("SELECT {RECORD_COLUMNS} FROM module_versions v WHERE v.id = $1"))
                .bind(version.0)
                .fetch_one(&self.pool)
                .await?;
        Ok(Some(record_from(stored, row)))
    }

    /// Every version of every module, by module and number, as the studio lists them.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn studio_versions(&self) -> Result<Vec<StudioVersion>, sqlx::Error> {
        let rows: Vec<StudioRow> = sqlx::query_as(
            "SELECT v.id, m.slug, v.title, v.number, v.status, v.created_by, v.submitted_by, v.review_by \
             FROM module_versions v JOIN modules m ON m.id = v.module_id ORDER BY m.slug, v.number",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|row| {
                let status = VersionStatus::parse(&row.status).ok_or_else(|| {
                    sqlx::Error::Decode(format!("unknown version status {:?}", row.status).into())
                })?;
                Ok(StudioVersion {
                    id: VersionId(row.id),
                    slug: row.slug,
                    title: row.title,
                    number: row.number,
                    status,
                    created_by: row.created_by.map(PersonId),
                    submitted_by: row.submitted_by.map(PersonId),
                    review_by: row.review_by,
                })
            })
            .collect()
    }

    /// Whether the module has a draft or a version in review.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn module_has_open_version(&self, module: ModuleId) -> Result<bool, sqlx::Error> {
        let open: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM module_versions WHERE module_id = $1 AND status IN ('draft', 'in_review')",
        )
        .bind(module.0)
        .fetch_one(&self.pool)
        .await?;
        Ok(open > 0)
    }

    /// Saves a draft's content if nobody has saved it since `revision`; returns the new revision,
    /// or `None` when someone else saved first (or it is no longer a draft).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn save_draft(
        &self,
        version: VersionId,
        revision: i64,
        definition: &ModuleDefinition,
        by: PersonId,
        now_ms: i64,
    ) -> Result<Option<i64>, sqlx::Error> {
        let mut tx = self.begin().await?;
        let saved = sqlx::query(
            "UPDATE module_versions SET content = $1, title = $2, summary = $3, estimated_minutes = $4, \
             revision = revision + 1, updated_at = $5, updated_by = $6 \
             WHERE id = $7 AND revision = $8 AND status = 'draft'",
        )
        .bind(encode(definition)?)
        .bind(&definition.title)
        .bind(&definition.summary)
        .bind(i64::from(definition.estimated_minutes))
        .bind(now_ms)
        .bind(by.0)
        .bind(version.0)
        .bind(revision)
        .execute(&mut *tx)
        .await?;
        if saved.rows_affected() != 1 {
            return Ok(None);
        }
        sqlx::query("DELETE FROM module_version_themes WHERE version_id = $1")
            .bind(version.0)
            .execute(&mut *tx)
            .await?;
        insert_themes(&mut tx, version, &definition.themes).await?;
        tx.commit().await?;
        Ok(Some(revision + 1))
    }

    /// Moves a version on (or records a review), if it is still as the person saw it; `false`
    /// when it changed meanwhile.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn change_status(&self, change: &StatusChange<'_>) -> Result<bool, sqlx::Error> {
        let mut tx = self.begin().await?;
        #[derive(sqlx::FromRow)]
        struct Row {
            status: String,
            revision: i64,
        }
        let now: Option<Row> = sqlx::query_as(&format!(
            "SELECT status, revision FROM module_versions WHERE id = $1{}",
            self.for_update()
        ))
        .bind(change.version.0)
        .fetch_optional(&mut *tx)
        .await?;
        let (seen_status, seen_revision) = change.seen;
        if !now.is_some_and(|now| now.status == seen_status.code() && now.revision == seen_revision) {
            return Ok(false);
        }
        let (id, now, by) = (change.version.0, change.now_ms, change.by.0);
        let moved = match change.action {
            Action::SendForReview => Some(
                sqlx::query("UPDATE module_versions SET status = 'in_review', submitted_at = $1, submitted_by = $2 WHERE id = $3")
                    .bind(now)
                    .bind(by),
            ),
            Action::RequestChanges => Some(sqlx::query(
                "UPDATE module_versions SET status = 'draft', submitted_at = NULL, submitted_by = NULL WHERE id = $1",
            )),
            Action::Publish => Some(
                sqlx::query(
                    "UPDATE module_versions SET status = 'published', published_at = $1, published_by = $2, \
                     review_by = $3 WHERE id = $4",
                )
                .bind(now)
                .bind(by)
                .bind(change.review_by),
            ),
            Action::Retire => {
                Some(sqlx::query("UPDATE module_versions SET status = 'retired', retired_at = $1 WHERE id = $2").bind(now))
            }
            Action::SignOff | Action::Edit | Action::NewDraft => None,
        };
        if let Some(query) = moved {
            query.bind(id).execute(&mut *tx).await?;
        }
        if let Some(decision) = ReviewDecision::of(change.action) {
            sqlx::query(
                "INSERT INTO version_reviews (version_id, reviewer_id, decision, comments, revision, decided_at) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(change.version.0)
            .bind(change.by.0)
            .bind(decision.code())
            .bind(change.comments)
            .bind(change.seen.1)
            .bind(change.now_ms)
            .execute(&mut *tx)
            .await?;
        }
        insert_audit(&mut tx, change.audit, change.now_ms).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Starts the module's next version as a draft copy of `from`, unless it already has a draft or
    /// a version in review. Returns the new version and its number.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn new_draft_from(
        &self,
        from: &StoredVersion,
        by: PersonId,
        audit: &AuditRecord<'_>,
        now_ms: i64,
    ) -> Result<Option<(VersionId, i64)>, sqlx::Error> {
        let mut tx = self.begin().await?;
        let open: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM module_versions WHERE module_id = $1 AND status IN ('draft', 'in_review')",
        )
        .bind(from.summary.module.0)
        .fetch_one(&mut *tx)
        .await?;
        if open > 0 {
            return Ok(None);
        }
        let created = insert_version(
            &mut tx,
            from.summary.module,
            &from.definition,
            VersionStatus::Draft,
            Some(by),
            now_ms,
        )
        .await?;
        insert_audit(&mut tx, audit, now_ms).await?;
        tx.commit().await?;
        Ok(Some(created))
    }

    /// The reviews of a version, oldest first, with the reviewers' names.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn reviews_of(&self, version: VersionId) -> Result<Vec<Review>, sqlx::Error> {
        let rows: Vec<ReviewRow> = sqlx::query_as(
            "SELECT r.reviewer_id, p.full_name AS reviewer_name, r.decision, r.comments, r.revision, r.decided_at \
             FROM version_reviews r JOIN people p ON p.id = r.reviewer_id WHERE r.version_id = $1 ORDER BY r.id",
        )
        .bind(version.0)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(review_from).collect()
    }

    /// Every answer to the knowledge items of a version, pre- and post-test.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn item_answers(&self, version: VersionId) -> Result<Vec<ItemAnswer>, sqlx::Error> {
        let rows: Vec<AnswerRow> = sqlx::query_as(
            "SELECT attempt_id, step, answer, correct, certainty FROM responses \
             WHERE version_id = $1 AND kind IN ('pre_item', 'post_item') ORDER BY id",
        )
        .bind(version.0)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .filter_map(|row| {
                let (item, before) = match Step::parse(&row.step)? {
                    Step::Pre(item) => (item, true),
                    Step::Post(item) => (item, false),
                    _ => return None,
                };
                Some(ItemAnswer {
                    sitting: (row.attempt_id, before),
                    item,
                    option: row.answer?,
                    correct: row.correct? == 1,
                    certainty: row.certainty?,
                })
            })
            .collect())
    }

    /// Every choice made at a decision of a version.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn decision_choices(&self, version: VersionId) -> Result<Vec<DecisionChoice>, sqlx::Error> {
        #[derive(sqlx::FromRow)]
        struct Row {
            step: String,
            answer: Option<String>,
        }
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT step, answer FROM responses WHERE version_id = $1 AND kind = 'decision' ORDER BY id",
        )
        .bind(version.0)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .filter_map(|row| match Step::parse(&row.step)? {
                Step::Case { case, node } => Some(DecisionChoice { case, node, option: row.answer? }),
                _ => None,
            })
            .collect())
    }
}

/// One choice at a decision: the case, the decision's node and the option chosen.
pub struct DecisionChoice {
    pub case: String,
    pub node: String,
    pub option: String,
}

/// A review of a version with the reviewer's name.
#[derive(sqlx::FromRow)]
struct ReviewRow {
    reviewer_id: i64,
    reviewer_name: String,
    decision: String,
    comments: String,
    revision: i64,
    decided_at: i64,
}

fn review_from(row: ReviewRow) -> Result<Review, sqlx::Error> {
    let decision = ReviewDecision::parse(&row.decision)
        .ok_or_else(|| sqlx::Error::Decode(format!("unknown review decision {:?}", row.decision).into()))?;
    Ok(Review {
        reviewer: PersonId(row.reviewer_id),
        reviewer_name: row.reviewer_name,
        decision,
        comments: row.comments,
        revision: row.revision,
        decided_at: row.decided_at,
    })
}

fn record_from(stored: StoredVersion, row: RecordRow) -> VersionRecord {
    VersionRecord {
        stored,
        created_by: row.created_by.map(PersonId),
        created_at: row.created_at,
        updated_at: row.updated_at,
        submitted_by: row.submitted_by.map(PersonId),
        published_at: row.published_at,
        review_by: row.review_by,
    }
}

/// A version as the studio lists it.
#[derive(sqlx::FromRow)]
struct StudioRow {
    id: i64,
    slug: String,
    title: String,
    number: i64,
    status: String,
    created_by: Option<i64>,
    submitted_by: Option<i64>,
    review_by: Option<i64>,
}

/// One answer to a knowledge item: `correct` and `certainty` are absent where it was not marked.
#[derive(sqlx::FromRow)]
struct AnswerRow {
    attempt_id: i64,
    step: String,
    answer: Option<String>,
    correct: Option<i64>,
    certainty: Option<i64>,
}
