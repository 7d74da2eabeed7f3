//! What saving a placement comes to, decided from the input, the people it names (as they are to
//! be kept) and the placement on record, without the store: the placement to keep and which of
//! its stays to write, or nothing to write. `save.rs` reads what this needs and writes what it
//! decides.

use super::checks::{self, non_empty};
use super::*;
use crate::clock;
use crate::error::{Error, Result};
use crate::msg;
use crate::people::Person;
use crate::records;
use chrono::{DateTime, Utc};

/// What a save is to do with the placement.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Decision {
    /// The placement on record is already what the input says.
    Unchanged,
    /// Keep `placement`, with the input's stays (by their place in it), each with its recorded
    /// version when it had one: those that differ from it are written.
    Write {
        placement: Box<Placement>,
        stays: Vec<(usize, Stay, Option<Stay>)>,
    },
}

/// A placement's key and its texts, as checked before anything else (in the form's order).
pub(super) struct Named {
    pub key: String,
    pub reference: String,
    pub yy_code: String,
}

impl Named {
    pub(super) fn check(key: String, input: &PlacementInput) -> Result<Named> {
        Ok(Named {
            key,
            reference: records::required(
                "reference",
                crate::msg!("label.placements.reference"),
                &input.reference,
                80,
            )?,
            yy_code: records::optional("yy_code", crate::msg!("label.placements.yy_code"), &input.yy_code, 40)?,
        })
    }
}

/// Decides a save. `people[i]` is the person the input's `i`th stay is about, as it is to be
/// kept; `existing` the placement recorded under the same key.
pub(super) fn decide(
    input: &PlacementInput,
    named: Named,
    people: &[Person],
    existing: Option<&Placement>,
    now: DateTime<Utc>,
) -> Result<Decision> {
    let mut stays: Vec<Stay> = Vec::new();
    for (i, (s, person)) in input.stays.iter().zip(people).enumerate() {
        stays.push(stay(s, person, i, &stays, now)?);
    }
    let in_times: Vec<(&str, DateTime<Utc>)> = stays.iter().map(|s| (s.person.as_str(), s.in_at)).collect();
    let arrived = checks::arrival(input.arrived.as_deref(), &in_times, now)?;
    let assessment = checks::assessment(input.assessment.as_ref(), now)?;
    let rve = checks::rve(input.rve.clone().unwrap_or_default(), now)?;

    let mut placement = Placement {
        key: named.key,
        municipality: input.municipality.trim().to_owned(),
        reference: named.reference,
        yy_code: named.yy_code,
        acute: input.acute,
        room: non_empty(&input.room).map(str::to_owned),
        violence: input.violence,
        arrival_route: input.arrival_route,
        transported_by: input.transported_by,
        arrived,
        assessment,
        rve,
        stays: stays.clone(),
    };
    // Stays already recorded but not named now are kept.
    if let Some(old) = existing {
        let kept: Vec<Stay> = old
            .stays
            .iter()
            .filter(|s| !placement.stays.iter().any(|n| n.person == s.person))
            .cloned()
            .collect();
        placement.stays.extend(kept);
        let mut old_sorted = old.clone();
        let mut new_sorted = placement.clone();
        old_sorted.stays.sort_by(|a, b| a.person.cmp(&b.person));
        new_sorted.stays.sort_by(|a, b| a.person.cmp(&b.person));
        if old_sorted == new_sorted {
            return Ok(Decision::Unchanged);
        }
    }
    let adults = placement.stays.iter().filter(|s| s.category == Category::Adult).count();
    if adults != 1 {
        let message = if adults == 0 {
            msg!("error.placements.no_adult")
        } else {
            msg!("error.placements.two_adults")
        };
        return Err(Error::invalid("stays", message));
    }
    let recorded = |s: &Stay| existing.and_then(|p| p.stays.iter().find(|o| o.person == s.person).cloned());
    Ok(Decision::Write {
        stays: stays
            .into_iter()
            .enumerate()
            .map(|(i, s)| (i, s.clone(), recorded(&s)))
            .collect(),
        placement: Box::new(placement),
    })
}

/// The `i`th stay of the input, about `person`; `before` are the stays before it.
fn stay(s: &StayInput, person: &Person, i: usize, before: &[Stay], now: DateTime<Utc>) -> Result<Stay> {
    let prefix = format!("stays.{i}.");
    let f = |name: &str| format!("{prefix}{name}");
    let (in_at, out_at) = checks::stay_times(s, &prefix, now)?;
    if before.iter().any(|b| b.person == person.key) {
        return Err(Error::invalid(
            &f("person"),
            crate::msg!("error.placements.already_in", key = person.key),
        ));
    }
    if s.category == Category::Adult && person.certainly_under_18_on(clock::swedish_date(in_at)) {
        return Err(Error::invalid(
            &f("category"),
            crate::msg!("error.placements.adult_under_18", key = person.key),
        ));
    }
    let decision_reference = records::optional(
        &f("decision_reference"),
        crate::msg!("label.placements.decision_reference"),
        &s.decision_reference,
        80,
    )?;
    Ok(Stay {
        person: person.key.clone(),
        category: s.category,
        decision_reference,
        in_at,
        out_at,
        destination: s.destination,
        ready_to_move: checks::ready_to_move(s, &f("ready_to_move"), in_at, out_at, now)?,
        rights: checks::child_rights(s, &prefix, in_at, out_at, now)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::parse_time;

    fn person(key: &str) -> Person {
        Person {
            key: key.into(),
            name: format!("Testperson {key}"),
            birth_year: None,
            birth_date: None,
            personal_number: None,
            protected_identity: false,
            gender: crate::people::Gender::NotGiven,
        }
    }

    fn input(stays: serde_json::Value) -> PlacementInput {
        serde_json::from_value(serde_json::json!({
            "key": "P1", "municipality": "boras", "reference": "RVE 26-017", "acute": true,
            "violence": "nara_relation", "stays": stays
        }))
        .unwrap()
    }

    fn named(input: &PlacementInput) -> Named {
        Named::check("P1".into(), input).unwrap()
    }

    #[test]
    fn a_save_is_decided_without_the_store_and_an_unchanged_one_writes_nothing() {
        let now = parse_time("2026-03-05 12:00").unwrap();
        let first = input(serde_json::json!([{"person": "W1", "category": "adult", "in": "2026-03-01T22:15"}]));
        let Decision::Write { placement, stays } = decide(&first, named(&first), &[person("W1")], None, now).unwrap()
        else {
            panic!("a new placement is written");
        };
        assert_eq!(placement.arrived, parse_time("2026-03-01 22:15").unwrap());
        assert_eq!(stays.len(), 1);
        assert_eq!(stays[0].2, None, "no recorded version");

        // The same again: nothing to write. A child added: the woman's stay is kept as recorded.
        assert_eq!(
            decide(&first, named(&first), &[person("W1")], Some(&placement), now).unwrap(),
            Decision::Unchanged
        );
        let child = input(serde_json::json!([{"person": "C1", "category": "child", "in": "2026-03-02T09:00"}]));
        let Decision::Write { placement: both, stays } =
            decide(&child, named(&child), &[person("C1")], Some(&placement), now).unwrap()
        else {
            panic!("the child is written");
        };
        assert_eq!(both.stays.len(), 2);
        assert_eq!(stays.len(), 1);

        // Two adults are refused, naming the stays, before anything is written.
        let two = input(serde_json::json!([
            {"person": "W1", "category": "adult", "in": "2026-03-01T22:15"},
            {"person": "W2", "category": "adult", "in": "2026-03-01T22:15"}
        ]));
        let e = decide(&two, named(&two), &[person("W1"), person("W2")], None, now).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("stays"));
        // The same person twice, by the second stay's person field.
        let twice = input(serde_json::json!([
            {"person": "W1", "category": "adult", "in": "2026-03-01T22:15"},
            {"person": "W1", "category": "child", "in": "2026-03-01T22:15"}
        ]));
        let e = decide(&twice, named(&twice), &[person("W1"), person("W1")], None, now).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("stays.1.person"));
    }
}
