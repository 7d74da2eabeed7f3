//! The journal: dated notes per placement and per person, each with its author. Append-only: a
//! note is never edited or removed (the table refuses it); a correction is a new note that
//! points at the note it corrects, and both stay readable.

use crate::clock;
use crate::error::{Error, Result};
use crate::people;
use crate::placements::views::load;
use crate::records;
use crate::store::columns::Stored;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    pub id: i64,
    pub placement: Option<String>,
    pub person: Option<String>,
    pub written_at: DateTime<Utc>,
    pub author: String,
    pub body: String,
    /// The note this one corrects.
    pub corrects: Option<i64>,
    /// Set when a later note corrects this one.
    pub corrected_by: Option<i64>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoteInput {
    /// In an import or export file only: the note's number in that file, for `corrects`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    #[serde(default)]
    pub placement: Option<String>,
    #[serde(default)]
    pub person: Option<String>,
    /// Signature (initials) of the one who writes.
    pub author: String,
    pub body: String,
    #[serde(default)]
    pub corrects: Option<i64>,
    /// When the note was written; now when absent (imports carry their own times).
    #[serde(default)]
    pub written_at: Option<String>,
}

/// The id of a note with exactly this content, if one is recorded: imports add a note once.
pub fn find_same(tx: &Transaction, input: &NoteInput) -> Result<Option<i64>> {
    let Some(at) = input.written_at.as_deref().and_then(|t| clock::parse_time(t).ok()) else {
        return Ok(None);
    };
    Ok(tx
        .query_row(
            "SELECT j.id FROM journal j LEFT JOIN placements p ON p.id = j.placement_id LEFT JOIN people pe ON pe.id = j.person_id
             WHERE p.key IS ?1 AND pe.key IS ?2 AND j.written_at = ?3 AND j.author = ?4 AND j.body = ?5 AND j.corrects IS ?6",
            params![input.placement, input.person, clock::to_stored(at), input.author.trim(), input.body.trim(), input.corrects],
            |r| r.get(0),
        )
        .optional()?)
}

/// Adds a note; returns its id.
pub fn add(tx: &Transaction, input: &NoteInput, now: DateTime<Utc>) -> Result<i64> {
    let author = records::required("author", crate::msg!("label.journal.author"), &input.author, 40)?;
    let body = records::required("body", crate::msg!("label.journal.body"), &input.body, 20_000)?;
    let placement_id = match input.placement.as_deref().filter(|s| !s.trim().is_empty()) {
        Some(k) => Some(
            load(tx, k.trim())?
                .map(|(id, _)| id)
                .ok_or_else(|| Error::invalid("placement", crate::msg!("error.care.no_such_placement")))?,
        ),
        None => None,
    };
    let person_id = match input.person.as_deref().filter(|s| !s.trim().is_empty()) {
        Some(k) => Some(people::id_of(tx, "person", k.trim())?),
        None => None,
    };
    if placement_id.is_none() && person_id.is_none() {
        return Err(Error::invalid(
            "placement",
            crate::msg!("error.journal.nothing_noted_about"),
        ));
    }
    if let Some(c) = input.corrects {
        let exists: Option<i64> = tx
            .query_row("SELECT id FROM journal WHERE id = ?1", [c], |r| r.get(0))
            .optional()?;
        if exists.is_none() {
            return Err(Error::invalid(
                "corrects",
                crate::msg!("error.journal.corrected_missing"),
            ));
        }
    }
    let written_at = match input.written_at.as_deref().filter(|s| !s.trim().is_empty()) {
        Some(t) => clock::read_time(t).map_err(|m| Error::invalid("written_at", m))?,
        None => now,
    };
    tx.execute(
        "INSERT INTO journal (placement_id, person_id, written_at, author, body, corrects) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![placement_id, person_id, clock::to_stored(written_at), author, body, input.corrects],
    )?;
    Ok(tx.last_insert_rowid())
}

const SELECT: &str = "SELECT j.id, p.key, pe.key, j.written_at, j.author, j.body, j.corrects,
        (SELECT min(c.id) FROM journal c WHERE c.corrects = j.id)
    FROM journal j LEFT JOIN placements p ON p.id = j.placement_id LEFT JOIN people pe ON pe.id = j.person_id";

fn notes(conn: &Connection, filter: &str, arg: &str) -> Result<Vec<Note>> {
    let mut stmt = conn.prepare(&format!("{SELECT} {filter} ORDER BY j.written_at, j.id"))?;
    let rows = stmt
        .query_map([arg], |r| {
            let s = Stored::new(r, "journal", 0)?;
            Ok(Note {
                id: s.get(0)?,
                placement: s.get(1)?,
                person: s.get(2)?,
                written_at: s.time(3)?,
                author: s.get(4)?,
                body: s.get(5)?,
                corrects: s.get(6)?,
                corrected_by: s.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// A placement's notes, and the notes about the people in it, oldest first.
pub fn for_placement(conn: &Connection, key: &str) -> Result<Vec<Note>> {
    notes(
        conn,
        "WHERE p.key = ?1 OR j.person_id IN (SELECT s.person_id FROM stays s JOIN placements sp ON sp.id = s.placement_id WHERE sp.key = ?1)",
        key,
    )
}

/// The notes about one person, oldest first.
pub fn for_person(conn: &Connection, key: &str) -> Result<Vec<Note>> {
    notes(conn, "WHERE pe.key = ?1", key)
}

/// Every note, oldest first (for export).
pub fn all(conn: &Connection) -> Result<Vec<Note>> {
    notes(conn, "WHERE ?1 = ?1", "")
}
