-- billing. Settings with their history; invoices and credit notes (never changed or
--    deleted once issued), their lines, the person-nights each line invoices (a night is
--    invoiced at most once at a time: the partial unique index), and payments.
CREATE TABLE settings (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL,
    value       TEXT NOT NULL,
    changed_at  TEXT NOT NULL,
    actor       TEXT NOT NULL
) STRICT;
CREATE INDEX settings_by_key ON settings (key, id);

CREATE TABLE invoice_runs (
    id        INTEGER PRIMARY KEY,
    through   TEXT NOT NULL,
    run_at    TEXT NOT NULL,
    actor     TEXT NOT NULL
) STRICT;

CREATE TABLE invoices (
    id                   INTEGER PRIMARY KEY,
    number               TEXT NOT NULL UNIQUE,
    year                 INTEGER NOT NULL,
    seq                  INTEGER NOT NULL CHECK (seq >= 1),
    kind                 TEXT NOT NULL CHECK (kind IN ('placement', 'service_fee', 'credit_note')),
    municipality_id      INTEGER NOT NULL REFERENCES municipalities (id),
    placement_id         INTEGER REFERENCES placements (id),
    credits_invoice_id   INTEGER REFERENCES invoices (id),
    period_from          TEXT NOT NULL,
    period_to            TEXT NOT NULL,
    issued_on            TEXT NOT NULL,
    due_on               TEXT NOT NULL,
    ocr                  TEXT NOT NULL,
    buyer_reference      TEXT NOT NULL,
    placement_reference  TEXT NOT NULL,
    seller               TEXT NOT NULL,
    buyer                TEXT NOT NULL,
    vat_exemption        TEXT NOT NULL,
    lines_total_ore      INTEGER NOT NULL,
    rounding_ore         INTEGER NOT NULL,
    total_ore            INTEGER NOT NULL,
    final                INTEGER NOT NULL CHECK (final IN (0, 1)),
    run_id               INTEGER REFERENCES invoice_runs (id),
    UNIQUE (year, seq),
    CHECK (total_ore = lines_total_ore + rounding_ore)
) STRICT;
CREATE TRIGGER invoices_are_never_changed BEFORE UPDATE ON invoices
BEGIN SELECT RAISE(ABORT, 'issued invoices are never changed'); END;
CREATE TRIGGER invoices_are_never_deleted BEFORE DELETE ON invoices
BEGIN SELECT RAISE(ABORT, 'issued invoices are never deleted'); END;

CREATE TABLE invoice_lines (
    id               INTEGER PRIMARY KEY,
    invoice_id       INTEGER NOT NULL REFERENCES invoices (id),
    line_no          INTEGER NOT NULL,
    description      TEXT NOT NULL,
    person_key       TEXT,
    category         TEXT,
    from_date        TEXT NOT NULL,
    to_date          TEXT NOT NULL,
    nights           INTEGER NOT NULL,
    unit_price_ore   INTEGER NOT NULL,
    amount_ore       INTEGER NOT NULL,
    credits_line_id  INTEGER REFERENCES invoice_lines (id),
    UNIQUE (invoice_id, line_no)
) STRICT;
CREATE TRIGGER invoice_lines_are_never_changed BEFORE UPDATE ON invoice_lines
BEGIN SELECT RAISE(ABORT, 'invoice lines are never changed'); END;
CREATE TRIGGER invoice_lines_are_never_deleted BEFORE DELETE ON invoice_lines
BEGIN SELECT RAISE(ABORT, 'invoice lines are never deleted'); END;

CREATE TABLE invoiced_nights (
    id                   INTEGER PRIMARY KEY,
    stay_id              INTEGER NOT NULL REFERENCES stays (id),
    night                TEXT NOT NULL,
    line_id              INTEGER NOT NULL REFERENCES invoice_lines (id),
    credited_by_line_id  INTEGER REFERENCES invoice_lines (id)
) STRICT;
CREATE UNIQUE INDEX one_open_invoice_per_night ON invoiced_nights (stay_id, night) WHERE credited_by_line_id IS NULL;
CREATE INDEX invoiced_nights_by_line ON invoiced_nights (line_id);
-- A night's record only ever gains the credit note that cancels it.
CREATE TRIGGER invoiced_nights_only_get_credited BEFORE UPDATE ON invoiced_nights
WHEN OLD.credited_by_line_id IS NOT NULL OR NEW.stay_id IS NOT OLD.stay_id OR NEW.night IS NOT OLD.night
     OR NEW.line_id IS NOT OLD.line_id
BEGIN SELECT RAISE(ABORT, 'an invoiced night is only ever credited'); END;
CREATE TRIGGER invoiced_nights_are_never_deleted BEFORE DELETE ON invoiced_nights
BEGIN SELECT RAISE(ABORT, 'invoiced nights are never deleted'); END;

-- The service fee's instalments: which invoice line covers which period. Cancelled by a credit.
CREATE TABLE invoiced_instalments (
    id                   INTEGER PRIMARY KEY,
    agreement_key        TEXT NOT NULL,
    period_from          TEXT NOT NULL,
    line_id              INTEGER NOT NULL REFERENCES invoice_lines (id),
    credited_by_line_id  INTEGER REFERENCES invoice_lines (id)
) STRICT;
CREATE UNIQUE INDEX one_open_invoice_per_instalment ON invoiced_instalments (agreement_key, period_from)
    WHERE credited_by_line_id IS NULL;

CREATE TABLE payments (
    id           INTEGER PRIMARY KEY,
    invoice_id   INTEGER NOT NULL REFERENCES invoices (id),
    paid_on      TEXT NOT NULL,
    amount_ore   INTEGER NOT NULL CHECK (amount_ore > 0),
    recorded_at  TEXT NOT NULL,
    actor        TEXT NOT NULL
) STRICT;
CREATE TRIGGER payments_are_never_changed BEFORE UPDATE ON payments
BEGIN SELECT RAISE(ABORT, 'payments are never changed'); END;
CREATE TRIGGER payments_are_never_deleted BEFORE DELETE ON payments
BEGIN SELECT RAISE(ABORT, 'payments are never deleted'); END;

