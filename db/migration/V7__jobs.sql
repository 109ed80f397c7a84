-- Durable background work. Workers on any instance claim due jobs with FOR UPDATE SKIP LOCKED and
-- hold them under a lease; a job whose instance died is claimed again once its lease is over.
-- States: queued → running → succeeded, or → failed (waiting for a retry at run_at) → … → dead.
CREATE TABLE jobs (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind         text        NOT NULL CHECK (char_length(kind) BETWEEN 1 AND 100),
    payload      jsonb       NOT NULL DEFAULT '{}',
    state        text        NOT NULL DEFAULT 'queued'
                             CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'dead')),
    attempts     integer     NOT NULL DEFAULT 0,
    max_attempts integer     NOT NULL CHECK (max_attempts >= 1),
    run_at       timestamptz NOT NULL DEFAULT now(),
    lease_until  timestamptz,
    locked_by    text,
    last_error   text,
    result       jsonb,
    created_by   bigint      REFERENCES users (id) ON DELETE SET NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);

-- What a worker looks for: due work, and running work whose lease is over.
CREATE INDEX jobs_due_idx ON jobs (run_at) WHERE state IN ('queued', 'failed');
CREATE INDEX jobs_lease_idx ON jobs (lease_until) WHERE state = 'running';
