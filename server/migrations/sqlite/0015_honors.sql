-- 好人榜. Photos are kept in the database (one backup holds them; every server serves them),
-- as the two JPEG sizes the server made of the upload, under a random key that is their address
-- (only those who may see a photo are told it). A nomination becomes an honor when published:
-- one row, its status moving submitted → published | rejected, published ⇄ unpublished. The
-- nominee's consent is recorded by staff (who, when, how; posters and display screens each
-- asked). Likes are rows, one per account and honor, so a count is exact whatever the
-- concurrency.

CREATE TABLE photos (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL,
    account_id  BIGINT NOT NULL REFERENCES accounts (id),
    created_at  BIGINT NOT NULL,
    width       BIGINT NOT NULL,
    height      BIGINT NOT NULL,
    large       BLOB NOT NULL,
    thumb       BLOB NOT NULL
);
CREATE UNIQUE INDEX photos_key ON photos (key);
CREATE INDEX photos_account_id ON photos (account_id, created_at);

CREATE TABLE honors (
    id                 INTEGER PRIMARY KEY,
    site_id            BIGINT NOT NULL REFERENCES sites (id),
    nominee_name       TEXT NOT NULL,
    category           TEXT NOT NULL,
    story              TEXT NOT NULL,
    status             TEXT NOT NULL DEFAULT 'submitted'
                       CHECK (status IN ('submitted', 'published', 'rejected', 'unpublished')),
    reject_reason      TEXT,
    nominator_id       BIGINT NOT NULL REFERENCES accounts (id),
    nominator_contact  TEXT NOT NULL,
    on_behalf_of       TEXT,
    submitted_at       BIGINT NOT NULL,
    consent_by         BIGINT REFERENCES accounts (id),
    consent_at         BIGINT,
    consent_note       TEXT,
    consent_posters    BIGINT NOT NULL DEFAULT 0,
    consent_screens    BIGINT NOT NULL DEFAULT 0,
    board_month        TEXT,
    published_at       BIGINT,
    -- Nobody is on the board without consent.
    CHECK (status <> 'published' OR (consent_at IS NOT NULL AND board_month IS NOT NULL AND published_at IS NOT NULL))
);
CREATE INDEX honors_board ON honors (status, board_month, site_id);
CREATE INDEX honors_nominator ON honors (nominator_id, id);
CREATE INDEX honors_site ON honors (site_id, status, id);

CREATE TABLE honor_photos (
    honor_id  BIGINT NOT NULL REFERENCES honors (id),
    photo_id  BIGINT NOT NULL REFERENCES photos (id),
    position  BIGINT NOT NULL,
    PRIMARY KEY (honor_id, photo_id)
);
-- A photo belongs to one nomination.
CREATE UNIQUE INDEX honor_photos_photo ON honor_photos (photo_id);

CREATE TABLE honor_likes (
    honor_id    BIGINT NOT NULL REFERENCES honors (id),
    account_id  BIGINT NOT NULL REFERENCES accounts (id),
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (honor_id, account_id)
);
