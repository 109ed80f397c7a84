-- One canonical e-mail (users/Emails.canonical, computed in Java) for uniqueness and logins, so the
-- database's lower() and Java's lower case can never disagree on which addresses are the same.
-- Stored addresses are ASCII (V9), where lower() and Java's root-locale lower case agree: the
-- backfill is the canonical form.
ALTER TABLE users ADD COLUMN email_canonical text;
UPDATE users SET email_canonical = lower(email);
ALTER TABLE users ALTER COLUMN email_canonical SET NOT NULL;
CREATE UNIQUE INDEX users_email_canonical_idx ON users (email_canonical);
DROP INDEX users_email_lower_idx;
-- For ASCII addresses the canonical form is the lower case: the database refuses a row whose two
-- columns disagree, whoever writes it.
ALTER TABLE users ADD CONSTRAINT users_email_canonical_matches CHECK (email_canonical = lower(email));
