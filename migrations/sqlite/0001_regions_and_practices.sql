-- Regions (a deanery, an NHS England workforce, training and education region, or a training hub)
-- and the general practices in them: every report is cut by these. Rows are retired, never deleted,
-- because learning records point at them. Times are UTC epoch milliseconds.
CREATE TABLE regions (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    retired_at BIGINT
);

CREATE TABLE practices (
    id INTEGER PRIMARY KEY,
    region_id BIGINT NOT NULL REFERENCES regions (id),
    -- NHS ODS code: one letter and five digits, e.g. A81001.
    ods_code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    retired_at BIGINT
);

CREATE INDEX practices_by_region ON practices (region_id);
