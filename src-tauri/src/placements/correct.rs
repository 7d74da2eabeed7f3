//! Correcting a saved placement afterwards, one field at a time and with a reason: the field
//! named as in the import format, checked by the same rules as at intake (`save.rs`), the old
//! and new value kept in the placement's history of corrections with who, when and why.

use super::save::{self, Saved};
use super::views::load;
use super::*;
use crate::error::{Code, Error, Result};
use crate::msg;
use crate::records;
use chrono::{DateTime, Utc};
use rusqlite::Transaction;

/// The placement's fields that can be corrected, as the import format names them.
pub const PLACEMENT_FIELDS: &[&str] = &[
    "municipality",
    "arrived",
    "acute",
    "reference",
    "yy_code",
    "violence",
    "arrival_route",
    "transported_by",
    "assessment.by",
    "assessment.at",
    "assessment.conclusion",
    "rve.contacted_at",
    "rve.contacted_by",
    "rve.decision",
    "rve.decided_at",
];

/// A stay's fields that can be corrected, as the import format names them.
pub const STAY_FIELDS: &[&str] = &[
    "in",
    "out",
    "category",
    "destination",
    "decision_reference",
    "ready_to_move",
    "school_from",
    "health_offered_on",
    "own_conversation_on",
];

/// One correction: of the placement's own `field`, or of the stay of `person` in it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    pub placement: String,
    #[serde(default)]
    pub person: Option<String>,
    pub field: String,
    /// The new value as typed (a time as «2026-03-01 22:15», yes/no as «ja»/«nej» or
    /// «true»/«false», a list's value by its identifier); empty clears an optional field.
    pub value: String,
    pub reason: String,
}

/// Corrects one field and keeps its history. Refused, naming the field, when the value does not
/// read, breaks a rule of intake, or is what is recorded already.
pub fn correct(tx: &Transaction, c: &Correction, now: DateTime<Utc>, actor: &str) -> Result<Saved> {
    let reason = records::required("reason", msg!("label.corrections.reason"), &c.reason, 200)?;
    let (_, placement) =
        load(tx, c.placement.trim())?.ok_or_else(|| Error::new(Code::NotFound, msg!("error.placements.not_found")))?;
    let mut input = PlacementInput::from_placement(&placement);
    match c.person.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        None => set_placement_field(&mut input, &c.field, &c.value)?,
        Some(person) => {
            let stay = input
                .stays
                .iter_mut()
                .find(|s| s.person.as_deref() == Some(person))
                .ok_or_else(|| Error::invalid("person", msg!("error.corrections.no_such_stay")))?;
            set_stay_field(stay, &c.field, &c.value)?;
        }
    }
    // A rule of intake broken by the new value is about the value the person typed here.
    let saved = save::save_with_reason(tx, &input, now, actor, &reason).map_err(|mut e| {
        if e.field.is_some() {
            e.field = Some("value".into());
        }
        e
    })?;
    if !saved.changed {
        return Err(Error::invalid("value", msg!("error.corrections.unchanged")));
    }
    Ok(saved)
}

/// «ja»/«nej» (or yes/no, true/false), as a correction's value.
pub(crate) fn yes_no(value: &str) -> Result<bool> {
    match value.trim().to_lowercase().as_str() {
        "ja" | "yes" | "true" => Ok(true),
        "nej" | "no" | "false" => Ok(false),
        _ => Err(Error::invalid("value", msg!("error.corrections.yes_no"))),
    }
}

/// A value of one of the fixed lists, by its identifier.
fn kind<T: serde::de::DeserializeOwned>(value: &str) -> Result<T> {
    serde_json::from_value(serde_json::Value::String(value.trim().to_owned()))
        .map_err(|_| Error::invalid("value", msg!("error.corrections.not_in_list")))
}

/// A value typed, or nothing when it is empty.
pub(crate) fn optional(value: &str) -> Option<String> {
    Some(value.trim().to_owned()).filter(|v| !v.is_empty())
}

fn set_placement_field(input: &mut PlacementInput, field: &str, value: &str) -> Result<()> {
    match field {
        "municipality" => input.municipality = value.trim().to_owned(),
        "arrived" => input.arrived = optional(value),
        "acute" => input.acute = yes_no(value)?,
        "reference" => input.reference = value.to_owned(),
        "yy_code" => input.yy_code = value.to_owned(),
        "violence" => input.violence = kind(value)?,
        "arrival_route" => input.arrival_route = kind(value)?,
        "transported_by" => input.transported_by = kind(value)?,
        "assessment.by" | "assessment.at" | "assessment.conclusion" => {
            // Correcting is for what was recorded; the page records an assessment not yet made.
            let a = input
                .assessment
                .as_mut()
                .ok_or_else(|| Error::invalid("field", msg!("error.corrections.no_assessment")))?;
            match field {
                "assessment.by" => a.by = kind(value)?,
                "assessment.at" => a.at = value.trim().to_owned(),
                _ => a.conclusion = value.trim().to_owned(),
            }
        }
        "rve.contacted_at" | "rve.contacted_by" | "rve.decision" | "rve.decided_at" => {
            let rve = input.rve.get_or_insert_with(RveInput::default);
            match field {
                "rve.contacted_at" => rve.contacted_at = optional(value),
                "rve.contacted_by" => rve.contacted_by = value.trim().to_owned(),
                "rve.decision" => rve.decision = optional(value).map(|v| kind(&v)).transpose()?,
                _ => rve.decided_at = optional(value),
            }
        }
        _ => return Err(unknown_field(PLACEMENT_FIELDS)),
    }
    Ok(())
}

fn set_stay_field(stay: &mut StayInput, field: &str, value: &str) -> Result<()> {
    match field {
        "in" => stay.in_at = value.trim().to_owned(),
        "out" => stay.out_at = optional(value),
        "category" => stay.category = kind(value)?,
        "destination" => stay.destination = optional(value).map(|v| kind(&v)).transpose()?,
        "decision_reference" => stay.decision_reference = value.to_owned(),
        "ready_to_move" => stay.ready_to_move = optional(value),
        "school_from" => stay.school_from = optional(value),
        "health_offered_on" => stay.health_offered_on = optional(value),
        "own_conversation_on" => stay.own_conversation_on = optional(value),
        _ => return Err(unknown_field(STAY_FIELDS)),
    }
    Ok(())
}

fn unknown_field(known: &[&str]) -> Error {
    Error::invalid(
        "field",
        msg!("error.corrections.unknown_field", fields = known.join(", ")),
    )
}
