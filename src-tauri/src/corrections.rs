//! The history of corrections: whenever a recorded fact is changed afterwards (a move-out
//! undone, a time corrected, an import that changes a stay), what it was, what it became, why,
//! by whom and when. Append-only: the table refuses updates and deletions.

use crate::clock;
use crate::error::Result;
use crate::store::columns::Stored;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, Transaction, params};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Correction {
    pub at: DateTime<Utc>,
    pub actor: String,
    pub what: String,
    pub before: serde_json::Value,
    pub after: serde_json::Value,
    pub reason: String,
}

/// Whose correction it is: a placement's (its own facts, its stays, its room; `None` for one
/// kept without a placement), a person's own details, or a room's out-of-use periods.
#[derive(Debug, Clone, Copy)]
pub enum Of {
    Placement(Option<i64>),
    Person(i64),
    Room(i64),
}

/// Records a correction of `of`'s facts.
#[allow(clippy::too_many_arguments)]
pub fn record(
    tx: &Transaction,
    of: Of,
    what: &str,
    before: &impl Serialize,
    after: &impl Serialize,
    reason: &str,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let (placement_id, person_id, room_id) = match of {
        Of::Placement(id) => (id, None, None),
        Of::Person(id) => (None, Some(id), None),
        Of::Room(id) => (None, None, Some(id)),
    };
    tx.execute(
        "INSERT INTO corrections (at, actor, placement_id, person_id, room_id, what, before, after, reason)
         VALUES (?1, ?2, ?3, ?4, ?9, ?5, ?6, ?7, ?8)",
        params![
            clock::to_stored(now),
            actor,
            placement_id,
            person_id,
            what,
            serde_json::to_string(before).expect("serializable"),
            serde_json::to_string(after).expect("serializable"),
            reason,
            room_id
        ],
    )?;
    Ok(())
}

/// The corrections of one placement, person or room, oldest first.
pub fn read(conn: &Connection, of: Of) -> Result<Vec<Correction>> {
    let (column, id) = match of {
        Of::Placement(id) => ("placement_id", id),
        Of::Person(id) => ("person_id", Some(id)),
        Of::Room(id) => ("room_id", Some(id)),
    };
    let mut stmt = conn.prepare(&format!(
        "SELECT id, at, actor, what, before, after, reason FROM corrections WHERE {column} = ?1 ORDER BY id"
    ))?;
    let rows = stmt
        .query_map([id], |r| {
            let s = Stored::new(r, "corrections", 0)?;
            Ok(Correction {
                at: s.time(1)?,
                actor: s.get(2)?,
                what: s.get(3)?,
                before: s.json(4)?,
                after: s.json(5)?,
                reason: s.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// One field's change, as a placement's history shows it: the field (a placement's own, as the
/// import format names it, or a stay's as `stays.PERSON.FIELD`), its old and new value, by whom,
/// when and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub field: String,
    pub old: serde_json::Value,
    pub new: serde_json::Value,
    pub by: String,
    pub at: DateTime<Utc>,
    pub reason: String,
}

/// The corrections of a stay are kept as the whole stay before and after, under this prefix and
/// the person's key.
pub const STAY: &str = "Vistelse för ";

/// A room change is kept under this name.
pub const ROOM_CHANGE: &str = "Rumsbyte";

impl Correction {
    /// The fields this correction changed (a stay's, one by one).
    pub fn changes(&self) -> Vec<Change> {
        let change = |field: String, old: &serde_json::Value, new: &serde_json::Value| Change {
            field,
            old: old.clone(),
            new: new.clone(),
            by: self.actor.clone(),
            at: self.at,
            reason: self.reason.clone(),
        };
        match (self.what.strip_prefix(STAY), &self.before, &self.after) {
            (Some(person), serde_json::Value::Object(before), serde_json::Value::Object(after)) => {
                let null = serde_json::Value::Null;
                let mut keys: Vec<&String> = before.keys().chain(after.keys()).collect();
                keys.sort();
                keys.dedup();
                keys.into_iter()
                    .filter(|k| before.get(*k) != after.get(*k))
                    .map(|k| {
                        change(
                            format!("stays.{person}.{k}"),
                            before.get(k).unwrap_or(&null),
                            after.get(k).unwrap_or(&null),
                        )
                    })
                    .collect()
            }
            _ if self.what == ROOM_CHANGE => vec![change("room".into(), &self.before, &self.after)],
            _ => vec![change(self.what.clone(), &self.before, &self.after)],
        }
    }
}

/// A placement's history: every field changed after it was saved, oldest first.
pub fn history(conn: &Connection, placement_id: i64) -> Result<Vec<Change>> {
    Ok(read(conn, Of::Placement(Some(placement_id)))?
        .iter()
        .flat_map(Correction::changes)
        .collect())
}

/// A person's history: each of her or his own details corrected, oldest first.
pub fn person_history(conn: &Connection, person_id: i64) -> Result<Vec<Change>> {
    Ok(read(conn, Of::Person(person_id))?
        .iter()
        .flat_map(Correction::changes)
        .collect())
}
