-- The organisation's year (issue 22), entered by a manager for the verksamhetsberättelse: staff
-- in full-time equivalents (hundredths), volunteers and their hours, and the places of the
-- shelter's IVO permit that year. A new entry for a year is added, never written over: the latest
-- is the year's, the earlier are its history.
CREATE TABLE organisation_years (
    id                  INTEGER PRIMARY KEY,
    year                INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    staff_fte_hundredths INTEGER NOT NULL CHECK (staff_fte_hundredths >= 0),
    volunteers          INTEGER NOT NULL CHECK (volunteers >= 0),
    volunteer_hours     INTEGER NOT NULL CHECK (volunteer_hours >= 0),
    ivo_places          INTEGER CHECK (ivo_places IS NULL OR ivo_places > 0),
    recorded_at         TEXT NOT NULL,
    actor               TEXT NOT NULL
) STRICT;
CREATE INDEX organisation_years_by_year ON organisation_years (year, id);
