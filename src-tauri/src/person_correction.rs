//! Correcting a person's own details afterwards, one at a time and with a reason: the name, the
//! birth year and date, the personnummer, and protected identity (set or lifted). Checked as when
//! the person was recorded (`people::checked`); the old and new value are kept in the person's
//! history with who, when and why, and erased with the person's details by retention.

use crate::corrections;
use crate::error::{Code, Error, Result};
use crate::msg;
use crate::people::{self, Person};
use crate::placements::correct::{optional, yes_no};
use crate::records;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Transaction;
use serde::Deserialize;

/// A person's details that can be corrected, as the import format names them.
pub const FIELDS: &[&str] = &[
    "name",
    "birth_year",
    "birth_date",
    "personal_number",
    "protected_identity",
    "gender",
];

/// One correction of a person's `field`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonCorrection {
    pub person: String,
    pub field: String,
    /// The new value as typed; empty clears an optional detail.
    pub value: String,
    pub reason: String,
}

/// Corrects one detail and keeps its history. Refused, naming the value, when it does not read,
/// contradicts the person's other details, or is what is recorded already.
pub fn correct(tx: &Transaction, c: &PersonCorrection, actor: &str, now: DateTime<Utc>) -> Result<Person> {
    let reason = records::required("reason", msg!("label.corrections.reason"), &c.reason, 200)?;
    let today = crate::clock::swedish_date(now);
    let (id, before) = people::by_key(tx, c.person.trim())?
        .ok_or_else(|| Error::new(Code::NotFound, msg!("error.people.not_found_plain")))?;
    let mut p = before.clone();
    let value = c.value.trim();
    match c.field.as_str() {
        "name" => p.name = value.to_owned(),
        "birth_year" => {
            p.birth_year = optional(value)
                .map(|v| {
                    v.parse::<i32>()
                        .map_err(|_| Error::invalid("value", msg!("error.corrections.year")))
                })
                .transpose()?;
        }
        "birth_date" => {
            p.birth_date = optional(value)
                .map(|v| {
                    NaiveDate::parse_from_str(&v, "%Y-%m-%d")
                        .map_err(|_| Error::invalid("value", msg!("error.records.date")))
                })
                .transpose()?;
            // The year follows the date.
            p.birth_year = p.birth_date.map_or(before.birth_year, |_| None);
        }
        "personal_number" => {
            p.personal_number = optional(value);
            if p.personal_number.is_some() {
                // The birth date and year follow the number.
                p.birth_date = None;
                p.birth_year = None;
            }
        }
        "protected_identity" => p.protected_identity = yes_no(value)?,
        "gender" => {
            p.gender = crate::people::Gender::from_id(value.trim())
                .ok_or_else(|| Error::invalid("value", msg!("error.corrections.not_in_list")))?
        }
        _ => {
            return Err(Error::invalid(
                "field",
                msg!("error.corrections.unknown_field", fields = FIELDS.join(", ")),
            ));
        }
    }
    let after = people::checked(tx, &p, today).map_err(|mut e| {
        if e.field.is_some() {
            e.field = Some("value".into());
        }
        e
    })?;
    if after == before {
        return Err(Error::invalid("value", msg!("error.corrections.unchanged")));
    }
    people::save(tx, &after, today)?;
    for (field, old, new) in changed(&before, &after) {
        corrections::record(tx, corrections::Of::Person(id), field, &old, &new, &reason, actor, now)?;
    }
    Ok(after)
}

/// The details that differ, named as the import format names them.
fn changed(before: &Person, after: &Person) -> Vec<(&'static str, serde_json::Value, serde_json::Value)> {
    macro_rules! field {
        ($name:literal, $f:ident) => {
            (
                $name,
                serde_json::to_value(&before.$f).expect("serializable"),
                serde_json::to_value(&after.$f).expect("serializable"),
            )
        };
    }
    [
        field!("name", name),
        field!("birth_year", birth_year),
        field!("birth_date", birth_date),
        field!("personal_number", personal_number),
        field!("protected_identity", protected_identity),
        field!("gender", gender),
    ]
    .into_iter()
    .filter(|(_, a, b)| a != b)
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::DbKey;
    use crate::store::Store;

    fn correction(field: &str, value: &str) -> PersonCorrection {
        PersonCorrection {
            person: "W1".into(),
            field: field.into(),
            value: value.into(),
            reason: "Skrevs fel vid intaget".into(),
        }
    }

    #[test]
    fn a_persons_details_are_corrected_one_by_one_and_kept_in_her_history() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::create(&dir.path().join("t.db"), &DbKey::generate().unwrap()).unwrap();
        let now: DateTime<Utc> = "2026-03-05T12:00:00Z".parse().unwrap();
        let today = crate::clock::swedish_date(now);
        let person = Person {
            key: "W1".into(),
            name: "Testkvinna".into(),
            birth_year: Some(1990),
            birth_date: None,
            personal_number: None,
            protected_identity: false,
            gender: crate::people::Gender::NotGiven,
        };
        store.write(|tx| people::save(tx, &person, today)).unwrap();
        let fix = |store: &mut Store, c: PersonCorrection| store.write(|tx| correct(tx, &c, "chef", now));

        fix(&mut store, correction("name", "Testkvinnan")).unwrap();
        // A personnummer brings its birth date and year with it.
        let after = fix(&mut store, correction("personal_number", "19910101-0008")).unwrap();
        assert_eq!(
            (after.birth_year, after.birth_date.map(|d| d.to_string())),
            (Some(1991), Some("1991-01-01".into()))
        );
        fix(&mut store, correction("protected_identity", "ja")).unwrap();

        let refused = |store: &mut Store, c: PersonCorrection| fix(store, c).unwrap_err();
        assert_eq!(
            refused(&mut store, correction("protected_identity", "ja"))
                .field
                .as_deref(),
            Some("value")
        );
        assert_eq!(
            refused(&mut store, correction("personal_number", "19910101-0009"))
                .field
                .as_deref(),
            Some("value")
        );
        assert_eq!(
            refused(&mut store, correction("birth_year", "1985")).field.as_deref(),
            Some("value")
        );
        assert_eq!(
            refused(&mut store, correction("shoe_size", "38")).field.as_deref(),
            Some("field")
        );
        let mut no_reason = correction("name", "X");
        no_reason.reason = " ".into();
        assert_eq!(refused(&mut store, no_reason).field.as_deref(), Some("reason"));

        let (id, _) = people::by_key(store.conn(), "W1").unwrap().unwrap();
        let history = corrections::person_history(store.conn(), id).unwrap();
        let fields: Vec<&str> = history.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "name",
                "birth_year",
                "birth_date",
                "personal_number",
                "protected_identity"
            ]
        );
        assert_eq!(history[0].old, "Testkvinna");
        assert_eq!(history[0].new, "Testkvinnan");
        assert!(
            history
                .iter()
                .all(|c| c.by == "chef" && c.reason == "Skrevs fel vid intaget")
        );
    }
}

#[cfg(test)]
mod retention_tests {
    use super::*;
    use crate::keys::DbKey;
    use crate::store::Store;
    use crate::text::Lang;

    /// A correction of a person's details holds her old details: retention erases it with them.
    #[test]
    fn retention_erases_a_persons_corrections_with_her_details() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::create(&dir.path().join("t.db"), &DbKey::generate().unwrap()).unwrap();
        let file = r#"{
          "municipalities": [{"key": "boras", "name": "Borås Stad", "org_number": "212000-1561", "price_class": "iop",
             "acute_clause": true, "address": "Box 1, 501 80 Borås", "buyer_reference": "YY123"}],
          "placements": [{"key": "P7", "municipality": "boras", "acute": false, "reference": "RVE 19-004",
             "violence": "nara_relation",
             "stays": [{"person": "W7", "name": "Testkvinna", "birth_date": "1988-09-30", "category": "adult",
                        "in": "2019-03-01T20:00", "out": "2019-04-10T10:00"}]}]
        }"#;
        let then: DateTime<Utc> = "2019-05-01T10:00:00Z".parse().unwrap();
        let parsed = crate::exchange::parse(file, Lang::Sv).unwrap();
        crate::exchange::import(&mut store, &parsed, then, "test", Lang::Sv).unwrap();
        let c = PersonCorrection {
            person: "W7".into(),
            field: "name".into(),
            value: "Testkvinnan".into(),
            reason: "Stavfel".into(),
        };
        store.write(|tx| correct(tx, &c, "chef", then)).unwrap();
        let count = |store: &Store| -> i64 {
            store
                .conn()
                .query_row(
                    "SELECT count(*) FROM corrections WHERE person_id IS NOT NULL",
                    [],
                    |r| r.get(0),
                )
                .unwrap()
        };
        assert_eq!(count(&store), 1);
        let now: DateTime<Utc> = "2026-12-07T10:00:00Z".parse().unwrap();
        let policy = crate::settings::load(store.conn()).unwrap().retention;
        let done = store
            .write(|tx| crate::retention::run(tx, policy, "test", now))
            .unwrap();
        assert_eq!(done.people, 1);
        assert_eq!(count(&store), 0, "the old name is gone with the person's details");
    }
}
