//! Synthetic shelter data, for showing the program and for measuring it at scale. Nobody in it is
//! real: names come from a short list of common first names, nobody has a personnummer, and the
//! same seed always gives the same data.
//!
//! At scale 1 a year has about 40 women and 45 children; stays have a long tail around a mean of
//! some 55 nights; some women come back; about a third of placements are acute; ten placing
//! municipalities, Borås Stad (IOP) the largest; tariffs rise every year; every month is invoiced
//! and most invoices are paid. Every placement came as a request, and some 4 requests in 5 more
//! were refused, referred or withdrawn; the jour telephone takes some 300 contacts a year.
//! Scale K multiplies the people (K = 100 is a national federation).
//! Everything goes through the same import, invoicing and payment functions as real data.

mod activities;

use crate::billing::{payments, run};
use crate::clock;
use crate::error::{Error, Result};
use crate::exchange;
use crate::money::Money;
use crate::store::Store;
use chrono::{DateTime, Datelike, Duration, Months, NaiveDate, Utc};
use rand_pcg::Pcg64Mcg;
use rand_pcg::rand_core::{Rng, SeedableRng};
use serde::Serialize;
use serde_json::{Value, json};

/// What to make.
#[derive(Debug, Clone, Copy)]
pub struct Plan {
    pub years: u32,
    pub scale: u32,
    pub seed: u64,
}

/// What was made.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Made {
    pub years: u32,
    pub scale: u32,
    pub seed: u64,
    pub first_day: Option<NaiveDate>,
    pub placements: u32,
    /// Different women.
    pub women: u32,
    pub children: u32,
    /// Placements of a woman who had stayed here before.
    pub returning: u32,
    pub invoicing_runs: u32,
    pub invoices: u32,
    pub payments: u32,
}

const NAMES_WOMEN: &[&str] = &[
    "Anna", "Eva", "Maria", "Karin", "Sara", "Lena", "Emma", "Kerstin", "Sofia", "Linnea", "Ida", "Elin", "Amira",
    "Leila", "Fatima", "Nadia", "Hanna", "Johanna", "Malin", "Jenny", "Petra", "Camilla", "Rana", "Yasmin",
];
const NAMES_CHILDREN: &[&str] = &[
    "Alva", "Elsa", "Maja", "Vera", "Noah", "Liam", "Hugo", "Elias", "Saga", "Ella", "Adam", "Omar", "Nora", "Alice",
    "Lucas", "Leo", "Selma", "Ali", "Astrid", "Ebbe",
];

/// The placing municipalities: Borås Stad (IOP, the largest share) and nine others.
const MUNICIPALITIES: &[(&str, &str, &str)] = &[
    ("boras", "Borås Stad", "501 80 Borås"),
    ("ulricehamn", "Ulricehamns kommun", "523 86 Ulricehamn"),
    ("mark", "Marks kommun", "511 80 Kinna"),
    ("bollebygd", "Bollebygds kommun", "517 83 Bollebygd"),
    ("tranemo", "Tranemo kommun", "514 80 Tranemo"),
    ("svenljunga", "Svenljunga kommun", "512 80 Svenljunga"),
    ("herrljunga", "Herrljunga kommun", "524 80 Herrljunga"),
    ("vargarda", "Vårgårda kommun", "447 80 Vårgårda"),
    ("alingsas", "Alingsås kommun", "441 81 Alingsås"),
    ("goteborg", "Göteborgs Stad", "404 82 Göteborg"),
];

struct Dice(Pcg64Mcg);

impl Dice {
    fn below(&mut self, n: u64) -> u64 {
        self.0.next_u64() % n.max(1)
    }

    fn unit(&mut self) -> f64 {
        (self.0.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// A standard normal value (Box–Muller).
    fn normal(&mut self) -> f64 {
        let u = self.unit().max(f64::MIN_POSITIVE);
        let v = self.unit();
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }

    /// Nights of a stay: log-normal, median about 40 and mean about 55, with a long tail.
    fn nights(&mut self) -> i64 {
        ((3.7 + 0.8 * self.normal()).exp().round() as i64).clamp(1, 540)
    }
}

fn org_number(i: usize) -> String {
    let body = format!("212000{:03}", 100 + i * 7);
    format!("{}-{}{}", &body[..6], &body[6..], crate::luhn::check_digit(&body))
}

fn kronor(ore: i64) -> String {
    Money::from_ore(ore).to_decimal()
}

fn local(t: DateTime<Utc>) -> String {
    clock::to_local_rfc3339(t)
}

/// The records of a shelter over `plan.years` years ending today, as an import file.
fn records(plan: &Plan, now: DateTime<Utc>, made: &mut Made) -> Value {
    let mut dice = Dice(Pcg64Mcg::seed_from_u64(plan.seed));
    let today = clock::swedish_date(now);
    let first_year = today.year() - plan.years as i32 + 1;
    let first_day = NaiveDate::from_ymd_opt(first_year, 1, 1).expect("a date");
    made.first_day = Some(first_day);

    let municipalities: Vec<Value> = MUNICIPALITIES
        .iter()
        .enumerate()
        .map(|(i, (key, name, town))| {
            let org = if i == 0 {
                "212000-1561".to_owned()
            } else {
                org_number(i)
            };
            json!({
                "key": key, "name": name, "org_number": org,
                "price_class": if i == 0 { "iop" } else { "standard" },
                "acute_clause": i == 0,
                "address": format!("Socialtjänsten, Box {}, {town}", 100 + i),
                "peppol_id": format!("0007:{}", org.replace('-', "")),
                "buyer_reference": format!("REF-{}", key.to_uppercase()),
            })
        })
        .collect();

    // Tariffs rise by about three per cent a year, rounded to whole kronor.
    let mut tariffs = Vec::new();
    for (y, year) in (first_year..=today.year()).enumerate() {
        let grow = |base: i64| (base as f64 * 1.03f64.powi(y as i32) / 100.0).round() as i64 * 100;
        for (category, iop, standard) in [("adult", 1450 * 100, 1750 * 100), ("child", 850 * 100, 1000 * 100)] {
            tariffs.push(json!({
                "valid_from": format!("{year}-01-01"), "category": category,
                "iop": kronor(grow(iop)), "standard": kronor(grow(standard)),
            }));
        }
    }

    // Rooms: one acute room and eight family rooms per unit of scale.
    let scale = plan.scale.max(1) as usize;
    let mut rooms = Vec::new();
    let mut room_free: Vec<(String, bool, DateTime<Utc>)> = Vec::new();
    for s in 0..scale {
        let acute = format!("akut-{}", s + 1);
        rooms.push(json!({ "key": acute, "name": format!("Akutrummet {}", s + 1), "acute": true, "beds": 3 }));
        room_free.push((acute, true, DateTime::<Utc>::MIN_UTC));
        for r in 0..8 {
            let key = format!("rum-{}-{}", s + 1, r + 1);
            rooms.push(json!({ "key": key, "name": format!("Rum {}:{}", s + 1, r + 1), "acute": false, "beds": 4 }));
            room_free.push((key, false, DateTime::<Utc>::MIN_UTC));
        }
    }

    // Placements, in order of arrival.
    let per_year = 40 * scale as u64;
    let mut arrivals: Vec<DateTime<Utc>> = Vec::new();
    for year in first_year..=today.year() {
        let start = NaiveDate::from_ymd_opt(year, 1, 1).expect("a date");
        let days = if year == today.year() {
            today.ordinal0() as u64
        } else {
            365
        };
        let count = per_year * days / 365;
        for _ in 0..count {
            let day = start + Duration::days(dice.below(days.max(1)) as i64);
            // Most arrive in the evening or at night.
            let hour = *dice.pick(&[8, 11, 14, 17, 19, 20, 21, 22, 23, 0, 1, 2, 3]);
            let minute = dice.below(60) as i64;
            let at = clock::local_midnight(day) + Duration::hours(hour) + Duration::minutes(minute);
            if at < now {
                arrivals.push(at);
            }
        }
    }
    arrivals.sort();

    let mut placements = Vec::new();
    let mut people_ended: Vec<(String, String, i32, DateTime<Utc>)> = Vec::new(); // key, name, birth year, left
    let mut person_seq = 0u32;
    for (n, arrived) in arrivals.iter().enumerate() {
        let acute = dice.chance(0.35);
        let mut nights = dice.nights();
        let decision = if acute {
            *dice.pick(&[
                "fortsatt_har",
                "fortsatt_har",
                "fortsatt_har",
                "skyddat_boende_annan_ort",
                "avslutad",
            ])
        } else {
            "fortsatt_har"
        };
        if decision != "fortsatt_har" {
            nights = nights.min(1 + dice.below(3) as i64);
        }
        let leaves = *arrived + Duration::days(nights) + Duration::hours(dice.below(8) as i64);
        let ongoing = leaves >= now;
        let out = (!ongoing).then(|| local(leaves));
        let destination = (!ongoing).then(|| {
            *dice.pick(&[
                "eget_boende",
                "eget_boende",
                "anhoriga",
                "skyddat_boende_annat",
                "tillbaka_till_valdet",
                "okant",
            ])
        });

        // The woman: now and then one who has been here before.
        let returning = dice
            .chance(0.08)
            .then(|| {
                let earlier: Vec<usize> = (0..people_ended.len())
                    .filter(|&i| people_ended[i].3 + Duration::days(30) < *arrived)
                    .collect();
                (!earlier.is_empty()).then(|| earlier[dice.below(earlier.len() as u64) as usize])
            })
            .flatten();
        let (woman_key, woman_name, woman_born) = match returning {
            Some(i) => {
                made.returning += 1;
                let (k, name, born, _) = people_ended.remove(i);
                (k, name, born)
            }
            None => {
                person_seq += 1;
                made.women += 1;
                let born = arrived.year() - 19 - dice.below(40) as i32;
                (format!("K{person_seq:06}"), (*dice.pick(NAMES_WOMEN)).to_owned(), born)
            }
        };
        let reference = format!("DEMO-{}-{:05}", arrived.year(), n + 1);
        let mut stays = vec![json!({
            "person": woman_key, "name": woman_name, "birth_year": woman_born, "category": "adult",
            "decision_reference": format!("{reference}-1"), "in": local(*arrived), "out": out, "destination": destination,
        })];
        if !ongoing {
            people_ended.push((woman_key.clone(), woman_name, woman_born, leaves));
        }
        let children = match dice.below(20) {
            0..=5 => 0,
            6..=11 => 1,
            12..=16 => 2,
            _ => 3,
        };
        for c in 0..children {
            person_seq += 1;
            made.children += 1;
            let later = if dice.chance(0.15) {
                Duration::days(1 + dice.below(3) as i64)
            } else {
                Duration::zero()
            };
            let child_in = (*arrived + later).min(leaves - Duration::hours(1));
            let child_in = if child_in >= now { *arrived } else { child_in };
            stays.push(json!({
                "person": format!("B{person_seq:06}"), "name": *dice.pick(NAMES_CHILDREN),
                "birth_year": arrived.year() - dice.below(18) as i32, "category": "child",
                "decision_reference": format!("{reference}-{}", c + 2), "in": local(child_in),
                "out": out, "destination": destination,
            }));
        }

        // A room that is free, the acute room for acute placements.
        let room = room_free
            .iter_mut()
            .find(|(_, is_acute, free)| *is_acute == acute && *free <= *arrived)
            .map(|slot| {
                slot.2 = if ongoing { DateTime::<Utc>::MAX_UTC } else { leaves };
                slot.0.clone()
            });
        let municipality = if dice.chance(0.45) {
            "boras"
        } else {
            dice.pick(&MUNICIPALITIES[1..]).0
        };
        let mut placement = json!({
            "key": format!("D{:06}", n + 1), "municipality": municipality, "reference": reference,
            "acute": acute, "room": room,
            "violence": *dice.pick(&["nara_relation", "nara_relation", "nara_relation", "heder", "annat"]),
            "arrival_route": *dice.pick(&["sociala_jouren", "polisen", "egen_kontakt", "annat"]),
            "transported_by": *dice.pick(&["personal", "sociala_jouren", "polisen", "sjalv"]),
            "assessment": { "by": *dice.pick(&["sociala_jouren", "polisen"]), "at": local(*arrived),
                            "conclusion": "Syntetisk bedömning (demo)." },
            "stays": stays,
        });
        if acute {
            let contact = *arrived + Duration::hours(2 + dice.below(60) as i64);
            if contact < now && contact < leaves {
                placement["rve"] = json!({
                    "contacted_at": local(contact), "contacted_by": "Demo",
                    "decision": decision, "decided_at": local(contact.min(leaves - Duration::minutes(1))),
                });
            }
        }
        placements.push(placement);
        made.placements += 1;
    }

    let mut file = json!({
        "municipalities": municipalities,
        "tariffs": tariffs,
        "rooms": rooms,
        "placements": placements,
    });
    activities::add(&mut file, plan, now, first_day);
    file
}

/// Fills an empty store: the records in one import, then every month invoiced (on the first of
/// the next month) and most invoices paid within a month. `now` is the real time: nothing is
/// dated after it.
/// The demo's administrator, for the window: its user name and password (made up, as all else).
pub const ACCOUNT: (&str, &str) = ("demo", "demo-lösenord");

/// A demo store made in a data folder without one (`setup::create` refuses a folder that has a
/// store): the made-up organisation, its administrator ([`ACCOUNT`]) and `plan`'s years of
/// records. The store is closed again; the recovery key of its new key is returned with what was
/// made, to be shown once.
pub fn create(
    dir: &crate::data_dir::DataDir,
    plan: Plan,
    choice: crate::setup::KeyChoice,
    now: DateTime<Utc>,
) -> Result<(Made, crate::secret::Secret<String>)> {
    let org = crate::organisation::OrganisationInput {
        name: "Kvinnojouren Exempelstad (demo)".into(),
        org_number: "802000-0009".into(),
        address: "Box 1, 123 45 Exempelstad".into(),
        bankgiro: "5050-1055".into(),
        f_skatt: true,
    };
    let created = crate::setup::create(dir, Some(&org), choice, crate::CLI_ACTOR, now)?;
    let recovery = created.key.recovery_text();
    let mut store = created.store;
    let account = crate::accounts::NewAccount {
        username: ACCOUNT.0.into(),
        display_name: "Demo Administratör".into(),
        role: crate::accounts::Role::Admin,
        password: ACCOUNT.1.into(),
        password_repeat: ACCOUNT.1.into(),
    };
    let admin = crate::actions::accounts::create_first(&mut store, &account, now)?;
    let made = fill(&mut store, plan, &admin.username, now)?;
    store.close()?;
    Ok((made, recovery))
}

pub fn fill(store: &mut Store, plan: Plan, actor: &str, now: DateTime<Utc>) -> Result<Made> {
    let mut made = Made {
        years: plan.years,
        scale: plan.scale,
        seed: plan.seed,
        ..Made::default()
    };
    if plan.years == 0 || plan.years > 50 || plan.scale == 0 || plan.scale > 1000 {
        return Err(Error::invalid("years", "Ange 1–50 år och skala 1–1000."));
    }
    let file: exchange::Exchange = serde_json::from_value(records(&plan, now, &mut made))
        .map_err(|e| Error::new(crate::Code::InvalidInput, format!("Demodata: {e}")))?;
    exchange::import(store, &file, now, actor, crate::text::Lang::Sv).map_err(|problems| {
        let first = problems
            .first()
            .map(|p| format!("{}: {}", p.place, p.message))
            .unwrap_or_default();
        Error::new(
            crate::Code::InvalidInput,
            format!("Demodata gick inte att läsa in: {first}"),
        )
    })?;

    // The organisation's years: staff and volunteers in proportion to the scale, and a permit
    // for most of the beds of the rooms (35 in each unit of scale), each within what one
    // organisation can enter.
    let first_year = made.first_day.expect("set by records").year();
    for year in first_year..=clock::swedish_date(now).year() {
        let input = crate::organisation_year::YearInput {
            year,
            staff_fte: format!("{},5", (4 * plan.scale).min(999)),
            volunteers: (12 * plan.scale).min(10_000),
            volunteer_hours: 750 * plan.scale,
            ivo_places: Some((30 * plan.scale).min(1000)),
        };
        store.write(|tx| crate::organisation_year::record(tx, &input, now, actor))?;
    }

    let mut dice = Dice(Pcg64Mcg::seed_from_u64(plan.seed ^ 0x5eed));
    let today = clock::swedish_date(now);
    let mut month_end = made.first_day.expect("set by records") + Months::new(1) - Duration::days(1);
    while month_end < today {
        let issued_on = month_end + Duration::days(1);
        let at = clock::local_midnight(issued_on) + Duration::hours(9);
        let invoices = store.write(|tx| run::issue(tx, month_end, at, actor))?.invoices;
        crate::billing::due_documents::make_all(store.conn(), at)?;
        made.invoicing_runs += 1;
        made.invoices += invoices.len() as u32;
        for invoice in &invoices {
            let Some(number) = &invoice.number else { continue };
            if dice.chance(0.04) {
                continue; // never paid (a reminder is due)
            }
            let paid_on = issued_on + Duration::days(15 + dice.below(25) as i64);
            if paid_on >= today || invoice.total.ore() <= 0 {
                continue;
            }
            let paid_at = clock::local_midnight(paid_on) + Duration::hours(10);
            store.write(|tx| payments::pay(tx, number, invoice.total, paid_on, paid_at, actor))?;
            made.payments += 1;
        }
        month_end = (month_end + Duration::days(1) + Months::new(1)) - Duration::days(1);
    }
    Ok(made)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_records_and_another_seed_others() {
        let now: DateTime<Utc> = "2026-11-28T12:00:00Z".parse().unwrap();
        let plan = Plan {
            years: 2,
            scale: 1,
            seed: 7,
        };
        let a = records(&plan, now, &mut Made::default());
        let b = records(&plan, now, &mut Made::default());
        assert_eq!(a, b);
        let c = records(&Plan { seed: 8, ..plan }, now, &mut Made::default());
        assert_ne!(a, c);
    }

    #[test]
    fn a_year_at_scale_one_looks_like_a_shelter() {
        let now: DateTime<Utc> = "2026-12-31T12:00:00Z".parse().unwrap();
        let mut made = Made::default();
        let file = records(
            &Plan {
                years: 10,
                scale: 1,
                seed: 1,
            },
            now,
            &mut made,
        );
        let placements = file["placements"].as_array().unwrap();
        let per_year = placements.len() as f64 / 10.0;
        assert!((35.0..=42.0).contains(&per_year), "{per_year} placements a year");
        let children_per_year = f64::from(made.children) / 10.0;
        assert!(
            (40.0..=55.0).contains(&children_per_year),
            "{children_per_year} children a year"
        );
        assert!(made.returning > 0);
        let mut nights = Vec::new();
        for p in placements {
            let s = &p["stays"][0];
            if let (Some(i), Some(o)) = (s["in"].as_str(), s["out"].as_str()) {
                let i = clock::parse_time(i).unwrap();
                let o = clock::parse_time(o).unwrap();
                nights.push((o - i).num_days());
            }
        }
        let mean = nights.iter().sum::<i64>() as f64 / nights.len() as f64;
        assert!((40.0..=65.0).contains(&mean), "mean stay {mean} nights");
        assert!(nights.iter().any(|n| *n > 150), "a long tail");
        let acute = placements.iter().filter(|p| p["acute"] == true).count() as f64 / placements.len() as f64;
        assert!((0.25..=0.45).contains(&acute), "{acute} acute");
    }
}
