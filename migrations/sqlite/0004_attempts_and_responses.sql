-- Learners' attempts at module versions and every answer they give. Responses are append-only
-- (the database refuses changes) and carry an idempotency key, so a double click or a retry never
-- records twice. Reflections are kept apart: they are private to the learner and never reported.

CREATE TABLE attempts (
    id INTEGER PRIMARY KEY,
    -- A UUID: the attempt's address and its xAPI registration.
    public_id TEXT NOT NULL UNIQUE,
    person_id BIGINT NOT NULL REFERENCES people (id),
    module_id BIGINT NOT NULL REFERENCES modules (id),
    -- The version is fixed for the life of the attempt, whatever is published meanwhile.
    version_id BIGINT NOT NULL REFERENCES module_versions (id),
    -- The learner's practice and its region when they started, for reports.
    practice_id BIGINT REFERENCES practices (id),
    region_id BIGINT REFERENCES regions (id),
    -- in_progress or completed.
    status TEXT NOT NULL,
    -- The step the learner is on, such as pre:duration or case:margaret:review.
    current_step TEXT NOT NULL,
    step_started_at BIGINT NOT NULL,
    started_at BIGINT NOT NULL,
    completed_at BIGINT
);

CREATE INDEX attempts_by_person ON attempts (person_id, status);
-- One attempt in progress per learner and module: starting twice resumes the first.
CREATE UNIQUE INDEX one_open_attempt_per_module ON attempts (person_id, module_id)
    WHERE status = 'in_progress';
CREATE INDEX attempts_by_version ON attempts (version_id);

CREATE TABLE responses (
    id INTEGER PRIMARY KEY,
    attempt_id BIGINT NOT NULL REFERENCES attempts (id),
    person_id BIGINT NOT NULL REFERENCES people (id),
    version_id BIGINT NOT NULL REFERENCES module_versions (id),
    step TEXT NOT NULL,
    -- pre_item, post_item, attitude_pre, attitude_post, decision, continue or reflection.
    kind TEXT NOT NULL,
    -- The option key, or the agreement (1 to 5) for an attitude statement.
    answer TEXT,
    -- Knowledge items: 1 if right, 0 if wrong; the certainty given (1 to 3) and the
    -- certainty-based mark.
    correct BIGINT,
    certainty BIGINT,
    score BIGINT,
    -- Decisions: best, acceptable, poor or unsafe.
    rating TEXT,
    time_on_step_ms BIGINT NOT NULL,
    recorded_at BIGINT NOT NULL,
    idempotency_key TEXT NOT NULL
);

CREATE UNIQUE INDEX responses_once_per_key ON responses (attempt_id, idempotency_key);
CREATE INDEX responses_by_version_step ON responses (version_id, step);

CREATE TABLE reflections (
    attempt_id BIGINT PRIMARY KEY REFERENCES attempts (id),
    person_id BIGINT NOT NULL REFERENCES people (id),
    body TEXT NOT NULL,
    recorded_at BIGINT NOT NULL
);

CREATE TRIGGER responses_are_not_updated BEFORE UPDATE ON responses
BEGIN
    SELECT RAISE(ABORT, 'responses are append-only');
END;

CREATE TRIGGER responses_are_not_deleted BEFORE DELETE ON responses
BEGIN
    SELECT RAISE(ABORT, 'responses are append-only');
END;
