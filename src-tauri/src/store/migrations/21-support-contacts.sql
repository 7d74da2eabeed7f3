-- Support contacts of the open counselling and the jour's telephone and chat (issue 22): counted,
-- never named. `person` is an optional pseudonymous key, so that someone who gets in touch again
-- counts once among the individuals; `topics` is a JSON list of topic identifiers.
CREATE TABLE support_contacts (
    id       INTEGER PRIMARY KEY,
    date     TEXT NOT NULL,
    channel  TEXT NOT NULL,
    grp      TEXT NOT NULL,
    topics   TEXT NOT NULL,
    minutes  INTEGER CHECK (minutes IS NULL OR minutes BETWEEN 0 AND 1440),
    by_whom  TEXT NOT NULL CHECK (by_whom IN ('personal', 'volontar')),
    person   TEXT
) STRICT;
CREATE INDEX support_contacts_by_date ON support_contacts (date);
