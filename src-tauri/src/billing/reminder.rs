//! Payment reminders for overdue invoices: made from the register as it stands, signed like the
//! invoices, but not stored (a reminder is a letter, not a bookkeeping document).

use super::invoice::Kind;
use super::register::{self, Status};
use crate::documents::{reminder_pdf, signing};
use crate::error::{Error, Result};
use crate::{Code, clock};
use chrono::{DateTime, Duration, Utc};
use rusqlite::Transaction;

/// Days given to pay after a reminder.
pub const DAYS_TO_PAY: i64 = 10;

/// A signed reminder PDF for invoice `number`, which must be overdue.
pub fn reminder(tx: &Transaction, number: &str, now: DateTime<Utc>) -> Result<Vec<u8>> {
    let today = clock::swedish_date(now);
    let e = register::entry(tx, register::id_of(tx, number)?, today)?;
    if e.invoice.kind == Kind::CreditNote {
        return Err(Error::invalid(
            "number",
            crate::msg!("error.billing.credit_note_no_reminder"),
        ));
    }
    if e.status != Status::Overdue {
        return Err(Error::invalid(
            "number",
            crate::msg!(
                "error.billing.not_overdue",
                number = number.trim(),
                status = e.status.state()
            ),
        ));
    }
    let logo = crate::organisation::logo(tx)?;
    let owed = reminder_pdf::Owed {
        credited: e.credited,
        paid: e.paid,
        outstanding: e.outstanding,
    };
    let pay_by = today + Duration::days(DAYS_TO_PAY);
    let pdf = reminder_pdf::render(&e.invoice, owed, logo.as_deref(), today, pay_by, now);
    let identity = signing::load(tx)?
        .ok_or_else(|| Error::new(Code::NotReady, crate::msg!("error.billing.no_signing_certificate")))?;
    signing::sign_pdf(
        &pdf,
        &identity,
        &e.invoice.seller.name,
        &format!("Påminnelse om faktura {}", number.trim()),
        now,
    )
}
