-- Reports: for each finished attempt of a module that measures ambivalence, the learner's two
-- evaluations (how favourable and how unfavourable they find benzodiazepines, each alone, 0 to 4)
-- before and after the cases. The reports add up the Griffin index, (P + N) / 2 - |P - N|, from
-- these. Written in the transaction that finishes the attempt.
CREATE TABLE attempt_ambivalence (
    attempt_id BIGINT NOT NULL PRIMARY KEY REFERENCES attempts (id),
    module_id BIGINT NOT NULL REFERENCES modules (id),
    person_id BIGINT NOT NULL REFERENCES people (id),
    region_id BIGINT REFERENCES regions (id),
    completed_at BIGINT NOT NULL,
    positive_before BIGINT NOT NULL,
    negative_before BIGINT NOT NULL,
    positive_after BIGINT NOT NULL,
    negative_after BIGINT NOT NULL
);

CREATE INDEX attempt_ambivalence_by_region ON attempt_ambivalence (region_id, completed_at);
