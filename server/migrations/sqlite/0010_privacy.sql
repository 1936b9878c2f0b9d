-- 个人信息保护 (PIPL): the privacy notice an account agreed to and when (staff record it for a
-- resident they open an account for), and accounts their owner deleted: anonymised in place, so
-- that their sign-ups and hours stay in the station's records without naming them.

ALTER TABLE accounts ADD COLUMN privacy_notice TEXT;
ALTER TABLE accounts ADD COLUMN privacy_accepted_at BIGINT;
ALTER TABLE accounts ADD COLUMN deleted_at BIGINT;
