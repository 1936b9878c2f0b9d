-- Accounts, sessions and roles. Phones are unique (the index decides, not a check before the
-- insert); a session keeps only the SHA-256 of its token; staff grants inherit down the site tree.

CREATE TABLE accounts (
    id            INTEGER PRIMARY KEY,
    display_name  TEXT NOT NULL,
    phone         TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    -- The site whose staff manage this resident (set when staff open the account).
    site_id       BIGINT REFERENCES sites (id),
    is_admin      BIGINT NOT NULL DEFAULT 0,
    created_at    BIGINT NOT NULL
);
CREATE UNIQUE INDEX accounts_phone_key ON accounts (phone);

CREATE TABLE sessions (
    id          INTEGER PRIMARY KEY,
    account_id  BIGINT NOT NULL REFERENCES accounts (id),
    token_hash  TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    revoked_at  BIGINT
);
CREATE UNIQUE INDEX sessions_token_hash_key ON sessions (token_hash);
CREATE INDEX sessions_account_id ON sessions (account_id);

CREATE TABLE staff_grants (
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    site_id    BIGINT NOT NULL REFERENCES sites (id),
    PRIMARY KEY (account_id, site_id)
);

ALTER TABLE teams ADD COLUMN leader_account_id BIGINT REFERENCES accounts (id);

-- Wrong passwords, counted per phone and per client address over a sliding window.
CREATE TABLE sign_in_failures (
    id      INTEGER PRIMARY KEY,
    phone   TEXT NOT NULL,
    address TEXT NOT NULL,
    at      BIGINT NOT NULL
);
CREATE INDEX sign_in_failures_phone_at ON sign_in_failures (phone, at);
CREATE INDEX sign_in_failures_address_at ON sign_in_failures (address, at);
