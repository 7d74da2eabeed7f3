//! The invoice register: issued invoices and credit notes read back exactly as issued, with what
//! has been paid and credited, and what is still owed.

pub use super::account::Status;
use super::account::{Sums, account};
use super::invoice::{Buyer, Invoice, Kind, Line, Offset};
use crate::error::{Code, Error, Result};
use crate::money::Money;
use crate::store::columns::Stored;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

/// An invoice's lines with their ids, in order.
pub(crate) fn lines_with_ids(conn: &Connection, invoice_id: i64) -> Result<Vec<(i64, Line)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, description, person_key, category, from_date, to_date, nights, unit_price_ore, amount_ore
         FROM invoice_lines WHERE invoice_id = ?1 ORDER BY line_no",
    )?;
    let rows = stmt
        .query_map([invoice_id], |r| {
            let s = Stored::new(r, "invoice_lines", 0)?;
            let line = Line {
                description: s.get(1)?,
                person: s.get(2)?,
                category: s.get(3)?,
                from: s.date(4)?,
                to: s.date(5)?,
                nights: s.get(6)?,
                unit_price: s.get(7)?,
                amount: s.get(8)?,
            };
            Ok((s.get(0)?, line))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The invoice with `id`, exactly as issued.
pub fn by_id(conn: &Connection, id: i64) -> Result<Invoice> {
    let mut invoice = conn.query_row(
        "SELECT i.id, i.number, i.kind, m.key, p.key, c.number, i.period_from, i.period_to, i.issued_on, i.due_on,
                i.ocr, i.buyer_reference, i.placement_reference, i.seller, i.buyer, i.vat_exemption,
                i.lines_total_ore, i.rounding_ore, i.total_ore, i.final
         FROM invoices i JOIN municipalities m ON m.id = i.municipality_id
         LEFT JOIN placements p ON p.id = i.placement_id LEFT JOIN invoices c ON c.id = i.credits_invoice_id
         WHERE i.id = ?1",
        [id],
        |r| {
            let s = Stored::new(r, "invoices", 0)?;
            Ok(Invoice {
                number: s.get(1)?,
                kind: s.get(2)?,
                municipality: s.get(3)?,
                placement: s.get(4)?,
                credits: s.get(5)?,
                period_from: s.date(6)?,
                period_to: s.date(7)?,
                issued: s.date(8)?,
                due: s.date(9)?,
                ocr: s.get(10)?,
                buyer_reference: s.get(11)?,
                placement_reference: s.get(12)?,
                seller: s.json(13)?,
                buyer: s.json(14)?,
                vat_exemption: s.get(15)?,
                lines: Vec::new(),
                lines_total: s.get(16)?,
                rounding: s.get(17)?,
                total: s.get(18)?,
                final_invoice: s.get(19)?,
                prepaid: Vec::new(),
            })
        },
    )?;
    invoice.lines = lines_with_ids(conn, id)?.into_iter().map(|(_, l)| l).collect();
    invoice.prepaid = prepaid(conn, id)?;
    Ok(invoice)
}

pub fn id_of(conn: &Connection, number: &str) -> Result<i64> {
    conn.query_row("SELECT id FROM invoices WHERE number = ?1", [number.trim()], |r| {
        r.get(0)
    })
    .optional()?
    .ok_or_else(|| Error::invalid("number", crate::msg!("error.billing.no_such_invoice")))
}

pub fn by_number(conn: &Connection, number: &str) -> Result<Invoice> {
    by_id(conn, id_of(conn, number)?)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Payment {
    pub paid_on: NaiveDate,
    pub amount: Money,
}

/// Part of an invoice's credit balance settled: refunded, or taken off a later invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Settlement {
    pub kind: SettlementKind,
    pub amount: Money,
    pub on: NaiveDate,
    /// For one taken off a later invoice: that invoice's number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invoice: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SettlementKind {
    Refund,
    Offset,
}

fn settlements(conn: &Connection, id: i64) -> Result<Vec<Settlement>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, s.kind, s.amount_ore, s.settled_on, t.number FROM settlements s
         LEFT JOIN invoices t ON t.id = s.to_invoice_id WHERE s.invoice_id = ?1 ORDER BY s.id",
    )?;
    let rows = stmt
        .query_map([id], |r| {
            let s = Stored::new(r, "settlements", 0)?;
            Ok(Settlement {
                kind: s.with(1, |kind: String| match kind.as_str() {
                    "refund" => Some(SettlementKind::Refund),
                    "offset" => Some(SettlementKind::Offset),
                    _ => None,
                })?,
                amount: s.get(2)?,
                on: s.date(3)?,
                invoice: s.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// What was taken off invoice `id` from earlier credit balances, and from which invoices.
fn prepaid(conn: &Connection, id: i64) -> Result<Vec<Offset>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, f.number, s.amount_ore FROM settlements s JOIN invoices f ON f.id = s.invoice_id
         WHERE s.to_invoice_id = ?1 ORDER BY s.id",
    )?;
    Ok(stmt
        .query_map([id], |r| {
            let s = Stored::new(r, "settlements", 0)?;
            Ok(Offset {
                from: s.get(1)?,
                amount: s.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?)
}

/// An invoice in the register, with its account.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    #[serde(flatten)]
    pub invoice: Invoice,
    pub status: Status,
    pub status_label: &'static str,
    pub paid: Money,
    pub credited: Money,
    /// What is still owed (see `billing::account`).
    pub outstanding: Money,
    /// What is owed back: paid, then credited.
    pub credit_balance: Money,
    pub payments: Vec<Payment>,
    pub credit_notes: Vec<String>,
    /// Its credit balance refunded or taken off later invoices.
    pub settlements: Vec<Settlement>,
    /// A manager asked for its credit balance to be taken off the next invoice.
    pub offset_requested: bool,
    /// For a credit note made by hand: why (kept with it, not printed on it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credit_reason: Option<String>,
    /// Whether it has an e-invoice: not when its buyer had no Peppol id when it was issued (the
    /// signed PDF is its only document then).
    pub e_invoice: bool,
}

pub fn entry(conn: &Connection, id: i64, today: NaiveDate) -> Result<Entry> {
    let invoice = by_id(conn, id)?;
    let mut stmt =
        conn.prepare("SELECT id, paid_on, amount_ore FROM payments WHERE invoice_id = ?1 ORDER BY paid_on, id")?;
    let payments = stmt
        .query_map([id], |r| {
            let s = Stored::new(r, "payments", 0)?;
            Ok(Payment {
                paid_on: s.date(1)?,
                amount: s.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut stmt =
        conn.prepare("SELECT id, number, total_ore FROM invoices WHERE credits_invoice_id = ?1 ORDER BY id")?;
    let credit_rows = stmt
        .query_map([id], |r| {
            let s = Stored::new(r, "invoices", 0)?;
            Ok((s.get::<String>(1)?, s.get::<Money>(2)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let balance = conn
        .query_row(
            "SELECT invoice_id, outstanding_ore FROM invoice_balances WHERE invoice_id = ?1",
            [id],
            |r| Stored::new(r, "invoice_balances", 0)?.get(1),
        )
        .optional()?;
    let paid: Money = payments.iter().map(|p| p.amount).sum();
    let sums = Sums {
        // A credit note has no balance of its own.
        balance: balance.unwrap_or(Money::ZERO),
        credited: credit_rows.iter().map(|(_, total)| *total).sum(),
        paid_any: paid > Money::ZERO || !invoice.prepaid.is_empty(),
    };
    let a = account(invoice.kind, invoice.total, sums, invoice.due, today);
    let e_invoice = has_e_invoice(&invoice);
    let offset_requested = conn
        .query_row("SELECT 1 FROM offset_requests WHERE invoice_id = ?1", [id], |_| Ok(()))
        .optional()?
        .is_some();
    Ok(Entry {
        invoice,
        status: a.status,
        status_label: a.status.label(),
        paid,
        credited: sums.credited,
        outstanding: a.outstanding,
        credit_balance: a.credit_balance,
        payments,
        credit_notes: credit_rows.into_iter().map(|(n, _)| n).collect(),
        settlements: settlements(conn, id)?,
        offset_requested,
        credit_reason: conn
            .query_row(
                "SELECT reason FROM credit_reasons WHERE credit_note_id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?,
        e_invoice,
    })
}

/// The register, newest first, every invoice with its lines and account (`fristad-cli invoice
/// list`). The invoice screen uses `rows`, which reads far less.
pub fn list(conn: &Connection, today: NaiveDate) -> Result<Vec<Entry>> {
    let mut stmt = conn.prepare("SELECT id FROM invoices ORDER BY year DESC, seq DESC")?;
    let ids = stmt
        .query_map([], |r| r.get::<_, i64>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    ids.into_iter().map(|id| entry(conn, id, today)).collect()
}

/// One invoice as the register lists it: what the invoice screen's table shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    pub number: String,
    pub kind: Kind,
    pub municipality: String,
    pub buyer_name: String,
    pub placement: Option<String>,
    pub issued: NaiveDate,
    pub due: NaiveDate,
    pub total: Money,
    pub status: Status,
    pub status_label: &'static str,
    pub outstanding: Money,
    pub credit_balance: Money,
    /// Whether it has an e-invoice (see [`has_e_invoice`]).
    pub e_invoice: bool,
}

/// Which invoices the register shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Showing {
    #[default]
    All,
    /// Not yet paid in full, overdue or not.
    Open,
    Overdue,
    Paid,
    Credited,
    /// Paid and then credited: a credit balance to settle.
    CreditBalances,
    CreditNotes,
    /// Something to pay or a credit balance: every invoice whose account is not even.
    Unsettled,
}

impl Showing {
    fn admits(self, status: Status) -> bool {
        match self {
            Showing::All => true,
            Showing::Open => matches!(status, Status::Unpaid | Status::PartlyPaid | Status::Overdue),
            Showing::Overdue => status == Status::Overdue,
            Showing::Paid => status == Status::Paid,
            Showing::Credited => status == Status::Credited,
            Showing::CreditBalances => status == Status::CreditBalance,
            Showing::Unsettled => Showing::Open.admits(status) || status == Status::CreditBalance,
            Showing::CreditNotes => status == Status::CreditNote,
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Filter {
    /// The invoice number's year; every year if none.
    #[serde(default)]
    pub year: Option<i32>,
    #[serde(default)]
    pub showing: Showing,
    /// A municipality's key; every municipality if none.
    #[serde(default)]
    pub municipality: Option<String>,
}

/// The rows a filter chose, newest first, at most `limit` of them, and how many it chose.
#[derive(Debug, Clone, Serialize)]
pub struct Rows {
    pub rows: Vec<Row>,
    pub matching: usize,
}

/// Invoices' accounts in one pass: each invoice's balance from the view `invoice_balances`, its
/// credit notes and whether anything was paid on it, each found through its index. `limit`
/// applies in the database when every status is wanted.
fn accounts<T>(
    conn: &Connection,
    filter: &Filter,
    today: NaiveDate,
    limit: Option<usize>,
    mut keep: impl FnMut(Row) -> Option<T>,
) -> Result<Vec<T>> {
    // Unpaid and overdue invoices are among those with something left to pay, which the
    // database keeps apart (migration 12): those are read first, not every invoice ever issued.
    let from = if matches!(
        filter.showing,
        Showing::Open | Showing::Overdue | Showing::CreditBalances | Showing::Unsettled
    ) {
        "invoices_unsettled u CROSS JOIN invoices i ON i.id = u.invoice_id"
    } else {
        "invoices i"
    };
    let mut stmt = conn.prepare(&format!(
        "SELECT i.id, i.number, i.kind, m.key, i.buyer, p.key, i.issued_on, i.due_on, i.total_ore,
                COALESCE(b.outstanding_ore, 0) AS outstanding_ore,
                (SELECT COALESCE(SUM(c.total_ore), 0) FROM invoices c WHERE c.credits_invoice_id = i.id) AS credited_ore,
                EXISTS (SELECT 1 FROM payments y WHERE y.invoice_id = i.id)
                OR EXISTS (SELECT 1 FROM settlements o WHERE o.to_invoice_id = i.id) AS paid_any
         FROM {from} JOIN municipalities m ON m.id = i.municipality_id
         LEFT JOIN placements p ON p.id = i.placement_id LEFT JOIN invoice_balances b ON b.invoice_id = i.id
         WHERE (?1 IS NULL OR i.year = ?1) AND (?2 IS NULL OR m.key = ?2)
         ORDER BY i.year DESC, i.seq DESC LIMIT ?3"
    ))?;
    let limit = limit.map_or(-1, |l| l as i64);
    let mut rows = stmt.query(rusqlite::params![filter.year, filter.municipality, limit])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let s = Stored::new(r, "invoices", 0)?;
        let (kind, total, due) = (s.get(2)?, s.get(8)?, s.date(7)?);
        let sums = Sums {
            balance: s.get(9)?,
            credited: s.get(10)?,
            paid_any: s.get(11)?,
        };
        let a = account(kind, total, sums, due, today);
        let (status, outstanding) = (a.status, a.outstanding);
        if !filter.showing.admits(status) {
            continue;
        }
        let buyer: Buyer = s.json(4)?;
        let row = Row {
            number: s.get(1)?,
            kind,
            municipality: s.get(3)?,
            e_invoice: crate::documents::peppol::endpoint(&buyer.peppol_id).is_some(),
            buyer_name: buyer.name,
            placement: s.get(5)?,
            issued: s.date(6)?,
            due,
            total,
            status,
            status_label: status.label(),
            outstanding,
            credit_balance: a.credit_balance,
        };
        if let Some(t) = keep(row) {
            out.push(t);
        }
    }
    Ok(out)
}

/// The register as the invoice screen shows it: the invoices the filter chooses, newest first,
/// at most `limit`.
pub fn rows(conn: &Connection, filter: &Filter, today: NaiveDate, limit: usize) -> Result<Rows> {
    if filter.showing == Showing::All {
        // Every status: the database counts, and reads the accounts of only the rows shown.
        let matching: i64 = conn.query_row(
            "SELECT COUNT(*) FROM invoices i JOIN municipalities m ON m.id = i.municipality_id
             WHERE (?1 IS NULL OR i.year = ?1) AND (?2 IS NULL OR m.key = ?2)",
            rusqlite::params![filter.year, filter.municipality],
            |r| r.get(0),
        )?;
        let rows = accounts(conn, filter, today, Some(limit), Some)?;
        return Ok(Rows {
            rows,
            matching: matching as usize,
        });
    }
    let mut matching = 0;
    let rows = accounts(conn, filter, today, None, |row| {
        matching += 1;
        (matching <= limit).then_some(row)
    })?;
    Ok(Rows { rows, matching })
}

/// The invoices and credit notes issued from `from` to `to`, by date and number.
pub fn issued_between(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<Invoice>> {
    let mut stmt =
        conn.prepare("SELECT id FROM invoices WHERE issued_on BETWEEN ?1 AND ?2 ORDER BY issued_on, number")?;
    let ids = stmt
        .query_map([from.to_string(), to.to_string()], |r| r.get::<_, i64>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    ids.into_iter().map(|id| by_id(conn, id)).collect()
}

/// The payments made from `from` to `to`: day, invoice number and amount, in that order.
pub fn payments_between(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<(NaiveDate, String, Money)>> {
    let mut stmt = conn.prepare(
        "SELECT y.id, y.paid_on, i.number, y.amount_ore FROM payments y JOIN invoices i ON i.id = y.invoice_id
         WHERE y.paid_on BETWEEN ?1 AND ?2 ORDER BY y.paid_on, i.number, y.amount_ore",
    )?;
    let rows = stmt
        .query_map([from.to_string(), to.to_string()], |r| {
            let s = Stored::new(r, "payments", 0)?;
            Ok((s.date(1)?, s.get(2)?, s.get(3)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The years of the invoice numbers, newest first.
pub fn years(conn: &Connection) -> Result<Vec<i32>> {
    let mut stmt = conn.prepare("SELECT DISTINCT year FROM invoices ORDER BY year DESC")?;
    let years = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(years)
}

/// What a municipality owes, and what it is owed back.
#[derive(Debug, Clone, Serialize)]
pub struct Balance {
    pub municipality: String,
    pub name: String,
    pub outstanding: Money,
    pub overdue: Money,
    pub invoices_unpaid: usize,
    pub invoices_overdue: usize,
    /// Credit balances (paid, then credited) not yet refunded or taken off an invoice.
    pub credit: Money,
}

pub fn balances(conn: &Connection, today: NaiveDate) -> Result<Vec<Balance>> {
    let mut by: std::collections::BTreeMap<String, Balance> = std::collections::BTreeMap::new();
    let open = Filter {
        showing: Showing::Unsettled,
        ..Filter::default()
    };
    for row in accounts(conn, &open, today, None, Some)? {
        let b = by.entry(row.municipality.clone()).or_insert_with(|| Balance {
            municipality: row.municipality.clone(),
            name: row.buyer_name.clone(),
            outstanding: Money::ZERO,
            overdue: Money::ZERO,
            invoices_unpaid: 0,
            invoices_overdue: 0,
            credit: Money::ZERO,
        });
        if row.status == Status::CreditBalance {
            b.credit += row.credit_balance;
            continue;
        }
        b.outstanding += row.outstanding;
        b.invoices_unpaid += 1;
        if row.status == Status::Overdue {
            b.overdue += row.outstanding;
            b.invoices_overdue += 1;
        }
    }
    Ok(by.into_values().collect())
}

/// Whether an invoice has an e-invoice: its buyer had a Peppol id when it was issued.
pub fn has_e_invoice(inv: &Invoice) -> bool {
    crate::documents::peppol::endpoint(&inv.buyer.peppol_id).is_some()
}

/// An issued invoice's documents, exactly as issued: the signed PDF, and the e-invoice unless its
/// buyer had no Peppol id (its stored e-invoice is then empty: see `due_documents::save`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Documents {
    pub pdf: Vec<u8>,
    pub e_invoice: Option<String>,
}

impl Documents {
    /// The files these documents are saved as, named from `name` (the invoice's file name
    /// without extension): `name.pdf`, and `name.xml` when there is an e-invoice.
    pub fn files(&self, name: &str) -> Vec<(String, &[u8])> {
        let mut files = vec![(format!("{name}.pdf"), self.pdf.as_slice())];
        files.extend(
            self.e_invoice
                .as_ref()
                .map(|ubl| (format!("{name}.xml"), ubl.as_bytes())),
        );
        files
    }
}

fn documents_of(pdf: Vec<u8>, ubl: String) -> Documents {
    Documents {
        pdf,
        e_invoice: Some(ubl).filter(|u| !u.is_empty()),
    }
}

/// The documents of an issued invoice. Documents still due (just after a run) are made first,
/// dated `now`.
pub fn documents(conn: &Connection, id: i64, now: DateTime<Utc>) -> Result<Documents> {
    super::due_documents::make_if_due(conn, id, now)?;
    conn.query_row(
        "SELECT pdf, ubl FROM invoice_documents WHERE invoice_id = ?1",
        [id],
        |r| Ok(documents_of(r.get(0)?, r.get(1)?)),
    )
    .optional()?
    .ok_or_else(|| Error::new(Code::NotFound, crate::msg!("error.billing.documents_missing")))
}

/// A document's file name, without personal data: `faktura-2026-0001`, `kreditfaktura-2026-0002`.
pub fn file_name(kind: Kind, number: &str) -> String {
    let prefix = if kind == Kind::CreditNote {
        "kreditfaktura"
    } else {
        "faktura"
    };
    format!("{prefix}-{number}")
}

/// Every invoice and credit note issued in `month` (`YYYY-MM`): its file name ([`file_name`])
/// and its documents. Documents still due are made first.
pub fn month_documents(conn: &Connection, month: &str, now: DateTime<Utc>) -> Result<Vec<(String, Documents)>> {
    let valid = month.len() == 7 && NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d").is_ok();
    if !valid {
        return Err(Error::invalid("month", crate::msg!("error.billing.not_a_month")));
    }
    super::due_documents::make_all(conn, now)?;
    let mut stmt = conn.prepare(
        "SELECT i.id, i.number, i.kind, d.pdf, d.ubl FROM invoices i JOIN invoice_documents d ON d.invoice_id = i.id
         WHERE i.issued_on >= ?1 AND i.issued_on < ?2 ORDER BY i.year, i.seq",
    )?;
    let first = NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d").expect("checked");
    let next = first + chrono::Months::new(1);
    let rows = stmt
        .query_map([first.to_string(), next.to_string()], |r| {
            let s = Stored::new(r, "invoices", 0)?;
            let name = file_name(s.get(2)?, &s.get::<String>(1)?);
            Ok((name, documents_of(s.get(3)?, s.get(4)?)))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
