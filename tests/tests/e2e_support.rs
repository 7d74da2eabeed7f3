//! End-to-end in the real window (issue 22): a staff account records a support contact and two
//! requests for a place from the menu, nameless (one refused at once, one whose outcome is given
//! afterwards); a manager sees them in the year's statistics. Checked for accessibility.

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
    // One recorded by mistake is struck out with why: kept and listed crossed over, not counted.
    w.type_into("#support-form [name='person']", "").await;
    w.choose("#support-form [name='channel']", "sms").await;
    w.click("#save-support").await;
    let sms = w
        .wait_for_text("#support-list tbody tr:first-child", say("Sms", "Text message"))
        .await;
    assert!(!sms.contains(say("Struken", "Struck out")), "{sms}");
    w.click("#support-list tbody tr:first-child details.strike summary")
        .await;
    w.click("#support-list tbody tr:first-child button[type='submit']")
        .await;
    w.wait_for_text(
        "#support-list tbody tr:first-child [data-error-for]",
        say("varför", "why"),
    )
    .await;
    w.type_into("#support-list tbody tr:first-child input", "Fel kanal")
        .await;
    w.click("#support-list tbody tr:first-child button[type='submit']")
        .await;
    w.wait_for_text("#support-list tbody tr.struck", "Fel kanal").await;
    w.scroll_to("#support-list").await;
    w.screenshot("96-support-contact-struck").await;

    // A request refused: without its reason it is refused beside the field, with it saved.
    w.click("#nav a[data-route='forfragningar']").await;
    w.find("#requests-screen").await;
    w.choose("#request-form [name='from']", "polisen").await;
    w.type_into("#request-form [name='children']", "2").await;
    w.choose("#request-form [name='outcome']", "nekad").await;
    w.click("#save-request").await;
    w.wait_for_text("[data-error-for='reason']", say("varför", "why")).await;
    w.choose("#request-form [name='reason']", "tonarsson").await;
    w.type_into("#request-form [name='referred_to']", "Jouren i grannkommunen")
        .await;
    w.click("#save-request").await;
    let row = w
        .wait_for_text("#requests-list tbody", say("Tonårsson", "Teenage son"))
        .await;
    assert!(
        row.contains(say("Polisen", "Police")) && row.contains(say("Nekad", "Refused")),
        "{row}"
    );
    // A request not decided yet, given its outcome from the list.
    w.choose("#request-form [name='from']", "sjalv").await;
    w.click("#save-request").await;
    w.click("#requests-list .give-outcome").await;
    w.choose("#decide-form [name='decision.outcome']", "hanvisad").await;
    w.choose("#decide-form [name='decision.reason']", "sakerhet").await;
    w.click("#decide-form button[type='submit']").await;
    w.wait_for_text("#requests-list tbody", say("Hänvisad", "Referred"))
        .await;
    w.check_accessibility("requests").await;
    w.screenshot("90-requests").await;
    w.close().await;

    let year = today().format("%Y").to_string();
    let json = cli
        .run(&["report", "yearly", "--year", &year, "--json"])
        .assert_ok()
        .json();
    assert_eq!(json["support"]["contacts"], 1);
    assert_eq!(json["support"]["by_channel"]["chatt"], 1);
    assert_eq!(json["support"]["by_topic"]["digitalt_vald"], 1);
    let requests = &json["requests"];
    assert_eq!(
        [
            &requests["total"],
            &requests["refused"],
            &requests["referred"],
            &requests["pending"]
        ],
        [2, 1, 1, 0]
    );
    assert_eq!(
        (&requests["refused_adults"], &requests["refused_children"]),
        (&1.into(), &2.into())
    );
    assert_eq!(requests["refused_by_reason"]["tonarsson"], 1);

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
    let reasons = w.table_rows("[data-table='nekade_skal']").await;
    let son = reasons
        .iter()
        .find(|r| r[0] == say("Tonårsson", "Teenage son"))
        .unwrap_or_else(|| panic!("{reasons:?}"));
    assert_eq!(son[1], "1");
    w.scroll_to("#request-figures").await;
    w.screenshot("91-requests-in-the-statistics").await;
    w.close().await;
}
