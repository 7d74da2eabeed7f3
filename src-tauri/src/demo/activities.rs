//! The demo's records beyond the placements, made with dice of their own so that the placements
//! stay as the seed always gave them: everyone's gender, the children's rights, a woman now and
//! then ready to move out with nowhere to go, every request for a place (one for each placement,
//! and those that were refused, referred or withdrawn), and the support contacts of the jour
//! telephone. As synthetic as the rest.

use super::{Dice, Plan};
use crate::clock;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use rand_pcg::Pcg64Mcg;
use rand_pcg::rand_core::SeedableRng;
use serde_json::{Value, json};

/// Contacts of the jour telephone, chat and counselling in a year: one shelter's, whatever the
/// scale (the demo's support is not what is measured at scale).
const CONTACTS_PER_YEAR: u64 = 300;

/// The same key, the same gender: a woman who comes back is who she was.
fn gender(key: &str, child: bool) -> &'static str {
    let n: u32 = key.bytes().map(u32::from).sum();
    match (child, n % 29) {
        (true, x) if x % 2 == 0 => "flicka",
        (true, 1) => "ej_angivet",
        (true, _) => "pojke",
        (false, 0) => "transperson",
        (false, 1 | 2) => "ej_angivet",
        (false, _) => "kvinna",
    }
}

fn day(text: &Value) -> Option<NaiveDate> {
    text.as_str()
        .and_then(|t| clock::parse_time(t).ok())
        .map(clock::swedish_date)
}

/// Adds them to the demo's import file.
pub(super) fn add(file: &mut Value, plan: &Plan, now: DateTime<Utc>, first_day: NaiveDate) {
    let mut dice = Dice(Pcg64Mcg::seed_from_u64(plan.seed ^ 0x22));
    let today = clock::swedish_date(now);
    let mut requests = Vec::new();
    for placement in file["placements"].as_array_mut().expect("placements") {
        let key = placement["key"].as_str().expect("a key").to_owned();
        let stays = placement["stays"].as_array_mut().expect("stays");
        let arrived = day(&stays[0]["in"]).expect("a move-in");
        let children = stays.len() as u32 - 1;
        for stay in stays.iter_mut() {
            let person = stay["person"].as_str().expect("a person").to_owned();
            let child = stay["category"] == "child";
            stay["gender"] = gender(&person, child).into();
            let moved_in = day(&stay["in"]).expect("a move-in");
            let last = day(&stay["out"]).map_or(today, |out| out.min(today));
            let within = |dice: &mut Dice, most: u64| {
                let d = moved_in + Duration::days(dice.below(most) as i64);
                (d <= last).then(|| d.to_string())
            };
            if child {
                for (field, chance, most) in [
                    ("school_from", 0.85, 21),
                    ("health_offered_on", 0.7, 30),
                    ("own_conversation_on", 0.9, 14),
                ] {
                    if dice.chance(chance)
                        && let Some(d) = within(&mut dice, most)
                    {
                        stay[field] = d.into();
                    }
                }
            } else if stay["out"].is_string() && (last - moved_in).num_days() > 40 && dice.chance(0.25) {
                // Ready some weeks before she could move, for want of a home.
                let ready = last - Duration::days(5 + dice.below(25) as i64);
                stay["ready_to_move"] = ready.max(moved_in).to_string().into();
            }
        }
        requests.push(json!({
            "date": arrived.to_string(),
            "from": *dice.pick(&["socialtjansten", "socialtjansten", "polisen", "sjalv", "annan_jour"]),
            "adults": 1, "children": children, "outcome": "placerad", "placement": key,
        }));
    }
    // Those that were not placed: about four for every five placements, most refused for want of
    // room; the last few days' not decided yet.
    let placed = requests.len() as u64;
    let days = (today - first_day).num_days().max(1) as u64;
    for _ in 0..placed * 4 / 5 {
        let date = first_day + Duration::days(dice.below(days) as i64);
        let mut request = json!({
            "date": date.to_string(),
            "from": *dice.pick(&["socialtjansten", "socialtjansten", "socialtjansten", "polisen", "sjalv", "annan_jour", "annat"]),
            "adults": 1, "children": dice.below(4),
        });
        if (today - date).num_days() < 3 && dice.chance(0.5) {
            requests.push(request);
            continue;
        }
        let outcome = *dice.pick(&["nekad", "nekad", "nekad", "nekad", "hanvisad", "aterkallad"]);
        request["outcome"] = outcome.into();
        if outcome == "nekad" {
            request["reason"] = (*dice.pick(&[
                "fullt",
                "fullt",
                "fullt",
                "fullt",
                "missbruk",
                "tillganglighet",
                "tonarsson",
                "sakerhet",
                "utanfor_malgrupp",
            ]))
            .into();
        }
        if outcome == "hanvisad" {
            request["referred_to"] = "En annan jour i regionen".into();
        }
        requests.push(request);
    }
    requests.sort_by(|a, b| a["date"].as_str().cmp(&b["date"].as_str()));
    file["requests"] = requests.into();

    let years = u64::from(plan.years);
    let mut contacts = Vec::new();
    let mut callers = 0u32;
    for _ in 0..CONTACTS_PER_YEAR * years {
        let date = first_day + Duration::days(dice.below(days) as i64);
        let topics: Vec<&str> = (0..1 + dice.below(2))
            .map(|_| {
                *dice.pick(&[
                    "psykiskt_vald",
                    "psykiskt_vald",
                    "fysiskt_vald",
                    "sexuellt_vald",
                    "ekonomiskt_vald",
                    "digitalt_vald",
                    "hedersrelaterat",
                    "vardnad_umgange",
                    "boende",
                    "annat",
                ])
            })
            .collect();
        let mut contact = json!({
            "date": date.to_string(),
            "channel": *dice.pick(&["telefon", "telefon", "telefon", "chatt", "chatt", "sms", "mejl", "besok", "samtal", "grupp"]),
            "group": *dice.pick(&["kvinna", "kvinna", "kvinna", "kvinna", "tjej", "narstaende", "yrkesperson", "man", "okand"]),
            "topics": topics,
            "minutes": 5 + dice.below(60),
            "by": *dice.pick(&["personal", "personal", "volontar"]),
        });
        // Half call again and are given a key; some of them more than once.
        if dice.chance(0.5) {
            if callers == 0 || dice.chance(0.6) {
                callers += 1;
            }
            let caller = 1 + dice.below(u64::from(callers));
            contact["person"] = format!("S{caller:05}").into();
        }
        contacts.push(contact);
    }
    contacts.sort_by(|a, b| a["date"].as_str().cmp(&b["date"].as_str()));
    file["support_contacts"] = contacts.into();
}
