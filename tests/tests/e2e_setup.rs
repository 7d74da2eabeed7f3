//! End-to-end: the real `fristad` window, driven like a person would.
//!
//! Story: a shelter installs Fristad. The first screen is the Swedish setup; a mistyped
//! organisation number is refused with the reason and nothing is created; the corrected form
//! creates the encrypted store with its key in the (real) keyring; the recovery key is shown
//! once; the home screen shows the IOP agreement's period and the last day for notice. Restarted,
//! the program opens straight to the home screen; with the keyring entry gone, it asks for the
//! recovery key and opens the same data with it.

use fristad_tests::desktop::{Window, session_available};
use fristad_tests::{Cli, boras_notice_deadline, recovery_hex, sqlcipher_query};
use std::process::Command;

fn today() -> chrono::NaiveDate {
    fristad::clock::swedish_date(chrono::Utc::now())
}

#[tokio::test]
async fn first_run_setup_then_home_then_recovery_after_the_keyring_entry_is_lost() {
    if !session_available() {
        eprintln!(
            "skipped: needs a display and a D-Bus session (run through scripts/with-desktop-session.sh)"
        );
        return;
    }
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().join("data");

    // 1. The first screen is the Swedish setup screen.
    let w = Window::open(&dir, &[]).await;
    assert_eq!(w.text("#setup-screen h1").await, "Välkommen till Fristad");
    w.screenshot("01-setup").await;

    // 2. A mistyped organisation number is refused with the reason, beside its field.
    w.type_into("#f-name", "Kvinno- och tjejjouren Exempelstad")
        .await;
    w.type_into("#f-org_number", "802000-0001").await;
    w.type_into("#f-bankgiro", "5050-1055").await;
    w.type_into("#f-address", "Box 1, 123 45 Exempelstad").await;
    w.click("#create-store").await;
    let error = w
        .wait_for_text("[data-error-for='org_number']", "kontrollsiffran")
        .await;
    assert!(
        error.contains("Organisationsnumret stämmer inte"),
        "{error}"
    );
    assert!(
        !dir.join("fristad.db").exists(),
        "nothing may be created from a refused form"
    );
    w.screenshot("02-setup-refused").await;

    // 3. Corrected, the store is created with its key in the keyring (the default choice).
    assert!(
        w.find("#storage-keyring")
            .await
            .is_selected()
            .await
            .unwrap(),
        "the keyring is the default"
    );
    w.type_into("#f-org_number", "802000-0009").await;
    w.click("#create-store").await;
    let shown = w.wait_for_text("#recovery-key", " ").await;
    let hex = recovery_hex(&shown);
    assert_eq!(hex.len(), 64, "recovery key shown: {shown}");
    assert!(!w.find("#finish-setup").await.is_enabled().await.unwrap(), "must confirm first");
    w.screenshot("03-recovery-key").await;

    // 4. After confirming, the home screen shows the period in force and the notice deadline.
    w.click("#key-kept").await;
    w.click("#finish-setup").await;
    let expected = boras_notice_deadline(today());
    let deadline = w.wait_for_text("#notice-deadline-iop-boras", "-").await;
    assert_eq!(deadline, expected);
    assert!(w.text("#agreement-iop-boras").await.contains("Borås Stad"));
    assert_eq!(
        w.text("#org-name").await,
        "Kvinno- och tjejjouren Exempelstad"
    );
    w.screenshot("04-home").await;

    // 5. The agreement screen shows the terms and their history.
    w.click("#nav a[data-route='avtal']").await;
    w.wait_for_text("#agreement-versions", "Version 1").await;
    w.screenshot("05-agreement").await;
    w.close().await;

    // The CLI reads the same store through the keyring, and the shown key opens it from outside.
    let cli = Cli::with_keyring(&dir);
    cli.run(&["verify"]).assert_ok();
    let names = sqlcipher_query(
        &dir.join("fristad.db"),
        &hex,
        "SELECT name FROM organisation",
    )
    .unwrap();
    assert_eq!(names, vec!["Kvinno- och tjejjouren Exempelstad".to_owned()]);

    // 6. Restarted, it opens straight to the home screen.
    let w = Window::open(&dir, &[]).await;
    w.wait_for_text("#notice-deadline-iop-boras", &expected)
        .await;
    w.close().await;

    // 7. With the keyring entry gone, it asks for the recovery key, never makes a new one.
    let cleared = Command::new("secret-tool")
        .args(["clear", "service", "Fristad"])
        .status()
        .unwrap();
    assert!(cleared.success());
    let w = Window::open(&dir, &[]).await;
    w.wait_for_text("#recover-screen .problem", "nyckelring")
        .await;
    w.screenshot("06-recovery-asked").await;
    w.type_into("#f-recovery_key", &hex[..63]).await;
    w.click("#recover-form button[type='submit']").await;
    w.wait_for_text("[data-error-for='recovery_key']", "64 tecken")
        .await;
    let wrong: String = hex.chars().rev().collect();
    w.type_into("#f-recovery_key", &wrong).await;
    w.click("#recover-form button[type='submit']").await;
    w.wait_for_text("[data-error-for='recovery_key']", "öppnar inte databasen")
        .await;
    w.type_into("#f-recovery_key", &shown).await;
    w.click("#recover-form button[type='submit']").await;
    w.wait_for_text("#notice-deadline-iop-boras", &expected)
        .await;
    w.screenshot("07-recovered-home").await;
    w.close().await;

    // The key is kept in the keyring again, and the data is the same.
    Cli::with_keyring(&dir).run(&["verify"]).assert_ok();
    let names = sqlcipher_query(
        &dir.join("fristad.db"),
        &hex,
        "SELECT name FROM organisation",
    )
    .unwrap();
    assert_eq!(names, vec!["Kvinno- och tjejjouren Exempelstad".to_owned()]);
}
