-- Users, who own products; refresh tokens, rotated and revocable by family; revoked access tokens.

CREATE TABLE users (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email         text        NOT NULL CHECK (char_length(email) BETWEEN 3 AND 254),
    password_hash text        NOT NULL,
    role          text        NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'admin')),
    disabled      boolean     NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);

-- One account per address, whatever its case.
CREATE UNIQUE INDEX users_email_lower_idx ON users (lower(email));
CREATE INDEX users_created_at_id_idx ON users (created_at DESC, id DESC);

-- Products made before users existed have no owner; only an admin may change those.
ALTER TABLE products ADD COLUMN owner_id bigint REFERENCES users (id);
CREATE INDEX products_owner_id_idx ON products (owner_id);

-- Refresh tokens are stored as SHA-256 hashes; the token itself is never kept.
-- Each login starts a family; each refresh replaces the used token with a new one in the
-- same family. Presenting an already-used token revokes the whole family (theft signal).
CREATE TABLE refresh_tokens (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    token_hash  bytea       NOT NULL UNIQUE,
    family_id   uuid        NOT NULL,
    user_id     bigint      NOT NULL REFERENCES users (id),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    revoked_at  timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_expires_at_idx ON refresh_tokens (expires_at);

-- Access tokens revoked before they expire (logout). Rows are useless after expires_at.
CREATE TABLE revoked_access_tokens (
    jti         uuid        PRIMARY KEY,
    expires_at  timestamptz NOT NULL
);
CREATE INDEX revoked_access_tokens_expires_at_idx ON revoked_access_tokens (expires_at);
