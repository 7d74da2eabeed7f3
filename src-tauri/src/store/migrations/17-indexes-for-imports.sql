-- indexes for imports: an import adds a record once, and finds the one already recorded by
--    what it says. Without them each refused request, Lex Sarah report and journal note of a
--    file was looked for by reading the whole table, and a report of concern through every
--    report on the child, which made an import quadratic in its size (issue 19, case 8).
CREATE INDEX IF NOT EXISTS refused_requests_alike ON refused_requests (requested_on, women, children, note);
CREATE INDEX IF NOT EXISTS lex_sarah_reports_alike ON lex_sarah_reports (reported_on, note);
CREATE INDEX IF NOT EXISTS journal_by_time ON journal (written_at);
CREATE INDEX IF NOT EXISTS concern_reports_alike ON concern_reports (person_id, reported_on, recipient, method, author);
