-- A room's out-of-use periods are a history: a period ended early or corrected is kept with the
-- room in the corrections, with what it was, what it became, who, when and why.
ALTER TABLE corrections ADD COLUMN room_id INTEGER REFERENCES rooms (id);
CREATE INDEX corrections_by_room ON corrections (room_id) WHERE room_id IS NOT NULL;
