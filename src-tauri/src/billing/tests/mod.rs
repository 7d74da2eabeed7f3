//! Tests of billing against a real (encrypted, temporary) store, by theme in the files below;
//! here the fixtures they share: the store with its organisation and buyers, the tariffs, the
//! generated stays and placements with their times, and the edits (`Op`) made between runs.

mod documents;
mod invoice_register;
mod properties;
mod runs;

use crate::billing::{register, run};
use crate::clock::{self, parse_time};
use crate::keys::DbKey;
use crate::money::Money;
use crate::placements::{self, Category, Destination, PlacementInput, StayInput, Violence};
use crate::registers::municipalities::{self, Municipality, PriceClass};
use crate::registers::tariffs::{self, Tariff};
use crate::store::Store;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use proptest::prelude::*;
use std::collections::BTreeSet;
// The tests name these as `super::…`, as they did when they were one file beside them.
use super::{due_documents, issued_documents};

fn now() -> DateTime<Utc> {
    parse_time("2026-06-15 12:00").unwrap()
}

fn organisation() -> crate::organisation::OrganisationInput {
    crate::organisation::OrganisationInput {
        name: "Testjouren".into(),
        org_number: "802000-0009".into(),
        address: "Box 1, 123 45 Exempelstad".into(),
        bankgiro: "5050-1055".into(),
        f_skatt: true,
    }
}

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("t.db"), &DbKey::generate().unwrap()).unwrap();
    store
        .write(|tx| {
            crate::organisation::save(tx, &organisation().validate()?, now())?;
            buyers(tx)
        })
        .unwrap();
    (dir, store)
}

/// Borås with its reference, and one municipality more.
fn buyers(tx: &rusqlite::Transaction) -> crate::Result<()> {
    municipalities::save(
        tx,
        &Municipality {
            key: "annan".into(),
            name: "Annan kommun".into(),
            org_number: "212000-1579".into(),
            address: "Box 2, 123 45 Annanstad".into(),
            peppol_id: "0007:2120001579".into(),
            price_class: PriceClass::Standard,
            acute_clause: false,
            buyer_reference: "REF-1".into(),
            terms_from: None,
        },
        &Default::default(),
        "test",
        now(),
    )?;
    let mut boras = municipalities::by_key(tx, "boras")?.unwrap().1;
    boras.buyer_reference = "YY123".into();
    municipalities::save(tx, &boras, &Default::default(), "test", now()).map(|_| ())
}

/// 1 000 kr a night (IOP) and 1 200 kr (standard) for everyone, all year.
fn flat_tariffs(tx: &rusqlite::Transaction) -> crate::Result<()> {
    for c in [Category::Adult, Category::Child] {
        let valid_from = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        tariffs::save(
            tx,
            &Tariff {
                valid_from,
                category: c,
                iop: Money::from_kronor(1000),
                standard: Money::from_kronor(1200),
            },
        )?;
    }
    Ok(())
}

/// One generated stay: offsets in minutes from 1 January 2026, and whether it has ended.
#[derive(Debug, Clone)]
struct GenStay {
    in_min: i64,
    len_min: i64,
    ended: bool,
}

#[derive(Debug, Clone)]
struct GenPlacement {
    acute: bool,
    iop: bool,
    adult: GenStay,
    children: Vec<(i64, GenStay)>,
}

fn gen_stay() -> impl Strategy<Value = GenStay> {
    (0i64..130 * 24 * 60, 60i64..40 * 24 * 60, any::<bool>()).prop_map(|(in_min, len_min, ended)| GenStay {
        in_min,
        len_min,
        ended,
    })
}

fn gen_placement() -> impl Strategy<Value = GenPlacement> {
    (
        any::<bool>(),
        any::<bool>(),
        gen_stay(),
        prop::collection::vec((0i64..3 * 24 * 60, gen_stay()), 0..3),
    )
        .prop_map(|(acute, iop, adult, children)| GenPlacement {
            acute,
            iop,
            adult,
            children,
        })
}

fn base() -> DateTime<Utc> {
    parse_time("2026-01-01 00:00").unwrap()
}

fn t(min: i64) -> String {
    clock::to_local_rfc3339(base() + Duration::minutes(min))
}

/// The stays' times, clipped so that nothing lies after `now` and children come after the adult.
fn input(i: usize, g: &GenPlacement) -> PlacementInput {
    let end = |s: &GenStay, start: i64| -> Option<String> {
        let out = start + s.len_min;
        (s.ended && base() + Duration::minutes(out) < now()).then(|| t(out))
    };
    let mut stays = vec![StayInput {
        person: Some(format!("W{i}")),
        name: Some("Vuxen".into()),
        category: Category::Adult,
        in_at: t(g.adult.in_min),
        out_at: end(&g.adult, g.adult.in_min),
        destination: None,
        ..StayInput::default()
    }];
    for (j, (delay, c)) in g.children.iter().enumerate() {
        let start = g.adult.in_min + delay;
        stays.push(StayInput {
            person: Some(format!("C{i}-{j}")),
            name: Some("Barn".into()),
            category: Category::Child,
            in_at: t(start),
            out_at: end(c, start),
            ..StayInput::default()
        });
    }
    PlacementInput {
        key: Some(format!("P{i}")),
        municipality: if g.iop { "boras".into() } else { "annan".into() },
        reference: "REF".into(),
        acute: g.acute,
        violence: Violence::CloseRelationship,
        stays,
        ..PlacementInput::default()
    }
}

/// One thing that happens between runs, for the check of what a run may skip.
#[derive(Debug, Clone)]
enum Op {
    Intake {
        days_ago: i64,
        children: usize,
        acute: bool,
        iop: bool,
    },
    MoveOut {
        placement: usize,
        stay: usize,
        days_ago: i64,
    },
    UndoMoveOut {
        placement: usize,
        stay: usize,
    },
    AddChild {
        placement: usize,
        hours_ago: i64,
    },
    Tariff {
        days: i64,
        adult: bool,
        bump: i64,
    },
    /// Borås' price class, or its acute clause, or how nights are counted changes: from the first
    /// night not yet invoiced, or re-pricing from `back` days ago.
    PriceClass {
        back: Option<i64>,
    },
    AcuteClause {
        back: Option<i64>,
    },
    Move {
        placement: usize,
    },
    /// A person's arrival corrected to another time, perhaps later than nights already invoiced.
    Arrival {
        placement: usize,
        stay: usize,
        hours_ago: i64,
    },
    Credit,
    /// A payment on the `nth` newest invoice: what is left, or 100 kr of it.
    Pay {
        nth: i64,
        whole: bool,
    },
    Counting {
        back: Option<i64>,
    },
    Run {
        back: i64,
    },
    Wait {
        days: i64,
    },
}

fn gen_op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0i64..60, 0usize..3, any::<bool>(), any::<bool>())
            .prop_map(|(days_ago, children, acute, iop)| Op::Intake { days_ago, children, acute, iop }),
        3 => (0usize..8, 0usize..3, 0i64..40).prop_map(|(placement, stay, days_ago)| Op::MoveOut { placement, stay, days_ago }),
        1 => (0usize..8, 0usize..3).prop_map(|(placement, stay)| Op::UndoMoveOut { placement, stay }),
        1 => (0usize..8, 1i64..400).prop_map(|(placement, hours_ago)| Op::AddChild { placement, hours_ago }),
        1 => (0i64..200, any::<bool>(), 1i64..500).prop_map(|(days, adult, bump)| Op::Tariff { days, adult, bump }),
        1 => prop::option::of(0i64..60).prop_map(|back| Op::PriceClass { back }),
        1 => prop::option::of(0i64..60).prop_map(|back| Op::AcuteClause { back }),
        1 => (0usize..8).prop_map(|placement| Op::Move { placement }),
        // Within today's hours, the arrival moves after every night a run could have invoiced.
        1 => (0usize..8, 0usize..3, prop_oneof![1i64..12, 12i64..400])
            .prop_map(|(placement, stay, hours_ago)| Op::Arrival { placement, stay, hours_ago }),
        1 => Just(Op::Credit),
        1 => (0i64..6, any::<bool>()).prop_map(|(nth, whole)| Op::Pay { nth, whole }),
        1 => prop::option::of(0i64..60).prop_map(|back| Op::Counting { back }),
        4 => (0i64..10).prop_map(|back| Op::Run { back }),
        3 => (1i64..25).prop_map(|days| Op::Wait { days }),
    ]
}

/// Applies an edit; an edit the program refuses (a move-out before the move-in, say) is skipped.
fn apply(store: &mut Store, op: &Op, now: DateTime<Utc>, made: &mut usize) {
    let stays_of = |store: &Store, i: usize| {
        placements::views::load(store.conn(), &format!("P{i}"))
            .unwrap()
            .map(|(_, p)| p)
    };
    let _ = match op {
        Op::Intake {
            days_ago,
            children,
            acute,
            iop,
        } => {
            let i = *made;
            *made += 1;
            let arrived = now - Duration::days(*days_ago) - Duration::hours(5);
            let mut stays = vec![StayInput {
                person: Some(format!("W{i}")),
                name: Some("Vuxen".into()),
                category: Category::Adult,
                in_at: clock::to_local_rfc3339(arrived),
                ..StayInput::default()
            }];
            for j in 0..*children {
                stays.push(StayInput {
                    person: Some(format!("C{i}-{j}")),
                    name: Some("Barn".into()),
                    category: Category::Child,
                    in_at: clock::to_local_rfc3339(arrived + Duration::hours(j as i64 + 1)),
                    ..StayInput::default()
                });
            }
            let input = PlacementInput {
                key: Some(format!("P{i}")),
                municipality: if *iop { "boras".into() } else { "annan".into() },
                reference: "REF".into(),
                acute: *acute,
                violence: Violence::CloseRelationship,
                stays,
                ..PlacementInput::default()
            };
            store.write(|tx| placements::save(tx, &input, now, "test").map(|_| ()))
        }
        // Move-outs and their undoing go through the functions the window uses, which write
        // the stay alone, not the whole placement.
        Op::MoveOut {
            placement,
            stay,
            days_ago,
        } if *placement < *made => {
            let p = stays_of(store, *placement).unwrap();
            let s = &p.stays[*stay % p.stays.len()];
            let out = (now - Duration::days(*days_ago))
                .max(s.in_at + Duration::hours(1))
                .min(now);
            store.write(|tx| {
                placements::afterwards::move_out(
                    tx,
                    &p.key,
                    std::slice::from_ref(&s.person),
                    &clock::to_local_rfc3339(out),
                    Destination::OwnHome,
                    now,
                    "test",
                )
                .map(|_| ())
            })
        }
        Op::UndoMoveOut { placement, stay } if *placement < *made => {
            let p = stays_of(store, *placement).unwrap();
            let s = &p.stays[*stay % p.stays.len()];
            store.write(|tx| {
                placements::afterwards::undo_move_out(tx, &p.key, &s.person, "Fel registrerat", now, "test")
            })
        }
        Op::AddChild { placement, hours_ago } if *placement < *made => {
            let child = StayInput {
                person: Some(format!("D{placement}-{hours_ago}")),
                name: Some("Barn".into()),
                category: Category::Child,
                in_at: clock::to_local_rfc3339(now - Duration::hours(*hours_ago)),
                ..StayInput::default()
            };
            store.write(|tx| {
                placements::afterwards::add_stay(tx, &format!("P{placement}"), child, now, "test").map(|_| ())
            })
        }
        Op::Arrival {
            placement,
            stay,
            hours_ago,
        } if *placement < *made => {
            let p = stays_of(store, *placement).unwrap();
            let mut input = PlacementInput::from_placement(&p);
            let i = *stay % input.stays.len();
            input.stays[i].in_at = clock::to_local_rfc3339(now - Duration::hours(*hours_ago));
            store.write(|tx| placements::save(tx, &input, now, "test").map(|_| ()))
        }
        Op::Move { placement } if *placement < *made => {
            let p = stays_of(store, *placement).unwrap();
            let mut input = PlacementInput::from_placement(&p);
            input.municipality = if p.municipality == "boras" {
                "annan".into()
            } else {
                "boras".into()
            };
            store.write(|tx| placements::save(tx, &input, now, "test").map(|_| ()))
        }
        Op::Tariff { days, adult, bump } => {
            let t = Tariff {
                valid_from: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + Duration::days(*days),
                category: if *adult { Category::Adult } else { Category::Child },
                iop: Money::from_kronor(1000 + bump),
                standard: Money::from_kronor(1200 + bump),
            };
            store.write(|tx| tariffs::save(tx, &t).map(|_| ()))
        }
        Op::PriceClass { back } | Op::AcuteClause { back } => store.write(|tx| {
            let (id, boras) = municipalities::by_key(tx, "boras")?.unwrap();
            let mut change = crate::terms::Changing {
                from: back.map(|b| clock::swedish_date(now) - Duration::days(b)),
                reprice: back.is_some(),
                reason: "test".into(),
                ..Default::default()
            };
            if let Op::PriceClass { .. } = op {
                change.price_class = Some(if boras.price_class == PriceClass::Iop {
                    PriceClass::Standard
                } else {
                    PriceClass::Iop
                });
            } else {
                change.acute_clause = Some(!boras.acute_clause);
            }
            crate::terms::change_municipality(tx, id, &change, "test", now).map(|_| ())
        }),
        Op::Credit => {
            let latest: Option<String> = store
                .conn()
                .query_row(
                    "SELECT number FROM invoices WHERE kind = 'placement' ORDER BY id DESC LIMIT 1",
                    [],
                    |r| r.get(0),
                )
                .ok();
            match latest {
                Some(number) => {
                    store.write(|tx| crate::billing::credit::credit(tx, &number, "test", now, "test").map(|_| ()))
                }
                None => Ok(()),
            }
        }
        Op::Pay { nth, whole } => {
            let today = clock::swedish_date(now);
            let owed = store
                .conn()
                .query_row(
                    "SELECT number FROM invoices WHERE kind != 'credit_note' ORDER BY id DESC LIMIT 1 OFFSET ?1",
                    [nth],
                    |r| r.get::<_, String>(0),
                )
                .ok()
                .and_then(|n| {
                    let id = register::id_of(store.conn(), &n).ok()?;
                    Some((n, register::entry(store.conn(), id, today).ok()?.outstanding))
                });
            match owed {
                Some((number, left)) if left > Money::ZERO => {
                    let amount = if *whole {
                        left
                    } else {
                        left.min(Money::from_kronor(100))
                    };
                    store.write(|tx| crate::billing::payments::pay(tx, &number, amount, today, now, "test").map(|_| ()))
                }
                _ => Ok(()),
            }
        }
        Op::Counting { back } => store.write(|tx| {
            let toggled = match crate::terms::Book::load(tx)?.latest_night_counting() {
                crate::settings::NightCounting::Midnights => crate::settings::NightCounting::StartedDays,
                crate::settings::NightCounting::StartedDays => crate::settings::NightCounting::Midnights,
            };
            let change = crate::terms::Changing {
                night_counting: Some(toggled),
                from: back.map(|b| clock::swedish_date(now) - Duration::days(b)),
                reprice: back.is_some(),
                reason: "test".into(),
                ..Default::default()
            };
            crate::terms::change_billing(tx, &change, "test", now).map(|_| ())
        }),
        Op::Run { .. }
        | Op::Wait { .. }
        | Op::MoveOut { .. }
        | Op::UndoMoveOut { .. }
        | Op::AddChild { .. }
        | Op::Move { .. }
        | Op::Arrival { .. } => Ok(()),
    };
}
