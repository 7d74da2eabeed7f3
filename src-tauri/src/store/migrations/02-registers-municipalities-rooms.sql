-- registers (municipalities, rooms, tariffs), people, placements with one stay per person,
--    the acute clock's records, the journal, orosanmälningar, refused requests, and the
--    history of corrections. Instants are UTC RFC 3339 text; dates are YYYY-MM-DD; money öre.
CREATE TABLE municipalities (
    id               INTEGER PRIMARY KEY,
    key              TEXT NOT NULL UNIQUE,
    name             TEXT NOT NULL,
    org_number       TEXT NOT NULL,
    address          TEXT NOT NULL,
    peppol_id        TEXT NOT NULL,
    price_class      TEXT NOT NULL CHECK (price_class IN ('iop', 'standard')),
    acute_clause     INTEGER NOT NULL CHECK (acute_clause IN (0, 1)),
    buyer_reference  TEXT NOT NULL
) STRICT;

CREATE TABLE rooms (
    id      INTEGER PRIMARY KEY,
    key     TEXT NOT NULL UNIQUE,
    name    TEXT NOT NULL,
    acute   INTEGER NOT NULL CHECK (acute IN (0, 1)),
    beds    INTEGER NOT NULL CHECK (beds >= 1)
) STRICT;

CREATE TABLE room_closures (
    id         INTEGER PRIMARY KEY,
    room_id    INTEGER NOT NULL REFERENCES rooms (id),
    from_date  TEXT NOT NULL,
    to_date    TEXT,
    reason     TEXT NOT NULL,
    CHECK (to_date IS NULL OR to_date >= from_date)
) STRICT;

CREATE TABLE tariffs (
    id            INTEGER PRIMARY KEY,
    valid_from    TEXT NOT NULL,
    category      TEXT NOT NULL CHECK (category IN ('adult', 'child')),
    iop_ore       INTEGER NOT NULL CHECK (iop_ore >= 0),
    standard_ore  INTEGER NOT NULL CHECK (standard_ore >= 0),
    UNIQUE (valid_from, category)
) STRICT;

CREATE TABLE people (
    id                  INTEGER PRIMARY KEY,
    key                 TEXT NOT NULL UNIQUE,
    name                TEXT NOT NULL,
    birth_year          INTEGER,
    birth_date          TEXT,
    personal_number     TEXT UNIQUE,
    protected_identity  INTEGER NOT NULL CHECK (protected_identity IN (0, 1))
) STRICT;

CREATE TABLE placements (
    id                      INTEGER PRIMARY KEY,
    key                     TEXT NOT NULL UNIQUE,
    municipality_id         INTEGER NOT NULL REFERENCES municipalities (id),
    reference               TEXT NOT NULL,
    yy_code                 TEXT NOT NULL,
    acute                   INTEGER NOT NULL CHECK (acute IN (0, 1)),
    room_id                 INTEGER REFERENCES rooms (id),
    violence                TEXT NOT NULL,
    arrival_route           TEXT NOT NULL,
    transported_by          TEXT NOT NULL,
    arrived_at              TEXT NOT NULL,
    assessment_by           TEXT,
    assessment_at           TEXT,
    assessment_conclusion   TEXT NOT NULL,
    rve_contacted_at        TEXT,
    rve_contacted_by        TEXT NOT NULL,
    rve_decision            TEXT,
    rve_decided_at          TEXT
) STRICT;

CREATE TABLE stays (
    id                  INTEGER PRIMARY KEY,
    placement_id        INTEGER NOT NULL REFERENCES placements (id),
    person_id           INTEGER NOT NULL REFERENCES people (id),
    category            TEXT NOT NULL CHECK (category IN ('adult', 'child')),
    decision_reference  TEXT NOT NULL,
    in_at               TEXT NOT NULL,
    out_at              TEXT,
    destination         TEXT,
    UNIQUE (placement_id, person_id),
    CHECK (out_at IS NULL OR out_at > in_at),
    CHECK (destination IS NULL OR out_at IS NOT NULL)
) STRICT;
CREATE INDEX stays_by_person ON stays (person_id, in_at);

-- Append-only: a correction is a new note pointing at the one it corrects.
CREATE TABLE journal (
    id            INTEGER PRIMARY KEY,
    placement_id  INTEGER REFERENCES placements (id),
    person_id     INTEGER REFERENCES people (id),
    written_at    TEXT NOT NULL,
    author        TEXT NOT NULL,
    body          TEXT NOT NULL,
    corrects      INTEGER REFERENCES journal (id),
    CHECK (placement_id IS NOT NULL OR person_id IS NOT NULL)
) STRICT;
CREATE TRIGGER journal_is_never_changed BEFORE UPDATE ON journal
BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
CREATE TRIGGER journal_is_never_deleted BEFORE DELETE ON journal
BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;

-- Orosanmälningar (14 kap. 1 § SoL), per child.
CREATE TABLE concern_reports (
    id            INTEGER PRIMARY KEY,
    person_id     INTEGER NOT NULL REFERENCES people (id),
    placement_id  INTEGER REFERENCES placements (id),
    reported_on   TEXT NOT NULL,
    recipient     TEXT NOT NULL,
    method        TEXT NOT NULL,
    author        TEXT NOT NULL
) STRICT;

-- Requests refused for lack of space: counts only, no personal data.
CREATE TABLE refused_requests (
    id            INTEGER PRIMARY KEY,
    requested_on  TEXT NOT NULL,
    women         INTEGER NOT NULL CHECK (women >= 0),
    children      INTEGER NOT NULL CHECK (children >= 0),
    note          TEXT NOT NULL,
    CHECK (women + children > 0)
) STRICT;

-- Every correction of a recorded fact (a move-out undone, a time changed): what it was,
-- what it became, why, by whom, when. Append-only.
CREATE TABLE corrections (
    id            INTEGER PRIMARY KEY,
    at            TEXT NOT NULL,
    actor         TEXT NOT NULL,
    placement_id  INTEGER REFERENCES placements (id),
    what          TEXT NOT NULL,
    before        TEXT NOT NULL,
    after         TEXT NOT NULL,
    reason        TEXT NOT NULL
) STRICT;
CREATE TRIGGER corrections_are_never_changed BEFORE UPDATE ON corrections
BEGIN SELECT RAISE(ABORT, 'corrections are append-only'); END;
CREATE TRIGGER corrections_are_never_deleted BEFORE DELETE ON corrections
BEGIN SELECT RAISE(ABORT, 'corrections are append-only'); END;

-- Borås Stad, party to the IOP agreement, with the acute clause. The Peppol id and the
-- invoice address are to be confirmed by the user in the register.
INSERT INTO municipalities (key, name, org_number, address, peppol_id, price_class, acute_clause, buyer_reference)
VALUES ('boras', 'Borås Stad', '212000-1561', 'Arbetslivsförvaltningen, Österlånggatan 72, 503 37 Borås',
        '0007:2120001561', 'iop', 1, '');

