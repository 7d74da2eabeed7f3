//! The real window with two accounts: staff cannot reach invoicing (the program refuses the call
//! even when a script makes it directly), locking clears the screen, the window locks by itself
//! when nobody uses it, and the access log shows who opened which record.

use fristad_tests::desktop::{Window, no_session, say};
use fristad_tests::{TEST_PASSWORD, new_store};
use serde_json::json;
use std::time::{Duration, Instant};

const PASSPHRASE: &str = "testlösenfras för förtroende";

#[tokio::test]
async fn staff_and_a_manager_share_the_window_and_the_log_shows_who_opened_what() {
    if no_session() {
        return;
    }
    let (_tmp, dir, cli) = new_store(PASSPHRASE);
    cli.import_example();
    cli.add_account("chef", "Testchef Ett", "manager");
    cli.add_account("natt", "Testpersonal Natt", "staff");
    cli.add_account("adm", "Testadmin", "admin");
    cli.run(&["settings", "set", "--idle-lock-minutes", "1"]).assert_ok();

    let w = Window::open(&dir, &[("FRISTAD_PASSPHRASE", PASSPHRASE)]).await;

    // Nothing answers before someone signs in, not even to a direct call.
    w.find("#sign-in-screen").await;
    let refused = w.invoke("placements_list", serde_json::Value::Null).await.unwrap_err();
    assert_eq!(refused["code"], "not_signed_in", "{refused}");

    // A wrong password is refused without saying whether the name exists.
    w.type_into("#f-username", "natt").await;
    w.type_into("#f-password", "inte rätt lösenord").await;
    w.click("#sign-in-form button[type='submit']").await;
    w.wait_for_text(
        "#sign-in-form .form-alert",
        say("Fel användarnamn eller lösenord", "Wrong user name or password"),
    )
    .await;
    w.screenshot("51-sign-in-refused").await;

    // Staff: the house and its placements, but no invoicing.
    w.sign_in("natt", TEST_PASSWORD).await;
    w.find("#home-screen").await;
    assert!(w.text("#account-name").await.contains("Testpersonal Natt"));
    assert!(
        !w.find("#nav a[data-route='fakturering']")
            .await
            .is_displayed()
            .await
            .unwrap(),
        "invoicing is not in staff's menu"
    );
    // The agreement's standing shows, but not a link to the manager's agreement screen.
    w.find("#home-screen [id^='agreement-']").await;
    let links = w
        .client
        .find_all(fantoccini::Locator::Css("#home-screen a[href='#/avtal']"))
        .await
        .unwrap();
    assert!(links.is_empty(), "staff are offered a screen they may not open");
    w.screenshot("52-staff-home").await;
    w.click("#nav a[data-route='placeringar']").await;
    w.click("a[href='#/placering/P1']").await;
    w.find("#placement-screen").await;

    // Typing the address does not help, and neither does calling the program directly.
    w.client_go("#/fakturering").await;
    w.find("#forbidden-screen").await;
    let refused = w
        .invoke("invoice_preview", json!({ "through": "2026-03-31" }))
        .await
        .unwrap_err();
    assert_eq!(refused["code"], "forbidden", "{refused}");
    assert!(
        refused["message"].as_str().unwrap().contains(say("chef", "manager")),
        "{refused}"
    );
    let refused = w.invoke("accounts_list", serde_json::Value::Null).await.unwrap_err();
    assert_eq!(refused["code"], "forbidden", "{refused}");
    let refused = w
        .invoke("access_log_person", json!({ "person": "W1" }))
        .await
        .unwrap_err();
    assert_eq!(refused["code"], "forbidden", "{refused}");

    // Locking with Ctrl+L removes what was on the screen; the program answers nothing after it.
    w.client_go("#/placering/P1").await;
    w.wait_for_text("#placement-screen", "Anna").await;
    w.press_ctrl('l').await;
    w.find("#sign-in-screen").await;
    let page = w.page_text().await;
    assert!(
        !page.contains("Anna"),
        "a resident's name is still on the locked screen"
    );
    let refused = w.invoke("placement_view", json!({ "key": "P1" })).await.unwrap_err();
    assert_eq!(refused["code"], "not_signed_in", "{refused}");
    w.screenshot("53-locked").await;

    // The manager reads who opened the placement.
    w.sign_in("chef", TEST_PASSWORD).await;
    w.client_go("#/person/W1").await;
    w.click("#person-access-log").await;
    let rows = w.table_rows("#access-log").await;
    let opened = rows
        .iter()
        .find(|r| {
            r.get(2).map(String::as_str) == Some("natt")
                && r.get(3).map(String::as_str) == Some(say("Visa placering", "View placement"))
        })
        .unwrap_or_else(|| panic!("no entry of natt opening the placement: {rows:?}"));
    assert_eq!(opened[5], "P1");
    assert!(
        rows.iter()
            .any(|r| r[2] == "chef" && r[3] == say("Visa person", "View person")),
        "the manager's own view of the person is logged too: {rows:?}"
    );
    w.screenshot("54-access-log").await;

    // Left alone for the set minute, the window locks itself.
    let started = Instant::now();
    w.wait_for_text_within(
        "#sign-in-message",
        say("ingen använde", "nobody had used"),
        Duration::from_secs(100),
    )
    .await;
    assert!(started.elapsed() >= Duration::from_secs(50), "locked too early");
    assert!(!w.page_text().await.contains("natt"), "the log is gone from the screen");
    w.screenshot("55-idle-locked").await;

    // The administrator adds an account in the window and looks at retention.
    w.sign_in("adm", TEST_PASSWORD).await;
    w.client_go("#/konton").await;
    w.find("#accounts-screen").await;
    w.type_into("#f-display_name", "Testpersonal Kväll").await;
    w.type_into("#f-username", "kvall").await;
    w.type_into("#f-password", "kort").await;
    w.type_into("#f-password_repeat", "kort").await;
    w.click("#account-form button[type='submit']").await;
    w.wait_for_text(
        "#account-form [data-error-for='password']",
        say("minst 10 tecken", "at least 10 characters"),
    )
    .await;
    w.type_into("#f-password", TEST_PASSWORD).await;
    w.type_into("#f-password_repeat", TEST_PASSWORD).await;
    w.click("#account-form button[type='submit']").await;
    w.wait_for_text("#accounts-list", "kvall").await;
    w.screenshot("56-accounts").await;
    w.click("#to-retention").await;
    w.wait_for_text(
        "#retention-preview",
        say("Fakturor som behålls", "Invoices that are kept"),
    )
    .await;
    w.screenshot("57-retention").await;
    w.close().await;

    // The log holds, and records the sign-ins, the views and the locks.
    cli.run(&["audit", "verify"]).assert_ok();
    let log = cli
        .run(&["audit", "show", "--json", "--limit", "200"])
        .assert_ok()
        .json();
    let kinds: Vec<(String, String)> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["username"].as_str().unwrap().into(),
                e["kind"].as_str().unwrap().into(),
            )
        })
        .collect();
    for (who, kind) in [
        ("natt", "inloggning"),
        ("natt", "visning"),
        ("natt", "utloggning"),
        ("chef", "inloggning"),
        ("chef", "låsning"),
        ("–", "misslyckad inloggning"),
        ("adm", "ändring"),
    ] {
        assert!(
            kinds.contains(&(who.into(), kind.into())),
            "no {kind} by {who} in {kinds:?}"
        );
    }
}
