-- invoices whose signed PDF and e-invoice are still to be made. A run writes its
--     invoices and these notes in one transaction and makes the documents right after, so
--     that a crash in between leaves a note, not an invoice without its documents.
CREATE TABLE documents_due (
    invoice_id  INTEGER PRIMARY KEY REFERENCES invoices (id)
) STRICT;

