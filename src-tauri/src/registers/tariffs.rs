//! Daily fees (dygnsavgift) per person and night: valid from a date, per category (adult or
//! child), with a discounted price for IOP municipalities and a standard price for others. A
//! tariff applies until the next one for the same category begins.

use crate::error::{Error, Result};
use crate::money::Money;
use crate::placements::Category;
use crate::store::columns::Stored;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tariff {
    pub valid_from: NaiveDate,
    pub category: Category,
    /// Per night for a municipality with IOP or verksamhetsbidrag.
    pub iop: Money,
    /// Per night for every other municipality.
    pub standard: Money,
}

/// Adds or replaces the tariff for (valid_from, category). Returns whether anything changed.
pub fn save(tx: &Transaction, t: &Tariff) -> Result<bool> {
    if t.iop < Money::ZERO || t.standard < Money::ZERO {
        return Err(Error::invalid("iop", crate::msg!("error.tariffs.negative")));
    }
    let existing: Option<(Money, Money)> = tx
        .query_row(
            "SELECT id, iop_ore, standard_ore FROM tariffs WHERE valid_from = ?1 AND category = ?2",
            params![t.valid_from.to_string(), t.category],
            |r| {
                let s = Stored::new(r, "tariffs", 0)?;
                Ok((s.get(1)?, s.get(2)?))
            },
        )
        .optional()?;
    if existing == Some((t.iop, t.standard)) {
        return Ok(false);
    }
    tx.execute(
        "INSERT INTO tariffs (valid_from, category, iop_ore, standard_ore) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (valid_from, category) DO UPDATE SET iop_ore = ?3, standard_ore = ?4",
        params![t.valid_from.to_string(), t.category, t.iop, t.standard],
    )?;
    Ok(true)
}

/// Every tariff, oldest first.
pub fn list(conn: &Connection) -> Result<Vec<Tariff>> {
    let mut stmt = conn
        .prepare("SELECT id, valid_from, category, iop_ore, standard_ore FROM tariffs ORDER BY valid_from, category")?;
    let rows = stmt
        .query_map([], |r| {
            let s = Stored::new(r, "tariffs", 0)?;
            Ok(Tariff {
                valid_from: s.date(1)?,
                category: s.get(2)?,
                iop: s.get(3)?,
                standard: s.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
