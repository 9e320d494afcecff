-- Evidence of learning: a certificate for every finished attempt, verifiable by its code, and every
-- learning event kept as an xAPI 1.0.3 statement.

CREATE TABLE certificates (
    id INTEGER PRIMARY KEY,
    attempt_id BIGINT NOT NULL UNIQUE REFERENCES attempts (id),
    person_id BIGINT NOT NULL REFERENCES people (id),
    -- Twelve characters of Crockford base32, shown as XXXX-XXXX-XXXX.
    code TEXT NOT NULL UNIQUE,
    issued_at BIGINT NOT NULL,
    -- Measured from the attempt's records (each step's time capped), not the module's estimate.
    minutes_spent BIGINT NOT NULL
);

CREATE INDEX certificates_by_person ON certificates (person_id);

CREATE TABLE statements (
    id INTEGER PRIMARY KEY,
    -- The statement's own UUID.
    statement_id TEXT NOT NULL UNIQUE,
    person_id BIGINT NOT NULL REFERENCES people (id),
    attempt_id BIGINT NOT NULL REFERENCES attempts (id),
    -- launched, answered, completed or commented (the reflection).
    verb TEXT NOT NULL,
    stored_at BIGINT NOT NULL,
    -- The statement as JSON.
    body TEXT NOT NULL
);

CREATE INDEX statements_by_person ON statements (person_id, id);
