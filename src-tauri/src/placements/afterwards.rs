//! What is recorded about a placement after its intake: a child arriving later, move-outs and
//! their undoing, a change of room, Relationsvåldsenheten's contact and decision, the protection
//! assessment, and the day someone is ready to move out but has nowhere to go. Each is the
//! placement as it is with one thing changed, saved by `save.rs` under the same rules as intake.

use super::checks::{non_empty, not_future, time};
use super::save::{Saved, check_no_overlap, save};
use super::views::load;
use super::*;
use crate::clock;
use crate::corrections;
use crate::error::{Code, Error, Result};
use crate::msg;
use crate::people;
use crate::records;
use chrono::{DateTime, Utc};
use rusqlite::{Transaction, params};

fn not_found() -> Error {
    Error::new(Code::NotFound, msg!("error.placements.not_found"))
}

fn loaded(tx: &Transaction, key: &str) -> Result<(i64, Placement)> {
    load(tx, key)?.ok_or_else(not_found)
}

/// Adds a person to a placement: a child arriving later, say.
pub fn add_stay(tx: &Transaction, key: &str, stay: StayInput, now: DateTime<Utc>, actor: &str) -> Result<Saved> {
    let (_, p) = loaded(tx, key)?;
    let mut input = PlacementInput::from_placement(&p);
    let index = input.stays.len();
    input.stays.push(stay);
    save(tx, &input, now, actor).map_err(|e| renumber(e, index))
}

/// Errors about the added stay point at `stay.…` (the form has one stay), not `stays.N.…`.
fn renumber(mut e: Error, index: usize) -> Error {
    if let Some(f) = &e.field
        && let Some(rest) = f.strip_prefix(&format!("stays.{index}."))
    {
        e.field = Some(format!("stay.{rest}"));
    }
    e
}

/// Moves people out at `at`: the ones named, or everyone still there when none are named.
pub fn move_out(
    tx: &Transaction,
    key: &str,
    persons: &[String],
    at: &str,
    destination: Destination,
    now: DateTime<Utc>,
    _actor: &str,
) -> Result<Vec<String>> {
    let (_, p) = loaded(tx, key)?;
    let at = time("at", msg!("label.placements.out_time"), at)?;
    not_future("at", msg!("label.placements.the_out"), at, now)?;
    let targets: Vec<&Stay> = if persons.is_empty() {
        p.stays.iter().filter(|s| s.out_at.is_none()).collect()
    } else {
        persons
            .iter()
            .map(|k| {
                p.stays.iter().find(|s| &s.person == k).ok_or_else(|| {
                    Error::invalid(
                        "persons",
                        msg!("error.placements.person_not_in", person = k, placement = key),
                    )
                })
            })
            .collect::<Result<_>>()?
    };
    if targets.is_empty() {
        return Err(Error::invalid("persons", msg!("error.placements.all_moved_out")));
    }
    for t in &targets {
        if t.out_at.is_some() {
            return Err(Error::invalid(
                "persons",
                msg!("error.placements.already_moved_out", person = t.person),
            ));
        }
        if at <= t.in_at {
            return Err(Error::invalid(
                "at",
                msg!(
                    "error.placements.out_before_in_of",
                    moved_in = clock::to_local_text(t.in_at),
                    person = t.person
                ),
            ));
        }
    }
    // Moving out only ends an open stay, so it can never make two stays overlap.
    for t in &targets {
        tx.execute(
            "UPDATE stays SET out_at = ?3, destination = ?4
             WHERE placement_id = (SELECT id FROM placements WHERE key = ?1)
               AND person_id = (SELECT id FROM people WHERE key = ?2)",
            params![key, t.person, clock::to_stored(at), destination.as_str()],
        )?;
    }
    Ok(targets.iter().map(|t| t.person.clone()).collect())
}

/// Undoes a move-out, as an explicit correction with its reason kept in the history.
pub fn undo_move_out(
    tx: &Transaction,
    key: &str,
    person: &str,
    reason: &str,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<()> {
    let (id, p) = loaded(tx, key)?;
    let reason = records::required("reason", crate::msg!("label.placements.undo_reason"), reason, 500)?;
    let stay = p.stays.iter().find(|s| s.person == person).ok_or_else(|| {
        Error::invalid(
            "person",
            msg!("error.placements.person_not_in", person = person, placement = key),
        )
    })?;
    if stay.out_at.is_none() {
        return Err(Error::invalid(
            "person",
            msg!("error.placements.not_moved_out", person = person),
        ));
    }
    let (person_id, person_record) =
        people::by_key(tx, person)?.ok_or_else(|| Error::invalid("person", msg!("error.placements.unknown_person")))?;
    let reopened = Stay {
        out_at: None,
        destination: None,
        ..stay.clone()
    };
    check_no_overlap(tx, person_id, &person_record, &reopened, Some(id), "person")?;
    tx.execute(
        "UPDATE stays SET out_at = NULL, destination = NULL WHERE placement_id = ?1 AND person_id = ?2",
        params![id, person_id],
    )?;
    corrections::record(
        tx,
        corrections::Of::Placement(Some(id)),
        &format!("Utflyttning ångrad för {person}"),
        stay,
        &reopened,
        &reason,
        actor,
        now,
    )
}

/// Moves the placement to another room (or to none). The move is kept in the history with its
/// time, since which room was used when matters for occupancy.
pub fn change_room(tx: &Transaction, key: &str, room: Option<&str>, now: DateTime<Utc>, actor: &str) -> Result<Saved> {
    let (id, p) = loaded(tx, key)?;
    let room = room.map(str::trim).filter(|r| !r.is_empty()).map(str::to_owned);
    if room == p.room {
        return Ok(Saved {
            key: key.to_owned(),
            changed: false,
        });
    }
    let mut input = PlacementInput::from_placement(&p);
    input.room = room.clone();
    let saved = save(tx, &input, now, actor)?;
    corrections::record(
        tx,
        corrections::Of::Placement(Some(id)),
        "Rumsbyte",
        &p.room,
        &room,
        "Flyttade till annat rum",
        actor,
        now,
    )?;
    Ok(saved)
}

/// Records the contact with Relationsvåldsenheten: when, and who made it.
pub fn record_rve_contact(
    tx: &Transaction,
    key: &str,
    at: &str,
    by: &str,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<Saved> {
    let (_, p) = loaded(tx, key)?;
    let mut input = PlacementInput::from_placement(&p);
    let rve = input.rve.get_or_insert_with(RveInput::default);
    rve.contacted_at = Some(at.to_owned());
    rve.contacted_by = by.to_owned();
    if non_empty(&rve.contacted_at).is_none() {
        return Err(Error::invalid(
            "rve.contacted_at",
            msg!("error.placements.rve_contacted_at_missing"),
        ));
    }
    save(tx, &input, now, actor)
}

/// Records Relationsvåldsenheten's decision on continued protection.
pub fn record_rve_decision(
    tx: &Transaction,
    key: &str,
    decision: RveDecision,
    at: &str,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<Saved> {
    let (_, p) = loaded(tx, key)?;
    let mut input = PlacementInput::from_placement(&p);
    let rve = input.rve.get_or_insert_with(RveInput::default);
    rve.decision = Some(decision);
    rve.decided_at = Some(at.to_owned());
    save(tx, &input, now, actor)
}

/// Records (or replaces) the documented protection assessment.
pub fn record_assessment(
    tx: &Transaction,
    key: &str,
    assessment: AssessmentInput,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<Saved> {
    let (_, p) = loaded(tx, key)?;
    let mut input = PlacementInput::from_placement(&p);
    input.assessment = Some(assessment);
    save(tx, &input, now, actor)
}

/// Changes the stay of `person` in placement `key` by `change` and saves the placement, checked
/// as any save. A refusal naming a field of that stay (`stays.N.<name>`) is given to `rename`,
/// which says what the form calls it, if it has the field.
fn change_stay(
    tx: &Transaction,
    key: &str,
    person: &str,
    now: DateTime<Utc>,
    actor: &str,
    change: impl FnOnce(&mut StayInput),
    rename: impl Fn(&str) -> Option<String>,
) -> Result<Saved> {
    let (_, p) = loaded(tx, key)?;
    let mut input = PlacementInput::from_placement(&p);
    let (i, stay) = input
        .stays
        .iter_mut()
        .enumerate()
        .find(|(_, s)| s.person.as_deref() == Some(person.trim()))
        .ok_or_else(|| Error::invalid("person", msg!("error.corrections.no_such_stay")))?;
    change(stay);
    let prefix = format!("stays.{i}.");
    save(tx, &input, now, actor).map_err(|mut e| {
        if let Some(name) = e
            .field
            .as_deref()
            .and_then(|f| f.strip_prefix(prefix.as_str()))
            .and_then(&rename)
        {
            e.field = Some(name);
        }
        e
    })
}

/// Records that `person` is ready to move out from `date` but has no housing to go to
/// (utflyttningsklar men kvar): the nights from it are counted as waiting for housing. An empty
/// date clears it. Checked as the stay is: not before the move-in, not after the move-out, not in
/// the future.
pub fn record_ready_to_move(
    tx: &Transaction,
    key: &str,
    person: &str,
    date: &str,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<Saved> {
    change_stay(
        tx,
        key,
        person,
        now,
        actor,
        |stay| stay.ready_to_move = super::correct::optional(date),
        // The form has one date: a refusal about it is about `date`.
        |field| (field == "ready_to_move").then(|| "date".to_owned()),
    )
}

/// A child's rights as the placement's page records them: each day `YYYY-MM-DD`, empty for not
/// arranged (yet).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RightsInput {
    #[serde(default)]
    pub school_from: String,
    #[serde(default)]
    pub health_offered_on: String,
    #[serde(default)]
    pub own_conversation_on: String,
}

/// Records when a child's school, health examination and own conversation were arranged. Checked
/// as the stay is; a changed stay is kept in the placement's history, as every change of a stay.
pub fn record_child_rights(
    tx: &Transaction,
    key: &str,
    person: &str,
    rights: &RightsInput,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<Saved> {
    change_stay(
        tx,
        key,
        person,
        now,
        actor,
        |stay| {
            stay.school_from = super::correct::optional(&rights.school_from);
            stay.health_offered_on = super::correct::optional(&rights.health_offered_on);
            stay.own_conversation_on = super::correct::optional(&rights.own_conversation_on);
        },
        // The form names its fields without the stay's place.
        |field| Some(field.to_owned()),
    )
}
