//! Issuing: drafts become invoices in the register, in the caller's transaction. Each takes the
//! next number of its year's gap-free series and its OCR reference; its lines are written with
//! the nights or instalment each one invoices or credits, so that a night is invoiced once.

use super::draft::{Backing, Draft};
use super::invoice::Invoice;
use super::ocr;
use crate::error::{Error, Result};
use chrono::{DateTime, Datelike, Utc};
use rusqlite::{Transaction, params};

/// Writes drafts as issued invoices: numbers, OCR references, lines, and what each line
/// invoices or credits. Runs inside the caller's transaction.
pub(crate) fn write(
    tx: &Transaction,
    drafts: Vec<Draft>,
    run_id: Option<i64>,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<Vec<Invoice>> {
    let mut issued = Vec::new();
    // The certificate that will sign the documents, made now if this is the first invoice, so
    // that it exists from the same moment as the invoices.
    if let Some(d) = drafts.first() {
        crate::documents::signing::ensure(tx, &d.invoice.seller.name, now)?;
    }
    // Each statement is prepared once for the whole run, not once per row: a federation's month
    // writes tens of thousands of rows.
    let mut next_seq = tx.prepare("SELECT COALESCE(max(seq), 0) + 1 FROM invoices WHERE year = ?1")?;
    let mut insert_invoice = tx.prepare(
        "INSERT INTO invoices (number, year, seq, kind, municipality_id, placement_id, credits_invoice_id, period_from,
             period_to, issued_on, due_on, ocr, buyer_reference, placement_reference, seller, buyer, vat_exemption,
             lines_total_ore, rounding_ore, total_ore, final, run_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)",
    )?;
    let mut insert_line = tx.prepare(
        "INSERT INTO invoice_lines (invoice_id, line_no, description, person_key, category, from_date, to_date, nights,
             unit_price_ore, amount_ore, credits_line_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    let mut insert_night = tx.prepare("INSERT INTO invoiced_nights (stay_id, night, line_id) VALUES (?1, ?2, ?3)")?;
    let mut credit_night = tx.prepare(
        "UPDATE invoiced_nights SET credited_by_line_id = ?1
         WHERE line_id = ?2 AND stay_id = ?3 AND night = ?4 AND credited_by_line_id IS NULL",
    )?;
    for d in drafts {
        let mut inv = d.invoice;
        let year = inv.issued.year();
        let seq: i64 = next_seq.query_row([year], |r| r.get(0))?;
        let number = format!("{year}-{seq:04}");
        inv.ocr = ocr::with_length_and_check(&number);
        inv.number = Some(number.clone());
        insert_invoice.execute(params![
            number,
            year,
            seq,
            inv.kind.as_str(),
            d.municipality_id,
            d.placement_id,
            d.credits_invoice_id,
            inv.period_from.to_string(),
            inv.period_to.to_string(),
            inv.issued.to_string(),
            inv.due.to_string(),
            inv.ocr,
            inv.buyer_reference,
            inv.placement_reference,
            serde_json::to_string(&inv.seller).expect("serializable"),
            serde_json::to_string(&inv.buyer).expect("serializable"),
            inv.vat_exemption,
            inv.lines_total,
            inv.rounding,
            inv.total,
            inv.final_invoice,
            run_id,
        ])?;
        let invoice_id = tx.last_insert_rowid();
        super::credit_balance::record_taken(tx, invoice_id, &inv.prepaid, inv.issued, now, actor)?;
        for (i, (line, backing)) in inv.lines.iter().zip(&d.backing).enumerate() {
            let credits_line_id = match backing {
                Backing::CreditNights { credits_line_id, .. } | Backing::CreditInstalment { credits_line_id } => {
                    Some(*credits_line_id)
                }
                _ => None,
            };
            insert_line.execute(params![
                invoice_id,
                i as i64 + 1,
                line.description,
                line.person,
                line.category.map(|c| c.as_str()),
                line.from.to_string(),
                line.to.to_string(),
                line.nights,
                line.unit_price,
                line.amount,
                credits_line_id,
            ])?;
            let line_id = tx.last_insert_rowid();
            match backing {
                Backing::Nights { stay_id, dates } => {
                    for night in dates {
                        insert_night.execute(params![stay_id, night.to_string(), line_id])?;
                    }
                }
                Backing::CreditNights {
                    credits_line_id,
                    stay_id,
                    dates,
                } => {
                    for night in dates {
                        let n = credit_night.execute(params![line_id, credits_line_id, stay_id, night.to_string()])?;
                        if n != 1 {
                            return Err(Error::invalid(
                                "credit",
                                crate::msg!("error.billing.night_not_invoiced", night = night),
                            ));
                        }
                    }
                }
                Backing::Instalment { agreement, period_from } => {
                    tx.execute(
                        "INSERT INTO invoiced_instalments (agreement_key, period_from, line_id) VALUES (?1, ?2, ?3)",
                        params![agreement, period_from.to_string(), line_id],
                    )?;
                }
                Backing::CreditInstalment { credits_line_id } => {
                    let n = tx.execute(
                        "UPDATE invoiced_instalments SET credited_by_line_id = ?1 WHERE line_id = ?2 AND credited_by_line_id IS NULL",
                        params![line_id, credits_line_id],
                    )?;
                    if n != 1 {
                        return Err(Error::invalid(
                            "credit",
                            crate::msg!("error.billing.instalment_credited"),
                        ));
                    }
                }
            }
        }
        issued.push((invoice_id, inv));
    }
    // The documents as issued (signed PDF and e-invoice) are made after this transaction by
    // `due_documents`; here each invoice gets its note that they are due. The e-invoice of a
    // buyer with a Peppol id is also made here and dropped: it takes microseconds, and one that
    // cannot be made refuses the run rather than leaving documents that can never be made.
    for (invoice_id, inv) in &issued {
        if super::register::has_e_invoice(inv) {
            crate::documents::peppol::render(inv)?;
        }
        super::due_documents::note(tx, *invoice_id)?;
    }
    Ok(issued.into_iter().map(|(_, inv)| inv).collect())
}
