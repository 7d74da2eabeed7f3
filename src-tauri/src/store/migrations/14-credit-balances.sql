-- credit notes with care. A credit note made by hand keeps the reason given for it. An invoice
--    paid and then credited leaves a credit balance (tillgodo) that a manager settles by a
--    refund, or by asking for it to be taken off the next invoice to the municipality (it is
--    taken when that invoice is issued, and shown on it). Settlements are never changed or
--    removed. An invoice's account: its total, less payments, credit notes and what was taken
--    off it from a credit balance, plus what of its own credit balance was refunded or taken
--    off another invoice; `invoices_unsettled` now keeps every invoice whose account is not
--    even (something to pay, or a credit balance).
CREATE TABLE credit_reasons (
    credit_note_id  INTEGER PRIMARY KEY REFERENCES invoices (id),
    reason          TEXT NOT NULL
) STRICT;
CREATE TRIGGER credit_reasons_are_never_changed BEFORE UPDATE ON credit_reasons
BEGIN SELECT RAISE(ABORT, 'credit reasons are never changed'); END;
CREATE TRIGGER credit_reasons_are_never_deleted BEFORE DELETE ON credit_reasons
BEGIN SELECT RAISE(ABORT, 'credit reasons are never deleted'); END;

CREATE TABLE settlements (
    id             INTEGER PRIMARY KEY,
    invoice_id     INTEGER NOT NULL REFERENCES invoices (id),
    kind           TEXT NOT NULL CHECK (kind IN ('refund', 'offset')),
    amount_ore     INTEGER NOT NULL CHECK (amount_ore > 0),
    settled_on     TEXT NOT NULL,
    to_invoice_id  INTEGER REFERENCES invoices (id),
    recorded_at    TEXT NOT NULL,
    actor          TEXT NOT NULL,
    CHECK ((kind = 'offset') = (to_invoice_id IS NOT NULL))
) STRICT;
CREATE INDEX settlements_by_invoice ON settlements (invoice_id);
CREATE INDEX settlements_by_target ON settlements (to_invoice_id) WHERE to_invoice_id IS NOT NULL;
CREATE TRIGGER settlements_are_never_changed BEFORE UPDATE ON settlements
BEGIN SELECT RAISE(ABORT, 'settlements are never changed'); END;
CREATE TRIGGER settlements_are_never_deleted BEFORE DELETE ON settlements
BEGIN SELECT RAISE(ABORT, 'settlements are never deleted'); END;

CREATE TABLE offset_requests (
    invoice_id    INTEGER PRIMARY KEY REFERENCES invoices (id),
    requested_at  TEXT NOT NULL,
    actor         TEXT NOT NULL
) STRICT;

DROP TRIGGER invoices_unsettled_on_issue;
DROP TRIGGER invoices_unsettled_on_payment;
DROP VIEW invoice_balances;
CREATE VIEW invoice_balances AS
    SELECT i.id AS invoice_id,
           i.total_ore
           - (SELECT COALESCE(SUM(y.amount_ore), 0) FROM payments y WHERE y.invoice_id = i.id)
           - (SELECT COALESCE(SUM(c.total_ore), 0) FROM invoices c WHERE c.credits_invoice_id = i.id)
           - (SELECT COALESCE(SUM(o.amount_ore), 0) FROM settlements o WHERE o.to_invoice_id = i.id)
           + (SELECT COALESCE(SUM(s.amount_ore), 0) FROM settlements s WHERE s.invoice_id = i.id)
           AS outstanding_ore
    FROM invoices i WHERE i.kind != 'credit_note';
DELETE FROM invoices_unsettled;
INSERT INTO invoices_unsettled (invoice_id)
    SELECT invoice_id FROM invoice_balances WHERE outstanding_ore != 0;
CREATE TRIGGER invoices_unsettled_on_issue AFTER INSERT ON invoices
BEGIN
    DELETE FROM invoices_unsettled WHERE invoice_id IN (NEW.id, NEW.credits_invoice_id);
    INSERT INTO invoices_unsettled (invoice_id)
        SELECT invoice_id FROM invoice_balances
        WHERE invoice_id IN (NEW.id, NEW.credits_invoice_id) AND outstanding_ore != 0;
END;
CREATE TRIGGER invoices_unsettled_on_payment AFTER INSERT ON payments
BEGIN
    DELETE FROM invoices_unsettled WHERE invoice_id = NEW.invoice_id;
    INSERT INTO invoices_unsettled (invoice_id)
        SELECT invoice_id FROM invoice_balances WHERE invoice_id = NEW.invoice_id AND outstanding_ore != 0;
END;
CREATE TRIGGER invoices_unsettled_on_settlement AFTER INSERT ON settlements
BEGIN
    DELETE FROM invoices_unsettled WHERE invoice_id IN (NEW.invoice_id, NEW.to_invoice_id);
    INSERT INTO invoices_unsettled (invoice_id)
        SELECT invoice_id FROM invoice_balances
        WHERE invoice_id IN (NEW.invoice_id, NEW.to_invoice_id) AND outstanding_ore != 0;
END;
