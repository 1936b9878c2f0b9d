-- Sign-ups (报名) with a waitlist (候补), team membership and team-only activities.
-- One account has at most one active (not cancelled) sign-up per activity: the partial UNIQUE
-- index decides, so signing up twice at once cannot slip through. The waitlist order is the
-- order of ids (arrival); positions are counted when read, so they never have gaps.

ALTER TABLE activities ADD COLUMN team_only BIGINT NOT NULL DEFAULT 0;

CREATE TABLE team_members (
    team_id      BIGINT NOT NULL REFERENCES teams (id),
    account_id   BIGINT NOT NULL REFERENCES accounts (id),
    status       TEXT NOT NULL CONSTRAINT team_members_status_known CHECK (status IN ('pending', 'member')),
    requested_at BIGINT NOT NULL,
    decided_at   BIGINT,
    CONSTRAINT team_members_pkey PRIMARY KEY (team_id, account_id)
);
CREATE INDEX team_members_account_id ON team_members (account_id);

CREATE TABLE signups (
    id            INTEGER PRIMARY KEY,
    activity_id   BIGINT NOT NULL REFERENCES activities (id),
    account_id    BIGINT NOT NULL REFERENCES accounts (id),
    status        TEXT NOT NULL CONSTRAINT signups_status_known
                  CHECK (status IN ('confirmed', 'waitlisted', 'cancelled', 'attended', 'no_show')),
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    checked_in_at BIGINT
);
CREATE UNIQUE INDEX signups_one_active_per_account ON signups (activity_id, account_id) WHERE status <> 'cancelled';
CREATE INDEX signups_activity_id_status ON signups (activity_id, status, id);
CREATE INDEX signups_account_id ON signups (account_id);
