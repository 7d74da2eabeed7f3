//! Accounts and the access log through `fristad-cli`, and the log checked against someone who
//! edits the database directly with SQLCipher 4 and the recovery key.

use fristad_tests::SYNTHETIC_ORG as ORG;
use fristad_tests::{Cli, TEST_PASSWORD, recovery_hex, recovery_key_line, sqlcipher_query, workspace_dir};
use std::path::Path;

/// A store made without a first administrator; its first account, «adm», is then added with
/// fristad-cli (which needs no sign-in while there is none) and does everything after.
fn init(dir: &Path) -> (Cli, String) {
    let cli = Cli::with_passphrase(dir, "x").signed_out();
    let run = cli.run(&[&["init"][..], &ORG[..]].concat());
    run.assert_ok();
    let hex = recovery_hex(&recovery_key_line(&run.stdout));
    cli.add_account("adm", "Testadmin", "admin");
    let cli = cli.as_user("adm", TEST_PASSWORD);
    let fixture = workspace_dir().join("tests/fixtures/import-example.json");
    cli.run(&["import", fixture.to_str().unwrap()]).assert_ok();
    (cli, hex)
}

fn entries(cli: &Cli) -> Vec<serde_json::Value> {
    cli.run(&["audit", "show", "--json"])
        .assert_ok()
        .json()
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn accounts_are_made_listed_and_kept_with_their_rules() {
    let tmp = tempfile::tempdir().unwrap();
    let (cli, _) = init(&tmp.path().join("data"));
    cli.add_account("natt", "Testpersonal Natt", "staff");

    let list = cli.run(&["account", "list", "--json"]).assert_ok().json();
    let roles: Vec<(String, String)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["username"].as_str().unwrap().into(),
                a["role"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(roles, [("adm".into(), "admin".into()), ("natt".into(), "staff".into())]);

    // A short password is refused, and the password never appears in the store's bytes.
    cli.clone()
        .env("FRISTAD_NEW_PASSWORD", "kort")
        .run(&[
            "account",
            "add",
            "--username",
            "kvall",
            "--name",
            "Test",
            "--role",
            "staff",
        ])
        .assert_refused("minst 10 tecken");
    // The last administrator cannot be switched off or demoted.
    cli.run(&["account", "disable", "--username", "adm"])
        .assert_refused("minst en aktiv administratör");
    cli.run(&["account", "role", "--username", "adm", "--role", "staff"])
        .assert_refused("minst en aktiv administratör");
    cli.run(&["account", "disable", "--username", "natt"]).assert_ok();

    // Each change is in the log, by the account that made it; only the store's making is the key
    // holder's (fristad-cli's) own.
    let log = entries(&cli);
    let actions: Vec<&str> = log.iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert!(actions.contains(&"create_first_account"), "{actions:?}");
    assert!(actions.contains(&"account_create"), "{actions:?}");
    assert!(actions.contains(&"account_update"), "{actions:?}");
    assert!(actions.contains(&"import"), "{actions:?}");
    for e in &log {
        assert!(e["username"] == "adm" || e["username"] == "fristad-cli", "{e}");
        if ["account_create", "account_update", "import"].contains(&e["action"].as_str().unwrap()) {
            assert_eq!(e["username"], "adm", "{e}");
        }
    }
}

#[test]
fn audit_verify_names_the_first_entry_changed_or_removed_behind_the_programs_back() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let (cli, hex) = init(&dir);
    for name in ["a1", "a2", "a3", "a4"] {
        cli.add_account(name, "Testkonto", "staff");
    }
    let verified = cli.run(&["audit", "verify", "--json"]).assert_ok().json();
    let total = verified["entries"].as_i64().unwrap();
    assert!(total >= 5, "{verified}");
    cli.run(&["verify"]).assert_ok();

    // Someone with the recovery key and an SQLCipher shell: the triggers must go first...
    let db = dir.join("fristad.db");
    let by = sqlcipher_query(&db, &hex, "SELECT username FROM access_log WHERE seq = 3").unwrap()[0].clone();
    let refused = sqlcipher_query(&db, &hex, "UPDATE access_log SET username = 'någon' WHERE seq = 3");
    assert!(refused.unwrap_err().contains("append-only"));
    for trigger in ["access_log_no_update", "access_log_no_delete"] {
        sqlcipher_query(&db, &hex, &format!("DROP TRIGGER {trigger}")).unwrap();
    }
    // ...then an entry is changed.
    sqlcipher_query(
        &db,
        &hex,
        "UPDATE access_log SET username = 'någon annan' WHERE seq = 3",
    )
    .unwrap();
    let run = cli.run(&["audit", "verify"]);
    run.assert_refused("post 3 är ändrad");
    let run = cli.run(&["verify"]);
    run.assert_refused("Åtkomstloggen är bruten");

    // Put back, it holds again; removing an entry is found as well.
    sqlcipher_query(
        &db,
        &hex,
        &format!("UPDATE access_log SET username = '{by}' WHERE seq = 3"),
    )
    .unwrap();
    cli.run(&["audit", "verify"]).assert_ok();
    sqlcipher_query(&db, &hex, "DELETE FROM access_log WHERE seq = 2").unwrap();
    cli.run(&["audit", "verify"]).assert_refused("post 2 saknas");
    let v = cli.run(&["audit", "verify", "--json"]).json();
    assert_eq!(v["broken_at"], 2);
}

#[test]
fn the_log_for_a_person_covers_their_placements_and_is_itself_logged() {
    let tmp = tempfile::tempdir().unwrap();
    let (cli, _) = init(&tmp.path().join("data"));
    let csv = tmp.path().join("logg.csv");
    cli.run(&["audit", "show", "--person", "W1", "--csv", csv.to_str().unwrap()])
        .assert_ok();
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.starts_with('\u{feff}'), "UTF-8 with BOM");
    assert!(text.lines().next().unwrap().contains("Användare"));
    // Reading who read the record is itself in the log, about that person.
    let log = entries(&cli);
    assert!(
        log.iter()
            .any(|e| e["action"] == "access_log_person" && e["person"] == "W1"),
        "{log:?}"
    );
    // No name of a resident is in the log.
    let all = serde_json::to_string(&log).unwrap();
    for name in ["Anna", "Bo\""] {
        assert!(!all.contains(name), "{name} in the log");
    }
}

/// A stay from seven years ago, a child whose birthday comes after her arrival (so a birth year
/// alone would put her in the wrong age group), notes about them, and this year's placement.
const OLD_STAY: &str = r#"{
  "municipalities": [{"key": "boras", "name": "Borås Stad", "org_number": "212000-1561", "price_class": "iop",
     "acute_clause": true, "address": "Box 1, 501 80 Borås", "peppol_id": "0007:2120001561", "buyer_reference": "YY123"}],
  "tariffs": [{"valid_from": "2019-01-01", "category": "adult", "iop": "1500.00", "standard": "1800.00"},
              {"valid_from": "2019-01-01", "category": "child", "iop": "900.00", "standard": "1100.00"}],
  "placements": [{"key": "P7", "municipality": "boras", "acute": false, "reference": "RVE 19-004",
     "violence": "nara_relation",
     "stays": [{"person": "W7", "name": "Vendela", "birth_date": "1988-09-30", "personal_number": "19880930-0018",
                "category": "adult", "in": "2019-03-01T20:00", "out": "2019-04-10T10:00"},
               {"person": "C7", "name": "Cissi", "birth_date": "2013-06-01",
                "category": "child", "in": "2019-03-01T20:00", "out": "2019-04-10T10:00"}]}],
  "journal": [{"id": 1, "placement": "P7", "author": "EK", "body": "Samtal om skolgång (syntetiskt).",
               "written_at": "2019-03-02T10:05"},
              {"id": 2, "person": "W7", "author": "EK", "body": "Anteckning om personen (syntetiskt).",
               "written_at": "2019-03-03T10:05"}]
}"#;

#[test]
fn retention_removes_old_personal_details_and_notes_while_invoices_and_statistics_stay() {
    let tmp = tempfile::tempdir().unwrap();
    let (cli, _) = init(&tmp.path().join("data"));
    let old = tmp.path().join("old.json");
    std::fs::write(&old, OLD_STAY).unwrap();
    cli.run(&["import", old.to_str().unwrap()]).assert_ok();
    cli.run(&["invoice", "run", "--through", "2026-03-31"]).assert_ok();
    let invoices_before = cli.run(&["invoice", "list", "--json"]).assert_ok().stdout.clone();
    let stats_before = cli
        .run(&["report", "yearly", "--year", "2019", "--json"])
        .assert_ok()
        .json();
    assert_eq!(
        stats_before["by_age"][0]["count"], 1,
        "the child was 5 at arrival: {}",
        stats_before["by_age"]
    );

    // The preview counts what will go and changes nothing.
    let export_before = cli.run(&["export", "--json"]).assert_ok().json();
    let preview = cli.run(&["retention", "preview", "--json"]).assert_ok().json();
    assert_eq!(preview["people"], 2, "{preview}");
    assert_eq!(preview["placements"], 1, "{preview}");
    assert_eq!(preview["journal_notes"], 2, "{preview}");
    assert_eq!(cli.run(&["export", "--json"]).assert_ok().json(), export_before);

    let done = cli.run(&["retention", "run", "--json"]).assert_ok().json();
    assert_eq!(done["people"], 2);
    let after = cli.run(&["export", "--json"]).assert_ok().json();
    let people = after["people"].as_array().unwrap();
    let w7 = people.iter().find(|p| p["key"] == "W7").unwrap();
    assert_eq!(w7["name"], "", "{w7}");
    assert!(
        w7.get("personal_number").is_none() && w7.get("birth_date").is_none(),
        "{w7}"
    );
    let w1 = people.iter().find(|p| p["key"] == "W1").unwrap();
    assert_eq!(w1["name"], "Anna", "this year's resident is untouched");
    let notes = serde_json::to_string(&after["journal"]).unwrap();
    assert!(!notes.contains("syntetiskt"), "old notes are gone: {notes}");

    // Invoices and the statistics of 2019 are exactly as before; nothing is left to remove.
    assert_eq!(
        cli.run(&["invoice", "list", "--json"]).assert_ok().stdout,
        invoices_before
    );
    assert_eq!(
        cli.run(&["report", "yearly", "--year", "2019", "--json"])
            .assert_ok()
            .json(),
        stats_before
    );
    assert_eq!(
        cli.run(&["retention", "preview", "--json"]).assert_ok().json()["people"],
        0
    );

    // The run is in the access log, and everything still verifies.
    let log = entries(&cli);
    assert!(log.iter().any(|e| e["action"] == "retention_run"), "{log:?}");
    cli.run(&["verify"]).assert_ok();
}
