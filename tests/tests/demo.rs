//! `fristad-cli demo`: synthetic shelter data that is the same for the same seed, looks like a
//! shelter's year in the report, has every past month invoiced, and names no real person.

use fristad_tests::Cli;
use std::path::Path;

fn demo(dir: &Path, seed: &str) -> (Cli, serde_json::Value) {
    let cli = Cli::with_passphrase(dir, "demo-lösenfras").as_user("demo", "demo-lösenord");
    let made = cli
        .run(&["demo", "--years", "2", "--scale", "1", "--seed", seed, "--json"])
        .assert_ok()
        .json();
    (cli, made)
}

fn records(cli: &Cli) -> (serde_json::Value, String) {
    let export = cli.run(&["export", "--json"]).assert_ok().json();
    let invoices = cli.run(&["invoice", "list", "--json"]).assert_ok().stdout.clone();
    (export, invoices)
}

#[test]
fn the_same_seed_gives_the_same_shelter_and_another_seed_another() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, made) = demo(&tmp.path().join("a"), "7");
    let (b, _) = demo(&tmp.path().join("b"), "7");
    let (c, _) = demo(&tmp.path().join("c"), "8");
    assert_eq!(records(&a), records(&b), "same seed, same records and invoices");
    assert_ne!(records(&a).0, records(&c).0);

    // Every past month is invoiced and most invoices are paid.
    let m = &made["made"];
    assert!(m["invoicing_runs"].as_u64().unwrap() >= 22, "{m}");
    assert!(m["invoices"].as_u64().unwrap() > 100, "{m}");
    assert!(
        m["payments"].as_u64().unwrap() * 10 > m["invoices"].as_u64().unwrap() * 8,
        "{m}"
    );

    // Last year looks like a shelter's year at scale 1.
    let last_year = (fristad_tests::today() - chrono::Duration::days(365))
        .format("%Y")
        .to_string();
    let report = a
        .run(&["report", "yearly", "--year", &last_year, "--json"])
        .assert_ok()
        .json();
    let adults = report["individuals"]["adults"].as_u64().unwrap();
    let children = report["individuals"]["children"].as_u64().unwrap();
    assert!((30..=55).contains(&adults), "{adults} women");
    assert!((30..=70).contains(&children), "{children} children");
    assert!(
        report["by_municipality"].as_array().unwrap().len() >= 5,
        "{}",
        report["by_municipality"]
    );

    // Nobody has a personnummer, and the demo account signs in to the window.
    let export = records(&a).0;
    assert!(
        export["people"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p.get("personal_number").is_none())
    );
    let accounts = a.run(&["account", "list", "--json"]).assert_ok().json();
    assert_eq!(accounts[0]["username"], "demo");
    a.run(&["verify"]).assert_ok();
}

#[test]
fn a_demo_is_only_made_in_an_empty_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let (cli, _) = demo(&dir, "1");
    cli.run(&["demo", "--years", "1"]).assert_refused("tom datamapp");
}
