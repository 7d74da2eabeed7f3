-- staff accounts, the delay after failed sign-ins, and the access log. The log is
--    append-only (the triggers) and hash-chained (see `audit`), so an entry changed or removed
--    behind the program's back is detected by `fristad-cli audit verify`.
CREATE TABLE accounts (
    id             INTEGER PRIMARY KEY,
    username       TEXT NOT NULL UNIQUE COLLATE NOCASE,
    display_name   TEXT NOT NULL,
    role           TEXT NOT NULL CHECK (role IN ('staff', 'manager', 'admin')),
    password_hash  TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    created_by     TEXT NOT NULL,
    disabled_at    TEXT
) STRICT;
-- Failed sign-ins per account; account 0 counts names that match no account, so a wrong
-- name is delayed like a wrong password and what is typed as a name is never stored.
CREATE TABLE sign_in_delays (
    account_id  INTEGER PRIMARY KEY,
    failures    INTEGER NOT NULL,
    wait_until  TEXT NOT NULL
) STRICT;
CREATE TABLE access_log (
    seq        INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    username   TEXT NOT NULL,
    action     TEXT NOT NULL,
    kind       TEXT NOT NULL,
    placement  TEXT,
    person     TEXT,
    detail     TEXT NOT NULL,
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL
) STRICT;
CREATE INDEX access_log_person ON access_log (person) WHERE person IS NOT NULL;
CREATE INDEX access_log_placement ON access_log (placement) WHERE placement IS NOT NULL;
CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
    BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END;
CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
    BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END;

