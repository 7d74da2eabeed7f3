//! The invoicing run, "Fakturera t.o.m. DATUM": a preview, then issuing in one transaction.
//! Credit notes for what no longer matches the records come first, then one invoice per placement
//! and calendar month, then the service fee's instalments. Numbers are taken in the transaction
//! that issues, from one gap-free series per year.

use super::draft::{Backing, Context, CreditPart, Draft, buyer, context, credit_draft, draft, night_line};
use super::engine::{self, InvoicedNight, PlacementFacts, StayFacts};
use super::held_back::HeldBack;
use super::invoice::{Invoice, Kind, Line};
use super::requirements::Missing;
use super::service_fee;
use crate::agreements::history;
use crate::clock;
use crate::error::{Error, Result};
use crate::money::Money;
use crate::registers::tariffs;
use crate::store::columns::Stored;
use crate::terms::Book;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};

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
        "SELECT p.id, p.key, p.acute, s.id, pe.key, s.category, s.in_at, s.out_at, p.municipality_id, {settled}
         FROM {from} JOIN stays s ON s.placement_id = p.id JOIN people pe ON pe.id = s.person_id
         WHERE ?1 IS NOT NULL
         ORDER BY p.id, s.id",
    ))?;
    let end_of_through = clock::local_midnight(through + Duration::days(1));
    let mut rows = stmt.query([clock::to_stored(end_of_through)])?;
    let mut out: Vec<PlacementFacts> = Vec::new();
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        if out.last().map(|p| p.placement_id) != Some(id) {
            out.push(PlacementFacts {
                placement_id: id,
                key: r.get(1)?,
                acute: r.get(2)?,
                municipality_id: r.get(8)?,
                // billing_open's key is the placement's id.
                settled_through: Stored::new(r, "billing_open", 0)?.date_opt(9)?,
                stays: Vec::new(),
            });
        }
        let s = Stored::new(r, "stays", 3)?;
        out.last_mut().expect("pushed").stays.push(StayFacts {
            stay_id: s.get(3)?,
            person: s.get(4)?,
            category: s.get(5)?,
            in_at: s.time(6)?,
            out_at: s.time_opt(7)?,
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
            "SELECT n.stay_id, n.night, n.line_id, l.invoice_id, i.municipality_id, l.unit_price_ore, n.id
             FROM billing_open b CROSS JOIN stays s ON s.placement_id = b.placement_id
             CROSS JOIN invoiced_nights n ON n.stay_id = s.id
             JOIN invoice_lines l ON l.id = n.line_id JOIN invoices i ON i.id = l.invoice_id
             WHERE n.credited_by_line_id IS NULL AND n.night > COALESCE(b.settled_through, '')"
        }
        Scope::Everything => {
            "SELECT n.stay_id, n.night, n.line_id, l.invoice_id, i.municipality_id, l.unit_price_ore, n.id
             FROM invoiced_nights n JOIN invoice_lines l ON l.id = n.line_id JOIN invoices i ON i.id = l.invoice_id
             WHERE n.credited_by_line_id IS NULL"
        }
    };
    let mut stmt = conn.prepare(sql)?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let (night, line) = (
            Stored::new(r, "invoiced_nights", 6)?,
            Stored::new(r, "invoice_lines", 2)?,
        );
        out.push(InvoicedNight {
            stay_id: r.get(0)?,
            date: night.date(1)?,
            line_id: r.get(2)?,
            invoice_id: r.get(3)?,
            municipality_id: r.get(4)?,
            unit_price: line.get(5)?,
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
    book: &Book,
    through: NaiveDate,
    now: DateTime<Utc>,
) -> Result<()> {
    let settled = through.min(clock::swedish_date(now) - Duration::days(1));
    let mut done = tx.prepare("DELETE FROM billing_open WHERE placement_id = ?1")?;
    let mut open = tx.prepare("INSERT OR REPLACE INTO billing_open (placement_id, settled_through) VALUES (?1, ?2)")?;
    for p in facts {
        let ended = p.stays.iter().all(|s| s.out_at.is_some_and(|o| o <= now));
        let last = engine::unsettled_nights(p, book, now).iter().map(|n| n.date).max();
        if ended && last.is_none_or(|d| d <= settled) {
            done.execute([p.placement_id])?;
        } else {
            open.execute(params![p.placement_id, settled.to_string()])?;
        }
    }
    Ok(())
}

/// The last run's date, if any run has been made. A run recorded through a later day than the
/// one it was made on (earlier releases allowed it) counts as made through its own day: nothing
/// after that could have been invoiced by it.
pub fn last_through(conn: &Connection) -> Result<Option<NaiveDate>> {
    let mut stmt = conn.prepare("SELECT id, through, run_at FROM invoice_runs")?;
    let mut rows = stmt.query([])?;
    let mut last: Option<NaiveDate> = None;
    while let Some(r) = rows.next()? {
        let s = Stored::new(r, "invoice_runs", 0)?;
        let through = s.date(1)?;
        let made_on = clock::swedish_date(s.time(2)?);
        let counted = through.min(made_on);
        last = Some(last.map_or(counted, |l| l.max(counted)));
    }
    Ok(last)
}

/// What a run through a date issues, in issuing order, and which municipalities' invoices it
/// holds back (with what is missing).
#[derive(Debug)]
pub struct Prepared {
    pub drafts: Vec<Draft>,
    pub held_back: Vec<HeldBack>,
    /// The placements with an invoice held back, which the run leaves unsettled.
    held_placements: BTreeSet<i64>,
}

/// What a run issued, and what it held back.
#[derive(Debug, Clone, Serialize)]
pub struct Issued {
    pub invoices: Vec<Invoice>,
    pub held_back: Vec<HeldBack>,
}

/// Everything a run through `through` would issue and hold back, without writing anything.
pub fn prepare(conn: &Connection, through: NaiveDate, now: DateTime<Utc>) -> Result<Prepared> {
    Ok(prepare_in(conn, through, now, Scope::Unsettled)?.0)
}

/// A run over `scope`, with the placements it looked at.
pub fn prepare_in(
    conn: &Connection,
    through: NaiveDate,
    now: DateTime<Utc>,
    scope: Scope,
) -> Result<(Prepared, Vec<PlacementFacts>, Book)> {
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
    let book = Book::load(conn)?;
    let facts = load_facts(conn, scope, through)?;
    let tariffs = tariffs::list(conn)?;
    let plan = engine::plan(&facts, &tariffs, &load_invoiced(conn, scope)?, &book, now, through)?;
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
            engine::unsettled_nights(p, &book, now)
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

    let mut unregistered = Vec::new();
    if let Some(from) = ctx.settings.service_fee_from {
        let (fee, held) = service_fee_drafts(conn, &ctx, &book, from, through, now)?;
        drafts.extend(fee);
        unregistered.extend(held);
    }
    if !drafts.is_empty() {
        super::requirements::check_seller(&ctx.seller)?;
    }
    let split = super::held_back::hold_back(drafts, unregistered);
    let mut drafts = split.issue;
    super::rounding::carry(conn, &mut drafts, ctx.settings.round_totals)?;
    super::credit_balance::take_off(conn, &mut drafts)?;
    let prepared = Prepared {
        drafts,
        held_back: split.held,
        held_placements: split.placements,
    };
    Ok((prepared, facts, book))
}

fn service_fee_drafts(
    conn: &Connection,
    ctx: &Context,
    book: &Book,
    from: NaiveDate,
    through: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(Vec<Draft>, Vec<HeldBack>)> {
    let mut drafts = Vec::new();
    let mut held = Vec::new();
    for key in history::keys(conn)? {
        let terms = history::current(conn, &key)?.terms;
        let unit = if ctx.settings.round_totals {
            service_fee::Unit::Krona
        } else {
            service_fee::Unit::Ore
        };
        let planned = service_fee::instalments(&terms, |day| book.fee_schedule(day), unit, from, through);
        if planned.is_empty() {
            continue;
        }
        let municipality_id: Option<i64> = conn
            .query_row(
                "SELECT id FROM municipalities WHERE org_number = ?1",
                [&terms.counterparty.org_number],
                |r| r.get(0),
            )
            .optional()?;
        let Some(municipality_id) = municipality_id else {
            held.push(HeldBack {
                municipality: String::new(),
                name: terms.counterparty.name.clone(),
                missing: vec![Missing::NotRegistered],
                placements: Vec::new(),
                invoices: planned.len() as u32,
            });
            continue;
        };
        let mut invoiced: HashMap<NaiveDate, (i64, i64, Money)> = HashMap::new();
        let mut stmt = conn.prepare(
            "SELECT i.period_from, i.line_id, l.invoice_id, l.amount_ore, i.id FROM invoiced_instalments i
             JOIN invoice_lines l ON l.id = i.line_id WHERE i.agreement_key = ?1 AND i.credited_by_line_id IS NULL",
        )?;
        for row in stmt.query_map([&key], |r| {
            let (instalment, line) = (
                Stored::new(r, "invoiced_instalments", 4)?,
                Stored::new(r, "invoice_lines", 1)?,
            );
            Ok((instalment.date(0)?, (r.get(1)?, r.get(2)?, line.get(3)?)))
        })? {
            let (period, invoiced_as) = row?;
            invoiced.insert(period, invoiced_as);
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
    Ok((drafts, held))
}

/// Issues everything a run through `through` makes, in one transaction; records the run. What
/// it holds back is not numbered, and its placements are not settled.
pub fn issue(tx: &Transaction, through: NaiveDate, now: DateTime<Utc>, actor: &str) -> Result<Issued> {
    let (prepared, facts, book) = prepare_in(tx, through, now, Scope::Unsettled)?;
    tx.execute(
        "INSERT INTO invoice_runs (through, run_at, actor) VALUES (?1, ?2, ?3)",
        params![through.to_string(), clock::to_stored(now), actor],
    )?;
    let run_id = tx.last_insert_rowid();
    let invoices = super::issue::write(tx, prepared.drafts, Some(run_id), now, actor)?;
    let settled: Vec<PlacementFacts> = facts
        .into_iter()
        .filter(|p| !prepared.held_placements.contains(&p.placement_id))
        .collect();
    settle(tx, &settled, &book, through, now)?;
    super::held_back::keep_notice(tx, &prepared.held_back, now)?;
    Ok(Issued {
        invoices,
        held_back: prepared.held_back,
    })
}
