//! Documents still to be made. An invoicing run (or a credit note) writes its invoices together
//! with a note per invoice that its signed PDF and e-invoice are due, and the documents are made
//! right after the transaction: making and signing a federation's month of PDFs takes seconds,
//! while the run's decisions and data take a fraction of one, and nobody should wait for the
//! first to see the second. The invoice's content is fixed when it is written (its seller and
//! buyer are stored with it), so a document made a moment later is the same document.
//!
//! A crash between the two leaves the notes, never an invoice without a way to its documents:
//! opening the store makes what is due, and asking for a due document makes it first.
//!
//! Making is split so that a caller holding the store behind a lock (the window) can render
//! without it: `take` reads a batch, `Batch::make` renders and signs on every core without the
//! database, `save` stores the documents and removes their notes, all or nothing.

use super::invoice::Invoice;
use super::{issued_documents, register};
use crate::documents::signing;
use crate::error::{Code, Error, Result};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

/// How many invoices are made at once: enough to keep every core busy, few enough that a
/// national run does not hold all its PDFs in memory.
const BATCH: usize = 64;

/// Notes that `invoice_id`'s documents are due. Runs inside the transaction that writes it.
pub(crate) fn note(tx: &Transaction, invoice_id: i64) -> Result<()> {
    tx.prepare_cached("INSERT INTO documents_due (invoice_id) VALUES (?1)")?
        .execute([invoice_id])?;
    Ok(())
}

/// How many invoices wait for their documents.
pub fn count(conn: &Connection) -> Result<usize> {
    let n: i64 = conn.query_row("SELECT count(*) FROM documents_due", [], |r| r.get(0))?;
    Ok(n as usize)
}

fn is_due(conn: &Connection, invoice_id: i64) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM documents_due WHERE invoice_id = ?1",
            [invoice_id],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// Invoices read from the store whose documents are to be made, with what makes them.
pub struct Batch {
    invoices: Vec<(i64, Invoice)>,
    logo: Option<Vec<u8>>,
    identity: signing::SigningIdentity,
    /// The access log's head when the batch was read, noted in each PDF.
    log_head: Option<crate::store::witness::Head>,
}

/// The documents of a batch, made and signed, not yet stored: per invoice its id, its number,
/// the PDF and the e-invoice (none when the buyer has no Peppol id).
pub struct Made(Vec<(i64, String, Vec<u8>, Option<String>)>);

impl Made {
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Batch {
    pub fn len(&self) -> usize {
        self.invoices.len()
    }

    pub fn is_empty(&self) -> bool {
        self.invoices.is_empty()
    }

    /// Renders and signs the batch's documents on every core. Needs no database.
    pub fn make(&self, now: DateTime<Utc>) -> Result<Made> {
        let invoices: Vec<&Invoice> = self.invoices.iter().map(|(_, inv)| inv).collect();
        let documents = issued_documents::make_all(
            &invoices,
            self.logo.as_deref(),
            &self.identity,
            self.log_head.as_ref(),
            now,
        )?;
        Ok(Made(
            self.invoices
                .iter()
                .zip(documents)
                .map(|((id, inv), (pdf, ubl))| (*id, inv.number.clone().unwrap_or_default(), pdf, ubl))
                .collect(),
        ))
    }
}

fn batch_of(conn: &Connection, ids: Vec<i64>) -> Result<Option<Batch>> {
    if ids.is_empty() {
        return Ok(None);
    }
    let identity =
        signing::load(conn)?.ok_or_else(|| Error::new(Code::Io, crate::msg!("error.documents.no_signing_identity")))?;
    let invoices = ids
        .into_iter()
        .map(|id| Ok((id, register::by_id(conn, id)?)))
        .collect::<Result<Vec<_>>>()?;
    Ok(Some(Batch {
        invoices,
        logo: crate::organisation::logo(conn)?,
        identity,
        log_head: crate::store::witness::head(conn)?,
    }))
}

/// The next invoices whose documents are due, oldest first; `None` when nothing is.
pub fn take(conn: &Connection) -> Result<Option<Batch>> {
    let ids = conn
        .prepare_cached("SELECT invoice_id FROM documents_due ORDER BY invoice_id LIMIT ?1")?
        .query_map([BATCH as i64], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    batch_of(conn, ids)
}

/// Stores made documents and removes their notes, all or nothing (a savepoint, so that it also
/// works inside a caller's transaction). A document is stored only while its invoice, under the
/// same number, is still due: one another caller stored first is kept as it is (documents are
/// never replaced), and a batch read before the window's store was replaced by a restored one
/// never lands on another invoice.
pub fn save(conn: &Connection, made: Made) -> Result<()> {
    conn.execute_batch("SAVEPOINT documents_due_save")?;
    let stored = (|| -> Result<()> {
        let mut insert = conn.prepare_cached(
            "INSERT OR IGNORE INTO invoice_documents (invoice_id, pdf, ubl)
             SELECT d.invoice_id, ?3, ?4 FROM documents_due d JOIN invoices i ON i.id = d.invoice_id
             WHERE d.invoice_id = ?1 AND i.number = ?2",
        )?;
        let mut done = conn.prepare_cached(
            "DELETE FROM documents_due WHERE invoice_id = ?1
             AND EXISTS (SELECT 1 FROM invoice_documents WHERE invoice_id = ?1)",
        )?;
        for (invoice_id, number, pdf, ubl) in made.0 {
            // An invoice without an e-invoice stores an empty one (the column is older than the
            // case); `billing::register::documents` reads it back as none.
            insert.execute(params![invoice_id, number, pdf, ubl.unwrap_or_default()])?;
            done.execute([invoice_id])?;
        }
        Ok(())
    })();
    // Once nothing is due, a notice that documents could not be made is dealt with.
    let stored = stored.and_then(|()| {
        if count(conn)? == 0 {
            crate::notices::clear(conn, crate::notices::DOCUMENTS_NOT_MADE)?;
        }
        Ok(())
    });
    match stored {
        Ok(()) => conn.execute_batch("RELEASE documents_due_save")?,
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK TO documents_due_save; RELEASE documents_due_save");
            return Err(e);
        }
    }
    Ok(())
}

/// Makes every due document, batch by batch; returns how many were made. If some cannot be
/// made, the managers' home screen says so (`could_not_make`).
pub fn make_all(conn: &Connection, now: DateTime<Utc>) -> Result<usize> {
    let mut made = 0;
    let result = (|| {
        while let Some(batch) = take(conn)? {
            let documents = batch.make(now)?;
            made += documents.len();
            save(conn, documents)?;
        }
        Ok(made)
    })();
    if let Err(e) = &result {
        could_not_make(conn, e, now);
    }
    result
}

/// Keeps a notice for the managers' home screen that documents could not be made, and why:
/// nobody may have been looking when it happened (the window makes them behind itself, and
/// opening the store makes those a crash left). It stays until nothing is due.
pub fn could_not_make(conn: &Connection, why: &Error, now: DateTime<Utc>) {
    let reason = match &why.text {
        Some(text) => crate::text::Arg::Message(text.clone()),
        None => crate::text::Arg::Text(why.message.clone()),
    };
    let waiting = count(conn).unwrap_or(0);
    let detail = crate::msg!("notice.documents.not_made", count = waiting, reason = reason);
    // Writing the notice may fail for the same reason (a full disk); the documents stay due
    // whatever happens, and asking for one shows why.
    let _ = crate::notices::keep(conn, crate::notices::DOCUMENTS_NOT_MADE, &detail, now);
}

/// Makes `invoice_id`'s documents now if they are due, so that asking for them never finds
/// them missing.
pub fn make_if_due(conn: &Connection, invoice_id: i64, now: DateTime<Utc>) -> Result<()> {
    if !is_due(conn, invoice_id)? {
        return Ok(());
    }
    if let Some(batch) = batch_of(conn, vec![invoice_id])? {
        save(conn, batch.make(now)?)?;
    }
    Ok(())
}
