//! End-to-end in the real window: the statistics screen shows the same figures as
//! `fristad-cli report --json` (small counts as "<3"), saves the yearly report as a PDF through
//! the system's dialog, shows the half-year follow-up and logs a Lex Sarah report. Every person
//! is synthetic.

use fristad_tests::desktop::{Window, answer_save_dialog, no_session, say};
use fristad_tests::{Cli, TEST_PASSWORD};
use serde_json::{Value, json};

const PASSPHRASE: &str = "e2e statistik";

fn stay(person: &str, name: &str, category: &str, born: i32, r#in: &str, out: &str) -> Value {
    json!({"person": person, "name": name, "category": category, "birth_year": born, "in": r#in, "out": out, "destination": "eget_boende"})
}

#[tokio::test]
async fn the_year_on_screen_as_a_pdf_and_the_half_year_follow_up() {
    if no_session() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let cli = Cli::with_passphrase(&dir, PASSPHRASE);
    cli.run(&[&["init"][..], &fristad_tests::SYNTHETIC_ORG[..]].concat())
        .assert_ok();
    // 2025: four women and one child, three placements from Borås (two acute), one from elsewhere.
    let placement = |key: &str, m: &str, acute: bool, stays: Vec<Value>| json!({"key": key, "municipality": m, "acute": acute, "reference": "REF", "violence": "nara_relation", "stays": stays});
    let file = json!({
        "municipalities": [{"key": "annan", "name": "Annan kommun", "org_number": "212000-1579", "price_class": "standard",
            "acute_clause": false, "address": "Box 2, 123 45 Annanstad"}],
        "placements": [
            placement("P1", "boras", true, vec![
                stay("W1", "Gunnel", "adult", 1990, "2025-02-10T20:00", "2025-02-20T10:00"),
                stay("C1", "Kim", "child", 2016, "2025-02-10T20:00", "2025-02-20T10:00")]),
            placement("P2", "boras", true, vec![stay("W2", "Hedda", "adult", 1985, "2025-05-01T22:00", "2025-05-03T10:00")]),
            placement("P3", "boras", false, vec![stay("W3", "Ingrid", "adult", 1975, "2025-09-01T12:00", "2025-10-01T12:00")]),
            placement("P4", "annan", false, vec![stay("W4", "Jenny", "adult", 2001, "2025-11-20T12:00", "2025-12-04T12:00")])
        ]
    });
    let path = tmp.path().join("year.json");
    std::fs::write(&path, file.to_string()).unwrap();
    cli.run(&["import", path.to_str().unwrap()]).assert_ok();
    let json = cli
        .run(&["report", "yearly", "--year", "2025", "--json"])
        .assert_ok()
        .json();
    assert_eq!(json["individuals"]["total"], 5);
    assert_eq!(json["nights"]["adults"], 10 + 2 + 30 + 14);

    cli.add_account("chef", "Testchef Ett", "admin");
    let w = Window::open(&dir, &[("FRISTAD_PASSPHRASE", PASSPHRASE)]).await;
    w.sign_in("chef", TEST_PASSWORD).await;
    w.find("#home-screen").await;
    w.click("#nav a[data-route='statistik']").await;
    w.find("#statistics-screen").await;
    w.type_into("#year-form [name='year']", "2025").await;
    w.click("#year-form button[type='submit']").await;
    w.find("#yearly-report[data-year='2025']").await;

    // The key figures as the CLI counts them; one child and one other municipality show as "<3".
    // Each row: the measure, 2025, 2024 (nothing then).
    let key = w.table_rows("#key-figures").await;
    let row = |label: &str| -> Vec<&str> {
        let r = key
            .iter()
            .find(|r| r[0] == label)
            .unwrap_or_else(|| panic!("no row «{label}» in {key:?}"));
        r.iter().map(String::as_str).collect()
    };
    let individuals = say(
        "Individer som bott minst en natt",
        "Individuals who stayed at least one night",
    );
    assert_eq!(row(individuals), [individuals, "5", "0"]);
    assert_eq!(row(say("– varav kvinnor (vuxna)", "– of whom women (adults)"))[1], "4");
    assert_eq!(row(say("– varav barn", "– of whom children"))[1], "<3");
    let nights = say("Boendenätter", "Nights stayed");
    assert_eq!(row(nights)[1], json["nights"]["total"].to_string());
    assert_eq!(row(nights)[1], "66");
    assert_eq!(row(say("Akutplaceringar", "Acute placements"))[1], "<3");
    assert_eq!(row(say("Placeringar som påbörjades", "Placements started"))[1], "4");
    assert_eq!(row(say("Placerande kommuner", "Placing municipalities"))[1], "2");
    let page = w.text("#statistics-screen").await;
    for name in ["Gunnel", "Hedda", "Ingrid", "Jenny", "Kim"] {
        assert!(!page.contains(name), "no resident's name in statistics");
    }
    w.screenshot("41-statistics-year").await;
    w.scroll_to(".bars").await;
    w.screenshot("42-statistics-chart").await;
    w.scroll_to("[data-table='kommuner']").await;
    w.screenshot("43-statistics-tables").await;

    // "Spara PDF …": the report through the system's save dialog.
    let saved = tmp.path().join("rapport.pdf");
    w.click("[data-save='yearly-pdf']").await;
    answer_save_dialog(say("Spara rapporten", "Save the report"), &saved).await;
    w.wait_for_text("#toast", say("Sparat", "Saved")).await;
    let text = std::process::Command::new("pdftotext")
        .arg(&saved)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("2025"), "{text}");
    assert!(!text.contains("Gunnel"), "no resident's name in the report");

    // The follow-up of the first half-year: two acute placements started, none contacted.
    w.type_into("#half-form [name='year']", "2025").await;
    w.choose("#half-form [name='half']", "1").await;
    w.click("#half-form button[type='submit']").await;
    w.find("#follow-up[data-year='2025'][data-half='1']").await;
    let follow = w.table_rows("#follow-up [data-table='akutplaceringar']").await;
    assert_eq!(
        follow[0],
        [say("Akutplaceringar som påbörjades", "Acute placements started"), "<3"]
    );

    // A Lex Sarah report, logged and listed.
    w.type_into("#lex-sarah-form [name='reported_on']", "2025-10-01").await;
    w.type_into("#lex-sarah-form [name='note']", "Rutin för överlämning")
        .await;
    w.click("#lex-sarah-form button[type='submit']").await;
    w.wait_for_text("#lex-sarah-list", "Rutin för överlämning").await;
    w.scroll_to("#follow-up").await;
    w.screenshot("44-statistics-follow-up").await;
    w.close().await;

    let after = cli
        .run(&["report", "yearly", "--year", "2025", "--json"])
        .assert_ok()
        .json();
    assert_eq!(after["quality"]["lex_sarah_reports"], 1);
}
