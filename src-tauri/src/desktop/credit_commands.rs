//! Crediting with care in the window: the credit note shown before it is issued, a reason asked
//! for, and a paid invoice's credit balance settled by a refund or taken off the next invoice.

use super::billing_commands::{Number, make_due_documents, shown};
use super::commands::store;
use super::session::Session;
use crate::audit::About;
use crate::billing::invoice::Invoice;
use crate::billing::register::Entry;
use crate::billing::{credit, credit_balance};
use crate::clock;
use crate::error::{Error, Result};
use crate::money::Money;
use crate::records::date;
use serde::Deserialize;

/// The credit note that crediting an invoice would issue: what the confirmation shows.
#[tauri::command(async)]
pub fn invoice_credit_preview(session: tauri::State<'_, Session>, input: Number) -> Result<Invoice> {
    let mut s = session.lock();
    Ok(credit::prepare(store(&mut s)?.conn(), &input.number, clock::now())?.invoice)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreditInput {
    number: String,
    reason: String,
}

#[tauri::command(async)]
pub fn invoice_credit(
    app: tauri::AppHandle,
    session: tauri::State<'_, Session>,
    input: CreditInput,
) -> Result<Invoice> {
    let note = session.lock().change(
        "invoice_credit",
        |tx, actor| credit::credit(tx, &input.number, &input.reason, clock::now(), actor),
        |_| About::detail(format!("faktura {}", input.number)),
    )?;
    make_due_documents(app);
    Ok(note)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RefundInput {
    number: String,
    amount: String,
    date: String,
}

#[tauri::command(async)]
pub fn invoice_refund(session: tauri::State<'_, Session>, input: RefundInput) -> Result<Entry> {
    let amount = Money::read_kronor(&input.amount).map_err(|m| Error::invalid("amount", m))?;
    let on = date("date", &input.date)?;
    session
        .lock()
        .change(
            "invoice_refund",
            |tx, actor| credit_balance::refund(tx, &input.number, amount, on, clock::now(), actor),
            |_| About::detail(format!("faktura {}", input.number)),
        )
        .map(shown)
}

#[tauri::command(async)]
pub fn invoice_offset(session: tauri::State<'_, Session>, input: Number) -> Result<Entry> {
    session
        .lock()
        .change(
            "invoice_offset",
            |tx, actor| credit_balance::offset_on_next(tx, &input.number, clock::now(), actor),
            |_| About::detail(format!("faktura {}", input.number)),
        )
        .map(shown)
}
