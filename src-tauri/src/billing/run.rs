//! The invoicing run, "Fakturera t.o.m. DATUM": a preview, then issuing in one transaction.
//! Credit notes for what no longer matches the records come first, then one invoice per placement
//! and calendar month, then the service fee's instalments. Numbers are taken in the transaction
//! that issues, from one gap-free series per year.

use super::engine::{self, InvoicedNight, PlacementFacts, StayFacts};
use super::invoice::{Buyer, Invoice, Kind, Line, Seller, rounding_to_krona};
use super::ocr;
use super::service_fee;
use crate::agreements::history;
use crate::clock;
use crate::error::{Code, Error, Result};
use crate::money::Money;
use crate::organisation;
use crate::placements::Category;
use crate::registers::municipalities::{self, PriceClass};
use crate::registers::tariffs;
use crate::settings::{self, NightCounting, Settings};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
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

fn date(text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
        Error::new(
            Code::DamagedDatabase,
            crate::msg!("error.billing.register_date_unreadable"),
        )
    })
}

fn instant(text: &str) -> Result<DateTime<Utc>> {
    clock::from_stored(text)
        .ok_or_else(|| Error::new(Code::DamagedDatabase, crate::msg!("error.billing.time_unreadable")))
}

/// Which placements a run looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Those whose bill may still change, and of them only the nights not yet settled (see
    /// migration 9's `billing_open`): what a run needs, however many years the store holds.
    Unsettled,
    /// Every placement and every night, as if no run had settled anything. Gives the same drafts
    /// as `Unsettled`; used to check that shortcut.
    Everything,
}

fn load_facts(conn: &Connection, scope: Scope, through: NaiveDate) -> Result<Vec<PlacementFacts>> {
    // Of the open placements, one where nobody had arrived by the end of `through` has no night
    // to invoice in this run. Nights it had invoiced before its arrival was corrected to later are
    // still credited: `load_invoiced` finds them, and a night without its stay's facts is not
    // billable. The open placements are chosen first (MATERIALIZED), each by an index lookup, so
    // that the run never reads the stays of settled placements.
    let (settled, from) = match scope {
        Scope::Unsettled => (
            "c.settled",
            "(WITH c AS MATERIALIZED (
                SELECT b.placement_id AS id, b.settled_through AS settled FROM billing_open b
                WHERE EXISTS (SELECT 1 FROM stays a WHERE a.placement_id = b.placement_id AND a.in_at < ?1)
             ) SELECT * FROM c) c JOIN placements p ON p.id = c.id",
        ),
        Scope::Everything => ("NULL", "placements p"),
    };
    let mut stmt = conn.prepare(&format!(
        "SELECT p.id, p.key, p.acute, p.arrived_at, m.price_class, m.acute_clause, s.id, pe.key, s.category, s.in_at, s.out_at,
                p.municipality_id, {settled}
         FROM {from} JOIN municipalities m ON m.id = p.municipality_id
         JOIN stays s ON s.placement_id = p.id JOIN people pe ON pe.id = s.person_id
         WHERE ?1 IS NOT NULL
         ORDER BY p.id, s.id",
    ))?;
    let end_of_through = clock::local_midnight(through + Duration::days(1));
    let mut rows = stmt.query([clock::to_stored(end_of_through)])?;
    let mut out: Vec<PlacementFacts> = Vec::new();
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        if out.last().map(|p| p.placement_id) != Some(id) {
            let settled_through: Option<String> = r.get(12)?;
            out.push(PlacementFacts {
                placement_id: id,
                key: r.get(1)?,
                acute: r.get(2)?,
                price_class: if r.get::<_, String>(4)? == "iop" {
                    PriceClass::Iop
                } else {
                    PriceClass::Standard
                },
                acute_clause: r.get(5)?,
                municipality_id: r.get(11)?,
                settled_through: settled_through.as_deref().map(date).transpose()?,
                stays: Vec::new(),
            });
        }
        let out_at: Option<String> = r.get(10)?;
        out.last_mut().expect("pushed").stays.push(StayFacts {
            stay_id: r.get(6)?,
            person: r.get(7)?,
            category: Category::parse(&r.get::<_, String>(8)?),
            in_at: instant(&r.get::<_, String>(9)?)?,
            out_at: out_at.as_deref().map(instant).transpose()?,
        });
    }
    Ok(out)
}

/// The nights invoiced and not credited that the run must compare with the records: of the
/// placements in scope, those after each one's settled date.
fn load_invoiced(conn: &Connection, scope: Scope) -> Result<Vec<InvoicedNight>> {
    let sql = match scope {
        Scope::Unsettled => {
            // CROSS JOIN keeps this order: from the open placements to their nights by index,
            // never through every night ever invoiced.
            "SELECT n.stay_id, n.night, n.line_id, l.invoice_id, i.municipality_id, l.unit_price_ore
             FROM billing_open b CROSS JOIN stays s ON s.placement_id = b.placement_id
             CROSS JOIN invoiced_nights n ON n.stay_id = s.id
             JOIN invoice_lines l ON l.id = n.line_id JOIN invoices i ON i.id = l.invoice_id
             WHERE n.credited_by_line_id IS NULL AND n.night > COALESCE(b.settled_through, '')"
        }
        Scope::Everything => {
            "SELECT n.stay_id, n.night, n.line_id, l.invoice_id, i.municipality_id, l.unit_price_ore
             FROM invoiced_nights n JOIN invoice_lines l ON l.id = n.line_id JOIN invoices i ON i.id = l.invoice_id
             WHERE n.credited_by_line_id IS NULL"
        }
    };
    let mut stmt = conn.prepare(sql)?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(InvoicedNight {
            stay_id: r.get(0)?,
            date: date(&r.get::<_, String>(1)?)?,
            line_id: r.get(2)?,
            invoice_id: r.get(3)?,
            municipality_id: r.get(4)?,
            unit_price: Money::from_ore(r.get(5)?),
        });
    }
    Ok(out)
}

/// After a run: what it settled. A placement whose stays have all ended and whose every billable
/// night is settled leaves `billing_open`; the others are settled through the run's date, or
/// through yesterday if the run went further (later nights may still be spent or changed).
fn settle(
    tx: &Transaction,
    facts: &[PlacementFacts],
    counting: NightCounting,
    through: NaiveDate,
    now: DateTime<Utc>,
) -> Result<()> {
    let settled = through.min(clock::swedish_date(now) - Duration::days(1));
    let mut done = tx.prepare("DELETE FROM billing_open WHERE placement_id = ?1")?;
    let mut open = tx.prepare("INSERT OR REPLACE INTO billing_open (placement_id, settled_through) VALUES (?1, ?2)")?;
    for p in facts {
        let ended = p.stays.iter().all(|s| s.out_at.is_some_and(|o| o <= now));
        let last = engine::unsettled_nights(p, counting, now).iter().map(|n| n.date).max();
        if ended && last.is_none_or(|d| d <= settled) {
            done.execute([p.placement_id])?;
        } else {
            open.execute(params![p.placement_id, settled.to_string()])?;
        }
    }
    Ok(())
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

fn buyer(conn: &Connection, municipality_id: i64) -> Result<(Buyer, String)> {
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

/// The last run's date, if any run has been made. A run recorded through a later day than the
/// one it was made on (earlier releases allowed it) counts as made through its own day: nothing
/// after that could have been invoiced by it.
pub fn last_through(conn: &Connection) -> Result<Option<NaiveDate>> {
    let mut stmt = conn.prepare("SELECT through, run_at FROM invoice_runs")?;
    let mut rows = stmt.query([])?;
    let mut last: Option<NaiveDate> = None;
    while let Some(r) = rows.next()? {
        let through = date(&r.get::<_, String>(0)?)?;
        let made_on = clock::swedish_date(instant(&r.get::<_, String>(1)?)?);
        let counted = through.min(made_on);
        last = Some(last.map_or(counted, |l| l.max(counted)));
    }
    Ok(last)
}

/// Completes a draft's totals from its lines.
fn totals(lines: &[Line], settings: &Settings) -> (Money, Money, Money) {
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

struct Context {
    settings: Settings,
    seller: Seller,
    issued: NaiveDate,
    due: NaiveDate,
}

#[allow(clippy::too_many_arguments)]
fn draft(
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
        },
        municipality_id,
        placement_id: placement.map(|(id, _, _)| id),
        credits_invoice_id: credits.map(|(id, _)| id),
        backing,
    }
}

fn night_line(person: &str, category: Category, dates: &[NaiveDate], unit_price: Money, prefix: &str) -> Line {
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
        String,
    ) = conn.query_row(
        "SELECT i.number, i.municipality_id, i.placement_id, p.key, i.placement_reference, i.buyer_reference, i.buyer
         FROM invoices i LEFT JOIN placements p ON p.id = i.placement_id WHERE i.id = ?1",
        [invoice_id],
        |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
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
        buyer: serde_json::from_str(&buyer)
            .map_err(|_| Error::new(Code::DamagedDatabase, crate::msg!("error.billing.buyer_unreadable")))?,
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

fn context(conn: &Connection, now: DateTime<Utc>) -> Result<Context> {
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

/// Everything a run through `through` would issue, in issuing order, without writing anything.
pub fn prepare(conn: &Connection, through: NaiveDate, now: DateTime<Utc>) -> Result<Vec<Draft>> {
    Ok(prepare_in(conn, through, now, Scope::Unsettled)?.0)
}

/// The drafts of a run over `scope`, with the placements it looked at.
pub fn prepare_in(
    conn: &Connection,
    through: NaiveDate,
    now: DateTime<Utc>,
    scope: Scope,
) -> Result<(Vec<Draft>, Vec<PlacementFacts>, NightCounting)> {
    // Nothing is invoiced before it has happened: a night before it has been spent, an
    // instalment before its period has begun, a run recorded as made through a day to come.
    let today = clock::swedish_date(now);
    if through > today {
        return Err(Error::invalid(
            "through",
            crate::msg!("error.billing.through_in_future", today = today),
        ));
    }
    if let Some(last) = last_through(conn)?
        && through < last
    {
        return Err(Error::invalid(
            "through",
            crate::msg!("error.billing.through_before_last", last = last),
        ));
    }
    let ctx = context(conn, now)?;
    let facts = load_facts(conn, scope, through)?;
    let tariffs = tariffs::list(conn)?;
    let plan = engine::plan(
        &facts,
        &tariffs,
        &load_invoiced(conn, scope)?,
        ctx.settings.night_counting,
        now,
        through,
    )?;
    let mut drafts = Vec::new();

    for credit in plan.credits {
        let parts = credit
            .lines
            .into_iter()
            .map(|l| CreditPart {
                line_id: l.credits_line_id,
                nights: Some((l.stay_id, l.dates)),
            })
            .collect();
        drafts.push(credit_draft(conn, now, credit.credits_invoice_id, parts)?);
    }

    let facts_by_id: HashMap<i64, &PlacementFacts> = facts.iter().map(|p| (p.placement_id, p)).collect();
    let last_billable: HashMap<i64, NaiveDate> = facts
        .iter()
        .filter_map(|p| {
            engine::unsettled_nights(p, ctx.settings.night_counting, now)
                .iter()
                .map(|n| n.date)
                .max()
                .map(|d| (p.placement_id, d))
        })
        .collect();
    for inv in plan.invoices {
        let p = facts_by_id[&inv.placement_id];
        let (municipality_id, reference, yy_code): (i64, String, String) = conn.query_row(
            "SELECT municipality_id, reference, yy_code FROM placements WHERE id = ?1",
            [inv.placement_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        let (buyer, default_reference) = buyer(conn, municipality_id)?;
        let buyer_reference = if yy_code.trim().is_empty() {
            default_reference
        } else {
            yy_code
        };
        let ended = p.stays.iter().all(|s| s.out_at.is_some_and(|o| o <= now));
        let final_invoice = ended
            && last_billable
                .get(&inv.placement_id)
                .is_some_and(|d| *d <= through && (d.year(), d.month()) == (inv.year, inv.month));
        let lines = inv
            .lines
            .iter()
            .map(|l| {
                (
                    night_line(&l.person, l.category, &l.dates, l.unit_price, ""),
                    Backing::Nights {
                        stay_id: l.stay_id,
                        dates: l.dates.clone(),
                    },
                )
            })
            .collect();
        drafts.push(draft(
            &ctx,
            Kind::Placement,
            municipality_id,
            (buyer, buyer_reference),
            Some((inv.placement_id, p.key.clone(), reference)),
            None,
            lines,
            final_invoice,
        ));
    }

    if let Some(from) = ctx.settings.service_fee_from {
        drafts.extend(service_fee_drafts(conn, &ctx, from, through, now)?);
    }
    for d in &drafts {
        super::requirements::check(&d.invoice)?;
    }
    Ok((drafts, facts, ctx.settings.night_counting))
}

fn service_fee_drafts(
    conn: &Connection,
    ctx: &Context,
    from: NaiveDate,
    through: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Vec<Draft>> {
    let mut drafts = Vec::new();
    for key in history::keys(conn)? {
        let terms = history::current(conn, &key)?.terms;
        let unit = if ctx.settings.round_totals {
            service_fee::Unit::Krona
        } else {
            service_fee::Unit::Ore
        };
        let schedule = ctx.settings.service_fee_schedule;
        let planned = service_fee::instalments(&terms, |_| schedule, unit, from, through);
        if planned.is_empty() {
            continue;
        }
        let municipality_id: i64 = conn
            .query_row(
                "SELECT id FROM municipalities WHERE org_number = ?1",
                [&terms.counterparty.org_number],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| {
                Error::invalid(
                    "municipality",
                    crate::msg!(
                        "error.billing.municipality_not_registered",
                        name = &terms.counterparty.name,
                        org_number = &terms.counterparty.org_number
                    ),
                )
            })?;
        let mut invoiced: HashMap<NaiveDate, (i64, i64, Money)> = HashMap::new();
        let mut stmt = conn.prepare(
            "SELECT i.period_from, i.line_id, l.invoice_id, l.amount_ore FROM invoiced_instalments i
             JOIN invoice_lines l ON l.id = i.line_id WHERE i.agreement_key = ?1 AND i.credited_by_line_id IS NULL",
        )?;
        for row in stmt.query_map([&key], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, i64>(3)?,
            ))
        })? {
            let (period, line_id, invoice_id, amount) = row?;
            invoiced.insert(date(&period)?, (line_id, invoice_id, Money::from_ore(amount)));
        }
        let credit = |line_id: i64, invoice_id: i64| {
            credit_draft(conn, now, invoice_id, vec![CreditPart { line_id, nights: None }])
        };
        // An instalment invoiced for a period the plan no longer has (the schedule was changed
        // back to a date before it, or the agreement ended) is credited.
        let mut gone: Vec<(&NaiveDate, &(i64, i64, Money))> = invoiced
            .iter()
            .filter(|(start, _)| (from..=through).contains(*start) && !planned.iter().any(|i| i.period_from == **start))
            .collect();
        gone.sort();
        for (_, (line_id, invoice_id, _)) in gone {
            drafts.push(credit(*line_id, *invoice_id)?);
        }
        for inst in planned {
            if let Some((line_id, invoice_id, amount)) = invoiced.get(&inst.period_from) {
                if *amount == inst.amount {
                    continue;
                }
                // The fee was changed after it was invoiced: credit, then invoice the right amount.
                drafts.push(credit(*line_id, *invoice_id)?);
            }
            let line = Line {
                description: inst.description(),
                person: None,
                category: None,
                from: inst.period_from,
                to: inst.period_to,
                nights: 0,
                unit_price: inst.amount,
                amount: inst.amount,
            };
            let backing = Backing::Instalment {
                agreement: key.clone(),
                period_from: inst.period_from,
            };
            drafts.push(draft(
                ctx,
                Kind::ServiceFee,
                municipality_id,
                buyer(conn, municipality_id)?,
                None,
                None,
                vec![(line, backing)],
                false,
            ));
        }
    }
    Ok(drafts)
}

/// Writes drafts as issued invoices: numbers, OCR references, lines, and what each line
/// invoices or credits. Runs inside the caller's transaction.
pub(crate) fn write(
    tx: &Transaction,
    drafts: Vec<Draft>,
    run_id: Option<i64>,
    now: DateTime<Utc>,
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
            inv.lines_total.ore(),
            inv.rounding.ore(),
            inv.total.ore(),
            inv.final_invoice,
            run_id,
        ])?;
        let invoice_id = tx.last_insert_rowid();
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
                line.unit_price.ore(),
                line.amount.ore(),
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
    // `documents::due`; here each invoice gets its note that they are due. The e-invoice is also
    // made here and dropped: it takes microseconds, and a buyer it cannot be made for refuses the
    // run rather than leaving documents that can never be made.
    for (invoice_id, inv) in &issued {
        crate::documents::peppol::render(inv)?;
        crate::documents::due::note(tx, *invoice_id)?;
    }
    Ok(issued.into_iter().map(|(_, inv)| inv).collect())
}

/// Issues everything a run through `through` makes, in one transaction; records the run.
pub fn issue(tx: &Transaction, through: NaiveDate, now: DateTime<Utc>, actor: &str) -> Result<Vec<Invoice>> {
    let (drafts, facts, counting) = prepare_in(tx, through, now, Scope::Unsettled)?;
    tx.execute(
        "INSERT INTO invoice_runs (through, run_at, actor) VALUES (?1, ?2, ?3)",
        params![through.to_string(), clock::to_stored(now), actor],
    )?;
    let run_id = tx.last_insert_rowid();
    let issued = write(tx, drafts, Some(run_id), now)?;
    settle(tx, &facts, counting, through, now)?;
    Ok(issued)
}
