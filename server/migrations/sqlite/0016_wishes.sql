-- 微心愿. One row per wish, its status moving submitted → open (or rejected) → claimed →
-- fulfilled → confirmed, with withdrawn and expired; every move is a conditional update on the
-- status it starts from, so of fifty claims at once exactly one wins. The beneficiary's full
-- name and the requester's contact are kept for the parties and staff; everyone else reads a
-- masked name. A wish's photos (its own, the claimer's of the fulfilled wish) are rows of
-- wish_photos. The timeline keeps who did what when, for wishes (and the orders to come).

CREATE TABLE wishes (
    id                 INTEGER PRIMARY KEY,
    site_id            BIGINT NOT NULL REFERENCES sites (id),
    title              TEXT NOT NULL,
    description        TEXT NOT NULL,
    category           TEXT NOT NULL,
    status             TEXT NOT NULL DEFAULT 'submitted'
                       CHECK (status IN ('submitted', 'open', 'rejected', 'claimed', 'fulfilled',
                                         'confirmed', 'withdrawn', 'expired')),
    deadline           TEXT NOT NULL,
    beneficiary_name   TEXT NOT NULL,
    beneficiary_age    BIGINT,
    beneficiary_group  TEXT,
    requester_id       BIGINT NOT NULL REFERENCES accounts (id),
    contact            TEXT NOT NULL,
    on_behalf_of       TEXT,
    photo_public       BIGINT NOT NULL DEFAULT 0,
    reject_reason      TEXT,
    claimer_id         BIGINT REFERENCES accounts (id),
    claimed_at         BIGINT,
    fulfil_note        TEXT,
    fulfilled_at       BIGINT,
    rating             BIGINT CHECK (rating BETWEEN 1 AND 5),
    thanks             TEXT,
    posted_at          BIGINT NOT NULL,
    -- A claimed, fulfilled or confirmed wish has its claimer; no other has one.
    CHECK ((status IN ('claimed', 'fulfilled', 'confirmed')) = (claimer_id IS NOT NULL))
);
CREATE INDEX wishes_wall ON wishes (status, deadline, id);
CREATE INDEX wishes_site ON wishes (site_id, status, id);
CREATE INDEX wishes_requester ON wishes (requester_id, id);
CREATE INDEX wishes_claimer ON wishes (claimer_id, id);

CREATE TABLE wish_photos (
    wish_id   BIGINT NOT NULL REFERENCES wishes (id),
    photo_id  BIGINT NOT NULL REFERENCES photos (id),
    role      TEXT NOT NULL CHECK (role IN ('wish', 'fulfil')),
    PRIMARY KEY (wish_id, role)
);
CREATE UNIQUE INDEX wish_photos_photo ON wish_photos (photo_id);

CREATE TABLE timeline (
    id          INTEGER PRIMARY KEY,
    subject     TEXT NOT NULL,
    subject_id  BIGINT NOT NULL,
    at          BIGINT NOT NULL,
    event       TEXT NOT NULL,
    actor_id    BIGINT REFERENCES accounts (id),
    on_behalf   BIGINT NOT NULL DEFAULT 0,
    note        TEXT
);
CREATE INDEX timeline_subject ON timeline (subject, subject_id, id);

ALTER TABLE notices ADD COLUMN wish_id BIGINT REFERENCES wishes (id);
