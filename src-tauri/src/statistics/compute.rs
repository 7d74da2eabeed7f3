//! The one computation behind every statistic.

use super::Span;
use crate::billing::nights;
use crate::clock;
use crate::error::Result;
use crate::people::{self, Person};
use crate::placements::{Category, Destination, Placement, Violence, views};
use crate::registers::municipalities::{self, PriceClass};
use crate::registers::rooms;
use crate::settings::NightCounting;
use crate::store::columns::Stored;
use crate::text::Message;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rusqlite::Connection;
use std::collections::{BTreeMap, BTreeSet, HashMap};

pub use super::report::*;

/// The age groups: key, label, and the ages from and to (both included).
fn age_groups() -> [(&'static str, Message, i32, i32); 7] {
    [
        ("0-5", crate::msg!("label.statistics.age_0_5"), 0, 5),
        ("6-12", crate::msg!("label.statistics.age_6_12"), 6, 12),
        ("13-17", crate::msg!("label.statistics.age_13_17"), 13, 17),
        ("18-25", crate::msg!("label.statistics.age_18_25"), 18, 25),
        ("26-40", crate::msg!("label.statistics.age_26_40"), 26, 40),
        ("41-64", crate::msg!("label.statistics.age_41_64"), 41, 64),
        ("65+", crate::msg!("label.statistics.age_65"), 65, 200),
    ]
}

/// The lengths of stay: key, label, and the nights from and to (both included).
fn lengths() -> [(&'static str, Message, u32, u32); 6] {
    [
        ("1-2", crate::msg!("label.statistics.nights_1_2"), 1, 2),
        ("3-7", crate::msg!("label.statistics.nights_3_7"), 3, 7),
        ("8-30", crate::msg!("label.statistics.nights_8_30"), 8, 30),
        ("31-90", crate::msg!("label.statistics.nights_31_90"), 31, 90),
        ("91-180", crate::msg!("label.statistics.nights_91_180"), 91, 180),
        ("181+", crate::msg!("label.statistics.nights_181"), 181, u32::MAX),
    ]
}

fn median(mut values: Vec<u32>) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.sort_unstable();
    let n = values.len();
    if n % 2 == 1 {
        f64::from(values[n / 2])
    } else {
        f64::from(values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

/// The room a placement was in at each instant: its history of room changes, from the
/// corrections it left ("Rumsbyte"), and its room now.
/// A placement's rooms over time: from each instant, the room (if any) until the next.
type Timeline = Vec<(DateTime<Utc>, Option<String>)>;

/// Each placement's rooms over time, from its current room and its recorded room changes: the
/// room before the first change until then, and after each change its new room. One query for
/// all the placements of a report.
fn room_timelines(conn: &Connection, placements: &[(i64, Placement)]) -> Result<HashMap<i64, Timeline>> {
    let mut stmt = conn.prepare(
        "SELECT placement_id, at, before, after, id FROM corrections
         WHERE what = 'Rumsbyte' AND placement_id IN (SELECT value FROM json_each(?1)) ORDER BY id",
    )?;
    let ids = serde_json::to_string(&placements.iter().map(|(id, _)| *id).collect::<Vec<_>>()).expect("numbers");
    type Change = (DateTime<Utc>, Option<String>, Option<String>);
    let mut changes: HashMap<i64, Vec<Change>> = HashMap::new();
    let mut rows = stmt.query([ids])?;
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

fn room_at(timeline: &[(DateTime<Utc>, Option<String>)], at: DateTime<Utc>) -> Option<&str> {
    timeline
        .iter()
        .rev()
        .find(|(from, _)| *from <= at)
        .and_then(|(_, r)| r.as_deref())
}

/// Every figure for `span`, from the records as they stand at `now`.
pub fn compute(conn: &Connection, span: Span, now: DateTime<Utc>) -> Result<Report> {
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
    let people: HashMap<String, Person> = people::by_keys(conn, &keys.into_iter().collect::<Vec<_>>())?
        .into_iter()
        .map(|p| (p.key.clone(), p))
        .collect();
    // A municipality counts in the class it was in at the end of the period (or today, for
    // one still running), so a later change of class never changes a past year's figures.
    let book = crate::terms::Book::load(conn)?;
    let class_on = span.to.min(clock::swedish_date(now));
    let municipality_list: Vec<municipalities::Municipality> = municipalities::list_with_ids(conn)?
        .into_iter()
        .map(|(id, mut m)| {
            m.price_class = book.price_class(id, class_on);
            m
        })
        .collect();
    let municipality: HashMap<&str, &municipalities::Municipality> =
        municipality_list.iter().map(|m| (m.key.as_str(), m)).collect();

    let mut adults: BTreeMap<&str, u32> = BTreeMap::new();
    let mut children: BTreeMap<&str, u32> = BTreeMap::new();
    let mut first_in: HashMap<&str, (DateTime<Utc>, Category, &str)> = HashMap::new();
    // Ages kept at arrival for people whose birth dates were removed by retention.
    let kept_ages: HashMap<(String, String), i32> = {
        let mut stmt = conn.prepare(
            "SELECT p.key, pe.key, s.age_at_in FROM stays s JOIN placements p ON p.id = s.placement_id
             JOIN people pe ON pe.id = s.person_id
             WHERE s.age_at_in IS NOT NULL AND s.placement_id IN (SELECT value FROM json_each(?1))",
        )?;
        let ids = serde_json::to_string(&placements.iter().map(|(id, _)| *id).collect::<Vec<_>>()).expect("numbers");
        stmt.query_map([ids], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?
    };
    let age_at_first_in = |k: &str, first: &(DateTime<Utc>, Category, &str)| -> Option<i32> {
        kept_ages
            .get(&(first.2.to_owned(), k.to_owned()))
            .copied()
            .or_else(|| people.get(k).and_then(|p| p.age_on(clock::swedish_date(first.0))))
    };
    let mut nights = Nights::default();
    let mut per_month: BTreeMap<u32, (u32, u32)> = BTreeMap::new();
    let mut by_municipality: BTreeMap<&str, (BTreeSet<&str>, BTreeSet<&str>, u32)> = BTreeMap::new();
    let mut by_violence: BTreeMap<Violence, u32> = BTreeMap::new();
    let mut outcomes: BTreeMap<&str, u32> = BTreeMap::new();
    let mut counts = Placements::default();
    let timelines = room_timelines(conn, &placements)?;
    // For each room, whether it was occupied on each day of the span (by index from its first).
    let span_days = span.days() as usize;
    let mut occupied: HashMap<&str, Vec<bool>> = HashMap::new();

    for (id, p) in &placements {
        let timeline = &timelines[id];
        let mut placement_nights: BTreeSet<NaiveDate> = BTreeSet::new();
        let mut had_night_in_span = false;
        for s in &p.stays {
            // The stay's nights in the span are counted here; each person's and municipality's
            // totals take them once per stay.
            let mut in_span = 0;
            for n in nights::of_stay(s.in_at, s.out_at, NightCounting::Midnights, now) {
                placement_nights.insert(n.date);
                if !span.contains(n.date) {
                    continue;
                }
                in_span += 1;
                let entry = per_month.entry(n.date.month()).or_default();
                match s.category {
                    Category::Adult => entry.0 += 1,
                    Category::Child => entry.1 += 1,
                }
                // The room at the midnight that ends the night (without a room change, the one room).
                let room = match timeline.as_slice() {
                    [(_, room)] => room.as_deref(),
                    _ => room_at(timeline, clock::local_midnight(n.date.succ_opt().expect("a next day"))),
                };
                if let Some(room) = room {
                    occupied.entry(room).or_insert_with(|| vec![false; span_days])
                        [(n.date - span.from).num_days() as usize] = true;
                }
            }
            if in_span > 0 {
                had_night_in_span = true;
                match s.category {
                    Category::Adult => {
                        nights.adults += in_span;
                        *adults.entry(&s.person).or_default() += in_span;
                    }
                    Category::Child => {
                        nights.children += in_span;
                        *children.entry(&s.person).or_default() += in_span;
                    }
                }
                let m = by_municipality.entry(p.municipality.as_str()).or_default();
                m.0.insert(p.key.as_str());
                m.1.insert(s.person.as_str());
                m.2 += in_span;
                let earliest = first_in
                    .entry(&s.person)
                    .or_insert((s.in_at, s.category, p.key.as_str()));
                if s.in_at < earliest.0 {
                    *earliest = (s.in_at, s.category, p.key.as_str());
                }
            }
            if let Some(out) = s.out_at
                && span.contains(clock::swedish_date(out))
            {
                let key = s.destination.map(Destination::as_str).unwrap_or("ej_angivet");
                *outcomes.entry(key).or_default() += 1;
            }
        }
        if had_night_in_span {
            *by_violence.entry(p.violence).or_default() += 1;
        }
        let arrived = clock::swedish_date(p.arrived);
        if span.contains(arrived) {
            counts.started += 1;
            if p.acute {
                counts.acute += 1;
                if nights::beyond_two_dygn(&placement_nights) {
                    counts.acute_beyond_two_nights += 1;
                }
            }
        }
        let last_out = p
            .stays
            .iter()
            .map(|s| s.out_at)
            .collect::<Option<Vec<_>>>()
            .and_then(|outs| outs.into_iter().max());
        if let Some(out) = last_out
            && out <= now
            && span.contains(clock::swedish_date(out))
        {
            counts.ended += 1;
        }
    }

    nights.total = nights.adults + nights.children;
    let adult_nights: Vec<u32> = adults.values().copied().collect();
    nights.average_per_adult = if adult_nights.is_empty() {
        0.0
    } else {
        (f64::from(nights.adults) * 10.0 / adult_nights.len() as f64).round() / 10.0
    };
    nights.median_per_adult = median(adult_nights.clone());
    let everyone: BTreeSet<&str> = adults.keys().chain(children.keys()).copied().collect();
    let individuals = Individuals {
        adults: adults.len() as u32,
        children: children.len() as u32,
        total: everyone.len() as u32,
    };

    let by_age = age_groups()
        .into_iter()
        .map(|(key, label, lo, hi)| {
            let count = everyone
                .iter()
                .filter(|k| age_at_first_in(k, &first_in[*k]).is_some_and(|a| lo <= a && a <= hi))
                .count() as u32;
            Row {
                key: key.into(),
                label: Label::Text(label),
                count,
            }
        })
        .chain(std::iter::once(Row {
            key: "okand".into(),
            label: Label::Text(crate::msg!("label.statistics.age_unknown")),
            count: everyone
                .iter()
                .filter(|k| age_at_first_in(k, &first_in[*k]).is_none())
                .count() as u32,
        }))
        .collect();

    let length_of_stay = lengths()
        .into_iter()
        .map(|(key, label, lo, hi)| Row {
            key: key.into(),
            label: Label::Text(label),
            count: adult_nights.iter().filter(|n| lo <= **n && **n <= hi).count() as u32,
        })
        .collect();

    let by_municipality_rows: Vec<MunicipalityRow> = by_municipality
        .iter()
        .map(|(key, (placements, persons, n))| {
            let m = municipality.get(key);
            MunicipalityRow {
                key: (*key).into(),
                name: m.map(|m| m.name.clone()).unwrap_or_else(|| (*key).into()),
                iop: m.is_some_and(|m| m.price_class == PriceClass::Iop),
                placements: placements.len() as u32,
                individuals: persons.len() as u32,
                nights: *n,
            }
        })
        .collect();
    let class_row = |iop: bool, class: &str, label: Message| {
        let rows: Vec<&MunicipalityRow> = by_municipality_rows.iter().filter(|r| r.iop == iop).collect();
        let persons: BTreeSet<&str> = by_municipality
            .iter()
            .filter(|(k, _)| {
                municipality
                    .get(*k)
                    .is_some_and(|m| (m.price_class == PriceClass::Iop) == iop)
            })
            .flat_map(|(_, v)| v.1.iter().copied())
            .collect();
        ClassRow {
            class: class.into(),
            label: Label::Text(label),
            municipalities: rows.len() as u32,
            placements: rows.iter().map(|r| r.placements).sum(),
            individuals: persons.len() as u32,
            nights: rows.iter().map(|r| r.nights).sum(),
        }
    };
    let by_class = vec![
        class_row(true, "iop", crate::msg!("label.statistics.class_iop")),
        class_row(false, "standard", crate::msg!("label.statistics.class_other")),
    ];

    // Occupancy: room-nights in the span, less nights out of use.
    let room_list = rooms::list(conn)?;
    let days: Vec<NaiveDate> = span
        .from
        .iter_days()
        .take_while(|d| *d <= span.to && *d < clock::swedish_date(now))
        .collect();
    let mut total = (0u32, 0u32);
    let mut acute = (0u32, 0u32);
    let mut month: BTreeMap<u32, (u32, u32)> = BTreeMap::new();
    for (_, room) in &room_list {
        for d in &days {
            if room.closed_on(*d) {
                continue;
            }
            let used = u32::from(
                occupied
                    .get(room.key.as_str())
                    .is_some_and(|days| days[(*d - span.from).num_days() as usize]),
            );
            total.0 += used;
            total.1 += 1;
            if room.acute {
                acute.0 += used;
                acute.1 += 1;
            }
            let m = month.entry(d.month()).or_default();
            m.0 += used;
            m.1 += 1;
        }
    }

    let (requests, women, kids): (u32, u32, u32) = crate::requests::all(conn)?
        .iter()
        .filter(|r| span.contains(r.requested_on))
        .fold((0, 0, 0), |(n, w, c), r| (n + 1, w + r.women, c + r.children));
    let concern_reports = crate::concerns::all(conn)?
        .iter()
        .filter(|c| span.contains(c.reported_on))
        .count() as u32;
    let lex_sarah_reports = crate::lex_sarah::all(conn)?
        .iter()
        .filter(|r| span.contains(r.reported_on))
        .count() as u32;

    Ok(Report {
        period: span,
        individuals,
        nights,
        placements: counts,
        municipalities: by_municipality_rows.len() as u32,
        by_municipality: by_municipality_rows,
        by_class,
        by_violence: Violence::ALL
            .iter()
            .map(|v| Row {
                key: v.as_str().into(),
                label: Label::Violence(*v),
                count: by_violence.get(v).copied().unwrap_or(0),
            })
            .collect(),
        by_age,
        outcomes: Destination::ALL
            .iter()
            .map(|d| (d.as_str(), Label::Destination(*d)))
            .chain(std::iter::once((
                "ej_angivet",
                Label::Text(crate::msg!("label.statistics.not_recorded")),
            )))
            .map(|(key, label)| Row {
                key: key.into(),
                label,
                count: outcomes.get(key).copied().unwrap_or(0),
            })
            .collect(),
        length_of_stay,
        nights_per_month: (1..=12)
            .filter(|m| (span.from.month()..=span.to.month()).contains(m) || span.from.year() != span.to.year())
            .map(|m| MonthNights {
                month: m,
                adults: per_month.get(&m).map(|x| x.0).unwrap_or(0),
                children: per_month.get(&m).map(|x| x.1).unwrap_or(0),
            })
            .collect(),
        occupancy: Occupancy::new(total.0, total.1),
        acute_room_occupancy: Occupancy::new(acute.0, acute.1),
        occupancy_per_month: month
            .into_iter()
            .map(|(m, (o, a))| MonthOccupancy {
                month: m,
                occupancy: Occupancy::new(o, a),
            })
            .collect(),
        refused: Refused {
            requests,
            women,
            children: kids,
        },
        quality: Quality {
            concern_reports,
            lex_sarah_reports,
        },
    })
}

/// A placement's nights, whoever spent them (for the follow-up).
pub fn placement_nights(p: &Placement, now: DateTime<Utc>) -> BTreeSet<NaiveDate> {
    nights::of_placement(
        p.stays.iter().map(|s| (s.in_at, s.out_at)),
        NightCounting::Midnights,
        now,
    )
}
