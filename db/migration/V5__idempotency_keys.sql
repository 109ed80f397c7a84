-- Idempotent create: the first answer to a (user, Idempotency-Key) pair is kept, so a retry gets
-- it again instead of making a second product. The key row is written in the same transaction as
-- the product; a concurrent retry waits on the key's unique index and then reads that answer.
CREATE TABLE idempotency_keys (
    user_id      bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key          text        NOT NULL CHECK (char_length(key) BETWEEN 1 AND 255),
    request_hash text        NOT NULL,
    response     jsonb,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, key)
);

-- For the removal of expired keys.
CREATE INDEX idempotency_keys_created_at_idx ON idempotency_keys (created_at);
