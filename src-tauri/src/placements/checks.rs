//! What a placement's input must satisfy on its own, decided without the store: the times of a
//! stay, the arrival, the protection assessment and the RVE contact and decision. Each refusal
//! names the field (`stays.1.out`, `rve.decided_at`); `save.rs` adds the checks that need the
//! store (people, overlaps, the one adult) and writes.

use super::*;
use crate::clock;
use crate::error::{Error, Result};
use crate::msg;
use crate::records;
use crate::text::Message;
use chrono::{DateTime, Utc};

pub(super) fn time(field: &str, label: Message, text: &str) -> Result<DateTime<Utc>> {
    clock::read_time(text).map_err(|m| Error::invalid(field, msg!("error.placements.time", label = label, reason = m)))
}

pub(super) fn not_future(field: &str, label: Message, t: DateTime<Utc>, now: DateTime<Utc>) -> Result<()> {
    if t > now {
        return Err(Error::invalid(
            field,
            msg!("error.placements.future", label = label, at = clock::to_local_text(t)),
        ));
    }
    Ok(())
}

pub(super) fn non_empty(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// A stay's move-in and move-out: readable, not in the future, out after in, and a destination
/// only with a move-out. `prefix` is the stay's place in the input (`stays.1.`).
pub(super) fn stay_times(
    s: &StayInput,
    prefix: &str,
    now: DateTime<Utc>,
) -> Result<(DateTime<Utc>, Option<DateTime<Utc>>)> {
    let f = |name: &str| format!("{prefix}{name}");
    let in_at = time(&f("in"), msg!("label.placements.in_time"), &s.in_at)?;
    not_future(&f("in"), msg!("label.placements.the_in"), in_at, now)?;
    let out_at = non_empty(&s.out_at)
        .map(|t| time(&f("out"), msg!("label.placements.out_time"), t))
        .transpose()?;
    if let Some(out) = out_at {
        if out <= in_at {
            return Err(Error::invalid(
                &f("out"),
                msg!(
                    "error.placements.out_before_in",
                    moved_out = clock::to_local_text(out),
                    moved_in = clock::to_local_text(in_at)
                ),
            ));
        }
        not_future(&f("out"), msg!("label.placements.the_out"), out, now)?;
    } else if s.destination.is_some() {
        return Err(Error::invalid(
            &f("destination"),
            msg!("error.placements.destination_too_early"),
        ));
    }
    Ok((in_at, out_at))
}

/// The day from which someone is ready to move out: a date, not before the move-in's day, not
/// after the move-out's, and not in the future.
pub(super) fn ready_to_move(
    s: &StayInput,
    field: &str,
    in_at: DateTime<Utc>,
    out_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<Option<chrono::NaiveDate>> {
    let Some(text) = non_empty(&s.ready_to_move) else {
        return Ok(None);
    };
    let day = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| Error::invalid(field, msg!("error.placements.ready_to_move_date")))?;
    let last = out_at.map_or_else(|| clock::swedish_date(now), clock::swedish_date);
    if day < clock::swedish_date(in_at) || day > last {
        return Err(Error::invalid(field, msg!("error.placements.ready_to_move_outside")));
    }
    Ok(Some(day))
}

/// A child's rights, each a day within the stay (as `ready_to_move`); only a child has them.
pub(super) fn child_rights(
    s: &StayInput,
    prefix: &str,
    in_at: DateTime<Utc>,
    out_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<super::ChildRights> {
    let day = |name: &str, text: &Option<String>| -> Result<Option<chrono::NaiveDate>> {
        let field = format!("{prefix}{name}");
        let Some(text) = non_empty(text) else {
            return Ok(None);
        };
        if s.category != super::Category::Child {
            return Err(Error::invalid(&field, msg!("error.placements.rights_of_a_child")));
        }
        let day = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map_err(|_| Error::invalid(&field, msg!("error.records.date")))?;
        let last = out_at.map_or_else(|| clock::swedish_date(now), clock::swedish_date);
        if day < clock::swedish_date(in_at) || day > last {
            return Err(Error::invalid(&field, msg!("error.placements.rights_outside")));
        }
        Ok(Some(day))
    };
    Ok(super::ChildRights {
        school_from: day("school_from", &s.school_from)?,
        health_offered_on: day("health_offered_on", &s.health_offered_on)?,
        own_conversation_on: day("own_conversation_on", &s.own_conversation_on)?,
    })
}

/// When the placement arrived: as given, or at its first move-in; never in the future, and
/// never after anyone's move-in. `in_times` are the stays' person keys and move-ins, in order.
pub(super) fn arrival(
    given: Option<&str>,
    in_times: &[(&str, DateTime<Utc>)],
    now: DateTime<Utc>,
) -> Result<DateTime<Utc>> {
    let earliest = in_times.iter().map(|(_, t)| *t).min().expect("at least one stay");
    let arrived = match given.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => time("arrived", msg!("label.placements.arrival_time"), t)?,
        None => earliest,
    };
    not_future("arrived", msg!("label.placements.the_arrival"), arrived, now)?;
    for (i, (key, in_at)) in in_times.iter().enumerate() {
        if *in_at < arrived {
            return Err(Error::invalid(
                &format!("stays.{i}.in"),
                crate::msg!(
                    "error.placements.in_before_arrival",
                    key = *key,
                    moved_in = clock::to_local_text(*in_at),
                    arrived = clock::to_local_text(arrived)
                ),
            ));
        }
    }
    Ok(arrived)
}

/// The protection assessment, if one is given: its time readable and not in the future.
pub(super) fn assessment(input: Option<&AssessmentInput>, now: DateTime<Utc>) -> Result<Option<Assessment>> {
    let Some(a) = input else {
        return Ok(None);
    };
    let at = time("assessment.at", msg!("label.placements.assessment_time"), &a.at)?;
    not_future("assessment.at", msg!("label.placements.the_assessment"), at, now)?;
    let conclusion = records::optional(
        "assessment.conclusion",
        crate::msg!("label.placements.conclusion"),
        &a.conclusion,
        2000,
    )?;
    Ok(Some(Assessment {
        by: a.by,
        at,
        conclusion,
    }))
}

/// The RVE contact and decision: a contact names who made it; a decision has its time and a
/// time its decision; neither in the future.
pub(super) fn rve(input: RveInput, now: DateTime<Utc>) -> Result<Rve> {
    let contacted_at = non_empty(&input.contacted_at)
        .map(|t| time("rve.contacted_at", msg!("label.placements.rve_contact_time"), t))
        .transpose()?;
    if let Some(t) = contacted_at {
        not_future("rve.contacted_at", msg!("label.placements.the_contact"), t, now)?;
    }
    let contacted_by = records::optional(
        "rve.contacted_by",
        crate::msg!("label.placements.contacted_by"),
        &input.contacted_by,
        80,
    )?;
    if contacted_at.is_some() && contacted_by.is_empty() {
        return Err(Error::invalid(
            "rve.contacted_by",
            msg!("error.placements.rve_contacted_by_missing"),
        ));
    }
    let decided_at = non_empty(&input.decided_at)
        .map(|t| time("rve.decided_at", msg!("label.placements.decision_time"), t))
        .transpose()?;
    match (input.decision, decided_at) {
        (Some(_), None) => {
            return Err(Error::invalid(
                "rve.decided_at",
                msg!("error.placements.rve_decided_at_missing"),
            ));
        }
        (None, Some(_)) => {
            return Err(Error::invalid(
                "rve.decision",
                msg!("error.placements.rve_decision_missing"),
            ));
        }
        (_, Some(t)) => not_future("rve.decided_at", msg!("label.placements.the_decision"), t, now)?,
        _ => {}
    }
    Ok(Rve {
        contacted_at,
        contacted_by,
        decision: input.decision,
        decided_at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 7, 2, 30, 0).unwrap()
    }

    fn refused_field<T: std::fmt::Debug>(r: Result<T>) -> String {
        r.unwrap_err().field.unwrap_or_default()
    }

    #[test]
    fn an_rve_decision_needs_its_time_and_a_time_its_decision_without_any_store() {
        let decided = |decision, at: Option<&str>| RveInput {
            decision,
            decided_at: at.map(str::to_owned),
            ..RveInput::default()
        };
        assert_eq!(
            refused_field(rve(decided(Some(RveDecision::Ended), None), now())),
            "rve.decided_at"
        );
        assert_eq!(
            refused_field(rve(decided(None, Some("2026-12-06 10:00")), now())),
            "rve.decision"
        );
        assert_eq!(
            refused_field(rve(decided(Some(RveDecision::Ended), Some("2026-12-08 10:00")), now())),
            "rve.decided_at"
        );
        let contact = RveInput {
            contacted_at: Some("2026-12-06 10:00".into()),
            ..RveInput::default()
        };
        assert_eq!(refused_field(rve(contact, now())), "rve.contacted_by");
        assert!(rve(decided(Some(RveDecision::Ended), Some("2026-12-06 10:00")), now()).is_ok());
    }

    #[test]
    fn the_arrival_is_the_first_move_in_unless_given_and_never_after_a_move_in() {
        let at = |h| Utc.with_ymd_and_hms(2026, 12, 6, h, 0, 0).unwrap();
        let stays = [("A", at(22)), ("B", at(23))];
        assert_eq!(arrival(None, &stays, now()).unwrap(), at(22));
        assert_eq!(arrival(Some("  "), &stays, now()).unwrap(), at(22));
        // 23:30 Swedish time is 22:30 UTC: after the first move-in.
        assert_eq!(
            refused_field(arrival(Some("2026-12-06 23:30"), &stays, now())),
            "stays.0.in"
        );
        assert_eq!(
            refused_field(arrival(Some("2026-12-07 09:00"), &stays, now())),
            "arrived"
        );
    }
}
