//! The database schema, as numbered migrations. `PRAGMA user_version` records how many have run.
//! All pending migrations run in one transaction: a store is always at one known version. A
//! database from a newer program (a higher version than we know) is refused, never "upgraded" down.
//!
//! Append new migrations at the end; never edit one that has shipped.

use crate::error::{Code, Error, Result};
use rusqlite::Connection;

pub const MIGRATIONS: &[&str] = &[
    // 1: the organisation and the agreements, with every version of an agreement kept.
    r#"
    CREATE TABLE organisation (
        id          INTEGER PRIMARY KEY CHECK (id = 1),
        name        TEXT NOT NULL,
        org_number  TEXT NOT NULL,
        address     TEXT NOT NULL,
        bankgiro    TEXT NOT NULL,
        f_skatt     INTEGER NOT NULL CHECK (f_skatt IN (0, 1)),
        updated_at  TEXT NOT NULL
    ) STRICT;

    CREATE TABLE agreements (
        id          INTEGER PRIMARY KEY,
        key         TEXT NOT NULL UNIQUE,
        created_at  TEXT NOT NULL
    ) STRICT;

    -- Append-only: an edit is a new version; the terms are a JSON document (agreements::Terms).
    CREATE TABLE agreement_versions (
        id            INTEGER PRIMARY KEY,
        agreement_id  INTEGER NOT NULL REFERENCES agreements (id),
        version       INTEGER NOT NULL CHECK (version >= 1),
        recorded_at   TEXT NOT NULL,
        recorded_by   TEXT NOT NULL,
        change_note   TEXT NOT NULL,
        terms         TEXT NOT NULL,
        UNIQUE (agreement_id, version)
    ) STRICT;

    CREATE TRIGGER agreement_versions_are_never_changed BEFORE UPDATE ON agreement_versions
    BEGIN SELECT RAISE(ABORT, 'agreement versions are append-only'); END;
    CREATE TRIGGER agreement_versions_are_never_deleted BEFORE DELETE ON agreement_versions
    BEGIN SELECT RAISE(ABORT, 'agreement versions are append-only'); END;
    "#,
    // 2: registers (municipalities, rooms, tariffs), people, placements with one stay per person,
    //    the acute clock's records, the journal, orosanmälningar, refused requests, and the
    //    history of corrections. Instants are UTC RFC 3339 text; dates are YYYY-MM-DD; money öre.
    r#"
    CREATE TABLE municipalities (
        id               INTEGER PRIMARY KEY,
        key              TEXT NOT NULL UNIQUE,
        name             TEXT NOT NULL,
        org_number       TEXT NOT NULL,
        address          TEXT NOT NULL,
        peppol_id        TEXT NOT NULL,
        price_class      TEXT NOT NULL CHECK (price_class IN ('iop', 'standard')),
        acute_clause     INTEGER NOT NULL CHECK (acute_clause IN (0, 1)),
        buyer_reference  TEXT NOT NULL
    ) STRICT;

    CREATE TABLE rooms (
        id      INTEGER PRIMARY KEY,
        key     TEXT NOT NULL UNIQUE,
        name    TEXT NOT NULL,
        acute   INTEGER NOT NULL CHECK (acute IN (0, 1)),
        beds    INTEGER NOT NULL CHECK (beds >= 1)
    ) STRICT;

    CREATE TABLE room_closures (
        id         INTEGER PRIMARY KEY,
        room_id    INTEGER NOT NULL REFERENCES rooms (id),
        from_date  TEXT NOT NULL,
        to_date    TEXT,
        reason     TEXT NOT NULL,
        CHECK (to_date IS NULL OR to_date >= from_date)
    ) STRICT;

    CREATE TABLE tariffs (
        id            INTEGER PRIMARY KEY,
        valid_from    TEXT NOT NULL,
        category      TEXT NOT NULL CHECK (category IN ('adult', 'child')),
        iop_ore       INTEGER NOT NULL CHECK (iop_ore >= 0),
        standard_ore  INTEGER NOT NULL CHECK (standard_ore >= 0),
        UNIQUE (valid_from, category)
    ) STRICT;

    CREATE TABLE people (
        id                  INTEGER PRIMARY KEY,
        key                 TEXT NOT NULL UNIQUE,
        name                TEXT NOT NULL,
        birth_year          INTEGER,
        birth_date          TEXT,
        personal_number     TEXT UNIQUE,
        protected_identity  INTEGER NOT NULL CHECK (protected_identity IN (0, 1))
    ) STRICT;

    CREATE TABLE placements (
        id                      INTEGER PRIMARY KEY,
        key                     TEXT NOT NULL UNIQUE,
        municipality_id         INTEGER NOT NULL REFERENCES municipalities (id),
        reference               TEXT NOT NULL,
        yy_code                 TEXT NOT NULL,
        acute                   INTEGER NOT NULL CHECK (acute IN (0, 1)),
        room_id                 INTEGER REFERENCES rooms (id),
        violence                TEXT NOT NULL,
        arrival_route           TEXT NOT NULL,
        transported_by          TEXT NOT NULL,
        arrived_at              TEXT NOT NULL,
        assessment_by           TEXT,
        assessment_at           TEXT,
        assessment_conclusion   TEXT NOT NULL,
        rve_contacted_at        TEXT,
        rve_contacted_by        TEXT NOT NULL,
        rve_decision            TEXT,
        rve_decided_at          TEXT
    ) STRICT;

    CREATE TABLE stays (
        id                  INTEGER PRIMARY KEY,
        placement_id        INTEGER NOT NULL REFERENCES placements (id),
        person_id           INTEGER NOT NULL REFERENCES people (id),
        category            TEXT NOT NULL CHECK (category IN ('adult', 'child')),
        decision_reference  TEXT NOT NULL,
        in_at               TEXT NOT NULL,
        out_at              TEXT,
        destination         TEXT,
        UNIQUE (placement_id, person_id),
        CHECK (out_at IS NULL OR out_at > in_at),
        CHECK (destination IS NULL OR out_at IS NOT NULL)
    ) STRICT;
    CREATE INDEX stays_by_person ON stays (person_id, in_at);

    -- Append-only: a correction is a new note pointing at the one it corrects.
    CREATE TABLE journal (
        id            INTEGER PRIMARY KEY,
        placement_id  INTEGER REFERENCES placements (id),
        person_id     INTEGER REFERENCES people (id),
        written_at    TEXT NOT NULL,
        author        TEXT NOT NULL,
        body          TEXT NOT NULL,
        corrects      INTEGER REFERENCES journal (id),
        CHECK (placement_id IS NOT NULL OR person_id IS NOT NULL)
    ) STRICT;
    CREATE TRIGGER journal_is_never_changed BEFORE UPDATE ON journal
    BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
    CREATE TRIGGER journal_is_never_deleted BEFORE DELETE ON journal
    BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;

    -- Orosanmälningar (14 kap. 1 § SoL), per child.
    CREATE TABLE concern_reports (
        id            INTEGER PRIMARY KEY,
        person_id     INTEGER NOT NULL REFERENCES people (id),
        placement_id  INTEGER REFERENCES placements (id),
        reported_on   TEXT NOT NULL,
        recipient     TEXT NOT NULL,
        method        TEXT NOT NULL,
        author        TEXT NOT NULL
    ) STRICT;

    -- Requests refused for lack of space: counts only, no personal data.
    CREATE TABLE refused_requests (
        id            INTEGER PRIMARY KEY,
        requested_on  TEXT NOT NULL,
        women         INTEGER NOT NULL CHECK (women >= 0),
        children      INTEGER NOT NULL CHECK (children >= 0),
        note          TEXT NOT NULL,
        CHECK (women + children > 0)
    ) STRICT;

    -- Every correction of a recorded fact (a move-out undone, a time changed): what it was,
    -- what it became, why, by whom, when. Append-only.
    CREATE TABLE corrections (
        id            INTEGER PRIMARY KEY,
        at            TEXT NOT NULL,
        actor         TEXT NOT NULL,
        placement_id  INTEGER REFERENCES placements (id),
        what          TEXT NOT NULL,
        before        TEXT NOT NULL,
        after         TEXT NOT NULL,
        reason        TEXT NOT NULL
    ) STRICT;
    CREATE TRIGGER corrections_are_never_changed BEFORE UPDATE ON corrections
    BEGIN SELECT RAISE(ABORT, 'corrections are append-only'); END;
    CREATE TRIGGER corrections_are_never_deleted BEFORE DELETE ON corrections
    BEGIN SELECT RAISE(ABORT, 'corrections are append-only'); END;

    -- Borås Stad, party to the IOP agreement, with the acute clause. The Peppol id and the
    -- invoice address are to be confirmed by the user in the register.
    INSERT INTO municipalities (key, name, org_number, address, peppol_id, price_class, acute_clause, buyer_reference)
    VALUES ('boras', 'Borås Stad', '212000-1561', 'Arbetslivsförvaltningen, Österlånggatan 72, 503 37 Borås',
            '0007:2120001561', 'iop', 1, '');
    "#,
    // 3: billing. Settings with their history; invoices and credit notes (never changed or
    //    deleted once issued), their lines, the person-nights each line invoices (a night is
    //    invoiced at most once at a time: the partial unique index), and payments.
    r#"
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
    "#,
    // 4: documents. The organisation's signing certificate and key (inside the encrypted
    //    database), and each issued invoice's exact PDF and e-invoice, never changed.
    r#"
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
    "#,
    // 5: the organisation's logo for its documents (a PNG image).
    r#"
    CREATE TABLE organisation_logo (
        id          INTEGER PRIMARY KEY CHECK (id = 1),
        png         BLOB NOT NULL,
        updated_at  TEXT NOT NULL
    ) STRICT;
    "#,
    // 6: Lex Sarah reports (14 kap. 3 § SoL), counted for the kvalitetsbilaga: a date and a
    //    short note without personal data.
    r#"
    CREATE TABLE lex_sarah_reports (
        id           INTEGER PRIMARY KEY,
        reported_on  TEXT NOT NULL,
        note         TEXT NOT NULL
    ) STRICT;
    "#,
    // 7: staff accounts, the delay after failed sign-ins, and the access log. The log is
    //    append-only (the triggers) and hash-chained (see `audit`), so an entry changed or removed
    //    behind the program's back is detected by `fristad-cli audit verify`.
    r#"
    CREATE TABLE accounts (
        id             INTEGER PRIMARY KEY,
        username       TEXT NOT NULL UNIQUE COLLATE NOCASE,
        display_name   TEXT NOT NULL,
        role           TEXT NOT NULL CHECK (role IN ('staff', 'manager', 'admin')),
        password_hash  TEXT NOT NULL,
        created_at     TEXT NOT NULL,
        created_by     TEXT NOT NULL,
        disabled_at    TEXT
    ) STRICT;
    -- Failed sign-ins per account; account 0 counts names that match no account, so a wrong
    -- name is delayed like a wrong password and what is typed as a name is never stored.
    CREATE TABLE sign_in_delays (
        account_id  INTEGER PRIMARY KEY,
        failures    INTEGER NOT NULL,
        wait_until  TEXT NOT NULL
    ) STRICT;
    CREATE TABLE access_log (
        seq        INTEGER PRIMARY KEY,
        at         TEXT NOT NULL,
        username   TEXT NOT NULL,
        action     TEXT NOT NULL,
        kind       TEXT NOT NULL,
        placement  TEXT,
        person     TEXT,
        detail     TEXT NOT NULL,
        prev_hash  TEXT NOT NULL,
        hash       TEXT NOT NULL
    ) STRICT;
    CREATE INDEX access_log_person ON access_log (person) WHERE person IS NOT NULL;
    CREATE INDEX access_log_placement ON access_log (placement) WHERE placement IS NOT NULL;
    CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
        BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END;
    CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
        BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END;
    "#,
    // 8: retention (gallring). Personal details are removed from people and placements whose
    //    last stay ended long enough ago; journal notes and the corrections that hold old values
    //    are deleted. The journal and the corrections stay append-only for everything else: only
    //    a retention run opens the gate, inside its own transaction. Ages at each arrival are
    //    kept when birth dates go, so the statistics of earlier years do not change.
    r#"
    ALTER TABLE people ADD COLUMN erased_at TEXT;
    ALTER TABLE placements ADD COLUMN erased_at TEXT;
    ALTER TABLE stays ADD COLUMN age_at_in INTEGER;
    CREATE TABLE retention_gate (
        open  INTEGER PRIMARY KEY CHECK (open = 1)
    ) STRICT;
    CREATE TABLE retention_runs (
        id               INTEGER PRIMARY KEY,
        run_at           TEXT NOT NULL,
        actor            TEXT NOT NULL,
        details_before   TEXT NOT NULL,
        journal_before   TEXT NOT NULL,
        people           INTEGER NOT NULL,
        placements       INTEGER NOT NULL,
        journal_notes    INTEGER NOT NULL,
        corrections      INTEGER NOT NULL
    ) STRICT;
    DROP TRIGGER journal_is_never_deleted;
    CREATE TRIGGER journal_is_never_deleted BEFORE DELETE ON journal
        WHEN NOT EXISTS (SELECT 1 FROM retention_gate)
        BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
    DROP TRIGGER corrections_are_never_deleted;
    CREATE TRIGGER corrections_are_never_deleted BEFORE DELETE ON corrections
        WHEN NOT EXISTS (SELECT 1 FROM retention_gate)
        BEGIN SELECT RAISE(ABORT, 'corrections are append-only'); END;
    "#,
    // 9: what the invoicing run must look at. A placement is listed here until its bill can
    //    never change again. `settled_through`, when set, says that a run through that date left
    //    nothing to credit or invoice on or before it and nothing billing depends on has changed
    //    since, so only later nights need a look. A placement drops out of the list when every
    //    stay has ended and every billable night is settled. Any change that could alter a bill
    //    (a stay, the placement's municipality, acute flag or arrival, a municipality's price
    //    class or acute clause, a tariff, the way nights are counted, a night credited by hand)
    //    puts the placement back with nothing settled, so the next run looks at it in full.
    //    (Upserts, not INSERT OR REPLACE: in a trigger the outer statement's conflict policy wins.)
    r#"
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
    "#,
    // 10: indexes for a store of many years. Without them an invoice's payments and credit notes,
    //     a placement's room changes and corrections, and a journal's corrections were found by
    //     reading the whole table, which made a federation's 20 years quadratic.
    r#"
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
    "#,
    // 11: invoices whose signed PDF and e-invoice are still to be made. A run writes its
    //     invoices and these notes in one transaction and makes the documents right after, so
    //     that a crash in between leaves a note, not an invoice without its documents.
    r#"
    CREATE TABLE documents_due (
        invoice_id  INTEGER PRIMARY KEY REFERENCES invoices (id)
    ) STRICT;
    "#,
    // 12: invoices not yet paid or credited in full, kept by triggers, so that what each
    //     municipality owes and the invoice screen's "unpaid" and "overdue" read these instead of
    //     every invoice ever issued. An invoice's account changes only when it is issued, paid or
    //     credited (payments and invoices are never changed or deleted), and at each of these a
    //     trigger decides it again from all three, so the table is exactly the invoices with
    //     something left to pay.
    r#"
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
    "#,
];

/// The schema version this program writes.
pub fn latest() -> i64 {
    MIGRATIONS.len() as i64
}

pub fn current(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

pub fn newer_database(found: i64) -> Error {
    Error::new(
        Code::NewerDatabase,
        crate::msg!("error.store.newer", found = found, latest = latest()),
    )
}

/// Brings the schema up to date in one transaction.
pub fn run(conn: &mut Connection) -> Result<()> {
    let found = current(conn)?;
    if found > latest() {
        return Err(newer_database(found));
    }
    if found == latest() {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    for sql in &MIGRATIONS[found as usize..] {
        tx.execute_batch(sql)?;
    }
    // user_version lives in the database header and is part of the transaction.
    tx.pragma_update(None, "user_version", latest())?;
    tx.commit()?;
    Ok(())
}
