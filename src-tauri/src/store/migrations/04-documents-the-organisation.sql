-- documents. The organisation's signing certificate and key (inside the encrypted
--    database), and each issued invoice's exact PDF and e-invoice, never changed.
CREATE TABLE signing_identity (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    certificate  BLOB NOT NULL,
    private_key  BLOB NOT NULL,
    source       TEXT NOT NULL CHECK (source IN ('generated', 'imported')),
    created_at   TEXT NOT NULL
) STRICT;

CREATE TABLE invoice_documents (
    invoice_id  INTEGER PRIMARY KEY REFERENCES invoices (id),
    pdf         BLOB NOT NULL,
    ubl         TEXT NOT NULL
) STRICT;
CREATE TRIGGER invoice_documents_are_never_changed BEFORE UPDATE ON invoice_documents
BEGIN SELECT RAISE(ABORT, 'issued documents are never changed'); END;
CREATE TRIGGER invoice_documents_are_never_deleted BEFORE DELETE ON invoice_documents
BEGIN SELECT RAISE(ABORT, 'issued documents are never deleted'); END;

