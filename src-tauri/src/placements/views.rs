//! Reading placements: one placement whole, who is here now, the acute clocks, the rooms board,
//! and lists. Everything shown in the window comes from here, computed from the stored records.

use super::acute::{self, AcuteClock, ClockState};
use super::*;
use crate::clock;
use crate::corrections::{self, Correction};
use crate::error::{Code, Error, Result};
use crate::people::{self, Person};
use crate::registers::{municipalities, rooms};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};

fn time(text: &str) -> Result<DateTime<Utc>> {
    clock::from_stored(text)
        .ok_or_else(|| Error::new(Code::DamagedDatabase, "En tidpunkt i databasen går inte att läsa."))
}

fn opt_time(text: Option<String>) -> Result<Option<DateTime<Utc>>> {
    text.as_deref().map(time).transpose()
}

/// A placement row as stored, before its text is read into domain values.
struct Row {
    id: i64,
    key: String,
    municipality: String,
    reference: String,
    yy_code: String,
    acute: bool,
    room: Option<String>,
    violence: String,
    arrival_route: String,
    transported_by: String,
    arrived: String,
    assessment_by: Option<String>,
    assessment_at: Option<String>,
    assessment_conclusion: String,
    rve_contacted_at: Option<String>,
    rve_contacted_by: String,
    rve_decision: Option<String>,
    rve_decided_at: Option<String>,
}

/// A placement by key, with its id.
pub fn load(conn: &Connection, key: &str) -> Result<Option<(i64, Placement)>> {
    let row = conn
        .query_row(
            "SELECT p.id, p.key, m.key, p.reference, p.yy_code, p.acute, r.key, p.violence, p.arrival_route, p.transported_by,
                    p.arrived_at, p.assessment_by, p.assessment_at, p.assessment_conclusion, p.rve_contacted_at,
                    p.rve_contacted_by, p.rve_decision, p.rve_decided_at
             FROM placements p JOIN municipalities m ON m.id = p.municipality_id LEFT JOIN rooms r ON r.id = p.room_id
             WHERE p.key = ?1",
            [key],
            |r| {
                Ok(Row {
                    id: r.get(0)?,
                    key: r.get(1)?,
                    municipality: r.get(2)?,
                    reference: r.get(3)?,
                    yy_code: r.get(4)?,
                    acute: r.get(5)?,
                    room: r.get(6)?,
                    violence: r.get(7)?,
                    arrival_route: r.get(8)?,
                    transported_by: r.get(9)?,
                    arrived: r.get(10)?,
                    assessment_by: r.get(11)?,
                    assessment_at: r.get(12)?,
                    assessment_conclusion: r.get(13)?,
                    rve_contacted_at: r.get(14)?,
                    rve_contacted_by: r.get(15)?,
                    rve_decision: r.get(16)?,
                    rve_decided_at: r.get(17)?,
                })
            },
        )
        .optional()?;
    let Some(row) = row else {
        return Ok(None);
    };
    let id = row.id;
    let assessment = match (row.assessment_by, row.assessment_at) {
        (Some(by), Some(at)) => Some(Assessment {
            by: Assessor::parse(&by),
            at: time(&at)?,
            conclusion: row.assessment_conclusion,
        }),
        _ => None,
    };
    let mut stmt = conn.prepare(
        "SELECT pe.key, s.category, s.decision_reference, s.in_at, s.out_at, s.destination
         FROM stays s JOIN people pe ON pe.id = s.person_id WHERE s.placement_id = ?1 ORDER BY s.in_at, s.id",
    )?;
    let rows = stmt
        .query_map([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, Option<String>>(5)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let stays = rows
        .into_iter()
        .map(|(person, category, decision_reference, in_at, out_at, destination)| {
            Ok(Stay {
                person,
                category: Category::parse(&category),
                decision_reference,
                in_at: time(&in_at)?,
                out_at: opt_time(out_at)?,
                destination: destination.as_deref().map(Destination::parse),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Some((
        id,
        Placement {
            key: row.key,
            municipality: row.municipality,
            reference: row.reference,
            yy_code: row.yy_code,
            acute: row.acute,
            room: row.room,
            violence: Violence::parse(&row.violence),
            arrival_route: ArrivalRoute::parse(&row.arrival_route),
            transported_by: Transport::parse(&row.transported_by),
            arrived: time(&row.arrived)?,
            assessment,
            rve: Rve {
                contacted_at: opt_time(row.rve_contacted_at)?,
                contacted_by: row.rve_contacted_by,
                decision: row.rve_decision.as_deref().map(RveDecision::parse),
                decided_at: opt_time(row.rve_decided_at)?,
            },
            stays,
        },
    )))
}

/// The placements someone stayed in at some time between `from` and `to` (instants), with
/// their ids, oldest arrival first: whatever a report on that span can count. Stays are stored
/// as UTC text in one format, so comparing the text compares the instants.
pub fn overlapping(conn: &Connection, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<(i64, Placement)>> {
    let mut stmt = conn.prepare(
        "SELECT p.key FROM placements p
         WHERE EXISTS (SELECT 1 FROM stays s WHERE s.placement_id = p.id
                       AND s.in_at < ?2 AND (s.out_at IS NULL OR s.out_at >= ?1))
            OR (p.arrived_at >= ?1 AND p.arrived_at < ?2)
         ORDER BY p.arrived_at, p.id",
    )?;
    let keys = stmt
        .query_map([crate::clock::to_stored(from), crate::clock::to_stored(to)], |r| {
            r.get::<_, String>(0)
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    keys.iter().map(|k| Ok(load(conn, k)?.expect("listed"))).collect()
}

/// Every placement, oldest arrival first.
pub fn all(conn: &Connection) -> Result<Vec<Placement>> {
    let mut stmt = conn.prepare("SELECT key FROM placements ORDER BY arrived_at, id")?;
    let keys = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    keys.iter().map(|k| Ok(load(conn, k)?.expect("listed").1)).collect()
}

/// A person in a placement, as the placement page shows her or him.
#[derive(Debug, Clone, Serialize)]
pub struct StayView {
    #[serde(flatten)]
    pub stay: Stay,
    pub person: Person,
    pub age_at_in: Option<i32>,
    pub present: bool,
    pub category_label: &'static str,
    pub destination_label: Option<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PlacementView {
    pub placement: Placement,
    pub municipality_name: String,
    pub room_name: Option<String>,
    pub people: Vec<StayView>,
    pub clock: Option<AcuteClock>,
    pub ended: bool,
    pub corrections: Vec<Correction>,
    pub labels: Labels,
}

/// Swedish labels of the placement's coded values, for display.
#[derive(Debug, Clone, Serialize)]
pub struct Labels {
    pub violence: &'static str,
    pub arrival_route: &'static str,
    pub transported_by: &'static str,
    pub assessment_by: Option<&'static str>,
    pub rve_decision: Option<&'static str>,
}

pub fn view(conn: &Connection, key: &str, now: DateTime<Utc>) -> Result<PlacementView> {
    let (id, placement) = load(conn, key)?.ok_or_else(|| {
        Error::new(
            Code::NotFound,
            format!("Det finns ingen placering med nyckeln «{key}»."),
        )
    })?;
    let municipality_name = municipalities::by_key(conn, &placement.municipality)?
        .map(|(_, m)| m.name)
        .unwrap_or_default();
    let room_name = match &placement.room {
        Some(r) => rooms::by_key(conn, r)?.map(|(_, r)| r.name),
        None => None,
    };
    let people = placement
        .stays
        .iter()
        .map(|s| {
            let person = people::by_key(conn, &s.person)?
                .map(|(_, p)| p)
                .expect("a stay's person exists");
            Ok(StayView {
                age_at_in: person.age_on(clock::swedish_date(s.in_at)),
                present: s.present_at(now),
                category_label: s.category.label(),
                destination_label: s.destination.map(Destination::label),
                person,
                stay: s.clone(),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(PlacementView {
        clock: acute::clock(&placement, now),
        ended: placement.ended_by(now),
        corrections: corrections::for_placement(conn, id)?,
        labels: Labels {
            violence: placement.violence.label(),
            arrival_route: placement.arrival_route.label(),
            transported_by: placement.transported_by.label(),
            assessment_by: placement.assessment.as_ref().map(|a| a.by.label()),
            rve_decision: placement.rve.decision.map(RveDecision::label),
        },
        municipality_name,
        room_name,
        people,
        placement,
    })
}

/// One line of a placement list.
#[derive(Debug, Clone, Serialize)]
pub struct PlacementSummary {
    pub key: String,
    pub adult_name: String,
    pub adult_key: String,
    pub children: usize,
    pub present: usize,
    pub municipality_name: String,
    pub room: Option<String>,
    pub acute: bool,
    pub arrived: DateTime<Utc>,
    pub ended: bool,
    pub clock: Option<AcuteClock>,
}

pub fn summaries(conn: &Connection, now: DateTime<Utc>) -> Result<Vec<PlacementSummary>> {
    let mut out = Vec::new();
    for p in all(conn)? {
        let adult = p.adult().map(|s| s.person.clone()).unwrap_or_default();
        let adult_name = people::by_key(conn, &adult)?.map(|(_, p)| p.name).unwrap_or_default();
        out.push(PlacementSummary {
            key: p.key.clone(),
            adult_name,
            adult_key: adult,
            children: p.stays.iter().filter(|s| s.category == Category::Child).count(),
            present: p.stays.iter().filter(|s| s.present_at(now)).count(),
            municipality_name: municipalities::by_key(conn, &p.municipality)?
                .map(|(_, m)| m.name)
                .unwrap_or_default(),
            room: p.room.clone(),
            acute: p.acute,
            arrived: p.arrived,
            ended: p.ended_by(now),
            clock: acute::clock(&p, now),
        });
    }
    out.sort_by(|a, b| a.ended.cmp(&b.ended).then(b.arrived.cmp(&a.arrived)));
    Ok(out)
}

/// A room on the board: its beds, who is in it now, whether it is out of use today.
#[derive(Debug, Clone, Serialize)]
pub struct RoomView {
    pub key: String,
    pub name: String,
    pub acute: bool,
    pub beds: u32,
    pub occupied: usize,
    pub closed_today: bool,
    pub closure_reason: Option<String>,
    pub free: bool,
    pub placements: Vec<RoomPlacement>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RoomPlacement {
    pub key: String,
    pub names: Vec<String>,
}

pub fn rooms_board(conn: &Connection, now: DateTime<Utc>) -> Result<Vec<RoomView>> {
    let today = clock::swedish_date(now);
    let placements = all(conn)?;
    let mut board = Vec::new();
    for (_, room) in rooms::list(conn)? {
        let mut occupied = 0;
        let mut here = Vec::new();
        for p in placements.iter().filter(|p| p.room.as_deref() == Some(&room.key)) {
            let present: Vec<&Stay> = p.stays.iter().filter(|s| s.present_at(now)).collect();
            if present.is_empty() {
                continue;
            }
            occupied += present.len();
            let names = present
                .iter()
                .map(|s| {
                    Ok(people::by_key(conn, &s.person)?
                        .map(|(_, p)| p.name)
                        .unwrap_or_default())
                })
                .collect::<Result<Vec<_>>>()?;
            here.push(RoomPlacement {
                key: p.key.clone(),
                names,
            });
        }
        let closure = room.closures.iter().find(|c| c.covers(today));
        board.push(RoomView {
            closed_today: closure.is_some(),
            closure_reason: closure.map(|c| c.reason.clone()),
            free: closure.is_none() && occupied == 0,
            key: room.key,
            name: room.name,
            acute: room.acute,
            beds: room.beds,
            occupied,
            placements: here,
        });
    }
    Ok(board)
}

/// What the home screen shows about the house now.
#[derive(Debug, Clone, Serialize)]
pub struct Now {
    /// Placements with someone present, newest first.
    pub present: Vec<PlacementSummary>,
    pub adults_present: usize,
    pub children_present: usize,
    /// Acute placements whose clock is running, soonest deadline first.
    pub acute_clocks: Vec<PlacementSummary>,
    /// Whether an acute room exists, is in use today, and has nobody in it.
    pub acute_room_free: Option<bool>,
}

pub fn now(conn: &Connection, now: DateTime<Utc>) -> Result<Now> {
    let summaries = summaries(conn, now)?;
    let mut adults = 0;
    let mut children = 0;
    for p in all(conn)? {
        for s in p.stays.iter().filter(|s| s.present_at(now)) {
            match s.category {
                Category::Adult => adults += 1,
                Category::Child => children += 1,
            }
        }
    }
    let mut acute_clocks: Vec<PlacementSummary> = summaries
        .iter()
        .filter(|s| s.clock.as_ref().is_some_and(|c| c.state != ClockState::Stopped))
        .cloned()
        .collect();
    acute_clocks.sort_by_key(|s| s.clock.as_ref().map(|c| c.deadline));
    let acute_rooms: Vec<RoomView> = rooms_board(conn, now)?.into_iter().filter(|r| r.acute).collect();
    Ok(Now {
        present: summaries.into_iter().filter(|s| s.present > 0).collect(),
        adults_present: adults,
        children_present: children,
        acute_clocks,
        acute_room_free: (!acute_rooms.is_empty()).then(|| acute_rooms.iter().any(|r| r.free)),
    })
}
