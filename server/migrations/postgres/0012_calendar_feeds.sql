-- iCalendar feeds. When an activity was last changed (its events' DTSTAMP, so a feed whose
-- activities did not change reads the same and keeps its ETag; NULL: as created), and one's own
-- feed: the SHA-256 of its secret, as for sessions.

ALTER TABLE activities ADD COLUMN revised_at BIGINT;

CREATE TABLE calendar_feeds (
    account_id  BIGINT PRIMARY KEY REFERENCES accounts (id),
    token_hash  TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE UNIQUE INDEX calendar_feeds_token_hash_key ON calendar_feeds (token_hash);
