//! End-to-end in the real window (issue 22): a staff account records a support contact from the
//! menu, nameless; a manager sees it in the year's statistics. Checked for accessibility.

use fristad_tests::desktop::{Window, no_session, say};
use fristad_tests::{TEST_PASSWORD, new_store, today};

#[tokio::test]
async fn staff_record_a_support_contact_and_the_year_counts_it() {
    if no_session() {
        return;
    }
    let (_tmp, dir, cli) = new_store("e2e stöd");
    cli.add_account("natt", "Testpersonal Natt", "staff");
    cli.add_account("chef", "Testchef Ett", "manager");

    let w = Window::open(&dir, &[("FRISTAD_PASSPHRASE", "e2e stöd")]).await;
    w.sign_in("natt", TEST_PASSWORD).await;
    w.find("#home-screen").await;
    w.click("#nav a[data-route='stod']").await;
    w.find("#support-screen").await;
    w.check_accessibility("support").await;
    w.choose("#support-form [name='channel']", "chatt").await;
    w.choose("#support-form [name='group']", "tjej").await;
    w.click("#support-form [name='topic.digitalt_vald']").await;
    w.click("#support-form [name='topic.psykiskt_vald']").await;
    w.type_into("#support-form [name='minutes']", "25").await;
    w.type_into("#support-form [name='person']", "K7").await;
    w.click("#save-support").await;
    let row = w.wait_for_text("#support-list tbody", say("Chatt", "Chat")).await;
    assert!(row.contains(say("Tjej", "Girl")) && row.contains("25"), "{row}");
    // A name for a key is refused beside the field, and not repeated.
    w.type_into("#support-form [name='person']", "Anna Andersson").await;
    w.click("#save-support").await;
    let refusal = w.wait_for_text("[data-error-for='person']", say("nyckel", "key")).await;
    assert!(!refusal.contains("Anna"), "{refusal}");
    w.screenshot("87-support-contact").await;
    w.close().await;

    let year = today().format("%Y").to_string();
    let json = cli
        .run(&["report", "yearly", "--year", &year, "--json"])
        .assert_ok()
        .json();
    assert_eq!(json["support"]["contacts"], 1);
    assert_eq!(json["support"]["by_channel"]["chatt"], 1);
    assert_eq!(json["support"]["by_topic"]["digitalt_vald"], 1);

    let w = Window::open(&dir, &[("FRISTAD_PASSPHRASE", "e2e stöd")]).await;
    w.sign_in("chef", TEST_PASSWORD).await;
    w.find("#home-screen").await;
    w.click("#nav a[data-route='statistik']").await;
    w.find("#statistics-screen").await;
    w.type_into("#year-form [name='year']", &year).await;
    w.click("#year-form button[type='submit']").await;
    w.find(&format!("#yearly-report[data-year='{year}']")).await;
    let channels = w.table_rows("[data-table='stod_kanal']").await;
    let chat = channels
        .iter()
        .find(|r| r[0] == say("Chatt", "Chat"))
        .unwrap_or_else(|| panic!("{channels:?}"));
    assert_eq!(chat[1], "1");
    w.scroll_to("#support-figures").await;
    w.screenshot("88-support-in-the-statistics").await;
    w.close().await;
}
