//! fristad-cli acts with the same roles as the window (issue 20): invoicing, crediting, exporting
//! personal data and changing accounts need a signed-in account of the right role; whoever acts
//! is named in the access log; only the key holder's own commands need the key alone.

use fristad_tests::{Cli, SYNTHETIC_ORG, TEST_ADMIN, TEST_PASSWORD, new_store};
use std::path::Path;

/// A store with the example placement invoiced once, and an account of each role beside the
/// administrator `init` made: «natt» (staff) and «chef» (manager).
fn store() -> (tempfile::TempDir, std::path::PathBuf, Cli, String) {
    let (tmp, dir, cli) = new_store("roller");
    // The example placement, with an address that an invoice can be sent to.
    let example = std::fs::read_to_string(fristad_tests::workspace_dir().join("tests/fixtures/import-example.json"))
        .unwrap()
        .replace("\"address\": \"…\"", "\"address\": \"Box 1, 501 80 Borås\"");
    let file = tmp.path().join("import.json");
    std::fs::write(&file, example).unwrap();
    cli.run(&["import", file.to_str().unwrap()]).assert_ok();
    cli.add_account("natt", "Testpersonal Natt", "staff");
    cli.add_account("chef", "Testchef", "manager");
    let issued = cli
        .run(&["invoice", "run", "--through", "2026-03-31", "--json"])
        .assert_ok()
        .json();
    let number = issued["invoices"][0]["number"].as_str().expect("an invoice").to_owned();
    (tmp, dir, cli, number)
}

/// What each guarded command is, as arguments.
fn invoicing() -> Vec<&'static str> {
    vec!["invoice", "run", "--through", "2026-06-30", "--json"]
}

fn crediting(number: &str) -> Vec<&str> {
    vec!["invoice", "credit", number, "--reason", "Fel period"]
}

fn exporting(out: &Path) -> Vec<&str> {
    vec!["export", "--json", "--out", out.to_str().unwrap()]
}

fn changing_an_account() -> Vec<&'static str> {
    vec!["account", "role", "--username", "natt", "--role", "admin"]
}

fn log(cli: &Cli) -> Vec<serde_json::Value> {
    cli.run(&["audit", "show", "--json", "--limit", "1000"])
        .assert_ok()
        .json()
        .as_array()
        .unwrap()
        .clone()
}

fn db(dir: &Path) -> Vec<u8> {
    std::fs::read(dir.join("fristad.db")).unwrap()
}

#[test]
fn without_an_account_nothing_but_the_key_holders_own_commands_runs() {
    let (tmp, dir, cli, number) = store();
    let out = tmp.path().join("allt.json");
    let before = db(&dir);
    let nobody = cli.clone().signed_out();
    for args in [invoicing(), crediting(&number), exporting(&out), changing_an_account()] {
        nobody.run(&args).assert_refused("FRISTAD_USER");
    }
    assert!(db(&dir) == before, "nothing was written");
    assert!(!out.exists(), "nothing was exported");
    // The key holder's own commands need the key alone.
    nobody.run(&["verify"]).assert_ok();
    nobody.run(&["audit", "verify"]).assert_ok();
    let copies = tmp.path().join("kopior");
    std::fs::create_dir(&copies).unwrap();
    nobody.run(&["backup", "--to", copies.to_str().unwrap()]).assert_ok();

    // A wrong password is refused like the window's, and the failure is logged without a name.
    let wrong = cli.clone().as_user(TEST_ADMIN, "inte lösenordet alls");
    wrong
        .run(&invoicing())
        .assert_refused("Fel användarnamn eller lösenord");
    assert!(!wrong.run(&exporting(&out)).ok());
    assert!(!out.exists());
    let failed: Vec<_> = log(&cli)
        .into_iter()
        .filter(|e| e["kind"] == "misslyckad inloggning")
        .collect();
    assert_eq!(failed.len(), 2, "{failed:?}");
    assert!(failed.iter().all(|e| e["username"] == "–"));
}

#[test]
fn staff_may_not_invoice_credit_export_or_change_accounts() {
    let (tmp, dir, cli, number) = store();
    let out = tmp.path().join("allt.json");
    let staff = cli.clone().as_user("natt", TEST_PASSWORD);
    let before = db(&dir);
    for args in [invoicing(), crediting(&number), exporting(&out), changing_an_account()] {
        staff
            .run(&args)
            .assert_refused("Ditt konto (personal) får inte göra detta");
    }
    assert!(db(&dir) == before, "nothing was written");
    assert!(!out.exists());
    // What staff do in the window, they may do here: a look at the agreement is the manager's.
    staff.run(&["agreement", "show"]).assert_refused("kräver rollen chef");
}

#[test]
fn a_manager_invoices_and_credits_but_exports_and_changes_accounts_only_as_an_administrator() {
    let (tmp, _dir, cli, number) = store();
    let out = tmp.path().join("allt.json");
    let manager = cli.clone().as_user("chef", TEST_PASSWORD);
    manager.run(&crediting(&number)).assert_ok();
    manager.run(&invoicing()).assert_ok();
    manager
        .run(&exporting(&out))
        .assert_refused("«Export av hela databasen» kräver rollen administratör");
    manager
        .run(&changing_an_account())
        .assert_refused("kräver rollen administratör");
    assert!(!out.exists());

    cli.run(&exporting(&out)).assert_ok();
    assert!(out.exists());
    cli.run(&changing_an_account()).assert_ok();

    // The access log names the account that did each.
    let log = log(&cli);
    let by = |action: &str| -> Vec<String> {
        log.iter()
            .filter(|e| e["action"] == action)
            .map(|e| e["username"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(by("invoice_credit"), ["chef"]);
    assert_eq!(by("invoice_issue"), ["chef", TEST_ADMIN], "newest first");
    assert_eq!(by("export"), [TEST_ADMIN]);
    assert_eq!(by("account_update"), [TEST_ADMIN]);
    assert_eq!(by("create_first_account"), [TEST_ADMIN]);
    assert!(
        log.iter()
            .all(|e| e["username"] != "fristad-cli" || e["seq"].as_i64() < by_first(&log))
    );
}

/// The sequence number of the first administrator's entry: only the store's making, before it,
/// is the key holder's.
fn by_first(log: &[serde_json::Value]) -> Option<i64> {
    log.iter()
        .find(|e| e["action"] == "create_first_account")
        .and_then(|e| e["seq"].as_i64())
}

#[test]
fn init_makes_the_first_administrator_and_checks_it_before_anything_is_made() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let short = Cli::with_passphrase(&dir, "x").as_user("forsta", "kort");
    short
        .run(&[&["init"][..], &SYNTHETIC_ORG[..]].concat())
        .assert_refused("minst 10 tecken");
    assert!(!dir.join("fristad.db").exists(), "no store was made");

    let cli = Cli::with_passphrase(&dir, "x").as_user("forsta", TEST_PASSWORD);
    let made = cli
        .run(
            &[
                &["init", "--admin-name", "Testadmin Första", "--json"][..],
                &SYNTHETIC_ORG[..],
            ]
            .concat(),
        )
        .assert_ok()
        .json();
    assert_eq!(made["administrator"], "forsta");
    let accounts = cli.run(&["account", "list", "--json"]).assert_ok().json();
    assert_eq!(accounts[0]["display_name"], "Testadmin Första");
    assert_eq!(accounts[0]["role"], "admin");

    // Made without one, the store says how its first administrator is made.
    let other = tmp.path().join("annan");
    let nobody = Cli::with_passphrase(&other, "x").signed_out();
    let run = nobody.run(&["init"]).assert_ok().stdout.clone();
    assert!(run.contains("account add --role admin"), "{run}");
    Cli::with_passphrase(&other, "x")
        .run(&["invoice", "list"])
        .assert_refused("inga konton");
    nobody
        .clone()
        .env("FRISTAD_NEW_PASSWORD", TEST_PASSWORD)
        .run(&[
            "account",
            "add",
            "--username",
            "ny",
            "--name",
            "Test",
            "--role",
            "staff",
        ])
        .assert_refused("--role admin");
}
