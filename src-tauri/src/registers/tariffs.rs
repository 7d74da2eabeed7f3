//! Daily fees (dygnsavgift) per person and night: valid from a date, per category (adult or
//! child), with a discounted price for IOP municipalities and a standard price for others. A
//! tariff applies until the next one for the same category begins.

use crate::error::{Error, Result};
use crate::money::Money;
use crate::placements::Category;
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
    let existing: Option<(i64, i64)> = tx
        .query_row(
            "SELECT iop_ore, standard_ore FROM tariffs WHERE valid_from = ?1 AND category = ?2",
            params![t.valid_from.to_string(), t.category.as_str()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if existing == Some((t.iop.ore(), t.standard.ore())) {
        return Ok(false);
    }
    tx.execute(
        "INSERT INTO tariffs (valid_from, category, iop_ore, standard_ore) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (valid_from, category) DO UPDATE SET iop_ore = ?3, standard_ore = ?4",
        params![
            t.valid_from.to_string(),
            t.category.as_str(),
            t.iop.ore(),
            t.standard.ore()
        ],
    )?;
    Ok(true)
}

/// Every tariff, oldest first.
pub fn list(conn: &Connection) -> Result<Vec<Tariff>> {
    let mut stmt =
        conn.prepare("SELECT valid_from, category, iop_ore, standard_ore FROM tariffs ORDER BY valid_from, category")?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, i64>(3)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(from, cat, iop, std)| {
            Ok(Tariff {
                valid_from: NaiveDate::parse_from_str(&from, "%Y-%m-%d")
                    .map_err(|_| Error::new(crate::Code::DamagedDatabase, crate::msg!("error.tariffs.damaged_date")))?,
                category: Category::parse(&cat),
                iop: Money::from_ore(iop),
                standard: Money::from_ore(std),
            })
        })
        .collect()
}
