-- The transactional outbox of product events. Every write of a product records its event here in
-- the same statement as the write, so a change that committed is never left unannounced, even when
-- the node that made it dies right after COMMIT (ProductRepository).
--
-- An event is recorded without its public id: ids taken at write time would commit out of order
-- (a transaction that took 10 can commit after one that took 11, and a subscriber resuming after
-- 11 would never see 10). The relay (ProductEventRelay), one node at a time under a PostgreSQL
-- advisory lock, numbers what has committed, in that order, from product_event_ids; the number is
-- the event's event_id. Every event_id below one a subscriber has seen has therefore committed.
CREATE TABLE product_events (
    seq         bigserial   PRIMARY KEY,
    event_id    bigint      UNIQUE,
    type        text        NOT NULL
                CHECK (type IN ('product.created', 'product.updated', 'product.deleted')),
    product_id  bigint      NOT NULL,
    version     integer     NOT NULL,
    actor_id    bigint      NOT NULL,
    -- The product after the write, as its row (to_jsonb); null for a deletion.
    product     jsonb,
    occurred_at timestamptz NOT NULL DEFAULT now()
);

-- What the relay has still to number: a small index, since rows leave it within milliseconds.
CREATE INDEX product_events_unnumbered_idx ON product_events (seq) WHERE event_id IS NULL;
-- For the retention purge (housekeeping).
CREATE INDEX product_events_occurred_at_idx ON product_events (occurred_at);

CREATE SEQUENCE product_event_ids AS bigint;

-- The relay's progress, one row: every event up to published_through has been published (a relay
-- that takes over publishes from there, so nothing numbered is lost; consumers drop the repeats
-- by event_id), and every event up to purged_through may be gone (a resume from before it cannot be
-- served completely, and says so).
CREATE TABLE product_event_relay (
    singleton         boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    published_through bigint  NOT NULL DEFAULT 0,
    purged_through    bigint  NOT NULL DEFAULT 0
);
INSERT INTO product_event_relay DEFAULT VALUES;
