-- Reports: beside each finished attempt's theme scores, the learner's agreement with each attitude
-- statement before and after the cases, and the option chosen at each case decision with its
-- rating, written in the transaction that finishes the attempt.

CREATE TABLE attempt_attitudes (
    attempt_id BIGINT NOT NULL REFERENCES attempts (id),
    module_id BIGINT NOT NULL REFERENCES modules (id),
    person_id BIGINT NOT NULL REFERENCES people (id),
    statement_key TEXT NOT NULL,
    region_id BIGINT REFERENCES regions (id),
    completed_at BIGINT NOT NULL,
    -- Agreement from 1 (strongly disagree) to 5 (strongly agree).
    agreement_before BIGINT NOT NULL,
    agreement_after BIGINT NOT NULL,
    PRIMARY KEY (attempt_id, statement_key)
);

CREATE INDEX attempt_attitudes_by_region ON attempt_attitudes (region_id, completed_at);

CREATE TABLE attempt_decisions (
    id INTEGER PRIMARY KEY,
    attempt_id BIGINT NOT NULL REFERENCES attempts (id),
    module_id BIGINT NOT NULL REFERENCES modules (id),
    person_id BIGINT NOT NULL REFERENCES people (id),
    case_key TEXT NOT NULL,
    node_key TEXT NOT NULL,
    option_key TEXT NOT NULL,
    -- best, acceptable, poor or unsafe.
    rating TEXT NOT NULL,
    region_id BIGINT REFERENCES regions (id),
    -- A case that loops may bring a learner to the same decision twice: each choice is a row.
    completed_at BIGINT NOT NULL
);

CREATE INDEX attempt_decisions_by_region ON attempt_decisions (region_id, completed_at);
