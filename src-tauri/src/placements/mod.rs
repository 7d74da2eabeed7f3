//! Placements: a woman, and the children who come with her, placed by a municipality. Each
//! person has her or his own stay, with their own in and out times; a child may come later or
//! leave earlier. Every later number (nights, invoices, statistics) is computed from these
//! records, so the rules are checked when they are written, not when they are read:
//!
//! - no person is in two stays that overlap (stays are half-open: out at 10:00 and in at 10:00
//!   elsewhere is fine);
//! - a stay's out is after its in, and neither lies in the future;
//! - every stay begins at or after the placement's arrival, which starts the acute clock;
//! - a placement has exactly one adult, who is not a child by her birth date;
//! - the municipality, the room and the people named exist; required fields are present.
//!
//! Each refusal is a Swedish message naming the field; the caller's transaction is then rolled
//! back, so nothing is half-saved.

pub mod acute;
pub mod afterwards;
mod checks;
pub mod correct;
mod decide;
pub mod kinds;
pub mod rights;
pub mod save;
pub mod views;

pub use afterwards::{
    RightsInput, add_stay, change_room, move_out, record_assessment, record_child_rights, record_ready_to_move,
    record_rve_contact, record_rve_decision, undo_move_out,
};
pub use kinds::{ArrivalRoute, Assessor, Category, Destination, RveDecision, Transport, Violence};
pub use save::save;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A placement as stored, and as exported (times as instants).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Placement {
    pub key: String,
    pub municipality: String,
    /// The municipality's case or decision reference.
    pub reference: String,
    pub yy_code: String,
    pub acute: bool,
    pub room: Option<String>,
    pub violence: Violence,
    pub arrival_route: ArrivalRoute,
    pub transported_by: Transport,
    /// When the person arrived: the start of the acute clock.
    pub arrived: DateTime<Utc>,
    pub assessment: Option<Assessment>,
    pub rve: Rve,
    pub stays: Vec<Stay>,
}

/// The acute protection assessment made by sociala jouren or the police, as documented.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Assessment {
    pub by: Assessor,
    pub at: DateTime<Utc>,
    pub conclusion: String,
}

/// Contact with Relationsvåldsenheten and its decision.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Rve {
    pub contacted_at: Option<DateTime<Utc>>,
    pub contacted_by: String,
    pub decision: Option<RveDecision>,
    pub decided_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stay {
    pub person: String,
    pub category: Category,
    /// The child's (or adult's) own decision reference; since 1 April 2024 each child is an insats.
    pub decision_reference: String,
    #[serde(rename = "in")]
    pub in_at: DateTime<Utc>,
    #[serde(rename = "out")]
    pub out_at: Option<DateTime<Utc>>,
    pub destination: Option<Destination>,
    /// Ready to move out from this day, with no housing to go to.
    pub ready_to_move: Option<chrono::NaiveDate>,
    /// A child's own rights in skyddat boende (since the 2024 reform): the day school was
    /// arranged from, the day a health examination was offered, the day the child's own
    /// conversation was held.
    #[serde(flatten)]
    pub rights: ChildRights,
}

/// What a child in skyddat boende has a right to, by the day each was arranged. Only a child's
/// stay has them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ChildRights {
    pub school_from: Option<chrono::NaiveDate>,
    pub health_offered_on: Option<chrono::NaiveDate>,
    pub own_conversation_on: Option<chrono::NaiveDate>,
}

impl ChildRights {
    /// Whether each was arranged by `day`.
    pub fn all_by(&self, day: chrono::NaiveDate) -> bool {
        [self.school_from, self.health_offered_on, self.own_conversation_on]
            .iter()
            .all(|d| d.is_some_and(|d| d <= day))
    }
}

impl Stay {
    /// Whether the person is at the shelter at `instant`.
    pub fn present_at(&self, instant: DateTime<Utc>) -> bool {
        self.in_at <= instant && self.out_at.is_none_or(|out| instant < out)
    }
}

impl Placement {
    /// Whether everyone has moved out by `now`.
    pub fn ended_by(&self, now: DateTime<Utc>) -> bool {
        self.stays.iter().all(|s| s.out_at.is_some_and(|o| o <= now))
    }

    pub fn adult(&self) -> Option<&Stay> {
        self.stays.iter().find(|s| s.category == Category::Adult)
    }
}

/// A placement as typed into the intake form or read from an import file: times are text in
/// Swedish local time (or with an offset), checked into a [`Placement`] when saved.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlacementInput {
    /// Generated when absent.
    #[serde(default)]
    pub key: Option<String>,
    pub municipality: String,
    #[serde(default)]
    pub reference: String,
    #[serde(default)]
    pub yy_code: String,
    pub acute: bool,
    #[serde(default)]
    pub room: Option<String>,
    pub violence: Violence,
    #[serde(default)]
    pub arrival_route: ArrivalRoute,
    #[serde(default)]
    pub transported_by: Transport,
    /// Defaults to the earliest stay's in.
    #[serde(default)]
    pub arrived: Option<String>,
    #[serde(default)]
    pub assessment: Option<AssessmentInput>,
    #[serde(default)]
    pub rve: Option<RveInput>,
    pub stays: Vec<StayInput>,
    /// A municipality not in the register, by its name alone: added (incomplete, see
    /// `municipalities::add_incomplete`) in the same save, and the placement's municipality.
    #[serde(default, skip_serializing)]
    pub new_municipality: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssessmentInput {
    pub by: Assessor,
    pub at: String,
    #[serde(default)]
    pub conclusion: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RveInput {
    #[serde(default)]
    pub contacted_at: Option<String>,
    #[serde(default)]
    pub contacted_by: String,
    #[serde(default)]
    pub decision: Option<RveDecision>,
    #[serde(default)]
    pub decided_at: Option<String>,
}

/// One person's stay. The person is named by key; the other person fields create a new person
/// (a key is generated when none is given) or update the one with that key. A stay without a key
/// whose personnummer is already recorded is that person's: a returning person is reused.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StayInput {
    #[serde(default)]
    pub person: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub birth_year: Option<i32>,
    #[serde(default)]
    pub birth_date: Option<String>,
    #[serde(default)]
    pub personal_number: Option<String>,
    #[serde(default)]
    pub protected_identity: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<crate::people::Gender>,
    pub category: Category,
    #[serde(default)]
    pub decision_reference: String,
    #[serde(rename = "in")]
    pub in_at: String,
    #[serde(default, rename = "out")]
    pub out_at: Option<String>,
    #[serde(default)]
    pub destination: Option<Destination>,
    /// The day from which the person is ready to move out but has no housing (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ready_to_move: Option<String>,
    /// A child's rights (`YYYY-MM-DD`): see `ChildRights`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub school_from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health_offered_on: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub own_conversation_on: Option<String>,
}

impl PlacementInput {
    /// The form of a stored placement, for adding to it or correcting it.
    pub fn from_placement(p: &Placement) -> PlacementInput {
        let t = |i: DateTime<Utc>| crate::clock::to_local_rfc3339(i);
        PlacementInput {
            key: Some(p.key.clone()),
            municipality: p.municipality.clone(),
            reference: p.reference.clone(),
            yy_code: p.yy_code.clone(),
            acute: p.acute,
            room: p.room.clone(),
            violence: p.violence,
            arrival_route: p.arrival_route,
            transported_by: p.transported_by,
            arrived: Some(t(p.arrived)),
            assessment: p.assessment.as_ref().map(|a| AssessmentInput {
                by: a.by,
                at: t(a.at),
                conclusion: a.conclusion.clone(),
            }),
            rve: Some(RveInput {
                contacted_at: p.rve.contacted_at.map(t),
                contacted_by: p.rve.contacted_by.clone(),
                decision: p.rve.decision,
                decided_at: p.rve.decided_at.map(t),
            }),
            stays: p
                .stays
                .iter()
                .map(|s| StayInput {
                    person: Some(s.person.clone()),
                    category: s.category,
                    decision_reference: s.decision_reference.clone(),
                    in_at: t(s.in_at),
                    out_at: s.out_at.map(t),
                    destination: s.destination,
                    ready_to_move: s.ready_to_move.map(|d| d.to_string()),
                    school_from: s.rights.school_from.map(|d| d.to_string()),
                    health_offered_on: s.rights.health_offered_on.map(|d| d.to_string()),
                    own_conversation_on: s.rights.own_conversation_on.map(|d| d.to_string()),
                    ..StayInput::default()
                })
                .collect(),
            new_municipality: None,
        }
    }
}
