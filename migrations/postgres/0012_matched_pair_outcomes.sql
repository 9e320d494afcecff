-- Reports: for each finished attempt of a module with matched pairs, whether the learner made the
-- same choices for both patients of each pair, once per theme the pair speaks to, so a lead can
-- see the share of inconsistent pairs by theme. Written in the transaction that finishes the
-- attempt, like the other summaries.
CREATE TABLE attempt_pair_outcomes (
    attempt_id BIGINT NOT NULL REFERENCES attempts (id),
    module_id BIGINT NOT NULL REFERENCES modules (id),
    person_id BIGINT NOT NULL REFERENCES people (id),
    region_id BIGINT REFERENCES regions (id),
    completed_at BIGINT NOT NULL,
    pair_key TEXT NOT NULL,
    theme_code TEXT NOT NULL REFERENCES themes (code),
    -- 1 when every decision the pair shares got the same option for both patients, else 0.
    consistent BIGINT NOT NULL,
    PRIMARY KEY (attempt_id, pair_key, theme_code)
);

CREATE INDEX attempt_pair_outcomes_by_region ON attempt_pair_outcomes (region_id, completed_at);
