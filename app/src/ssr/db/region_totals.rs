//! Each region's all-time report totals (the `region_*` tables): changed in the transaction that
//! finishes an attempt, read by a region's dashboard when it asks for no dates, and made afresh
//! from the per-attempt summaries after a population is generated.

use std::collections::{BTreeMap, BTreeSet};

use sqlx::{Any, Transaction};

use crate::domain::ids::{ModuleId, PersonId, PracticeId, RegionId};
use crate::domain::reports::build::{AttitudeTotals, DecisionTotals, PracticeGains, ThemeTotals};
use crate::domain::reports::record::ReportRecord;
use crate::domain::reports::region_totals::{
    AtPractice, Pooled, attitude_changes, decision_changes, practice_changes, theme_change,
};
use crate::domain::reports::theme_scores::Sitting;

type Tx = Transaction<'static, Any>;

/// A query on either engine, before it runs.
pub(super) type AnyQuery<'q> = sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>>;

/// The finishing attempt's learner, module and where they were when they started it.
struct Finishing {
    person: PersonId,
    module: ModuleId,
    region: RegionId,
    practice: Option<PracticeId>,
}

/// Whose attempt it is and where they were when they started it.
#[derive(sqlx::FromRow)]
struct AttemptPlace {
    person_id: PersonId,
    module_id: ModuleId,
    region_id: Option<RegionId>,
    practice_id: Option<PracticeId>,
}

/// Adds a finishing attempt to its region's totals. Runs before the attempt's own summaries are
/// written, so the learner's summaries it reads are those of their earlier attempts.
pub(super) async fn add_to_region_totals(
    tx: &mut Tx,
    attempt: i64,
    record: &ReportRecord,
) -> Result<(), sqlx::Error> {
    let place: AttemptPlace =
        sqlx::query_as("SELECT person_id, module_id, region_id, practice_id FROM attempts WHERE id = $1")
            .bind(attempt)
            .fetch_one(&mut **tx)
            .await?;
    let Some(region) = place.region_id else { return Ok(()) };
    let (person, module, practice) = (place.person_id, place.module_id, place.practice_id);
    // Two of one learner's attempts finishing at once would each miss the other's summaries: the
    // learner's row stays locked until this transaction ends (SQLite has one writer anyway).
    sqlx::query("UPDATE people SET deactivated_at = deactivated_at WHERE id = $1")
        .bind(person)
        .execute(&mut **tx)
        .await?;
    let finishing = Finishing { person, module, region, practice };
    add_theme_and_practice_changes(tx, &finishing, record).await?;
    add_attitude_changes(tx, &finishing, record).await?;
    add_decision_changes(tx, &finishing, record).await
}

/// The five sums of a sitting's answers before the cases (`pre_`) and after them (`post_`), as the
/// summaries and the kept totals name their columns.
#[derive(sqlx::FromRow)]
pub(super) struct SittingSums {
    pre_right: i64,
    pre_answered: i64,
    pre_sure_wrong: i64,
    pre_certainty_right: i64,
    pre_certainty_wrong: i64,
    post_right: i64,
    post_answered: i64,
    post_sure_wrong: i64,
    post_certainty_right: i64,
    post_certainty_wrong: i64,
}

impl SittingSums {
    pub(super) fn before(&self) -> Sitting {
        sitting(
            self.pre_right,
            self.pre_answered,
            self.pre_sure_wrong,
            self.pre_certainty_right,
            self.pre_certainty_wrong,
        )
    }

    pub(super) fn after(&self) -> Sitting {
        sitting(
            self.post_right,
            self.post_answered,
            self.post_sure_wrong,
            self.post_certainty_right,
            self.post_certainty_wrong,
        )
    }
}

/// A learner's earlier summary of a theme in the region, at a practice.
#[derive(sqlx::FromRow)]
struct EarlierThemeRow {
    theme_code: String,
    practice_id: Option<PracticeId>,
    #[sqlx(flatten)]
    sums: SittingSums,
}

async fn add_theme_and_practice_changes(
    tx: &mut Tx,
    finishing: &Finishing,
    record: &ReportRecord,
) -> Result<(), sqlx::Error> {
    if record.themes.is_empty() {
        return Ok(());
    }
    let rows: Vec<EarlierThemeRow> = sqlx::query_as(
        "SELECT t.theme_code, t.practice_id, t.pre_right, t.pre_answered, t.pre_sure_wrong, t.pre_certainty_right, \
         t.pre_certainty_wrong, t.post_right, t.post_answered, t.post_sure_wrong, t.post_certainty_right, \
         t.post_certainty_wrong FROM attempts a JOIN attempt_theme_scores t ON t.attempt_id = a.id \
         WHERE a.person_id = $1 AND t.region_id = $2",
    )
    .bind(finishing.person)
    .bind(finishing.region)
    .fetch_all(&mut **tx)
    .await?;
    let mut by_theme: BTreeMap<String, Pooled> = BTreeMap::new();
    let mut earlier = AtPractice::default();
    for row in rows {
        let (before, after) = (row.sums.before(), row.sums.after());
        let pooled = by_theme.entry(row.theme_code).or_default();
        *pooled = pooled.with(&before, &after);
        earlier = AtPractice {
            practice: earlier.practice.max(row.practice_id),
            answers: earlier.answers.with(&before, &after),
        };
    }
    let mut now = AtPractice { practice: earlier.practice.max(finishing.practice), answers: earlier.answers };
    for score in &record.themes {
        let was = by_theme.get(&score.theme).copied().unwrap_or_default();
        let change = theme_change(&score.theme, &was, &was.with(&score.before, &score.after));
        add_theme_change(tx, finishing.region, &change).await?;
        now.answers = now.answers.with(&score.before, &score.after);
    }
    for (practice, change) in practice_changes(&earlier, &now) {
        add_practice_change(tx, finishing.region, practice, change).await?;
    }
    Ok(())
}

fn sitting(
    right: i64,
    answered: i64,
    sure_wrong: i64,
    certainty_right: i64,
    certainty_wrong: i64,
) -> Sitting {
    Sitting { right, answered, sure_wrong, certainty_right, certainty_wrong }
}

/// An insert of a change to a kept total that adds it to the row with the same `keys`, if any.
fn adding_to(table: &str, keys: &[&str], sums: &[&str]) -> String {
    let columns = keys.iter().chain(sums).copied().collect::<Vec<_>>();
    let values = (1..=columns.len()).map(|n| format!("${n}")).collect::<Vec<_>>();
    let set = sums.iter().map(|c| format!("{c} = {table}.{c} + excluded.{c}")).collect::<Vec<_>>();
    format!(
        "INSERT INTO {table} ({}) VALUES ({}) ON CONFLICT ({}) DO UPDATE SET {}",
        columns.join(", "),
        values.join(", "),
        keys.join(", "),
        set.join(", ")
    )
}

/// Binds a sitting's five sums, in the order the summaries list them.
pub(super) fn bind_sitting<'q>(query: AnyQuery<'q>, sitting: &Sitting) -> AnyQuery<'q> {
    query
        .bind(sitting.right)
        .bind(sitting.answered)
        .bind(sitting.sure_wrong)
        .bind(sitting.certainty_right)
        .bind(sitting.certainty_wrong)
}

async fn add_theme_change(tx: &mut Tx, region: RegionId, change: &ThemeTotals) -> Result<(), sqlx::Error> {
    let sums = [
        "learners",
        "share_right_before",
        "share_right_after",
        "gain",
        "gain_squared",
        "pre_right",
        "pre_answered",
        "pre_sure_wrong",
        "pre_certainty_right",
        "pre_certainty_wrong",
        "post_right",
        "post_answered",
        "post_sure_wrong",
        "post_certainty_right",
        "post_certainty_wrong",
    ];
    let sql = adding_to("region_theme_totals", &["region_id", "theme_code"], &sums);
    let query = sqlx::query(&sql)
        .bind(region)
        .bind(&change.theme)
        .bind(change.learners)
        .bind(change.share_right_before)
        .bind(change.share_right_after)
        .bind(change.gain)
        .bind(change.gain_squared);
    bind_sitting(bind_sitting(query, &change.before), &change.after).execute(&mut **tx).await?;
    Ok(())
}

async fn add_practice_change(
    tx: &mut Tx,
    region: RegionId,
    practice: PracticeId,
    change: PracticeGains,
) -> Result<(), sqlx::Error> {
    let sql = adding_to("region_practice_gains", &["region_id", "practice_id"], &["learners", "gain"]);
    sqlx::query(&sql)
        .bind(region)
        .bind(practice)
        .bind(change.learners)
        .bind(change.gain)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// A statement of the attitude scale a learner rated in an earlier attempt.
#[derive(sqlx::FromRow, PartialEq, Eq, PartialOrd, Ord)]
struct RatedStatement {
    statement_key: String,
}

/// A decision a learner reached in an earlier attempt.
#[derive(sqlx::FromRow, PartialEq, Eq, PartialOrd, Ord)]
struct ReachedNode {
    case_key: String,
    node_key: String,
}

/// The distinct `columns` of `table` in the learner's earlier attempts at this module in the region.
async fn earlier<T>(
    tx: &mut Tx,
    finishing: &Finishing,
    table: &str,
    columns: &str,
) -> Result<BTreeSet<T>, sqlx::Error>
where
    T: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> + Send + Unpin + Ord,
{
    let sql = format!(
        "SELECT DISTINCT {columns} FROM attempts a JOIN {table} t ON t.attempt_id = a.id \
         WHERE a.person_id = $1 AND t.region_id = $2 AND t.module_id = $3"
    );
    let rows: Vec<T> = sqlx::query_as(&sql)
        .bind(finishing.person)
        .bind(finishing.region)
        .bind(finishing.module)
        .fetch_all(&mut **tx)
        .await?;
    Ok(rows.into_iter().collect())
}

async fn add_attitude_changes(
    tx: &mut Tx,
    finishing: &Finishing,
    record: &ReportRecord,
) -> Result<(), sqlx::Error> {
    if record.attitudes.is_empty() {
        return Ok(());
    }
    let rated: BTreeSet<RatedStatement> =
        earlier(tx, finishing, "attempt_attitudes", "t.statement_key AS statement_key").await?;
    let rated = rated.into_iter().map(|rated| rated.statement_key).collect();
    let sql = adding_to(
        "region_attitude_totals",
        &["region_id", "module_id", "statement_key"],
        &["learners", "pairs", "agreement_before", "agreement_after", "shift", "shift_squared"],
    );
    for change in attitude_changes(finishing.module, &record.attitudes, &rated) {
        let AttitudeTotals { module, statement, learners, pairs, before, after, shift, shift_squared } =
            change;
        let query = sqlx::query(&sql).bind(finishing.region).bind(module).bind(statement);
        let query = query.bind(learners).bind(pairs).bind(before).bind(after).bind(shift).bind(shift_squared);
        query.execute(&mut **tx).await?;
    }
    Ok(())
}

async fn add_decision_changes(
    tx: &mut Tx,
    finishing: &Finishing,
    record: &ReportRecord,
) -> Result<(), sqlx::Error> {
    if record.decisions.is_empty() {
        return Ok(());
    }
    let reached: BTreeSet<ReachedNode> =
        earlier(tx, finishing, "attempt_decisions", "t.case_key AS case_key, t.node_key AS node_key").await?;
    let reached = reached.into_iter().map(|reached| (reached.case_key, reached.node_key)).collect();
    let sql = adding_to(
        "region_decision_totals",
        &["region_id", "module_id", "case_key", "node_key"],
        &["learners", "taken", "poor_or_unsafe"],
    );
    for change in decision_changes(finishing.module, &record.decisions, &reached) {
        let DecisionTotals { module, case, node, learners, taken, poor_or_unsafe } = change;
        let query = sqlx::query(&sql).bind(finishing.region).bind(module).bind(case).bind(node);
        query.bind(learners).bind(taken).bind(poor_or_unsafe).execute(&mut **tx).await?;
    }
    Ok(())
}

/// Makes every region's totals afresh from the per-attempt summaries (after a generated
/// population, whose summaries are written in bulk). The same sums as migration 0010's.
pub(super) async fn rebuild_region_totals(tx: &mut Transaction<'_, Any>) -> Result<(), sqlx::Error> {
    for table in
        ["region_theme_totals", "region_practice_gains", "region_attitude_totals", "region_decision_totals"]
    {
        sqlx::query(&format!("DELETE FROM {table}")).execute(&mut **tx).await?;
    }
    for statement in REBUILD {
        sqlx::query(statement).execute(&mut **tx).await?;
    }
    Ok(())
}

const REBUILD: [&str; 4] = [
    "INSERT INTO region_theme_totals \
     SELECT l.region_id, l.theme_code, COUNT(*), SUM(l.before_share), SUM(l.after_share), \
     SUM(l.after_share - l.before_share), SUM((l.after_share - l.before_share) * (l.after_share - l.before_share)), \
     SUM(l.pre_right), SUM(l.pre_answered), SUM(l.pre_sure_wrong), SUM(l.pre_certainty_right), SUM(l.pre_certainty_wrong), \
     SUM(l.post_right), SUM(l.post_answered), SUM(l.post_sure_wrong), SUM(l.post_certainty_right), SUM(l.post_certainty_wrong) \
     FROM (SELECT t.region_id, t.theme_code, \
     CAST(SUM(t.pre_right) AS DOUBLE PRECISION) / SUM(t.pre_answered) AS before_share, \
     CAST(SUM(t.post_right) AS DOUBLE PRECISION) / SUM(t.post_answered) AS after_share, \
     SUM(t.pre_right) AS pre_right, SUM(t.pre_answered) AS pre_answered, SUM(t.pre_sure_wrong) AS pre_sure_wrong, \
     SUM(t.pre_certainty_right) AS pre_certainty_right, SUM(t.pre_certainty_wrong) AS pre_certainty_wrong, \
     SUM(t.post_right) AS post_right, SUM(t.post_answered) AS post_answered, SUM(t.post_sure_wrong) AS post_sure_wrong, \
     SUM(t.post_certainty_right) AS post_certainty_right, SUM(t.post_certainty_wrong) AS post_certainty_wrong \
     FROM attempt_theme_scores t WHERE t.region_id IS NOT NULL GROUP BY t.region_id, t.theme_code, t.person_id \
     HAVING SUM(t.pre_answered) > 0 AND SUM(t.post_answered) > 0) l GROUP BY l.region_id, l.theme_code",
    "INSERT INTO region_practice_gains SELECT l.region_id, l.practice_id, COUNT(*), SUM(l.gain) \
     FROM (SELECT t.region_id, MAX(t.practice_id) AS practice_id, \
     CAST(SUM(t.post_right) AS DOUBLE PRECISION) / SUM(t.post_answered) \
     - CAST(SUM(t.pre_right) AS DOUBLE PRECISION) / SUM(t.pre_answered) AS gain \
     FROM attempt_theme_scores t WHERE t.region_id IS NOT NULL GROUP BY t.region_id, t.person_id \
     HAVING SUM(t.pre_answered) > 0 AND SUM(t.post_answered) > 0) l \
     WHERE l.practice_id IS NOT NULL GROUP BY l.region_id, l.practice_id",
    "INSERT INTO region_attitude_totals SELECT t.region_id, t.module_id, t.statement_key, COUNT(DISTINCT t.person_id), \
     COUNT(*), SUM(t.agreement_before), SUM(t.agreement_after), SUM(t.agreement_after - t.agreement_before), \
     SUM((t.agreement_after - t.agreement_before) * (t.agreement_after - t.agreement_before)) \
     FROM attempt_attitudes t WHERE t.region_id IS NOT NULL GROUP BY t.region_id, t.module_id, t.statement_key",
    "INSERT INTO region_decision_totals SELECT t.region_id, t.module_id, t.case_key, t.node_key, \
     COUNT(DISTINCT t.person_id), COUNT(*), SUM(CASE WHEN t.rating IN ('poor', 'unsafe') THEN 1 ELSE 0 END) \
     FROM attempt_decisions t WHERE t.region_id IS NOT NULL GROUP BY t.region_id, t.module_id, t.case_key, t.node_key",
];
