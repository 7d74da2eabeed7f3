//! Reading placements: one placement whole, who is here now, the acute clocks, the rooms board,
//! and lists. Everything shown in the window comes from here, computed from the stored records.

use super::acute::{self, AcuteClock, ClockState};
use super::*;
use crate::clock;
use crate::corrections::{self, Correction};
use crate::error::{Code, Error, Result};
use crate::people::{self, Names, Person};
use crate::registers::{municipalities, rooms};
use crate::store::columns::Stored;
use crate::text::Lang;
use chrono::{DateTime, Utc};
use rusqlite::Connection;

/// A placement by key, with its id.
pub fn load(conn: &Connection, key: &str) -> Result<Option<(i64, Placement)>> {
    Ok(many(conn, "SELECT id FROM placements WHERE key = ?1", &[&key])?.pop())
}

/// The placements whose ids `ids` (a SELECT) gives, oldest arrival first, each with its id.
/// Two queries however many placements: lists and reports read hundreds or thousands at once.
fn many(conn: &Connection, ids: &str, params: &[&dyn rusqlite::ToSql]) -> Result<Vec<(i64, Placement)>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT s.id, s.placement_id, pe.key, s.category, s.decision_reference, s.in_at, s.out_at, s.destination,
                s.ready_to_move, s.school_from, s.health_offered_on, s.own_conversation_on
         FROM stays s JOIN people pe ON pe.id = s.person_id WHERE s.placement_id IN ({ids})
         ORDER BY s.placement_id, s.in_at, s.id"
    ))?;
    let mut rows = stmt.query(params)?;
    let mut stays: std::collections::HashMap<i64, Vec<Stay>> = std::collections::HashMap::new();
    while let Some(r) = rows.next()? {
        let s = Stored::new(r, "stays", 0)?;
        stays.entry(s.get(1)?).or_default().push(Stay {
            person: s.get(2)?,
            category: s.get(3)?,
            decision_reference: s.get(4)?,
            in_at: s.time(5)?,
            out_at: s.time_opt(6)?,
            destination: s.get(7)?,
            ready_to_move: s.date_opt(8)?,
            rights: super::ChildRights {
                school_from: s.date_opt(9)?,
                health_offered_on: s.date_opt(10)?,
                own_conversation_on: s.date_opt(11)?,
            },
        });
    }
    let mut stmt = conn.prepare(&format!(
        "SELECT p.id, p.key, m.key, p.reference, p.yy_code, p.acute, r.key, p.violence, p.arrival_route, p.transported_by,
                p.arrived_at, p.assessment_by, p.assessment_at, p.assessment_conclusion, p.rve_contacted_at,
                p.rve_contacted_by, p.rve_decision, p.rve_decided_at
         FROM placements p JOIN municipalities m ON m.id = p.municipality_id LEFT JOIN rooms r ON r.id = p.room_id
         WHERE p.id IN ({ids}) ORDER BY p.arrived_at, p.id"
    ))?;
    let rows = stmt
        .query_map(params, |r| {
            let s = Stored::new(r, "placements", 0)?;
            let assessment = match (s.get(11)?, s.time_opt(12)?) {
                (Some(by), Some(at)) => Some(Assessment {
                    by,
                    at,
                    conclusion: s.get(13)?,
                }),
                _ => None,
            };
            let placement = Placement {
                key: s.get(1)?,
                municipality: s.get(2)?,
                reference: s.get(3)?,
                yy_code: s.get(4)?,
                acute: s.get(5)?,
                room: s.get(6)?,
                violence: s.get(7)?,
                arrival_route: s.get(8)?,
                transported_by: s.get(9)?,
                arrived: s.time(10)?,
                assessment,
                rve: Rve {
                    contacted_at: s.time_opt(14)?,
                    contacted_by: s.get(15)?,
                    decision: s.get(16)?,
                    decided_at: s.time_opt(17)?,
                },
                stays: Vec::new(),
            };
            Ok((s.get::<i64>(0)?, placement))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .map(|(id, mut placement)| {
            placement.stays = stays.remove(&id).unwrap_or_default();
            (id, placement)
        })
        .collect())
}

/// The placements someone stayed in at some time between `from` and `to` (instants), with
/// their ids, oldest arrival first: whatever a report on that span can count. Stays are stored
/// as UTC text in one format, so comparing the text compares the instants. Three index ranges
/// instead of a look at every placement: the stays that ended after `from`, those not ended,
/// and the arrivals in the span.
pub fn overlapping(conn: &Connection, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<(i64, Placement)>> {
    let (from, to) = (clock::to_stored(from), clock::to_stored(to));
    many(
        conn,
        "SELECT placement_id FROM stays WHERE out_at >= ?1 AND in_at < ?2
         UNION ALL SELECT placement_id FROM stays WHERE out_at IS NULL AND in_at < ?2
         UNION ALL SELECT id FROM placements WHERE arrived_at >= ?1 AND arrived_at < ?2",
        &[&from, &to],
    )
}

fn without_ids(placements: Vec<(i64, Placement)>) -> Vec<Placement> {
    placements.into_iter().map(|(_, p)| p).collect()
}

/// Every placement, oldest arrival first.
pub fn all(conn: &Connection) -> Result<Vec<Placement>> {
    Ok(without_ids(many(conn, "SELECT id FROM placements", &[])?))
}

/// The placements where someone has not moved out by `now` (those not `ended_by(now)`), oldest
/// arrival first: what the home screen is about, found by index however many years the store
/// holds.
pub fn ongoing(conn: &Connection, now: DateTime<Utc>) -> Result<Vec<Placement>> {
    let now = clock::to_stored(now);
    Ok(without_ids(many(
        conn,
        "SELECT placement_id FROM stays WHERE out_at IS NULL OR out_at > ?1",
        &[&now],
    )?))
}

/// The placements `person` (a key) has stayed in, oldest arrival first.
pub fn of_person(conn: &Connection, person: &str) -> Result<Vec<Placement>> {
    Ok(without_ids(many(
        conn,
        "SELECT s.placement_id FROM stays s JOIN people pe ON pe.id = s.person_id WHERE pe.key = ?1",
        &[&person],
    )?))
}

/// The placements that arrived from `from` up to (not including) `to`, oldest first.
pub fn arrived_between(conn: &Connection, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<Placement>> {
    let (from, to) = (clock::to_stored(from), clock::to_stored(to));
    Ok(without_ids(many(
        conn,
        "SELECT id FROM placements WHERE arrived_at >= ?1 AND arrived_at < ?2",
        &[&from, &to],
    )?))
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

/// Labels of the placement's coded values, for display, in the window's language.
#[derive(Debug, Clone, Serialize)]
pub struct Labels {
    pub violence: &'static str,
    pub arrival_route: &'static str,
    pub transported_by: &'static str,
    pub assessment_by: Option<&'static str>,
    pub rve_decision: Option<&'static str>,
}

/// A placement as its page shows it, its labels in Swedish.
pub fn view(conn: &Connection, key: &str, now: DateTime<Utc>) -> Result<PlacementView> {
    view_in(conn, key, now, Lang::Sv)
}

/// A placement as its page shows it, its labels in `lang` (the window's language).
pub fn view_in(conn: &Connection, key: &str, now: DateTime<Utc>, lang: Lang) -> Result<PlacementView> {
    let (id, placement) =
        load(conn, key)?.ok_or_else(|| Error::new(Code::NotFound, crate::msg!("error.placements.not_found")))?;
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
                category_label: s.category.label_in(lang),
                destination_label: s.destination.map(|d| d.label_in(lang)),
                person,
                stay: s.clone(),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(PlacementView {
        clock: acute::clock(&placement, now),
        ended: placement.ended_by(now),
        corrections: corrections::read(conn, corrections::Of::Placement(Some(id)))?,
        labels: Labels {
            violence: placement.violence.label_in(lang),
            arrival_route: placement.arrival_route.label_in(lang),
            transported_by: placement.transported_by.label_in(lang),
            assessment_by: placement.assessment.as_ref().map(|a| a.by.label_in(lang)),
            rve_decision: placement.rve.decision.map(|d| d.label_in(lang)),
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
    /// Empty when the adult has protected identity and the list may not show her name.
    pub adult_name: String,
    pub adult_key: String,
    pub adult_protected: bool,
    pub children: usize,
    pub present: usize,
    pub municipality_name: String,
    pub room: Option<String>,
    pub acute: bool,
    pub arrived: DateTime<Utc>,
    pub ended: bool,
    pub clock: Option<AcuteClock>,
}

/// Every placement as a list shows it: ongoing first, then newest arrival first.
pub fn summaries(conn: &Connection, now: DateTime<Utc>, names: Names) -> Result<Vec<PlacementSummary>> {
    summarize(conn, all(conn)?, now, names)
}

/// `placements` as a list shows them: ongoing first, then newest arrival first.
pub fn summarize(
    conn: &Connection,
    placements: Vec<Placement>,
    now: DateTime<Utc>,
    names: Names,
) -> Result<Vec<PlacementSummary>> {
    let mut out = Vec::new();
    for p in placements {
        let adult = p.adult().map(|s| s.person.clone()).unwrap_or_default();
        let person = people::by_key(conn, &adult)?.map(|(_, p)| p);
        let adult_protected = person.as_ref().is_some_and(|p| p.protected_identity);
        let adult_name = person.map(|p| names.name(p.name, adult_protected)).unwrap_or_default();
        out.push(PlacementSummary {
            key: p.key.clone(),
            adult_name,
            adult_key: adult,
            adult_protected,
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
    /// Each one present; a name is empty when the board may not show it (protected identity).
    pub names: Vec<String>,
}

pub fn rooms_board(conn: &Connection, now: DateTime<Utc>, names: Names) -> Result<Vec<RoomView>> {
    let today = clock::swedish_date(now);
    // Someone present now has not moved out by now.
    let placements = ongoing(conn, now)?;
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
            let shown = present
                .iter()
                .map(|s| {
                    Ok(people::by_key(conn, &s.person)?
                        .map(|(_, p)| names.name(p.name, p.protected_identity))
                        .unwrap_or_default())
                })
                .collect::<Result<Vec<_>>>()?;
            here.push(RoomPlacement {
                key: p.key.clone(),
                names: shown,
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

pub fn now(conn: &Connection, now: DateTime<Utc>, names: Names) -> Result<Now> {
    // Someone present, or an acute clock running, needs someone not yet moved out.
    let ongoing = ongoing(conn, now)?;
    let mut adults = 0;
    let mut children = 0;
    for p in &ongoing {
        for s in p.stays.iter().filter(|s| s.present_at(now)) {
            match s.category {
                Category::Adult => adults += 1,
                Category::Child => children += 1,
            }
        }
    }
    let summaries = summarize(conn, ongoing, now, names)?;
    let mut acute_clocks: Vec<PlacementSummary> = summaries
        .iter()
        .filter(|s| s.clock.as_ref().is_some_and(|c| c.state != ClockState::Stopped))
        .cloned()
        .collect();
    acute_clocks.sort_by_key(|s| s.clock.as_ref().map(|c| c.deadline));
    let acute_rooms: Vec<RoomView> = rooms_board(conn, now, names)?.into_iter().filter(|r| r.acute).collect();
    Ok(Now {
        present: summaries.into_iter().filter(|s| s.present > 0).collect(),
        adults_present: adults,
        children_present: children,
        acute_clocks,
        acute_room_free: (!acute_rooms.is_empty()).then(|| acute_rooms.iter().any(|r| r.free)),
    })
}
