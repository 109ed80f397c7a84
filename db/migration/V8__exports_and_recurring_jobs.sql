-- Exports read a user's products in id order, page after page (keyset): (owner_id, id) serves both
-- that and the foreign-key lookups the old owner_id index served.
CREATE INDEX products_owner_id_id_idx ON products (owner_id, id);
DROP INDEX products_owner_id_idx;

-- How far a running job has got (an export's rows written so far, and of how many).
ALTER TABLE jobs ADD COLUMN progress jsonb;

-- Recurring work (export clean-up, expired records): every instance offers the next run, and this
-- index lets only one offer in while a run of that task is waiting or under way. With the claim's
-- SKIP LOCKED, a task runs on one instance at a time, across any number of instances.
ALTER TABLE jobs ADD COLUMN singleton text;
CREATE UNIQUE INDEX jobs_singleton_idx ON jobs (singleton)
    WHERE singleton IS NOT NULL AND state IN ('queued', 'running', 'failed');

-- "How many exports has this user waiting?", asked on every POST /exports.
CREATE INDEX jobs_pending_by_creator_idx ON jobs (created_by, kind)
    WHERE state IN ('queued', 'running', 'failed');
