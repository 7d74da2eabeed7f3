//! People who stay at the shelter: one identity per person across every placement, under a
//! pseudonymous key. Staff know a person by a first name or initials; a birth year or date is
//! kept for age groups; a personnummer or samordningsnummer is optional, checked, and encrypted
//! like everything else. None of it ever appears on an invoice or in a report.

use crate::error::{Error, Result};
use crate::luhn;
use crate::msg;
use crate::records;
use crate::store::columns::Stored;
use crate::text::Message;
use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

/// A checked Swedish personal identity number or coordination number, kept as `YYYYMMDD-NNNN`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonalNumber {
    text: String,
    birth_date: NaiveDate,
}

impl PersonalNumber {
    /// Accepts `YYYYMMDD-NNNN`, `YYYYMMDDNNNN`, `YYMMDD-NNNN` and `YYMMDD+NNNN` (the `+` for
    /// people 100 or older). A samordningsnummer has 60 added to the day. `today` settles the
    /// century of a ten-digit number.
    pub fn parse(text: &str, today: NaiveDate) -> Result<PersonalNumber, Message> {
        let t = text.trim();
        let hundred_plus = t.contains('+');
        let digits: String = t.chars().filter(|c| !matches!(c, '-' | '+' | ' ')).collect();
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(msg!("error.people.pnr_characters"));
        }
        let full = match digits.len() {
            12 => digits,
            10 => {
                let yy: i32 = digits[..2].parse().expect("digits");
                let mut year = today.year() - (today.year() - yy).rem_euclid(100);
                if hundred_plus {
                    year -= 100;
                }
                format!("{year:04}{}", &digits[2..])
            }
            _ => return Err(msg!("error.people.pnr_length")),
        };
        if !luhn::is_valid(&full[2..]) {
            return Err(msg!("error.people.pnr_check_digit"));
        }
        let year: i32 = full[..4].parse().expect("digits");
        let month: u32 = full[4..6].parse().expect("digits");
        let mut day: u32 = full[6..8].parse().expect("digits");
        if day > 60 {
            day -= 60; // samordningsnummer
        }
        let birth_date = NaiveDate::from_ymd_opt(year, month, day)
            .filter(|d| *d <= today)
            .ok_or_else(|| msg!("error.people.pnr_birth_date"))?;
        Ok(PersonalNumber {
            text: format!("{}-{}", &full[..8], &full[8..]),
            birth_date,
        })
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn birth_date(&self) -> NaiveDate {
        self.birth_date
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// The pseudonymous key that follows the person across placements.
    pub key: String,
    /// What staff call the person: a first name or initials.
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_year: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<NaiveDate>,
    /// Personnummer or samordningsnummer, `YYYYMMDD-NNNN`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personal_number: Option<String>,
    /// Skyddad identitet (sekretessmarkering or skyddad folkbokföring).
    #[serde(default)]
    pub protected_identity: bool,
    #[serde(default, skip_serializing_if = "Gender::not_given")]
    pub gender: Gender,
}

crate::placements::kinds::kind! {
    /// A person's gender as the jour records it: for an adult `kvinna`, `man`, `transperson`,
    /// `annan`; for a child `flicka`, `pojke`, `annan`; or not given.
    Gender {
        Woman = "kvinna";
        Man = "man";
        Trans = "transperson";
        Girl = "flicka";
        Boy = "pojke";
        Other = "annan";
        NotGiven = "ej_angivet";
    } default NotGiven
}

impl Gender {
    fn not_given(&self) -> bool {
        *self == Gender::NotGiven
    }

    /// How an adult's figures count it (a girl's value kept from her childhood is a woman's).
    pub fn as_adult(self) -> Gender {
        match self {
            Gender::Girl => Gender::Woman,
            Gender::Boy => Gender::Man,
            g => g,
        }
    }

    /// How a child's figures count it.
    pub fn as_child(self) -> Gender {
        match self {
            Gender::Woman => Gender::Girl,
            Gender::Man => Gender::Boy,
            Gender::Trans => Gender::Other,
            g => g,
        }
    }
}

/// What a list of people may show of a protected person (skyddad identitet) to whoever reads it.
/// Lists are what anyone passing the screen sees at a glance; a protected person's own page and
/// her placement's still name her for the staff who work with her.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Names {
    /// Every name: for those who may change protected identity (managers and administrators).
    All,
    /// A protected person's name, birth date and personnummer left out.
    ProtectedHidden,
}

impl Names {
    pub fn for_account(who: &crate::accounts::Account) -> Names {
        if crate::permissions::authorize("see_protected_names", Some(who)).is_ok() {
            Names::All
        } else {
            Names::ProtectedHidden
        }
    }

    /// `name` as the list shows it: empty when it is hidden (the list shows a word for it).
    pub fn name(self, name: String, protected_identity: bool) -> String {
        if self == Names::ProtectedHidden && protected_identity {
            String::new()
        } else {
            name
        }
    }
}

impl Person {
    /// The person as a list shows her under `names`.
    pub fn listed(mut self, names: Names) -> Person {
        if names == Names::ProtectedHidden && self.protected_identity {
            self.name.clear();
            self.birth_date = None;
            self.personal_number = None;
        }
        self
    }

    /// Checks the fields against each other; fills the birth date and year from the personnummer.
    pub fn validated(&self, today: NaiveDate) -> Result<Person> {
        let key = records::check_key("key", &self.key)?;
        let name = records::required("name", crate::msg!("label.people.name"), &self.name, 60)?;
        let pnr = match self.personal_number.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(t) => Some(PersonalNumber::parse(t, today).map_err(|m| Error::invalid("personal_number", m))?),
            None => None,
        };
        let mut birth_date = self.birth_date;
        if let Some(p) = &pnr {
            if birth_date.is_some_and(|d| d != p.birth_date()) {
                return Err(Error::invalid("birth_date", msg!("error.people.birth_date_vs_pnr")));
            }
            birth_date = Some(p.birth_date());
        }
        if let Some(d) = birth_date {
            if d > today || d.year() < 1900 {
                return Err(Error::invalid("birth_date", msg!("error.people.birth_date_unlikely")));
            }
            if self.birth_year.is_some_and(|y| y != d.year()) {
                return Err(Error::invalid("birth_year", msg!("error.people.birth_year_vs_date")));
            }
        }
        let birth_year = birth_date.map(|d| d.year()).or(self.birth_year);
        if birth_year.is_some_and(|y| y < 1900 || y > today.year()) {
            return Err(Error::invalid(
                "birth_year",
                msg!("error.people.birth_year_range", last = today.year()),
            ));
        }
        Ok(Person {
            key,
            name,
            birth_year,
            birth_date,
            personal_number: pnr.map(|p| p.as_str().to_owned()),
            protected_identity: self.protected_identity,
            gender: self.gender,
        })
    }

    /// Age in whole years on `day`; from the year alone when the date is not known (then it may
    /// be one year too high before the birthday).
    pub fn age_on(&self, day: NaiveDate) -> Option<i32> {
        match (self.birth_date, self.birth_year) {
            (Some(b), _) => Some(day.year() - b.year() - i32::from((day.month(), day.day()) < (b.month(), b.day()))),
            (None, Some(y)) => Some(day.year() - y),
            (None, None) => None,
        }
    }

    /// Whether the person is certainly under 18 on `day`, whatever the unknown birthday.
    pub fn certainly_under_18_on(&self, day: NaiveDate) -> bool {
        match (self.birth_date, self.birth_year) {
            (Some(_), _) => self.age_on(day).is_some_and(|a| a < 18),
            (None, Some(y)) => day.year() - y < 18,
            (None, None) => false,
        }
    }
}

/// Adds or updates a person by key. Returns the id and whether anything changed. A person whose
/// personnummer is already recorded under another key is the same person: that is refused
/// rather than duplicated.
pub fn save(tx: &Transaction, person: &Person, today: NaiveDate) -> Result<(i64, bool)> {
    let p = checked(tx, person, today)?;
    if let Some((id, existing)) = by_key(tx, &p.key)? {
        if existing == p {
            return Ok((id, false));
        }
        tx.execute(
            "UPDATE people SET name = ?2, birth_year = ?3, birth_date = ?4, personal_number = ?5, protected_identity = ?6,
                 gender = ?7
             WHERE id = ?1",
            params![
                id,
                p.name,
                p.birth_year,
                p.birth_date.map(|d| d.to_string()),
                p.personal_number,
                p.protected_identity,
                p.gender.as_str()
            ],
        )?;
        return Ok((id, true));
    }
    tx.execute(
        "INSERT INTO people (key, name, birth_year, birth_date, personal_number, protected_identity, gender)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            p.key,
            p.name,
            p.birth_year,
            p.birth_date.map(|d| d.to_string()),
            p.personal_number,
            p.protected_identity,
            p.gender.as_str()
        ],
    )?;
    Ok((tx.last_insert_rowid(), true))
}

/// The person as `save` would keep it, checked against itself and against the store (a
/// personnummer is one person's), without writing anything.
pub fn checked(conn: &Connection, person: &Person, today: NaiveDate) -> Result<Person> {
    let p = person.validated(today)?;
    if let Some(pnr) = &p.personal_number {
        let other: Option<String> = conn
            .query_row(
                "SELECT key FROM people WHERE personal_number = ?1 AND key <> ?2",
                params![pnr, p.key],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(other) = other {
            return Err(Error::invalid(
                "personal_number",
                msg!("error.people.pnr_taken", key = other),
            ));
        }
    }
    Ok(p)
}

const COLUMNS: &str = "id, key, name, birth_year, birth_date, personal_number, protected_identity, gender";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<(i64, Person)> {
    let s = Stored::new(r, "people", 0)?;
    Ok((
        s.get(0)?,
        Person {
            key: s.get(1)?,
            name: s.get(2)?,
            birth_year: s.get(3)?,
            birth_date: s.date_opt(4)?,
            personal_number: s.get(5)?,
            protected_identity: s.get(6)?,
            gender: s.get(7)?,
        },
    ))
}

pub fn by_key(conn: &Connection, key: &str) -> Result<Option<(i64, Person)>> {
    Ok(conn
        .query_row(&format!("SELECT {COLUMNS} FROM people WHERE key = ?1"), [key], from_row)
        .optional()?)
}

pub fn by_id(conn: &Connection, id: i64) -> Result<Person> {
    Ok(conn
        .query_row(&format!("SELECT {COLUMNS} FROM people WHERE id = ?1"), [id], from_row)?
        .1)
}

pub fn by_personal_number(conn: &Connection, pnr: &str) -> Result<Option<(i64, Person)>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM people WHERE personal_number = ?1"),
            [pnr],
            from_row,
        )
        .optional()?)
}

pub fn id_of(conn: &Connection, field: &str, key: &str) -> Result<i64> {
    by_key(conn, key)?
        .map(|(id, _)| id)
        .ok_or_else(|| Error::invalid(field, msg!("error.people.not_found")))
}

pub fn list(conn: &Connection) -> Result<Vec<Person>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM people ORDER BY name COLLATE NOCASE, key"
    ))?;
    let rows = stmt.query_map([], from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows.into_iter().map(|(_, p)| p).collect())
}

/// The people with these keys (those that exist), in no particular order: one query however
/// many, for a report that needs the people of a year and not of every year.
pub fn by_keys(conn: &Connection, keys: &[&str]) -> Result<Vec<Person>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM people WHERE key IN (SELECT value FROM json_each(?1))"
    ))?;
    let keys = serde_json::to_string(keys).expect("strings serialise");
    let rows = stmt
        .query_map([keys], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows.into_iter().map(|(_, p)| p).collect())
}

/// People whose name, key, birth year or personnummer matches `query`: for finding a returning
/// person at intake instead of recording her again.
/// The people a search finds, as a list shows them under `names`. Whoever may not see a
/// protected person's name finds her only by her key: neither her name nor her personnummer
/// tells such a search that she is here.
pub fn search_listed(conn: &Connection, query: &str, today: NaiveDate, names: Names) -> Result<Vec<Person>> {
    let found = if query.trim().is_empty() {
        list(conn)?
    } else {
        search(conn, query, today)?
    };
    Ok(found
        .into_iter()
        .filter(|p| {
            names == Names::All
                || !p.protected_identity
                || query.trim().is_empty()
                || p.key.eq_ignore_ascii_case(query.trim())
        })
        .map(|p| p.listed(names))
        .collect())
}

pub fn search(conn: &Connection, query: &str, today: NaiveDate) -> Result<Vec<Person>> {
    let q = query.trim();
    if q.is_empty() {
        return Ok(Vec::new());
    }
    // A full personnummer finds exactly that person, however it was typed.
    if let Ok(pnr) = PersonalNumber::parse(q, today) {
        return Ok(by_personal_number(conn, pnr.as_str())?
            .map(|(_, p)| vec![p])
            .unwrap_or_default());
    }
    let like = format!("%{}%", q.replace(['%', '_'], ""));
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM people
         WHERE name LIKE ?1 OR key LIKE ?1 OR CAST(birth_year AS TEXT) = ?2 OR personal_number LIKE ?1
         ORDER BY name COLLATE NOCASE LIMIT 20"
    ))?;
    let rows = stmt
        .query_map(params![like, q], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows.into_iter().map(|(_, p)| p).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    const TODAY: (i32, u32, u32) = (2026, 11, 28);

    fn today() -> NaiveDate {
        d(TODAY.0, TODAY.1, TODAY.2)
    }

    #[test]
    fn personal_numbers_in_every_form_and_the_century() {
        // Skatteverket's test numbers are synthetic: no real person.
        let p = PersonalNumber::parse("19900101-0017", today()).unwrap();
        assert_eq!(p.as_str(), "19900101-0017");
        assert_eq!(p.birth_date(), d(1990, 1, 1));
        assert_eq!(
            PersonalNumber::parse("900101-0017", today()).unwrap().as_str(),
            "19900101-0017"
        );
        assert_eq!(
            PersonalNumber::parse("199001010017", today()).unwrap().as_str(),
            "19900101-0017"
        );
        // Ten digits: within the last hundred years; with a plus, a hundred years earlier.
        let recent = PersonalNumber::parse("190101-0007", today()).unwrap();
        assert_eq!(recent.birth_date(), d(2019, 1, 1));
        let old = PersonalNumber::parse("190101+0007", today()).unwrap();
        assert_eq!(old.birth_date(), d(1919, 1, 1));
    }

    #[test]
    fn a_samordningsnummer_has_sixty_added_to_the_day() {
        let body = "9001610001"; // 1990-01-01 as a samordningsnummer; check digit computed below
        let full = format!("19{}{}", &body[..9], luhn::check_digit(&body[..9]));
        let p = PersonalNumber::parse(&full, today()).unwrap();
        assert_eq!(p.birth_date(), d(1990, 1, 1));
    }

    #[test]
    fn bad_personal_numbers_are_refused_with_the_reason() {
        assert!(
            PersonalNumber::parse("19900101-0018", today())
                .unwrap_err()
                .render(crate::text::Lang::Sv)
                .contains("kontrollsiffran")
        );
        assert!(
            PersonalNumber::parse("19901301-0005", today())
                .unwrap_err()
                .render(crate::text::Lang::Sv)
                .contains("födelsedatum")
        );
        assert!(
            PersonalNumber::parse("1990-01-01", today())
                .unwrap_err()
                .render(crate::text::Lang::Sv)
                .contains("tio eller tolv")
        );
        assert!(
            PersonalNumber::parse("1990010A0017", today())
                .unwrap_err()
                .render(crate::text::Lang::Sv)
                .contains("siffror")
        );
    }

    #[test]
    fn the_personnummer_settles_the_birth_date_and_must_agree_with_what_else_is_given() {
        let person = |year: Option<i32>, pnr: &str| Person {
            key: "W1".into(),
            name: "Testperson".into(),
            birth_year: year,
            birth_date: None,
            personal_number: Some(pnr.into()),
            protected_identity: false,
            gender: Gender::NotGiven,
        };
        let ok = person(None, "199001010017").validated(today()).unwrap();
        assert_eq!((ok.birth_year, ok.birth_date), (Some(1990), Some(d(1990, 1, 1))));
        let err = person(Some(1991), "199001010017").validated(today()).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("birth_year"));
    }

    #[test]
    fn age_is_counted_from_the_date_when_known() {
        let mut p = Person {
            key: "C1".into(),
            name: "Barn".into(),
            birth_year: Some(2008),
            birth_date: Some(d(2008, 6, 1)),
            personal_number: None,
            protected_identity: false,
            gender: Gender::NotGiven,
        };
        assert_eq!(p.age_on(d(2026, 5, 31)), Some(17));
        assert_eq!(p.age_on(d(2026, 6, 1)), Some(18));
        assert!(p.certainly_under_18_on(d(2026, 5, 31)));
        p.birth_date = None;
        assert!(!p.certainly_under_18_on(d(2026, 5, 31)), "by year alone she may be 18");
        assert!(p.certainly_under_18_on(d(2025, 12, 31)));
    }
}
