-- "Is there an admin?" is asked at every start (ADMIN_EMAIL bootstrap); found by QueryPlanTest
-- as the one statement that scanned the whole users table.
CREATE INDEX users_admins_idx ON users (id) WHERE role = 'admin';
