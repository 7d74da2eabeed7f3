//! The one computation behind every statistic: `figures` decides every number from the records
//! gathered for the period (`records.rs`), and reads nothing itself.

use super::Span;
use super::records::{Records, Timeline};
use crate::billing::nights;
use crate::clock;
use crate::error::Result;
use crate::people::Gender;
use crate::placements::{Category, Destination, Placement, Violence};
use crate::registers::municipalities::{Municipality, PriceClass};
use crate::settings::NightCounting;
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

fn room_at(timeline: &[(DateTime<Utc>, Option<String>)], at: DateTime<Utc>) -> Option<&str> {
    timeline
        .iter()
        .rev()
        .find(|(from, _)| *from <= at)
        .and_then(|(_, r)| r.as_deref())
}

/// Every figure for `span`, from the records as they stand at `now`.
pub fn compute(conn: &Connection, span: Span, now: DateTime<Utc>) -> Result<Report> {
    Ok(figures(&Records::gather(conn, span, now)?, span, now))
}

/// What one pass over the period's placements and their stays finds.
#[derive(Default)]
struct Pass<'a> {
    /// Each adult's and each child's nights in the span, by person.
    adults: BTreeMap<&'a str, u32>,
    children: BTreeMap<&'a str, u32>,
    /// Each person's first arrival with a night in the span: when, as what, in which placement.
    first_in: HashMap<&'a str, (DateTime<Utc>, Category, &'a str)>,
    nights: Nights,
    /// Adults' and children's nights by month.
    per_month: BTreeMap<u32, (u32, u32)>,
    /// By municipality: its placements, its people and their nights.
    by_municipality: BTreeMap<&'a str, (BTreeSet<&'a str>, BTreeSet<&'a str>, u32)>,
    by_violence: BTreeMap<Violence, u32>,
    outcomes: BTreeMap<&'a str, u32>,
    counts: Placements,
    /// For each room, whether it was occupied on each day of the span (by index from its first).
    occupied: HashMap<&'a str, Vec<bool>>,
    /// How many people stayed each night of the span.
    per_night: BTreeMap<NaiveDate, u32>,
    /// The children's stays with a night in the span.
    child_stays: Vec<&'a crate::placements::Stay>,
}

impl<'a> Pass<'a> {
    fn over(records: &'a Records, span: Span, now: DateTime<Utc>) -> Pass<'a> {
        let mut pass = Pass::default();
        for (id, p) in &records.placements {
            pass.placement(p, &records.timelines[id], span, now);
        }
        pass.nights.total = pass.nights.adults + pass.nights.children;
        pass
    }

    fn placement(&mut self, p: &'a Placement, timeline: &'a Timeline, span: Span, now: DateTime<Utc>) {
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
                *self.per_night.entry(n.date).or_default() += 1;
                if s.ready_to_move.is_some_and(|ready| n.date >= ready) {
                    self.nights.waiting_for_housing += 1;
                }
                let entry = self.per_month.entry(n.date.month()).or_default();
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
                    self.occupied
                        .entry(room)
                        .or_insert_with(|| vec![false; span.days() as usize])
                        [(n.date - span.from).num_days() as usize] = true;
                }
            }
            if in_span > 0 {
                had_night_in_span = true;
                match s.category {
                    Category::Adult => {
                        self.nights.adults += in_span;
                        *self.adults.entry(&s.person).or_default() += in_span;
                    }
                    Category::Child => {
                        self.nights.children += in_span;
                        *self.children.entry(&s.person).or_default() += in_span;
                        self.child_stays.push(s);
                    }
                }
                let m = self.by_municipality.entry(p.municipality.as_str()).or_default();
                m.0.insert(p.key.as_str());
                m.1.insert(s.person.as_str());
                m.2 += in_span;
                let earliest = self
                    .first_in
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
                *self.outcomes.entry(key).or_default() += 1;
            }
        }
        if had_night_in_span {
            *self.by_violence.entry(p.violence).or_default() += 1;
        }
        let arrived = clock::swedish_date(p.arrived);
        if span.contains(arrived) {
            self.counts.started += 1;
            if p.acute {
                self.counts.acute += 1;
                if nights::beyond_two_dygn(&placement_nights) {
                    self.counts.acute_beyond_two_nights += 1;
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
            self.counts.ended += 1;
        }
    }
}

const ADULT_GENDERS: &[Gender] = &[
    Gender::Woman,
    Gender::Man,
    Gender::Trans,
    Gender::Other,
    Gender::NotGiven,
];
const CHILD_GENDERS: &[Gender] = &[Gender::Girl, Gender::Boy, Gender::Other, Gender::NotGiven];

/// The people with these keys by gender, read as an adult's or a child's (`as_one`).
fn by_gender<'a>(
    records: &Records,
    keys: impl Iterator<Item = &'a &'a str>,
    all: &[Gender],
    as_one: fn(Gender) -> Gender,
) -> BTreeMap<Gender, u32> {
    let mut counts: BTreeMap<Gender, u32> = all.iter().map(|g| (*g, 0)).collect();
    for key in keys {
        let gender = records.people.get(*key).map_or(Gender::NotGiven, |p| as_one(p.gender));
        *counts.entry(gender).or_default() += 1;
    }
    counts
}

/// Every figure for `span` from the records gathered for it (at `now`): decides, reads nothing.
pub fn figures(records: &Records, span: Span, now: DateTime<Utc>) -> Report {
    let pass = Pass::over(records, span, now);
    let adult_nights: Vec<u32> = pass.adults.values().copied().collect();
    let mut nights = pass.nights.clone();
    nights.average_per_adult = if adult_nights.is_empty() {
        0.0
    } else {
        (f64::from(nights.adults) * 10.0 / adult_nights.len() as f64).round() / 10.0
    };
    nights.median_per_adult = median(adult_nights.clone());
    let everyone: BTreeSet<&str> = pass.adults.keys().chain(pass.children.keys()).copied().collect();
    let individuals = Individuals {
        adults: pass.adults.len() as u32,
        children: pass.children.len() as u32,
        total: everyone.len() as u32,
        adults_by_gender: by_gender(records, pass.adults.keys(), ADULT_GENDERS, Gender::as_adult),
        children_by_gender: by_gender(records, pass.children.keys(), CHILD_GENDERS, Gender::as_child),
    };
    let (by_municipality, by_class) = municipality_rows(&records.municipalities, &pass);
    let (occupancy, acute_room_occupancy, occupancy_per_month) = occupancy(records, &pass, span, now);
    let in_span = |dates: &[NaiveDate]| dates.iter().filter(|d| span.contains(**d)).count() as u32;
    Report {
        period: span,
        individuals,
        nights,
        placements: pass.counts.clone(),
        municipalities: by_municipality.len() as u32,
        by_municipality,
        by_class,
        by_violence: Violence::ALL
            .iter()
            .map(|v| Row {
                key: v.as_str().into(),
                label: Label::Violence(*v),
                count: pass.by_violence.get(v).copied().unwrap_or(0),
            })
            .collect(),
        by_age: age_rows(records, &pass, &everyone),
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
                count: pass.outcomes.get(key).copied().unwrap_or(0),
            })
            .collect(),
        length_of_stay: lengths()
            .into_iter()
            .map(|(key, label, lo, hi)| Row {
                key: key.into(),
                label: Label::Text(label),
                count: adult_nights.iter().filter(|n| lo <= **n && **n <= hi).count() as u32,
            })
            .collect(),
        nights_per_month: span
            .months()
            .into_iter()
            .map(|m| MonthNights {
                month: m,
                adults: pass.per_month.get(&m).map(|x| x.0).unwrap_or(0),
                children: pass.per_month.get(&m).map(|x| x.1).unwrap_or(0),
            })
            .collect(),
        occupancy,
        acute_room_occupancy,
        occupancy_per_month,
        requests: super::requests::figures(
            &records
                .requests
                .iter()
                .filter(|r| span.contains(r.date))
                .cloned()
                .collect::<Vec<_>>(),
        ),
        quality: Quality {
            concern_reports: in_span(&records.concern_reports),
            lex_sarah_reports: in_span(&records.lex_sarah_reports),
        },
        children_rights: super::children::figures(&pass.child_stays, span, now),
        organisation: super::organisation::figures(
            records.organisation_year.as_ref(),
            records.ivo_places,
            &pass.per_night,
        ),
        support: super::support::figures(
            &records
                .support_contacts
                .iter()
                .filter(|c| span.contains(c.date))
                .cloned()
                .collect::<Vec<_>>(),
        ),
    }
}

/// The individuals by age at their first arrival in the period (the age kept at arrival when
/// retention has removed the birth date), and those whose age is unknown.
fn age_rows(records: &Records, pass: &Pass, everyone: &BTreeSet<&str>) -> Vec<Row> {
    let age_of = |k: &str| -> Option<i32> {
        let first = &pass.first_in[k];
        records
            .kept_ages
            .get(&(first.2.to_owned(), k.to_owned()))
            .copied()
            .or_else(|| {
                records
                    .people
                    .get(k)
                    .and_then(|p| p.age_on(clock::swedish_date(first.0)))
            })
    };
    age_groups()
        .into_iter()
        .map(|(key, label, lo, hi)| Row {
            key: key.into(),
            label: Label::Text(label),
            count: everyone
                .iter()
                .filter(|k| age_of(k).is_some_and(|a| lo <= a && a <= hi))
                .count() as u32,
        })
        .chain(std::iter::once(Row {
            key: "okand".into(),
            label: Label::Text(crate::msg!("label.statistics.age_unknown")),
            count: everyone.iter().filter(|k| age_of(k).is_none()).count() as u32,
        }))
        .collect()
}

/// The municipalities' rows, and the same summed by price class (IOP or not).
fn municipality_rows(list: &[Municipality], pass: &Pass) -> (Vec<MunicipalityRow>, Vec<ClassRow>) {
    let municipality: HashMap<&str, &Municipality> = list.iter().map(|m| (m.key.as_str(), m)).collect();
    let rows: Vec<MunicipalityRow> = pass
        .by_municipality
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
        let in_class: Vec<&MunicipalityRow> = rows.iter().filter(|r| r.iop == iop).collect();
        let persons: BTreeSet<&str> = pass
            .by_municipality
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
            municipalities: in_class.len() as u32,
            placements: in_class.iter().map(|r| r.placements).sum(),
            individuals: persons.len() as u32,
            nights: in_class.iter().map(|r| r.nights).sum(),
        }
    };
    let by_class = vec![
        class_row(true, "iop", crate::msg!("label.statistics.class_iop")),
        class_row(false, "standard", crate::msg!("label.statistics.class_other")),
    ];
    (rows, by_class)
}

/// Occupancy: room-nights in the span up to today, less nights out of use; all rooms, the acute
/// rooms, and all rooms by month.
fn occupancy(
    records: &Records,
    pass: &Pass,
    span: Span,
    now: DateTime<Utc>,
) -> (Occupancy, Occupancy, Vec<MonthOccupancy>) {
    let days: Vec<NaiveDate> = span
        .from
        .iter_days()
        .take_while(|d| *d <= span.to && *d < clock::swedish_date(now))
        .collect();
    let mut total = (0u32, 0u32);
    let mut acute = (0u32, 0u32);
    let mut month: BTreeMap<u32, (u32, u32)> = BTreeMap::new();
    for room in &records.rooms {
        for d in &days {
            if room.closed_on(*d) {
                continue;
            }
            let used = u32::from(
                pass.occupied
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
    (
        Occupancy::new(total.0, total.1),
        Occupancy::new(acute.0, acute.1),
        span.months()
            .into_iter()
            .filter_map(|m| month.get(&m).map(|(o, a)| (m, *o, *a)))
            .map(|(m, o, a)| MonthOccupancy {
                month: m,
                occupancy: Occupancy::new(o, a),
            })
            .collect(),
    )
}

/// A placement's nights, whoever spent them (for the follow-up).
pub fn placement_nights(p: &Placement, now: DateTime<Utc>) -> BTreeSet<NaiveDate> {
    nights::of_placement(
        p.stays.iter().map(|s| (s.in_at, s.out_at)),
        NightCounting::Midnights,
        now,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::parse_time;
    use crate::placements::{ArrivalRoute, Rve, Stay, Transport};
    use crate::registers::rooms::Room;
    use crate::requests::{RefusedRequest, Request};

    fn stay(person: &str, category: Category, from: &str, to: Option<&str>) -> Stay {
        Stay {
            person: person.into(),
            category,
            decision_reference: String::new(),
            in_at: parse_time(from).unwrap(),
            out_at: to.map(|t| parse_time(t).unwrap()),
            destination: None,
            ready_to_move: None,
            rights: Default::default(),
        }
    }

    /// March 2026, read on 15 April without a store: a woman in the acute room from 30 March
    /// 22:00 to 2 April, her child from 31 March 09:00 and still there; a refused request in
    /// March and one in February; a report of concern in March.
    fn march() -> (Records, Span, DateTime<Utc>) {
        let placement = Placement {
            key: "P1".into(),
            municipality: "boras".into(),
            reference: String::new(),
            yy_code: String::new(),
            acute: true,
            room: Some("akut".into()),
            violence: Violence::CloseRelationship,
            arrival_route: ArrivalRoute::Police,
            transported_by: Transport::Police,
            arrived: parse_time("2026-03-30 22:00").unwrap(),
            assessment: None,
            rve: Rve::default(),
            stays: vec![
                stay("W1", Category::Adult, "2026-03-30 22:00", Some("2026-04-02 10:00")),
                stay("C1", Category::Child, "2026-03-31 09:00", None),
            ],
        };
        let request = |on: &str, women, children| {
            Request::from(&RefusedRequest {
                requested_on: on.parse().unwrap(),
                women,
                children,
                note: String::new(),
            })
        };
        let records = Records {
            placements: vec![(1, placement)],
            people: HashMap::new(),
            kept_ages: HashMap::new(),
            timelines: HashMap::from([(1, vec![(DateTime::<Utc>::MIN_UTC, Some("akut".to_owned()))])]),
            municipalities: Vec::new(),
            rooms: vec![Room {
                key: "akut".into(),
                name: "Akutrummet".into(),
                acute: true,
                beds: 1,
                closures: Vec::new(),
            }],
            requests: vec![request("2026-03-05", 1, 2), request("2026-02-01", 1, 0)],
            organisation_year: None,
            ivo_places: None,
            concern_reports: vec!["2026-03-10".parse().unwrap()],
            lex_sarah_reports: Vec::new(),
            support_contacts: Vec::new(),
        };
        let span = Span {
            from: "2026-03-01".parse().unwrap(),
            to: "2026-03-31".parse().unwrap(),
        };
        (records, span, parse_time("2026-04-15 12:00").unwrap())
    }

    #[test]
    fn the_figures_follow_from_the_records_alone_counted_by_hand() {
        let (records, span, now) = march();
        let r = figures(&records, span, now);
        // Nights dated in March: hers the 30th and 31st, the child's the 31st.
        assert_eq!((r.nights.adults, r.nights.children, r.nights.total), (2, 1, 3));
        assert_eq!((r.nights.average_per_adult, r.nights.median_per_adult), (2.0, 2.0));
        assert_eq!(
            (r.individuals.adults, r.individuals.children, r.individuals.total),
            (1, 1, 2)
        );
        // Started and acute in March; nights from the 30th to 14 April: past two dygn. Not ended.
        assert_eq!(
            r.placements,
            Placements {
                started: 1,
                ended: 0,
                acute: 1,
                acute_beyond_two_nights: 1
            }
        );
        assert_eq!(r.nights_per_month.len(), 1);
        assert_eq!((r.nights_per_month[0].adults, r.nights_per_month[0].children), (2, 1));
        // The acute room was taken the nights of the 30th and 31st of March's 31.
        assert_eq!(r.acute_room_occupancy, Occupancy::new(2, 31));
        assert_eq!(r.occupancy, Occupancy::new(2, 31));
        assert_eq!(r.by_municipality.len(), 1);
        assert_eq!(
            (
                r.by_municipality[0].placements,
                r.by_municipality[0].individuals,
                r.by_municipality[0].nights
            ),
            (1, 2, 3)
        );
        assert_eq!(
            (
                r.requests.refused,
                r.requests.refused_adults,
                r.requests.refused_children
            ),
            (1, 1, 2)
        );
        assert_eq!((r.quality.concern_reports, r.quality.lex_sarah_reports), (1, 0));
        // No birth dates among the records: both ages unknown.
        assert_eq!(
            r.by_age.last().map(|row| (row.key.as_str(), row.count)),
            Some(("okand", 2))
        );
        // The same records, the same figures: nothing else is read.
        assert_eq!(figures(&records, span, now), r);
    }
}
