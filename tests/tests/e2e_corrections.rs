//! End-to-end in the real window (issue 21): a wrong intake on purpose (the wrong municipality,
//! the wrong arrival time, a child's wrong move-in, not marked acute), invoiced; then every wrong
//! detail corrected from the placement's page with its reason, the invoices' change shown first.
//! Afterwards the history on the page, the access log, the credit note and the new invoice of the
//! next run, and the year's figures. Every person is synthetic.

use fristad_tests::desktop::{Window, no_session, say};
use fristad_tests::{TEST_PASSWORD, new_store};

const FILE: &str = r#"{
 "municipalities": [
  {"key": "boras", "name": "Borås Stad", "org_number": "212000-1561", "price_class": "iop", "acute_clause": true,
   "address": "Box 1, 501 80 Borås", "buyer_reference": "YY123"},
  {"key": "annan", "name": "Annan kommun", "org_number": "212000-1579", "price_class": "standard", "acute_clause": false,
   "address": "Box 2, 123 45 Annanstad", "buyer_reference": "REF-9"}],
 "tariffs": [{"valid_from": "2026-01-01", "category": "adult", "iop": "1650.00", "standard": "1950.00"},
             {"valid_from": "2026-01-01", "category": "child", "iop": "950.00", "standard": "1150.00"}],
 "placements": [{"key": "P1", "municipality": "boras", "acute": false, "reference": "RVE 26-017", "violence": "nara_relation",
   "arrived": "2026-03-01T22:15",
   "assessment": {"by": "polisen", "at": "2026-03-01T21:00", "conclusion": "Hög risk"},
   "stays": [{"person": "W1", "name": "Testkvinna", "category": "adult", "birth_year": 1990,
              "in": "2026-03-01T22:15", "out": "2026-03-06T10:00"},
             {"person": "C1", "name": "Testbarn", "category": "child", "birth_year": 2019,
              "in": "2026-03-02T09:00", "out": "2026-03-06T10:00"}]}]
}"#;

/// Corrects one detail on the open placement page: `target` as the form names it, the value
/// chosen from a list or typed, and the reason.
async fn correct(w: &Window, target: &str, value: Value<'_>, reason: &str) {
    if w.find("#correct-details").await.attr("open").await.unwrap().is_none() {
        w.click("#correct-details > summary").await;
    }
    w.choose("#f-target", target).await;
    match value {
        Value::Chosen(v) => w.choose("#f-value", v).await,
        Value::Typed(v) => w.type_into("#f-value", v).await,
    }
    // The page's other forms have a reason too; the page gives each its form's name.
    w.type_into("#f-correction-form-reason", reason).await;
}

enum Value<'a> {
    Chosen(&'a str),
    Typed(&'a str),
}

#[tokio::test]
async fn a_wrong_intake_is_corrected_in_the_window_and_the_invoices_and_figures_follow() {
    if no_session() {
        return;
    }
    let (tmp, dir, cli) = new_store("e2e rättelser");
    let file = tmp.path().join("intag.json");
    std::fs::write(&file, FILE).unwrap();
    cli.run(&["import", file.to_str().unwrap()]).assert_ok();
    cli.run(&["invoice", "run", "--through", "2026-03-31"]).assert_ok();
    cli.add_account("chef", "Testchef Ett", "manager");

    let w = Window::open(&dir, &[("FRISTAD_PASSPHRASE", "e2e rättelser")]).await;
    w.sign_in("chef", TEST_PASSWORD).await;
    w.find("#home-screen").await;
    w.client_go("#/placering/P1").await;
    w.find("#placement-screen").await;

    // The municipality: first what it does to the invoices, then saved.
    correct(
        &w,
        "placement::municipality",
        Value::Chosen("annan"),
        "Fel kommun vid intaget",
    )
    .await;
    w.click("#correction-preview").await;
    let effect = w.wait_for_text("#correction-effect", "Annan kommun").await;
    assert!(effect.contains("Borås Stad"), "{effect}");
    assert!(effect.contains("12"), "{effect}");
    w.scroll_to("#correction-form").await;
    w.screenshot("81-correction-preview").await;
    w.click("#save-correction").await;
    w.find("#history tr[data-field='municipality']").await;

    // A refusal names the value, as at intake: a move-in in the future.
    correct(
        &w,
        "stay:C1:in",
        Value::Typed("2099-03-03 09:00"),
        "Barnet kom dagen efter",
    )
    .await;
    w.click("#save-correction").await;
    w.wait_for_text("[data-error-for='value']", say("framtiden", "future"))
        .await;
    correct(
        &w,
        "stay:C1:in",
        Value::Typed("2026-03-03 09:00"),
        "Barnet kom dagen efter",
    )
    .await;
    w.click("#save-correction").await;
    w.find("#history tr[data-field='stays.C1.in']").await;

    correct(&w, "placement::acute", Value::Chosen("ja"), "Placerades akut").await;
    w.click("#save-correction").await;
    w.find("#history tr[data-field='acute']").await;
    correct(
        &w,
        "placement::arrived",
        Value::Typed("2026-03-01 21:50"),
        "Ankomsten skrevs fel",
    )
    .await;
    w.click("#save-correction").await;
    w.find("#history tr[data-field='arrived']").await;

    // The history on the page: each detail, before and now, by whom and why.
    let rows = w.table_rows("#history").await;
    let shown: Vec<(&str, &str, &str, &str)> = rows
        .iter()
        .map(|r| (r[1].as_str(), r[3].as_str(), r[4].as_str(), r[5].as_str()))
        .collect();
    assert_eq!(
        shown,
        [
            ("chef", "Borås Stad", "Annan kommun", "Fel kommun vid intaget"),
            ("chef", "2026-03-02 09:00", "2026-03-03 09:00", "Barnet kom dagen efter"),
            ("chef", say("Nej", "No"), say("Ja", "Yes"), "Placerades akut"),
            ("chef", "2026-03-01 22:15", "2026-03-01 21:50", "Ankomsten skrevs fel"),
        ]
    );
    assert!(rows[1][2].contains("Testbarn (C1)"), "{:?}", rows[1]);
    w.scroll_to("#history").await;
    w.screenshot("82-correction-history").await;

    // The protection assessment, recorded at intake, corrected like any other detail.
    correct(
        &w,
        "placement::assessment.by",
        Value::Chosen("sociala_jouren"),
        "Bedömningen gjordes av sociala jouren",
    )
    .await;
    w.click("#save-correction").await;
    w.find("#history tr[data-field='assessment.by']").await;

    // The child's own details: a name typed wrong, and protected identity set (a manager's).
    w.client_go("#/person/C1").await;
    w.find("#person-screen").await;
    w.click("#correct-person-details > summary").await;
    w.choose("#f-person-target", "name").await;
    w.type_into("#f-value", "Testbarnet").await;
    w.type_into("#person-correction-form [name='reason']", "Namnet stavades fel")
        .await;
    w.click("#save-person-correction").await;
    w.find("#person-history tr[data-field='name']").await;
    w.click("#correct-person-details > summary").await;
    w.choose("#f-person-target", "protected_identity").await;
    w.choose("#f-value", "ja").await;
    w.type_into(
        "#person-correction-form [name='reason']",
        "Sekretessmarkering enligt socialtjänsten",
    )
    .await;
    w.click("#save-person-correction").await;
    w.find("#person-history tr[data-field='protected_identity']").await;
    // Her gender, not given at intake.
    w.click("#correct-person-details > summary").await;
    w.choose("#f-person-target", "gender").await;
    w.choose("#f-value", "flicka").await;
    w.type_into("#person-correction-form [name='reason']", "Saknades vid intaget")
        .await;
    w.click("#save-person-correction").await;
    let gender = w
        .wait_for_text("#person-history tr[data-field='gender']", say("Flicka", "Girl"))
        .await;
    assert!(gender.contains(say("Ej angivet", "Not given")), "{gender}");
    w.wait_for_text("#person-gender", say("Flicka", "Girl")).await;
    let person = w.table_rows("#person-history").await;
    assert_eq!(person[0][3..5], ["Testbarn".to_owned(), "Testbarnet".to_owned()]);
    assert_eq!(
        person[1][3..5],
        [say("Nej", "No").to_owned(), say("Ja", "Yes").to_owned()]
    );
    w.scroll_to("#person-history").await;
    w.screenshot("83-person-corrected").await;

    // A note about the child written wrong is corrected by a new note; both stay.
    w.type_into("#person-note-form [name='body']", "Barnet började i förskola.")
        .await;
    w.type_into("#person-note-form [name='author']", "TC").await;
    w.click("#person-note-form button[type='submit']").await;
    w.find("#person-journal li.note").await;
    w.click("#person-journal li.note button").await;
    w.wait_for_text("#person-note-form #correcting", say("Rättar", "Correcting"))
        .await;
    w.type_into(
        "#person-note-form [name='body']",
        "Barnet började i skolan, inte förskolan.",
    )
    .await;
    w.type_into("#person-note-form [name='author']", "TC").await;
    w.click("#person-note-form button[type='submit']").await;
    w.find("#person-journal li.note.corrected").await;
    let journal = w.wait_for_text("#person-journal", "inte förskolan").await;
    let (old, new) = (
        journal.find("i förskola.").unwrap(),
        journal.find("inte förskolan").unwrap(),
    );
    assert!(old < new, "the old note first, then its correction: {journal}");
    w.scroll_to("#person-journal").await;
    w.screenshot("84-person-note-corrected").await;
    w.close().await;

    // Staff do not see the protected child's name in a list: a search by name does not find
    // her, a search by her key shows her without it.
    cli.add_account("natt", "Testpersonal Natt", "staff");
    let w = Window::open(&dir, &[("FRISTAD_PASSPHRASE", "e2e rättelser")]).await;
    w.sign_in("natt", TEST_PASSWORD).await;
    w.find("#home-screen").await;
    w.client_go("#/personer").await;
    // The list first shows everyone (her row without her name); the search replaces it.
    w.wait_for_text("#people-list tbody", "C1").await;
    w.type_into("#people-search", "Test").await;
    let by_name = w
        .wait_for_text_that(
            "#people-list tbody",
            "the search's result",
            std::time::Duration::from_secs(10),
            |text| text.contains("Testkvinna") && !text.contains("C1"),
        )
        .await;
    assert!(!by_name.contains("Testbarnet"), "{by_name}");
    w.type_into("#people-search", "C1").await;
    let row = w
        .wait_for_text("#people-list tbody", say("Skyddad identitet", "Protected identity"))
        .await;
    assert!(!row.contains("Testbarnet"), "{row}");
    w.screenshot("85-protected-name-hidden").await;
    w.close().await;

    // The access log names every correction and who made it.
    let log = cli.run(&["audit", "show", "--json"]).assert_ok().json();
    let corrections = log
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "correct_placement" && e["username"] == "chef")
        .count();
    assert_eq!(corrections, 5);
    let person_actions: Vec<&str> = log
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["person"] == "C1" && e["username"] == "chef" && e["kind"] == "ändring")
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        person_actions,
        [
            "add_note",
            "add_note",
            "correct_person",
            "set_protected_identity",
            "correct_person"
        ],
        "newest first"
    );

    // The next run: Borås credited 12 050,00; the other municipality invoiced 5 × 1 950 + 3 × 1 150.
    let next = cli
        .run(&["invoice", "run", "--through", "2026-03-31", "--json"])
        .assert_ok()
        .json();
    let made: Vec<(&str, &str)> = next["invoices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["buyer"]["name"].as_str().unwrap(), i["total"].as_str().unwrap()))
        .collect();
    assert_eq!(made, [("Borås Stad", "12050.00"), ("Annan kommun", "13200.00")]);

    // The year's figures follow the corrected records.
    let year = cli
        .run(&["report", "yearly", "--year", "2026", "--json"])
        .assert_ok()
        .json();
    assert_eq!(year["by_municipality"][0]["key"], "annan");
    assert_eq!(year["by_municipality"][0]["nights"], 8);
    assert_eq!(year["placements"]["acute"], 1);
}

/// A room's out-of-use period ended early and then corrected from the rooms screen: the period
/// changes only with a reason, and the history lists both changes.
#[tokio::test]
async fn a_rooms_period_out_of_use_is_ended_early_and_corrected_with_its_history() {
    if no_session() {
        return;
    }
    let (tmp, dir, cli) = new_store("e2e rum");
    let file = tmp.path().join("rum.json");
    std::fs::write(
        &file,
        r#"{"rooms": [{"key": "r1", "name": "Rum 1", "acute": false, "beds": 3,
            "closures": [{"from": "2026-03-01", "to": "2026-03-31", "reason": "Vattenskada"}]}]}"#,
    )
    .unwrap();
    cli.run(&["import", file.to_str().unwrap()]).assert_ok();
    cli.add_account("chef", "Testchef Ett", "manager");

    let w = Window::open(&dir, &[("FRISTAD_PASSPHRASE", "e2e rum")]).await;
    w.sign_in("chef", TEST_PASSWORD).await;
    w.find("#home-screen").await;
    w.client_go("#/rum").await;
    w.wait_for_text("#periods-r1", "Vattenskada").await;

    // Ended early: a reason is required.
    w.click("#periods-r1 li button").await;
    w.type_into("#periods-r1 form[id^='period-end'] [name='last_day']", "2026-03-10")
        .await;
    w.click("#periods-r1 form[id^='period-end'] button[type='submit']")
        .await;
    w.wait_for_text(
        "#periods-r1 form[id^='period-end'] [data-error-for='why']",
        say("varför", "why"),
    )
    .await;
    w.type_into("#periods-r1 form[id^='period-end'] [name='why']", "Klart tidigare")
        .await;
    w.click("#periods-r1 form[id^='period-end'] button[type='submit']")
        .await;
    w.wait_for_text("#periods-r1 .room-history", "Klart tidigare").await;

    // Corrected: the first day was the day after.
    w.click("#periods-r1 li button:nth-of-type(2)").await;
    w.type_into(
        "#periods-r1 form[id^='period-correct'] [name='closed_from']",
        "2026-03-02",
    )
    .await;
    w.type_into(
        "#periods-r1 form[id^='period-correct'] [name='why']",
        "Skadan upptäcktes dagen efter",
    )
    .await;
    w.click("#periods-r1 form[id^='period-correct'] button[type='submit']")
        .await;
    w.wait_for_text("#periods-r1 .room-history", "Skadan upptäcktes").await;
    let rows = w.table_rows("#periods-r1 .room-history").await;
    let shown: Vec<(&str, &str, &str, &str)> = rows
        .iter()
        .map(|r| (r[1].as_str(), r[2].as_str(), r[3].as_str(), r[4].as_str()))
        .collect();
    assert_eq!(
        shown,
        [
            (
                "chef",
                "2026-03-01 – 2026-03-31: Vattenskada",
                "2026-03-01 – 2026-03-10: Vattenskada",
                "Klart tidigare"
            ),
            (
                "chef",
                "2026-03-01 – 2026-03-10: Vattenskada",
                "2026-03-02 – 2026-03-10: Vattenskada",
                "Skadan upptäcktes dagen efter"
            ),
        ]
    );
    w.scroll_to("#periods-r1").await;
    w.screenshot("86-room-period-history").await;
    w.close().await;

    // The access log names both changes and the room, never the reason.
    let log = cli.run(&["audit", "show", "--json"]).assert_ok().json();
    let changes: Vec<&str> = log
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["username"] == "chef" && e["kind"] == "ändring")
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(changes, ["room_closure_correct", "room_closure_end"]);
    assert!(!log.to_string().contains("Klart tidigare"));
}

/// A woman ready to move out but with nowhere to go: staff note the day on the placement's page,
/// and the year counts her nights from it as waiting for housing.
#[tokio::test]
async fn staff_note_the_day_a_woman_is_ready_to_move_out_and_the_year_counts_her_wait() {
    if no_session() {
        return;
    }
    let (tmp, dir, cli) = new_store("e2e utflyttningsklar");
    let file = tmp.path().join("p.json");
    std::fs::write(
        &file,
        r#"{"municipalities": [{"key": "boras", "name": "Borås Stad", "org_number": "212000-1561",
             "price_class": "iop", "acute_clause": true, "address": "Box 1, 501 80 Borås"}],
            "placements": [{"key": "P1", "municipality": "boras", "acute": false, "reference": "A",
             "violence": "nara_relation", "stays": [{"person": "W1", "name": "Testkvinna",
             "category": "adult", "birth_year": 1990, "in": "2026-12-01T12:00"}]}]}"#,
    )
    .unwrap();
    cli.run(&["import", file.to_str().unwrap()]).assert_ok();
    cli.add_account("natt", "Testpersonal Natt", "staff");
    let w = Window::open(&dir, &[("FRISTAD_PASSPHRASE", "e2e utflyttningsklar")]).await;
    w.sign_in("natt", TEST_PASSWORD).await;
    w.find("#home-screen").await;
    w.client_go("#/placering/P1").await;
    w.find("#placement-screen").await;
    w.click("tr[data-person='W1'] details.ready summary").await;
    // A day before she came is refused, as the stay's days are.
    w.type_into("#ready-W1 [name='date']", "2026-11-30").await;
    w.click("#ready-W1 button[type='submit']").await;
    w.wait_for_text("#ready-W1 [data-error-for='date']", say("vistelsen", "stay"))
        .await;
    w.type_into("#ready-W1 [name='date']", "2026-12-04").await;
    w.click("#ready-W1 button[type='submit']").await;
    w.find("tr[data-person='W1'] [data-ready='2026-12-04']").await;
    w.screenshot("89-ready-to-move-out").await;
    w.close().await;
    // The nights of 4, 5 and 6 December.
    let year = cli
        .run(&["report", "yearly", "--year", "2026", "--json"])
        .assert_ok()
        .json();
    assert_eq!(year["nights"]["waiting_for_housing"], 3);
}
