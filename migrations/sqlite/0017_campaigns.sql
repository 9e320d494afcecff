-- Deanery campaigns: a lead invites the GPs of chosen practices (by default the region's high
-- prescribers) to chosen modules, reminds those who have not started, and follows them through
-- the funnel. Invitations and reminders are jobs in the shared queue (kind campaign_invitation or
-- campaign_reminder, subject a recipient), so each is sent once whichever app server runs it.

CREATE TABLE campaigns (
    id INTEGER PRIMARY KEY,
    -- A UUID: the campaign's address, /campaigns/<public_id>.
    public_id TEXT NOT NULL UNIQUE,
    region_id BIGINT NOT NULL REFERENCES regions (id),
    name TEXT NOT NULL,
    -- The lead's words, at the top of every invitation.
    message TEXT NOT NULL,
    -- The last day of the campaign, YYYY-MM-DD: no invitation or reminder goes out after it.
    closes_on TEXT NOT NULL,
    -- Days after the invitation a recipient who has not started is reminded, once.
    reminder_days BIGINT NOT NULL,
    -- draft, running, paused or closed.
    status TEXT NOT NULL,
    -- How the first targets were chosen, for the record (such as "high prescribers by ADQs per item, 2026-01 to 2026-06").
    targeted_by TEXT NOT NULL,
    created_by BIGINT NOT NULL REFERENCES people (id),
    created_at BIGINT NOT NULL,
    started_at BIGINT,
    closed_at BIGINT
);

CREATE INDEX campaigns_by_region ON campaigns (region_id, created_at);

CREATE TABLE campaign_modules (
    campaign_id BIGINT NOT NULL REFERENCES campaigns (id),
    module_id BIGINT NOT NULL REFERENCES modules (id),
    PRIMARY KEY (campaign_id, module_id)
);

CREATE TABLE campaign_practices (
    campaign_id BIGINT NOT NULL REFERENCES campaigns (id),
    practice_id BIGINT NOT NULL REFERENCES practices (id),
    PRIMARY KEY (campaign_id, practice_id)
);

-- Everyone a campaign invites: a GP registered at a target practice (person_id), or an address
-- the lead uploaded (email), who is sent an invitation to register and is linked to their account
-- when they accept it.
CREATE TABLE campaign_recipients (
    id INTEGER PRIMARY KEY,
    campaign_id BIGINT NOT NULL REFERENCES campaigns (id),
    practice_id BIGINT NOT NULL REFERENCES practices (id),
    person_id BIGINT REFERENCES people (id),
    -- Lower-cased; only for uploaded addresses.
    email TEXT,
    invitation_id BIGINT REFERENCES invitations (id),
    added_at BIGINT NOT NULL,
    invited_at BIGINT,
    reminded_at BIGINT,
    UNIQUE (campaign_id, person_id),
    UNIQUE (campaign_id, email)
);

CREATE INDEX campaign_recipients_by_invitation ON campaign_recipients (invitation_id);
