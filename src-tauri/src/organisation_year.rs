//! The organisation's year: what the verksamhetsberättelse says about the jour itself, entered by
//! a manager. Staff in full-time equivalents (kept in hundredths, so that 4,75 is exact),
//! volunteers and their hours, and the places of the shelter's IVO permit, against which the
//! number of people staying is checked. A year entered again is a new entry: the latest is the
//! year's, and nothing earlier is written over.

use crate::clock;
use crate::error::{Error, Result};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

/// A year's figures as a manager enters them.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YearInput {
    pub year: i32,
    /// Full-time equivalents as typed: `4`, `4,5`, `4.75` (at most two decimals).
    pub staff_fte: String,
    pub volunteers: u32,
    pub volunteer_hours: u32,
    /// The IVO permit's places; none when the shelter has no such permit recorded.
    #[serde(default)]
    pub ivo_places: Option<u32>,
}

/// A year's figures as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OrganisationYear {
    pub year: i32,
    pub staff_fte_hundredths: u32,
    pub volunteers: u32,
    pub volunteer_hours: u32,
    pub ivo_places: Option<u32>,
    pub recorded_at: DateTime<Utc>,
    pub actor: String,
}

impl OrganisationYear {
    /// The full-time equivalents as a number (for reports).
    pub fn staff_fte(&self) -> f64 {
        f64::from(self.staff_fte_hundredths) / 100.0
    }
}

/// `4`, `4,5`, `4.75` as hundredths; anything else (a third decimal, a sign, letters, more than
/// 1 000) refused naming `staff_fte`.
pub fn hundredths(text: &str) -> Result<u32> {
    let bad = || Error::invalid("staff_fte", crate::msg!("error.organisation_year.fte"));
    let text = text.trim().replace(',', ".");
    let (whole, part) = text.split_once('.').unwrap_or((&text, ""));
    if whole.is_empty() || part.len() > 2 || !(whole.bytes().chain(part.bytes())).all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let whole: u32 = whole.parse().map_err(|_| bad())?;
    let part: u32 = format!("{part:0<2}").parse().map_err(|_| bad())?;
    if whole > 1000 {
        return Err(bad());
    }
    Ok(whole * 100 + part)
}

/// Records a year's figures as a new entry.
pub fn record(tx: &Transaction, input: &YearInput, now: DateTime<Utc>, actor: &str) -> Result<OrganisationYear> {
    crate::statistics::Span::year(input.year)?;
    let staff = hundredths(&input.staff_fte)?;
    if input.volunteers > 10_000 {
        return Err(Error::invalid(
            "volunteers",
            crate::msg!("error.organisation_year.too_many"),
        ));
    }
    if input.volunteer_hours > 1_000_000 {
        return Err(Error::invalid(
            "volunteer_hours",
            crate::msg!("error.organisation_year.too_many"),
        ));
    }
    if input.ivo_places.is_some_and(|p| p == 0 || p > 1000) {
        return Err(Error::invalid(
            "ivo_places",
            crate::msg!("error.organisation_year.places"),
        ));
    }
    tx.execute(
        "INSERT INTO organisation_years (year, staff_fte_hundredths, volunteers, volunteer_hours, ivo_places,
             recorded_at, actor) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            input.year,
            staff,
            input.volunteers,
            input.volunteer_hours,
            input.ivo_places,
            clock::to_stored(now),
            actor
        ],
    )?;
    Ok(OrganisationYear {
        year: input.year,
        staff_fte_hundredths: staff,
        volunteers: input.volunteers,
        volunteer_hours: input.volunteer_hours,
        ivo_places: input.ivo_places,
        recorded_at: now,
        actor: actor.to_owned(),
    })
}

const SELECT: &str =
    "SELECT id, year, staff_fte_hundredths, volunteers, volunteer_hours, ivo_places, recorded_at, actor
                      FROM organisation_years";

fn row(r: &rusqlite::Row) -> rusqlite::Result<OrganisationYear> {
    let s = crate::store::columns::Stored::new(r, "organisation_years", 0)?;
    Ok(OrganisationYear {
        year: s.get(1)?,
        staff_fte_hundredths: s.get(2)?,
        volunteers: s.get(3)?,
        volunteer_hours: s.get(4)?,
        ivo_places: s.get(5)?,
        recorded_at: s.time(6)?,
        actor: s.get(7)?,
    })
}

/// The year's figures: its latest entry.
pub fn of(conn: &Connection, year: i32) -> Result<Option<OrganisationYear>> {
    Ok(conn
        .query_row(
            &format!("{SELECT} WHERE year = ?1 ORDER BY id DESC LIMIT 1"),
            [year],
            row,
        )
        .optional()?)
}

/// The permit's places in force in `year`: those of the latest year up to it that has them.
pub fn ivo_places(conn: &Connection, year: i32) -> Result<Option<u32>> {
    Ok(conn
        .query_row(
            "SELECT ivo_places FROM organisation_years WHERE year <= ?1 AND ivo_places IS NOT NULL
             ORDER BY year DESC, id DESC LIMIT 1",
            [year],
            |r| r.get(0),
        )
        .optional()?)
}

/// More people staying now than the permit's places in force this year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct OverPermit {
    pub present: u32,
    pub places: u32,
}

/// Whether more people (adults and children) of `ongoing` (the placements someone stays in)
/// stay at `now` than the permit allows.
pub fn over_permit(
    conn: &Connection,
    ongoing: &[crate::placements::Placement],
    now: DateTime<Utc>,
) -> Result<Option<OverPermit>> {
    use chrono::Datelike;
    let Some(places) = ivo_places(conn, clock::swedish_date(now).year())? else {
        return Ok(None);
    };
    let present = ongoing
        .iter()
        .flat_map(|p| &p.stays)
        .filter(|s| s.present_at(now))
        .count() as u32;
    Ok((present > places).then_some(OverPermit { present, places }))
}

/// Every entry of every year, newest year first and each year's latest first: the history.
pub fn history(conn: &Connection) -> Result<Vec<OrganisationYear>> {
    let mut stmt = conn.prepare(&format!("{SELECT} ORDER BY year DESC, id DESC"))?;
    let rows = stmt.query_map([], row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::DbKey;
    use crate::store::Store;

    #[test]
    fn full_time_equivalents_are_exact_hundredths_or_refused() {
        for (text, n) in [("4", 400), ("4,5", 450), ("4.75", 475), (" 0,05 ", 5), ("12,", 1200)] {
            assert_eq!(hundredths(text).unwrap(), n, "{text}");
        }
        for text in ["", "-1", "4,755", "fyra", "1,2,3", "1001", ",5"] {
            assert_eq!(
                hundredths(text).unwrap_err().field.as_deref(),
                Some("staff_fte"),
                "{text}"
            );
        }
    }

    /// A year entered twice keeps both entries; the latest is the year's. The permit's places
    /// carry on into later years until a year records others.
    #[test]
    fn a_year_entered_again_is_a_new_entry_and_the_places_carry_on() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::create(&dir.path().join("t.db"), &DbKey::generate().unwrap()).unwrap();
        let now = clock::parse_time("2026-01-10T10:00").unwrap();
        let input = |year, fte: &str, places| YearInput {
            year,
            staff_fte: fte.into(),
            volunteers: 12,
            volunteer_hours: 800,
            ivo_places: places,
        };
        store
            .write(|tx| record(tx, &input(2025, "4,5", Some(8)), now, "chef"))
            .unwrap();
        store
            .write(|tx| record(tx, &input(2025, "4,75", Some(8)), now, "chef"))
            .unwrap();
        store
            .write(|tx| record(tx, &input(2026, "5", None), now, "chef"))
            .unwrap();
        assert_eq!(of(store.conn(), 2025).unwrap().unwrap().staff_fte_hundredths, 475);
        assert_eq!(history(store.conn()).unwrap().len(), 3);
        assert_eq!(ivo_places(store.conn(), 2026).unwrap(), Some(8));
        assert_eq!(ivo_places(store.conn(), 2024).unwrap(), None);
        let refused = store.write(|tx| record(tx, &input(2025, "4", Some(0)), now, "chef"));
        assert_eq!(refused.unwrap_err().field.as_deref(), Some("ivo_places"));
        assert_eq!(history(store.conn()).unwrap().len(), 3);
    }
}
