//! Requests refused for lack of space: the date and how many women and children were turned
//! away. Counts only: no names, nothing that identifies anyone.

use crate::error::{Error, Result};
use crate::records;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RefusedRequest {
    pub requested_on: NaiveDate,
    pub women: u32,
    pub children: u32,
    /// E.g. which municipality asked; never a name.
    #[serde(default)]
    pub note: String,
}

/// Logs a refused request. An identical entry already logged is not logged twice, so that an
/// import can be run again.
pub fn add(tx: &Transaction, r: &RefusedRequest, today: NaiveDate) -> Result<bool> {
    if r.women + r.children == 0 {
        return Err(Error::invalid(
            "women",
            "Ange hur många kvinnor och barn som inte fick plats.",
        ));
    }
    if r.requested_on > today {
        return Err(Error::invalid("requested_on", "Datumet kan inte ligga i framtiden."));
    }
    let note = records::optional("note", "anteckningen", &r.note, 300)?;
    let exists: Option<i64> = tx
        .query_row(
            "SELECT id FROM refused_requests WHERE requested_on = ?1 AND women = ?2 AND children = ?3 AND note = ?4",
            params![r.requested_on.to_string(), r.women, r.children, note],
            |row| row.get(0),
        )
        .optional()?;
    if exists.is_some() {
        return Ok(false);
    }
    tx.execute(
        "INSERT INTO refused_requests (requested_on, women, children, note) VALUES (?1, ?2, ?3, ?4)",
        params![r.requested_on.to_string(), r.women, r.children, note],
    )?;
    Ok(true)
}

pub fn all(conn: &Connection) -> Result<Vec<RefusedRequest>> {
    let mut stmt = conn.prepare(
        "SELECT requested_on, women, children, note FROM refused_requests ORDER BY requested_on DESC, id DESC",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, u32>(1)?,
                r.get::<_, u32>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .map(|(on, women, children, note)| RefusedRequest {
            requested_on: NaiveDate::parse_from_str(&on, "%Y-%m-%d").unwrap_or_default(),
            women,
            children,
            note,
        })
        .collect())
}
