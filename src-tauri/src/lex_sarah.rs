//! Lex Sarah reports: shortcomings, or risks of shortcomings, in the care given that were
//! reported and investigated (14 kap. 3 § SoL). Logged by date with a short note that names no
//! one; counted for the kvalitetsbilaga.

use crate::error::{Error, Result};
use crate::records;
use crate::store::columns::Stored;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LexSarahReport {
    pub reported_on: NaiveDate,
    #[serde(default)]
    pub note: String,
}

/// Logs a report; an identical one already logged is not logged twice.
pub fn add(tx: &Transaction, r: &LexSarahReport, today: NaiveDate) -> Result<bool> {
    if r.reported_on > today {
        return Err(Error::invalid("reported_on", crate::msg!("error.care.date_in_future")));
    }
    let note = records::optional("note", crate::msg!("label.lex_sarah.note"), &r.note, 300)?;
    let exists: Option<i64> = tx
        .query_row(
            "SELECT id FROM lex_sarah_reports WHERE reported_on = ?1 AND note = ?2",
            params![r.reported_on.to_string(), note],
            |row| row.get(0),
        )
        .optional()?;
    if exists.is_some() {
        return Ok(false);
    }
    tx.execute(
        "INSERT INTO lex_sarah_reports (reported_on, note) VALUES (?1, ?2)",
        params![r.reported_on.to_string(), note],
    )?;
    Ok(true)
}

pub fn all(conn: &Connection) -> Result<Vec<LexSarahReport>> {
    let mut stmt =
        conn.prepare("SELECT id, reported_on, note FROM lex_sarah_reports ORDER BY reported_on DESC, id DESC")?;
    let rows = stmt
        .query_map([], |r| {
            let s = Stored::new(r, "lex_sarah_reports", 0)?;
            Ok(LexSarahReport {
                reported_on: s.date(1)?,
                note: s.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
