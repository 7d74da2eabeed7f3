-- terms that price a night, dated: a municipality's price class and IOP acute clause, how nights
--    are counted, and the service fee's schedule. A change applies from its date; the terms in
--    force on a date are those of the latest change on or before it (of two on one date, the one
--    recorded last). Changes are never edited or removed, so what applied on any day can be
--    shown again. The terms each store had are carried over as in force from the start
--    ('0001-01-01'), and the municipalities' own columns for them go.
CREATE TABLE term_changes (
    id               INTEGER PRIMARY KEY,
    term             TEXT NOT NULL CHECK (term IN ('price_class', 'acute_clause', 'night_counting', 'fee_schedule')),
    municipality_id  INTEGER REFERENCES municipalities (id),
    valid_from       TEXT NOT NULL,
    value            TEXT NOT NULL,
    recorded_at      TEXT NOT NULL,
    actor            TEXT NOT NULL,
    reason           TEXT NOT NULL,
    CHECK ((term IN ('price_class', 'acute_clause')) = (municipality_id IS NOT NULL))
) STRICT;
CREATE INDEX term_changes_by_term ON term_changes (term, municipality_id, valid_from, id);
CREATE TRIGGER term_changes_are_never_changed BEFORE UPDATE ON term_changes
BEGIN SELECT RAISE(ABORT, 'term changes are never changed'); END;
CREATE TRIGGER term_changes_are_never_deleted BEFORE DELETE ON term_changes
BEGIN SELECT RAISE(ABORT, 'term changes are never deleted'); END;

INSERT INTO term_changes (term, municipality_id, valid_from, value, recorded_at, actor, reason)
    SELECT 'price_class', id, '0001-01-01', price_class, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'fristad',
           'Villkoren som gällde innan villkoren daterades'
    FROM municipalities;
INSERT INTO term_changes (term, municipality_id, valid_from, value, recorded_at, actor, reason)
    SELECT 'acute_clause', id, '0001-01-01', CASE acute_clause WHEN 1 THEN 'true' ELSE 'false' END,
           strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'fristad', 'Villkoren som gällde innan villkoren daterades'
    FROM municipalities;
INSERT INTO term_changes (term, municipality_id, valid_from, value, recorded_at, actor, reason)
    VALUES ('night_counting', NULL, '0001-01-01',
            COALESCE((SELECT json_extract(value, '$.night_counting') FROM settings
                      WHERE key = 'billing' ORDER BY id DESC LIMIT 1), 'midnights'),
            strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'fristad', 'Villkoren som gällde innan villkoren daterades');
INSERT INTO term_changes (term, municipality_id, valid_from, value, recorded_at, actor, reason)
    VALUES ('fee_schedule', NULL, '0001-01-01',
            COALESCE((SELECT json_extract(value, '$.service_fee_schedule') FROM settings
                      WHERE key = 'billing' ORDER BY id DESC LIMIT 1), 'quarterly'),
            strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'fristad', 'Villkoren som gällde innan villkoren daterades');

-- A change puts back into billing the placements it can re-price: those with a stay not ended
-- by the day before its date (the municipality's, or every one for the way nights are counted).
DROP TRIGGER billing_open_municipality_changed;
DROP TRIGGER billing_open_night_counting_changed;
CREATE TRIGGER billing_open_municipality_terms AFTER INSERT ON term_changes
WHEN NEW.municipality_id IS NOT NULL
BEGIN
    INSERT INTO billing_open (placement_id)
    SELECT DISTINCT s.placement_id FROM stays s JOIN placements p ON p.id = s.placement_id
    WHERE p.municipality_id = NEW.municipality_id
      AND (s.out_at IS NULL OR s.out_at >= date(NEW.valid_from, '-1 day'))
    ON CONFLICT (placement_id) DO UPDATE SET settled_through = NULL;
END;
CREATE TRIGGER billing_open_night_counting AFTER INSERT ON term_changes
WHEN NEW.term = 'night_counting'
BEGIN
    INSERT INTO billing_open (placement_id)
    SELECT DISTINCT placement_id FROM stays WHERE out_at IS NULL OR out_at >= date(NEW.valid_from, '-1 day')
    ON CONFLICT (placement_id) DO UPDATE SET settled_through = NULL;
END;
ALTER TABLE municipalities DROP COLUMN price_class;
ALTER TABLE municipalities DROP COLUMN acute_clause;
