//! Writing placements: the checks listed in the module's top comment, then the rows. Every
//! function here runs inside the caller's transaction and either writes everything or returns
//! an error before anything that would be left half-done. What can be checked from the input
//! alone is decided in `checks.rs`, apart from the store.

use super::checks::{self, non_empty};
use super::decide::{Decision, Named, decide};
use super::views::load;
use super::*;
use crate::clock;
use crate::corrections;
use crate::error::{Error, Result};
use crate::msg;
use crate::people::{self, Person};
use crate::records;
use crate::registers::{municipalities, rooms};
use crate::store::columns::Stored;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, Transaction, params};
use serde_json::json;

/// What a save did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Saved {
    pub key: String,
    pub changed: bool,
}

/// Puts `prefix` in front of the error's field, so that a message about `name` in the second
/// stay points at `stays.1.name`.
pub(crate) fn at_path(mut e: Error, prefix: &str) -> Error {
    e.field = Some(match e.field.take() {
        Some(f) if !f.is_empty() => format!("{prefix}{f}"),
        _ => prefix.trim_end_matches('.').to_owned(),
    });
    e
}

fn unique_key(tx: &Transaction, prefix: char, table: &str, chosen: &[String]) -> Result<String> {
    loop {
        let key = records::generate_key(prefix)?;
        if chosen.contains(&key) {
            continue;
        }
        let taken: Option<i64> = tx
            .query_row(&format!("SELECT 1 FROM {table} WHERE key = ?1"), [&key], |r| r.get(0))
            .optional()?;
        if taken.is_none() {
            return Ok(key);
        }
    }
}

/// Who a stay is about, as they are to be kept: the person on record (`id`), found by key or
/// personnummer and brought in line with the stay's person fields, or someone new. Reads only;
/// `chosen` are the keys already given to new people of the same save.
struct Someone {
    id: Option<i64>,
    person: Person,
    /// Whether the person is to be written (new, or changed).
    changed: bool,
}

fn person_for(tx: &Transaction, s: &StayInput, today: NaiveDate, chosen: &[String]) -> Result<Someone> {
    let birth_date = match non_empty(&s.birth_date) {
        Some(t) => Some(
            NaiveDate::parse_from_str(t, "%Y-%m-%d")
                .map_err(|_| Error::invalid("birth_date", msg!("error.records.date")))?,
        ),
        None => None,
    };
    let pnr = non_empty(&s.personal_number).map(str::to_owned);
    let given = s.name.is_some()
        || s.birth_year.is_some()
        || birth_date.is_some()
        || pnr.is_some()
        || s.protected_identity.is_some()
        || s.gender.is_some();
    let existing = match non_empty(&s.person) {
        Some(k) => people::by_key(tx, &records::check_key("person", k)?)?,
        None => match &pnr {
            Some(p) => {
                let parsed =
                    people::PersonalNumber::parse(p, today).map_err(|m| Error::invalid("personal_number", m))?;
                let found = people::by_personal_number(tx, parsed.as_str())?;
                // Found by her personnummer alone: another name typed with it is a mistyped
                // number or a mix-up, and must not silently rename the person on record.
                if let (Some((_, person)), Some(name)) = (&found, &s.name)
                    && name.trim() != person.name
                {
                    return Err(Error::invalid(
                        "personal_number",
                        crate::msg!("error.placements.personnummer_other_name", key = person.key),
                    ));
                }
                found
            }
            None => None,
        },
    };
    let (id, base) = match existing {
        Some((id, person)) if !given => {
            return Ok(Someone {
                id: Some(id),
                person,
                changed: false,
            });
        }
        Some((id, person)) => (Some(id), person),
        None => (
            None,
            Person {
                key: match non_empty(&s.person) {
                    Some(k) => k.to_owned(),
                    None => unique_key(tx, 'B', "people", chosen)?,
                },
                name: String::new(),
                birth_year: None,
                birth_date: None,
                personal_number: None,
                protected_identity: false,
                gender: people::Gender::NotGiven,
            },
        ),
    };
    let before = base.clone();
    let person = Person {
        key: base.key,
        name: s.name.clone().unwrap_or(base.name),
        birth_year: s
            .birth_year
            .or(if birth_date.is_some() { None } else { base.birth_year }),
        birth_date: birth_date.or(base.birth_date),
        personal_number: pnr.or(base.personal_number),
        protected_identity: s.protected_identity.unwrap_or(base.protected_identity),
        gender: s.gender.unwrap_or(base.gender),
    };
    let person = people::checked(tx, &person, today)?;
    let changed = id.is_none() || person != before;
    Ok(Someone { id, person, changed })
}

/// Refuses a stay that overlaps another stay of the same person in another placement.
pub(super) fn check_no_overlap(
    tx: &Transaction,
    person_id: i64,
    person: &Person,
    stay: &Stay,
    placement_id: Option<i64>,
    field: &str,
) -> Result<()> {
    let mut stmt = tx.prepare(
        "SELECT s.id, p.key, s.in_at, s.out_at FROM stays s JOIN placements p ON p.id = s.placement_id
         WHERE s.person_id = ?1 AND s.placement_id IS NOT ?2",
    )?;
    let others = stmt
        .query_map(params![person_id, placement_id], |r| {
            let s = Stored::new(r, "stays", 0)?;
            Ok((s.get::<String>(1)?, s.time(2)?, s.time_opt(3)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (other, other_in, other_out) in others {
        let overlaps = stay.in_at < other_out.unwrap_or(DateTime::<Utc>::MAX_UTC)
            && other_in < stay.out_at.unwrap_or(DateTime::<Utc>::MAX_UTC);
        if overlaps {
            let from = clock::to_local_text(other_in);
            return Err(Error::invalid(
                field,
                match other_out {
                    Some(out) => crate::msg!(
                        "error.placements.overlap",
                        key = person.key,
                        other = other,
                        from = from,
                        until = clock::to_local_text(out)
                    ),
                    None => crate::msg!(
                        "error.placements.overlap_ongoing",
                        key = person.key,
                        other = other,
                        from = from
                    ),
                },
            ));
        }
    }
    Ok(())
}

fn stored(t: Option<DateTime<Utc>>) -> Option<String> {
    t.map(clock::to_stored)
}

/// Saves a placement: a new one, or an existing one (same key) brought in line with `input`.
/// Stays are matched by person; stays already recorded but not in `input` are kept, never
/// removed. A change to a recorded stay is kept in the history of corrections. What the input
/// comes to is decided apart from the store (`decide.rs`): first everything is read and checked,
/// then the decision is written.
pub fn save(tx: &Transaction, input: &PlacementInput, now: DateTime<Utc>, actor: &str) -> Result<Saved> {
    save_with_reason(tx, input, now, actor, "Ändrad uppgift")
}

/// [`save`], keeping `reason` with every recorded fact it changes (a correction's own reason).
pub fn save_with_reason(
    tx: &Transaction,
    input: &PlacementInput,
    now: DateTime<Utc>,
    actor: &str,
    reason: &str,
) -> Result<Saved> {
    let today = clock::swedish_date(now);
    let key = match non_empty(&input.key) {
        Some(k) => records::check_key("key", k)?,
        None => unique_key(tx, 'P', "placements", &[])?,
    };
    // A municipality named at intake that the register lacks is added first, incomplete.
    let with_new;
    let input = match non_empty(&input.new_municipality) {
        Some(name) => {
            let added = municipalities::add_incomplete(tx, name)?;
            with_new = PlacementInput {
                municipality: added.key,
                new_municipality: None,
                ..input.clone()
            };
            &with_new
        }
        None => input,
    };
    let municipality_id = municipalities::id_of(tx, "municipality", input.municipality.trim())?;
    let room_id = non_empty(&input.room)
        .map(|r| rooms::id_of(tx, "room", r))
        .transpose()?;
    let named = Named::check(key.clone(), input)?;
    if input.stays.is_empty() {
        return Err(Error::invalid("stays", msg!("error.placements.no_people")));
    }
    // Who each stay is about; each stay's times are checked with its person, so that problems
    // are named in the order the form shows them.
    let mut someone: Vec<Someone> = Vec::new();
    for (i, s) in input.stays.iter().enumerate() {
        let prefix = format!("stays.{i}.");
        let chosen: Vec<String> = someone
            .iter()
            .filter(|p| p.id.is_none())
            .map(|p| p.person.key.clone())
            .collect();
        let mut p = person_for(tx, s, today, &chosen).map_err(|e| at_path(e, &prefix))?;
        // The same personnummer twice is the same person, though neither is written yet (and is
        // refused as named twice).
        if let Some(same) = someone
            .iter()
            .find(|o| o.person.personal_number.is_some() && o.person.personal_number == p.person.personal_number)
        {
            p.person.key = same.person.key.clone();
        }
        someone.push(p);
        checks::stay_times(s, &prefix, now)?;
    }
    let existing = load(tx, &key)?;
    let people: Vec<Person> = someone.iter().map(|p| p.person.clone()).collect();
    let decision = decide(input, named, &people, existing.as_ref().map(|(_, p)| p), now)?;
    if let Decision::Write { stays, .. } = &decision {
        for (i, stay) in stays.iter().map(|(i, s, _)| (*i, s)) {
            if let Some(id) = someone[i].id {
                check_no_overlap(
                    tx,
                    id,
                    &someone[i].person,
                    stay,
                    existing.as_ref().map(|(id, _)| *id),
                    &format!("stays.{i}.in"),
                )?;
            }
        }
    }

    // Everything is checked: the writing.
    let mut person_ids = Vec::with_capacity(someone.len());
    for p in &someone {
        person_ids.push(match p.id {
            Some(id) if !p.changed => id,
            _ => people::save(tx, &p.person, today)?.0,
        });
    }
    let Decision::Write { placement, stays } = decision else {
        return Ok(Saved { key, changed: false });
    };
    let id = write_placement(
        tx,
        &placement,
        existing.as_ref().map(|(id, _)| *id),
        municipality_id,
        room_id,
    )?;
    if let Some((_, old)) = &existing {
        for (field, before, after) in changed_fields(old, &placement) {
            corrections::record(
                tx,
                corrections::Of::Placement(Some(id)),
                field,
                &before,
                &after,
                reason,
                actor,
                now,
            )?;
        }
    }
    for (i, stay, old) in stays.iter().filter(|(_, stay, old)| old.as_ref() != Some(stay)) {
        tx.execute(
            "INSERT INTO stays (placement_id, person_id, category, decision_reference, in_at, out_at, destination,
                 ready_to_move, school_from, health_offered_on, own_conversation_on)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
             ON CONFLICT (placement_id, person_id) DO UPDATE SET category = ?3, decision_reference = ?4,
                 in_at = ?5, out_at = ?6, destination = ?7, ready_to_move = ?8, school_from = ?9,
                 health_offered_on = ?10, own_conversation_on = ?11",
            params![
                id,
                person_ids[*i],
                stay.category.as_str(),
                stay.decision_reference,
                clock::to_stored(stay.in_at),
                stored(stay.out_at),
                stay.destination.map(|d| d.as_str()),
                stay.ready_to_move.map(|d| d.to_string()),
                stay.rights.school_from.map(|d| d.to_string()),
                stay.rights.health_offered_on.map(|d| d.to_string()),
                stay.rights.own_conversation_on.map(|d| d.to_string())
            ],
        )?;
        if let Some(old) = old {
            let what = format!("{}{}", corrections::STAY, stay.person);
            corrections::record(
                tx,
                corrections::Of::Placement(Some(id)),
                &what,
                old,
                stay,
                reason,
                actor,
                now,
            )?;
        }
    }
    Ok(Saved { key, changed: true })
}

/// The placement's own facts that differ between what was recorded and what is kept now, named
/// as the import format names them (the room has its own record).
fn changed_fields(old: &Placement, new: &Placement) -> Vec<(&'static str, serde_json::Value, serde_json::Value)> {
    macro_rules! field {
        ($name:literal, $f:ident) => {
            (
                $name,
                serde_json::to_value(&old.$f).expect("serializable"),
                serde_json::to_value(&new.$f).expect("serializable"),
            )
        };
    }
    let fields = [
        field!("municipality", municipality),
        field!("arrived", arrived),
        field!("acute", acute),
        field!("reference", reference),
        field!("yy_code", yy_code),
        field!("violence", violence),
        field!("arrival_route", arrival_route),
        field!("transported_by", transported_by),
    ];
    let (old_a, new_a) = (old.assessment.as_ref(), new.assessment.as_ref());
    let recorded = [
        ("assessment.by", json!(old_a.map(|a| a.by)), json!(new_a.map(|a| a.by))),
        ("assessment.at", json!(old_a.map(|a| a.at)), json!(new_a.map(|a| a.at))),
        (
            "assessment.conclusion",
            json!(old_a.map(|a| &a.conclusion)),
            json!(new_a.map(|a| &a.conclusion)),
        ),
        (
            "rve.contacted_at",
            json!(old.rve.contacted_at),
            json!(new.rve.contacted_at),
        ),
        (
            "rve.contacted_by",
            json!(old.rve.contacted_by),
            json!(new.rve.contacted_by),
        ),
        ("rve.decision", json!(old.rve.decision), json!(new.rve.decision)),
        ("rve.decided_at", json!(old.rve.decided_at), json!(new.rve.decided_at)),
    ];
    // The assessment and Relationsvåldsenheten's contact and decision are recorded after intake:
    // their first recording is not a correction, any change after it is.
    let corrected = recorded
        .into_iter()
        .filter(|(_, a, _)| !a.is_null() && a.as_str() != Some(""));
    fields.into_iter().chain(corrected).filter(|(_, a, b)| a != b).collect()
}

/// The placement's own row, new or updated; its id.
fn write_placement(
    tx: &Transaction,
    placement: &Placement,
    placement_id: Option<i64>,
    municipality_id: i64,
    room_id: Option<i64>,
) -> Result<i64> {
    let (a_by, a_at, a_conclusion) = match &placement.assessment {
        Some(a) => (Some(a.by.as_str()), Some(clock::to_stored(a.at)), a.conclusion.clone()),
        None => (None, None, String::new()),
    };
    let values = params![
        placement.key,
        municipality_id,
        placement.reference,
        placement.yy_code,
        placement.acute,
        room_id,
        placement.violence.as_str(),
        placement.arrival_route.as_str(),
        placement.transported_by.as_str(),
        clock::to_stored(placement.arrived),
        a_by,
        a_at,
        a_conclusion,
        stored(placement.rve.contacted_at),
        placement.rve.contacted_by,
        placement.rve.decision.map(|d| d.as_str()),
        stored(placement.rve.decided_at),
    ];
    Ok(match placement_id {
        Some(id) => {
            tx.execute(
                "UPDATE placements SET municipality_id = ?2, reference = ?3, yy_code = ?4, acute = ?5, room_id = ?6,
                     violence = ?7, arrival_route = ?8, transported_by = ?9, arrived_at = ?10, assessment_by = ?11,
                     assessment_at = ?12, assessment_conclusion = ?13, rve_contacted_at = ?14, rve_contacted_by = ?15,
                     rve_decision = ?16, rve_decided_at = ?17
                 WHERE key = ?1",
                values,
            )?;
            id
        }
        None => {
            tx.execute(
                "INSERT INTO placements (key, municipality_id, reference, yy_code, acute, room_id, violence, arrival_route,
                     transported_by, arrived_at, assessment_by, assessment_at, assessment_conclusion, rve_contacted_at,
                     rve_contacted_by, rve_decision, rve_decided_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
                values,
            )?;
            tx.last_insert_rowid()
        }
    })
}
