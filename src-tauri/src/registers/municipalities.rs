//! Municipalities that place people with the shelter, and pay for it: the buyer on invoices.
//! The price class decides the daily fee (discounted for an IOP municipality), and the acute
//! clause decides whether an acute placement's first two nights are covered by the service fee.

use crate::error::{Code, Error, Result};
use crate::organisation::OrgNumber;
use crate::records;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PriceClass {
    /// IOP or verksamhetsbidrag: the discounted daily fee.
    Iop,
    Standard,
}

impl PriceClass {
    fn as_str(self) -> &'static str {
        match self {
            PriceClass::Iop => "iop",
            PriceClass::Standard => "standard",
        }
    }

    fn parse(s: &str) -> PriceClass {
        if s == "iop" {
            PriceClass::Iop
        } else {
            PriceClass::Standard
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Municipality {
    pub key: String,
    pub name: String,
    pub org_number: String,
    #[serde(default)]
    pub address: String,
    /// The e-invoice address, e.g. `0007:2120001561`.
    #[serde(default)]
    pub peppol_id: String,
    pub price_class: PriceClass,
    /// The IOP acute clause: an acute placement's first two nights are not charged.
    pub acute_clause: bool,
    /// The buyer's reference on every invoice (Borås Stad's "YY-kod").
    #[serde(default)]
    pub buyer_reference: String,
}

impl Municipality {
    /// Checks the fields; returns the record as it will be stored.
    pub fn validated(&self) -> Result<Municipality> {
        let org = OrgNumber::parse(&self.org_number).map_err(|m| Error::invalid("org_number", m))?;
        let peppol_id = self.peppol_id.trim().to_owned();
        if !peppol_id.is_empty() {
            let ok = peppol_id.split_once(':').is_some_and(|(scheme, id)| {
                scheme.len() == 4 && scheme.bytes().all(|b| b.is_ascii_digit()) && !id.is_empty() && !id.contains(' ')
            });
            if !ok {
                return Err(Error::invalid(
                    "peppol_id",
                    crate::msg!("error.municipalities.peppol_id"),
                ));
            }
        }
        Ok(Municipality {
            key: records::check_key("key", &self.key)?,
            name: records::required("name", crate::msg!("label.municipalities.name"), &self.name, 120)?,
            org_number: org.as_str().to_owned(),
            address: records::optional(
                "address",
                crate::msg!("label.municipalities.address"),
                &self.address,
                300,
            )?,
            peppol_id,
            price_class: self.price_class,
            acute_clause: self.acute_clause,
            buyer_reference: records::optional(
                "buyer_reference",
                crate::msg!("label.municipalities.buyer_reference"),
                &self.buyer_reference,
                80,
            )?,
        })
    }
}

/// Adds or updates a municipality by its key. Returns whether anything changed.
pub fn save(tx: &Transaction, m: &Municipality) -> Result<bool> {
    let m = m.validated()?;
    if by_key(tx, &m.key)?.map(|(_, existing)| existing) == Some(m.clone()) {
        return Ok(false);
    }
    tx.execute(
        "INSERT INTO municipalities (key, name, org_number, address, peppol_id, price_class, acute_clause, buyer_reference)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (key) DO UPDATE SET name = ?2, org_number = ?3, address = ?4, peppol_id = ?5,
             price_class = ?6, acute_clause = ?7, buyer_reference = ?8",
        params![m.key, m.name, m.org_number, m.address, m.peppol_id, m.price_class.as_str(), m.acute_clause, m.buyer_reference],
    )?;
    Ok(true)
}

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<(i64, Municipality)> {
    Ok((
        r.get(0)?,
        Municipality {
            key: r.get(1)?,
            name: r.get(2)?,
            org_number: r.get(3)?,
            address: r.get(4)?,
            peppol_id: r.get(5)?,
            price_class: PriceClass::parse(&r.get::<_, String>(6)?),
            acute_clause: r.get(7)?,
            buyer_reference: r.get(8)?,
        },
    ))
}

const COLUMNS: &str = "id, key, name, org_number, address, peppol_id, price_class, acute_clause, buyer_reference";

pub fn by_key(conn: &Connection, key: &str) -> Result<Option<(i64, Municipality)>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM municipalities WHERE key = ?1"),
            [key],
            from_row,
        )
        .optional()?)
}

pub fn by_id(conn: &Connection, id: i64) -> Result<Municipality> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM municipalities WHERE id = ?1"),
            [id],
            from_row,
        )?
        .1)
}

/// The id of the municipality with `key`, or a message naming the unknown key.
pub fn id_of(conn: &Connection, field: &str, key: &str) -> Result<i64> {
    by_key(conn, key)?
        .map(|(id, _)| id)
        .ok_or_else(|| Error::invalid(field, crate::msg!("error.municipalities.unknown_key", key = key)))
}

pub fn list(conn: &Connection) -> Result<Vec<Municipality>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM municipalities ORDER BY name COLLATE NOCASE"
    ))?;
    let rows = stmt.query_map([], from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows.into_iter().map(|(_, m)| m).collect())
}

pub fn not_found(key: &str) -> Error {
    Error::new(Code::NotFound, crate::msg!("error.municipalities.not_found", key = key))
}
