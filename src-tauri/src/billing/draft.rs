//! Drafts: invoices and credit notes ready to issue, with what each line stands for in the
//! books (which nights, which instalment), their seller and buyer as they are today, and their
//! totals. A draft has no number yet; `issue::write` gives it one.

use super::invoice::{Buyer, Invoice, Kind, Line, Seller, rounding_to_krona};
use crate::clock;
use crate::error::{Code, Error, Result};
use crate::money::Money;
use crate::organisation;
use crate::placements::Category;
use crate::registers::municipalities;
use crate::settings::{self, Settings};
use crate::store::columns::Stored;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::Connection;
use std::collections::HashMap;

/// What an invoice line stands for in the books.
#[derive(Debug, Clone)]
pub(crate) enum Backing {
    Nights {
        stay_id: i64,
        dates: Vec<NaiveDate>,
    },
    CreditNights {
        credits_line_id: i64,
        stay_id: i64,
        dates: Vec<NaiveDate>,
    },
    Instalment {
        agreement: String,
        period_from: NaiveDate,
    },
    CreditInstalment {
        credits_line_id: i64,
    },
}

/// Part of an invoice line to credit: some of its nights (of one stay), or all of an instalment.
#[derive(Debug, Clone)]
pub(crate) struct CreditPart {
    pub line_id: i64,
    pub nights: Option<(i64, Vec<NaiveDate>)>,
}

/// An invoice ready to issue, with what each of its lines stands for.
#[derive(Debug, Clone)]
pub struct Draft {
    pub invoice: Invoice,
    pub(crate) municipality_id: i64,
    pub(crate) placement_id: Option<i64>,
    pub(crate) credits_invoice_id: Option<i64>,
    pub(crate) backing: Vec<Backing>,
}

pub(crate) fn seller(conn: &Connection) -> Result<Seller> {
    let org = organisation::load(conn)?
        .ok_or_else(|| Error::new(Code::NotReady, crate::msg!("error.billing.organisation_missing")))?;
    Ok(Seller {
        name: org.name,
        org_number: org.org_number.as_str().to_owned(),
        address: org.address,
        bankgiro: org.bankgiro.as_str().to_owned(),
        f_skatt: org.f_skatt,
    })
}

pub(crate) fn buyer(conn: &Connection, municipality_id: i64) -> Result<(Buyer, String)> {
    let m = municipalities::by_id(conn, municipality_id)?;
    let reference = m.buyer_reference.clone();
    Ok((
        Buyer {
            key: m.key,
            name: m.name,
            org_number: m.org_number,
            address: m.address,
            peppol_id: m.peppol_id,
        },
        reference,
    ))
}

/// Completes a draft's totals from its lines.
pub(crate) fn totals(lines: &[Line], settings: &Settings) -> (Money, Money, Money) {
    let lines_total = Money::from_ore(lines.iter().map(|l| l.amount.ore()).sum());
    let rounding = if settings.round_totals {
        rounding_to_krona(lines_total)
    } else {
        Money::ZERO
    };
    (
        lines_total,
        rounding,
        Money::from_ore(lines_total.ore() + rounding.ore()),
    )
}

pub(crate) struct Context {
    pub(crate) settings: Settings,
    pub(crate) seller: Seller,
    issued: NaiveDate,
    due: NaiveDate,
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn draft(
    ctx: &Context,
    kind: Kind,
    municipality_id: i64,
    (buyer, buyer_reference): (Buyer, String),
    placement: Option<(i64, String, String)>,
    credits: Option<(i64, String)>,
    lines: Vec<(Line, Backing)>,
    final_invoice: bool,
) -> Draft {
    let (lines, backing): (Vec<Line>, Vec<Backing>) = lines.into_iter().unzip();
    let (lines_total, rounding, total) = totals(&lines, &ctx.settings);
    let period_from = lines.iter().map(|l| l.from).min().expect("lines");
    let period_to = lines.iter().map(|l| l.to).max().expect("lines");
    Draft {
        invoice: Invoice {
            number: None,
            kind,
            municipality: buyer.key.clone(),
            placement: placement.as_ref().map(|(_, key, _)| key.clone()),
            credits: credits.as_ref().map(|(_, n)| n.clone()),
            period_from,
            period_to,
            issued: ctx.issued,
            due: ctx.due,
            ocr: String::new(),
            buyer_reference,
            placement_reference: placement.as_ref().map(|(_, _, r)| r.clone()).unwrap_or_default(),
            seller: ctx.seller.clone(),
            buyer,
            vat_exemption: ctx.settings.vat_exemption_text.clone(),
            lines,
            lines_total,
            rounding,
            total,
            final_invoice,
            prepaid: Vec::new(),
        },
        municipality_id,
        placement_id: placement.map(|(id, _, _)| id),
        credits_invoice_id: credits.map(|(id, _)| id),
        backing,
    }
}

pub(crate) fn night_line(
    person: &str,
    category: Category,
    dates: &[NaiveDate],
    unit_price: Money,
    prefix: &str,
) -> Line {
    let from = dates[0];
    let to = *dates.last().expect("dates");
    Line {
        description: format!("{prefix}Dygnsavgift, {} {person}", category.label().to_lowercase()),
        person: Some(person.to_owned()),
        category: Some(category),
        from,
        to,
        nights: dates.len() as u32,
        unit_price,
        amount: Money::from_ore(unit_price.ore() * dates.len() as i64),
    }
}

/// The original invoice a credit note refers to, and its lines by id.
struct Original {
    number: String,
    municipality_id: i64,
    placement: Option<(i64, String, String)>,
    buyer: Buyer,
    buyer_reference: String,
    lines: HashMap<i64, Line>,
}

fn original(conn: &Connection, invoice_id: i64) -> Result<Original> {
    let (number, municipality_id, placement_id, placement_key, placement_reference, buyer_reference, buyer): (
        String,
        i64,
        Option<i64>,
        Option<String>,
        String,
        String,
        Buyer,
    ) = conn.query_row(
        "SELECT i.number, i.municipality_id, i.placement_id, p.key, i.placement_reference, i.buyer_reference, i.buyer,
                i.id
         FROM invoices i LEFT JOIN placements p ON p.id = i.placement_id WHERE i.id = ?1",
        [invoice_id],
        |r| {
            let s = Stored::new(r, "invoices", 7)?;
            Ok((
                s.get(0)?,
                s.get(1)?,
                s.get(2)?,
                s.get(3)?,
                s.get(4)?,
                s.get(5)?,
                s.json(6)?,
            ))
        },
    )?;
    let mut lines = HashMap::new();
    for (id, line) in super::register::lines_with_ids(conn, invoice_id)? {
        lines.insert(id, line);
    }
    Ok(Original {
        number,
        municipality_id,
        placement: placement_id
            .zip(placement_key)
            .map(|(id, key)| (id, key, placement_reference)),
        buyer,
        buyer_reference,
        lines,
    })
}

/// A credit note against `invoice_id` for the given parts of its lines.
pub(crate) fn credit_draft(
    conn: &Connection,
    ctx_now: DateTime<Utc>,
    invoice_id: i64,
    parts: Vec<CreditPart>,
) -> Result<Draft> {
    let ctx = context(conn, ctx_now)?;
    let o = original(conn, invoice_id)?;
    let lines = parts
        .into_iter()
        .map(|CreditPart { line_id, nights }| {
            let line = o.lines.get(&line_id).expect("a line of the invoice");
            match nights {
                Some((stay_id, dates)) => {
                    let mut l = night_line(
                        line.person.as_deref().unwrap_or(""),
                        line.category.unwrap_or(Category::Adult),
                        &dates,
                        line.unit_price,
                        "Kreditering: ",
                    );
                    l.description = format!("Kreditering: {}", line.description);
                    (
                        l,
                        Backing::CreditNights {
                            credits_line_id: line_id,
                            stay_id,
                            dates,
                        },
                    )
                }
                None => (
                    Line {
                        description: format!("Kreditering: {}", line.description),
                        ..line.clone()
                    },
                    Backing::CreditInstalment {
                        credits_line_id: line_id,
                    },
                ),
            }
        })
        .collect();
    Ok(draft(
        &ctx,
        Kind::CreditNote,
        o.municipality_id,
        (o.buyer, o.buyer_reference),
        o.placement,
        Some((invoice_id, o.number)),
        lines,
        false,
    ))
}

pub(crate) fn context(conn: &Connection, now: DateTime<Utc>) -> Result<Context> {
    let settings = settings::load(conn)?;
    let issued = clock::swedish_date(now);
    let due = issued + Duration::days(i64::from(settings.payment_terms_days));
    Ok(Context {
        seller: seller(conn)?,
        settings,
        issued,
        due,
    })
}
