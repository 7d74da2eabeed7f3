-- What went wrong where nobody was there to be told (a backup when the program closed), kept
-- until it is dealt with and shown on the home screen of those who can deal with it.
CREATE TABLE notices (
    kind TEXT PRIMARY KEY,
    at TEXT NOT NULL,
    detail_sv TEXT NOT NULL,
    detail_en TEXT NOT NULL
) STRICT;
