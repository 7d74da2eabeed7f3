//! Credit balances (tillgodo): an invoice paid and then credited has had more paid on it than is
//! owed. A manager settles the balance by recording a refund to the municipality, or by asking
//! for it to be taken off the next invoice issued to the municipality, where it is shown as
//! already paid. Settlements are never changed or removed (migration 14).

use super::draft::Draft;
use super::invoice::{Kind, Offset};
use super::register::{self, Entry};
use crate::clock;
use crate::error::{Error, Result};
use crate::money::Money;
use crate::store::columns::Stored;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use std::collections::HashMap;

fn with_balance(tx: &Transaction, number: &str, today: NaiveDate) -> Result<(i64, Entry)> {
    let id = register::id_of(tx, number)?;
    let entry = register::entry(tx, id, today)?;
    if entry.credit_balance <= Money::ZERO {
        return Err(Error::invalid(
            "number",
            crate::msg!("error.billing.no_credit_balance", number = number.trim()),
        ));
    }
    Ok((id, entry))
}

/// Records a refund of `amount` of invoice `number`'s credit balance, paid back on `on`.
pub fn refund(
    tx: &Transaction,
    number: &str,
    amount: Money,
    on: NaiveDate,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<Entry> {
    let today = clock::swedish_date(now);
    let (id, entry) = with_balance(tx, number, today)?;
    if amount <= Money::ZERO {
        return Err(Error::invalid(
            "amount",
            crate::msg!("error.billing.amount_not_positive"),
        ));
    }
    if amount > entry.credit_balance {
        return Err(Error::invalid(
            "amount",
            crate::msg!(
                "error.billing.refund_too_large",
                amount = amount,
                number = number.trim(),
                balance = entry.credit_balance
            ),
        ));
    }
    if on > today {
        return Err(Error::invalid("date", crate::msg!("error.billing.payment_in_future")));
    }
    tx.execute(
        "INSERT INTO settlements (invoice_id, kind, amount_ore, settled_on, recorded_at, actor)
         VALUES (?1, 'refund', ?2, ?3, ?4, ?5)",
        params![id, amount, on.to_string(), clock::to_stored(now), actor],
    )?;
    register::entry(tx, id, today)
}

/// Asks for invoice `number`'s credit balance to be taken off the next invoice(s) issued to its
/// municipality.
pub fn offset_on_next(tx: &Transaction, number: &str, now: DateTime<Utc>, actor: &str) -> Result<Entry> {
    let today = clock::swedish_date(now);
    let (id, _) = with_balance(tx, number, today)?;
    tx.execute(
        "INSERT INTO offset_requests (invoice_id, requested_at, actor) VALUES (?1, ?2, ?3)
         ON CONFLICT (invoice_id) DO NOTHING",
        params![id, clock::to_stored(now), actor],
    )?;
    register::entry(tx, id, today)
}

/// The credit balances a manager asked to take off the next invoices, per municipality, oldest
/// first: (invoice number, what is left of its balance).
fn pending(conn: &Connection) -> Result<HashMap<i64, Vec<(String, Money)>>> {
    let mut stmt = conn.prepare(
        "SELECT i.municipality_id, i.number, -b.outstanding_ore AS credit_balance_ore, r.invoice_id
         FROM offset_requests r JOIN invoices i ON i.id = r.invoice_id
         JOIN invoice_balances b ON b.invoice_id = r.invoice_id
         WHERE b.outstanding_ore < 0 ORDER BY r.invoice_id",
    )?;
    let mut out: HashMap<i64, Vec<(String, Money)>> = HashMap::new();
    for row in stmt.query_map([], |r| {
        let s = Stored::new(r, "invoice_balances", 3)?;
        Ok((s.get::<i64>(0)?, s.get::<String>(1)?, s.get::<Money>(2)?))
    })? {
        let (municipality, number, left) = row?;
        out.entry(municipality).or_default().push((number, left));
    }
    Ok(out)
}

/// Takes the credit balances asked for off a run's invoices (not its credit notes), in issuing
/// order, each invoice at most down to nothing to pay.
pub(crate) fn take_off(conn: &Connection, drafts: &mut [Draft]) -> Result<()> {
    let mut pending = pending(conn)?;
    if pending.is_empty() {
        return Ok(());
    }
    for d in drafts.iter_mut().filter(|d| d.invoice.kind != Kind::CreditNote) {
        let Some(balances) = pending.get_mut(&d.municipality_id) else {
            continue;
        };
        for (number, left) in balances.iter_mut() {
            let room = d.invoice.to_pay();
            let amount = (*left).min(room);
            if amount <= Money::ZERO {
                continue;
            }
            d.invoice.prepaid.push(Offset {
                from: number.clone(),
                amount,
            });
            *left = *left - amount;
        }
    }
    Ok(())
}

/// Records what was taken off a just-issued invoice (`to_invoice_id`) from earlier balances.
pub(crate) fn record_taken(
    tx: &Transaction,
    to_invoice_id: i64,
    prepaid: &[Offset],
    on: NaiveDate,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<()> {
    for o in prepaid {
        let from: i64 = tx
            .query_row("SELECT id FROM invoices WHERE number = ?1", [&o.from], |r| r.get(0))
            .optional()?
            .ok_or_else(|| Error::invalid("number", crate::msg!("error.billing.no_such_invoice")))?;
        tx.prepare_cached(
            "INSERT INTO settlements (invoice_id, kind, amount_ore, settled_on, to_invoice_id, recorded_at, actor)
             VALUES (?1, 'offset', ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![
            from,
            o.amount,
            on.to_string(),
            to_invoice_id,
            clock::to_stored(now),
            actor
        ])?;
    }
    Ok(())
}

/// Refunds paid back between two dates (both included), oldest first: date, the invoice whose
/// credit balance it was, amount. For the accounting export.
pub fn refunds_between(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<(NaiveDate, String, Money)>> {
    let mut stmt = conn.prepare(
        "SELECT s.id, s.settled_on, i.number, s.amount_ore FROM settlements s JOIN invoices i ON i.id = s.invoice_id
         WHERE s.kind = 'refund' AND s.settled_on BETWEEN ?1 AND ?2 ORDER BY s.settled_on, s.id",
    )?;
    let rows = stmt
        .query_map([from.to_string(), to.to_string()], |r| {
            let s = Stored::new(r, "settlements", 0)?;
            Ok((s.date(1)?, s.get(2)?, s.get(3)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
