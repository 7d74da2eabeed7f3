//! A child's own rights in skyddat boende (since the 2024 reform each child is an insats of her
//! or his own): school, a health examination offered and the child's own conversation. The home
//! screen shows the children still waiting for one of them after two weeks.

use super::{Category, Placement};
use crate::clock;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

/// How long a child may stay before every right should have been arranged, in days.
pub const WITHIN_DAYS: i64 = 14;

/// A child here now for longer than `WITHIN_DAYS` with a right not arranged yet. Named by keys,
/// never by name: the home screen is seen by everyone on duty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChildWaiting {
    pub placement: String,
    pub person: String,
    pub moved_in: NaiveDate,
    pub days: i64,
    /// The rights not arranged, by their field names (`school_from`, `health_offered_on`,
    /// `own_conversation_on`).
    pub missing: Vec<&'static str>,
}

/// The children of `placements` present at `now` who moved in more than `WITHIN_DAYS` ago and
/// still wait for a right, longest waiting first.
pub fn waiting(placements: &[Placement], now: DateTime<Utc>) -> Vec<ChildWaiting> {
    let today = clock::swedish_date(now);
    let mut out: Vec<ChildWaiting> = placements
        .iter()
        .flat_map(|p| p.stays.iter().map(move |s| (p, s)))
        .filter(|(_, s)| s.category == Category::Child && s.present_at(now))
        .filter_map(|(p, s)| {
            let moved_in = clock::swedish_date(s.in_at);
            let days = (today - moved_in).num_days();
            let missing: Vec<&'static str> = [
                ("school_from", s.rights.school_from),
                ("health_offered_on", s.rights.health_offered_on),
                ("own_conversation_on", s.rights.own_conversation_on),
            ]
            .into_iter()
            .filter(|(_, day)| day.is_none())
            .map(|(name, _)| name)
            .collect();
            (days > WITHIN_DAYS && !missing.is_empty()).then(|| ChildWaiting {
                placement: p.key.clone(),
                person: s.person.clone(),
                moved_in,
                days,
                missing,
            })
        })
        .collect();
    out.sort_by(|a, b| b.days.cmp(&a.days).then_with(|| a.person.cmp(&b.person)));
    out
}
