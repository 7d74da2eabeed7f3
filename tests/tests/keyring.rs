//! The database key in a real Secret Service (gnome-keyring in a private D-Bus session, started
//! by scripts/with-desktop-session.sh). Without such a session the test fails, saying how to run
//! it, unless `FRISTAD_SKIP_SESSION_TESTS=1` says to skip it.

use fristad_tests::desktop::skipped_without;
use fristad_tests::{Cli, recovery_key_line};
use std::process::Command;

/// Whether the test is to return because the private keyring session is missing and
/// `FRISTAD_SKIP_SESSION_TESTS=1` says to skip it; without that variable it fails instead.
#[track_caller]
fn no_secret_service() -> bool {
    skipped_without(
        &[
            ("DBUS_SESSION_BUS_ADDRESS", "a D-Bus session"),
            (
                "FRISTAD_IN_TEST_SESSION",
                "the private gnome-keyring session of scripts/with-desktop-session.sh",
            ),
        ],
        "through scripts/with-desktop-session.sh, as `make test-desktop` does: \
         scripts/with-desktop-session.sh cargo test -p fristad-tests --test keyring",
    )
}

#[test]
fn the_key_lives_in_the_keyring_and_its_loss_needs_the_recovery_key() {
    if no_secret_service() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let cli = Cli::with_keyring(&dir);
    let run = cli.run(&["init"]);
    run.assert_ok();
    assert!(run.stdout.contains("nyckelring"), "{}", run.stdout);
    let recovery = recovery_key_line(&run.stdout);

    // No key in the key file: only a reference to the keyring entry.
    let key_file = std::fs::read_to_string(dir.join("fristad-key.json")).unwrap();
    assert!(
        key_file.contains("\"storage\": \"keyring\"") && !key_file.contains("ciphertext"),
        "{key_file}"
    );
    // The Secret Service has it, under the program's name.
    let found = Command::new("secret-tool")
        .args(["search", "--all", "service", "Fristad"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&found.stdout).contains("databasnyckel"),
        "keyring entry missing"
    );

    cli.run(&["verify"]).assert_ok();
    cli.run(&["agreement", "show"]).assert_ok();
    // FRISTAD_PASSPHRASE never reaches for the keyring, and says why it does not apply.
    Cli::with_passphrase(&dir, "x")
        .run(&["verify"])
        .assert_refused("nyckelring");

    // The entry is removed: the program asks for the recovery key; it never makes a new key.
    assert!(
        Command::new("secret-tool")
            .args(["clear", "service", "Fristad"])
            .status()
            .unwrap()
            .success()
    );
    let before = std::fs::read(dir.join("fristad.db")).unwrap();
    cli.run(&["verify"]).assert_refused("återställningsnyckeln");
    assert_eq!(std::fs::read(dir.join("fristad.db")).unwrap(), before);

    cli.run_with_stdin(&["recover"], &recovery).assert_ok();
    cli.run(&["verify"]).assert_ok();
}
