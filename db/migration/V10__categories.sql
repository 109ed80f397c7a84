-- Categories: the second resource. As for products, the constraints mirror openapi.yaml
-- (CategoryName, CategorySlug, CategoryDescription), so the database refuses whatever the contract
-- refuses, whatever path writes it.
CREATE TABLE categories (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    slug         text        NOT NULL CHECK (char_length(slug) BETWEEN 1 AND 100),
    description  text        CHECK (description IS NULL OR char_length(description) <= 1000),
    version      integer     NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    -- Named, so the store can say which of the two a duplicate broke.
    CONSTRAINT categories_name_key UNIQUE (name),
    CONSTRAINT categories_slug_key UNIQUE (slug),
    -- CategoryName: ProductName's rule (V9): no control characters, at least one character that is
    -- not whitespace as ECMA-262 reads it.
    CONSTRAINT categories_name_contract CHECK (
        name !~ '[\u0001-\u001F\u007F-\u009F]'
        AND name ~ '[^\u0001-\u0020\u007F-\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]'
    ),
    -- CategorySlug: lowercase words of ASCII letters and digits joined by single hyphens.
    CONSTRAINT categories_slug_contract CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$')
);

-- A product may belong to one category. A category still in use cannot be deleted (RESTRICT: the
-- store answers 409 and names the rule); products made before categories have none.
ALTER TABLE products ADD COLUMN category_id bigint
    CONSTRAINT products_category_id_fkey REFERENCES categories (id) ON DELETE RESTRICT;

-- The foreign key's lookups (is this category used?) and GET /products?category_id=, whose pages
-- are newest first: the index is in that order, so a category's page is one index range.
CREATE INDEX products_category_id_idx ON products (category_id, created_at DESC, id DESC);
