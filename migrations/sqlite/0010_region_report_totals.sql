-- Reports: each region's totals over all time, kept up to date in the transaction that finishes an
-- attempt, so a region's dashboard adds up tens of rows rather than every learner's summaries (at
-- ten million responses a region holds about 150,000 theme summaries). A date range, or every
-- region at once, is still added up from the per-attempt summaries, which stay the record.
-- The figures are exactly those the per-attempt summaries give for the region: a learner's
-- answers are added up over their finished attempts in the region first, so finishing another
-- attempt replaces that learner's share of a total rather than adding a second learner.

-- Per theme: the learners who answered its items before and after, the sums of their shares right
-- before and after, of their gains and of the gains' squares, then their answers' totals.
CREATE TABLE region_theme_totals (
    region_id BIGINT NOT NULL REFERENCES regions (id),
    theme_code TEXT NOT NULL REFERENCES themes (code),
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
    PRIMARY KEY (region_id, theme_code)
);

-- Per practice (a learner's latest practice in the region): learners with answers before and
-- after, and the sum of their gains over every theme's items together.
CREATE TABLE region_practice_gains (
    region_id BIGINT NOT NULL REFERENCES regions (id),
    practice_id BIGINT NOT NULL REFERENCES practices (id),
    learners BIGINT NOT NULL,
    gain DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (region_id, practice_id)
);

CREATE TABLE region_attitude_totals (
    region_id BIGINT NOT NULL REFERENCES regions (id),
    module_id BIGINT NOT NULL REFERENCES modules (id),
    statement_key TEXT NOT NULL,
    learners BIGINT NOT NULL,
    pairs BIGINT NOT NULL,
    agreement_before BIGINT NOT NULL,
    agreement_after BIGINT NOT NULL,
    shift BIGINT NOT NULL,
    shift_squared BIGINT NOT NULL,
    PRIMARY KEY (region_id, module_id, statement_key)
);

CREATE TABLE region_decision_totals (
    region_id BIGINT NOT NULL REFERENCES regions (id),
    module_id BIGINT NOT NULL REFERENCES modules (id),
    case_key TEXT NOT NULL,
    node_key TEXT NOT NULL,
    learners BIGINT NOT NULL,
    taken BIGINT NOT NULL,
    poor_or_unsafe BIGINT NOT NULL,
    PRIMARY KEY (region_id, module_id, case_key, node_key)
);

-- Finishing an attempt reads the learner's earlier decisions through their attempts.
CREATE INDEX attempt_decisions_by_attempt ON attempt_decisions (attempt_id);

-- The totals of the records already kept.
INSERT INTO region_theme_totals
SELECT l.region_id, l.theme_code, COUNT(*), SUM(l.before_share), SUM(l.after_share),
    SUM(l.after_share - l.before_share), SUM((l.after_share - l.before_share) * (l.after_share - l.before_share)),
    SUM(l.pre_right), SUM(l.pre_answered), SUM(l.pre_sure_wrong), SUM(l.pre_certainty_right), SUM(l.pre_certainty_wrong),
    SUM(l.post_right), SUM(l.post_answered), SUM(l.post_sure_wrong), SUM(l.post_certainty_right), SUM(l.post_certainty_wrong)
FROM (
    SELECT t.region_id, t.theme_code,
        CAST(SUM(t.pre_right) AS DOUBLE PRECISION) / SUM(t.pre_answered) AS before_share,
        CAST(SUM(t.post_right) AS DOUBLE PRECISION) / SUM(t.post_answered) AS after_share,
        SUM(t.pre_right) AS pre_right, SUM(t.pre_answered) AS pre_answered, SUM(t.pre_sure_wrong) AS pre_sure_wrong,
        SUM(t.pre_certainty_right) AS pre_certainty_right, SUM(t.pre_certainty_wrong) AS pre_certainty_wrong,
        SUM(t.post_right) AS post_right, SUM(t.post_answered) AS post_answered, SUM(t.post_sure_wrong) AS post_sure_wrong,
        SUM(t.post_certainty_right) AS post_certainty_right, SUM(t.post_certainty_wrong) AS post_certainty_wrong
    FROM attempt_theme_scores t WHERE t.region_id IS NOT NULL
    GROUP BY t.region_id, t.theme_code, t.person_id
    HAVING SUM(t.pre_answered) > 0 AND SUM(t.post_answered) > 0
) l
GROUP BY l.region_id, l.theme_code;

INSERT INTO region_practice_gains
SELECT l.region_id, l.practice_id, COUNT(*), SUM(l.gain)
FROM (
    SELECT t.region_id, MAX(t.practice_id) AS practice_id,
        CAST(SUM(t.post_right) AS DOUBLE PRECISION) / SUM(t.post_answered)
        - CAST(SUM(t.pre_right) AS DOUBLE PRECISION) / SUM(t.pre_answered) AS gain
    FROM attempt_theme_scores t WHERE t.region_id IS NOT NULL
    GROUP BY t.region_id, t.person_id
    HAVING SUM(t.pre_answered) > 0 AND SUM(t.post_answered) > 0
) l
WHERE l.practice_id IS NOT NULL
GROUP BY l.region_id, l.practice_id;

INSERT INTO region_attitude_totals
SELECT t.region_id, t.module_id, t.statement_key, COUNT(DISTINCT t.person_id), COUNT(*),
    SUM(t.agreement_before), SUM(t.agreement_after), SUM(t.agreement_after - t.agreement_before),
    SUM((t.agreement_after - t.agreement_before) * (t.agreement_after - t.agreement_before))
FROM attempt_attitudes t WHERE t.region_id IS NOT NULL
GROUP BY t.region_id, t.module_id, t.statement_key;

INSERT INTO region_decision_totals
SELECT t.region_id, t.module_id, t.case_key, t.node_key, COUNT(DISTINCT t.person_id), COUNT(*),
    SUM(CASE WHEN t.rating IN ('poor', 'unsafe') THEN 1 ELSE 0 END)
FROM attempt_decisions t WHERE t.region_id IS NOT NULL
GROUP BY t.region_id, t.module_id, t.case_key, t.node_key;
