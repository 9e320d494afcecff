//! What comes after a generated learner's module, for the demo's population: each finished
//! attempt's matched-pair outcomes, a booster answered two weeks on by seven in ten (most still
//! right, a quarter of those who learnt an item forgetting it again), and for half of them a
//! commitment to change, reported at twelve weeks as done, partly done or not done with what got
//! in the way. Deterministic from the seed, like the rest of the generator.

use sqlx::{Any, Transaction};

use super::Db;
use crate::domain::ids::ModuleId;

/// Generated attempts (their public ids have this shape) that were finished.
const FINISHED: &str = "a.public_id LIKE '00000000-0000-4000-8000-%' AND a.status = 'completed'";
const DAY_MS: i64 = 86_400_000;

/// What a module holds that happens after it: its matched pairs (key and themes), the knowledge
/// items a booster asks, and the day the first booster falls due.
pub struct AfterModule<'a> {
    pub module: ModuleId,
    pub pairs: &'a [(String, Vec<String>)],
    pub booster_items: &'a [String],
    pub booster_days: i64,
}

/// The barriers a learner may report, by code (`domain::learning::follow_up::Barrier`).
pub struct Barriers<'a>(pub &'a [&'a str]);

impl Db {
    /// Adds pair outcomes, answered boosters and reported commitments to the generated attempts.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn generate_after_modules(
        &self,
        modules: &[AfterModule<'_>],
        barriers: Barriers<'_>,
        seed: i64,
        due_by: &str,
        now_ms: i64,
    ) -> Result<(), sqlx::Error> {
        let mut tx = self.begin().await?;
        for module in modules {
            pair_outcomes(&mut tx, module, seed).await?;
            boosters(&mut tx, module, seed, now_ms).await?;
        }
        commitments(&mut tx, barriers, seed, due_by, now_ms).await?;
        tx.commit().await
    }
}

async fn pair_outcomes(
    tx: &mut Transaction<'static, Any>,
    module: &AfterModule<'_>,
    seed: i64,
) -> Result<(), sqlx::Error> {
    for (pair, themes) in module.pairs {
        for theme in themes {
            sqlx::query(&format!(
                "INSERT INTO attempt_pair_outcomes (attempt_id, module_id, person_id, region_id, completed_at, pair_key, \
                 theme_code, consistent) SELECT a.id, a.module_id, a.person_id, a.region_id, a.completed_at, $2, $3, \
                 CASE WHEN (a.id * 7919 + $4) % 10 < 6 THEN 1 ELSE 0 END FROM attempts a WHERE {FINISHED} AND a.module_id = $1"
            ))
            .bind(module.module)
            .bind(pair)
            .bind(theme)
            .bind(seed)
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}

async fn boosters(
    tx: &mut Transaction<'static, Any>,
    module: &AfterModule<'_>,
    seed: i64,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    if module.booster_items.is_empty() {
        return Ok(());
    }
    sqlx::query(&format!(
        "INSERT INTO follow_ups (public_id, attempt_id, person_id, kind, after_days, due_at, items, completed_at) \
         SELECT '00000000-0000-4000-9000-' || CAST(100000000000 + a.id AS TEXT), a.id, a.person_id, 'booster', $2, \
         a.completed_at + $2 * {DAY_MS}, $3, a.completed_at + ($2 + 1) * {DAY_MS} FROM attempts a \
         WHERE {FINISHED} AND a.module_id = $1 AND a.completed_at + ($2 + 1) * {DAY_MS} <= $4 \
         AND (a.id * 31 + $5) % 10 < 7"
    ))
    .bind(module.module)
    .bind(module.booster_days)
    .bind(module.booster_items.join(","))
    .bind(now_ms)
    .bind(seed)
    .execute(&mut **tx)
    .await?;
    for item in module.booster_items {
        // A learner who got the item wrong before the cases and right after forgets it again one
        // time in four, answering as they did before.
        let forgot = "(post.correct = 1 AND pre.correct = 0 AND (f.id * 131 + $3) % 4 = 0)";
        sqlx::query(&format!(
            "INSERT INTO follow_up_answers (follow_up_id, person_id, item, answer, correct, certainty, score, \
             option_order, recorded_at) \
             SELECT f.id, f.person_id, $2, CASE WHEN {forgot} THEN pre.answer ELSE post.answer END, \
             CASE WHEN {forgot} THEN 0 ELSE post.correct END, CASE WHEN {forgot} THEN pre.certainty ELSE post.certainty END, \
             CASE WHEN {forgot} THEN pre.score ELSE post.score END, \
             COALESCE(CASE WHEN {forgot} THEN pre.option_order ELSE post.option_order END, ''), f.completed_at \
             FROM follow_ups f JOIN attempts a ON a.id = f.attempt_id \
             JOIN responses post ON post.attempt_id = f.attempt_id AND post.step = 'post:' || $2 \
             JOIN responses pre ON pre.attempt_id = f.attempt_id AND pre.step = 'pre:' || $2 \
             WHERE f.public_id LIKE '00000000-0000-4000-9000-%' AND a.module_id = $1"
        ))
        .bind(module.module)
        .bind(item)
        .bind(seed)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

async fn commitments(
    tx: &mut Transaction<'static, Any>,
    barriers: Barriers<'_>,
    seed: i64,
    due_by: &str,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(&format!(
        "INSERT INTO commitments (attempt_id, person_id, position, what, patients, due_by, recorded_at) \
         SELECT a.id, a.person_id, 1, 'Review long-term benzodiazepine and Z-drug prescriptions at their next repeat', \
         'Patients on repeat hypnotics or anxiolytics', $1, a.completed_at FROM attempts a \
         WHERE {FINISHED} AND (a.id * 17 + $2) % 2 = 0"
    ))
    .bind(due_by)
    .bind(seed)
    .execute(&mut **tx)
    .await?;
    sqlx::query(&format!(
        "INSERT INTO follow_ups (public_id, attempt_id, person_id, kind, after_days, due_at, completed_at) \
         SELECT '00000000-0000-4000-a000-' || CAST(100000000000 + c.attempt_id AS TEXT), c.attempt_id, c.person_id, \
         'practice', 84, a.completed_at + 84 * {DAY_MS}, a.completed_at + 85 * {DAY_MS} \
         FROM commitments c JOIN attempts a ON a.id = c.attempt_id \
         WHERE {FINISHED} AND a.completed_at + 85 * {DAY_MS} <= $1"
    ))
    .bind(now_ms)
    .execute(&mut **tx)
    .await?;
    let barrier = |n: usize| barriers.0.get(n % barriers.0.len().max(1)).copied().unwrap_or_default();
    sqlx::query(
        "INSERT INTO commitment_outcomes (commitment_id, follow_up_id, person_id, outcome, what_happened, barriers, \
         other_barrier, recorded_at) \
         SELECT c.id, f.id, c.person_id, \
         CASE (c.id * 7 + $1) % 5 WHEN 0 THEN 'not_done' WHEN 1 THEN 'partly' WHEN 2 THEN 'partly' ELSE 'done' END, '', \
         CASE (c.id * 7 + $1) % 5 WHEN 0 THEN CASE c.id % 3 WHEN 0 THEN $2 WHEN 1 THEN $3 ELSE $4 END \
              WHEN 1 THEN $3 WHEN 2 THEN $5 ELSE '' END, \
         '', f.completed_at FROM commitments c \
         JOIN follow_ups f ON f.attempt_id = c.attempt_id AND f.kind = 'practice' \
         WHERE f.public_id LIKE '00000000-0000-4000-a000-%'",
    )
    .bind(seed)
    .bind(barrier(0))
    .bind(barrier(1))
    .bind(barrier(7))
    .bind(barrier(6))
    .execute(&mut **tx)
    .await?;
    Ok(())
}
