//! The window on a demo store (`make run DEMO=1`): a living shelter after signing in as demo.

use fristad_tests::Cli;
use fristad_tests::desktop::{Window, no_session};

#[tokio::test]
async fn the_demo_store_opens_a_populated_window() {
    if no_session() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("demo");
    Cli::with_passphrase(&dir, "demo-lösenfras")
        .run(&["demo", "--years", "2", "--seed", "3"])
        .assert_ok();
    let w = Window::open(&dir, &[("FRISTAD_PASSPHRASE", "demo-lösenfras")]).await;
    w.sign_in("demo", "demo-lösenord").await;
    w.find("#home-screen").await;
    w.screenshot("71-demo-home").await;
    w.click("#nav a[data-route='placeringar']").await;
    assert!(
        w.table_rows("#placements-screen table").await.len() > 30,
        "placements are listed"
    );
    w.click("#nav a[data-route='fakturor']").await;
    assert!(w.table_rows("#invoice-list").await.len() > 100, "invoices are listed");
    w.screenshot("72-demo-invoices").await;
    w.click("#nav a[data-route='statistik']").await;
    w.wait_for_text("#key-figures", "Boendenätter").await;
    w.screenshot("73-demo-statistics").await;
    w.close().await;
}
