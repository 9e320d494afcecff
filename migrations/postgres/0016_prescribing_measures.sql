-- The measures OpenPrescribing computes for hypnotics and anxiolytics besides items per 1,000
-- patients: average daily quantities (ADQ) per item and per 1,000 patients. The English Prescribing
-- Dataset gives each line's ADQ usage; a month imported before this migration has none (NULL), and a
-- month imported again gains it.
ALTER TABLE practice_prescribing ADD COLUMN adq_usage DOUBLE PRECISION;

-- Patients registered at each practice, from NHS Digital's "Patients registered at a GP practice"
-- file (one extract a month). A prescribing month without a list size of its own takes the latest
-- extract at or before it (or, before the first extract, the first). Importing an extract again
-- replaces its figures.
CREATE TABLE practice_list_sizes (
    practice_id BIGINT NOT NULL REFERENCES practices (id),
    -- The month of the extract, YYYY-MM.
    month TEXT NOT NULL,
    patients BIGINT NOT NULL CHECK (patients > 0),
    imported_at BIGINT NOT NULL,
    imported_by BIGINT NOT NULL REFERENCES people (id),
    PRIMARY KEY (practice_id, month)
);
