//! A hand-counted year (2025) for the verksamhetsberättelse and the follow-up, checked figure by
//! figure through `fristad-cli report`; then the PDF, the XLSX (read back with calamine) and the
//! CSV, which must carry the same numbers. Every person is synthetic.
//!
//! The year:
//! - W1 (born 1990) comes twice: P1, acute, Borås, akutrummet, 10–20 Feb (10 nights), and
//!   P2, Borås, rum 2, 1–6 Nov (5 nights);
//! - W2 (born 1980): P3, another municipality, rum 2, 28 Dec 2024 – 5 Jan 2025 (4 nights in 2025);
//! - W3 (born 2000) and her child C1 (born 2015), who comes two days later: P4, acute, Borås,
//!   akutrummet, 1–11 June (10 and 8 nights);
//! - W4 (born 1970): P5, acute, a same-day stay on 15 August (no night);
//! - W5 (born 1995): P6, acute, Borås, akutrummet, 10–12 September (2 nights).

use fristad_tests::Cli;
use serde_json::{Value, json};

fn stay(person: &str, name: &str, category: &str, born: i32, r#in: &str, out: &str, destination: &str) -> Value {
    json!({"person": person, "name": name, "category": category, "birth_year": born, "in": r#in, "out": out, "destination": destination})
}

fn year_2025(tmp: &std::path::Path) -> Cli {
    let cli = Cli::with_passphrase(&tmp.join("data"), "x");
    cli.run(&[&["init"][..], &fristad_tests::SYNTHETIC_ORG[..]].concat())
        .assert_ok();
    let placement = |key: &str, m: &str, acute: bool, room: &str, violence: &str, stays: Vec<Value>| json!({"key": key, "municipality": m, "acute": acute, "reference": "REF", "room": room, "violence": violence, "stays": stays});
    let mut p1 = placement(
        "P1",
        "boras",
        true,
        "akut",
        "nara_relation",
        vec![stay(
            "W1",
            "Agda",
            "adult",
            1990,
            "2025-02-10T20:00",
            "2025-02-20T10:00",
            "eget_boende",
        )],
    );
    p1["rve"] = json!({"contacted_at": "2025-02-11T08:00", "contacted_by": "EK", "decision": "fortsatt_har", "decided_at": "2025-02-11T15:00"});
    let mut p4 = placement(
        "P4",
        "boras",
        true,
        "akut",
        "nara_relation",
        vec![
            stay(
                "W3",
                "Cecilia",
                "adult",
                2000,
                "2025-06-01T22:00",
                "2025-06-11T10:00",
                "eget_boende",
            ),
            stay(
                "C1",
                "Kim",
                "child",
                2015,
                "2025-06-03T09:00",
                "2025-06-11T10:00",
                "eget_boende",
            ),
        ],
    );
    p4["rve"] = json!({"contacted_at": "2025-06-03T10:00", "contacted_by": "EK"});
    let file = json!({
        "municipalities": [{"key": "annan", "name": "Annan kommun", "org_number": "212000-1579", "price_class": "standard",
            "acute_clause": false, "address": "Box 2, 123 45 Annanstad"}],
        "rooms": [{"key": "akut", "name": "Akutrummet", "acute": true, "beds": 2},
                  {"key": "r2", "name": "Rum 2", "acute": false, "beds": 3,
                   "closures": [{"from": "2025-07-01", "to": "2025-07-10", "reason": "Målning"}]}],
        "placements": [
            p1,
            placement("P2", "boras", false, "r2", "nara_relation",
                vec![stay("W1", "Agda", "adult", 1990, "2025-11-01T12:00", "2025-11-06T12:00", "skyddat_boende_annat")]),
            placement("P3", "annan", false, "r2", "heder",
                vec![stay("W2", "Berit", "adult", 1980, "2024-12-28T15:00", "2025-01-05T10:00", "anhoriga")]),
            p4,
            placement("P5", "boras", true, "akut", "nara_relation",
                vec![stay("W4", "Disa", "adult", 1970, "2025-08-15T09:00", "2025-08-15T18:00", "annat")]),
            placement("P6", "boras", true, "akut", "annat",
                vec![stay("W5", "Eva", "adult", 1995, "2025-09-10T23:00", "2025-09-12T10:00", "tillbaka_till_valdet")])
        ],
        "concern_reports": [{"person": "C1", "placement": "P4", "reported_on": "2025-06-05", "recipient": "Socialtjänsten", "method": "skriftligt", "author": "EK"}],
        "refused_requests": [{"requested_on": "2025-03-01", "women": 1, "children": 2},
                             {"requested_on": "2025-04-01", "women": 2, "children": 0},
                             {"requested_on": "2024-12-01", "women": 1, "children": 0}],
        "lex_sarah_reports": [{"reported_on": "2025-10-01", "note": "Rutin för nattbemanning"}]
    });
    let path = tmp.join("year.json");
    std::fs::write(&path, file.to_string()).unwrap();
    cli.run(&["import", path.to_str().unwrap()]).assert_ok();
    cli
}

fn rows(v: &Value) -> Vec<(String, u64)> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| (r["key"].as_str().unwrap().to_owned(), r["count"].as_u64().unwrap()))
        .collect()
}

fn count(v: &Value, key: &str) -> u64 {
    rows(v)
        .into_iter()
        .find(|(k, _)| k == key)
        .map(|(_, c)| c)
        .unwrap_or_else(|| panic!("no row {key}"))
}

#[test]
fn every_figure_of_a_hand_counted_year() {
    let tmp = tempfile::tempdir().unwrap();
    let cli = year_2025(tmp.path());
    let r = cli
        .run(&["report", "yearly", "--year", "2025", "--json"])
        .assert_ok()
        .json();

    // Individuals with at least one night in 2025: W1 (twice, counted once), W2, W3, W5; C1. W4 had no night.
    assert_eq!(
        (
            r["individuals"]["adults"].clone(),
            r["individuals"]["children"].clone(),
            r["individuals"]["total"].clone()
        ),
        (json!(4), json!(1), json!(5))
    );
    // Nobody's gender is given in this year's file.
    assert_eq!(r["individuals"]["adults_by_gender"]["ej_angivet"], 4);
    assert_eq!(r["individuals"]["children_by_gender"]["ej_angivet"], 1);
    // Nights: W1 10 + 5, W2 4 (the New Year stay split at the edge), W3 10, W5 2; C1 8.
    assert_eq!(r["nights"]["adults"], 31);
    assert_eq!(r["nights"]["children"], 8);
    assert_eq!(r["nights"]["total"], 39);
    assert_eq!(r["nights"]["average_per_adult"], 7.8, "31 / 4 = 7.75");
    assert_eq!(r["nights"]["median_per_adult"], 7.0, "2, 4, 10, 15");
    // Placements: started P1, P2, P4, P5, P6; ended those and P3; acute started P1, P4, P5, P6, of
    // which P1 and P4 went beyond two nights (P6 had exactly two, P5 none).
    assert_eq!(
        r["placements"],
        json!({"started": 5, "ended": 6, "acute": 4, "acute_beyond_two_nights": 2})
    );
    assert_eq!(r["municipalities"], 2);
    let iop = &r["by_class"][0];
    assert_eq!(
        (
            iop["municipalities"].as_u64(),
            iop["placements"].as_u64(),
            iop["individuals"].as_u64(),
            iop["nights"].as_u64()
        ),
        (Some(1), Some(4), Some(4), Some(35))
    );
    let other = &r["by_class"][1];
    assert_eq!(
        (
            other["placements"].as_u64(),
            other["individuals"].as_u64(),
            other["nights"].as_u64()
        ),
        (Some(1), Some(1), Some(4))
    );
    assert_eq!(count(&r["by_violence"], "nara_relation"), 3);
    assert_eq!(count(&r["by_violence"], "heder"), 1);
    assert_eq!(count(&r["by_violence"], "annat"), 1);
    // Age at move-in: W1 35, W2 44 (her stay began in 2024), W3 25, W5 30; C1 10.
    for (group, n) in [
        ("0-5", 0),
        ("6-12", 1),
        ("13-17", 0),
        ("18-25", 1),
        ("26-40", 2),
        ("41-64", 1),
        ("65+", 0),
        ("okand", 0),
    ] {
        assert_eq!(count(&r["by_age"], group), n, "age group {group}");
    }
    for (dest, n) in [
        ("eget_boende", 3),
        ("skyddat_boende_annat", 1),
        ("anhoriga", 1),
        ("annat", 1),
        ("tillbaka_till_valdet", 1),
        ("okant", 0),
    ] {
        assert_eq!(count(&r["outcomes"], dest), n, "outcome {dest}");
    }
    for (len, n) in [("1-2", 1), ("3-7", 1), ("8-30", 2), ("31-90", 0)] {
        assert_eq!(count(&r["length_of_stay"], len), n, "length {len}");
    }
    let month = |m: usize| {
        (
            r["nights_per_month"][m - 1]["adults"].as_u64().unwrap(),
            r["nights_per_month"][m - 1]["children"].as_u64().unwrap(),
        )
    };
    assert_eq!(
        [month(1), month(2), month(6), month(9), month(11), month(3)],
        [(4, 0), (10, 0), (10, 8), (2, 0), (5, 0), (0, 0)]
    );
    // Occupancy: akutrummet 10 + 10 + 2 room-nights of 365; rum 2 4 + 5 of 355 (10 nights out of use).
    assert_eq!(r["occupancy"], json!({"occupied": 31, "available": 720, "rate": 4.3}));
    assert_eq!(
        r["acute_room_occupancy"],
        json!({"occupied": 22, "available": 365, "rate": 6.0})
    );
    // The old log's refused requests (an import file's `refused_requests`) are refused requests,
    // refused because the shelter was full.
    let requests = &r["requests"];
    assert_eq!(
        [
            &requests["total"],
            &requests["refused"],
            &requests["refused_adults"],
            &requests["refused_children"]
        ],
        [2, 2, 3, 2]
    );
    assert_eq!(requests["refused_by_reason"]["fullt"], 2);
    assert_eq!(requests["refused_percent"], 100.0);
    assert_eq!(r["quality"], json!({"concern_reports": 1, "lex_sarah_reports": 1}));

    // The same year gives the same numbers every time.
    assert_eq!(cli.run(&["report", "yearly", "--year", "2025", "--json"]).json(), r);
    // 2024 has W2's four December nights, and nothing of 2025.
    let before = cli
        .run(&["report", "yearly", "--year", "2024", "--json"])
        .assert_ok()
        .json();
    assert_eq!(before["nights"]["adults"], 4);
    assert_eq!(before["individuals"]["total"], 1);
    assert_eq!(before["requests"]["refused"], 1);
}

#[test]
fn the_half_year_follow_up_of_acute_placements() {
    let tmp = tempfile::tempdir().unwrap();
    let cli = year_2025(tmp.path());
    let h1 = cli
        .run(&["report", "followup", "--year", "2025", "--half", "1", "--json"])
        .assert_ok()
        .json();
    assert_eq!(h1["acute_placements"], 2);
    assert_eq!(h1["beyond_two_nights"], 2);
    // Contact after 12 hours (P1) and 36 hours (P4).
    assert_eq!(h1["contacted"], 2);
    assert_eq!(h1["contact_median_hours"], 24.0);
    assert_eq!(h1["contact_longest_hours"], 36.0);
    assert_eq!(h1["contacted_within_48_hours"], 2);
    assert_eq!(count(&h1["decisions"], "fortsatt_har"), 1);
    assert_eq!(count(&h1["decisions"], "inget"), 1);
    assert_eq!(count(&h1["outcomes"], "eget_boende"), 3);
    // Akutrummet: 20 room-nights of the half-year's 181.
    assert_eq!(
        h1["acute_room_occupancy"],
        json!({"occupied": 20, "available": 181, "rate": 11.0})
    );
    let h2 = cli
        .run(&["report", "followup", "--year", "2025", "--half", "2", "--json"])
        .assert_ok()
        .json();
    assert_eq!(
        (
            h2["acute_placements"].as_u64(),
            h2["beyond_two_nights"].as_u64(),
            h2["not_contacted"].as_u64()
        ),
        (Some(2), Some(0), Some(2))
    );
    assert_eq!(h2["contact_median_hours"], Value::Null);
}

#[test]
fn pdf_xlsx_and_csv_carry_the_same_numbers_as_the_json_with_small_counts_hidden() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let tmp = tempfile::tempdir().unwrap();
    let cli = year_2025(tmp.path());
    let pdf = tmp.path().join("2025.pdf");
    let xlsx = tmp.path().join("2025.xlsx");
    let csv = tmp.path().join("csv");
    cli.run(&[
        "report",
        "yearly",
        "--year",
        "2025",
        "--pdf",
        pdf.to_str().unwrap(),
        "--xlsx",
        xlsx.to_str().unwrap(),
        "--csv",
        csv.to_str().unwrap(),
    ])
    .assert_ok();
    let r = cli.run(&["report", "yearly", "--year", "2025", "--json"]).json();

    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let key = book.worksheet_range("nyckeltal").unwrap();
    let value = |label: &str| -> Data {
        key.rows()
            .find(|row| row[0] == Data::String(label.into()))
            .unwrap_or_else(|| panic!("{label}"))[1]
            .clone()
    };
    // Numbers are numbers; counts of people under 3 are "<3".
    assert_eq!(value("Individer som bott minst en natt"), Data::Float(5.0));
    assert_eq!(
        value("– varav kvinnor (vuxna)"),
        Data::Float(r["individuals"]["adults"].as_f64().unwrap())
    );
    assert_eq!(value("– varav barn"), Data::String("<3".into()));
    assert_eq!(
        value("Boendenätter"),
        Data::Float(r["nights"]["total"].as_f64().unwrap())
    );
    assert_eq!(value("Nätter per vuxen, medel"), Data::Float(7.8));
    assert_eq!(value("Placeringar som påbörjades"), Data::Float(5.0));
    assert_eq!(value("Beläggningsgrad, rum (%)"), Data::Float(4.3));
    let months = book.worksheet_range("natter_manad").unwrap();
    let june = months.rows().find(|row| row[0] == Data::String("juni".into())).unwrap();
    assert_eq!(
        (june[1].clone(), june[2].clone()),
        (Data::Float(10.0), Data::Float(8.0))
    );
    assert_eq!(
        book.sheet_names().len(),
        19,
        "one sheet per table (gender, four of the support contacts, three of the requests, the children's rights, the organisation)"
    );

    let key_csv = std::fs::read_to_string(csv.join("nyckeltal.csv")).unwrap();
    assert!(key_csv.starts_with('\u{feff}'));
    assert!(key_csv.contains("Individer som bott minst en natt;5"), "{key_csv}");
    assert!(key_csv.contains("– varav barn;<3"), "{key_csv}");
    assert!(key_csv.contains("Nätter per vuxen, medel;7,8"), "{key_csv}");

    let text = fristad_tests::pdf_text(&pdf);
    for item in [
        "Statistik 2025",
        "Nyckeltal",
        "Individer som bott minst en natt",
        "Boendenätter per månad",
        "Beläggningsgrad per månad",
        "Till kvalitetsbilagan",
        "<3",
        "2024",
    ] {
        assert!(text.contains(item), "«{item}» not in the PDF:\n{text}");
    }
    for name in ["Agda", "Berit", "Cecilia", "Kim", "Disa", "Eva"] {
        assert!(!text.contains(name), "a name in the report");
    }
    let out = fristad_tests::artifacts_dir("pdf").join("yearly-report");
    std::process::Command::new("pdftoppm")
        .args(["-png", "-r", "60"])
        .arg(&pdf)
        .arg(&out)
        .status()
        .unwrap();

    // The follow-up as a PDF: the half-year's figures, Swedish, no names.
    let follow = tmp.path().join("h1.pdf");
    cli.run(&[
        "report",
        "followup",
        "--year",
        "2025",
        "--half",
        "1",
        "--pdf",
        follow.to_str().unwrap(),
    ])
    .assert_ok();
    let text = fristad_tests::pdf_text(&follow);
    for item in [
        "Akutplaceringar som påbörjades",
        "Timmar till kontakt, median",
        "Relationsvåldsenhetens beslut",
        "2025",
    ] {
        assert!(text.contains(item), "«{item}» not in the follow-up:\n{text}");
    }
    for name in ["Agda", "Cecilia", "Kim"] {
        assert!(!text.contains(name), "a name in the follow-up");
    }
    std::process::Command::new("pdftoppm")
        .args(["-png", "-r", "60"])
        .arg(&follow)
        .arg(fristad_tests::artifacts_dir("pdf").join("follow-up"))
        .status()
        .unwrap();

    // For the shelter's own use the small counts can be shown as they are.
    cli.run(&["settings", "set", "--suppress-small-cells", "nej"])
        .assert_ok();
    let plain = tmp.path().join("plain");
    cli.run(&["report", "yearly", "--year", "2025", "--csv", plain.to_str().unwrap()])
        .assert_ok();
    let key_csv = std::fs::read_to_string(plain.join("nyckeltal.csv")).unwrap();
    assert!(key_csv.contains("– varav barn;1"), "{key_csv}");
    assert!(!key_csv.contains("<3"), "{key_csv}");
}
