//! Upgrading keeps the data: a store made by the previous release (tests/fixtures/release-*)
//! opens in this one, is migrated, and reads back every record, invoice and report figure the old
//! release read from it.

use fristad_tests::{Cli, workspace_dir};
use serde_json::Value;
use std::path::Path;

const PREVIOUS: &str = "release-0.1.0";
/// The day the previous release read `expected.json` from its store (its README says so). Its
/// report of 2026 counts the acute room's available nights up to that day, so the program under
/// test reads the store as on that day.
const READ_ON: &str = "2026-11-29T12:00:00+01:00";
/// The fields of an invoice that depend on the day it is read (overdue or not), not on the store.
const OF_THE_DAY: [&str; 2] = ["status", "status_label"];

fn copy_store(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for name in ["fristad.db", "fristad-key.json"] {
        std::fs::copy(from.join(name), to.join(name)).unwrap();
    }
}

/// Every value in `old` is in `new` at the same place; `new` may have more (fields a later
/// release added). Returns the first place where they differ.
fn contained(old: &Value, new: &Value, at: &str) -> Result<(), String> {
    match (old, new) {
        (Value::Object(o), Value::Object(n)) => o.iter().try_for_each(|(k, v)| match n.get(k) {
            Some(nv) => contained(v, nv, &format!("{at}.{k}")),
            None => Err(format!("{at}.{k} is gone")),
        }),
        (Value::Array(o), Value::Array(n)) if o.len() == n.len() => o
            .iter()
            .zip(n)
            .enumerate()
            .try_for_each(|(i, (ov, nv))| contained(ov, nv, &format!("{at}[{i}]"))),
        _ if old == new => Ok(()),
        _ => Err(format!("{at}: was {old}, now {new}")),
    }
}

/// What the previous release read, as this release names it: the log of refused requests became
/// part of every request for a place (migration 24), each old entry a request refused because
/// the shelter was full, and the report's `refused` figures became `requests`' refused ones.
fn as_named_now(mut expected: Value) -> Value {
    let export = expected["export"].as_object_mut().unwrap();
    let refused = export.remove("refused_requests").unwrap_or(Value::Array(Vec::new()));
    let requests: Vec<Value> = refused
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let mut request = serde_json::json!({
                "date": r["requested_on"], "from": "annat", "adults": r["women"],
                "children": r["children"], "outcome": "nekad", "reason": "fullt",
            });
            if let Some(note) = r["note"].as_str().filter(|n| !n.is_empty()) {
                request["note"] = note.into();
            }
            request
        })
        .collect();
    export.insert("requests".into(), requests.into());
    let report = expected["report_2026"].as_object_mut().unwrap();
    if let Some(refused) = report.remove("refused") {
        report.insert(
            "requests".into(),
            serde_json::json!({
                "refused": refused["requests"], "refused_adults": refused["women"],
                "refused_children": refused["children"],
            }),
        );
    }
    expected
}

#[test]
fn a_store_made_by_the_previous_release_opens_with_all_its_data() {
    let fixture = workspace_dir().join("tests/fixtures").join(PREVIOUS);
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture.join("expected.json")).unwrap()).unwrap();
    let expected = as_named_now(expected);
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    copy_store(&fixture, &dir);
    // Its account is the demo's administrator, whom fristad-cli signs in as.
    let cli = Cli::with_passphrase(&dir, "demo-lösenfras")
        .as_user("demo", "demo-lösenord")
        .env("FRISTAD_TEST_NOW", READ_ON);

    // Opening migrates it to this release's schema, and it is whole afterwards.
    cli.run(&["verify"]).assert_ok();

    let export = cli.run(&["export", "--json"]).assert_ok().json();
    contained(&expected["export"], &export, "export").unwrap();

    let mut invoices = cli.run(&["invoice", "list", "--json"]).assert_ok().json()["invoices"].take();
    for invoice in invoices.as_array_mut().unwrap() {
        for field in OF_THE_DAY {
            invoice.as_object_mut().unwrap().remove(field);
        }
    }
    contained(&expected["invoices"], &invoices, "invoices").unwrap();

    let report = cli
        .run(&["report", "yearly", "--year", "2026", "--json"])
        .assert_ok()
        .json();
    contained(&expected["report_2026"], &report, "report").unwrap();

    // The window's account still signs in: the demo account's password is unchanged.
    let accounts = cli.run(&["account", "list", "--json"]).assert_ok().json();
    assert!(accounts.to_string().contains("\"demo\""), "{accounts}");
}

#[test]
fn both_programs_say_which_release_they_are() {
    for program in ["fristad-cli", "fristad"] {
        let out = std::process::Command::new(fristad_tests::program(program))
            .arg("--version")
            .output()
            .unwrap();
        assert!(out.status.success());
        let said = String::from_utf8(out.stdout).unwrap();
        assert_eq!(said.trim(), format!("{program} {}", env!("CARGO_PKG_VERSION")));
    }
}
