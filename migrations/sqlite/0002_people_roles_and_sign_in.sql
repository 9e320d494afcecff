-- People with accounts, the roles they hold, invitations, password resets, sign-in throttles,
-- sessions and the audit log. Times are UTC epoch milliseconds.

CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    -- Lower-cased: one account per address, whatever the capitals.
    email TEXT NOT NULL UNIQUE,
    full_name TEXT NOT NULL,
    -- Argon2id, in the PHC string format.
    password_hash TEXT NOT NULL,
    gmc_number TEXT,
    practice_id BIGINT REFERENCES practices (id),
    -- gp, gp_trainee or other; learners only.
    career_stage TEXT,
    -- A random value every session of this person is bound to: replacing it (password change,
    -- role change, deactivation) ends all of them at once, on every app server.
    session_key TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    deactivated_at BIGINT
);

CREATE INDEX people_by_practice ON people (practice_id);

CREATE TABLE role_grants (
    person_id BIGINT NOT NULL REFERENCES people (id),
    -- learner, trainer, deanery_lead or admin.
    role TEXT NOT NULL,
    -- The region a deanery lead covers; empty for every other role.
    region_id BIGINT REFERENCES regions (id),
    granted_at BIGINT NOT NULL,
    granted_by BIGINT REFERENCES people (id),
    PRIMARY KEY (person_id, role)
);

CREATE INDEX role_grants_by_region ON role_grants (region_id);

CREATE TABLE invitations (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL,
    -- Comma-separated role codes the person will hold.
    roles TEXT NOT NULL,
    region_id BIGINT REFERENCES regions (id),
    practice_id BIGINT REFERENCES practices (id),
    -- SHA-256 of the single-use token sent by email; the token itself is never stored.
    token_hash TEXT NOT NULL UNIQUE,
    invited_by BIGINT NOT NULL REFERENCES people (id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    accepted_at BIGINT
);

CREATE TABLE password_resets (
    -- SHA-256 of the single-use token sent by email.
    token_hash TEXT PRIMARY KEY,
    person_id BIGINT NOT NULL REFERENCES people (id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);

CREATE INDEX password_resets_by_person ON password_resets (person_id);

-- Failed sign-in counters, one row per account (by email, known or not) and per client address.
CREATE TABLE sign_in_throttles (
    throttle_key TEXT PRIMARY KEY,
    consecutive_failures BIGINT NOT NULL,
    window_started_at BIGINT NOT NULL,
    window_failures BIGINT NOT NULL,
    locked_until BIGINT NOT NULL
);

CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);

CREATE INDEX sessions_by_expiry ON sessions (expires_at);

CREATE TABLE audit_events (
    id INTEGER PRIMARY KEY,
    at BIGINT NOT NULL,
    action TEXT NOT NULL,
    actor_id BIGINT REFERENCES people (id),
    subject_id BIGINT REFERENCES people (id),
    -- A short description; never a password, token or free text a person wrote.
    detail TEXT NOT NULL,
    client_address TEXT
);

CREATE INDEX audit_events_by_time ON audit_events (at);
CREATE INDEX audit_events_by_action ON audit_events (action, at);

-- The audit log is append-only: the database itself refuses to change or remove an event.
CREATE TRIGGER audit_events_are_not_updated BEFORE UPDATE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit events are append-only');
END;

CREATE TRIGGER audit_events_are_not_deleted BEFORE DELETE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit events are append-only');
END;
