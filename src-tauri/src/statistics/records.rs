//! What a period's statistics are computed from, read from the store in one place, so that the
//! computation (`compute::figures`) reads nothing and decides everything, as billing's engine.

use super::Span;
use crate::clock;
use crate::error::Result;
use crate::people::{self, Person};
use crate::placements::{Placement, views};
use crate::registers::municipalities::{self, Municipality};
use crate::registers::rooms::{self, Room};
use crate::store::columns::Stored;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rusqlite::Connection;
use std::collections::{BTreeSet, HashMap};

/// A placement's rooms over time: from each instant, the room (if any) until the next.
pub type Timeline = Vec<(DateTime<Utc>, Option<String>)>;

/// The records a period's figures follow from.
#[derive(Debug, Clone)]
pub struct Records {
    /// The placements that overlap the period (by store id).
    pub placements: Vec<(i64, Placement)>,
    /// The people in them, by key.
    pub people: HashMap<String, Person>,
    /// Ages kept at arrival, by (placement key, person key), for people whose birth dates
    /// retention has removed.
    pub kept_ages: HashMap<(String, String), i32>,
    /// Each placement's rooms over time, by store id.
    pub timelines: HashMap<i64, Timeline>,
    /// Every municipality, in the price class it was in at the period's end (or today, for a
    /// period still running): a later change of class never changes a past year's figures.
    pub municipalities: Vec<Municipality>,
    pub rooms: Vec<Room>,
    /// The organisation's entry for the period's first year, and the permit's places in force at
    /// its end.
    pub organisation_year: Option<crate::organisation_year::OrganisationYear>,
    pub ivo_places: Option<u32>,
    /// The period's requests for a place.
    pub requests: Vec<crate::requests::Request>,
    /// The period's support contacts.
    pub support_contacts: Vec<crate::support::SupportContact>,
    /// The dates of the reports of concern and of the Lex Sarah reports.
    pub concern_reports: Vec<NaiveDate>,
    pub lex_sarah_reports: Vec<NaiveDate>,
}

impl Records {
    /// What `span`'s figures need, as the store holds it at `now`.
    pub fn gather(conn: &Connection, span: Span, now: DateTime<Utc>) -> Result<Records> {
        // Only what overlaps the span can count in it: a stay from before its first midnight to
        // after its last (the nights, the move-outs), or an arrival within it.
        let placements = views::overlapping(
            conn,
            clock::local_midnight(span.from),
            clock::local_midnight(span.to.succ_opt().expect("a next day")),
        )?;
        let keys: BTreeSet<&str> = placements
            .iter()
            .flat_map(|(_, p)| p.stays.iter().map(|s| s.person.as_str()))
            .collect();
        let people = people::by_keys(conn, &keys.into_iter().collect::<Vec<_>>())?
            .into_iter()
            .map(|p| (p.key.clone(), p))
            .collect();
        let book = crate::terms::Book::load(conn)?;
        let class_on = span.to.min(clock::swedish_date(now));
        let municipalities = municipalities::list_with_ids(conn)?
            .into_iter()
            .map(|(id, mut m)| {
                m.price_class = book.price_class(id, class_on);
                m
            })
            .collect();
        Ok(Records {
            kept_ages: kept_ages(conn, &placements)?,
            timelines: room_timelines(conn, &placements)?,
            placements,
            people,
            municipalities,
            rooms: rooms::list(conn)?.into_iter().map(|(_, r)| r).collect(),
            requests: crate::requests::between(conn, span.from, span.to)?,
            organisation_year: crate::organisation_year::of(conn, span.from.year())?,
            ivo_places: crate::organisation_year::ivo_places(conn, span.to.year())?,
            support_contacts: crate::support::between(conn, span.from, span.to)?,
            concern_reports: crate::concerns::all(conn)?.iter().map(|c| c.reported_on).collect(),
            lex_sarah_reports: crate::lex_sarah::all(conn)?.iter().map(|r| r.reported_on).collect(),
        })
    }
}

/// The placements' ids as one JSON array, for `json_each`.
fn ids(placements: &[(i64, Placement)]) -> String {
    serde_json::to_string(&placements.iter().map(|(id, _)| *id).collect::<Vec<_>>()).expect("numbers")
}

fn kept_ages(conn: &Connection, placements: &[(i64, Placement)]) -> Result<HashMap<(String, String), i32>> {
    let mut stmt = conn.prepare(
        "SELECT p.key, pe.key, s.age_at_in FROM stays s JOIN placements p ON p.id = s.placement_id
         JOIN people pe ON pe.id = s.person_id
         WHERE s.age_at_in IS NOT NULL AND s.placement_id IN (SELECT value FROM json_each(?1))",
    )?;
    Ok(stmt
        .query_map([ids(placements)], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?)
}

/// Each placement's rooms over time, from its current room and its recorded room changes: the
/// room before the first change until then, and after each change its new room. One query for
/// all the placements of a report.
fn room_timelines(conn: &Connection, placements: &[(i64, Placement)]) -> Result<HashMap<i64, Timeline>> {
    let mut stmt = conn.prepare(
        "SELECT placement_id, at, before, after, id FROM corrections
         WHERE what = 'Rumsbyte' AND placement_id IN (SELECT value FROM json_each(?1)) ORDER BY id",
    )?;
    type Change = (DateTime<Utc>, Option<String>, Option<String>);
    let mut changes: HashMap<i64, Vec<Change>> = HashMap::new();
    let mut rows = stmt.query([ids(placements)])?;
    while let Some(r) = rows.next()? {
        let s = Stored::new(r, "corrections", 4)?;
        changes
            .entry(s.get(0)?)
            .or_default()
            .push((s.time(1)?, s.json(2)?, s.json(3)?));
    }
    Ok(placements
        .iter()
        .map(|(id, p)| {
            let changes = changes.remove(id).unwrap_or_default();
            let first = changes
                .first()
                .map_or_else(|| p.room.clone(), |(_, before, _)| before.clone());
            let mut timeline = vec![(DateTime::<Utc>::MIN_UTC, first)];
            timeline.extend(changes.into_iter().map(|(at, _, after)| (at, after)));
            (*id, timeline)
        })
        .collect())
}
