-- The curriculum: the review's themes and recommendations (seeded here, the same list as
-- app/src/domain/curriculum/theme.rs, which a test compares), modules, and their versions. A
-- version's content is the validated module definition as JSON; a published version never changes
-- (the database refuses), because learners' records point at it.

CREATE TABLE themes (
    code TEXT PRIMARY KEY,
    -- theme or recommendation.
    kind TEXT NOT NULL,
    position BIGINT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL
);

INSERT INTO themes (code, kind, position, title, description) VALUES
    ('changing-context', 'theme', 1, 'A changing context', 'Prescribing culture has moved from optimism about benzodiazepines to caution, and GPs now look after patients whose treatment once stayed in secondary care.'),
    ('gp-role', 'theme', 2, 'The GP''s role and responsibility', 'Whether the GP sees their job as correcting past prescribing or as continuing it, and the pull between prescribing less and wanting to help the person in front of them.'),
    ('deserving-patient', 'theme', 3, 'The ''deserving'' patient', 'Judgements about who deserves a prescription, or deserves to be left on one: older people, long-term users, people with many conditions or hard lives, people who elicit sympathy.'),
    ('patient-expectations', 'theme', 4, 'Perceived patient expectations', 'Choosing what to do from assumptions about what the patient wants, rather than asking them.'),
    ('attitudes-to-alternatives', 'theme', 5, 'Attitudes to different interventions', 'Views of benzodiazepines and Z-drugs, and how much GPs know about (and trust) the alternatives, such as psychological treatment for insomnia and anxiety.'),
    ('starting-vs-withdrawing', 'theme', 6, 'Starting versus withdrawing', 'Starting, continuing and stopping pose different problems: the same ''deserving'' traits feed all three, and withdrawal meets its own barriers (fear of losing the patient, past failures, a lack of alternatives).'),
    ('ambivalence-rules', 'theme', 7, 'Ambivalence and inconsistent ''rules''', 'GPs hold personal rules (use as little as possible, short courses only, educate the patient) but apply them inconsistently, between patients and from day to day.'),
    ('r1-education', 'recommendation', 8, 'Education for doctors', 'Education and training for primary and secondary care doctors, particularly high prescribers, to correct knowledge deficits.'),
    ('r2-shared-care', 'recommendation', 9, 'Responsibility across services', 'GPs take responsibility for continuing prescriptions started in secondary care, with better communication between services.'),
    ('r3-attitudes-to-alternatives', 'recommendation', 10, 'Attitudes to alternatives', 'Change attitudes to, and understanding of, alternative treatments.'),
    ('r4-access-to-alternatives', 'recommendation', 11, 'Access to alternatives', 'Make alternatives more available and accessible, such as computerised CBT for insomnia.');

CREATE TABLE modules (
    id INTEGER PRIMARY KEY,
    -- The module's address, /modules/<slug>.
    slug TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES people (id)
);

CREATE TABLE module_versions (
    id INTEGER PRIMARY KEY,
    module_id BIGINT NOT NULL REFERENCES modules (id),
    -- 1, 2, 3 ... within the module.
    number BIGINT NOT NULL,
    -- draft, in_review, published or retired.
    status TEXT NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    estimated_minutes BIGINT NOT NULL,
    -- The module definition, as JSON.
    content TEXT NOT NULL,
    -- Incremented by every save of a draft, so two editors cannot silently overwrite each other.
    revision BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES people (id),
    published_at BIGINT,
    published_by BIGINT REFERENCES people (id),
    retired_at BIGINT,
    UNIQUE (module_id, number)
);

CREATE INDEX module_versions_by_status ON module_versions (status, module_id);

CREATE TABLE module_version_themes (
    version_id BIGINT NOT NULL REFERENCES module_versions (id),
    theme_code TEXT NOT NULL REFERENCES themes (code),
    PRIMARY KEY (version_id, theme_code)
);

CREATE INDEX module_version_themes_by_theme ON module_version_themes (theme_code);

-- A published (or retired) version's content never changes; only its status may move on.
CREATE TRIGGER published_versions_are_immutable
BEFORE UPDATE OF module_id, number, title, summary, estimated_minutes, content ON module_versions
WHEN OLD.status IN ('published', 'retired')
BEGIN
    SELECT RAISE(ABORT, 'a published module version never changes');
END;
