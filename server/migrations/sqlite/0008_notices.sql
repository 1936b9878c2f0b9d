-- 站内消息: what changed for a person (their activity cancelled, a place freed for them from the
-- waitlist, their join request decided), written in the transaction of the change. The text is
-- the app's to word, in the reader's language: a notice keeps its kind and what it is about (the
-- activity's or team's id and its title or name as it was then, the reason given).
-- The webhook's delivery state lives on the notice: attempts so far, when the next is due (a
-- conditional update claims it, so several servers never send one twice), when it got through.

CREATE TABLE notices (
    id         INTEGER PRIMARY KEY,
    account_id      BIGINT NOT NULL REFERENCES accounts (id),
    kind            TEXT NOT NULL,
    activity_id     BIGINT REFERENCES activities (id) ON DELETE SET NULL,
    team_id         BIGINT REFERENCES teams (id),
    subject_title   TEXT NOT NULL,
    reason          TEXT,
    created_at      BIGINT NOT NULL,
    read_at         BIGINT,
    webhook_attempts BIGINT NOT NULL DEFAULT 0,
    webhook_next_at  BIGINT,
    webhook_done_at  BIGINT
);
CREATE INDEX notices_account_id ON notices (account_id, id);
CREATE INDEX notices_webhook_next_at ON notices (webhook_next_at);
