-- Practices' prescribing of benzodiazepines and Z-drugs by month, imported by deanery leads from
-- CSV files (the formats are described on /reports/prescribing). One row per practice and month: importing a month
-- again replaces its figures, so nothing is counted twice.

CREATE TABLE practice_prescribing (
    practice_id BIGINT NOT NULL REFERENCES practices (id),
    -- The calendar month, YYYY-MM.
    month TEXT NOT NULL,
    benzodiazepine_items BIGINT NOT NULL,
    z_drug_items BIGINT NOT NULL,
    -- Registered patients that month, when known; the rate is items per 1,000 of them.
    list_size BIGINT,
    -- A rate given directly (items per 1,000 patients), for files without a list size.
    rate_per_1000 REAL,
    imported_at BIGINT NOT NULL,
    imported_by BIGINT NOT NULL REFERENCES people (id),
    PRIMARY KEY (practice_id, month)
);
