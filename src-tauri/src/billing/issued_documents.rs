//! An issued invoice's documents: its signed PDF and its e-invoice, made for many invoices at
//! once on every core. Each document depends only on its invoice, so the order of work does not
//! matter and the result is the same as making them one by one. The rendering and the signing
//! are `crate::documents`'; this module only puts them together for an issued invoice.

use super::invoice::Invoice;
use crate::documents::{invoice_pdf, peppol, signing};
use crate::error::Result;
use crate::store::witness::Head;
use chrono::{DateTime, Utc};
use signing::SigningIdentity;

/// The keys of the document information entries that carry the access log's head when the
/// document was made (its last entry's number and hash), under the document's signature: a copy
/// of the log's end that leaves the office with every invoice.
pub const LOG_SEQ_INFO: &str = "FristadLogSeq";
pub const LOG_HASH_INFO: &str = "FristadLogHash";

/// One invoice's signed PDF, and its Peppol BIS 3.0 XML when its buyer has a Peppol id.
/// `log_head` is the access log's head now, noted in the PDF's metadata.
pub fn make(
    inv: &Invoice,
    logo: Option<&[u8]>,
    identity: &SigningIdentity,
    log_head: Option<&Head>,
    now: DateTime<Utc>,
) -> Result<(Vec<u8>, Option<String>)> {
    let pdf = invoice_pdf::render(inv, logo, now);
    let reason = format!("{} utfärdad av {}", invoice_pdf::title(inv), inv.seller.name);
    let info: Vec<(&str, String)> = log_head
        .map(|h| vec![(LOG_SEQ_INFO, h.seq.to_string()), (LOG_HASH_INFO, h.hash.clone())])
        .unwrap_or_default();
    let signed = signing::sign_pdf_noting(&pdf, identity, &inv.seller.name, &reason, now, &info)?;
    let e_invoice = match peppol::endpoint(&inv.buyer.peppol_id) {
        Some(_) => Some(peppol::render(inv)?),
        None => None,
    };
    Ok((signed, e_invoice))
}

/// The documents of `invoices`, in their order.
pub fn make_all(
    invoices: &[&Invoice],
    logo: Option<&[u8]>,
    identity: &SigningIdentity,
    log_head: Option<&Head>,
    now: DateTime<Utc>,
) -> Result<Vec<(Vec<u8>, Option<String>)>> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    if cores == 1 || invoices.len() < 2 {
        return invoices
            .iter()
            .map(|inv| make(inv, logo, identity, log_head, now))
            .collect();
    }
    let share = invoices.len().div_ceil(cores);
    std::thread::scope(|scope| {
        let workers: Vec<_> = invoices
            .chunks(share)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|inv| make(inv, logo, identity, log_head, now))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let mut out = Vec::with_capacity(invoices.len());
        for worker in workers {
            // A panic in a worker is a bug in rendering; let it surface as the same panic.
            let made = worker.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
            for document in made {
                out.push(document?);
            }
        }
        Ok(out)
    })
}
