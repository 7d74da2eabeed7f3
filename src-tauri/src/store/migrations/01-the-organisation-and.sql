-- the organisation and the agreements, with every version of an agreement kept.
CREATE TABLE organisation (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    name        TEXT NOT NULL,
    org_number  TEXT NOT NULL,
    address     TEXT NOT NULL,
    bankgiro    TEXT NOT NULL,
    f_skatt     INTEGER NOT NULL CHECK (f_skatt IN (0, 1)),
    updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE agreements (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL
) STRICT;

-- Append-only: an edit is a new version; the terms are a JSON document (agreements::Terms).
CREATE TABLE agreement_versions (
    id            INTEGER PRIMARY KEY,
    agreement_id  INTEGER NOT NULL REFERENCES agreements (id),
    version       INTEGER NOT NULL CHECK (version >= 1),
    recorded_at   TEXT NOT NULL,
    recorded_by   TEXT NOT NULL,
    change_note   TEXT NOT NULL,
    terms         TEXT NOT NULL,
    UNIQUE (agreement_id, version)
) STRICT;

CREATE TRIGGER agreement_versions_are_never_changed BEFORE UPDATE ON agreement_versions
BEGIN SELECT RAISE(ABORT, 'agreement versions are append-only'); END;
CREATE TRIGGER agreement_versions_are_never_deleted BEFORE DELETE ON agreement_versions
BEGIN SELECT RAISE(ABORT, 'agreement versions are append-only'); END;

