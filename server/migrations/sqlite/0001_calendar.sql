-- The activity calendar: the site tree, service categories, volunteer teams and activities.
-- Times are UTC unix seconds (BIGINT); the server shows them in the station's zone.
-- `INTEGER PRIMARY KEY` is SQLite's 64-bit rowid alias (BIGINT would not auto-number).

CREATE TABLE sites (
    id        INTEGER PRIMARY KEY,
    parent_id BIGINT REFERENCES sites (id),
    kind      TEXT NOT NULL CONSTRAINT sites_kind_known CHECK (kind IN ('center', 'institute', 'station')),
    name      TEXT NOT NULL,
    address   TEXT
);
CREATE INDEX sites_parent_id ON sites (parent_id);

CREATE TABLE categories (
    slug     TEXT PRIMARY KEY,
    name     TEXT NOT NULL,
    colour   TEXT NOT NULL,
    position BIGINT NOT NULL
);

CREATE TABLE teams (
    id          INTEGER PRIMARY KEY,
    site_id     BIGINT NOT NULL REFERENCES sites (id),
    name        TEXT NOT NULL,
    field       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT ''
);
CREATE INDEX teams_site_id ON teams (site_id);

CREATE TABLE activities (
    id              INTEGER PRIMARY KEY,
    site_id         BIGINT NOT NULL REFERENCES sites (id),
    team_id         BIGINT REFERENCES teams (id),
    category_slug   TEXT NOT NULL REFERENCES categories (slug),
    title           TEXT NOT NULL,
    description     TEXT NOT NULL DEFAULT '',
    place           TEXT NOT NULL,
    starts_at       BIGINT NOT NULL,
    ends_at         BIGINT NOT NULL,
    capacity        BIGINT NOT NULL,
    confirmed_count BIGINT NOT NULL DEFAULT 0,
    signup_deadline BIGINT,
    target_group    TEXT,
    cancelled_at    BIGINT,
    created_at      BIGINT NOT NULL,
    CONSTRAINT activities_ends_after_start CHECK (ends_at > starts_at),
    CONSTRAINT activities_capacity_positive CHECK (capacity >= 1),
    CONSTRAINT activities_places_within_capacity CHECK (confirmed_count >= 0 AND confirmed_count <= capacity)
);
CREATE INDEX activities_starts_at_id ON activities (starts_at, id);
CREATE INDEX activities_site_id_starts_at ON activities (site_id, starts_at);
