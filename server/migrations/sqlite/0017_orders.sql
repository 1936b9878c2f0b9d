-- 点单 → 派单 → 接单 → 评单. A site's service menu (项目清单), kept by staff; an order of one item,
-- its status moving submitted → open (or rejected) → dispatched (to a team) → accepted (by a
-- member of it) → completed → rated, with cancelled; every move a conditional update on the
-- status it starts from, so of a team's members accepting at once exactly one wins. The address
-- and the phone are for staff of the site and the assigned volunteer. Its steps are in the
-- timeline (subject 'order').

CREATE TABLE services (
    id           INTEGER PRIMARY KEY,
    site_id      BIGINT NOT NULL REFERENCES sites (id),
    name         TEXT NOT NULL,
    description  TEXT NOT NULL,
    active       BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX services_site ON services (site_id, id);

CREATE TABLE orders (
    id              INTEGER PRIMARY KEY,
    site_id         BIGINT NOT NULL REFERENCES sites (id),
    service_id      BIGINT NOT NULL REFERENCES services (id),
    status          TEXT NOT NULL DEFAULT 'submitted'
                    CHECK (status IN ('submitted', 'open', 'rejected', 'dispatched', 'accepted',
                                      'completed', 'rated', 'cancelled')),
    requester_id    BIGINT NOT NULL REFERENCES accounts (id),
    preferred_time  TEXT NOT NULL,
    address         TEXT NOT NULL,
    phone           TEXT NOT NULL,
    note            TEXT NOT NULL,
    on_behalf_of    TEXT,
    team_id         BIGINT REFERENCES teams (id),
    volunteer_id    BIGINT REFERENCES accounts (id),
    reason          TEXT,
    rating          BIGINT CHECK (rating BETWEEN 1 AND 5),
    comment         TEXT,
    ordered_at      BIGINT NOT NULL,
    -- Dispatched or later has its team, accepted or later its volunteer (a cancelled one keeps
    -- whom it had reached).
    CHECK ((status IN ('dispatched', 'accepted', 'completed', 'rated')) <= (team_id IS NOT NULL)),
    CHECK ((status IN ('accepted', 'completed', 'rated')) <= (volunteer_id IS NOT NULL))
);
CREATE INDEX orders_site ON orders (site_id, status, id);
CREATE INDEX orders_requester ON orders (requester_id, id);
CREATE INDEX orders_team ON orders (team_id, status, id);
CREATE INDEX orders_volunteer ON orders (volunteer_id, id);

ALTER TABLE notices ADD COLUMN order_id BIGINT REFERENCES orders (id);
