-- Check-in and service hours. `settings` keeps the check-in signing secret when none is
-- configured. Hours are "recorded" from attendance when read (the activity's duration) until
-- staff confirm or adjust them: then `service_hours` holds them, and every change is audited.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE service_hours (
    signup_id  BIGINT PRIMARY KEY REFERENCES signups (id),
    minutes    BIGINT NOT NULL CONSTRAINT service_hours_minutes_sane CHECK (minutes >= 0 AND minutes <= 1440),
    status     TEXT NOT NULL CONSTRAINT service_hours_status_known CHECK (status IN ('recorded', 'confirmed')),
    updated_at BIGINT NOT NULL,
    updated_by BIGINT REFERENCES accounts (id)
);

CREATE TABLE hours_audit (
    id          INTEGER PRIMARY KEY,
    signup_id   BIGINT NOT NULL REFERENCES signups (id),
    account_id  BIGINT NOT NULL REFERENCES accounts (id),
    at          BIGINT NOT NULL,
    old_minutes BIGINT,
    old_status  TEXT,
    new_minutes BIGINT NOT NULL,
    new_status  TEXT NOT NULL,
    reason      TEXT
);
CREATE INDEX hours_audit_signup_id ON hours_audit (signup_id, id);
