//! A room's out-of-use periods as a history. A period is added, ended early or corrected, never
//! replaced or removed: the occupancy of days gone by follows these periods, so every change to
//! one is kept with the room (what it was, what it became, who, when and why).

use super::rooms::Closure;
use crate::corrections;
use crate::error::{Code, Error, Result};
use crate::msg;
use crate::records;
use crate::store::columns::Stored;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

/// One recorded period, with its number for ending or correcting it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Period {
    pub id: i64,
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
    pub reason: String,
}

impl Period {
    fn closure(&self) -> Closure {
        Closure {
            from: self.from,
            to: self.to,
            reason: self.reason.clone(),
        }
    }
}

/// The room's periods, earliest first.
pub fn of_room(conn: &Connection, room_id: i64) -> Result<Vec<Period>> {
    let mut stmt = conn.prepare(
        "SELECT id, from_date, to_date, reason FROM room_closures WHERE room_id = ?1 ORDER BY from_date, id",
    )?;
    let rows = stmt
        .query_map([room_id], |r| {
            let s = Stored::new(r, "room_closures", 0)?;
            Ok(Period {
                id: s.get(0)?,
                from: s.date(1)?,
                to: s.date_opt(2)?,
                reason: s.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

fn overlap(a: &Closure, b: &Closure) -> bool {
    a.from <= b.to.unwrap_or(NaiveDate::MAX) && b.from <= a.to.unwrap_or(NaiveDate::MAX)
}

/// `closure` checked on its own and against the room's other periods (all but `except`).
fn checked(conn: &Connection, room_id: i64, closure: &Closure, except: Option<i64>) -> Result<Closure> {
    if closure.to.is_some_and(|to| to < closure.from) {
        return Err(Error::invalid(
            "closed_to",
            msg!("error.rooms.closure_ends_before_start"),
        ));
    }
    let closure = Closure {
        reason: closure.reason.trim().to_owned(),
        ..closure.clone()
    };
    if of_room(conn, room_id)?
        .iter()
        .any(|p| Some(p.id) != except && overlap(&p.closure(), &closure))
    {
        return Err(Error::invalid("closed_from", msg!("error.rooms.closure_overlaps")));
    }
    Ok(closure)
}

/// Adds a period to the room; refused when it overlaps one of its periods. Returns its number.
pub fn add(tx: &Transaction, room_id: i64, closure: &Closure) -> Result<i64> {
    let c = checked(tx, room_id, closure, None)?;
    tx.execute(
        "INSERT INTO room_closures (room_id, from_date, to_date, reason) VALUES (?1, ?2, ?3, ?4)",
        params![room_id, c.from.to_string(), c.to.map(|d| d.to_string()), c.reason],
    )?;
    Ok(tx.last_insert_rowid())
}

/// A period as it should be, and why.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeriodChange {
    pub room: String,
    pub period: i64,
    pub from: String,
    #[serde(default)]
    pub to: Option<String>,
    pub reason: String,
    /// Why it is corrected.
    pub why: String,
}

fn date(field: &str, text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| Error::invalid(field, msg!("error.rooms.date")))
}

fn period(conn: &Connection, room_id: i64, id: i64) -> Result<Period> {
    of_room(conn, room_id)?
        .into_iter()
        .find(|p| p.id == id)
        .ok_or_else(|| Error::new(Code::NotFound, msg!("error.rooms.no_such_period")))
}

fn room_id(conn: &Connection, key: &str) -> Result<i64> {
    conn.query_row("SELECT id FROM rooms WHERE key = ?1", [key.trim()], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::new(Code::NotFound, msg!("error.rooms.unknown_key")))
}

/// Corrects a period: its first and last day and its reason, checked as when it was added; the
/// old and new period are kept in the room's history with why. Returns the period as it is now.
pub fn correct(tx: &Transaction, change: &PeriodChange, actor: &str, now: DateTime<Utc>) -> Result<Period> {
    let why = records::required("why", msg!("label.corrections.reason"), &change.why, 200)?;
    let room_id = room_id(tx, &change.room)?;
    let old = period(tx, room_id, change.period)?;
    let wanted = Closure {
        from: date("closed_from", &change.from)?,
        to: change
            .to
            .as_deref()
            .filter(|t| !t.trim().is_empty())
            .map(|t| date("closed_to", t))
            .transpose()?,
        reason: change.reason.clone(),
    };
    let new = checked(tx, room_id, &wanted, Some(old.id))?;
    if new == old.closure() {
        return Err(Error::invalid("closed_from", msg!("error.corrections.unchanged")));
    }
    tx.execute(
        "UPDATE room_closures SET from_date = ?2, to_date = ?3, reason = ?4 WHERE id = ?1",
        params![old.id, new.from.to_string(), new.to.map(|d| d.to_string()), new.reason],
    )?;
    let what = format!("closures.{}", old.id);
    corrections::record(
        tx,
        corrections::Of::Room(room_id),
        &what,
        &old.closure(),
        &new,
        &why,
        actor,
        now,
    )?;
    Ok(Period {
        id: old.id,
        from: new.from,
        to: new.to,
        reason: new.reason,
    })
}

/// Ends a period early: `last_day` becomes its last day out of use, on or after its first and
/// before the last day it had. Kept in the history as a correction.
pub fn end_early(
    tx: &Transaction,
    room: &str,
    id: i64,
    last_day: &str,
    why: &str,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<Period> {
    let room_id = room_id(tx, room)?;
    let old = period(tx, room_id, id)?;
    let last = date("closed_to", last_day)?;
    if old.to.is_some_and(|to| last >= to) {
        return Err(Error::invalid("closed_to", msg!("error.rooms.not_earlier")));
    }
    let change = PeriodChange {
        room: room.to_owned(),
        period: id,
        from: old.from.to_string(),
        to: Some(last.to_string()),
        reason: old.reason,
        why: why.to_owned(),
    };
    correct(tx, &change, actor, now)
}

/// A room's corrected periods, oldest first: each with the period before and after.
pub fn history(conn: &Connection, room_id: i64) -> Result<Vec<corrections::Correction>> {
    corrections::read(conn, corrections::Of::Room(room_id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::DbKey;
    use crate::registers::rooms::{self, Room};
    use crate::store::Store;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn closure(from: &str, to: &str, reason: &str) -> Closure {
        Closure {
            from: d(from),
            to: Some(d(to)),
            reason: reason.into(),
        }
    }

    fn room(name: &str, closures: Vec<Closure>) -> Room {
        Room {
            key: "r1".into(),
            name: name.into(),
            acute: false,
            beds: 3,
            closures,
        }
    }

    fn refused_field<T: std::fmt::Debug>(r: Result<T>) -> String {
        r.unwrap_err().field.unwrap_or_default()
    }

    #[test]
    fn periods_are_added_ended_early_and_corrected_with_their_history_and_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::create(&dir.path().join("t.db"), &DbKey::generate().unwrap()).unwrap();
        let now: DateTime<Utc> = "2026-04-01T10:00:00Z".parse().unwrap();
        let water = closure("2026-03-01", "2026-03-10", "Vattenskada");
        store
            .write(|tx| rooms::save(tx, &room("Rum 1", vec![water.clone()])))
            .unwrap();

        // Saving the room without its period (a new name) keeps the period.
        store.write(|tx| rooms::save(tx, &room("Rum ett", vec![]))).unwrap();
        let (id, saved) = rooms::by_key(store.conn(), "r1").unwrap().unwrap();
        assert_eq!(
            (saved.name.as_str(), saved.closures.clone()),
            ("Rum ett", vec![water.clone()])
        );

        // A period that overlaps one recorded is refused; one after it is added.
        let overlapping = closure("2026-03-05", "2026-03-15", "Målning");
        let refused = store.write(|tx| rooms::save(tx, &room("Rum ett", vec![overlapping.clone()])));
        assert_eq!(refused_field(refused), "closures.0.from");
        let paint = closure("2026-03-20", "2026-03-25", "Målning");
        store
            .write(|tx| rooms::save(tx, &room("Rum ett", vec![paint])))
            .unwrap();
        let periods = of_room(store.conn(), id).unwrap();
        assert_eq!(periods.len(), 2);
        let first = periods[0].id;

        // Ended early: on a day within it, with why; not at or after its last day.
        let late = store.write(|tx| end_early(tx, "r1", first, "2026-03-10", "Klart tidigare", "chef", now));
        assert_eq!(refused_field(late), "closed_to");
        let no_why = store.write(|tx| end_early(tx, "r1", first, "2026-03-06", " ", "chef", now));
        assert_eq!(refused_field(no_why), "why");
        let ended = store
            .write(|tx| end_early(tx, "r1", first, "2026-03-06", "Klart tidigare", "chef", now))
            .unwrap();
        assert_eq!(ended.to, Some(d("2026-03-06")));
        let (_, room_now) = rooms::by_key(store.conn(), "r1").unwrap().unwrap();
        assert!(room_now.closed_on(d("2026-03-06")) && !room_now.closed_on(d("2026-03-07")));

        // Corrected: to what it is already is refused; a real correction is kept too.
        let same = PeriodChange {
            room: "r1".into(),
            period: first,
            from: "2026-03-01".into(),
            to: Some("2026-03-06".into()),
            reason: "Vattenskada".into(),
            why: "x".into(),
        };
        assert_eq!(
            refused_field(store.write(|tx| correct(tx, &same, "chef", now))),
            "closed_from"
        );
        let onto_paint = PeriodChange {
            to: Some("2026-03-21".into()),
            ..same.clone()
        };
        assert_eq!(
            refused_field(store.write(|tx| correct(tx, &onto_paint, "chef", now))),
            "closed_from"
        );
        let fixed = PeriodChange {
            from: "2026-03-02".into(),
            why: "Skadan upptäcktes dagen efter".into(),
            ..same
        };
        store.write(|tx| correct(tx, &fixed, "chef", now)).unwrap();

        let history = history(store.conn(), id).unwrap();
        let rows: Vec<(serde_json::Value, serde_json::Value, &str)> = history
            .iter()
            .map(|c| (c.before.clone(), c.after.clone(), c.reason.as_str()))
            .collect();
        let period = |from: &str, to: &str| serde_json::json!({"from": from, "to": to, "reason": "Vattenskada"});
        assert_eq!(
            rows,
            [
                (
                    period("2026-03-01", "2026-03-10"),
                    period("2026-03-01", "2026-03-06"),
                    "Klart tidigare"
                ),
                (
                    period("2026-03-01", "2026-03-06"),
                    period("2026-03-02", "2026-03-06"),
                    "Skadan upptäcktes dagen efter"
                ),
            ]
        );
    }
}
