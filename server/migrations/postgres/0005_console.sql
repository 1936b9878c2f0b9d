-- The staff console: each site's public information and archiving (history kept), archived teams, drafts and
-- cancellation reasons of activities. Activities that existed before drafts were published.

ALTER TABLE sites ADD COLUMN opening_hours TEXT;
ALTER TABLE sites ADD COLUMN phone TEXT;
ALTER TABLE sites ADD COLUMN intro TEXT NOT NULL DEFAULT '';
ALTER TABLE sites ADD COLUMN archived_at BIGINT;

ALTER TABLE teams ADD COLUMN archived_at BIGINT;

ALTER TABLE activities ADD COLUMN published_at BIGINT;
ALTER TABLE activities ADD COLUMN cancel_reason TEXT;
UPDATE activities SET published_at = created_at;
