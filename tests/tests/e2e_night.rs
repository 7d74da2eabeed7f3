//! End-to-end in the real window (issue 21): nobody is stuck at night. A staff account signs in to
//! a store whose organisation's details are not filled in, and makes a night intake for a woman
//! placed by a municipality the store has never had, named at the intake. The manager's home
//! screen then asks for the municipality's details, and nothing is invoiced to it before.

use chrono::Duration;
use fristad::clock::swedish_date;
use fristad_tests::desktop::{Window, no_session, say};
use fristad_tests::{Cli, TEST_ADMIN, TEST_PASSWORD};

const PASSPHRASE: &str = "e2e natten";

#[tokio::test]
async fn staff_make_a_night_intake_with_a_new_municipality_before_the_organisation_is_filled_in() {
    if no_session() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let cli = Cli::with_passphrase(&dir, PASSPHRASE);
    // No organisation, no municipality in the register.
    cli.run(&["init"]).assert_ok();
    cli.add_account("natt", "Testpersonal Natt", "staff");
    let yesterday = swedish_date(fristad_tests::now()) - Duration::days(1);
    let arrived = format!("{yesterday} 01:40");

    let w = Window::open(&dir, &[("FRISTAD_PASSPHRASE", PASSPHRASE)]).await;
    w.sign_in("natt", TEST_PASSWORD).await;
    // Not stuck on the organisation's form: the home screen, saying what waits.
    w.find("#home-screen").await;
    w.wait_for_text("#notice-organisation-missing", say("fakturering", "invoicing"))
        .await;
    w.click("#new-intake").await;
    w.find("#intake-screen").await;
    w.type_into("#f-arrived", &arrived).await;
    w.choose("#f-arrival_route", "polisen").await;
    w.choose("#f-transported_by", "polisen").await;
    w.type_into("#f-stays-0-name", "Testkvinna").await;
    w.type_into("#f-stays-0-birth_year", "1990").await;
    // The only choice there is: a municipality not in the register, by its name.
    w.choose("#f-municipality", "__ny").await;
    w.type_into("#f-new_municipality", "Nattby kommun").await;
    w.type_into("#f-reference", "Socialjouren 26-1").await;
    w.choose("#f-violence", "nara_relation").await;
    w.screenshot("28-intake-new-municipality").await;
    w.click("#save-intake").await;
    w.find("#placement-screen").await;
    w.close().await;

    // The manager (here the administrator) fills in the organisation and the tariffs, then is asked
    // on the home screen for the new municipality's details.
    let org = tmp.path().join("org.json");
    std::fs::write(
        &org,
        r#"{"organisation": {"name": "Kvinnojouren Exempelstad", "org_number": "802000-0009",
            "address": "Box 1, 123 45 Exempelstad", "bankgiro": "5050-1055", "f_skatt": true},
            "tariffs": [{"valid_from": "2020-01-01", "category": "adult", "iop": "1650.00", "standard": "1950.00"},
                        {"valid_from": "2020-01-01", "category": "child", "iop": "950.00", "standard": "1150.00"}]}"#,
    )
    .unwrap();
    cli.run(&["import", org.to_str().unwrap()]).assert_ok();
    let w = Window::open(&dir, &[("FRISTAD_PASSPHRASE", PASSPHRASE)]).await;
    w.sign_in(TEST_ADMIN, TEST_PASSWORD).await;
    let asked = w
        .wait_for_text("#notice-municipality-nattby-kommun", "Nattby kommun")
        .await;
    assert!(asked.contains(say("faktureras inte", "not invoiced")), "{asked}");
    w.screenshot("29-home-asks-for-the-municipality").await;
    w.close().await;

    // Nothing is invoiced to it until its details are there: held back, saying why.
    let run = cli
        .run(&[
            "invoice",
            "run",
            "--through",
            &yesterday.to_string(),
            "--dry-run",
            "--json",
        ])
        .assert_ok()
        .json();
    assert_eq!(run["invoices"], serde_json::json!([]));
    let held = run["held_back"][0]["message"].as_str().unwrap_or_default();
    assert!(
        held.contains("Nattby kommun") && held.contains("saknar sina uppgifter"),
        "{run}"
    );
    let placed = cli.run(&["export", "--json"]).assert_ok().json();
    assert_eq!(placed["placements"][0]["municipality"], "nattby-kommun");

    // A real run holds it back, and the manager's home screen says so until a run does not.
    let run = cli
        .run(&["invoice", "run", "--through", &yesterday.to_string(), "--json"])
        .assert_ok()
        .json();
    assert_eq!(run["invoices"], serde_json::json!([]));
    let w = Window::open(&dir, &[("FRISTAD_PASSPHRASE", PASSPHRASE)]).await;
    w.sign_in(TEST_ADMIN, TEST_PASSWORD).await;
    let held = w.wait_for_text("#notice-invoices_held_back", "Nattby kommun").await;
    assert!(held.contains(say("Kommuner", "Municipalities")), "{held}");

    // The manager completes the municipality from the link on the home screen.
    w.click("#notice-municipality-nattby-kommun a").await;
    w.find("#municipalities-screen").await;
    w.click("tr[data-key='nattby-kommun'] button").await;
    w.type_into("#municipalities-screen [name='org_number']", "212000-1561")
        .await;
    w.type_into("#municipalities-screen [name='address']", "Box 5, 123 45 Nattby")
        .await;
    w.type_into("#municipalities-screen [name='buyer_reference']", "NATT-1")
        .await;
    w.click("#municipalities-screen button[type='submit']").await;
    w.wait_for_text("tr[data-key='nattby-kommun']", "212000-1561").await;
    w.client_go("#/").await;
    w.find("#home-screen").await;
    w.find("#notice-invoices_held_back").await;
    let home = w.text("#home-screen").await;
    assert!(!home.contains(say("faktureras inte", "not invoiced")), "{home}");
    w.screenshot("30-home-after-the-municipality-is-complete").await;
    w.close().await;

    // The next run invoices it, and the notice is gone.
    let run = cli
        .run(&["invoice", "run", "--through", &yesterday.to_string(), "--json"])
        .assert_ok()
        .json();
    assert_eq!(run["invoices"][0]["buyer"]["name"], "Nattby kommun", "{run}");
    assert_eq!(run["held_back"], serde_json::json!([]));
    let w = Window::open(&dir, &[("FRISTAD_PASSPHRASE", PASSPHRASE)]).await;
    w.sign_in(TEST_ADMIN, TEST_PASSWORD).await;
    w.find("#home-screen").await;
    w.find("#acute-clocks").await;
    let home = w.text("#home-screen").await;
    assert!(!home.contains(say("höll tillbaka", "held back")), "{home}");
    assert!(!home.contains(say("faktureras inte", "not invoiced")), "{home}");
    w.close().await;
}
