-- 这是公用电脑: a session opened on a shared computer ends after this many seconds without a
-- request (its expiry slides forward on each one); NULL for an ordinary 30-day session.

ALTER TABLE sessions ADD COLUMN idle_seconds BIGINT;
