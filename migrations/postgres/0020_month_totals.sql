-- Reports by month. For every region, and for every region together (scope 0), each month
-- (YYYY-MM, UK time) keeps what a report adds up, so that a date range or every region at once reads
-- tens of rows a month instead of every attempt's records: uptake by the month attempts were
-- started (overall: module 0 and practice 0; each module; each practice), the minutes finished
-- attempts took, and learning by the month attempts were finished. A learner counts once in each
-- month. The per-attempt records stay the record: a month is made afresh from them whenever the
-- transactions that start and finish attempts mark it due (app/src/ssr/db/month_totals.rs).

CREATE TABLE month_totals_due (
    scope_id BIGINT NOT NULL,
    month TEXT NOT NULL,
    -- Raised by every mark: a refresh that began before the last mark leaves the month due.
    version BIGINT NOT NULL,
    -- A server refreshing the month holds it until then.
    claimed_until BIGINT,
    PRIMARY KEY (scope_id, month)
);

CREATE TABLE month_uptake (
    scope_id BIGINT NOT NULL,
    month TEXT NOT NULL,
    module_id BIGINT NOT NULL,
    practice_id BIGINT NOT NULL,
    -- Learners who started an attempt, and who finished one of those attempts.
    learners BIGINT NOT NULL,
    completers BIGINT NOT NULL,
    started BIGINT NOT NULL,
    completed BIGINT NOT NULL,
    first_completed_at BIGINT,
    PRIMARY KEY (scope_id, month, module_id, practice_id)
);

CREATE TABLE month_minutes (
    scope_id BIGINT NOT NULL,
    month TEXT NOT NULL,
    module_id BIGINT NOT NULL,
    minutes BIGINT NOT NULL,
    attempts BIGINT NOT NULL,
    PRIMARY KEY (scope_id, month, module_id, minutes)
);

CREATE TABLE month_theme_totals (
    scope_id BIGINT NOT NULL,
    month TEXT NOT NULL,
    theme_code TEXT NOT NULL,
    learners BIGINT NOT NULL,
    share_right_before DOUBLE PRECISION NOT NULL,
    share_right_after DOUBLE PRECISION NOT NULL,
    gain DOUBLE PRECISION NOT NULL,
    gain_squared DOUBLE PRECISION NOT NULL,
    pre_right BIGINT NOT NULL,
    pre_answered BIGINT NOT NULL,
    pre_sure_wrong BIGINT NOT NULL,
    pre_certainty_right BIGINT NOT NULL,
    pre_certainty_wrong BIGINT NOT NULL,
    post_right BIGINT NOT NULL,
    post_answered BIGINT NOT NULL,
    post_sure_wrong BIGINT NOT NULL,
    post_certainty_right BIGINT NOT NULL,
    post_certainty_wrong BIGINT NOT NULL,
    PRIMARY KEY (scope_id, month, theme_code)
);

CREATE TABLE month_practice_gains (
    scope_id BIGINT NOT NULL,
    month TEXT NOT NULL,
    practice_id BIGINT NOT NULL,
    learners BIGINT NOT NULL,
    gain DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (scope_id, month, practice_id)
);

CREATE TABLE month_attitude_totals (
    scope_id BIGINT NOT NULL,
    month TEXT NOT NULL,
    module_id BIGINT NOT NULL,
    statement_key TEXT NOT NULL,
    learners BIGINT NOT NULL,
    pairs BIGINT NOT NULL,
    agreement_before BIGINT NOT NULL,
    agreement_after BIGINT NOT NULL,
    shift BIGINT NOT NULL,
    shift_squared BIGINT NOT NULL,
    PRIMARY KEY (scope_id, month, module_id, statement_key)
);

CREATE TABLE month_decision_totals (
    scope_id BIGINT NOT NULL,
    month TEXT NOT NULL,
    module_id BIGINT NOT NULL,
    case_key TEXT NOT NULL,
    node_key TEXT NOT NULL,
    learners BIGINT NOT NULL,
    taken BIGINT NOT NULL,
    poor_or_unsafe BIGINT NOT NULL,
    PRIMARY KEY (scope_id, month, module_id, case_key, node_key)
);

CREATE TABLE month_ambivalence (
    scope_id BIGINT NOT NULL,
    month TEXT NOT NULL,
    module_id BIGINT NOT NULL,
    learners BIGINT NOT NULL,
    attempts BIGINT NOT NULL,
    positive_before BIGINT NOT NULL,
    negative_before BIGINT NOT NULL,
    positive_after BIGINT NOT NULL,
    negative_after BIGINT NOT NULL,
    doubled_before BIGINT NOT NULL,
    doubled_after BIGINT NOT NULL,
    doubled_shift BIGINT NOT NULL,
    doubled_shift_squared BIGINT NOT NULL,
    PRIMARY KEY (scope_id, month, module_id)
);

CREATE TABLE month_pair_totals (
    scope_id BIGINT NOT NULL,
    month TEXT NOT NULL,
    theme_code TEXT NOT NULL,
    learners BIGINT NOT NULL,
    met BIGINT NOT NULL,
    inconsistent BIGINT NOT NULL,
    PRIMARY KEY (scope_id, month, theme_code)
);

-- Every month that holds records is due, for its region and for every region together; the app
-- servers' workers make them. A month is taken in UTC and an hour later too, so that British Summer
-- Time's first hour of a month is not missed (a month with nothing in it makes no rows).
INSERT INTO month_totals_due (scope_id, month, version)
SELECT DISTINCT s.scope_id, s.month, 1 FROM (
    SELECT COALESCE(region_id, 0) AS scope_id, to_char(to_timestamp(started_at / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM') AS month FROM attempts
    UNION SELECT COALESCE(region_id, 0), to_char(to_timestamp((started_at + 3600000) / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM') FROM attempts
    UNION SELECT COALESCE(region_id, 0), to_char(to_timestamp(completed_at / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM') FROM attempts
        WHERE completed_at IS NOT NULL
    UNION SELECT COALESCE(region_id, 0), to_char(to_timestamp((completed_at + 3600000) / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM') FROM attempts
        WHERE completed_at IS NOT NULL
    UNION SELECT 0, to_char(to_timestamp(started_at / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM') FROM attempts
    UNION SELECT 0, to_char(to_timestamp((started_at + 3600000) / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM') FROM attempts
    UNION SELECT 0, to_char(to_timestamp(completed_at / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM') FROM attempts WHERE completed_at IS NOT NULL
    UNION SELECT 0, to_char(to_timestamp((completed_at + 3600000) / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM') FROM attempts
        WHERE completed_at IS NOT NULL
) s;
