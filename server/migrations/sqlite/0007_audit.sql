-- The audit log: every write by staff, a team's leader or an administrator — who, when, on which
-- site, what (an action and its subject), and the subject before and after as JSON. Read by
-- administrators, newest first, filtered by site and by person.

CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    at         BIGINT NOT NULL,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    site_id    BIGINT REFERENCES sites (id),
    action     TEXT NOT NULL,
    subject    TEXT NOT NULL,
    before_json TEXT,
    after_json  TEXT
);
CREATE INDEX audit_log_site_id ON audit_log (site_id, id);
CREATE INDEX audit_log_account_id ON audit_log (account_id, id);
