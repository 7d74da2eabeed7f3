//! Orosanmälningar: reports of concern for a child to social services (14 kap. 1 § SoL), logged
//! per child with the date, to whom and how. Counted for the kvalitetsbilaga.

use crate::error::{Error, Result};
use crate::people;
use crate::placements::Category;
use crate::placements::views::load;
use crate::records;
use crate::store::columns::{Stored, stored_as_text};
use chrono::NaiveDate;
use rusqlite::{Connection, Transaction, params};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    Telefon,
    Skriftligt,
    Digitalt,
    Muntligt,
}

impl Method {
    fn as_str(self) -> &'static str {
        match self {
            Method::Telefon => "telefon",
            Method::Skriftligt => "skriftligt",
            Method::Digitalt => "digitalt",
            Method::Muntligt => "muntligt",
        }
    }

    fn from_id(s: &str) -> Option<Method> {
        [Method::Telefon, Method::Skriftligt, Method::Digitalt, Method::Muntligt]
            .into_iter()
            .find(|m| m.as_str() == s)
    }
}

stored_as_text!(Method);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConcernReport {
    /// The child.
    pub person: String,
    #[serde(default)]
    pub placement: Option<String>,
    pub reported_on: NaiveDate,
    /// To whom, e.g. "Socialtjänsten i Borås".
    pub recipient: String,
    pub method: Method,
    pub author: String,
}

/// Logs a report; refused for someone who has never stayed here as a child, or in the future.
/// An identical report already logged is not logged twice. Returns whether it was added.
pub fn add(tx: &Transaction, r: &ConcernReport, today: NaiveDate) -> Result<bool> {
    // Looked up by the index of migration 17, not by reading every report of the child (which
    // made an import of many reports on one child quadratic, issue 19, case 8).
    let same: bool = tx
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM concern_reports c JOIN people pe ON pe.id = c.person_id
                 LEFT JOIN placements p ON p.id = c.placement_id
             WHERE pe.key = ?1 AND c.reported_on = ?2 AND c.recipient = ?3 AND c.method = ?4 AND c.author = ?5
                 AND p.key IS ?6)",
        )?
        .query_row(
            params![
                r.person,
                r.reported_on.to_string(),
                r.recipient.trim(),
                r.method.as_str(),
                r.author.trim(),
                r.placement
            ],
            |row| row.get(0),
        )?;
    if same {
        return Ok(false);
    }
    let person_id = people::id_of(tx, "person", &r.person)?;
    let was_child: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM stays WHERE person_id = ?1 AND category = ?2)",
        params![person_id, Category::Child.as_str()],
        |row| row.get(0),
    )?;
    if !was_child {
        return Err(Error::invalid("person", crate::msg!("error.concerns.not_a_child")));
    }
    if r.reported_on > today {
        return Err(Error::invalid("reported_on", crate::msg!("error.care.date_in_future")));
    }
    let placement_id = match r.placement.as_deref().filter(|s| !s.is_empty()) {
        Some(k) => Some(
            load(tx, k)?
                .map(|(id, _)| id)
                .ok_or_else(|| Error::invalid("placement", crate::msg!("error.care.no_such_placement")))?,
        ),
        None => None,
    };
    let recipient = records::required("recipient", crate::msg!("label.concerns.recipient"), &r.recipient, 120)?;
    let author = records::required("author", crate::msg!("label.concerns.author"), &r.author, 40)?;
    tx.execute(
        "INSERT INTO concern_reports (person_id, placement_id, reported_on, recipient, method, author)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            person_id,
            placement_id,
            r.reported_on.to_string(),
            recipient,
            r.method.as_str(),
            author
        ],
    )?;
    Ok(true)
}

fn list_where(conn: &Connection, filter: &str, arg: &str) -> Result<Vec<ConcernReport>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT c.id, pe.key, p.key, c.reported_on, c.recipient, c.method, c.author
         FROM concern_reports c JOIN people pe ON pe.id = c.person_id LEFT JOIN placements p ON p.id = c.placement_id
         {filter} ORDER BY c.reported_on, c.id"
    ))?;
    let rows = stmt
        .query_map([arg], |r| {
            let s = Stored::new(r, "concern_reports", 0)?;
            Ok(ConcernReport {
                person: s.get(1)?,
                placement: s.get(2)?,
                reported_on: s.date(3)?,
                recipient: s.get(4)?,
                method: s.get(5)?,
                author: s.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn all(conn: &Connection) -> Result<Vec<ConcernReport>> {
    list_where(conn, "WHERE ?1 = ?1", "")
}

pub fn for_placement(conn: &Connection, key: &str) -> Result<Vec<ConcernReport>> {
    list_where(
        conn,
        "WHERE p.key = ?1 OR c.person_id IN (SELECT s.person_id FROM stays s JOIN placements sp ON sp.id = s.placement_id WHERE sp.key = ?1)",
        key,
    )
}
