//! The reports' data: the per-attempt theme summaries written when an attempt finishes, and the
//! aggregates the dashboards read, always for one region (or every region, for admins) and a date
//! range. Counts here are exact; disclosure control is applied after, in `domain::reports`.
//! A region's whole history is read from its kept totals (`region_totals`), the same sums; a date
//! range or every region from the kept months (`month_totals`).

use sqlx::{Any, Transaction};

use super::Db;
use super::region_totals::{SittingSums, add_to_region_totals, bind_sitting};
use crate::domain::ids::{ModuleId, PersonId, PracticeId, RegionId};
use crate::domain::reports::record::ReportRecord;
use std::collections::BTreeMap;

use crate::domain::reports::build::{
    AttemptFact, AttitudeTotals, DecisionTotals, PracticeGains, ThemeTotals,
};
use crate::domain::reports::theme_scores::ThemeScore;

/// Which records a report covers: one region or all, and attempts started (or finished) in
/// `[from_ms, to_ms)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scope {
    pub region: Option<RegionId>,
    pub from_ms: i64,
    pub to_ms: i64,
    /// No dates were asked for: every record up to now is in scope.
    pub whole_history: bool,
}

/// The learning figures in a scope: by theme, practice, attitude statement and decision.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct LearningTotals {
    pub themes: Vec<ThemeTotals>,
    pub practices: BTreeMap<PracticeId, PracticeGains>,
    pub attitudes: Vec<AttitudeTotals>,
    pub decisions: Vec<DecisionTotals>,
}

/// Writes what a finished attempt adds to the reports (in the transaction that finishes it).
pub(super) async fn insert_report_record(
    tx: &mut Transaction<'static, Any>,
    attempt: i64,
    record: &ReportRecord,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    add_to_region_totals(tx, attempt, record).await?;
    insert_theme_scores(tx, attempt, &record.themes, now_ms).await?;
    for pair in &record.attitudes {
        sqlx::query(
            "INSERT INTO attempt_attitudes (attempt_id, module_id, person_id, statement_key, region_id, completed_at, \
             agreement_before, agreement_after) \
             SELECT id, module_id, person_id, $2, region_id, $3, $4, $5 FROM attempts WHERE id = $1",
        )
        .bind(attempt)
        .bind(&pair.statement)
        .bind(now_ms)
        .bind(pair.before)
        .bind(pair.after)
        .execute(&mut **tx)
        .await?;
    }
    for taken in &record.decisions {
        sqlx::query(
            "INSERT INTO attempt_decisions (attempt_id, module_id, person_id, case_key, node_key, option_key, rating, \
             region_id, completed_at) \
             SELECT id, module_id, person_id, $2, $3, $4, $5, region_id, $6 FROM attempts WHERE id = $1",
        )
        .bind(attempt)
        .bind(&taken.case)
        .bind(&taken.node)
        .bind(&taken.option)
        .bind(taken.rating.code())
        .bind(now_ms)
        .execute(&mut **tx)
        .await?;
    }
    if let Some((before, after)) = record.ambivalence {
        sqlx::query(
            "INSERT INTO attempt_ambivalence (attempt_id, module_id, person_id, region_id, completed_at, \
             positive_before, negative_before, positive_after, negative_after) \
             SELECT id, module_id, person_id, region_id, $2, $3, $4, $5, $6 FROM attempts WHERE id = $1",
        )
        .bind(attempt)
        .bind(now_ms)
        .bind(before.positive)
        .bind(before.negative)
        .bind(after.positive)
        .bind(after.negative)
        .execute(&mut **tx)
        .await?;
    }
    for outcome in &record.pairs {
        sqlx::query(
            "INSERT INTO attempt_pair_outcomes (attempt_id, module_id, person_id, region_id, completed_at, pair_key, \
             theme_code, consistent) \
             SELECT id, module_id, person_id, region_id, $2, $3, $4, $5 FROM attempts WHERE id = $1",
        )
        .bind(attempt)
        .bind(now_ms)
        .bind(&outcome.pair)
        .bind(&outcome.theme)
        .bind(i64::from(outcome.consistent))
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

async fn insert_theme_scores(
    tx: &mut Transaction<'static, Any>,
    attempt: i64,
    scores: &[ThemeScore],
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    for score in scores {
        let query = sqlx::query(
            "INSERT INTO attempt_theme_scores (attempt_id, theme_code, person_id, region_id, practice_id, \
             completed_at, pre_right, pre_answered, pre_sure_wrong, pre_certainty_right, pre_certainty_wrong, \
             post_right, post_answered, post_sure_wrong, post_certainty_right, post_certainty_wrong) \
             SELECT id, $2, person_id, region_id, practice_id, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13 \
             FROM attempts WHERE id = $1",
        )
        .bind(attempt)
        .bind(&score.theme)
        .bind(now_ms);
        bind_sitting(bind_sitting(query, &score.before), &score.after).execute(&mut **tx).await?;
    }
    Ok(())
}

/// `$1` is the region (0 for every region), `$2` and `$3` the range, on `column` of table `t`.
pub(super) fn in_scope(column: &str) -> String {
    format!("($1 = 0 OR t.region_id = $1) AND t.{column} >= $2 AND t.{column} < $3")
}

impl Db {
    /// Runs a report query whose `$1` to `$3` are the scope's region and date range.
    pub(super) async fn scoped<T>(&self, sql: &str, scope: Scope) -> Result<Vec<T>, sqlx::Error>
    where
        T: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
    {
        sqlx::query_as(sql)
            .bind(scope.region.map_or(0, |r| r.0))
            .bind(scope.from_ms)
            .bind(scope.to_ms)
            .fetch_all(&self.pool)
            .await
    }

    /// Learners registered at each practice of a region (or every region), not deactivated:
    /// (practice, learners), as the report's practice table takes them.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn registered_by_practice(
        &self,
        region: Option<RegionId>,
    ) -> Result<Vec<(PracticeId, i64)>, sqlx::Error> {
        #[derive(sqlx::FromRow)]
        struct Row {
            practice_id: PracticeId,
            learners: i64,
        }
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT pr.id AS practice_id, COUNT(*) AS learners \
             FROM people p JOIN role_grants g ON g.person_id = p.id AND g.role = 'learner' \
             JOIN practices pr ON pr.id = p.practice_id \
             WHERE p.deactivated_at IS NULL AND p.email_confirmed_at IS NOT NULL AND ($1 = 0 OR pr.region_id = $1) \
             GROUP BY pr.id",
        )
        .bind(region.map_or(0, |r| r.0))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|row| (row.practice_id, row.learners)).collect())
    }

    /// The learning figures in scope as the per-attempt summaries give them (each learner's answers
    /// pooled first; every region at once counts a learner who moved region once). A month's kept
    /// figures are made from these.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn summed_learning(&self, scope: Scope) -> Result<LearningTotals, sqlx::Error> {
        // Each a grouping over the scope's summaries, on its own pooled connection, so they overlap.
        let (themes, practices, attitudes, decisions) = tokio::try_join!(
            self.theme_totals(scope),
            self.practice_gains(scope),
            self.attitude_totals(scope),
            self.decision_totals(scope),
        )?;
        Ok(LearningTotals { themes, practices, attitudes, decisions })
    }

    /// A region's kept totals over its whole history.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn region_totals(&self, region: RegionId) -> Result<LearningTotals, sqlx::Error> {
        let (themes, practices, attitudes, decisions) = tokio::try_join!(
            self.in_region::<ThemeTotalsRow>(
                "SELECT theme_code, learners, share_right_before, share_right_after, gain, gain_squared, pre_right, \
                 pre_answered, pre_sure_wrong, pre_certainty_right, pre_certainty_wrong, post_right, post_answered, \
                 post_sure_wrong, post_certainty_right, post_certainty_wrong FROM region_theme_totals \
                 WHERE region_id = $1 AND learners > 0 ORDER BY theme_code",
                region,
            ),
            self.in_region::<PracticeGainsRow>(
                "SELECT practice_id, learners, gain FROM region_practice_gains WHERE region_id = $1 AND learners > 0",
                region,
            ),
            self.in_region::<AttitudeRow>(
                "SELECT module_id, statement_key, learners, pairs, agreement_before, agreement_after, shift, \
                 shift_squared FROM region_attitude_totals WHERE region_id = $1 ORDER BY module_id, statement_key",
                region,
            ),
            self.in_region::<DecisionRow>(
                "SELECT module_id, case_key, node_key, learners, taken, poor_or_unsafe FROM region_decision_totals \
                 WHERE region_id = $1 ORDER BY module_id, case_key, node_key",
                region,
            ),
        )?;
        Ok(LearningTotals {
            themes: themes.into_iter().map(theme_totals).collect(),
            practices: practices.into_iter().filter_map(practice_gains).collect(),
            attitudes: attitudes.into_iter().map(attitude_totals).collect(),
            decisions: decisions.into_iter().map(decision_totals).collect(),
        })
    }

    /// Runs a query of a region's kept totals, whose `$1` is the region.
    async fn in_region<T>(&self, sql: &str, region: RegionId) -> Result<Vec<T>, sqlx::Error>
    where
        T: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
    {
        sqlx::query_as(sql).bind(region.0).fetch_all(&self.pool).await
    }

    /// Every attempt started in scope, with the minutes its certificate records if `minutes` (a
    /// month's refresh needs them; a region's whole history takes them from the kept months).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn attempt_facts(&self, scope: Scope, minutes: bool) -> Result<Vec<AttemptFact>, sqlx::Error> {
        let (spent, certificates) = if minutes {
            ("c.minutes_spent", "LEFT JOIN certificates c ON c.attempt_id = t.id")
        } else {
            ("CAST(NULL AS BIGINT) AS minutes_spent", "")
        };
        let sql = format!(
            "SELECT t.person_id, t.module_id, t.practice_id, t.started_at, t.completed_at, {spent} FROM attempts t \
             {certificates} WHERE {}",
            in_scope("started_at")
        );
        let rows: Vec<AttemptRow> = self.scoped(&sql, scope).await?;
        Ok(rows
            .into_iter()
            .map(|row| AttemptFact {
                person: row.person_id,
                module: row.module_id,
                practice: row.practice_id,
                started_at: row.started_at,
                completed_at: row.completed_at,
                minutes: row.minutes_spent,
            })
            .collect())
    }

    /// Agreement with each attitude statement before and after, over attempts finished in scope.
    async fn attitude_totals(&self, scope: Scope) -> Result<Vec<AttitudeTotals>, sqlx::Error> {
        let rows: Vec<AttitudeRow> = self.scoped(&format!(
            "SELECT t.module_id, t.statement_key, COUNT(DISTINCT t.person_id) AS learners, COUNT(*) AS pairs, \
             CAST(SUM(t.agreement_before) AS BIGINT) AS agreement_before, \
             CAST(SUM(t.agreement_after) AS BIGINT) AS agreement_after, \
             CAST(SUM(t.agreement_after - t.agreement_before) AS BIGINT) AS shift, \
             CAST(SUM((t.agreement_after - t.agreement_before) * (t.agreement_after - t.agreement_before)) AS BIGINT) \
             AS shift_squared \
             FROM attempt_attitudes t WHERE {} GROUP BY t.module_id, t.statement_key ORDER BY t.module_id, t.statement_key",
            in_scope("completed_at")
        ), scope).await?;
        Ok(rows.into_iter().map(attitude_totals).collect())
    }

    /// How often each decision was taken in scope, and how often with a poor or unsafe option.
    async fn decision_totals(&self, scope: Scope) -> Result<Vec<DecisionTotals>, sqlx::Error> {
        let rows: Vec<DecisionRow> = self
            .scoped(
                &format!(
                    "SELECT t.module_id, t.case_key, t.node_key, COUNT(DISTINCT t.person_id) AS learners, \
             COUNT(*) AS taken, CAST(SUM(CASE WHEN t.rating IN ('poor', 'unsafe') THEN 1 ELSE 0 END) AS BIGINT) \
             AS poor_or_unsafe \
             FROM attempt_decisions t WHERE {} GROUP BY t.module_id, t.case_key, t.node_key \
             ORDER BY t.module_id, t.case_key, t.node_key",
                    in_scope("completed_at")
                ),
                scope,
            )
            .await?;
        Ok(rows.into_iter().map(decision_totals).collect())
    }

    /// Each theme's totals over the learners with answers both before and after the cases, each
    /// learner's attempts added up first (the inner query), so only a row per theme leaves the
    /// database.
    async fn theme_totals(&self, scope: Scope) -> Result<Vec<ThemeTotals>, sqlx::Error> {
        let sum = |column: &str| format!("CAST(SUM({column}) AS BIGINT)");
        let share =
            |right: &str, answered: &str| format!("CAST(SUM({right}) AS DOUBLE PRECISION) / SUM({answered})");
        let sitting = |p: &str| {
            ["right", "answered", "sure_wrong", "certainty_right", "certainty_wrong"]
                .map(|c| format!("{} AS {p}_{c}", sum(&format!("t.{p}_{c}"))))
                .join(", ")
        };
        let outer = |p: &str| {
            ["right", "answered", "sure_wrong", "certainty_right", "certainty_wrong"]
                .map(|c| format!("{} AS {p}_{c}", sum(&format!("l.{p}_{c}"))))
                .join(", ")
        };
        let sql = format!(
            "SELECT l.theme_code, COUNT(*) AS learners, SUM(l.before_share) AS share_right_before, \
             SUM(l.after_share) AS share_right_after, SUM(l.after_share - l.before_share) AS gain, \
             SUM((l.after_share - l.before_share) * (l.after_share - l.before_share)) AS gain_squared, \
             {}, {} FROM (SELECT t.theme_code, {} AS before_share, {} AS after_share, {}, {} \
             FROM attempt_theme_scores t WHERE {} GROUP BY t.theme_code, t.person_id \
             HAVING SUM(t.pre_answered) > 0 AND SUM(t.post_answered) > 0) l GROUP BY l.theme_code ORDER BY l.theme_code",
            outer("pre"),
            outer("post"),
            share("t.pre_right", "t.pre_answered"),
            share("t.post_right", "t.post_answered"),
            sitting("pre"),
            sitting("post"),
            in_scope("completed_at")
        );
        let rows: Vec<ThemeTotalsRow> = self.scoped(&sql, scope).await?;
        Ok(rows.into_iter().map(theme_totals).collect())
    }

    /// Each practice's learners with answers before and after the cases, and the sum of their
    /// gains over every theme's items together.
    async fn practice_gains(&self, scope: Scope) -> Result<BTreeMap<PracticeId, PracticeGains>, sqlx::Error> {
        let rows: Vec<PracticeGainsRow> = self
            .scoped(
                &format!(
                    "SELECT l.practice_id, COUNT(*) AS learners, SUM(l.gain) AS gain FROM (SELECT MAX(t.practice_id) AS practice_id, \
                     CAST(SUM(t.post_right) AS DOUBLE PRECISION) / SUM(t.post_answered) \
                     - CAST(SUM(t.pre_right) AS DOUBLE PRECISION) / SUM(t.pre_answered) AS gain \
                     FROM attempt_theme_scores t WHERE {} GROUP BY t.person_id \
                     HAVING SUM(t.pre_answered) > 0 AND SUM(t.post_answered) > 0) l GROUP BY l.practice_id",
                    in_scope("completed_at")
                ),
                scope,
            )
            .await?;
        Ok(rows.into_iter().filter_map(practice_gains).collect())
    }
}

/// An attitude statement's totals: learners, before-and-after pairs, and the sums of the agreement
/// before and after, of the shift and of its square.
#[derive(sqlx::FromRow)]
pub(super) struct AttitudeRow {
    module_id: ModuleId,
    statement_key: String,
    learners: i64,
    pairs: i64,
    agreement_before: i64,
    agreement_after: i64,
    shift: i64,
    shift_squared: i64,
}

pub(super) fn attitude_totals(row: AttitudeRow) -> AttitudeTotals {
    AttitudeTotals {
        module: row.module_id,
        statement: row.statement_key,
        learners: row.learners,
        pairs: row.pairs,
        before: row.agreement_before,
        after: row.agreement_after,
        shift: row.shift,
        shift_squared: row.shift_squared,
    }
}

/// A decision's totals: learners, times taken, and times with a poor or unsafe option.
#[derive(sqlx::FromRow)]
pub(super) struct DecisionRow {
    module_id: ModuleId,
    case_key: String,
    node_key: String,
    learners: i64,
    taken: i64,
    poor_or_unsafe: i64,
}

pub(super) fn decision_totals(row: DecisionRow) -> DecisionTotals {
    DecisionTotals {
        module: row.module_id,
        case: row.case_key,
        node: row.node_key,
        learners: row.learners,
        taken: row.taken,
        poor_or_unsafe: row.poor_or_unsafe,
    }
}

/// An attempt started in scope, with the minutes its certificate records.
#[derive(sqlx::FromRow)]
struct AttemptRow {
    person_id: PersonId,
    module_id: ModuleId,
    practice_id: Option<PracticeId>,
    started_at: i64,
    completed_at: Option<i64>,
    minutes_spent: Option<i64>,
}

/// A theme's totals: learners, the sums of their shares right before and after, of their gains
/// and the gains' squares, and the ten sums of [`insert_theme_scores`].
#[derive(sqlx::FromRow)]
pub(super) struct ThemeTotalsRow {
    theme_code: String,
    learners: i64,
    share_right_before: f64,
    share_right_after: f64,
    gain: f64,
    gain_squared: f64,
    #[sqlx(flatten)]
    sums: SittingSums,
}

pub(super) fn theme_totals(row: ThemeTotalsRow) -> ThemeTotals {
    ThemeTotals {
        before: row.sums.before(),
        after: row.sums.after(),
        theme: row.theme_code,
        learners: row.learners,
        share_right_before: row.share_right_before,
        share_right_after: row.share_right_after,
        gain: row.gain,
        gain_squared: row.gain_squared,
    }
}

/// A practice's learners with answers before and after, and the sum of their gains.
#[derive(sqlx::FromRow)]
pub(super) struct PracticeGainsRow {
    practice_id: Option<PracticeId>,
    learners: i64,
    gain: f64,
}

/// A practice's gains, keyed by the practice (learners at no practice are in no practice's row).
pub(super) fn practice_gains(row: PracticeGainsRow) -> Option<(PracticeId, PracticeGains)> {
    Some((row.practice_id?, PracticeGains { learners: row.learners, gain: row.gain }))
}
