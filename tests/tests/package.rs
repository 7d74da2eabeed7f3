//! The .deb, installed on a fresh Debian 12: what dpkg installed, and the installed program in
//! its window: the setup screen of a new office, and a store made by the previous release.
//!
//! Run by `scripts/test-deb-on-fresh-debian.sh` (`make test-package`), which makes the fresh
//! Debian, installs the .deb there and points `fristad` at the installed program. Alone, the test
//! fails saying so, unless `FRISTAD_SKIP_SESSION_TESTS=1` says to skip it (`make test` runs it
//! only through that script).

use fristad_tests::desktop::{DEMO_PASSPHRASE, DEMO_USER, Window, skipped_without};
use fristad_tests::workspace_dir;
use std::path::PathBuf;
use std::process::Command;

const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The fresh Debian the .deb is installed in. Without it, or without the display and D-Bus
/// session the script runs the test in, the test fails saying how to run it, unless
/// `FRISTAD_SKIP_SESSION_TESTS=1` says to skip it: then `None`, and the test returns.
#[track_caller]
fn debian_root() -> Option<PathBuf> {
    let skipped = skipped_without(
        &[
            (
                "FRISTAD_DEBIAN_ROOT",
                "a fresh Debian 12 with the .deb installed, made by scripts/test-deb-on-fresh-debian.sh",
            ),
            ("DISPLAY", "a display"),
            ("DBUS_SESSION_BUS_ADDRESS", "a D-Bus session"),
        ],
        "as `make test-package` does (as root, with Debian's package mirror): it builds the .deb and \
         runs scripts/with-desktop-session.sh scripts/test-deb-on-fresh-debian.sh target/debug/bundle/deb/*.deb",
    );
    if skipped {
        return None;
    }
    std::env::var_os("FRISTAD_DEBIAN_ROOT").map(PathBuf::from)
}

/// A command run inside the fresh Debian; its standard output.
fn inside(root: &PathBuf, args: &[&str]) -> String {
    let out = Command::new("chroot")
        .arg(root)
        .args(args)
        .output()
        .expect("chroot runs");
    assert!(
        out.status.success(),
        "{args:?} in the fresh Debian: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_deb_installs_what_an_office_needs() {
    let Some(root) = debian_root() else { return };
    let status = inside(&root, &["dpkg-query", "-W", "-f", "${Status} ${Version}", "fristad"]);
    assert_eq!(status, format!("install ok installed {VERSION}"));
    let files = inside(&root, &["dpkg", "-L", "fristad"]);
    for path in [
        "/usr/bin/fristad",
        "/usr/bin/fristad-cli",
        "/usr/share/applications/Fristad.desktop",
        "/usr/share/icons/hicolor/128x128/apps/fristad.png",
    ] {
        assert!(files.lines().any(|l| l == path), "{path} is not installed:\n{files}");
    }
    let entry = inside(&root, &["cat", "/usr/share/applications/Fristad.desktop"]);
    assert!(entry.contains("Exec=fristad"), "{entry}");
    assert!(entry.contains("Icon=fristad"), "{entry}");
    for program in ["fristad", "fristad-cli"] {
        let said = inside(&root, &[&format!("/usr/bin/{program}"), "--version"]);
        assert_eq!(said.trim(), format!("{program} {VERSION}"));
    }
}

#[tokio::test(flavor = "current_thread")]
async fn the_installed_program_starts_and_opens_the_previous_release_store() {
    let Some(_root) = debian_root() else { return };

    // A new office: the setup screen, in Swedish, saying which release it is.
    let data = tempfile::tempdir().unwrap();
    let w = Window::open(&data.path().join("data"), &[]).await;
    assert_eq!(w.text("#setup-screen h1").await, "Välkommen till Fristad");
    w.wait_for_text("#app-version", &format!("Fristad {VERSION}")).await;
    w.screenshot("95-installed-setup").await;
    w.close().await;

    // The store made by the previous release opens in the installed program with its data.
    let dir = data.path().join("previous");
    std::fs::create_dir_all(&dir).unwrap();
    let fixture = workspace_dir().join("tests/fixtures/release-0.1.0");
    for name in ["fristad.db", "fristad-key.json"] {
        std::fs::copy(fixture.join(name), dir.join(name)).unwrap();
    }
    let w = Window::open(&dir, &[("FRISTAD_PASSPHRASE", DEMO_PASSPHRASE)]).await;
    w.sign_in(DEMO_USER.0, DEMO_USER.1).await;
    w.find("#home-screen").await;
    w.click("#nav a[data-route='fakturor']").await;
    w.find("#invoice-filters").await;
    w.choose("#f-year", "2026").await;
    w.choose("#f-showing", "all").await;
    w.wait_for_text("#invoice-count", "70 fakturor").await;
    w.screenshot("96-installed-previous-release-invoices").await;
    w.close().await;
}
