//! What a change of terms (or of anything a bill depends on) does to the invoices: the credit
//! notes and invoices the next run would make because of it, and nothing else. Shown before the
//! change is saved, so that re-pricing what is invoiced is never a surprise.

use super::invoice::Invoice;
use super::run;
use crate::clock;
use crate::error::Result;
use chrono::{DateTime, Duration, Utc};
use rusqlite::{Connection, Transaction};
use serde::Serialize;

/// The documents the next run would make because of the change.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Effect {
    pub credit_notes: Vec<Invoice>,
    pub invoices: Vec<Invoice>,
}

/// What a run through the last run's date (or yesterday, if later) would issue.
fn next_run(conn: &Connection, now: DateTime<Utc>) -> Result<Vec<Invoice>> {
    let yesterday = clock::swedish_date(now) - Duration::days(1);
    let through = run::last_through(conn)?.map_or(yesterday, |last| last.max(yesterday));
    Ok(run::prepare(conn, through, now)?
        .drafts
        .into_iter()
        .map(|d| d.invoice)
        .collect())
}

/// Applies `change` in a transaction that is rolled back, and compares the next run with and
/// without it. The change's own refusals come back as they are.
pub fn of(conn: &Connection, change: impl FnOnce(&Transaction) -> Result<bool>, now: DateTime<Utc>) -> Result<Effect> {
    let before = next_run(conn, now)?;
    let tx = conn.unchecked_transaction()?;
    change(&tx)?;
    let after = next_run(&tx, now)?;
    drop(tx);
    let mut effect = Effect::default();
    let mut unmatched = before;
    for inv in after {
        if let Some(i) = unmatched.iter().position(|b| *b == inv) {
            unmatched.remove(i);
            continue;
        }
        match inv.kind {
            super::invoice::Kind::CreditNote => effect.credit_notes.push(inv),
            _ => effect.invoices.push(inv),
        }
    }
    Ok(effect)
}
