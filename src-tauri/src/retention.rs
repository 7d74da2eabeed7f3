//! Retention (gallring): what is removed once enough years have passed since a person's last
//! stay, shown first as a preview and then done in one logged transaction.
//!
//! - People: name, personnummer and birth date are removed; the key, the birth year and the age
//!   at each arrival stay, so the statistics of earlier years come out the same.
//! - Placements whose every stay ended before the cutoff: the assessment's free text is emptied,
//!   and the history of changes (which holds old values) is deleted, except room changes, which
//!   occupancy is counted from and which name no one.
//! - Journal notes about such people and placements are deleted (their own cutoff).
//! - Invoices, their lines and payments are never touched: they name no resident, and the
//!   accounts must be kept for seven years (bokföringslagen). Nights, municipalities, stays'
//!   dates and categories stay, so invoicing and statistics are unchanged.

use crate::audit::{self, Event, Kind};
use crate::clock;
use crate::error::Result;
use crate::people;
use crate::settings::Retention;
use crate::store::columns::Stored;
use chrono::{DateTime, Months, NaiveDate, Utc};
use rusqlite::{Connection, Transaction, params};
use serde::Serialize;

/// What a run removes (the preview), or removed (the run).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outcome {
    /// Stays that ended before this day count (personal details).
    pub details_before: NaiveDate,
    /// Stays that ended before this day count (journal notes).
    pub journal_before: NaiveDate,
    pub people: u32,
    pub placements: u32,
    pub journal_notes: u32,
    pub corrections: u32,
    /// Invoices kept regardless (for the preview's reassurance).
    pub invoices_kept: u32,
}

impl Outcome {
    pub fn is_empty(&self) -> bool {
        self.people + self.placements + self.journal_notes + self.corrections == 0
    }
}

fn years_before(today: NaiveDate, years: u32) -> NaiveDate {
    today
        .checked_sub_months(Months::new(years * 12))
        .unwrap_or(NaiveDate::MIN)
}

/// The stored form of local midnight starting `day`: stays that ended before it qualify.
fn boundary(day: NaiveDate) -> String {
    clock::to_stored(clock::local_midnight(day))
}

/// People all of whose stays have ended before `before` (?1).
const PEOPLE: &str = "SELECT pe.id FROM people pe
     WHERE EXISTS (SELECT 1 FROM stays s WHERE s.person_id = pe.id)
       AND NOT EXISTS (SELECT 1 FROM stays s WHERE s.person_id = pe.id AND (s.out_at IS NULL OR s.out_at >= ?1))";

/// Placements all of whose stays have ended before `before` (?1).
const PLACEMENTS: &str = "SELECT p.id FROM placements p
     WHERE EXISTS (SELECT 1 FROM stays s WHERE s.placement_id = p.id)
       AND NOT EXISTS (SELECT 1 FROM stays s WHERE s.placement_id = p.id AND (s.out_at IS NULL OR s.out_at >= ?1))";

fn ids(conn: &Connection, sql: &str, params: impl rusqlite::Params) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map(params, |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

fn in_list(ids: &[i64]) -> String {
    ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
}

struct Selection {
    people: Vec<i64>,
    placements_with_details: Vec<i64>,
    notes: Vec<i64>,
    corrections: Vec<i64>,
}

fn select(conn: &Connection, policy: Retention, today: NaiveDate) -> Result<(Outcome, Selection)> {
    let details_before = years_before(today, policy.personal_details_years);
    let journal_before = years_before(today, policy.journal_years);
    let details = boundary(details_before);
    let journal = boundary(journal_before);

    // Erased ones keep being ended; their details are not counted again.
    let people = ids(conn, &format!("{PEOPLE} AND pe.erased_at IS NULL"), [&details])?;
    let placements_all = ids(conn, PLACEMENTS, [&details])?;
    let placements_with_details = ids(conn, &format!("{PLACEMENTS} AND p.erased_at IS NULL"), [&details])?;
    let corrections = ids(
        conn,
        &format!(
            "SELECT id FROM corrections
             WHERE (what <> 'Rumsbyte' AND placement_id IN ({})) OR person_id IN ({}) ORDER BY id",
            in_list(&placements_all),
            in_list(&people)
        ),
        [],
    )?;
    let journal_people = ids(conn, PEOPLE, [&journal])?;
    let journal_placements = ids(conn, PLACEMENTS, [&journal])?;
    let notes = ids(
        conn,
        &format!(
            "SELECT id FROM journal
             WHERE placement_id IN ({})
                OR (placement_id IS NULL AND person_id IN ({}))
             ORDER BY id DESC",
            in_list(&journal_placements),
            in_list(&journal_people)
        ),
        [],
    )?;
    let invoices_kept: u32 = conn.query_row("SELECT count(*) FROM invoices", [], |r| r.get(0))?;
    let outcome = Outcome {
        details_before,
        journal_before,
        people: people.len() as u32,
        placements: placements_with_details.len() as u32,
        journal_notes: notes.len() as u32,
        corrections: corrections.len() as u32,
        invoices_kept,
    };
    Ok((
        outcome,
        Selection {
            people,
            placements_with_details,
            notes,
            corrections,
        },
    ))
}

/// What a run today would remove. Changes nothing.
pub fn preview(conn: &Connection, policy: Retention, today: NaiveDate) -> Result<Outcome> {
    Ok(select(conn, policy, today)?.0)
}

/// Removes what the preview shows, in the caller's transaction, and logs the run.
pub fn run(tx: &Transaction, policy: Retention, actor: &str, now: DateTime<Utc>) -> Result<Outcome> {
    let today = clock::swedish_date(now);
    let (outcome, sel) = select(tx, policy, today)?;
    if outcome.is_empty() {
        return Ok(outcome);
    }
    let at = clock::to_stored(now);
    // The age at each arrival, before the birth date goes.
    {
        let mut stays = tx.prepare("SELECT id, in_at FROM stays WHERE person_id = ?1 AND age_at_in IS NULL")?;
        let mut set_age = tx.prepare("UPDATE stays SET age_at_in = ?1 WHERE id = ?2")?;
        for id in &sel.people {
            let person = people::by_id(tx, *id)?;
            let rows: Vec<(i64, DateTime<Utc>)> = stays
                .query_map([id], |r| {
                    let s = Stored::new(r, "stays", 0)?;
                    Ok((s.get(0)?, s.time(1)?))
                })?
                .collect::<rusqlite::Result<_>>()?;
            for (stay, in_at) in rows {
                let age = person.age_on(clock::swedish_date(in_at));
                set_age.execute(params![age, stay])?;
            }
        }
    }
    tx.execute_batch(&format!(
        "UPDATE people SET name = '', personal_number = NULL, birth_date = NULL, erased_at = '{at}'
         WHERE id IN ({});
         UPDATE placements SET assessment_conclusion = '', erased_at = '{at}' WHERE id IN ({});",
        in_list(&sel.people),
        in_list(&sel.placements_with_details),
    ))?;
    tx.execute("INSERT INTO retention_gate (open) VALUES (1)", [])?;
    // Newest first, so a note that corrects another goes before the one it corrects.
    tx.execute_batch(&format!(
        "DELETE FROM journal WHERE id IN ({});
         DELETE FROM corrections WHERE id IN ({});",
        in_list(&sel.notes),
        in_list(&sel.corrections)
    ))?;
    tx.execute("DELETE FROM retention_gate", [])?;
    tx.execute(
        "INSERT INTO retention_runs (run_at, actor, details_before, journal_before, people, placements, journal_notes, corrections)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            at,
            actor,
            outcome.details_before.to_string(),
            outcome.journal_before.to_string(),
            outcome.people,
            outcome.placements,
            outcome.journal_notes,
            outcome.corrections
        ],
    )?;
    let detail = format!(
        "{} personer, {} placeringar, {} anteckningar, {} ändringsposter",
        outcome.people, outcome.placements, outcome.journal_notes, outcome.corrections
    );
    audit::record(tx, Event::new(actor, "retention_run", Kind::Change).detail(detail), now)?;
    Ok(outcome)
}

/// The earlier runs, newest first.
#[derive(Debug, Clone, Serialize)]
pub struct Run {
    pub run_at: String,
    pub actor: String,
    pub people: u32,
    pub placements: u32,
    pub journal_notes: u32,
    pub corrections: u32,
}

pub fn runs(conn: &Connection) -> Result<Vec<Run>> {
    let mut stmt = conn.prepare(
        "SELECT run_at, actor, people, placements, journal_notes, corrections, id FROM retention_runs ORDER BY id DESC",
    )?;
    let rows = stmt
        .query_map([], |r| {
            let s = Stored::new(r, "retention_runs", 6)?;
            Ok(Run {
                run_at: clock::to_local_rfc3339(s.time(0)?),
                actor: s.get(1)?,
                people: s.get(2)?,
                placements: s.get(3)?,
                journal_notes: s.get(4)?,
                corrections: s.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    #[test]
    fn the_cutoff_is_whole_years_before_today() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        assert_eq!(years_before(d, 5), NaiveDate::from_ymd_opt(2021, 11, 28).unwrap());
        let leap = NaiveDate::from_ymd_opt(2028, 2, 29).unwrap();
        assert_eq!(years_before(leap, 1).year(), 2027);
    }
}
