-- invoices not yet paid or credited in full, kept by triggers, so that what each
--     municipality owes and the invoice screen's "unpaid" and "overdue" read these instead of
--     every invoice ever issued. An invoice's account changes only when it is issued, paid or
--     credited (payments and invoices are never changed or deleted), and at each of these a
--     trigger decides it again from all three, so the table is exactly the invoices with
--     something left to pay.
CREATE TABLE invoices_unsettled (
    invoice_id  INTEGER PRIMARY KEY REFERENCES invoices (id)
) STRICT;
CREATE VIEW invoice_balances AS
    SELECT i.id AS invoice_id,
           i.total_ore
           - (SELECT COALESCE(SUM(y.amount_ore), 0) FROM payments y WHERE y.invoice_id = i.id)
           - (SELECT COALESCE(SUM(c.total_ore), 0) FROM invoices c WHERE c.credits_invoice_id = i.id)
           AS outstanding_ore
    FROM invoices i WHERE i.kind != 'credit_note';
INSERT INTO invoices_unsettled (invoice_id)
    SELECT invoice_id FROM invoice_balances WHERE outstanding_ore > 0;
-- The invoice screen counts the invoices its filter chooses (year, municipality) from this
-- index alone instead of reading every invoice row.
CREATE INDEX invoices_by_year_and_buyer ON invoices (year, municipality_id);
CREATE TRIGGER invoices_unsettled_on_issue AFTER INSERT ON invoices
BEGIN
    DELETE FROM invoices_unsettled WHERE invoice_id IN (NEW.id, NEW.credits_invoice_id);
    INSERT INTO invoices_unsettled (invoice_id)
        SELECT invoice_id FROM invoice_balances
        WHERE invoice_id IN (NEW.id, NEW.credits_invoice_id) AND outstanding_ore > 0;
END;
CREATE TRIGGER invoices_unsettled_on_payment AFTER INSERT ON payments
BEGIN
    DELETE FROM invoices_unsettled WHERE invoice_id = NEW.invoice_id;
    INSERT INTO invoices_unsettled (invoice_id)
        SELECT invoice_id FROM invoice_balances WHERE invoice_id = NEW.invoice_id AND outstanding_ore > 0;
END;

