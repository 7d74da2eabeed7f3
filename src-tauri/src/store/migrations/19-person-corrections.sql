-- A correction of a person's own details (name, birth, personnummer, protected identity) is kept
-- with the person, as a placement's are with the placement; retention erases it with her details.
ALTER TABLE corrections ADD COLUMN person_id INTEGER REFERENCES people (id);
CREATE INDEX corrections_by_person ON corrections (person_id) WHERE person_id IS NOT NULL;
