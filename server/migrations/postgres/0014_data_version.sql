-- SQLite keeps a data version by triggers (its 0014). PostgreSQL needs none: the calendar's
-- list reads `pg_current_snapshot()`, which changes whenever a write transaction begins or
-- ends, without a counter row that every writer would queue on.
SELECT 1;
