-- the organisation's logo for its documents (a PNG image).
CREATE TABLE organisation_logo (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    png         BLOB NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

