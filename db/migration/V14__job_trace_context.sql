-- The W3C traceparent of the span that queued a job (a request's, when tracing is on; null for the
-- service's own recurring jobs and whenever tracing is off). A worker runs the job as a trace of its
-- own whose root span links to this one. Touches only this column: it does not depend on V13.
ALTER TABLE jobs ADD COLUMN traceparent text
    CONSTRAINT jobs_traceparent_format CHECK (traceparent ~ '^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$');
