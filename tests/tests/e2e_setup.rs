//! End-to-end: the real `fristad` window, driven like a person would.
//!
//! Story: a shelter installs Fristad. The first screen is the Swedish setup; a mistyped
//! organisation number is refused with the reason and nothing is created; the corrected form
//! creates the encrypted store with its key in the (real) keyring; the recovery key is shown
//! once; the home screen shows the IOP agreement's period and the last day for notice. Restarted,
//! the program opens straight to the home screen; with the keyring entry gone, it asks for the
//! recovery key and opens the same data with it.

use fristad_tests::desktop::{Window, no_session, say};
use fristad_tests::{Cli, TEST_PASSWORD, boras_notice_deadline, recovery_hex, sqlcipher_query};
use std::process::Command;

fn today() -> chrono::NaiveDate {
    fristad_tests::today()
}

/// The setup form's organisation part, for a synthetic shelter.
async fn fill_organisation(w: &Window, org_number: &str) {
    w.type_into("#f-name", "Kvinno- och tjejjouren Exempelstad").await;
    w.type_into("#f-org_number", org_number).await;
    w.type_into("#f-bankgiro", "5050-1055").await;
    w.type_into("#f-address", "Box 1, 123 45 Exempelstad").await;
}

#[tokio::test]
async fn first_run_setup_then_home_then_recovery_after_the_keyring_entry_is_lost() {
    if no_session() {
        return;
    }
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().join("data");

    // 1. The first screen is the setup screen (in Swedish unless the run is in English).
    let w = Window::open(&dir, &[]).await;
    assert_eq!(
        w.text("#setup-screen h1").await,
        say("Välkommen till Fristad", "Welcome to Fristad")
    );
    // Which release it is shows on every screen, from the workspace's version.
    w.wait_for_text("#app-version", concat!("Fristad ", env!("CARGO_PKG_VERSION")))
        .await;
    w.screenshot("01-setup").await;

    // 2. A mistyped organisation number is refused with the reason, beside its field.
    fill_organisation(&w, "802000-0001").await;
    w.click("#create-store").await;
    let error = w
        .wait_for_text("[data-error-for='org_number']", say("kontrollsiffran", "check digit"))
        .await;
    assert!(
        error.contains(say(
            "Organisationsnumret stämmer inte",
            "The organisation number is not right"
        )),
        "{error}"
    );
    assert!(
        !dir.join("fristad.db").exists(),
        "nothing may be created from a refused form"
    );
    w.screenshot("02-setup-refused").await;

    // 3. Corrected, the store is created with its key in the keyring (the default choice).
    assert!(
        w.find("#storage-keyring").await.is_selected().await.unwrap(),
        "the keyring is the default"
    );
    w.type_into("#f-org_number", "802000-0009").await;
    w.click("#create-store").await;
    let shown = w.wait_for_text("#recovery-key", " ").await;
    let hex = recovery_hex(&shown);
    assert_eq!(hex.len(), 64, "recovery key shown: {shown}");
    assert!(
        !w.find("#finish-setup").await.is_enabled().await.unwrap(),
        "must confirm first"
    );
    w.screenshot("03-recovery-key").await;

    // Copied to the clipboard (for a password manager), it is emptied from there again soon.
    w.click("#copy-key").await;
    w.wait_for_text("#copy-status", say("töms om 30 sekunder", "emptied in 30 seconds"))
        .await;
    let copied_at = std::time::Instant::now();
    assert_eq!(clipboard(), hex, "the key is on the clipboard");

    // The recovery key is saved as a printable sheet through the system's save dialog.
    let sheet = data.path().join("nyckel.pdf");
    w.click("#save-sheet").await;
    fristad_tests::desktop::answer_save_dialog(say("Spara återställningsnyckeln", "Save the recovery key"), &sheet)
        .await;
    w.wait_for_text("#sheet-status", say("Sparat som nyckel.pdf", "Saved as nyckel.pdf"))
        .await;
    let text = Command::new("pdftotext").arg(&sheet).arg("-").output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout).replace(char::is_whitespace, "");
    assert!(text.contains(&hex), "the sheet holds the key shown on screen");
    // (pdftotext's words without their spaces)
    assert!(text.contains(say("Återställningsnyckel", "Recoverykey")));

    // 4. After confirming, the home screen shows the period in force and the notice deadline.
    w.click("#key-kept").await;
    w.click("#finish-setup").await;
    // The first account is the administrator's.
    w.create_first_account("Testadmin Ett", "admin", TEST_PASSWORD).await;
    let expected = boras_notice_deadline(today());
    let deadline = w.wait_for_text("#notice-deadline-iop-boras", "-").await;
    assert_eq!(deadline, expected);
    assert!(w.text("#agreement-iop-boras").await.contains("Borås Stad"));
    assert_eq!(w.text("#org-name").await, "Kvinno- och tjejjouren Exempelstad");
    w.screenshot("04-home").await;

    // The clipboard no longer holds the key half a minute after it was copied.
    while clipboard() == hex {
        assert!(
            copied_at.elapsed().as_secs() < 45,
            "the clipboard still holds the recovery key"
        );
        std::thread::sleep(std::time::Duration::from_millis(250));
    }
    assert!(copied_at.elapsed().as_secs() >= 25, "emptied too early");

    // 5. The agreement screen shows the terms and their history; a change needs a reason and
    //    is kept as a new version.
    w.click("#nav a[data-route='avtal']").await;
    w.wait_for_text("#agreement-versions", "Version 1").await;
    w.screenshot("05-agreement").await;
    w.click("#add-fee").await;
    w.type_into("#f-service_fees-2-from", "2027-01-01").await;
    w.type_into("#f-service_fees-2-yearly", "600 000").await;
    w.type_into("#f-service_fees-2-basis", "Nämndbeslut (exempel)").await;
    w.click("#save-agreement").await;
    w.wait_for_text(
        "[data-error-for='change_note']",
        say("vad som ändrades", "what was changed"),
    )
    .await;
    w.type_into("#f-change_note", "Ny serviceavgift från 2027 (exempel)")
        .await;
    w.click("#save-agreement").await;
    w.wait_for_text("#agreement-versions", "Version 2").await;
    w.scroll_to("#agreement-versions").await;
    w.screenshot("05b-agreement-changed").await;
    w.close().await;
    let fee = Cli::with_keyring(&dir)
        .as_user("admin", TEST_PASSWORD)
        .run(&["agreement", "show", "--json", "--on", "2027-06-01"])
        .assert_ok()
        .json();
    assert_eq!(fee["service_fee_in_force"]["yearly"], "600000.00");
    assert_eq!(fee["version"], 2);

    // The CLI reads the same store through the keyring, and the shown key opens it from outside.
    let cli = Cli::with_keyring(&dir);
    cli.run(&["verify"]).assert_ok();
    let names = sqlcipher_query(&dir.join("fristad.db"), &hex, "SELECT name FROM organisation").unwrap();
    assert_eq!(names, vec!["Kvinno- och tjejjouren Exempelstad".to_owned()]);

    // 6. Restarted, it opens the store by itself and asks who is there.
    let w = Window::open(&dir, &[]).await;
    w.sign_in("admin", TEST_PASSWORD).await;
    w.wait_for_text("#notice-deadline-iop-boras", &expected).await;
    w.close().await;

    // 7. With the keyring entry gone, it asks for the recovery key, never makes a new one.
    let cleared = Command::new("secret-tool")
        .args(["clear", "service", "Fristad"])
        .status()
        .unwrap();
    assert!(cleared.success());
    let w = Window::open(&dir, &[]).await;
    w.wait_for_text("#recover-screen .problem", say("nyckelring", "keyring"))
        .await;
    w.screenshot("06-recovery-asked").await;
    w.type_into("#f-recovery_key", &hex[..63]).await;
    w.click("#recover-form button[type='submit']").await;
    w.wait_for_text("[data-error-for='recovery_key']", say("64 tecken", "64 characters"))
        .await;
    let wrong: String = hex.chars().rev().collect();
    w.type_into("#f-recovery_key", &wrong).await;
    w.click("#recover-form button[type='submit']").await;
    w.wait_for_text(
        "[data-error-for='recovery_key']",
        say("öppnar inte databasen", "does not open the database"),
    )
    .await;
    w.type_into("#f-recovery_key", &shown).await;
    w.click("#recover-form button[type='submit']").await;
    w.sign_in("admin", TEST_PASSWORD).await;
    w.wait_for_text("#notice-deadline-iop-boras", &expected).await;
    w.screenshot("07-recovered-home").await;
    w.close().await;

    // The key is kept in the keyring again, and the data is the same.
    Cli::with_keyring(&dir).run(&["verify"]).assert_ok();
    let names = sqlcipher_query(&dir.join("fristad.db"), &hex, "SELECT name FROM organisation").unwrap();
    assert_eq!(names, vec!["Kvinno- och tjejjouren Exempelstad".to_owned()]);
}

/// Story: a computer without a working keyring. The setup screen says so and offers the
/// passphrase; a short or mistyped passphrase is refused; the store is created behind the
/// passphrase; at the next start the program asks for it, and a wrong one changes nothing.
#[tokio::test]
async fn without_a_keyring_the_passphrase_is_offered_and_asked_for_at_every_start() {
    if no_session() {
        return;
    }
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().join("data");
    // A session bus that does not exist: no Secret Service can be reached.
    let no_keyring = [("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")];

    let w = Window::open(&dir, &no_keyring).await;
    w.find("#setup-screen").await;
    assert!(
        !w.find("#storage-keyring").await.is_enabled().await.unwrap(),
        "the keyring cannot be chosen"
    );
    assert!(
        w.find("#storage-passphrase").await.is_selected().await.unwrap(),
        "the passphrase is offered"
    );
    assert!(
        w.text("#setup-form")
            .await
            .contains(say("Går inte på den här datorn", "Not possible on this computer"))
    );
    w.screenshot("11-setup-without-keyring").await;

    fill_organisation(&w, "802000-0009").await;
    w.type_into("#f-passphrase", "kort").await;
    w.type_into("#f-passphrase_repeat", "kort").await;
    w.click("#create-store").await;
    w.wait_for_text(
        "[data-error-for='passphrase']",
        say("minst 10 tecken", "at least 10 characters"),
    )
    .await;
    w.type_into("#f-passphrase", "lugn natt över staden").await;
    w.type_into("#f-passphrase_repeat", "lugn natt över stan").await;
    w.click("#create-store").await;
    w.wait_for_text(
        "[data-error-for='passphrase_repeat']",
        say("inte likadana", "not the same"),
    )
    .await;
    assert!(
        !dir.join("fristad.db").exists(),
        "nothing may be created from a refused form"
    );
    w.type_into("#f-passphrase_repeat", "lugn natt över staden").await;
    w.click("#create-store").await;
    w.find("#recovery-key-screen").await;
    let recovery = recovery_hex(&w.wait_for_text("#recovery-key", " ").await);
    w.click("#key-kept").await;
    w.click("#finish-setup").await;
    w.create_first_account("Testadmin Två", "admin", TEST_PASSWORD).await;
    w.find("#home-screen").await;
    w.close().await;

    // At the next start the passphrase is asked for; a wrong one changes nothing.
    let before = std::fs::read(dir.join("fristad.db")).unwrap();
    let w = Window::open(&dir, &no_keyring).await;
    w.find("#unlock-screen").await;
    w.type_into("#f-passphrase", "fel lösenfras").await;
    w.click("#unlock-form button[type='submit']").await;
    w.wait_for_text(
        "[data-error-for='passphrase']",
        say("Fel lösenfras", "Wrong passphrase"),
    )
    .await;
    w.screenshot("12-unlock-wrong-passphrase").await;
    assert_eq!(std::fs::read(dir.join("fristad.db")).unwrap(), before);
    w.type_into("#f-passphrase", "lugn natt över staden").await;
    w.click("#unlock-form button[type='submit']").await;
    w.sign_in("admin", TEST_PASSWORD).await;
    w.wait_for_text("#notice-deadline-iop-boras", &boras_notice_deadline(today()))
        .await;
    w.close().await;

    Cli::with_passphrase(&dir, "lugn natt över staden")
        .run(&["verify"])
        .assert_ok();

    // The passphrase forgotten: the recovery key opens the store and a new passphrase is chosen.
    let w = Window::open(&dir, &no_keyring).await;
    w.find("#unlock-screen").await;
    w.click("#forgot-passphrase").await;
    w.find("#recover-screen").await;
    w.type_into("#f-recovery_key", &recovery).await;
    w.type_into("#f-passphrase", "ny lösenfras efter glömskan").await;
    w.type_into("#f-passphrase_repeat", "ny lösenfras efter glömskan").await;
    w.screenshot("13-forgotten-passphrase").await;
    w.click("#recover-form button[type='submit']").await;
    w.sign_in("admin", TEST_PASSWORD).await;
    w.find("#home-screen").await;
    w.close().await;
    Cli::with_passphrase(&dir, "ny lösenfras efter glömskan")
        .run(&["verify"])
        .assert_ok();
    Cli::with_passphrase(&dir, "lugn natt över staden")
        .run(&["verify"])
        .assert_refused("lösenfras");
}

/// What the X clipboard holds now (as a paste would get it).
fn clipboard() -> String {
    let out = Command::new("xclip")
        .args(["-selection", "clipboard", "-o"])
        .output()
        .expect("xclip runs");
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}
