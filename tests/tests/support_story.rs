//! Support contacts (issue 22), through fristad-cli against a real store: imported once however
//! often the file is, exported as imported, and counted by hand in the year's figures, in the JSON
//! and in the XLSX. Nobody is named: a contact carries at most a pseudonymous key.

use fristad_tests::{Cli, new_store};
use serde_json::{Value, json};

/// 2025: K1 calls twice and chats once (one person), K2 writes an e-mail; an anonymous sms from a
/// girl; a volunteer's visit from a relative. One contact in 2024, which the year does not count.
const FILE: &str = r#"{"support_contacts": [
  {"date": "2025-02-01", "channel": "telefon", "group": "kvinna", "topics": ["psykiskt_vald"], "minutes": 20, "by": "personal", "person": "K1"},
  {"date": "2025-02-03", "channel": "telefon", "group": "kvinna", "topics": ["psykiskt_vald", "fysiskt_vald"], "minutes": 45, "by": "personal", "person": "K1"},
  {"date": "2025-03-10", "channel": "chatt", "group": "kvinna", "topics": ["digitalt_vald"], "minutes": 30, "by": "volontar", "person": "K1"},
  {"date": "2025-04-01", "channel": "mejl", "group": "kvinna", "topics": ["vardnad_umgange"], "by": "personal", "person": "K2"},
  {"date": "2025-05-05", "channel": "sms", "group": "tjej", "topics": [], "minutes": 5, "by": "personal"},
  {"date": "2025-06-06", "channel": "besok", "group": "narstaende", "topics": ["hedersrelaterat", "boende"], "minutes": 60, "by": "volontar"},
  {"date": "2024-12-31", "channel": "telefon", "group": "okand", "topics": ["annat"], "minutes": 10, "by": "personal"}
]}"#;

fn imported() -> (tempfile::TempDir, Cli) {
    let (tmp, _dir, cli) = new_store("stödsamtal");
    let file = tmp.path().join("stod.json");
    std::fs::write(&file, FILE).unwrap();
    let first = cli
        .run(&["import", file.to_str().unwrap(), "--json"])
        .assert_ok()
        .json();
    assert_eq!(first["changes"]["support_contacts"], 7, "{first}");
    let again = cli
        .run(&["import", file.to_str().unwrap(), "--json"])
        .assert_ok()
        .json();
    assert_eq!(again["changes"]["support_contacts"], 0, "{again}");
    (tmp, cli)
}

#[test]
fn a_years_support_contacts_counted_by_hand() {
    let (tmp, cli) = imported();
    let year = cli
        .run(&["report", "yearly", "--year", "2025", "--json"])
        .assert_ok()
        .json();
    let s = &year["support"];
    assert_eq!(s["contacts"], 6);
    // K1 and K2; two contacts without a key.
    assert_eq!(
        (s["individuals"].clone(), s["anonymous_contacts"].clone()),
        (json!(2), json!(2))
    );
    let channels = json!({"telefon": 2, "chatt": 1, "sms": 1, "mejl": 1, "besok": 1, "samtal": 0, "grupp": 0});
    assert_eq!(s["by_channel"], channels);
    let groups =
        json!({"kvinna": 4, "tjej": 1, "man": 0, "transperson": 0, "narstaende": 1, "yrkesperson": 0, "okand": 0});
    assert_eq!(s["by_group"], groups);
    let topics = json!({"fysiskt_vald": 1, "psykiskt_vald": 2, "sexuellt_vald": 0, "ekonomiskt_vald": 0,
        "digitalt_vald": 1, "hedersrelaterat": 1, "vardnad_umgange": 1, "boende": 1, "annat": 0});
    assert_eq!(s["by_topic"], topics);
    // 20 + 45 + 30 + 5 + 60 minutes; the chat and the visit by volunteers.
    assert_eq!(
        (s["minutes"].clone(), s["by_volunteers"].clone()),
        (json!(160), json!(2))
    );

    // The same figures in the XLSX, the CSV and the PDF, under their Swedish labels.
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let (xlsx, csv, pdf) = (
        tmp.path().join("ar.xlsx"),
        tmp.path().join("csv"),
        tmp.path().join("ar.pdf"),
    );
    let path = |p: &std::path::Path| p.to_str().unwrap().to_owned();
    cli.run(&[
        "report",
        "yearly",
        "--year",
        "2025",
        "--xlsx",
        &path(&xlsx),
        "--csv",
        &path(&csv),
        "--pdf",
        &path(&pdf),
    ])
    .assert_ok();
    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let mut count = |sheet: &str, label: &str| -> Data {
        let range = book.worksheet_range(sheet).unwrap();
        let row = range
            .rows()
            .find(|row| row[0] == Data::String(label.into()))
            .unwrap_or_else(|| panic!("{label}"));
        row[1].clone()
    };
    assert_eq!(count("stodkontakter", "Stödsamtal totalt"), Data::Float(6.0));
    // Two people: a small count of people, suppressed in what is published.
    assert_eq!(
        count("stodkontakter", "Olika personer (med nyckel)"),
        Data::String("<3".into())
    );
    assert_eq!(count("stodkontakter", "Timmar"), Data::Float(2.7));
    assert_eq!(count("stod_kanal", "Telefon"), Data::Float(2.0));
    assert_eq!(count("stod_grupp", "Närstående"), Data::Float(1.0));
    assert_eq!(count("stod_amne", "Psykiskt våld"), Data::Float(2.0));
    let channels = std::fs::read_to_string(csv.join("stod_kanal.csv")).unwrap();
    assert!(
        channels.contains("Chatt;1") && channels.contains("Mejl;1"),
        "{channels}"
    );
    let text = fristad_tests::pdf_text(&pdf);
    assert!(
        text.contains("Stödsamtal efter kanal") && text.contains("Vårdnad och umgänge"),
        "{text}"
    );

    // Exported as imported, and nothing in the file names anyone.
    let export = cli.run(&["export", "--json"]).assert_ok().json();
    let contacts: &Vec<Value> = export["support_contacts"].as_array().unwrap();
    assert_eq!(contacts.len(), 7);
    assert_eq!(contacts[0]["date"], "2024-12-31");
    assert_eq!(contacts[2]["topics"], json!(["fysiskt_vald", "psykiskt_vald"]));
    assert!(contacts[4].get("minutes").is_none(), "{}", contacts[4]);
}

#[test]
fn a_contact_in_the_future_or_with_a_name_for_a_key_is_refused_and_nothing_is_imported() {
    let (tmp, cli) = imported();
    let file = tmp.path().join("fel.json");
    std::fs::write(
        &file,
        r#"{"support_contacts": [
          {"date": "2025-02-01", "channel": "telefon", "group": "kvinna", "by": "personal", "person": "Anna Andersson"},
          {"date": "2099-01-01", "channel": "telefon", "group": "kvinna", "by": "personal"}]}"#,
    )
    .unwrap();
    let out = cli.run(&["import", file.to_str().unwrap()]);
    out.assert_refused("support_contacts[0].person");
    assert!(out.stderr.contains("support_contacts[1].date"), "{}", out.stderr);
    assert!(
        !out.stderr.contains("Anna"),
        "the name typed is never repeated: {}",
        out.stderr
    );
    let export = cli.run(&["export", "--json"]).assert_ok().json();
    assert_eq!(export["support_contacts"].as_array().unwrap().len(), 7);
}
