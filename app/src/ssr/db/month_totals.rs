//! Reports by month (migration 0020). For every region, and for every region together (scope 0),
//! each month (`YYYY-MM`, UK time) keeps what a report adds up: uptake by the month attempts were
//! started (overall, by module, by practice, with the minutes finished attempts took), and learning
//! by the month they were finished (themes, practices' gains, attitudes, decisions, mixed feelings,
//! matched pairs). A date range, or every region at once, adds up its months' rows instead of every
//! attempt's; a learner counts once in each month they took part.
//!
//! A month is made afresh from the per-attempt records, which stay the record: the transactions
//! that start and finish attempts mark their months due, and each app server's worker refreshes due
//! months (reading the records without holding SQLite's write lock, then replacing the month's rows
//! in one short transaction). A claim with a lease keeps two servers off one month; a month marked
//! again while it was being refreshed stays due, so its rows always catch up with its records.

use std::collections::BTreeMap;

use sqlx::{Any, Transaction};

use super::report_ambivalence::AmbivalenceRow;
use super::report_pairs::PairTotalsRow;
use super::reports::{
    AttitudeRow, DecisionRow, LearningTotals, PracticeGainsRow, Scope, ThemeTotalsRow, attitude_totals,
    decision_totals, practice_gains, theme_totals,
};
use super::{Db, Engine};
use crate::domain::ids::{ModuleId, PracticeId, RegionId};
use crate::domain::reports::ambivalence::AmbivalenceTotals;

use crate::domain::reports::pairs::PairTotals;
use crate::domain::reports::prescribing::{month_index, month_text};
use crate::domain::reports::uptake::{Counts, Uptake};
use crate::domain::time::{format_iso_date, parse_uk_date_start};

type Tx = Transaction<'static, Any>;

/// Every region together.
pub const ALL_REGIONS: i64 = 0;

/// What a report reads from the kept months of a range (or makes for one month from the records).
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct MonthFigures {
    pub uptake: Uptake,
    pub learning: LearningTotals,
    pub ambivalence: Vec<AmbivalenceTotals>,
    pub pairs: Vec<PairTotals>,
}

/// A month due for a refresh, as this server claimed it.
struct Claimed {
    scope: i64,
    month: String,
    version: i64,
    lease: i64,
}

/// The month (`YYYY-MM`, UK time) an instant falls in.
pub fn month_of(ms: i64) -> String {
    format_iso_date(ms)[..7].to_owned()
}

/// The instants a month (`YYYY-MM`) starts and ends, in UK time.
pub fn month_bounds(month: &str) -> Option<(i64, i64)> {
    let next = month_text(month_index(month)? + 1);
    Some((
        parse_uk_date_start(&format!("{month}-01")).ok()?,
        parse_uk_date_start(&format!("{next}-01")).ok()?,
    ))
}

/// Marks the months of an attempt due (the month it was started and, once finished, the month it
/// was finished), for its region and for every region together. In the caller's transaction.
pub(super) async fn mark_attempt_months(tx: &mut Tx, attempt: i64) -> Result<(), sqlx::Error> {
    let (region, started, completed): (Option<i64>, i64, Option<i64>) =
        sqlx::query_as("SELECT region_id, started_at, completed_at FROM attempts WHERE id = $1")
            .bind(attempt)
            .fetch_one(&mut **tx)
            .await?;
    let mut months = vec![month_of(started)];
    months.extend(completed.map(month_of));
    months.dedup();
    for scope in region.into_iter().chain([ALL_REGIONS]) {
        for month in &months {
            mark_due(tx, scope, month).await?;
        }
    }
    Ok(())
}

/// Marks one month of a scope due, raising its version if it is due already.
async fn mark_due(tx: &mut Tx, scope: i64, month: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO month_totals_due (scope_id, month, version) VALUES ($1, $2, 1) \
         ON CONFLICT (scope_id, month) DO UPDATE SET version = month_totals_due.version + 1",
    )
    .bind(scope)
    .bind(month)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

impl Db {
    /// Marks every month from `first` to `last` due, for each of `regions` and every region
    /// together (after records are written in bulk, as the generator does).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn mark_months_due(
        &self,
        regions: &[RegionId],
        first: &str,
        last: &str,
    ) -> Result<(), sqlx::Error> {
        let (Some(first), Some(last)) = (month_index(first), month_index(last)) else { return Ok(()) };
        let mut tx = self.begin().await?;
        for scope in regions.iter().map(|r| r.0).chain([ALL_REGIONS]) {
            for month in first..=last {
                mark_due(&mut tx, scope, &month_text(month)).await?;
            }
        }
        tx.commit().await
    }

    /// Refreshes due months until none is left that another server does not hold; how many.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn refresh_due_months(&self, now_ms: i64, lease_ms: i64) -> Result<usize, sqlx::Error> {
        let mut refreshed = 0;
        while let Some(claimed) = self.claim_due_month(now_ms, now_ms + lease_ms).await? {
            self.refresh_month(&claimed).await?;
            refreshed += 1;
        }
        Ok(refreshed)
    }

    async fn claim_due_month(&self, now_ms: i64, lease: i64) -> Result<Option<Claimed>, sqlx::Error> {
        let skip_locked = match self.engine {
            Engine::Sqlite => "",
            Engine::Postgres => " FOR UPDATE SKIP LOCKED",
        };
        let row: Option<(i64, String, i64)> = sqlx::query_as(&format!(
            "UPDATE month_totals_due SET claimed_until = $1 WHERE (scope_id, month) = (\
             SELECT scope_id, month FROM month_totals_due WHERE claimed_until IS NULL OR claimed_until < $2 \
             ORDER BY month, scope_id LIMIT 1{skip_locked}) RETURNING scope_id, month, version"
        ))
        .bind(lease)
        .bind(now_ms)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|(scope, month, version)| Claimed { scope, month, version, lease }))
    }

    /// Makes one month afresh: its figures read from the records, then its rows replaced and the
    /// mark cleared (unless the month was marked again meanwhile) in one transaction.
    async fn refresh_month(&self, claimed: &Claimed) -> Result<(), sqlx::Error> {
        let Some((from_ms, to_ms)) = month_bounds(&claimed.month) else {
            return self.release(claimed, true).await;
        };
        let region = (claimed.scope != ALL_REGIONS).then_some(RegionId(claimed.scope));
        let scope = Scope { region, from_ms, to_ms, whole_history: false };
        let figures = self.figures_from_records(scope).await?;
        let mut tx = self.begin().await?;
        // Still ours? (Locks the mark, so a server that took the month over after a lapsed lease
        // and this one never write it at once.)
        let held = sqlx::query(
            "UPDATE month_totals_due SET claimed_until = $3 WHERE scope_id = $1 AND month = $2 AND claimed_until = $3",
        )
        .bind(claimed.scope)
        .bind(&claimed.month)
        .bind(claimed.lease)
        .execute(&mut *tx)
        .await?;
        if held.rows_affected() == 0 {
            return tx.rollback().await;
        }
        replace_month(&mut tx, claimed, &figures).await?;
        tx.commit().await?;
        self.release(claimed, false).await
    }

    /// Clears a claimed month's mark if no one marked it since it was claimed, else frees it for
    /// the next refresh; `drop` clears it whatever (a month that cannot be read).
    async fn release(&self, claimed: &Claimed, drop: bool) -> Result<(), sqlx::Error> {
        let cleared = sqlx::query(
            "DELETE FROM month_totals_due WHERE scope_id = $1 AND month = $2 AND claimed_until = $3 \
             AND (version = $4 OR $5 = 1)",
        )
        .bind(claimed.scope)
        .bind(&claimed.month)
        .bind(claimed.lease)
        .bind(claimed.version)
        .bind(i64::from(drop))
        .execute(&self.pool)
        .await?;
        if cleared.rows_affected() == 0 {
            sqlx::query(
                "UPDATE month_totals_due SET claimed_until = NULL \
                 WHERE scope_id = $1 AND month = $2 AND claimed_until = $3",
            )
            .bind(claimed.scope)
            .bind(&claimed.month)
            .bind(claimed.lease)
            .execute(&self.pool)
            .await?;
        }
        Ok(())
    }

    /// A scope's figures as the per-attempt records give them: uptake of the attempts started in
    /// it, and the learning of those finished in it (each learner's answers pooled first).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn figures_from_records(&self, scope: Scope) -> Result<MonthFigures, sqlx::Error> {
        let (attempts, learning, ambivalence, pairs) = tokio::try_join!(
            self.attempt_facts(scope, true),
            self.summed_learning(scope),
            self.ambivalence_totals(scope),
            self.pair_totals(scope),
        )?;
        Ok(MonthFigures { uptake: Uptake::of_attempts(&attempts, month_of), learning, ambivalence, pairs })
    }

    /// The kept months from `first` to `last` (`YYYY-MM`) of a scope (a region, or every region
    /// together), added up.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn month_figures(
        &self,
        region: Option<RegionId>,
        first: &str,
        last: &str,
    ) -> Result<MonthFigures, sqlx::Error> {
        let range = MonthRange { scope: region.map_or(ALL_REGIONS, |r| r.0), first, last };
        let (uptake, themes, practices, attitudes, decisions, ambivalence, pairs) = tokio::try_join!(
            self.months_uptake(&range),
            self.months_of::<ThemeTotalsRow>(&range, THEMES_READ),
            self.months_of::<PracticeGainsRow>(&range, PRACTICES_READ),
            self.months_of::<AttitudeRow>(&range, ATTITUDES_READ),
            self.months_of::<DecisionRow>(&range, DECISIONS_READ),
            self.months_of::<AmbivalenceRow>(&range, AMBIVALENCE_READ),
            self.months_of::<PairTotalsRow>(&range, PAIRS_READ),
        )?;
        Ok(MonthFigures {
            uptake,
            learning: LearningTotals {
                themes: themes.into_iter().map(theme_totals).collect(),
                practices: practices.into_iter().filter_map(practice_gains).collect(),
                attitudes: attitudes.into_iter().map(attitude_totals).collect(),
                decisions: decisions.into_iter().map(decision_totals).collect(),
            },
            ambivalence: ambivalence.into_iter().map(AmbivalenceTotals::from).collect(),
            pairs: pairs.into_iter().map(PairTotals::from).collect(),
        })
    }

    /// Rows of a month table in a range, added up by the query `sql` (`$1` scope, `$2` and `$3`
    /// the first and last month).
    async fn months_of<T>(&self, range: &MonthRange<'_>, sql: &str) -> Result<Vec<T>, sqlx::Error>
    where
        T: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
    {
        sqlx::query_as(sql).bind(range.scope).bind(range.first).bind(range.last).fetch_all(&self.pool).await
    }

    /// Uptake in a range: each month's overall row, and the modules' and practices' rows added up.
    async fn months_uptake(&self, range: &MonthRange<'_>) -> Result<Uptake, sqlx::Error> {
        let (rows, mut uptake) =
            tokio::try_join!(self.months_of::<UptakeRow>(range, UPTAKE_READ), self.months_minutes(range))?;
        for row in rows {
            let counts = row.counts();
            match (row.module_id, row.practice_id) {
                (0, 0) => {
                    uptake.overall.add(&counts);
                    uptake.by_month.entry(row.month).or_default().add(&counts);
                }
                (0, practice) => {
                    uptake.by_practice.entry(PracticeId(practice)).or_default().add(&counts);
                }
                (module, _) => uptake.by_module.entry(ModuleId(module)).or_default().add(&counts),
            }
        }
        Ok(uptake)
    }

    /// The minutes finished attempts took, overall, by month and by module, from the kept months
    /// from `first` to `last` of a scope (every other count left at nought). A region's exact
    /// uptake takes its minutes from here rather than joining every attempt to its certificate.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn months_minutes(&self, range: &MonthRange<'_>) -> Result<Uptake, sqlx::Error> {
        let mut uptake = Uptake::default();
        for row in self.months_of::<MinutesRow>(range, MINUTES_READ).await? {
            let into = match row.module_id {
                0 => uptake.by_month.entry(row.month).or_default(),
                module => uptake.by_module.entry(ModuleId(module)).or_default(),
            };
            *into.minutes.entry(row.minutes).or_default() += row.attempts;
        }
        let mut all = BTreeMap::new();
        for counts in uptake.by_month.values() {
            for (minutes, attempts) in &counts.minutes {
                *all.entry(*minutes).or_default() += attempts;
            }
        }
        uptake.overall.minutes = all;
        Ok(uptake)
    }
}

/// Which kept months a report adds up: a scope (a region, or every region together) and the first
/// and last month, `YYYY-MM`.
pub struct MonthRange<'a> {
    pub scope: i64,
    pub first: &'a str,
    pub last: &'a str,
}

/// Replaces a month's rows in every month table with `figures`.
async fn replace_month(tx: &mut Tx, claimed: &Claimed, figures: &MonthFigures) -> Result<(), sqlx::Error> {
    for table in MONTH_TABLES {
        sqlx::query(&format!("DELETE FROM {table} WHERE scope_id = $1 AND month = $2"))
            .bind(claimed.scope)
            .bind(&claimed.month)
            .execute(&mut **tx)
            .await?;
    }
    let at = (claimed.scope, claimed.month.as_str());
    write_uptake(tx, at, &figures.uptake).await?;
    write_learning(tx, at, &figures.learning).await?;
    for row in &figures.ambivalence {
        let sql = "INSERT INTO month_ambivalence (scope_id, month, module_id, learners, attempts, positive_before, \
                   negative_before, positive_after, negative_after, doubled_before, doubled_after, doubled_shift, \
                   doubled_shift_squared) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)";
        sqlx::query(sql)
            .bind(at.0)
            .bind(at.1)
            .bind(row.module)
            .bind(row.learners)
            .bind(row.attempts)
            .bind(row.positive_before)
            .bind(row.negative_before)
            .bind(row.positive_after)
            .bind(row.negative_after)
            .bind(row.doubled_before)
            .bind(row.doubled_after)
            .bind(row.doubled_shift)
            .bind(row.doubled_shift_squared)
            .execute(&mut **tx)
            .await?;
    }
    for row in &figures.pairs {
        sqlx::query(
            "INSERT INTO month_pair_totals (scope_id, month, theme_code, learners, met, inconsistent) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(at.0)
        .bind(at.1)
        .bind(&row.theme)
        .bind(row.learners)
        .bind(row.met)
        .bind(row.inconsistent)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

const MONTH_TABLES: [&str; 8] = [
    "month_uptake",
    "month_minutes",
    "month_theme_totals",
    "month_practice_gains",
    "month_attitude_totals",
    "month_decision_totals",
    "month_ambivalence",
    "month_pair_totals",
];

/// The month's overall row (if anything was started), each module's and each practice's, and the
/// minutes of the finished attempts overall and by module.
async fn write_uptake(tx: &mut Tx, at: (i64, &str), uptake: &Uptake) -> Result<(), sqlx::Error> {
    if uptake.overall.started == 0 {
        return Ok(());
    }
    let rows = [(0, 0, &uptake.overall)]
        .into_iter()
        .chain(uptake.by_module.iter().map(|(m, c)| (m.0, 0, c)))
        .chain(uptake.by_practice.iter().map(|(p, c)| (0, p.0, c)));
    for (module, practice, counts) in rows {
        sqlx::query(
            "INSERT INTO month_uptake (scope_id, month, module_id, practice_id, learners, completers, started, \
             completed, first_completed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(at.0)
        .bind(at.1)
        .bind(module)
        .bind(practice)
        .bind(counts.learners)
        .bind(counts.completers)
        .bind(counts.started)
        .bind(counts.completed)
        .bind(counts.first_completed_at)
        .execute(&mut **tx)
        .await?;
    }
    let histograms = [(0, &uptake.overall)].into_iter().chain(uptake.by_module.iter().map(|(m, c)| (m.0, c)));
    for (module, counts) in histograms {
        for (minutes, attempts) in &counts.minutes {
            sqlx::query(
                "INSERT INTO month_minutes (scope_id, month, module_id, minutes, attempts) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(at.0)
            .bind(at.1)
            .bind(module)
            .bind(minutes)
            .bind(attempts)
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}

async fn write_learning(tx: &mut Tx, at: (i64, &str), learning: &LearningTotals) -> Result<(), sqlx::Error> {
    for t in &learning.themes {
        let query = sqlx::query(
            "INSERT INTO month_theme_totals (scope_id, month, theme_code, learners, share_right_before, \
             share_right_after, gain, gain_squared, pre_right, pre_answered, pre_sure_wrong, pre_certainty_right, \
             pre_certainty_wrong, post_right, post_answered, post_sure_wrong, post_certainty_right, post_certainty_wrong) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)",
        )
        .bind(at.0)
        .bind(at.1)
        .bind(&t.theme)
        .bind(t.learners)
        .bind(t.share_right_before)
        .bind(t.share_right_after)
        .bind(t.gain)
        .bind(t.gain_squared);
        super::region_totals::bind_sitting(super::region_totals::bind_sitting(query, &t.before), &t.after)
            .execute(&mut **tx)
            .await?;
    }
    for (practice, gains) in &learning.practices {
        sqlx::query(
            "INSERT INTO month_practice_gains (scope_id, month, practice_id, learners, gain) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(at.0)
        .bind(at.1)
        .bind(*practice)
        .bind(gains.learners)
        .bind(gains.gain)
        .execute(&mut **tx)
        .await?;
    }
    for a in &learning.attitudes {
        sqlx::query(
            "INSERT INTO month_attitude_totals (scope_id, month, module_id, statement_key, learners, pairs, \
             agreement_before, agreement_after, shift, shift_squared) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(at.0)
        .bind(at.1)
        .bind(a.module)
        .bind(&a.statement)
        .bind(a.learners)
        .bind(a.pairs)
        .bind(a.before)
        .bind(a.after)
        .bind(a.shift)
        .bind(a.shift_squared)
        .execute(&mut **tx)
        .await?;
    }
    for d in &learning.decisions {
        sqlx::query(
            "INSERT INTO month_decision_totals (scope_id, month, module_id, case_key, node_key, learners, taken, \
             poor_or_unsafe) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(at.0)
        .bind(at.1)
        .bind(d.module)
        .bind(&d.case)
        .bind(&d.node)
        .bind(d.learners)
        .bind(d.taken)
        .bind(d.poor_or_unsafe)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

const UPTAKE_READ: &str = "SELECT month, module_id, practice_id, learners, completers, started, completed, \
     first_completed_at FROM month_uptake WHERE scope_id = $1 AND month >= $2 AND month <= $3";
const MINUTES_READ: &str = "SELECT month, module_id, minutes, attempts FROM month_minutes WHERE scope_id = $1 AND month >= $2 AND month <= $3";
const THEMES_READ: &str = "SELECT theme_code, CAST(SUM(learners) AS BIGINT) AS learners, \
     SUM(share_right_before) AS share_right_before, SUM(share_right_after) AS share_right_after, SUM(gain) AS gain, \
     SUM(gain_squared) AS gain_squared, CAST(SUM(pre_right) AS BIGINT) AS pre_right, \
     CAST(SUM(pre_answered) AS BIGINT) AS pre_answered, CAST(SUM(pre_sure_wrong) AS BIGINT) AS pre_sure_wrong, \
     CAST(SUM(pre_certainty_right) AS BIGINT) AS pre_certainty_right, \
     CAST(SUM(pre_certainty_wrong) AS BIGINT) AS pre_certainty_wrong, CAST(SUM(post_right) AS BIGINT) AS post_right, \
     CAST(SUM(post_answered) AS BIGINT) AS post_answered, CAST(SUM(post_sure_wrong) AS BIGINT) AS post_sure_wrong, \
     CAST(SUM(post_certainty_right) AS BIGINT) AS post_certainty_right, \
     CAST(SUM(post_certainty_wrong) AS BIGINT) AS post_certainty_wrong \
     FROM month_theme_totals WHERE scope_id = $1 AND month >= $2 AND month <= $3 GROUP BY theme_code ORDER BY theme_code";
const PRACTICES_READ: &str = "SELECT practice_id, CAST(SUM(learners) AS BIGINT) AS learners, SUM(gain) AS gain \
     FROM month_practice_gains WHERE scope_id = $1 AND month >= $2 AND month <= $3 GROUP BY practice_id";
const ATTITUDES_READ: &str = "SELECT module_id, statement_key, CAST(SUM(learners) AS BIGINT) AS learners, \
     CAST(SUM(pairs) AS BIGINT) AS pairs, CAST(SUM(agreement_before) AS BIGINT) AS agreement_before, \
     CAST(SUM(agreement_after) AS BIGINT) AS agreement_after, CAST(SUM(shift) AS BIGINT) AS shift, \
     CAST(SUM(shift_squared) AS BIGINT) AS shift_squared FROM month_attitude_totals \
     WHERE scope_id = $1 AND month >= $2 AND month <= $3 GROUP BY module_id, statement_key ORDER BY module_id, statement_key";
const DECISIONS_READ: &str = "SELECT module_id, case_key, node_key, CAST(SUM(learners) AS BIGINT) AS learners, \
     CAST(SUM(taken) AS BIGINT) AS taken, CAST(SUM(poor_or_unsafe) AS BIGINT) AS poor_or_unsafe \
     FROM month_decision_totals WHERE scope_id = $1 AND month >= $2 AND month <= $3 \
     GROUP BY module_id, case_key, node_key ORDER BY module_id, case_key, node_key";
const AMBIVALENCE_READ: &str = "SELECT module_id, CAST(SUM(learners) AS BIGINT) AS learners, \
     CAST(SUM(attempts) AS BIGINT) AS attempts, CAST(SUM(positive_before) AS BIGINT) AS positive_before, \
     CAST(SUM(negative_before) AS BIGINT) AS negative_before, CAST(SUM(positive_after) AS BIGINT) AS positive_after, \
     CAST(SUM(negative_after) AS BIGINT) AS negative_after, CAST(SUM(doubled_before) AS BIGINT) AS doubled_before, \
     CAST(SUM(doubled_after) AS BIGINT) AS doubled_after, CAST(SUM(doubled_shift) AS BIGINT) AS doubled_shift, \
     CAST(SUM(doubled_shift_squared) AS BIGINT) AS doubled_shift_squared FROM month_ambivalence \
     WHERE scope_id = $1 AND month >= $2 AND month <= $3 GROUP BY module_id ORDER BY module_id";
const PAIRS_READ: &str = "SELECT theme_code, CAST(SUM(learners) AS BIGINT) AS learners, \
     CAST(SUM(met) AS BIGINT) AS met, CAST(SUM(inconsistent) AS BIGINT) AS inconsistent FROM month_pair_totals \
     WHERE scope_id = $1 AND month >= $2 AND month <= $3 GROUP BY theme_code ORDER BY theme_code";

#[derive(sqlx::FromRow)]
struct UptakeRow {
    month: String,
    module_id: i64,
    practice_id: i64,
    learners: i64,
    completers: i64,
    started: i64,
    completed: i64,
    first_completed_at: Option<i64>,
}

impl UptakeRow {
    fn counts(&self) -> Counts {
        Counts {
            learners: self.learners,
            completers: self.completers,
            started: self.started,
            completed: self.completed,
            minutes: BTreeMap::new(),
            first_completed_at: self.first_completed_at,
        }
    }
}

#[derive(sqlx::FromRow)]
struct MinutesRow {
    month: String,
    module_id: i64,
    minutes: i64,
    attempts: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_run_from_uk_midnight_on_the_first() {
        let (start, end) = month_bounds("2026-07").expect("a month");
        assert_eq!(format_iso_date(start), "2026-07-01");
        assert_eq!(
            format_iso_date(start - 1),
            "2026-06-30",
            "British Summer Time: the month starts at 23:00 UTC"
        );
        assert_eq!(format_iso_date(end), "2026-08-01");
        assert_eq!(month_of(end - 1), "2026-07");
        assert_eq!(month_bounds("2026-12").map(|(_, end)| format_iso_date(end)), Some("2027-01-01".into()));
        assert_eq!(month_bounds("2026-13"), None);
    }
}
