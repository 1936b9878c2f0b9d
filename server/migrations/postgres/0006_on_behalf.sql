-- Sign-ups made or cancelled by staff on a resident's behalf (代报名): who did it, kept with
-- the sign-up. NULL: the volunteer themself.

ALTER TABLE signups ADD COLUMN made_by BIGINT REFERENCES accounts (id);
ALTER TABLE signups ADD COLUMN cancelled_by BIGINT REFERENCES accounts (id);
