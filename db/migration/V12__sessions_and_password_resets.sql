-- A refresh-token family is a session: every access token names its family in the `sid` claim, so
-- revoking the family (logout, reuse of a rotated token, a password change or reset) ends that
-- session's access tokens on the next request, on every node. The bearer check asks this on every
-- authenticated request; revoked rows are few, so the index holding only them stays small.
CREATE INDEX refresh_tokens_revoked_family_idx ON refresh_tokens (family_id) WHERE revoked_at IS NOT NULL;
-- A password change ends the user's other live sessions.
CREATE INDEX refresh_tokens_live_user_idx ON refresh_tokens (user_id) WHERE revoked_at IS NULL;

-- Password reset tokens: stored as SHA-256 hashes only, single use, short-lived. A newer token
-- replaces the user's unused ones, and a successful reset uses them all up.
CREATE TABLE password_reset_tokens (
    token_hash  bytea       PRIMARY KEY,
    user_id     bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX password_reset_tokens_user_idx ON password_reset_tokens (user_id) WHERE used_at IS NULL;
CREATE INDEX password_reset_tokens_expires_at_idx ON password_reset_tokens (expires_at);
