-- Recurring activities. A series is a rule (weekly or monthly, every `interval_count`, until a
-- day in the station's zone) and the template its occurrences were made from; each occurrence
-- is an activity of its own (its own places and sign-ups) that remembers the start the rule
-- gave it (`recurrence_at`, an iCalendar RECURRENCE-ID), so a moved or cancelled occurrence
-- is told apart from the rest, and a deleted one is a skipped date (EXDATE).
-- A notice of a moved activity carries the new start.

CREATE TABLE activity_series (
    id              INTEGER PRIMARY KEY,
    site_id         BIGINT NOT NULL REFERENCES sites (id),
    freq            TEXT NOT NULL CHECK (freq IN ('weekly', 'monthly')),
    interval_count  BIGINT NOT NULL CHECK (interval_count BETWEEN 1 AND 12),
    until_date      TEXT NOT NULL,
    starts_at       BIGINT NOT NULL,
    ends_at         BIGINT NOT NULL,
    title           TEXT NOT NULL,
    description     TEXT NOT NULL,
    place           TEXT NOT NULL,
    category_slug   TEXT NOT NULL,
    created_at      BIGINT NOT NULL
);

ALTER TABLE activities ADD COLUMN series_id BIGINT REFERENCES activity_series (id);
ALTER TABLE activities ADD COLUMN recurrence_at BIGINT;
CREATE INDEX activities_series_id ON activities (series_id, recurrence_at);

ALTER TABLE notices ADD COLUMN starts_at BIGINT;
