//! Credit notes on request: crediting what remains of an invoice. The nights (or the service
//! fee's instalment) it credits are no longer invoiced, so a later run invoices again whatever is
//! still billable: the way to correct an invoice whose details were wrong.

use super::draft::{self, CreditPart, Draft};
use super::invoice::{Invoice, Kind};
use super::register;
use crate::error::{Error, Result};
use crate::store::columns::Stored;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, Transaction};
use std::collections::BTreeMap;

/// What a full credit of invoice `number` would contain.
pub fn prepare(conn: &Connection, number: &str, now: DateTime<Utc>) -> Result<Draft> {
    let id = register::id_of(conn, number)?;
    let invoice = register::by_id(conn, id)?;
    if invoice.kind == Kind::CreditNote {
        return Err(Error::invalid(
            "number",
            crate::msg!("error.billing.credit_note_not_creditable"),
        ));
    }
    let mut parts: Vec<CreditPart> = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT n.line_id, n.stay_id, n.night, n.id FROM invoiced_nights n JOIN invoice_lines l ON l.id = n.line_id
         WHERE l.invoice_id = ?1 AND n.credited_by_line_id IS NULL ORDER BY n.line_id, n.night",
    )?;
    let mut by_line: BTreeMap<(i64, i64), Vec<NaiveDate>> = BTreeMap::new();
    for row in stmt.query_map([id], |r| {
        let s = Stored::new(r, "invoiced_nights", 3)?;
        Ok((s.get::<i64>(0)?, s.get::<i64>(1)?, s.date(2)?))
    })? {
        let (line, stay, night) = row?;
        by_line.entry((line, stay)).or_default().push(night);
    }
    for ((line, stay), dates) in by_line {
        // Consecutive runs, so that a line's from–to never hides a gap.
        let mut run: Vec<NaiveDate> = Vec::new();
        for d in dates {
            if run.last().and_then(|l| l.succ_opt()) != Some(d) && !run.is_empty() {
                parts.push(CreditPart {
                    line_id: line,
                    nights: Some((stay, std::mem::take(&mut run))),
                });
            }
            run.push(d);
        }
        parts.push(CreditPart {
            line_id: line,
            nights: Some((stay, run)),
        });
    }
    let mut stmt = conn.prepare(
        "SELECT i.line_id FROM invoiced_instalments i JOIN invoice_lines l ON l.id = i.line_id
         WHERE l.invoice_id = ?1 AND i.credited_by_line_id IS NULL",
    )?;
    for line in stmt.query_map([id], |r| r.get::<_, i64>(0))? {
        parts.push(CreditPart {
            line_id: line?,
            nights: None,
        });
    }
    if parts.is_empty() {
        return Err(Error::invalid(
            "number",
            crate::msg!("error.billing.fully_credited", number = number.trim()),
        ));
    }
    let mut drafts = vec![draft::credit_draft(conn, now, id, parts)?];
    super::rounding::carry(conn, &mut drafts, crate::settings::load(conn)?.round_totals)?;
    Ok(drafts.remove(0))
}

/// Issues a credit note for what remains of invoice `number`, for the reason given (kept with
/// it, never printed: it may say more than the municipality needs to read). A paid invoice
/// credited leaves a credit balance to settle (`credit_balance`).
pub fn credit(tx: &Transaction, number: &str, reason: &str, now: DateTime<Utc>, actor: &str) -> Result<Invoice> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::invalid(
            "reason",
            crate::msg!("error.billing.credit_reason_missing"),
        ));
    }
    let draft = prepare(tx, number, now)?;
    super::requirements::check(&draft.invoice)?;
    let note = super::issue::write(tx, vec![draft], None, now, actor)?.remove(0);
    tx.execute(
        "INSERT INTO credit_reasons (credit_note_id, reason) SELECT id, ?2 FROM invoices WHERE number = ?1",
        rusqlite::params![note.number, reason],
    )?;
    Ok(note)
}
