-- what the invoicing run must look at. A placement is listed here until its bill can
--    never change again. `settled_through`, when set, says that a run through that date left
--    nothing to credit or invoice on or before it and nothing billing depends on has changed
--    since, so only later nights need a look. A placement drops out of the list when every
--    stay has ended and every billable night is settled. Any change that could alter a bill
--    (a stay, the placement's municipality, acute flag or arrival, a municipality's price
--    class or acute clause, a tariff, the way nights are counted, a night credited by hand)
--    puts the placement back with nothing settled, so the next run looks at it in full.
--    (Upserts, not INSERT OR REPLACE: in a trigger the outer statement's conflict policy wins.)
CREATE TABLE billing_open (
    placement_id     INTEGER PRIMARY KEY REFERENCES placements (id),
    settled_through  TEXT
) STRICT;
INSERT INTO billing_open (placement_id) SELECT id FROM placements;

CREATE TRIGGER billing_open_new_placement AFTER INSERT ON placements
BEGIN INSERT INTO billing_open (placement_id) VALUES (NEW.id)
    ON CONFLICT (placement_id) DO UPDATE SET settled_through = NULL; END;
CREATE TRIGGER billing_open_placement_changed
AFTER UPDATE OF municipality_id, acute, arrived_at ON placements
BEGIN INSERT INTO billing_open (placement_id) VALUES (NEW.id)
    ON CONFLICT (placement_id) DO UPDATE SET settled_through = NULL; END;

CREATE TRIGGER billing_open_new_stay AFTER INSERT ON stays
BEGIN INSERT INTO billing_open (placement_id) VALUES (NEW.placement_id)
    ON CONFLICT (placement_id) DO UPDATE SET settled_through = NULL; END;
CREATE TRIGGER billing_open_stay_changed
AFTER UPDATE OF placement_id, person_id, category, in_at, out_at ON stays
BEGIN
    INSERT INTO billing_open (placement_id) VALUES (OLD.placement_id)
    ON CONFLICT (placement_id) DO UPDATE SET settled_through = NULL;
    INSERT INTO billing_open (placement_id) VALUES (NEW.placement_id)
    ON CONFLICT (placement_id) DO UPDATE SET settled_through = NULL;
END;
CREATE TRIGGER billing_open_stay_removed AFTER DELETE ON stays
BEGIN INSERT INTO billing_open (placement_id) VALUES (OLD.placement_id)
    ON CONFLICT (placement_id) DO UPDATE SET settled_through = NULL; END;

CREATE TRIGGER billing_open_municipality_changed
AFTER UPDATE OF price_class, acute_clause ON municipalities
BEGIN
    INSERT INTO billing_open (placement_id)
    SELECT id FROM placements WHERE municipality_id = NEW.id
    ON CONFLICT (placement_id) DO UPDATE SET settled_through = NULL;
END;

-- A tariff prices the nights from its date on: every stay not ended the day before.
CREATE TRIGGER billing_open_new_tariff AFTER INSERT ON tariffs
BEGIN
    INSERT INTO billing_open (placement_id)
    SELECT DISTINCT placement_id FROM stays WHERE out_at IS NULL OR out_at >= date(NEW.valid_from, '-1 day')
    ON CONFLICT (placement_id) DO UPDATE SET settled_through = NULL;
END;
CREATE TRIGGER billing_open_tariff_changed AFTER UPDATE ON tariffs
BEGIN
    INSERT INTO billing_open (placement_id)
    SELECT DISTINCT placement_id FROM stays
    WHERE out_at IS NULL OR out_at >= date(min(OLD.valid_from, NEW.valid_from), '-1 day')
    ON CONFLICT (placement_id) DO UPDATE SET settled_through = NULL;
END;
CREATE TRIGGER billing_open_tariff_removed AFTER DELETE ON tariffs
BEGIN
    INSERT INTO billing_open (placement_id)
    SELECT DISTINCT placement_id FROM stays WHERE out_at IS NULL OR out_at >= date(OLD.valid_from, '-1 day')
    ON CONFLICT (placement_id) DO UPDATE SET settled_through = NULL;
END;

-- Settings are a new row per change; only the way nights are counted changes a bill.
CREATE TRIGGER billing_open_night_counting_changed AFTER INSERT ON settings
WHEN json_extract(NEW.value, '$.night_counting') IS NOT (
    SELECT json_extract(value, '$.night_counting') FROM settings
    WHERE key = NEW.key AND id < NEW.id ORDER BY id DESC LIMIT 1)
BEGIN INSERT INTO billing_open (placement_id) SELECT id FROM placements WHERE true
    ON CONFLICT (placement_id) DO UPDATE SET settled_through = NULL; END;

-- Nights invoiced or credited outside a run (a credit note made by hand).
CREATE TRIGGER billing_open_night_invoiced AFTER INSERT ON invoiced_nights
BEGIN
    INSERT INTO billing_open (placement_id) SELECT placement_id FROM stays WHERE id = NEW.stay_id
    ON CONFLICT (placement_id) DO UPDATE SET settled_through = NULL;
END;
CREATE TRIGGER billing_open_night_credited AFTER UPDATE ON invoiced_nights
BEGIN
    INSERT INTO billing_open (placement_id) SELECT placement_id FROM stays WHERE id = NEW.stay_id
    ON CONFLICT (placement_id) DO UPDATE SET settled_through = NULL;
END;

