-- The W3C traceparent of the span that made a write (null whenever tracing is off): the relay
-- publishes the write's event as a child of it, so a traced request's trace goes on through the
-- event's delivery on every node, though the relay may publish it after the reply and from
-- another node.
ALTER TABLE product_events ADD COLUMN traceparent text
    CONSTRAINT product_events_traceparent_format
    CHECK (traceparent ~ '^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$');
