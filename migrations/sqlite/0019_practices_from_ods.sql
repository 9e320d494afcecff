-- Practices from NHS ODS: the GP practice file (epraccur) creates and updates practices, closing
-- those it marks closed (the row stays, retired, because learning records point at it). Each
-- practice's region comes from its commissioner (a sub-ICB location, formerly a CCG), by a mapping
-- an admin sets once. Practices made by hand keep empty ODS details.
ALTER TABLE practices ADD COLUMN address TEXT;
ALTER TABLE practices ADD COLUMN postcode TEXT;
ALTER TABLE practices ADD COLUMN commissioner TEXT;
-- As ODS gives them, YYYY-MM-DD.
ALTER TABLE practices ADD COLUMN opened_on TEXT;
ALTER TABLE practices ADD COLUMN closed_on TEXT;

CREATE TABLE commissioner_regions (
    -- The commissioner's ODS code, such as 15N.
    commissioner TEXT PRIMARY KEY,
    region_id BIGINT NOT NULL REFERENCES regions (id),
    set_at BIGINT NOT NULL
);
