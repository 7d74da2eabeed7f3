//! Correcting a saved placement with fristad-cli (issue 21): a wrong intake on purpose, invoiced,
//! then corrected field by field with reasons; the history, the access log, the credit note and
//! the new invoice, and the year's figures, counted by hand.

use fristad_tests::{Cli, TEST_PASSWORD, new_store};
use serde_json::Value;

const FILE: &str = r#"{
 "municipalities": [
  {"key": "boras", "name": "Borås Stad", "org_number": "212000-1561", "price_class": "iop", "acute_clause": true,
   "address": "Box 1, 501 80 Borås", "buyer_reference": "YY123"},
  {"key": "annan", "name": "Annan kommun", "org_number": "212000-1579", "price_class": "standard", "acute_clause": false,
   "address": "Box 2, 123 45 Annanstad", "buyer_reference": "REF-9"}],
 "tariffs": [{"valid_from": "2026-01-01", "category": "adult", "iop": "1650.00", "standard": "1950.00"},
             {"valid_from": "2026-01-01", "category": "child", "iop": "950.00", "standard": "1150.00"}],
 "placements": [{"key": "P1", "municipality": "boras", "acute": false, "reference": "RVE 26-017", "violence": "nara_relation",
   "stays": [{"person": "W1", "name": "Testkvinna", "category": "adult", "birth_year": 1990,
              "in": "2026-03-01T22:15", "out": "2026-03-06T10:00"},
             {"person": "C1", "name": "Testbarn", "category": "child", "birth_year": 2019,
              "in": "2026-03-02T09:00", "out": "2026-03-06T10:00"}]}]
}"#;

/// The wrong intake: placed by Borås (it was the other municipality), the child's move-in a day
/// early, not marked acute; invoiced through March.
fn wrong_intake() -> (tempfile::TempDir, Cli, Value) {
    let (tmp, _dir, cli) = new_store("rättelser");
    let file = tmp.path().join("intag.json");
    std::fs::write(&file, FILE).unwrap();
    cli.run(&["import", file.to_str().unwrap()]).assert_ok();
    let issued = cli
        .run(&["invoice", "run", "--through", "2026-03-31", "--json"])
        .assert_ok()
        .json();
    (tmp, cli, issued)
}

fn total(invoice: &Value) -> &str {
    invoice["total"].as_str().unwrap()
}

#[test]
fn a_wrong_intake_corrected_field_by_field_credits_the_first_municipality_and_invoices_the_second() {
    let (_tmp, cli, issued) = wrong_intake();
    // Borås: the woman 1–5 March, 5 × 1 650 = 8 250; the child 2–5 March, 4 × 950 = 3 800.
    assert_eq!(total(&issued["invoices"][0]), "12050.00");

    // What moving it to the other municipality would do, before it is saved.
    let preview = cli
        .run(&[
            "correct",
            "placement",
            "P1",
            "municipality",
            "annan",
            "--reason",
            "Fel kommun vid intaget",
            "--dry-run",
            "--json",
        ])
        .assert_ok()
        .json();
    let previewed: Vec<(&str, &str)> = preview["invoices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["kind"].as_str().unwrap(), total(i)))
        .collect();
    // Credited: Borås's 12 050. Invoiced anew at the other's standard price: 5 × 1 950 + 4 × 1 150.
    assert_eq!(previewed, [("credit_note", "12050.00"), ("placement", "14350.00")]);
    let unchanged = cli.run(&["history", "placement", "P1", "--json"]).assert_ok().json();
    assert_eq!(unchanged, serde_json::json!([]), "a preview saves nothing");

    cli.run(&[
        "correct",
        "placement",
        "P1",
        "municipality",
        "annan",
        "--reason",
        "Fel kommun vid intaget",
    ])
    .assert_ok();
    cli.run(&[
        "correct",
        "stay",
        "P1",
        "C1",
        "in",
        "2026-03-03 09:00",
        "--reason",
        "Barnet kom dagen efter",
    ])
    .assert_ok();
    cli.run(&[
        "correct",
        "placement",
        "P1",
        "acute",
        "ja",
        "--reason",
        "Placerades akut",
    ])
    .assert_ok();

    // The history, field by field, with who and why.
    let history = cli.run(&["history", "placement", "P1", "--json"]).assert_ok().json();
    let rows: Vec<(&str, Value, Value, &str, &str)> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["field"].as_str().unwrap(),
                c["old"].clone(),
                c["new"].clone(),
                c["by"].as_str().unwrap(),
                c["reason"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (
                "municipality",
                "boras".into(),
                "annan".into(),
                "kontoret",
                "Fel kommun vid intaget"
            ),
            (
                "stays.C1.in",
                "2026-03-02T08:00:00Z".into(),
                "2026-03-03T08:00:00Z".into(),
                "kontoret",
                "Barnet kom dagen efter"
            ),
            ("acute", false.into(), true.into(), "kontoret", "Placerades akut"),
        ]
    );

    // The next run: Borås credited in full; the other municipality (no acute clause, so no free
    // first dygn) invoiced 5 × 1 950 + 3 × 1 150 = 9 750 + 3 450 = 13 200.
    let next = cli
        .run(&["invoice", "run", "--through", "2026-03-31", "--json"])
        .assert_ok()
        .json();
    let made: Vec<(&str, &str, &str)> = next["invoices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["kind"].as_str().unwrap(),
                i["buyer"]["name"].as_str().unwrap(),
                total(i),
            )
        })
        .collect();
    assert_eq!(
        made,
        [
            ("credit_note", "Borås Stad", "12050.00"),
            ("placement", "Annan kommun", "13200.00")
        ]
    );

    // The access log names each correction and who made it, never the value or the reason.
    let log = cli.run(&["audit", "show", "--json"]).assert_ok().json();
    let corrections: Vec<&str> = log
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "correct_placement")
        .map(|e| e["detail"].as_str().unwrap())
        .collect();
    assert_eq!(
        corrections,
        ["rättelse: acute", "rättelse: stays.C1.in", "rättelse: municipality"],
        "newest first"
    );
    assert!(!log.to_string().contains("Fel kommun"), "no reason in the log");

    // The year's figures follow the records: the nights are now the other municipality's.
    let year = cli
        .run(&["report", "yearly", "--year", "2026", "--json"])
        .assert_ok()
        .json();
    let by: Vec<(&str, i64)> = year["by_municipality"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["key"].as_str().unwrap(), m["nights"].as_i64().unwrap()))
        .collect();
    // Nights dated 1–5 March for her, 3–5 March for the child.
    assert_eq!(by, [("annan", 8)]);
    assert_eq!(year["placements"]["acute"], 1);
}

#[test]
fn a_correction_is_refused_as_intake_would_refuse_it_and_changes_nothing() {
    let (tmp, cli, _) = wrong_intake();
    let db = tmp.path().join("data/fristad.db");
    let before = std::fs::read(&db).unwrap();
    let refused = [
        (
            vec!["correct", "stay", "P1", "C1", "in", "2027-05-03 09:00", "--reason", "x"],
            "framtiden",
        ),
        (
            vec![
                "correct",
                "stay",
                "P1",
                "C1",
                "out",
                "2026-03-01 08:00",
                "--reason",
                "x",
            ],
            "efter inflyttningen",
        ),
        (
            vec!["correct", "placement", "P1", "acute", "nej", "--reason", "x"],
            "redan",
        ),
        (
            vec!["correct", "placement", "P1", "acute", "kanske", "--reason", "x"],
            "ja eller nej",
        ),
        (
            vec!["correct", "placement", "P1", "färg", "blå", "--reason", "x"],
            "municipality, arrived",
        ),
        (
            vec![
                "correct",
                "placement",
                "P1",
                "municipality",
                "ingenstans",
                "--reason",
                "x",
            ],
            "kommun",
        ),
        (
            vec!["correct", "placement", "P1", "reference", "RVE 1", "--reason", "  "],
            "Skäl",
        ),
        (
            vec!["correct", "stay", "P1", "W9", "in", "2026-03-01 22:15", "--reason", "x"],
            "bor inte",
        ),
        (
            vec!["correct", "stay", "P1", "C1", "category", "adult", "--reason", "x"],
            "under 18 år",
        ),
    ];
    for (args, part) in &refused {
        cli.run(args).assert_refused(part);
    }
    assert!(std::fs::read(&db).unwrap() == before, "nothing was written");

    // Staff correct what they record; what it does to the invoices is a manager's to see.
    cli.add_account("natt", "Testpersonal Natt", "staff");
    let staff = cli.clone().as_user("natt", TEST_PASSWORD);
    staff
        .run(&[
            "correct",
            "placement",
            "P1",
            "reference",
            "RVE 26-018",
            "--reason",
            "Skrivfel",
            "--dry-run",
        ])
        .assert_refused("kräver rollen chef");
    staff
        .run(&[
            "correct",
            "placement",
            "P1",
            "reference",
            "RVE 26-018",
            "--reason",
            "Skrivfel",
        ])
        .assert_ok();
    let history = cli.run(&["history", "placement", "P1", "--json"]).assert_ok().json();
    assert_eq!(history[0]["by"], "natt");
    assert_eq!(history[0]["old"], "RVE 26-017");
}

/// The protection assessment and Relationsvåldsenheten's contact and decision: recording them is
/// not a correction, changing them afterwards is, with its reason.
#[test]
fn the_assessment_and_the_rve_contact_and_decision_are_corrected_with_their_history() {
    let (tmp, cli, _) = wrong_intake();
    let file = tmp.path().join("p2.json");
    std::fs::write(
        &file,
        r#"{"placements": [{"key": "P2", "municipality": "boras", "acute": true, "reference": "RVE 26-020", "violence": "nara_relation",
          "arrived": "2026-03-10T23:40",
          "assessment": {"by": "polisen", "at": "2026-03-10T22:00", "conclusion": "Hög risk"},
          "rve": {"contacted_at": "2026-03-11T09:05", "contacted_by": "AB"},
          "stays": [{"person": "W2", "name": "Testkvinna Två", "category": "adult", "birth_year": 1988,
                     "in": "2026-03-10T23:40"}]}]}"#,
    )
    .unwrap();
    cli.run(&["import", file.to_str().unwrap()]).assert_ok();
    let correct = |field: &str, value: &str| {
        cli.run(&[
            "correct",
            "placement",
            "P2",
            field,
            value,
            "--reason",
            "Fel vid registreringen",
        ])
    };
    // P1 has no assessment to correct.
    cli.run(&[
        "correct",
        "placement",
        "P1",
        "assessment.by",
        "polisen",
        "--reason",
        "x",
    ])
    .assert_refused("Ingen skyddsbedömning");
    // A decision needs its time, as when it is recorded.
    correct("rve.decision", "fortsatt_har").assert_refused("när Relationsvåldsenheten beslutade");
    correct("assessment.by", "sociala_jouren").assert_ok();
    correct("assessment.at", "2026-03-10 21:30").assert_ok();
    correct("rve.contacted_by", "CD").assert_ok();
    correct("rve.contacted_at", "2026-03-11 09:50").assert_ok();
    let history = cli.run(&["history", "placement", "P2", "--json"]).assert_ok().json();
    let rows: Vec<(&str, Value, Value)> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["field"].as_str().unwrap(), c["old"].clone(), c["new"].clone()))
        .collect();
    assert_eq!(
        rows,
        vec![
            ("assessment.by", "polisen".into(), "sociala_jouren".into()),
            (
                "assessment.at",
                "2026-03-10T21:00:00Z".into(),
                "2026-03-10T20:30:00Z".into()
            ),
            ("rve.contacted_by", "AB".into(), "CD".into()),
            (
                "rve.contacted_at",
                "2026-03-11T08:05:00Z".into(),
                "2026-03-11T08:50:00Z".into()
            ),
        ]
    );
    assert!(
        history
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["reason"] == "Fel vid registreringen")
    );
}
