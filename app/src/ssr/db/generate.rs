//! Bulk loading of a synthetic population for benchmarks: learners, attempts, responses and the
//! report summaries, made inside the database (INSERT … SELECT over a numbers table) so ten million
//! responses take minutes, not hours. Every value comes from a hash of the row's position and the
//! seed, so the same seed gives the same population.

use sqlx::{Any, AnyConnection, Transaction};

use super::Db;
use super::region_totals::rebuild_region_totals;
use crate::domain::curriculum::module::Valence;
use crate::domain::ids::{PracticeId, RegionId};
use crate::ssr::generate::template::{TemplateAnswer, TemplateStep};

/// What to generate.
pub struct Population<'a> {
    pub seed: i64,
    pub now_ms: i64,
    /// Every generated learner's password hash.
    pub password_hash: &'a str,
    pub practices: &'a [(PracticeId, RegionId)],
    pub learners: i64,
    pub attempts: i64,
    /// (module, version, walk) of each module attempts are spread over.
    pub modules: &'a [(i64, i64, Vec<TemplateStep>)],
    /// Attempts loaded per transaction.
    pub chunk: i64,
}

/// A pseudo-random number from 0 to 99,999 for response row `a.id` × `s.ordinal`; `$3` is the seed.
const R: &str = "((a.id * 7919 + s.ordinal * 104729 + $3) % 100000)";

const SCRATCH: [&str; 7] = [
    "gen_numbers",
    "gen_practices",
    "gen_modules",
    "gen_steps",
    "gen_step_themes",
    "gen_options",
    "gen_people",
];

impl Db {
    /// Loads `population` and returns how many responses it wrote; `progress` is told after each
    /// chunk of attempts (responses so far).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn generate(
        &self,
        population: &Population<'_>,
        progress: impl Fn(i64),
    ) -> Result<i64, sqlx::Error> {
        let mut conn = self.pool.acquire().await?;
        scratch_tables(&mut conn).await?;
        fill_scratch(&mut conn, population).await?;
        let mut tx = self.begin_on(&mut conn).await?;
        insert_people_and_attempts(&mut tx, population).await?;
        tx.commit().await?;
        #[derive(sqlx::FromRow)]
        struct Generated {
            first_id: Option<i64>,
            last_id: Option<i64>,
        }
        let generated: Generated = sqlx::query_as(
            "SELECT MIN(id) AS first_id, MAX(id) AS last_id FROM attempts \
             WHERE public_id LIKE '00000000-0000-4000-8000-%'",
        )
        .fetch_one(&mut *conn)
        .await?;
        let mut responses = 0;
        let mut low = generated.first_id.unwrap_or(0);
        while low <= generated.last_id.unwrap_or(-1) {
            let high = low + population.chunk - 1;
            let mut tx = self.begin_on(&mut conn).await?;
            responses += insert_responses(&mut tx, low, high, population.seed).await?;
            insert_summaries(&mut tx, low, high).await?;
            tx.commit().await?;
            progress(responses);
            low = high + 1;
        }
        let mut tx = self.begin_on(&mut conn).await?;
        rebuild_region_totals(&mut tx).await?;
        tx.commit().await?;
        for table in SCRATCH {
            sqlx::query(&format!("DROP TABLE IF EXISTS {table}")).execute(&mut *conn).await?;
        }
        sqlx::query("ANALYZE").execute(&mut *conn).await?;
        Ok(responses)
    }

    async fn begin_on<'c>(&self, conn: &'c mut AnyConnection) -> Result<Transaction<'c, Any>, sqlx::Error> {
        use sqlx::Connection;
        match self.engine {
            super::Engine::Sqlite => conn.begin_with("BEGIN IMMEDIATE").await,
            super::Engine::Postgres => conn.begin().await,
        }
    }
}

async fn scratch_tables(conn: &mut AnyConnection) -> Result<(), sqlx::Error> {
    for table in SCRATCH {
        sqlx::query(&format!("DROP TABLE IF EXISTS {table}")).execute(&mut *conn).await?;
    }
    for sql in [
        "CREATE TEMPORARY TABLE gen_numbers (i BIGINT PRIMARY KEY)",
        "CREATE TEMPORARY TABLE gen_practices (n BIGINT PRIMARY KEY, id BIGINT NOT NULL, region_id BIGINT NOT NULL)",
        "CREATE TEMPORARY TABLE gen_modules (n BIGINT PRIMARY KEY, module_id BIGINT NOT NULL, \
         version_id BIGINT NOT NULL, steps BIGINT NOT NULL)",
        "CREATE TEMPORARY TABLE gen_steps (version_id BIGINT NOT NULL, ordinal BIGINT NOT NULL, step TEXT NOT NULL, \
         kind TEXT NOT NULL, right_key TEXT, wrong_key TEXT, statement_key TEXT, evaluates TEXT, case_key TEXT, node_key TEXT, \
         options BIGINT NOT NULL, PRIMARY KEY (version_id, ordinal))",
        "CREATE TEMPORARY TABLE gen_step_themes (version_id BIGINT NOT NULL, step TEXT NOT NULL, theme_code TEXT NOT NULL)",
        "CREATE TEMPORARY TABLE gen_options (version_id BIGINT NOT NULL, step TEXT NOT NULL, n BIGINT NOT NULL, \
         option_key TEXT NOT NULL, rating TEXT NOT NULL, PRIMARY KEY (version_id, step, n))",
        "CREATE TEMPORARY TABLE gen_people (n BIGINT PRIMARY KEY, id BIGINT NOT NULL, practice_id BIGINT NOT NULL, \
         region_id BIGINT NOT NULL)",
    ] {
        sqlx::query(sql).execute(&mut *conn).await?;
    }
    Ok(())
}

/// The numbers, practices and module walks the bulk inserts draw on.
async fn fill_scratch(conn: &mut AnyConnection, population: &Population<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO gen_numbers (i) WITH RECURSIVE n(i) AS (SELECT CAST(0 AS BIGINT) UNION ALL \
         SELECT i + 1 FROM n WHERE i + 1 < $1) SELECT i FROM n",
    )
    .bind(population.learners.max(population.attempts))
    .execute(&mut *conn)
    .await?;
    for (n, (practice, region)) in population.practices.iter().enumerate() {
        sqlx::query("INSERT INTO gen_practices (n, id, region_id) VALUES ($1, $2, $3)")
            .bind(n as i64)
            .bind(practice.0)
            .bind(region.0)
            .execute(&mut *conn)
            .await?;
    }
    for (n, (module, version, steps)) in population.modules.iter().enumerate() {
        sqlx::query("INSERT INTO gen_modules (n, module_id, version_id, steps) VALUES ($1, $2, $3, $4)")
            .bind(n as i64)
            .bind(module)
            .bind(version)
            .bind(steps.len() as i64)
            .execute(&mut *conn)
            .await?;
        for step in steps {
            insert_step(conn, *version, step).await?;
        }
    }
    Ok(())
}

async fn insert_step(conn: &mut AnyConnection, version: i64, step: &TemplateStep) -> Result<(), sqlx::Error> {
    let (mut right, mut wrong, mut statement, mut evaluates, mut case, mut node, mut options) =
        (None, None, None, None, None, None, 1);
    match &step.answer {
        TemplateAnswer::None => {}
        TemplateAnswer::Item { right: r, wrong: w, themes } => {
            (right, wrong) = (Some(r.as_str()), Some(w.as_str()));
            for theme in themes {
                sqlx::query("INSERT INTO gen_step_themes (version_id, step, theme_code) VALUES ($1, $2, $3)")
                    .bind(version)
                    .bind(&step.step)
                    .bind(theme)
                    .execute(&mut *conn)
                    .await?;
            }
        }
        TemplateAnswer::Attitude { statement: s, evaluates: v } => {
            (statement, evaluates) = (Some(s.as_str()), v.map(Valence::code));
        }
        TemplateAnswer::Decision { case: c, node: d, options: choices } => {
            (case, node, options) = (Some(c.as_str()), Some(d.as_str()), choices.len() as i64);
            for (n, (key, rating)) in choices.iter().enumerate() {
                sqlx::query("INSERT INTO gen_options (version_id, step, n, option_key, rating) VALUES ($1, $2, $3, $4, $5)")
                    .bind(version)
                    .bind(&step.step)
                    .bind(n as i64)
                    .bind(key)
                    .bind(rating.code())
                    .execute(&mut *conn)
                    .await?;
            }
        }
    }
    sqlx::query(
        "INSERT INTO gen_steps (version_id, ordinal, step, kind, right_key, wrong_key, statement_key, evaluates, \
         case_key, node_key, options) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(version)
    .bind(step.ordinal)
    .bind(&step.step)
    .bind(step.kind)
    .bind(right)
    .bind(wrong)
    .bind(statement)
    .bind(evaluates)
    .bind(case)
    .bind(node)
    .bind(options)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Learners (each at a practice, in turn) and their attempts: each learner takes up to two
/// modules; three attempts in four are finished, started over the past year.
async fn insert_people_and_attempts(
    tx: &mut Transaction<'_, Any>,
    population: &Population<'_>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO people (email, full_name, password_hash, practice_id, career_stage, session_key, created_at, \
         email_confirmed_at) SELECT 'learner' || g.i || '@generated.example', 'Generated learner ' || g.i, $1, p.id, \
         'gp', 'generated-' || g.i, $2, $2 FROM gen_numbers g JOIN gen_practices p ON p.n = g.i % $3 WHERE g.i < $4",
    )
    .bind(population.password_hash)
    .bind(population.now_ms)
    .bind(population.practices.len() as i64)
    .bind(population.learners)
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "INSERT INTO gen_people (n, id, practice_id, region_id) SELECT g.i, p.id, gp.id, gp.region_id \
         FROM gen_numbers g JOIN people p ON p.email = 'learner' || g.i || '@generated.example' \
         JOIN gen_practices gp ON gp.n = g.i % $2 WHERE g.i < $1",
    )
    .bind(population.learners)
    .bind(population.practices.len() as i64)
    .execute(&mut **tx)
    .await?;
    sqlx::query("INSERT INTO role_grants (person_id, role, region_id, granted_at) SELECT id, 'learner', NULL, $1 FROM gen_people")
        .bind(population.now_ms)
        .execute(&mut **tx)
        .await?;
    let per_learner = (population.modules.len() as i64).clamp(1, 2);
    sqlx::query(
        "INSERT INTO attempts (public_id, person_id, module_id, version_id, practice_id, region_id, status, \
         current_step, step_started_at, started_at, completed_at) \
         SELECT '00000000-0000-4000-8000-' || (100000000000 + g.i), p.id, m.module_id, m.version_id, p.practice_id, p.region_id, \
         CASE WHEN (g.i * 7919 + $1) % 4 < 3 THEN 'completed' ELSE 'in_progress' END, \
         CASE WHEN (g.i * 7919 + $1) % 4 < 3 THEN 'done' ELSE 'intro' END, \
         $2 - ((g.i * 104729 + $1) % 31536000) * 1000 - m.steps * 60000, \
         $2 - ((g.i * 104729 + $1) % 31536000) * 1000 - m.steps * 60000, \
         CASE WHEN (g.i * 7919 + $1) % 4 < 3 THEN $2 - ((g.i * 104729 + $1) % 31536000) * 1000 END \
         FROM gen_numbers g JOIN gen_people p ON p.n = g.i / $3 \
         JOIN gen_modules m ON m.n = (g.i / $3 + g.i % $3) % $4 WHERE g.i < $5",
    )
    .bind(population.seed)
    .bind(population.now_ms)
    .bind(per_learner)
    .bind(population.modules.len() as i64)
    .bind(population.attempts)
    .execute(&mut **tx)
    .await?;
    // A finished attempt's certificate, with the 8 to 37 minutes its records would measure.
    sqlx::query(
        "INSERT INTO certificates (attempt_id, person_id, code, issued_at, minutes_spent) \
         SELECT a.id, a.person_id, 'GEN' || CAST(100000000 + a.id AS TEXT), a.completed_at, 8 + (a.id * 7919) % 30 \
         FROM attempts a JOIN gen_people p ON p.id = a.person_id WHERE a.status = 'completed'",
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The responses of the generated attempts with ids from `low` to `high`: every step of a
/// finished attempt, the first few of one in progress. Knowledge items are right more often after
/// the cases than before; agreement moves up; decisions take any option.
async fn insert_responses(
    tx: &mut Transaction<'_, Any>,
    low: i64,
    high: i64,
    seed: i64,
) -> Result<i64, sqlx::Error> {
    let item = "s.kind IN ('pre_item', 'post_item')";
    let right = format!("{R} % 100 < CASE WHEN s.kind = 'pre_item' THEN 55 ELSE 80 END");
    let certainty = format!("(1 + ({R} / 100) % 3)");
    let sql = format!(
        "INSERT INTO responses (attempt_id, person_id, version_id, step, kind, answer, correct, certainty, score, \
         rating, time_on_step_ms, recorded_at, idempotency_key) \
         SELECT a.id, a.person_id, a.version_id, s.step, s.kind, \
         CASE WHEN {item} THEN (CASE WHEN {right} THEN s.right_key ELSE s.wrong_key END) \
              WHEN s.kind = 'attitude_pre' THEN CAST(2 + {R} % 3 AS TEXT) \
              WHEN s.kind = 'attitude_post' THEN CAST(3 + {R} % 3 AS TEXT) \
              WHEN s.kind = 'decision' THEN o.option_key END, \
         CASE WHEN {item} THEN (CASE WHEN {right} THEN 1 ELSE 0 END) END, \
         CASE WHEN {item} THEN {certainty} END, \
         CASE WHEN {item} THEN (CASE WHEN {right} THEN {certainty} WHEN {certainty} = 1 THEN 0 \
              WHEN {certainty} = 2 THEN -2 ELSE -6 END) END, \
         o.rating, 20000 + ({R} % 1000) * 90, a.started_at + s.ordinal * 60000, 'generated-' || s.ordinal \
         FROM attempts a JOIN gen_modules m ON m.version_id = a.version_id \
         JOIN gen_steps s ON s.version_id = a.version_id \
         LEFT JOIN gen_options o ON o.version_id = s.version_id AND o.step = s.step AND o.n = {R} % s.options \
         WHERE a.id >= $1 AND a.id <= $2 AND a.public_id LIKE '00000000-0000-4000-8000-%' \
         AND (a.status = 'completed' OR s.ordinal < 1 + a.id % (m.steps - 1))"
    );
    let done = sqlx::query(&sql).bind(low).bind(high).bind(seed).execute(&mut **tx).await?;
    Ok(done.rows_affected() as i64)
}

/// The report summaries of the finished attempts among `low` to `high`, as finishing writes them.
async fn insert_summaries(tx: &mut Transaction<'_, Any>, low: i64, high: i64) -> Result<(), sqlx::Error> {
    let sitting = |kind: &str| {
        format!(
            "SUM(CASE WHEN r.kind = '{kind}' THEN r.correct ELSE 0 END), \
             SUM(CASE WHEN r.kind = '{kind}' THEN 1 ELSE 0 END), \
             SUM(CASE WHEN r.kind = '{kind}' AND r.correct = 0 AND r.certainty = 3 THEN 1 ELSE 0 END), \
             SUM(CASE WHEN r.kind = '{kind}' AND r.correct = 1 THEN r.certainty ELSE 0 END), \
             SUM(CASE WHEN r.kind = '{kind}' AND r.correct = 0 THEN r.certainty ELSE 0 END)"
        )
    };
    // An evaluation's answer (1 to 5) as its score (0 to 4).
    let evaluation = |kind: &str, valence: &str| {
        format!(
            "SUM(CASE WHEN s.kind = '{kind}' AND s.evaluates = '{valence}' THEN CAST(r.answer AS BIGINT) - 1 ELSE 0 END)"
        )
    };
    let finished = "a.id >= $1 AND a.id <= $2 AND a.status = 'completed' AND a.public_id LIKE '00000000-0000-4000-8000-%'";
    let statements = [
        format!(
            "INSERT INTO attempt_theme_scores (attempt_id, theme_code, person_id, region_id, practice_id, completed_at, \
             pre_right, pre_answered, pre_sure_wrong, pre_certainty_right, pre_certainty_wrong, post_right, \
             post_answered, post_sure_wrong, post_certainty_right, post_certainty_wrong) \
             SELECT a.id, t.theme_code, a.person_id, a.region_id, a.practice_id, a.completed_at, {}, {} \
             FROM attempts a JOIN responses r ON r.attempt_id = a.id \
             JOIN gen_step_themes t ON t.version_id = r.version_id AND t.step = r.step \
             WHERE {finished} AND r.kind IN ('pre_item', 'post_item') \
             GROUP BY a.id, t.theme_code, a.person_id, a.region_id, a.practice_id, a.completed_at",
            sitting("pre_item"),
            sitting("post_item")
        ),
        format!(
            "INSERT INTO attempt_attitudes (attempt_id, module_id, person_id, statement_key, region_id, completed_at, \
             agreement_before, agreement_after) \
             SELECT a.id, a.module_id, a.person_id, s.statement_key, a.region_id, a.completed_at, \
             CAST(pre.answer AS BIGINT), CAST(post.answer AS BIGINT) \
             FROM attempts a JOIN gen_steps s ON s.version_id = a.version_id AND s.kind = 'attitude_pre' \
             JOIN gen_steps s2 ON s2.version_id = a.version_id AND s2.kind = 'attitude_post' \
             AND s2.statement_key = s.statement_key \
             JOIN responses pre ON pre.attempt_id = a.id AND pre.idempotency_key = 'generated-' || s.ordinal \
             JOIN responses post ON post.attempt_id = a.id AND post.idempotency_key = 'generated-' || s2.ordinal \
             WHERE {finished} AND s.evaluates IS NULL"
        ),
        format!(
            "INSERT INTO attempt_ambivalence (attempt_id, module_id, person_id, region_id, completed_at, \
             positive_before, negative_before, positive_after, negative_after) \
             SELECT a.id, a.module_id, a.person_id, a.region_id, a.completed_at, {}, {}, {}, {} FROM attempts a \
             JOIN responses r ON r.attempt_id = a.id \
             JOIN gen_steps s ON s.version_id = a.version_id AND r.idempotency_key = 'generated-' || s.ordinal \
             WHERE {finished} AND s.evaluates IS NOT NULL \
             GROUP BY a.id, a.module_id, a.person_id, a.region_id, a.completed_at HAVING COUNT(*) = 4",
            evaluation("attitude_pre", "positive"),
            evaluation("attitude_pre", "negative"),
            evaluation("attitude_post", "positive"),
            evaluation("attitude_post", "negative")
        ),
        format!(
            "INSERT INTO attempt_decisions (attempt_id, module_id, person_id, case_key, node_key, option_key, rating, \
             region_id, completed_at) \
             SELECT a.id, a.module_id, a.person_id, s.case_key, s.node_key, r.answer, r.rating, a.region_id, \
             a.completed_at FROM attempts a JOIN gen_steps s ON s.version_id = a.version_id AND s.kind = 'decision' \
             JOIN responses r ON r.attempt_id = a.id AND r.idempotency_key = 'generated-' || s.ordinal \
             WHERE {finished}"
        ),
    ];
    for sql in statements {
        sqlx::query(&sql).bind(low).bind(high).execute(&mut **tx).await?;
    }
    Ok(())
}
