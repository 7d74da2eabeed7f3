-- The store's own identity: a random id made once, when the store is created (or when an older
-- store is first opened by this version). It travels inside every backup, encrypted with
-- everything else, and names the store in its backups' headers and file names, so that rotating
-- one store's automatic backups never touches another store's on the same USB stick.
-- `log_witnessed`: the access log's head has been written to the witness file beside the
-- database (store/witness.rs), so a missing witness file is a finding, not a first start.
CREATE TABLE store_identity (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    store_id       TEXT NOT NULL CHECK (length(store_id) = 32),
    log_witnessed  INTEGER NOT NULL DEFAULT 0 CHECK (log_witnessed IN (0, 1))
) STRICT;
INSERT INTO store_identity (id, store_id) VALUES (1, lower(hex(randomblob(16))));
