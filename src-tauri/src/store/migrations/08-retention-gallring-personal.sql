-- retention (gallring). Personal details are removed from people and placements whose
--    last stay ended long enough ago; journal notes and the corrections that hold old values
--    are deleted. The journal and the corrections stay append-only for everything else: only
--    a retention run opens the gate, inside its own transaction. Ages at each arrival are
--    kept when birth dates go, so the statistics of earlier years do not change.
ALTER TABLE people ADD COLUMN erased_at TEXT;
ALTER TABLE placements ADD COLUMN erased_at TEXT;
ALTER TABLE stays ADD COLUMN age_at_in INTEGER;
CREATE TABLE retention_gate (
    open  INTEGER PRIMARY KEY CHECK (open = 1)
) STRICT;
CREATE TABLE retention_runs (
    id               INTEGER PRIMARY KEY,
    run_at           TEXT NOT NULL,
    actor            TEXT NOT NULL,
    details_before   TEXT NOT NULL,
    journal_before   TEXT NOT NULL,
    people           INTEGER NOT NULL,
    placements       INTEGER NOT NULL,
    journal_notes    INTEGER NOT NULL,
    corrections      INTEGER NOT NULL
) STRICT;
DROP TRIGGER journal_is_never_deleted;
CREATE TRIGGER journal_is_never_deleted BEFORE DELETE ON journal
    WHEN NOT EXISTS (SELECT 1 FROM retention_gate)
    BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
DROP TRIGGER corrections_are_never_deleted;
CREATE TRIGGER corrections_are_never_deleted BEFORE DELETE ON corrections
    WHEN NOT EXISTS (SELECT 1 FROM retention_gate)
    BEGIN SELECT RAISE(ABORT, 'corrections are append-only'); END;

