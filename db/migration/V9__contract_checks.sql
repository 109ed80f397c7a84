-- The contract's patterns, held by the database too: a value the contract rejects is never stored,
-- whatever path writes it, so no read ever answers outside openapi.yaml. Text here cannot hold
-- U+0000 at all; the classes below are the contract's, with it left out.
--
-- NOT VALID: rows written before these rules are not re-checked (a deploy must not fail on them);
-- every insert and update from now on is.

-- ProductName: no control characters (C0, DEL, C1), and at least one character that is not
-- whitespace as ECMA-262 reads it.
ALTER TABLE products ADD CONSTRAINT products_name_contract CHECK (
    name !~ '[\u0001-\u001F\u007F-\u009F]'
    AND name ~ '[^\u0001-\u0020\u007F-\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]'
) NOT VALID;

-- Registration.email: an ASCII dot-atom address, as the contract's pattern says.
ALTER TABLE users ADD CONSTRAINT users_email_contract CHECK (
    email ~ '^[A-Za-z0-9!#$%&''*+/=?^_`{|}~-]{1,64}(\.[A-Za-z0-9!#$%&''*+/=?^_`{|}~-]+)*@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$'
    AND char_length(split_part(email, '@', 1)) <= 64
) NOT VALID;
