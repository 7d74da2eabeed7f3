//! Every command of the window, called directly (as a page script could) with arguments of the
//! wrong shape: each answers with an error, and nothing in the store changes.

use fristad_tests::desktop::{Window, no_session};
use fristad_tests::{TEST_PASSWORD, new_store};
use serde_json::{Value, json};

const PASSPHRASE: &str = "testlösenfras för fientlig indata";

/// Commands that take no arguments at all: anything sent along is ignored, so they are not
/// called here (some of them act, e.g. `retention_run`, `logo_remove`).
const WITHOUT_ARGUMENTS: &[&str] = &[
    "access_state",
    "save_recovery_sheet",
    "copy_recovery_key",
    "finish_setup",
    "home",
    "catalogue",
    "house_now",
    "placements_list",
    "municipalities_list",
    "rooms_board",
    "requests_list",
    "support_contacts_list",
    "organisation_years",
    "room_periods",
    "billing_settings",
    "signing_info",
    "logo_choose",
    "logo_remove",
    "lex_sarah_list",
    "accounts_list",
    "retention_preview",
    "retention_run",
    "backup_page",
    "backup_choose_folder",
    "backup_now",
];

fn malformed() -> Vec<Option<Value>> {
    vec![
        None,
        Some(json!(42)),
        Some(json!("'; DROP TABLE people; --")),
        Some(json!([1, 2, 3])),
        Some(json!({ "unexpected": true })),
        Some(json!({ "key": { "nested": [null] }, "extra": "\u{0000}\u{202e}" })),
    ]
}

#[tokio::test]
async fn every_command_refuses_arguments_of_the_wrong_shape_and_changes_nothing() {
    if no_session() {
        return;
    }
    let (_tmp, dir, cli) = new_store(PASSPHRASE);
    cli.import_example();
    cli.add_account("adm", "Testadmin", "admin");
    let before = cli.run(&["export", "--json"]).assert_ok().json();
    let log_before = cli.run(&["audit", "verify", "--json"]).assert_ok().json()["entries"]
        .as_i64()
        .unwrap();

    let w = Window::open(&dir, &[("FRISTAD_PASSPHRASE", PASSPHRASE)]).await;
    w.sign_in("adm", TEST_PASSWORD).await;
    w.find("#home-screen").await;

    let names: &[&str] = &include!("../../src-tauri/src/desktop/command_names.in");
    let mut called = 0;
    for name in names.iter().filter(|n| !WITHOUT_ARGUMENTS.contains(n)) {
        for input in malformed() {
            let answer = w.invoke_raw(name, input.clone()).await;
            let err = answer.expect_err(&format!("{name} accepted {input:?}"));
            assert!(
                err.get("message")
                    .and_then(Value::as_str)
                    .is_some_and(|m| !m.is_empty()),
                "{name} with {input:?} answered without a message: {err}"
            );
            called += 1;
        }
    }
    assert!(called > 150, "only {called} calls");
    // Still signed in and working: nothing crashed or locked the session.
    assert!(w.invoke("placements_list", Value::Null).await.is_ok());
    w.close().await;

    assert_eq!(
        cli.run(&["export", "--json"]).assert_ok().json(),
        before,
        "the store changed"
    );
    let log = cli
        .run(&["audit", "show", "--json", "--limit", "1000"])
        .assert_ok()
        .json();
    let changes: Vec<&Value> = log
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["seq"].as_i64().unwrap() > log_before && e["kind"] == "ändring")
        .collect();
    assert!(changes.is_empty(), "changes were logged: {changes:?}");
    cli.run(&["verify"]).assert_ok();
}
