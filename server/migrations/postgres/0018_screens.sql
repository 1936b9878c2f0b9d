-- The display screens' heartbeats: each screen (a site and the name it asks with) and when it
-- last fetched its data, so that staff notice a dark one. Written by an unauthenticated
-- request, so bounded: at most one write per screen per 30 seconds and at most 50 names per
-- site (both in the upsert's own conditions).

CREATE TABLE screens (
    site_id       BIGINT NOT NULL REFERENCES sites (id),
    name          TEXT NOT NULL,
    first_seen_at BIGINT NOT NULL,
    last_seen_at  BIGINT NOT NULL,
    user_agent    TEXT,
    CONSTRAINT screens_pkey PRIMARY KEY (site_id, name)
);
