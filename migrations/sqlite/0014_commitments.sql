-- Commitments to change: up to three concrete changes a learner intends, written with their
-- reflection at the end of an attempt (what, for which patients, by when). Private to the learner
-- like the reflection, and append-only like every answer: what became of one is recorded apart.
CREATE TABLE commitments (
    id INTEGER PRIMARY KEY,
    attempt_id BIGINT NOT NULL REFERENCES attempts (id),
    person_id BIGINT NOT NULL REFERENCES people (id),
    -- 1 to 3, in the order written.
    position BIGINT NOT NULL,
    what TEXT NOT NULL,
    patients TEXT NOT NULL,
    -- The date it is to be done by, YYYY-MM-DD.
    due_by TEXT NOT NULL,
    recorded_at BIGINT NOT NULL,
    UNIQUE (attempt_id, position)
);

CREATE INDEX commitments_by_person ON commitments (person_id);

CREATE TRIGGER commitments_are_not_updated BEFORE UPDATE ON commitments
BEGIN
    SELECT RAISE(ABORT, 'commitments are append-only');
END;

CREATE TRIGGER commitments_are_not_deleted BEFORE DELETE ON commitments
BEGIN
    SELECT RAISE(ABORT, 'commitments are append-only');
END;
