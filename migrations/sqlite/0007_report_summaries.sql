-- Reports: one summary row per finished attempt and theme, written in the transaction that
-- finishes the attempt, so the dashboards add up summaries (by region and date, from an index)
-- instead of scanning every answer. Region and practice are the learner's when they started.

CREATE TABLE attempt_theme_scores (
    attempt_id BIGINT NOT NULL REFERENCES attempts (id),
    theme_code TEXT NOT NULL REFERENCES themes (code),
    person_id BIGINT NOT NULL REFERENCES people (id),
    region_id BIGINT REFERENCES regions (id),
    practice_id BIGINT REFERENCES practices (id),
    completed_at BIGINT NOT NULL,
    -- Before the cases: items right, answered, wrong at certainty 3, and the certainty sums of the
    -- right and of the wrong answers; then the same after the cases.
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
    PRIMARY KEY (attempt_id, theme_code)
);

CREATE INDEX attempt_theme_scores_by_region ON attempt_theme_scores (region_id, completed_at);
CREATE INDEX attempts_by_region ON attempts (region_id, started_at);
