//! Ready to move out but still here (issue 22): the day from which a woman (or a child) is ready
//! to move out but has no housing to go to, through fristad-cli. The year's nights waiting for
//! housing counted by hand; the day checked as the stay is, corrected with its reason, exported.

use fristad_tests::new_store;
use serde_json::json;

/// P1: a woman 1–21 March 2025 (20 nights), ready from 15 March (the nights of 15–20: 6); her
/// child the same, ready from 18 March (18–20: 3). P2: a woman from 20 December 2025, still here,
/// ready from 28 December (28–31 in 2025: 4). In all 13.
const FILE: &str = r#"{
 "municipalities": [{"key": "boras", "name": "Borås Stad", "org_number": "212000-1561", "price_class": "iop",
   "acute_clause": true, "address": "Box 1, 501 80 Borås", "buyer_reference": "YY123"}],
 "placements": [
  {"key": "P1", "municipality": "boras", "acute": false, "reference": "A", "violence": "nara_relation",
   "stays": [{"person": "W1", "name": "Testkvinna", "category": "adult", "birth_year": 1990,
              "in": "2025-03-01T12:00", "out": "2025-03-21T10:00", "ready_to_move": "2025-03-15"},
             {"person": "C1", "name": "Testbarn", "category": "child", "birth_year": 2019,
              "in": "2025-03-01T12:00", "out": "2025-03-21T10:00", "ready_to_move": "2025-03-18"}]},
  {"key": "P2", "municipality": "boras", "acute": false, "reference": "B", "violence": "nara_relation",
   "stays": [{"person": "W2", "name": "Testkvinna Två", "category": "adult", "birth_year": 1980,
              "in": "2025-12-20T12:00", "ready_to_move": "2025-12-28"}]}]
}"#;

#[test]
fn nights_waiting_for_housing_counted_by_hand_and_the_day_checked_as_the_stay() {
    let (tmp, _dir, cli) = new_store("utflyttningsklar");
    let file = tmp.path().join("ar.json");
    std::fs::write(&file, FILE).unwrap();
    cli.run(&["import", file.to_str().unwrap()]).assert_ok();
    let nights = |cli: &fristad_tests::Cli| {
        cli.run(&["report", "yearly", "--year", "2025", "--json"])
            .assert_ok()
            .json()["nights"]
            .clone()
    };
    let n = nights(&cli);
    assert_eq!(
        (n["adults"].clone(), n["waiting_for_housing"].clone()),
        (json!(20 + 12), json!(13))
    );

    // The day is within the stay: not before the move-in, not after the move-out, not to come.
    for (person, day, part) in [
        ("W1", "2025-02-28", "under vistelsen"),
        ("W1", "2025-03-22", "under vistelsen"),
        ("W1", "2025-13-01", "2026-03-01"),
    ] {
        cli.run(&["correct", "stay", "P1", person, "ready_to_move", day, "--reason", "x"])
            .assert_refused(part);
    }
    cli.run(&[
        "correct",
        "stay",
        "P2",
        "W2",
        "ready_to_move",
        "2099-01-01",
        "--reason",
        "x",
    ])
    .assert_refused("under vistelsen");

    // Corrected by a day: one night fewer, and the history says so.
    cli.run(&[
        "correct",
        "stay",
        "P1",
        "W1",
        "ready_to_move",
        "2025-03-16",
        "--reason",
        "Beskedet kom dagen efter",
    ])
    .assert_ok();
    assert_eq!(nights(&cli)["waiting_for_housing"], 12);
    let history = cli.run(&["history", "placement", "P1", "--json"]).assert_ok().json();
    assert_eq!(history[0]["field"], "stays.W1.ready_to_move");
    assert_eq!(
        (history[0]["old"].clone(), history[0]["new"].clone()),
        (json!("2025-03-15"), json!("2025-03-16"))
    );

    // Exported as recorded; cleared, it counts no more.
    let export = cli.run(&["export", "--json"]).assert_ok().json();
    assert_eq!(export["placements"][0]["stays"][0]["ready_to_move"], "2025-03-16");
    cli.run(&[
        "correct",
        "stay",
        "P2",
        "W2",
        "ready_to_move",
        "",
        "--reason",
        "Fick en bostad ändå",
    ])
    .assert_ok();
    assert_eq!(nights(&cli)["waiting_for_housing"], 12 - 4);
}
