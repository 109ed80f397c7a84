-- Products: the first resource. Constraints mirror openapi.yaml so the database refuses
-- whatever the contract refuses, even if a future code path forgets to validate.
CREATE TABLE products (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    description  text        CHECK (description IS NULL OR char_length(description) <= 2000),
    price_cents  bigint      NOT NULL CHECK (price_cents >= 0),
    stock        integer     NOT NULL DEFAULT 0 CHECK (stock >= 0),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);

-- The list order: newest first, id as the tie-break.
CREATE INDEX products_created_at_id_idx ON products (created_at DESC, id DESC);
