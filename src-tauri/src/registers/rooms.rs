//! Rooms and their beds, the acute room among them, and periods when a room is out of use.

use crate::error::{Error, Result};
use crate::records;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Closure {
    pub from: NaiveDate,
    /// Last day out of use; open-ended when absent.
    #[serde(default)]
    pub to: Option<NaiveDate>,
    #[serde(default)]
    pub reason: String,
}

impl Closure {
    pub fn covers(&self, day: NaiveDate) -> bool {
        self.from <= day && self.to.is_none_or(|to| day <= to)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Room {
    pub key: String,
    pub name: String,
    /// The room kept for acute placements, day and night.
    #[serde(default)]
    pub acute: bool,
    pub beds: u32,
    #[serde(default)]
    pub closures: Vec<Closure>,
}

impl Room {
    pub fn validated(&self) -> Result<Room> {
        if !(1..=50).contains(&self.beds) {
            return Err(Error::invalid("beds", crate::msg!("error.rooms.beds")));
        }
        for (i, c) in self.closures.iter().enumerate() {
            if c.to.is_some_and(|to| to < c.from) {
                return Err(Error::invalid(
                    &format!("closures.{i}.to"),
                    crate::msg!("error.rooms.closure_ends_before_start"),
                ));
            }
        }
        Ok(Room {
            key: records::check_key("key", &self.key)?,
            name: records::required("name", crate::msg!("label.rooms.name"), &self.name, 80)?,
            acute: self.acute,
            beds: self.beds,
            closures: self
                .closures
                .iter()
                .map(|c| Closure {
                    from: c.from,
                    to: c.to,
                    reason: c.reason.trim().to_owned(),
                })
                .collect(),
        })
    }

    pub fn closed_on(&self, day: NaiveDate) -> bool {
        self.closures.iter().any(|c| c.covers(day))
    }
}

/// Adds or updates a room by its key. Its out-of-use periods are a history: those given that the
/// room does not have yet are added (refused if one overlaps another), and none is ever removed or
/// replaced here (`room_closures` ends or corrects one, with its reason). Returns whether anything
/// changed.
pub fn save(tx: &Transaction, room: &Room) -> Result<bool> {
    let room = room.validated()?;
    let existing = by_key(tx, &room.key)?;
    let id = match &existing {
        Some((id, old)) => {
            if (&old.name, old.acute, old.beds) != (&room.name, room.acute, room.beds) {
                tx.execute(
                    "UPDATE rooms SET name = ?2, acute = ?3, beds = ?4 WHERE id = ?1",
                    params![id, room.name, room.acute, room.beds],
                )?;
            }
            *id
        }
        None => {
            tx.execute(
                "INSERT INTO rooms (key, name, acute, beds) VALUES (?1, ?2, ?3, ?4)",
                params![room.key, room.name, room.acute, room.beds],
            )?;
            tx.last_insert_rowid()
        }
    };
    let had = existing.as_ref().map(|(_, r)| r.closures.clone()).unwrap_or_default();
    let mut added = false;
    for (i, c) in room.closures.iter().enumerate().filter(|(_, c)| !had.contains(c)) {
        super::room_closures::add(tx, id, c).map_err(|mut e| {
            // A period of a list is named by its place in it, as an import names it.
            if let Some(f) = e.field.as_mut() {
                *f = format!("closures.{i}.{}", f.trim_start_matches("closed_"));
            }
            e
        })?;
        added = true;
    }
    let unchanged = existing
        .as_ref()
        .is_some_and(|(_, old)| (&old.name, old.acute, old.beds) == (&room.name, room.acute, room.beds));
    Ok(!unchanged || added)
}

fn closures(conn: &Connection, room_id: i64) -> Result<Vec<Closure>> {
    Ok(super::room_closures::of_room(conn, room_id)?
        .into_iter()
        .map(|p| Closure {
            from: p.from,
            to: p.to,
            reason: p.reason,
        })
        .collect())
}

pub fn by_key(conn: &Connection, key: &str) -> Result<Option<(i64, Room)>> {
    let row: Option<(i64, String, String, bool, u32)> = conn
        .query_row(
            "SELECT id, key, name, acute, beds FROM rooms WHERE key = ?1",
            [key],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    row.map(|(id, key, name, acute, beds)| {
        Ok((
            id,
            Room {
                key,
                name,
                acute,
                beds,
                closures: closures(conn, id)?,
            },
        ))
    })
    .transpose()
}

pub fn id_of(conn: &Connection, field: &str, key: &str) -> Result<i64> {
    by_key(conn, key)?
        .map(|(id, _)| id)
        .ok_or_else(|| Error::invalid(field, crate::msg!("error.rooms.unknown_key")))
}

/// Every room, acute rooms first, then by name.
pub fn list(conn: &Connection) -> Result<Vec<(i64, Room)>> {
    let mut stmt = conn.prepare("SELECT key FROM rooms ORDER BY acute DESC, name COLLATE NOCASE")?;
    let keys = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    keys.iter()
        .map(|k| by_key(conn, k).map(|r| r.expect("listed")))
        .collect()
}
