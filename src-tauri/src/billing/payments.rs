//! Payments against invoices: full or partial, never more than is owed.

use super::register;
use crate::clock;
use crate::error::{Error, Result};
use crate::money::Money;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Transaction, params};

/// Records a payment of `amount` on `paid_on` against invoice `number`.
pub fn pay(
    tx: &Transaction,
    number: &str,
    amount: Money,
    paid_on: NaiveDate,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<register::Entry> {
    let today = clock::swedish_date(now);
    let id = register::id_of(tx, number)?;
    let before = register::entry(tx, id, today)?;
    if before.invoice.kind == super::invoice::Kind::CreditNote {
        return Err(Error::invalid(
            "number",
            crate::msg!("error.billing.credit_note_not_paid"),
        ));
    }
    if amount <= Money::ZERO {
        return Err(Error::invalid(
            "amount",
            crate::msg!("error.billing.amount_not_positive"),
        ));
    }
    if paid_on > today {
        return Err(Error::invalid("date", crate::msg!("error.billing.payment_in_future")));
    }
    if amount > before.outstanding {
        return Err(Error::invalid(
            "amount",
            crate::msg!(
                "error.billing.overpayment",
                amount = amount,
                number = number.trim(),
                outstanding = before.outstanding
            ),
        ));
    }
    tx.execute(
        "INSERT INTO payments (invoice_id, paid_on, amount_ore, recorded_at, actor) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, paid_on.to_string(), amount, clock::to_stored(now), actor],
    )?;
    register::entry(tx, id, today)
}
