//! Municipalities that place people with the shelter, and pay for it: the buyer on invoices.
//! The price class decides the daily fee (discounted for an IOP municipality), and the acute
//! clause decides whether an acute placement's first two nights are covered by the service fee.

use crate::error::{Error, Result};
use crate::organisation::OrgNumber;
use crate::records;
use crate::store::columns::Stored;
use crate::terms;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

pub use crate::terms::PriceClass;

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
    /// The price class as last decided (a change is dated: see `billing::terms`).
    pub price_class: PriceClass,
    /// The IOP acute clause, as last decided: an acute placement's first two nights are not charged.
    pub acute_clause: bool,
    /// The buyer's reference on every invoice (Borås Stad's "YY-kod").
    #[serde(default)]
    pub buyer_reference: String,
    /// In an import: the date a change of price class or acute clause applies from (by default
    /// the first night not yet invoiced to the municipality). Never exported.
    #[serde(default, skip_serializing)]
    pub terms_from: Option<NaiveDate>,
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
            terms_from: self.terms_from,
        })
    }
}

/// How a save treats the municipality's terms (price class, acute clause).
#[derive(Debug, Clone, Default)]
pub struct TermsChange {
    /// From when a change applies: by default the first night not yet invoiced to it.
    pub from: Option<NaiveDate>,
    /// Why, kept with the change.
    pub reason: String,
    /// A date before the first night not yet invoiced re-prices invoiced nights: only when asked.
    pub reprice: bool,
    /// The terms are not recorded at all (an import whose `term_changes` carry them).
    pub skip: bool,
}

/// Adds or updates a municipality by its key. A new one's terms apply from the start; a change
/// of an existing one's terms is recorded from a date (see [`TermsChange`]), never in place.
/// Returns whether anything changed.
pub fn save(tx: &Transaction, m: &Municipality, terms: &TermsChange, actor: &str, now: DateTime<Utc>) -> Result<bool> {
    let m = m.validated()?;
    let existing = by_key(tx, &m.key)?;
    let details_changed = existing.as_ref().is_none_or(|(_, e)| {
        (&e.name, &e.org_number, &e.address, &e.peppol_id, &e.buyer_reference)
            != (&m.name, &m.org_number, &m.address, &m.peppol_id, &m.buyer_reference)
    });
    if details_changed {
        tx.execute(
            "INSERT INTO municipalities (key, name, org_number, address, peppol_id, buyer_reference)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (key) DO UPDATE SET name = ?2, org_number = ?3, address = ?4, peppol_id = ?5,
                 buyer_reference = ?6",
            params![m.key, m.name, m.org_number, m.address, m.peppol_id, m.buyer_reference],
        )?;
    }
    if terms.skip {
        return Ok(details_changed);
    }
    let id = id_of(tx, "key", &m.key)?;
    // A new municipality's terms, or the first of one added by name alone at an intake.
    let first = existing.is_none() || !terms::recorded_for(tx, id)?;
    let change = terms::Changing {
        price_class: Some(m.price_class),
        acute_clause: Some(m.acute_clause),
        from: if first {
            Some(terms::beginning())
        } else {
            terms.from.or(m.terms_from)
        },
        reason: if first {
            crate::msg!("label.municipalities.first_terms").render(crate::text::Lang::Sv)
        } else {
            terms.reason.clone()
        },
        reprice: terms.reprice || first,
        ..terms::Changing::default()
    };
    let terms_changed = terms::change_municipality(tx, id, &change, actor, now)?;
    Ok(details_changed || terms_changed)
}

/// Adds a municipality by its name alone, as staff may at an intake in the night (a woman may be
/// placed by a municipality the shelter never had). It is incomplete until a manager saves its
/// details in the register; nothing is invoiced to it before (`billing::requirements`). Its key
/// is made from its name.
pub fn add_incomplete(tx: &Transaction, name: &str) -> Result<Municipality> {
    let name = records::required("new_municipality", crate::msg!("label.municipalities.name"), name, 120)?;
    let stem: String = name
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'å' | 'ä' | 'á' | 'à' => 'a',
            'ö' | 'ø' | 'ó' => 'o',
            'é' | 'è' | 'ë' => 'e',
            c if c.is_ascii_alphanumeric() => c,
            _ => '-',
        })
        .collect::<String>()
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let stem = if stem.is_empty() { "kommun".to_owned() } else { stem };
    let mut key = stem.clone();
    let mut n = 2;
    while by_key(tx, &key)?.is_some() {
        key = format!("{stem}-{n}");
        n += 1;
    }
    tx.execute(
        "INSERT INTO municipalities (key, name, org_number, address, peppol_id, buyer_reference)
         VALUES (?1, ?2, '', '', '', '')",
        params![key, name],
    )?;
    Ok(by_key(tx, &key)?.expect("just added").1)
}

/// The municipalities added at an intake whose details are still missing.
pub fn incomplete(conn: &Connection) -> Result<Vec<Municipality>> {
    Ok(list(conn)?.into_iter().filter(|m| m.org_number.is_empty()).collect())
}

/// A municipality's columns, with its terms as last decided.
const SELECT: &str = "SELECT id, key, name, org_number, address, peppol_id, buyer_reference,
    (SELECT value FROM term_changes t WHERE t.term = 'price_class' AND t.municipality_id = m.id
     ORDER BY t.valid_from DESC, t.id DESC LIMIT 1) AS price_class,
    (SELECT value FROM term_changes t WHERE t.term = 'acute_clause' AND t.municipality_id = m.id
     ORDER BY t.valid_from DESC, t.id DESC LIMIT 1) AS acute_clause
    FROM municipalities m";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<(i64, Municipality)> {
    // Its terms as last decided: standard price and no acute clause where none was recorded.
    let s = Stored::new(r, "municipalities", 0)?;
    let acute_clause = s.with(8, |value: Option<String>| match value.as_deref() {
        Some("true") => Some(true),
        Some("false") | None => Some(false),
        Some(_) => None,
    })?;
    Ok((
        s.get(0)?,
        Municipality {
            key: s.get(1)?,
            name: s.get(2)?,
            org_number: s.get(3)?,
            address: s.get(4)?,
            peppol_id: s.get(5)?,
            buyer_reference: s.get(6)?,
            price_class: s.get::<Option<PriceClass>>(7)?.unwrap_or(PriceClass::Standard),
            acute_clause,
            terms_from: None,
        },
    ))
}

pub fn by_key(conn: &Connection, key: &str) -> Result<Option<(i64, Municipality)>> {
    Ok(conn
        .query_row(&format!("{SELECT} WHERE m.key = ?1"), [key], from_row)
        .optional()?)
}

pub fn by_id(conn: &Connection, id: i64) -> Result<Municipality> {
    Ok(conn.query_row(&format!("{SELECT} WHERE m.id = ?1"), [id], from_row)?.1)
}

/// The id of the municipality with `key`, or a message naming the unknown key.
pub fn id_of(conn: &Connection, field: &str, key: &str) -> Result<i64> {
    by_key(conn, key)?
        .map(|(id, _)| id)
        .ok_or_else(|| Error::invalid(field, crate::msg!("error.municipalities.unknown_key")))
}

pub fn list(conn: &Connection) -> Result<Vec<Municipality>> {
    Ok(list_with_ids(conn)?.into_iter().map(|(_, m)| m).collect())
}

/// Every municipality with its id, by name.
pub fn list_with_ids(conn: &Connection) -> Result<Vec<(i64, Municipality)>> {
    let mut stmt = conn.prepare(&format!("{SELECT} ORDER BY m.name COLLATE NOCASE"))?;
    Ok(stmt.query_map([], from_row)?.collect::<rusqlite::Result<Vec<_>>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::DbKey;
    use crate::store::Store;

    #[test]
    fn a_municipality_named_at_intake_is_added_incomplete_with_a_key_of_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::create(&dir.path().join("t.db"), &DbKey::generate().unwrap()).unwrap();
        let first = store.write(|tx| add_incomplete(tx, "  Nattby kommun ")).unwrap();
        assert_eq!(
            (first.key.as_str(), first.name.as_str()),
            ("nattby-kommun", "Nattby kommun")
        );
        assert_eq!(first.org_number, "");
        // The same name again (another spelling of the same, or a namesake) gets a key of its own.
        let second = store.write(|tx| add_incomplete(tx, "Nattby Kommun")).unwrap();
        assert_eq!(second.key, "nattby-kommun-2");
        let odd = store.write(|tx| add_incomplete(tx, "Ödeshög")).unwrap();
        assert_eq!(odd.key, "odeshog");
        assert_eq!(incomplete(store.conn()).unwrap().len(), 3);
        let e = store.write(|tx| add_incomplete(tx, "   ")).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("new_municipality"));

        // Completed by a manager: its first terms apply from the start, without a reason asked
        // for (found by the end-to-end test of the night intake).
        let now: DateTime<Utc> = "2026-03-10T10:00:00Z".parse().unwrap();
        let complete = Municipality {
            org_number: "212000-1561".into(),
            address: "Box 5, 123 45 Nattby".into(),
            buyer_reference: "NATT-1".into(),
            price_class: PriceClass::Iop,
            acute_clause: true,
            ..first
        };
        let id = id_of(store.conn(), "key", "nattby-kommun").unwrap();
        assert!(!terms::recorded_for(store.conn(), id).unwrap());
        store
            .write(|tx| save(tx, &complete, &TermsChange::default(), "chef", now))
            .unwrap();
        assert!(terms::recorded_for(store.conn(), id).unwrap());
        let book = terms::Book::load(store.conn()).unwrap();
        let start = "2020-01-01".parse().unwrap();
        assert_eq!(
            (book.price_class(id, start), book.acute_clause(id, start)),
            (PriceClass::Iop, true)
        );
        assert_eq!(incomplete(store.conn()).unwrap().len(), 2);
    }
}
