//! Agreements in the store. Each edit is a new, numbered version with when it was recorded, by
//! whom and why; old versions are never changed or removed (the table refuses it).

use super::periods::{self, Standing};
use super::{ServiceFee, Terms, TermsInput};
use crate::clock;
use crate::error::{Code, Error, Result};
use crate::store::columns::Stored;
use chrono::{DateTime, NaiveDate, SubsecRound, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Version {
    pub version: i64,
    pub recorded_at: DateTime<Utc>,
    pub recorded_by: String,
    pub change_note: String,
    pub terms: Terms,
}

fn not_found() -> Error {
    Error::new(Code::NotFound, crate::msg!("error.agreements.not_found"))
}

fn agreement_id(conn: &Connection, key: &str) -> Result<i64> {
    conn.query_row("SELECT id FROM agreements WHERE key = ?1", [key], |r| r.get(0))
        .optional()?
        .ok_or_else(not_found)
}

fn insert_version(
    tx: &Transaction,
    id: i64,
    version: i64,
    terms: &Terms,
    note: &str,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<Version> {
    // Stored instants are whole seconds; what is returned matches what is read back.
    let json = serde_json::to_string(terms).expect("terms always serialize");
    tx.execute(
        "INSERT INTO agreement_versions (agreement_id, version, recorded_at, recorded_by, change_note, terms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![id, version, clock::to_stored(now), actor, note, json],
    )?;
    Ok(Version {
        version,
        recorded_at: now.trunc_subsecs(0),
        recorded_by: actor.into(),
        change_note: note.into(),
        terms: terms.clone(),
    })
}

/// Adds an agreement with its first version.
pub fn create(
    tx: &Transaction,
    key: &str,
    terms: &Terms,
    note: &str,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<Version> {
    tx.execute(
        "INSERT INTO agreements (key, created_at) VALUES (?1, ?2)",
        params![key, clock::to_stored(now)],
    )?;
    insert_version(tx, tx.last_insert_rowid(), 1, terms, note, actor, now)
}

/// Records an edit as a new version. An edit that changes nothing, or has no reason given, is refused.
pub fn update(
    tx: &Transaction,
    key: &str,
    input: &TermsInput,
    note: &str,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<Version> {
    let terms = input.validate(clock::swedish_date(now))?;
    let note = note.trim();
    if note.is_empty() {
        return Err(Error::invalid(
            "change_note",
            crate::msg!("error.agreements.note_missing"),
        ));
    }
    let id = agreement_id(tx, key)?;
    let latest = current(tx, key)?;
    if latest.terms == terms {
        return Err(Error::invalid("change_note", crate::msg!("error.agreements.unchanged")));
    }
    insert_version(tx, id, latest.version + 1, &terms, note, actor, now)
}

fn read_version(r: &rusqlite::Row) -> rusqlite::Result<Version> {
    let s = Stored::new(r, "agreement_versions", 5)?;
    Ok(Version {
        version: s.get(0)?,
        recorded_at: s.time(1)?,
        recorded_by: s.get(2)?,
        change_note: s.get(3)?,
        terms: s.json(4)?,
    })
}

/// The latest version of an agreement.
pub fn current(conn: &Connection, key: &str) -> Result<Version> {
    let row = conn
        .query_row(
            "SELECT v.version, v.recorded_at, v.recorded_by, v.change_note, v.terms, v.id
             FROM agreement_versions v JOIN agreements a ON a.id = v.agreement_id
             WHERE a.key = ?1 ORDER BY v.version DESC LIMIT 1",
            [key],
            read_version,
        )
        .optional()?
        .ok_or_else(not_found)?;
    Ok(row)
}

/// Every version of an agreement, newest first.
pub fn versions(conn: &Connection, key: &str) -> Result<Vec<Version>> {
    agreement_id(conn, key)?;
    let mut stmt = conn.prepare(
        "SELECT v.version, v.recorded_at, v.recorded_by, v.change_note, v.terms, v.id
         FROM agreement_versions v JOIN agreements a ON a.id = v.agreement_id
         WHERE a.key = ?1 ORDER BY v.version DESC",
    )?;
    let rows = stmt
        .query_map([key], read_version)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The keys of all agreements, oldest first.
pub fn keys(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT key FROM agreements ORDER BY id")?;
    let keys = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(keys)
}

/// What the home screen and `fristad-cli agreement show` tell about an agreement on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Overview {
    pub key: String,
    pub title: String,
    pub counterparty: super::Counterparty,
    pub today: NaiveDate,
    pub standing: Standing,
    /// The period in force today, if any.
    pub period_in_force: Option<super::Period>,
    /// The next last day to give notice (today or later), while giving notice still matters.
    pub notice_deadline: Option<NaiveDate>,
    pub days_to_notice_deadline: Option<i64>,
    /// The day the agreement would end if notice were given by `notice_deadline`.
    pub ends_if_notice_given: Option<NaiveDate>,
    pub renews_automatically: bool,
    pub service_fee_in_force: Option<ServiceFee>,
    pub version: i64,
    pub version_recorded_at: DateTime<Utc>,
}

pub fn overview(conn: &Connection, key: &str, today: NaiveDate) -> Result<Overview> {
    let v = current(conn, key)?;
    let standing = periods::standing_on(&v.terms, today);
    let (period_in_force, renews) = match standing {
        Standing::InForce(f) => (Some(f.period), !f.last),
        Standing::NotStarted { .. } | Standing::Ended { .. } => (None, false),
    };
    let notice = periods::next_notice(&v.terms, today);
    Ok(Overview {
        key: key.into(),
        title: v.terms.title.clone(),
        counterparty: v.terms.counterparty.clone(),
        today,
        standing,
        period_in_force,
        notice_deadline: notice.map(|n| n.deadline),
        days_to_notice_deadline: notice.map(|n| (n.deadline - today).num_days()),
        ends_if_notice_given: notice.map(|n| n.ends),
        renews_automatically: renews,
        service_fee_in_force: v.terms.service_fee_on(today).cloned(),
        version: v.version,
        version_recorded_at: v.recorded_at,
    })
}
