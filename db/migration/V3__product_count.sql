-- The list operation answers with the exact total on every call. count(*) scans the whole table
-- each time, so the total is kept instead, by triggers, in the same transaction as each write.
-- It is spread over 16 slots (one per backend, by pid) so concurrent inserts on different pool
-- connections do not queue on one counter row; the total is the sum of the slots.

-- No write may slip between the initial count and the triggers.
LOCK TABLE products IN SHARE ROW EXCLUSIVE MODE;

CREATE TABLE product_count_slots (
    slot smallint PRIMARY KEY,
    n    bigint   NOT NULL
);

INSERT INTO product_count_slots (slot, n) SELECT s, 0 FROM generate_series(0, 15) s;
UPDATE product_count_slots SET n = (SELECT count(*) FROM products) WHERE slot = 0;

CREATE FUNCTION product_count_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE product_count_slots SET n = n + (SELECT count(*) FROM changed) WHERE slot = pg_backend_pid() % 16;
  RETURN NULL;
END $$;

CREATE FUNCTION product_count_subtract() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE product_count_slots SET n = n - (SELECT count(*) FROM changed) WHERE slot = pg_backend_pid() % 16;
  RETURN NULL;
END $$;

CREATE FUNCTION product_count_reset() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE product_count_slots SET n = 0;
  RETURN NULL;
END $$;

CREATE TRIGGER product_count_insert AFTER INSERT ON products
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION product_count_add();
CREATE TRIGGER product_count_delete AFTER DELETE ON products
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION product_count_subtract();
CREATE TRIGGER product_count_truncate AFTER TRUNCATE ON products
  FOR EACH STATEMENT EXECUTE FUNCTION product_count_reset();
