//! End-to-end in the real window (issue 22): a child's own rights. The home screen names (by
//! key) a child here for more than two weeks without school, a health examination or her own
//! conversation; staff record the days on the placement's page, a day before she came is refused
//! beside its field, and once all three are recorded the home screen no longer names her and the
//! year counts them. A manager enters the organisation's year with the IVO permit's places,
//! sees the house over them on the home screen and in the year, checks the period's records and
//! shows any period. Checked for accessibility.

use fristad_tests::desktop::{Window, no_session, say};
use fristad_tests::{TEST_PASSWORD, new_store};

/// W1 and her daughter C1, here since 1 November 2026 (36 days on 7 December).
fn placed(passphrase: &str) -> (tempfile::TempDir, std::path::PathBuf, fristad_tests::Cli) {
    let (tmp, dir, cli) = new_store(passphrase);
    let file = tmp.path().join("p.json");
    std::fs::write(
        &file,
        r#"{"municipalities": [{"key": "boras", "name": "Borås Stad", "org_number": "212000-1561",
             "price_class": "iop", "acute_clause": true, "address": "Box 1, 501 80 Borås"}],
            "placements": [{"key": "P1", "municipality": "boras", "acute": false, "reference": "A",
             "violence": "nara_relation", "stays": [
               {"person": "W1", "name": "Testkvinna", "category": "adult", "birth_year": 1990,
                "in": "2026-11-01T12:00"},
               {"person": "C1", "name": "Testbarn", "category": "child", "birth_year": 2016,
                "in": "2026-11-01T12:00", "decision_reference": "BoU 26-11"}]}]}"#,
    )
    .unwrap();
    cli.run(&["import", file.to_str().unwrap()]).assert_ok();
    (tmp, dir, cli)
}

#[tokio::test]
async fn staff_record_a_child_s_rights_and_the_home_screen_stops_asking() {
    if no_session() {
        return;
    }
    let (_tmp, dir, cli) = placed("e2e barnen");
    cli.add_account("natt", "Testpersonal Natt", "staff");
    let w = Window::open(&dir, &[("FRISTAD_PASSPHRASE", "e2e barnen")]).await;
    w.sign_in("natt", TEST_PASSWORD).await;
    // 36 days here, nothing arranged: named by her key, never her name.
    let waiting = w.wait_for_text("#children-waiting li[data-child='C1']", "36").await;
    assert!(waiting.contains(say("skola", "school")), "{waiting}");
    assert!(!w.text("#children-waiting").await.contains("Testbarn"));
    w.check_accessibility("home-children-waiting").await;
    w.screenshot("92-children-waiting").await;

    w.click("#children-waiting li[data-child='C1'] a").await;
    w.find("#placement-screen").await;
    w.click("tr[data-person='C1'] details.rights summary").await;
    // A day before she came is refused beside its field.
    w.type_into("#rights-C1 [name='C1.school_from']", "2026-10-30").await;
    w.click("#rights-C1 button[type='submit']").await;
    w.wait_for_text("#rights-C1 [data-error-for='C1.school_from']", say("vistelse", "stay"))
        .await;
    w.type_into("#rights-C1 [name='C1.school_from']", "2026-11-09").await;
    w.type_into("#rights-C1 [name='C1.health_offered_on']", "2026-11-05")
        .await;
    w.type_into("#rights-C1 [name='C1.own_conversation_on']", "2026-11-20")
        .await;
    w.click("#rights-C1 button[type='submit']").await;
    let rights = w.wait_for_text("[data-rights='C1']", "2026-11-20").await;
    assert!(
        rights.contains("2026-11-09") && rights.contains("2026-11-05"),
        "{rights}"
    );
    w.check_accessibility("placement-child-rights").await;
    w.screenshot("93-child-rights").await;

    w.client_go("#/hem").await;
    w.find("#home-screen #present").await;
    let home = w.page_text().await;
    assert!(!home.contains(say("Barn som väntar", "Children waiting")), "{home}");
    w.close().await;

    let year = cli
        .run(&["report", "yearly", "--year", "2026", "--json"])
        .assert_ok()
        .json();
    let rights = &year["children_rights"];
    assert_eq!(
        [
            &rights["children"],
            &rights["with_decision"],
            &rights["school"],
            &rights["health_offered"],
            &rights["own_conversation"],
            &rights["not_within_14_days"]
        ],
        [1, 1, 1, 1, 1, 1],
        "the conversation on day 19 was not within two weeks"
    );
}

#[tokio::test]
async fn a_manager_enters_the_organisations_year_checks_the_records_and_shows_a_period() {
    if no_session() {
        return;
    }
    let (_tmp, dir, cli) = placed("e2e året");
    cli.add_account("chef", "Testchef Ett", "manager");
    let w = Window::open(&dir, &[("FRISTAD_PASSPHRASE", "e2e året")]).await;
    w.sign_in("chef", TEST_PASSWORD).await;
    w.find("#home-screen").await;
    w.click("#nav a[data-route='statistik']").await;
    w.find("#yearly-report[data-year='2026']").await;
    w.type_into("#organisation-year-form [name='staff_fte']", "3,5").await;
    w.type_into("#organisation-year-form [name='volunteers']", "4").await;
    w.type_into("#organisation-year-form [name='volunteer_hours']", "120")
        .await;
    w.type_into("#organisation-year-form [name='ivo_places']", "1").await;
    w.click("#organisation-year-form button[type='submit']").await;
    // Two people every night from 1 November to 6 December: 36 nights over one place.
    w.wait_for_text("[data-table='organisationen']", "3,5").await;
    let rows = w.table_rows("[data-table='organisationen']").await;
    assert_eq!(rows[5][1], "36", "{rows:?}");
    w.scroll_to("#organisation-year").await;
    w.screenshot("94-organisation-year").await;
    // The children's rights and the genders on screen: one child, one woman, shown as "<3".
    let rights = w.table_rows("[data-table='barnens_rattigheter']").await;
    assert_eq!(rights[0][1], "<3", "{rights:?}");
    let genders = w.table_rows("[data-table='kon']").await;
    let not_given = genders
        .iter()
        .find(|r| r[0] == say("Ej angivet", "Not given"))
        .unwrap_or_else(|| panic!("{genders:?}"));
    assert_eq!(not_given[1..], ["<3", "<3"]);

    // The checks: W1 and C1 have no gender; Borås has no reference code for invoices.
    w.click("#run-check").await;
    let findings = w.wait_for_text("#check-findings", "P1").await;
    assert!(findings.contains(say("kön", "gender")), "{findings}");
    assert!(!findings.contains("Testkvinna"), "{findings}");
    w.check_accessibility("statistics-check").await;
    w.scroll_to("#check-findings").await;
    w.screenshot("95-checks-before-the-report").await;

    // Any period: November alone, against November a year before.
    w.type_into("#period-form [name='from']", "2026-11-01").await;
    w.type_into("#period-form [name='to']", "2026-11-30").await;
    w.click("#period-form button[type='submit']").await;
    w.find("#yearly-report[data-from='2026-11-01']").await;
    let key = w.text("#key-figures thead").await;
    assert!(
        key.contains("2026-11-01 – 2026-11-30") && key.contains("2025-11-01 – 2025-11-30"),
        "{key}"
    );
    // A period longer than twelve months is refused beside its field.
    w.type_into("#period-form [name='from']", "2025-01-01").await;
    w.click("#period-form button[type='submit']").await;
    w.wait_for_text("#period-form [data-error-for='to']", say("tolv", "twelve"))
        .await;

    w.client_go("#/hem").await;
    let notice = w.wait_for_text("#notice-over-permit", "2").await;
    assert!(notice.contains("IVO"), "{notice}");
    w.close().await;
}
