-- Verified sign-ups: a self-registered account must confirm its email address by a link before it
-- can start a module or count in any report. Accounts made by invitation (the link came by email),
-- by an administrator, the demo or the generator are confirmed when they are made; every account
-- kept before this migration is taken as confirmed.
ALTER TABLE people ADD COLUMN email_confirmed_at BIGINT;
UPDATE people SET email_confirmed_at = created_at;

-- The emails about an account that carry a link or a warning: 'confirm' (the link that confirms
-- the address, to `next_path` afterwards) and 'already_registered' (someone tried to register
-- with an address that has an account: its owner is told, and the form shows nothing different).
-- Each is a job in the shared queue (kind account_email, subject this row), so it is sent once
-- whichever app server runs it; the token is made when the email is sent and only its hash kept.
CREATE TABLE account_emails (
    id INTEGER PRIMARY KEY,
    person_id BIGINT NOT NULL REFERENCES people (id),
    purpose TEXT NOT NULL CHECK (purpose IN ('confirm', 'already_registered')),
    next_path TEXT,
    token_hash TEXT UNIQUE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);

CREATE INDEX account_emails_by_person ON account_emails (person_id);
