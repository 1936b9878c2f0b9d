-- One row per phone and per client address that has tried to sign in, written first in the
-- transaction that reserves an attempt: it makes concurrent attempts on one key wait for each
-- other (a PostgreSQL row lock; SQLite's write lock), so a parallel guesser cannot have more
-- passwords judged than the limit allows. Old rows are deleted by the housekeeping task.

CREATE TABLE sign_in_guards (
    key TEXT PRIMARY KEY
);
