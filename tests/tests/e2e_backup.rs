//! Backups in the real window: the day's automatic backup at the first sign-in, a backup now, a
//! backup file checked, a backup read back over a changed store (the old database kept), and the
//! automatic backup when the window closes.

use fristad_tests::desktop::{Window, answer_open_dialog, no_session, say};
use fristad_tests::{Cli, SYNTHETIC_ORG, TEST_PASSWORD, new_store, recovery_hex, recovery_key_line};
use serde_json::json;
use std::path::{Path, PathBuf};

const PASSPHRASE: &str = "testlösenfras för säkerhetskopior";

fn backups(folder: &Path, automatic: bool) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.ends_with(".fristad-backup") && name.contains("automatisk") == automatic
        })
        .collect();
    files.sort();
    files
}

#[tokio::test]
async fn an_admin_backs_up_checks_and_restores_in_the_window() {
    if no_session() {
        return;
    }
    let (tmp, dir, cli) = new_store(PASSPHRASE);
    cli.import_example();
    let usb = tmp.path().join("usb");
    std::fs::create_dir(&usb).unwrap();
    cli.add_account("adm", "Testadmin", "admin");
    cli.run(&[
        "settings",
        "set",
        "--backup-folder",
        usb.to_str().unwrap(),
        "--backup-keep",
        "5",
    ])
    .assert_ok();
    let at_backup = cli.run(&["export", "--json"]).assert_ok().json();

    let w = Window::open(&dir, &[("FRISTAD_PASSPHRASE", PASSPHRASE)]).await;
    // The first sign-in of the day makes the day's automatic backup.
    w.sign_in("adm", TEST_PASSWORD).await;
    w.find("#home-screen").await;
    assert_eq!(backups(&usb, true).len(), 1, "the day's automatic backup");

    w.client_go("#/sakerhetskopior").await;
    w.wait_for_text("#backup-folder", usb.to_str().unwrap()).await;
    assert_eq!(w.table_rows("#backup-list").await.len(), 1);
    w.click("#backup-now").await;
    // A backup is real work (copied, encrypted, read back): on a busy machine it can take a while.
    w.wait_for_text_within(
        "#toast",
        say("Säkerhetskopian är sparad", "The backup is saved"),
        std::time::Duration::from_secs(90),
    )
    .await;
    let manual = backups(&usb, false);
    assert_eq!(manual.len(), 1);
    w.screenshot("61-backups").await;

    // A change after the backup.
    w.invoke(
        "add_request",
        json!({ "date": "2026-03-10", "from": "socialtjansten", "adults": 1, "children": 2, "outcome": "nekad", "reason": "fullt" }),
    )
    .await
    .expect("a refused request is saved");

    // The window is open and idle: fristad-cli may not restore under it (the window's next save
    // would go into the database the restore set aside). The next save lands in the live store.
    let refused = |cli: &Cli| {
        cli.run(&["export", "--json"]).assert_ok().json()["requests"]
            .as_array()
            .unwrap()
            .len()
    };
    let before = refused(&cli);
    let attempt = cli.run(&["restore", manual[0].to_str().unwrap()]);
    attempt.assert_refused("öppen i ett annat Fristad-program");
    assert!(attempt.stderr.contains("(fristad, process "), "{}", attempt.stderr);
    w.invoke(
        "add_request",
        json!({ "date": "2026-03-11", "from": "socialtjansten", "adults": 1, "children": 0, "outcome": "nekad", "reason": "fullt" }),
    )
    .await
    .expect("a refused request is saved");
    assert_eq!(refused(&cli), before + 1, "the window's save is in the store");

    // The backup file is checked: it opens with this store's key and holds the records.
    w.type_into("#f-check_passphrase", PASSPHRASE).await;
    w.click("#backup-check-form button[type='submit']").await;
    answer_open_dialog(
        say(
            "Välj säkerhetskopian som ska kontrolleras",
            "Choose the backup to check",
        ),
        &manual[0],
    )
    .await;
    w.wait_for_text("#backup-verified", say("placeringar", "placements"))
        .await;
    w.scroll_to("#backup-verified").await;
    w.screenshot("62-backup-checked").await;

    // Read back: the change is gone, the old database is kept under a dated name.
    w.type_into("#f-restore_passphrase", PASSPHRASE).await;
    w.click("#f-sure").await;
    w.click("#backup-restore-form button[type='submit']").await;
    answer_open_dialog(
        say(
            "Välj säkerhetskopian som ska läsas tillbaka",
            "Choose the backup to read back",
        ),
        &manual[0],
    )
    .await;
    w.sign_in("adm", TEST_PASSWORD).await;
    w.find("#home-screen").await;
    w.screenshot("63-restored").await;
    let kept: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("fristad.db.fore-aterstallning-"))
        .collect();
    assert!(!kept.is_empty(), "the replaced database is kept");
    // The backup page lists what the restore set aside; the administrator removes the database
    // it replaced (the button asks once more first), and the access log says so.
    w.client_go("#/sakerhetskopior").await;
    let aside = w.table_rows("#set-aside-list").await;
    let db_row = aside
        .iter()
        .position(|r| r[0].starts_with("fristad.db.fore-aterstallning-") && !r[0].ends_with("-wal"))
        .expect("the replaced database is listed");
    w.scroll_to("#set-aside-list").await;
    w.screenshot("63b-set-aside").await;
    let button = format!("#remove-set-aside-{db_row}");
    w.click(&button).await;
    w.wait_for_text(&button, say("för alltid", "for good")).await;
    w.click(&button).await;
    let name = aside[db_row][0].clone();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while dir.join(&name).exists() {
        assert!(std::time::Instant::now() < deadline, "{name} was not removed");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    w.find("#backups-screen").await;
    let log = cli.run(&["audit", "show", "--json"]).assert_ok().json();
    assert!(
        log.as_array()
            .unwrap()
            .iter()
            .any(|e| e["action"] == "backup_remove_set_aside" && e["detail"] == name.as_str()),
        "{log}"
    );
    let before_exit = backups(&usb, true).len();
    w.close_as_user().await;

    // Closing made an automatic backup too; everything verifies, and the restore is logged.
    assert_eq!(backups(&usb, true).len(), before_exit + 1, "the backup at exit");
    for file in backups(&usb, true).iter().chain(&manual) {
        cli.run(&["backup", "verify", file.to_str().unwrap()]).assert_ok();
    }
    assert_eq!(cli.run(&["export", "--json"]).assert_ok().json(), at_backup);
    cli.run(&["verify"]).assert_ok();
    let log = cli
        .run(&["audit", "show", "--json", "--limit", "50"])
        .assert_ok()
        .json();
    assert!(
        log.as_array()
            .unwrap()
            .iter()
            .any(|e| e["action"] == "backup_restore" && e["username"] == "adm"),
        "{log}"
    );
}

/// A new computer after the old one broke: the office sets Fristad up anew, then reads back the
/// old computer's backup with the old store's recovery key and chooses how its key is kept here.
#[tokio::test]
async fn a_backup_from_a_broken_computer_is_read_back_with_its_recovery_key() {
    if no_session() {
        return;
    }
    // The old computer: its store, its recovery key on paper, a backup on a USB stick.
    let tmp = tempfile::tempdir().unwrap();
    let old = Cli::with_passphrase(&tmp.path().join("old"), "den gamla datorns lösenfras");
    let init = old
        .run(&[&["init"][..], &SYNTHETIC_ORG[..]].concat())
        .assert_ok()
        .stdout
        .clone();
    let recovery = recovery_hex(&recovery_key_line(&init));
    old.import_example();
    old.add_account("adm", "Testadmin", "admin");
    let usb = tmp.path().join("usb");
    std::fs::create_dir(&usb).unwrap();
    old.run(&["backup", "--to", usb.to_str().unwrap()]).assert_ok();
    let backup = backups(&usb, false).pop().expect("the backup");
    let old_records = old.run(&["export", "--json"]).assert_ok().json();

    // The new computer: set up anew with an account of its own.
    let (_new_tmp, dir, cli) = new_store(PASSPHRASE);
    cli.add_account("ny", "Ny administratör", "admin");
    let w = Window::open(&dir, &[("FRISTAD_PASSPHRASE", PASSPHRASE)]).await;
    w.sign_in("ny", TEST_PASSWORD).await;
    w.client_go("#/sakerhetskopior").await;
    w.type_into("#f-restore_recovery_key", &recovery).await;
    w.click("#f-sure").await;
    w.scroll_to("#backup-restore-form").await;
    w.screenshot("64-restore-from-another-computer").await;
    w.click("#backup-restore-form button[type='submit']").await;
    answer_open_dialog(
        say(
            "Välj säkerhetskopian som ska läsas tillbaka",
            "Choose the backup to read back",
        ),
        &backup,
    )
    .await;
    // The old store is here now, with its own accounts.
    w.sign_in("adm", TEST_PASSWORD).await;
    w.find("#home-screen").await;
    w.close_as_user().await;

    // Its key is kept here as chosen (with this computer's passphrase), and nothing is lost.
    let restored = Cli::with_passphrase(&dir, PASSPHRASE);
    restored.run(&["verify"]).assert_ok();
    assert_eq!(restored.run(&["export", "--json"]).assert_ok().json(), old_records);
}

/// A key that may have gone astray (issue 19, case 5): an administrator changes the database key
/// in the window. The new recovery key is shown once, a fresh backup is offered and made, the
/// window goes on working, and from outside only the new key opens the database.
#[tokio::test]
async fn an_admin_changes_the_database_key_and_the_old_recovery_key_opens_nothing() {
    if no_session() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let cli = Cli::with_passphrase(&dir, PASSPHRASE);
    let init = cli.run(&[&["init"][..], &SYNTHETIC_ORG[..]].concat());
    init.assert_ok();
    let old_hex = recovery_hex(&recovery_key_line(&init.stdout));
    cli.import_example();
    cli.add_account("adm", "Testadmin", "admin");
    let usb = tmp.path().join("usb");
    std::fs::create_dir(&usb).unwrap();
    cli.run(&["settings", "set", "--backup-folder", usb.to_str().unwrap()])
        .assert_ok();
    let before = cli.run(&["export", "--json"]).assert_ok().json();

    let w = Window::open(&dir, &[("FRISTAD_PASSPHRASE", PASSPHRASE)]).await;
    w.sign_in("adm", TEST_PASSWORD).await;
    w.find("#home-screen").await;
    w.client_go("#/sakerhetskopior").await;
    w.click("#to-database-key").await;
    w.find("#database-key-screen").await;
    w.check_accessibility("database-key").await;
    w.screenshot("65-database-key").await;
    // Not without the tick.
    w.click("#change-key-form button[type='submit']").await;
    w.wait_for_text("[data-error-for='sure']", say("Kryssa i", "Tick that"))
        .await;
    w.click("#f-sure").await;
    w.click("#change-key-form button[type='submit']").await;
    let shown = w
        .wait_for_text("#recovery-key-screen", say("ny nyckel", "new key"))
        .await;
    assert!(shown.contains(say(
        "Säkerhetskopior som gjordes före bytet",
        "Backups made before the change"
    )));
    let new_hex = recovery_hex(&w.text("#recovery-key").await);
    assert_eq!(new_hex.len(), 64);
    assert_ne!(new_hex, old_hex);
    w.check_accessibility("recovery-key-after-change").await;
    w.screenshot("66-database-key-changed").await;

    // The fresh backup the screen offers.
    w.click("#backup-after-change").await;
    w.wait_for_text_within(
        "#backup-after-change-status",
        say("Säkerhetskopian är sparad", "The backup has been saved"),
        std::time::Duration::from_secs(90),
    )
    .await;
    w.click("#key-kept").await;
    w.click("#finish-setup").await;
    w.find("#backups-screen").await;

    // The window goes on working in the store under its new key.
    w.invoke(
        "add_request",
        json!({ "date": "2026-03-12", "from": "socialtjansten", "adults": 1, "children": 1, "outcome": "nekad", "reason": "fullt" }),
    )
    .await
    .expect("a save after the change");
    let after = cli.run(&["export", "--json"]).assert_ok().json();
    assert_eq!(
        after["requests"].as_array().unwrap().len(),
        before["requests"].as_array().unwrap().len() + 1
    );
    assert_eq!(after["people"], before["people"], "nothing lost");
    w.close().await;

    let db = dir.join("fristad.db");
    assert!(fristad_tests::sqlcipher_query(&db, &new_hex, "SELECT count(*) FROM people").is_ok());
    assert!(fristad_tests::sqlcipher_query(&db, &old_hex, "SELECT count(*) FROM people").is_err());
    let fresh = backups(&usb, false).pop().expect("the backup made after the change");
    let key_file = tmp.path().join("ny-nyckel.txt");
    std::fs::write(&key_file, &new_hex).unwrap();
    Cli::with_passphrase(&tmp.path().join("annan"), "en annan lösenfras")
        .run(&[
            "backup",
            "verify",
            fresh.to_str().unwrap(),
            "--recovery-key-file",
            key_file.to_str().unwrap(),
        ])
        .assert_ok();
    cli.run(&["verify"]).assert_ok();
    let log = cli
        .run(&["audit", "show", "--json", "--limit", "50"])
        .assert_ok()
        .json();
    assert!(
        log.as_array()
            .unwrap()
            .iter()
            .any(|e| e["action"] == "change_key" && e["username"] == "adm"),
        "{log}"
    );
}

/// The backup when the program closes fails (the USB stick was pulled out, or the folder cannot be
/// written): nobody is there to be told, so the administrator's home screen says so at the next
/// start, until a backup succeeds.
#[tokio::test]
async fn a_backup_that_failed_when_the_program_closed_is_shown_at_the_next_start() {
    if no_session() {
        return;
    }
    let (tmp, dir, cli) = new_store(PASSPHRASE);
    let usb = tmp.path().join("usb");
    std::fs::create_dir(&usb).unwrap();
    cli.run(&[
        "settings",
        "set",
        "--backup-folder",
        usb.to_str().unwrap(),
        "--backup-at-exit",
        "ja",
    ])
    .assert_ok();
    cli.add_account("adm", "Testadmin", "admin");
    cli.add_account("natt", "Testpersonal Natt", "staff");

    let w = Window::open(&dir, &[("FRISTAD_PASSPHRASE", PASSPHRASE)]).await;
    w.sign_in("adm", TEST_PASSWORD).await;
    w.find("#home-screen").await;
    // The folder cannot be written (read-only, and gone: the tests may run as root, whom a
    // read-only folder does not stop).
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&usb, std::fs::Permissions::from_mode(0o500)).unwrap();
    std::fs::remove_dir_all(&usb).unwrap();
    w.close_as_user().await;
    assert!(!usb.exists(), "no backup was made");

    // At the next start the administrator is told; staff, who cannot act on it, are not.
    let w = Window::open(&dir, &[("FRISTAD_PASSPHRASE", PASSPHRASE)]).await;
    w.sign_in("natt", TEST_PASSWORD).await;
    w.find("#home-screen").await;
    assert!(
        w.client
            .find(fantoccini::Locator::Css("#notice-backup_at_exit_failed"))
            .await
            .is_err()
    );
    w.close().await;
    let w = Window::open(&dir, &[("FRISTAD_PASSPHRASE", PASSPHRASE)]).await;
    w.sign_in("adm", TEST_PASSWORD).await;
    let notice = w
        .wait_for_text("#notice-backup_at_exit_failed", say("misslyckades", "failed"))
        .await;
    assert!(notice.contains(say("Säkerhetskopior", "Backups")), "{notice}");
    w.screenshot("67-backup-at-exit-failed").await;
    w.close().await;

    // A backup that succeeds deals with it.
    std::fs::create_dir(&usb).unwrap();
    cli.run(&["backup", "--to", usb.to_str().unwrap()]).assert_ok();
    let w = Window::open(&dir, &[("FRISTAD_PASSPHRASE", PASSPHRASE)]).await;
    w.sign_in("adm", TEST_PASSWORD).await;
    w.find("#home-screen").await;
    assert!(
        w.client
            .find(fantoccini::Locator::Css("#notice-backup_at_exit_failed"))
            .await
            .is_err()
    );
    w.close().await;
}
