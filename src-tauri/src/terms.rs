//! The terms that price a night, each with the date it applies from: a municipality's price
//! class and IOP acute clause, how nights are counted, and the service fee's schedule (tariffs
//! carry their own dates, and the fee itself is dated in the agreement).
//!
//! A change takes effect from a date the user chooses, by default the first night (or, for the
//! fee's schedule, the first instalment) not yet invoiced: nights before it keep the terms they
//! were invoiced under. A date before that re-prices invoiced nights, and is taken only when a
//! manager asks for it (`Reprice::Yes`) after seeing what the next run will credit and invoice.
//! Changes are kept, never edited: the terms on any day can be shown again.

use crate::clock;
use crate::error::{Error, Result};
use crate::settings::{FeeSchedule, NightCounting};
use crate::store::columns::{Stored, stored_as_text};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PriceClass {
    /// IOP or verksamhetsbidrag: the discounted daily fee.
    Iop,
    Standard,
}

impl PriceClass {
    pub fn as_str(self) -> &'static str {
        match self {
            PriceClass::Iop => "iop",
            PriceClass::Standard => "standard",
        }
    }

    pub fn from_id(s: &str) -> Option<PriceClass> {
        [PriceClass::Iop, PriceClass::Standard]
            .into_iter()
            .find(|p| p.as_str() == s)
    }
}

stored_as_text!(PriceClass);

/// The date terms carried over from before they were dated (and a new municipality's first
/// terms) apply from.
pub fn beginning() -> NaiveDate {
    NaiveDate::from_ymd_opt(1, 1, 1).expect("a date")
}

/// One dated term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Term {
    PriceClass,
    AcuteClause,
    NightCounting,
    FeeSchedule,
}

impl Term {
    fn as_str(self) -> &'static str {
        match self {
            Term::PriceClass => "price_class",
            Term::AcuteClause => "acute_clause",
            Term::NightCounting => "night_counting",
            Term::FeeSchedule => "fee_schedule",
        }
    }

    fn from_id(text: &str) -> Option<Term> {
        [
            Term::PriceClass,
            Term::AcuteClause,
            Term::NightCounting,
            Term::FeeSchedule,
        ]
        .into_iter()
        .find(|t| t.as_str() == text)
    }
}

stored_as_text!(Term);

/// A recorded change: a term's value from a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub term: Term,
    /// The municipality's key, for its price class and acute clause.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub municipality: Option<String>,
    /// `None`: from the start (terms carried over from before they were dated).
    pub from: Option<NaiveDate>,
    pub value: String,
    pub recorded_at: DateTime<Utc>,
    pub actor: String,
    pub reason: String,
}

/// Every term's history, read once: what a run, a preview or a screen asks of it. Each list is
/// oldest first (by date, then as recorded).
#[derive(Debug, Clone, Default)]
pub struct Book {
    price_class: HashMap<i64, Vec<(NaiveDate, PriceClass)>>,
    acute_clause: HashMap<i64, Vec<(NaiveDate, bool)>>,
    night_counting: Vec<(NaiveDate, NightCounting)>,
    fee_schedule: Vec<(NaiveDate, FeeSchedule)>,
}

/// A stored value ("iop", "true", "midnights") as its type.
fn value_of<T: serde::de::DeserializeOwned>(text: &str) -> std::result::Result<T, ()> {
    serde_json::from_value(serde_json::Value::String(text.to_owned()))
        .or_else(|_| serde_json::from_str(text))
        .map_err(|_| ())
}

/// Column `i` of a `term_changes` row, read as the value of its term.
fn stored_value<T: serde::de::DeserializeOwned>(s: &Stored, i: usize) -> rusqlite::Result<T> {
    s.with(i, |text: String| value_of(&text).ok())
}

fn text_of<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value).expect("serializable") {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    }
}

/// The value in force on `date`: the last one from on or before it.
fn on<T: Copy>(list: &[(NaiveDate, T)], date: NaiveDate) -> Option<T> {
    list.iter().rev().find(|(from, _)| *from <= date).map(|(_, v)| *v)
}

impl Book {
    pub fn load(conn: &Connection) -> Result<Book> {
        Book::read(
            conn,
            "SELECT term, COALESCE(municipality_id, 0), valid_from, value, id FROM term_changes ORDER BY valid_from, id",
            [],
        )
    }

    /// One municipality's price class and acute clause alone, from the index: what a change of
    /// them needs, without reading every municipality's history (which made an import of many
    /// municipalities quadratic, issue 19, case 8).
    fn load_municipality(conn: &Connection, municipality_id: i64) -> Result<Book> {
        Book::read(
            conn,
            "SELECT term, municipality_id, valid_from, value, id FROM term_changes
             WHERE term IN ('price_class', 'acute_clause') AND municipality_id = ?1 ORDER BY valid_from, id",
            [municipality_id],
        )
    }

    fn read(conn: &Connection, sql: &str, params: impl rusqlite::Params) -> Result<Book> {
        let mut stmt = conn.prepare_cached(sql)?;
        let mut rows = stmt.query(params)?;
        let mut book = Book::default();
        while let Some(r) = rows.next()? {
            let s = Stored::new(r, "term_changes", 4)?;
            let (from, id): (NaiveDate, i64) = (s.date(2)?, s.get(1)?);
            match s.get(0)? {
                Term::PriceClass => book
                    .price_class
                    .entry(id)
                    .or_default()
                    .push((from, stored_value(&s, 3)?)),
                Term::AcuteClause => book
                    .acute_clause
                    .entry(id)
                    .or_default()
                    .push((from, stored_value(&s, 3)?)),
                Term::NightCounting => book.night_counting.push((from, stored_value(&s, 3)?)),
                Term::FeeSchedule => book.fee_schedule.push((from, stored_value(&s, 3)?)),
            }
        }
        Ok(book)
    }

    /// A municipality's price class on `date` (standard where none was ever recorded).
    pub fn price_class(&self, municipality_id: i64, date: NaiveDate) -> PriceClass {
        self.price_class
            .get(&municipality_id)
            .and_then(|l| on(l, date))
            .unwrap_or(PriceClass::Standard)
    }

    /// Whether a municipality has the IOP acute clause on `date`.
    pub fn acute_clause(&self, municipality_id: i64, date: NaiveDate) -> bool {
        self.acute_clause
            .get(&municipality_id)
            .and_then(|l| on(l, date))
            .unwrap_or(false)
    }

    /// How the nights of `date` are counted.
    pub fn night_counting(&self, date: NaiveDate) -> NightCounting {
        on(&self.night_counting, date).unwrap_or(NightCounting::Midnights)
    }

    /// The service fee's schedule for a period beginning on `date`.
    pub fn fee_schedule(&self, date: NaiveDate) -> FeeSchedule {
        on(&self.fee_schedule, date).unwrap_or(FeeSchedule::Quarterly)
    }

    /// Every way of counting nights the history has: a stay's nights are counted under each and
    /// each night kept under the rule of its own date.
    pub fn night_countings(&self) -> Vec<NightCounting> {
        let mut out = vec![];
        for (_, rule) in &self.night_counting {
            if !out.contains(rule) {
                out.push(*rule);
            }
        }
        if out.is_empty() {
            out.push(NightCounting::Midnights);
        }
        out
    }

    fn has_municipal(&self, term: Term, municipality_id: i64) -> bool {
        match term {
            Term::PriceClass => self.price_class.contains_key(&municipality_id),
            _ => self.acute_clause.contains_key(&municipality_id),
        }
    }
}

/// What a change needs: its terms, from when, why, and whether it may re-price what is invoiced.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changing {
    pub price_class: Option<PriceClass>,
    pub acute_clause: Option<bool>,
    pub night_counting: Option<NightCounting>,
    pub fee_schedule: Option<FeeSchedule>,
    /// `None`: from the first night (instalment) not yet invoiced.
    pub from: Option<NaiveDate>,
    pub reason: String,
    pub reprice: bool,
}

/// The day after the stored date a query finds, as the id of its row in `table` and the date
/// (none: no such date).
fn day_after(
    conn: &Connection,
    table: &'static str,
    sql: &str,
    params: impl rusqlite::Params,
) -> Result<Option<NaiveDate>> {
    let last = conn
        .query_row(sql, params, |r| Stored::new(r, table, 0)?.date(1))
        .optional()?;
    Ok(last.map(|d| d + Duration::days(1)))
}

/// The first night not yet invoiced to a municipality (every municipality: `None`): the day
/// after the last night invoiced and not credited. `None` when nothing is invoiced: a change
/// then applies from the start. (From the top of migration 15's index down to the first night of
/// the municipality's, not through every night ever invoiced.)
pub fn first_uninvoiced_night(conn: &Connection, municipality_id: Option<i64>) -> Result<Option<NaiveDate>> {
    day_after(
        conn,
        "invoiced_nights",
        "SELECT n.id, n.night FROM invoiced_nights n INDEXED BY invoiced_nights_by_night
         JOIN invoice_lines l ON l.id = n.line_id JOIN invoices i ON i.id = l.invoice_id
         WHERE n.credited_by_line_id IS NULL AND (?1 IS NULL OR i.municipality_id = ?1)
         ORDER BY n.night DESC LIMIT 1",
        [municipality_id],
    )
}

/// The first day of the service fee's periods not yet invoiced: the day after the last period
/// invoiced and not credited. `None` when none is.
pub fn first_uninvoiced_instalment(conn: &Connection) -> Result<Option<NaiveDate>> {
    day_after(
        conn,
        "invoice_lines",
        "SELECT l.id, l.to_date FROM invoiced_instalments i JOIN invoice_lines l ON l.id = i.line_id
         WHERE i.credited_by_line_id IS NULL ORDER BY l.to_date DESC LIMIT 1",
        [],
    )
}

#[allow(clippy::too_many_arguments)] // one row's columns, named at each call
fn record(
    tx: &Transaction,
    term: Term,
    municipality_id: Option<i64>,
    from: NaiveDate,
    value: String,
    reason: &str,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO term_changes (term, municipality_id, valid_from, value, recorded_at, actor, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        term.as_str(),
        municipality_id,
        from.to_string(),
        value,
        clock::to_stored(now),
        actor,
        reason
    ])?;
    Ok(())
}

/// The date a change applies from, checked: never before what is invoiced unless asked.
fn effective(from: Option<NaiveDate>, first_uninvoiced: Option<NaiveDate>, reprice: bool) -> Result<NaiveDate> {
    let Some(first) = first_uninvoiced else {
        return Ok(from.unwrap_or_else(beginning));
    };
    let from = from.unwrap_or(first);
    if from < first && !reprice {
        return Err(Error::invalid(
            "from",
            crate::msg!("error.terms.reprices", from = from, first = first),
        ));
    }
    Ok(from)
}

fn reason_given(reason: &str) -> Result<&str> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::invalid("reason", crate::msg!("error.terms.reason_missing")));
    }
    Ok(reason)
}

/// Whether a municipality's terms were ever recorded: not for one added by its name alone at an
/// intake, until a manager completes it (its first terms then apply from the start, as a new
/// municipality's do: nothing was invoiced to it meanwhile).
pub fn recorded_for(conn: &Connection, municipality_id: i64) -> Result<bool> {
    let book = Book::load_municipality(conn, municipality_id)?;
    Ok(book.has_municipal(Term::PriceClass, municipality_id) || book.has_municipal(Term::AcuteClause, municipality_id))
}

/// Records a change of a municipality's price class and/or acute clause; what equals the terms
/// already in force from that date is not recorded. Returns whether anything was.
pub fn change_municipality(
    tx: &Transaction,
    municipality_id: i64,
    change: &Changing,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<bool> {
    let book = Book::load_municipality(tx, municipality_id)?;
    // A date given that may re-price applies as it is: what is invoiced is not looked up (a
    // new municipality, each of an import's, has nothing invoiced).
    let first_uninvoiced = match (change.from, change.reprice) {
        (Some(_), true) => None,
        _ => first_uninvoiced_night(tx, Some(municipality_id))?,
    };
    let from = effective(change.from, first_uninvoiced, change.reprice)?;
    let mut changed = false;
    if let Some(class) = change.price_class
        && (!book.has_municipal(Term::PriceClass, municipality_id) || book.price_class(municipality_id, from) != class)
    {
        record(
            tx,
            Term::PriceClass,
            Some(municipality_id),
            from,
            text_of(&class),
            reason_given(&change.reason)?,
            actor,
            now,
        )?;
        changed = true;
    }
    if let Some(clause) = change.acute_clause
        && (!book.has_municipal(Term::AcuteClause, municipality_id)
            || book.acute_clause(municipality_id, from) != clause)
    {
        record(
            tx,
            Term::AcuteClause,
            Some(municipality_id),
            from,
            text_of(&clause),
            reason_given(&change.reason)?,
            actor,
            now,
        )?;
        changed = true;
    }
    Ok(changed)
}

/// Records a change of how nights are counted and/or of the fee's schedule, each from its own
/// first not yet invoiced unless a date is given. Returns whether anything was.
pub fn change_billing(tx: &Transaction, change: &Changing, actor: &str, now: DateTime<Utc>) -> Result<bool> {
    let book = Book::load(tx)?;
    let mut changed = false;
    if let Some(rule) = change.night_counting {
        let from = effective(change.from, first_uninvoiced_night(tx, None)?, change.reprice)?;
        if book.night_counting(from) != rule {
            record(
                tx,
                Term::NightCounting,
                None,
                from,
                text_of(&rule),
                reason_given(&change.reason)?,
                actor,
                now,
            )?;
            changed = true;
        }
    }
    if let Some(schedule) = change.fee_schedule {
        let from = effective(change.from, first_uninvoiced_instalment(tx)?, change.reprice)?;
        if book.fee_schedule(from) != schedule {
            record(
                tx,
                Term::FeeSchedule,
                None,
                from,
                text_of(&schedule),
                reason_given(&change.reason)?,
                actor,
                now,
            )?;
            changed = true;
        }
    }
    Ok(changed)
}

/// Every recorded change, oldest first, for the screens and the export.
pub fn history(conn: &Connection) -> Result<Vec<Change>> {
    let mut stmt = conn.prepare(
        "SELECT t.term, m.key, t.valid_from, t.value, t.recorded_at, t.actor, t.reason, t.id
         FROM term_changes t LEFT JOIN municipalities m ON m.id = t.municipality_id ORDER BY t.valid_from, t.id",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let s = Stored::new(r, "term_changes", 7)?;
        let from = s.date(2)?;
        out.push(Change {
            term: s.get(0)?,
            municipality: s.get(1)?,
            from: (from != beginning()).then_some(from),
            value: s.get(3)?,
            recorded_at: s.time(4)?,
            actor: s.get(5)?,
            reason: s.get(6)?,
        });
    }
    Ok(out)
}

/// A change as the import and export format writes it (docs/import-format.md, `term_changes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeRecord {
    pub term: Term,
    /// The municipality's key, for `price_class` and `acute_clause`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipality: Option<String>,
    /// Absent: from the start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<NaiveDate>,
    pub value: String,
    #[serde(default)]
    pub reason: String,
}

/// Every change, oldest first, as the export writes it.
pub fn records(conn: &Connection) -> Result<Vec<ChangeRecord>> {
    Ok(history(conn)?
        .into_iter()
        .map(|c| ChangeRecord {
            term: c.term,
            municipality: c.municipality,
            from: c.from,
            value: c.value,
            reason: c.reason,
        })
        .collect())
}

/// Records a change read from a file, unless the same one is recorded already. Returns whether
/// it was recorded. A file's changes are the store's history: their dates are taken as they are.
pub fn import(tx: &Transaction, c: &ChangeRecord, actor: &str, now: DateTime<Utc>) -> Result<bool> {
    let municipality_id = match (c.term, &c.municipality) {
        (Term::PriceClass | Term::AcuteClause, Some(key)) => {
            Some(crate::registers::municipalities::id_of(tx, "municipality", key)?)
        }
        (Term::PriceClass | Term::AcuteClause, None) => {
            return Err(Error::invalid(
                "municipality",
                crate::msg!("error.terms.municipality_missing"),
            ));
        }
        (_, Some(_)) => {
            return Err(Error::invalid(
                "municipality",
                crate::msg!("error.terms.not_a_municipal_term"),
            ));
        }
        (_, None) => None,
    };
    let valid = match c.term {
        Term::PriceClass => value_of::<PriceClass>(&c.value).is_ok(),
        Term::AcuteClause => value_of::<bool>(&c.value).is_ok(),
        Term::NightCounting => value_of::<NightCounting>(&c.value).is_ok(),
        Term::FeeSchedule => value_of::<FeeSchedule>(&c.value).is_ok(),
    };
    if !valid {
        return Err(Error::invalid(
            "value",
            crate::msg!("error.terms.value", term = c.term.as_str()),
        ));
    }
    let from = c.from.unwrap_or_else(beginning);
    let known: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM term_changes WHERE term = ?1 AND municipality_id IS ?2 AND valid_from = ?3
             AND value = ?4 AND reason = ?5)",
        params![c.term.as_str(), municipality_id, from.to_string(), c.value, c.reason],
        |r| r.get(0),
    )?;
    if known {
        return Ok(false);
    }
    record(
        tx,
        c.term,
        municipality_id,
        from,
        c.value.clone(),
        &c.reason,
        actor,
        now,
    )?;
    Ok(true)
}

impl Book {
    /// How nights are counted as last decided (from the latest date recorded).
    pub fn latest_night_counting(&self) -> NightCounting {
        self.night_counting(NaiveDate::MAX)
    }

    /// The fee's schedule as last decided.
    pub fn latest_fee_schedule(&self) -> FeeSchedule {
        self.fee_schedule(NaiveDate::MAX)
    }
}

/// How nights are counted and the fee's schedule, as the settings screen and `settings show`
/// show them: as last decided, from when a change would apply by default, and every change.
#[derive(Debug, Clone, Serialize)]
pub struct BillingTerms {
    pub night_counting: NightCounting,
    pub fee_schedule: FeeSchedule,
    /// The first night not yet invoiced (none: nothing is, and a change applies from the start).
    pub night_counting_from: Option<NaiveDate>,
    /// The first day of the fee's periods not yet invoiced.
    pub fee_schedule_from: Option<NaiveDate>,
    pub changes: Vec<Change>,
}

pub fn billing_terms(conn: &Connection) -> Result<BillingTerms> {
    let book = Book::load(conn)?;
    Ok(BillingTerms {
        night_counting: book.latest_night_counting(),
        fee_schedule: book.latest_fee_schedule(),
        night_counting_from: first_uninvoiced_night(conn, None)?,
        fee_schedule_from: first_uninvoiced_instalment(conn)?,
        changes: history(conn)?
            .into_iter()
            .filter(|c| c.municipality.is_none())
            .collect(),
    })
}

/// A municipality's terms as its page shows them: from when a change would apply by default,
/// and every change of its price class and acute clause.
#[derive(Debug, Clone, Serialize)]
pub struct MunicipalityTerms {
    pub key: String,
    pub from: Option<NaiveDate>,
    pub changes: Vec<Change>,
}

pub fn municipality_terms(conn: &Connection, key: &str) -> Result<MunicipalityTerms> {
    let id = crate::registers::municipalities::id_of(conn, "key", key)?;
    Ok(MunicipalityTerms {
        key: key.to_owned(),
        from: first_uninvoiced_night(conn, Some(id))?,
        changes: history(conn)?
            .into_iter()
            .filter(|c| c.municipality.as_deref() == Some(key))
            .collect(),
    })
}
