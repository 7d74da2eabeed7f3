//! The billing engine, pure: from placements, tariffs, the dated terms and what is already
//! invoiced, it decides which person-nights must be credited (invoiced, but no longer billable at
//! that price) and which must be invoiced (billable, through the run's date, and not invoiced).
//! Every night is priced and counted under the terms in force on its own date. Nothing here
//! touches the database or the clock.

use super::nights::{self, Night};
use crate::error::{Error, Result};
use crate::money::Money;
use crate::placements::Category;
use crate::registers::municipalities::PriceClass;
use crate::registers::tariffs::Tariff;
use crate::terms::Book;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// What billing needs to know of a stay.
#[derive(Debug, Clone)]
pub struct StayFacts {
    pub stay_id: i64,
    pub person: String,
    pub category: Category,
    pub in_at: DateTime<Utc>,
    pub out_at: Option<DateTime<Utc>>,
}

/// What billing needs to know of a placement and its municipality.
#[derive(Debug, Clone)]
pub struct PlacementFacts {
    pub placement_id: i64,
    pub key: String,
    pub acute: bool,
    pub municipality_id: i64,
    /// Nights on or before this date are invoiced as they should be (a run settled them and
    /// nothing has changed since): only later nights need a look.
    pub settled_through: Option<NaiveDate>,
    pub stays: Vec<StayFacts>,
}

/// A person-night that must be paid for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BillableNight {
    pub placement_id: i64,
    pub stay_id: i64,
    pub person: String,
    pub category: Category,
    pub date: NaiveDate,
}

/// A person-night already invoiced, and not credited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoicedNight {
    pub stay_id: i64,
    pub date: NaiveDate,
    pub line_id: i64,
    pub invoice_id: i64,
    /// The buyer of the invoice it is on.
    pub municipality_id: i64,
    pub unit_price: Money,
}

/// A stay's nights by `now`, each counted under the rule in force on its date.
pub fn stay_nights(book: &Book, in_at: DateTime<Utc>, out_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Vec<Night> {
    let rules = book.night_countings();
    if let [rule] = rules[..] {
        return nights::of_stay(in_at, out_at, rule, now);
    }
    let mut out: Vec<Night> = rules
        .iter()
        .flat_map(|rule| {
            nights::of_stay(in_at, out_at, *rule, now)
                .into_iter()
                .filter(move |n| book.night_counting(n.date) == *rule)
        })
        .collect();
    out.sort();
    out.dedup_by_key(|n| n.date);
    out
}

/// The nights of every stay that are billable by `now`: all of them, except the placement's first
/// two (see [`nights::free_under_acute_clause`]) where the IOP acute clause is in force on their
/// date.
pub fn billable_nights(p: &PlacementFacts, book: &Book, now: DateTime<Utc>) -> Vec<BillableNight> {
    let stays: Vec<(&StayFacts, Vec<Night>)> = p
        .stays
        .iter()
        .map(|s| (s, stay_nights(book, s.in_at, s.out_at, now)))
        .collect();
    let free: BTreeSet<NaiveDate> = if p.acute {
        let spent: BTreeSet<NaiveDate> = stays.iter().flat_map(|(_, n)| n.iter().map(|n| n.date)).collect();
        nights::free_under_acute_clause(&spent)
            .into_iter()
            .filter(|d| book.acute_clause(p.municipality_id, *d))
            .collect()
    } else {
        BTreeSet::new()
    };
    let free = &free;
    stays
        .into_iter()
        .flat_map(|(s, nights)| {
            nights
                .into_iter()
                .filter(move |n: &Night| !free.contains(&n.date))
                .map(move |n| BillableNight {
                    placement_id: p.placement_id,
                    stay_id: s.stay_id,
                    person: s.person.clone(),
                    category: s.category,
                    date: n.date,
                })
        })
        .collect()
}

/// The billable nights a run must look at: those after the placement's settled date.
pub fn unsettled_nights(p: &PlacementFacts, book: &Book, now: DateTime<Utc>) -> Vec<BillableNight> {
    let mut nights = billable_nights(p, book, now);
    if let Some(settled) = p.settled_through {
        nights.retain(|n| n.date > settled);
    }
    nights
}

/// The daily fee for a night: the tariff for the category valid on the night's date (the latest
/// one starting on or before it), at the municipality's price class.
pub fn unit_price(tariffs: &[Tariff], category: Category, date: NaiveDate, class: PriceClass) -> Option<Money> {
    tariffs
        .iter()
        .filter(|t| t.category == category && t.valid_from <= date)
        .max_by_key(|t| t.valid_from)
        .map(|t| match class {
            PriceClass::Iop => t.iop,
            PriceClass::Standard => t.standard,
        })
}

fn missing_tariff(n: &BillableNight, placement: &str) -> Error {
    Error::invalid(
        "tariffs",
        crate::msg!(
            "error.billing.tariff_missing",
            night = n.date,
            person = &n.person,
            category = match n.category {
                Category::Adult => crate::msg!("label.billing.category_adult"),
                Category::Child => crate::msg!("label.billing.category_child"),
            },
            placement = placement,
        ),
    )
}

/// A run of consecutive nights of one stay at one price: one invoice line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedLine {
    pub stay_id: i64,
    pub person: String,
    pub category: Category,
    pub dates: Vec<NaiveDate>,
    pub unit_price: Money,
}

impl PlannedLine {
    pub fn amount(&self) -> Money {
        Money::from_ore(self.unit_price.ore() * self.dates.len() as i64)
    }
}

/// One invoice to issue: a placement's nights of one calendar month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedInvoice {
    pub placement_id: i64,
    pub year: i32,
    pub month: u32,
    pub lines: Vec<PlannedLine>,
}

/// One credit line: nights of one original line that are no longer billable at its price.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedCreditLine {
    pub credits_line_id: i64,
    pub stay_id: i64,
    pub dates: Vec<NaiveDate>,
    pub unit_price: Money,
}

/// One credit note: against one invoice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedCredit {
    pub credits_invoice_id: i64,
    pub lines: Vec<PlannedCreditLine>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    pub credits: Vec<PlannedCredit>,
    pub invoices: Vec<PlannedInvoice>,
}

/// Nights with their price.
type PricedDates = Vec<(NaiveDate, Money)>;
/// A stay's nights to invoice in one month: (person, category, nights with prices).
type StayNights = (String, Category, PricedDates);
/// Invoiced nights to credit, per original line: (stay, night, price).
type CreditedNights = Vec<(i64, NaiveDate, Money)>;

/// Splits nights (sorted by date) into runs of consecutive dates with the same price.
fn runs(mut nights: PricedDates) -> Vec<(Vec<NaiveDate>, Money)> {
    nights.sort();
    let mut out: Vec<(Vec<NaiveDate>, Money)> = Vec::new();
    for (date, price) in nights {
        match out.last_mut() {
            Some((dates, p)) if *p == price && dates.last().and_then(|d| d.succ_opt()) == Some(date) => {
                dates.push(date)
            }
            _ => out.push((vec![date], price)),
        }
    }
    out
}

/// Decides what a run through `through` must credit and invoice. `invoiced` holds the nights
/// not yet credited of the given placements, less those on or before a placement's settled date.
pub fn plan(
    placements: &[PlacementFacts],
    tariffs: &[Tariff],
    invoiced: &[InvoicedNight],
    book: &Book,
    now: DateTime<Utc>,
    through: NaiveDate,
) -> Result<Plan> {
    let mut billable: HashMap<(i64, NaiveDate), (BillableNight, &PlacementFacts)> = HashMap::new();
    for p in placements {
        for n in unsettled_nights(p, book, now) {
            billable.insert((n.stay_id, n.date), (n, p));
        }
    }
    let price_of = |key: &(i64, NaiveDate)| -> Option<Result<Money>> {
        billable.get(key).map(|(n, p)| {
            let class = book.price_class(p.municipality_id, n.date);
            unit_price(tariffs, n.category, n.date, class).ok_or_else(|| missing_tariff(n, &p.key))
        })
    };

    // Credit what is invoiced but no longer billable, or billable now at another price or to
    // another municipality.
    let mut credit_by_line: BTreeMap<(i64, i64), CreditedNights> = BTreeMap::new();
    let mut still_invoiced: HashMap<(i64, NaiveDate), ()> = HashMap::new();
    for inv in invoiced {
        let key = (inv.stay_id, inv.date);
        let keep = match price_of(&key) {
            Some(price) => price? == inv.unit_price && billable[&key].1.municipality_id == inv.municipality_id,
            None => false,
        };
        if keep {
            still_invoiced.insert(key, ());
        } else {
            credit_by_line.entry((inv.invoice_id, inv.line_id)).or_default().push((
                inv.stay_id,
                inv.date,
                inv.unit_price,
            ));
        }
    }
    let mut credits: BTreeMap<i64, PlannedCredit> = BTreeMap::new();
    for ((invoice_id, line_id), nights) in credit_by_line {
        let stay_id = nights[0].0;
        let credit = credits.entry(invoice_id).or_insert_with(|| PlannedCredit {
            credits_invoice_id: invoice_id,
            lines: Vec::new(),
        });
        // A line is credited in runs of consecutive nights, so that from–to never hides a gap.
        for (dates, unit_price) in runs(nights.into_iter().map(|(_, d, p)| (d, p)).collect()) {
            credit.lines.push(PlannedCreditLine {
                credits_line_id: line_id,
                stay_id,
                dates,
                unit_price,
            });
        }
    }

    // Invoice what is billable through the date and not invoiced, per placement and month.
    let mut by_invoice: BTreeMap<(i64, i32, u32), BTreeMap<i64, StayNights>> = BTreeMap::new();
    let mut keys: Vec<&(i64, NaiveDate)> = billable.keys().collect();
    keys.sort();
    for key in keys {
        let (n, _) = &billable[key];
        if n.date > through || still_invoiced.contains_key(key) {
            continue;
        }
        let price = price_of(key).expect("billable")?;
        by_invoice
            .entry((n.placement_id, n.date.year(), n.date.month()))
            .or_default()
            .entry(n.stay_id)
            .or_insert_with(|| (n.person.clone(), n.category, Vec::new()))
            .2
            .push((n.date, price));
    }
    let invoices = by_invoice
        .into_iter()
        .map(|((placement_id, year, month), stays)| {
            let mut lines: Vec<PlannedLine> = stays
                .into_iter()
                .flat_map(|(stay_id, (person, category, nights))| {
                    runs(nights).into_iter().map(move |(dates, unit_price)| PlannedLine {
                        stay_id,
                        person: person.clone(),
                        category,
                        dates,
                        unit_price,
                    })
                })
                .collect();
            // Adults first, then by first night: the order a reader expects.
            lines.sort_by_key(|l| (l.category != Category::Adult, l.dates[0], l.person.clone()));
            PlannedInvoice {
                placement_id,
                year,
                month,
                lines,
            }
        })
        .collect();
    Ok(Plan {
        credits: credits.into_values().collect(),
        invoices,
    })
}
