-- Conditional requests: every write of a product moves its version by one. The version is the
-- product's ETag, so a client can make its write depend on what it last read (If-Match).
ALTER TABLE products ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1);
