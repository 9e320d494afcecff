-- After a module: follow-ups that fall due weeks after an attempt finishes (booster questions at
-- the module's schedule, and at twelve weeks a report on each commitment to change), the answers
-- to them (append-only, like every answer), the learner's choice about reminders, and the jobs
-- that send the emails. Jobs live here so that any number of app servers share one queue.

CREATE TABLE follow_ups (
    id INTEGER PRIMARY KEY,
    -- A UUID: the follow-up's address, /follow-ups/<public_id>.
    public_id TEXT NOT NULL UNIQUE,
    attempt_id BIGINT NOT NULL REFERENCES attempts (id),
    person_id BIGINT NOT NULL REFERENCES people (id),
    -- booster or practice.
    kind TEXT NOT NULL,
    -- Days after the attempt finished; a booster's number is its order among the attempt's.
    after_days BIGINT NOT NULL,
    due_at BIGINT NOT NULL,
    -- The knowledge items a booster asks, comma-separated keys, fixed the first time it is opened.
    items TEXT,
    completed_at BIGINT,
    UNIQUE (attempt_id, kind, after_days)
);

CREATE INDEX follow_ups_by_person ON follow_ups (person_id, due_at);

CREATE TABLE follow_up_answers (
    id INTEGER PRIMARY KEY,
    follow_up_id BIGINT NOT NULL REFERENCES follow_ups (id),
    person_id BIGINT NOT NULL REFERENCES people (id),
    item TEXT NOT NULL,
    answer TEXT NOT NULL,
    correct BIGINT NOT NULL,
    certainty BIGINT NOT NULL,
    score BIGINT NOT NULL,
    -- The option keys in the order shown (`c,a,d,b`).
    option_order TEXT NOT NULL,
    recorded_at BIGINT NOT NULL,
    UNIQUE (follow_up_id, item)
);

-- What became of a commitment to change, reported at the twelve-week follow-up.
CREATE TABLE commitment_outcomes (
    commitment_id BIGINT NOT NULL PRIMARY KEY REFERENCES commitments (id),
    follow_up_id BIGINT NOT NULL REFERENCES follow_ups (id),
    person_id BIGINT NOT NULL REFERENCES people (id),
    -- done, partly or not_done.
    outcome TEXT NOT NULL,
    what_happened TEXT NOT NULL,
    -- Barrier codes, comma-separated (see domain::learning::follow_up::Barrier).
    barriers TEXT NOT NULL,
    other_barrier TEXT NOT NULL,
    recorded_at BIGINT NOT NULL
);

-- One row per learner once they have been sent a follow-up email: the token of the link that
-- turns reminders off without signing in, and when they were turned off (null while on).
CREATE TABLE reminder_settings (
    person_id BIGINT NOT NULL PRIMARY KEY REFERENCES people (id),
    token TEXT NOT NULL UNIQUE,
    off_at BIGINT
);

-- Work to do at a time: a follow-up's due email, then its reminder. A job is claimed by setting
-- a lease (locked_until); it is finished by setting done_at, only by the holder of the lease.
CREATE TABLE jobs (
    id INTEGER PRIMARY KEY,
    -- follow_up_due or follow_up_reminder.
    kind TEXT NOT NULL,
    -- The row the job is about (a follow-up's id).
    subject_id BIGINT NOT NULL,
    run_at BIGINT NOT NULL,
    tries BIGINT NOT NULL DEFAULT 0,
    locked_until BIGINT,
    done_at BIGINT,
    last_error TEXT,
    UNIQUE (kind, subject_id)
);

CREATE INDEX jobs_waiting ON jobs (run_at) WHERE done_at IS NULL;

CREATE TRIGGER follow_up_answers_are_not_updated BEFORE UPDATE ON follow_up_answers
BEGIN
    SELECT RAISE(ABORT, 'follow-up answers are append-only');
END;

CREATE TRIGGER follow_up_answers_are_not_deleted BEFORE DELETE ON follow_up_answers
BEGIN
    SELECT RAISE(ABORT, 'follow-up answers are append-only');
END;

CREATE TRIGGER commitment_outcomes_are_not_updated BEFORE UPDATE ON commitment_outcomes
BEGIN
    SELECT RAISE(ABORT, 'commitment outcomes are append-only');
END;

CREATE TRIGGER commitment_outcomes_are_not_deleted BEFORE DELETE ON commitment_outcomes
BEGIN
    SELECT RAISE(ABORT, 'commitment outcomes are append-only');
END;
