//! Checks before a report: what looks wrong in a period's records, each with the record it is
//! about, so that the office can put it right before the figures leave the house. Nothing here
//! changes a figure; a finding is a question for a person, not a rule.

use super::Span;
use super::records::Records;
use crate::clock;
use crate::error::Result;
use crate::people::Gender;
use crate::placements::{Category, Stay};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;
use serde::Serialize;

/// A stay still open after this many days is more likely a move-out never recorded than a stay.
pub const PLAUSIBLE_DAYS: i64 = 365;

/// What a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A stay open longer than `PLAUSIBLE_DAYS`.
    LongStay,
    /// A placement without the municipality's reference code (YY-kod) for its invoices: neither
    /// its own nor its municipality's.
    NoReference,
    /// A child's stay without the child's own decision.
    ChildWithoutDecision,
    /// A move-out without where the person went.
    NoDestination,
    /// A person whose gender is not given.
    GenderNotGiven,
    /// A request for a place still without an outcome.
    RequestWithoutOutcome,
}

/// One thing that looks wrong, and where: the placement and person by key (the window links
/// to them), or the request's date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub kind: Kind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub placement: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
    pub date: NaiveDate,
    /// For a long stay, its days so far.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days: Option<i64>,
}

fn in_span(s: &Stay, span: Span) -> bool {
    clock::swedish_date(s.in_at) <= span.to && s.out_at.is_none_or(|out| clock::swedish_date(out) > span.from)
}

/// What looks wrong in `span`'s records, as they stand at `now`.
pub fn check(conn: &Connection, span: Span, now: DateTime<Utc>) -> Result<Vec<Finding>> {
    Ok(findings(&Records::gather(conn, span, now)?, span, now))
}

/// The findings of records gathered for `span`, in order: by kind, then date.
pub fn findings(records: &Records, span: Span, now: DateTime<Utc>) -> Vec<Finding> {
    let today = clock::swedish_date(now);
    let mut out = Vec::new();
    let mut genders_asked: std::collections::BTreeSet<&str> = std::collections::BTreeSet::new();
    for (_, p) in &records.placements {
        let stays: Vec<&Stay> = p.stays.iter().filter(|s| in_span(s, span)).collect();
        if stays.is_empty() {
            continue;
        }
        let finding = |kind, s: Option<&Stay>, date, days| Finding {
            kind,
            placement: Some(p.key.clone()),
            person: s.map(|s| s.person.clone()),
            date,
            days,
        };
        let municipality_has_one = records
            .municipalities
            .iter()
            .any(|m| m.key == p.municipality && !m.buyer_reference.trim().is_empty());
        if p.yy_code.trim().is_empty() && !municipality_has_one {
            out.push(finding(Kind::NoReference, None, clock::swedish_date(p.arrived), None));
        }
        for s in stays {
            let moved_in = clock::swedish_date(s.in_at);
            let days = (today - moved_in).num_days();
            if s.out_at.is_none() && days > PLAUSIBLE_DAYS {
                out.push(finding(Kind::LongStay, Some(s), moved_in, Some(days)));
            }
            if s.category == Category::Child && s.decision_reference.trim().is_empty() {
                out.push(finding(Kind::ChildWithoutDecision, Some(s), moved_in, None));
            }
            if let Some(out_at) = s.out_at
                && s.destination.is_none()
                && span.contains(clock::swedish_date(out_at))
            {
                out.push(finding(Kind::NoDestination, Some(s), clock::swedish_date(out_at), None));
            }
            let not_given = records
                .people
                .get(&s.person)
                .is_some_and(|person| person.gender == Gender::NotGiven);
            if not_given && genders_asked.insert(&s.person) {
                out.push(finding(Kind::GenderNotGiven, Some(s), moved_in, None));
            }
        }
    }
    for r in records
        .requests
        .iter()
        .filter(|r| r.outcome.is_none() && span.contains(r.date))
    {
        out.push(Finding {
            kind: Kind::RequestWithoutOutcome,
            placement: None,
            person: None,
            date: r.date,
            days: None,
        });
    }
    out.sort_by(|a, b| (a.kind, a.date, &a.placement, &a.person).cmp(&(b.kind, b.date, &b.placement, &b.person)));
    out
}

/// What a finding says, in either language.
pub fn describe(f: &Finding) -> crate::text::Message {
    let placement = f.placement.clone().unwrap_or_default();
    let person = f.person.clone().unwrap_or_default();
    match f.kind {
        Kind::LongStay => crate::msg!(
            "label.check.long_stay",
            placement = placement,
            person = person,
            date = f.date,
            days = f.days.unwrap_or(0)
        ),
        Kind::NoReference => crate::msg!("label.check.no_reference", placement = placement, date = f.date),
        Kind::ChildWithoutDecision => crate::msg!(
            "label.check.child_without_decision",
            placement = placement,
            person = person,
            date = f.date
        ),
        Kind::NoDestination => crate::msg!(
            "label.check.no_destination",
            placement = placement,
            person = person,
            date = f.date
        ),
        Kind::GenderNotGiven => crate::msg!("label.check.gender_not_given", placement = placement, person = person),
        Kind::RequestWithoutOutcome => crate::msg!("label.check.request_without_outcome", date = f.date),
    }
}
