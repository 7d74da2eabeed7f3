//! The twice-yearly follow-up of acute placements with Arbetslivsförvaltningen: how many acute
//! placements began in the half-year, how many went beyond two dygn, how fast
//! Relationsvåldsenheten was contacted, its decisions, where people went, and the acute room's use.

use super::Span;
use super::compute::{self, Label, Occupancy, Row};
use crate::clock;
use crate::error::Result;
use crate::placements::{Destination, RveDecision, views};
use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FollowUp {
    pub period: Span,
    pub acute_placements: u32,
    pub beyond_two_nights: u32,
    /// Hours from arrival to contact with Relationsvåldsenheten, for those contacted.
    pub contact_median_hours: Option<f64>,
    pub contact_longest_hours: Option<f64>,
    pub contacted: u32,
    pub not_contacted: u32,
    pub contacted_within_48_hours: u32,
    pub decisions: Vec<Row>,
    pub outcomes: Vec<Row>,
    pub acute_room_occupancy: Occupancy,
}

fn hours(minutes: i64) -> f64 {
    (minutes as f64 / 6.0).round() / 10.0
}

pub fn follow_up(conn: &Connection, span: Span, now: DateTime<Utc>) -> Result<FollowUp> {
    let from = clock::local_midnight(span.from);
    let to = clock::local_midnight(span.to.succ_opt().expect("a next day"));
    let acute: Vec<_> = views::arrived_between(conn, from, to)?
        .into_iter()
        .filter(|p| p.acute && span.contains(clock::swedish_date(p.arrived)))
        .collect();
    let mut waits: Vec<i64> = acute
        .iter()
        .filter_map(|p| p.rve.contacted_at.map(|c| (c - p.arrived).num_minutes().max(0)))
        .collect();
    waits.sort_unstable();
    let median = match waits.len() {
        0 => None,
        n if n % 2 == 1 => Some(hours(waits[n / 2])),
        n => Some(hours((waits[n / 2 - 1] + waits[n / 2]) / 2)),
    };
    let decisions = RveDecision::ALL
        .iter()
        .map(|d| {
            (
                d.as_str(),
                Label::Decision(*d),
                acute.iter().filter(|p| p.rve.decision == Some(*d)).count(),
            )
        })
        .chain(std::iter::once((
            "inget",
            Label::Text(crate::msg!("label.statistics.no_decision")),
            acute.iter().filter(|p| p.rve.decision.is_none()).count(),
        )))
        .map(|(key, label, n)| Row {
            key: key.into(),
            label,
            count: n as u32,
        })
        .collect();
    let moved: Vec<Option<Destination>> = acute
        .iter()
        .flat_map(|p| p.stays.iter())
        .filter(|s| s.out_at.is_some_and(|o| o <= now))
        .map(|s| s.destination)
        .collect();
    let outcomes = Destination::ALL
        .iter()
        .map(|d| Row {
            key: d.as_str().into(),
            label: Label::Destination(*d),
            count: moved.iter().filter(|m| **m == Some(*d)).count() as u32,
        })
        .chain(std::iter::once(Row {
            key: "ej_angivet".into(),
            label: Label::Text(crate::msg!("label.statistics.not_recorded")),
            count: moved.iter().filter(|m| m.is_none()).count() as u32,
        }))
        .collect();
    let whole = compute::compute(conn, span, now)?;
    Ok(FollowUp {
        period: span,
        acute_placements: acute.len() as u32,
        beyond_two_nights: acute
            .iter()
            .filter(|p| crate::billing::nights::beyond_two_dygn(&compute::placement_nights(p, now)))
            .count() as u32,
        contact_median_hours: median,
        contact_longest_hours: waits.last().map(|m| hours(*m)),
        contacted: waits.len() as u32,
        not_contacted: (acute.len() - waits.len()) as u32,
        contacted_within_48_hours: waits.iter().filter(|m| **m <= 48 * 60).count() as u32,
        decisions,
        outcomes,
        acute_room_occupancy: whole.acute_room_occupancy,
    })
}
