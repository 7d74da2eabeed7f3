-- indexes for a store of many years. Without them an invoice's payments and credit notes,
--     a placement's room changes and corrections, and a journal's corrections were found by
--     reading the whole table, which made a federation's 20 years quadratic.
CREATE INDEX payments_by_invoice ON payments (invoice_id);
CREATE INDEX credit_notes_by_invoice ON invoices (credits_invoice_id) WHERE credits_invoice_id IS NOT NULL;
CREATE INDEX invoices_by_placement ON invoices (placement_id) WHERE placement_id IS NOT NULL;
CREATE INDEX invoices_by_issue_date ON invoices (issued_on);
CREATE INDEX corrections_by_placement ON corrections (placement_id);
CREATE INDEX journal_by_placement ON journal (placement_id);
CREATE INDEX journal_by_person ON journal (person_id);
CREATE INDEX journal_corrections ON journal (corrects) WHERE corrects IS NOT NULL;
CREATE INDEX concern_reports_by_person ON concern_reports (person_id);
CREATE INDEX stays_by_out ON stays (out_at);
CREATE INDEX placements_by_arrival ON placements (arrived_at);

