-- Lex Sarah reports (14 kap. 3 § SoL), counted for the kvalitetsbilaga: a date and a
--    short note without personal data.
CREATE TABLE lex_sarah_reports (
    id           INTEGER PRIMARY KEY,
    reported_on  TEXT NOT NULL,
    note         TEXT NOT NULL
) STRICT;

