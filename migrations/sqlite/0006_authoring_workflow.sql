-- Authoring: who last saved a draft, who sent a version for review and when, the date by which a
-- published version must be reviewed again, and every clinical sign-off or request for changes.

ALTER TABLE module_versions ADD COLUMN updated_at BIGINT;
ALTER TABLE module_versions ADD COLUMN updated_by BIGINT REFERENCES people (id);
ALTER TABLE module_versions ADD COLUMN submitted_at BIGINT;
ALTER TABLE module_versions ADD COLUMN submitted_by BIGINT REFERENCES people (id);
ALTER TABLE module_versions ADD COLUMN review_by BIGINT;

CREATE TABLE version_reviews (
    id INTEGER PRIMARY KEY,
    version_id BIGINT NOT NULL REFERENCES module_versions (id),
    reviewer_id BIGINT NOT NULL REFERENCES people (id),
    -- signed_off or changes_requested.
    decision TEXT NOT NULL,
    comments TEXT NOT NULL,
    -- The revision of the version the reviewer saw: a sign-off covers exactly that content.
    revision BIGINT NOT NULL,
    decided_at BIGINT NOT NULL
);

CREATE INDEX version_reviews_by_version ON version_reviews (version_id, id);

-- A module has at most one version being written or reviewed at a time.
CREATE UNIQUE INDEX one_open_version_per_module ON module_versions (module_id)
    WHERE status IN ('draft', 'in_review');
