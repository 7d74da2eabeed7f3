-- Every request for a place (issue 22), not only the refused: who asked, how many adults and
-- children, the outcome (none yet while it is being decided), a refusal's reason, where they were
-- referred (never a name) and, for a placed request, its placement. The log of refused requests
-- becomes part of it: each old entry is a refused request, refused because the shelter was full
-- (the only reason the old log knew), from someone not recorded, with its note kept.
CREATE TABLE requests (
    id           INTEGER PRIMARY KEY,
    date         TEXT NOT NULL,
    from_whom    TEXT NOT NULL,
    adults       INTEGER NOT NULL CHECK (adults >= 0),
    children     INTEGER NOT NULL CHECK (children >= 0),
    outcome      TEXT,
    reason       TEXT,
    referred_to  TEXT NOT NULL DEFAULT '',
    placement_id INTEGER REFERENCES placements (id),
    note         TEXT NOT NULL DEFAULT ''
) STRICT;
INSERT INTO requests (date, from_whom, adults, children, outcome, reason, note)
    SELECT requested_on, 'annat', women, children, 'nekad', 'fullt', note FROM refused_requests ORDER BY id;
DROP TABLE refused_requests;
CREATE INDEX requests_by_date ON requests (date);
