-- The day from which a person is ready to move out but has no housing to go to ("utflyttningsklar
-- men kvar", issue 22): the nights from it are counted as waiting for housing.
ALTER TABLE stays ADD COLUMN ready_to_move TEXT;
