//! End-to-end in the real window: a night intake. A woman and her younger child arrive with the
//! police at night; the older child comes the next morning. The home screen shows the acute
//! deadline; the contact with Relationsvåldsenheten is recorded; one child moves out, then
//! everyone; the rooms board follows each step. Every person is synthetic.

use chrono::Duration;
use fristad::clock::{parse_time, swedish_date, to_local_text};
use fristad_tests::desktop::{Window, no_session, say};
use fristad_tests::{Cli, TEST_PASSWORD};

const PASSPHRASE: &str = "e2e natt";

#[tokio::test]
async fn a_night_intake_the_acute_clock_and_moving_out_one_by_one() {
    if no_session() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let cli = Cli::with_passphrase(&dir, PASSPHRASE);
    cli.run(&[
        "init",
        "--org-name",
        "Kvinno- och tjejjouren Exempelstad",
        "--org-number",
        "802000-0009",
        "--address",
        "Box 1, 123 45 Exempelstad",
        "--bankgiro",
        "5050-1055",
        "--f-skatt",
    ])
    .assert_ok();
    let registers = tmp.path().join("registers.json");
    std::fs::write(
        &registers,
        r#"{"rooms": [{"key": "akut", "name": "Akutrummet", "acute": true, "beds": 3},
                      {"key": "r2", "name": "Rum 2", "acute": false, "beds": 4}]}"#,
    )
    .unwrap();
    cli.run(&["import", registers.to_str().unwrap()]).assert_ok();

    // Last night at 01:40 (a time that exists every night of the year), and 09:00 this morning
    // or yesterday morning, whichever has passed.
    let now = fristad_tests::now();
    let yesterday = swedish_date(now) - Duration::days(1);
    let arrived = format!("{yesterday} 01:40");
    let morning = format!("{yesterday} 09:00");
    let deadline = to_local_text(parse_time(&arrived).unwrap() + Duration::hours(48));

    cli.add_account("chef", "Testchef Ett", "admin");
    let w = Window::open(&dir, &[("FRISTAD_PASSPHRASE", PASSPHRASE)]).await;
    w.sign_in("chef", TEST_PASSWORD).await;
    w.find("#home-screen").await;
    assert!(w.text("#acute-room").await.contains(say("ledigt", "free")));
    w.click("#new-intake").await;

    // The intake form.
    w.find("#intake-screen").await;
    w.type_into("#f-arrived", &arrived).await;
    w.choose("#f-arrival_route", "polisen").await;
    w.choose("#f-transported_by", "polisen").await;
    w.type_into("#f-stays-0-name", "Anna").await;
    w.type_into("#f-stays-0-birth_year", "1990").await;
    w.click("#add-child").await;
    w.type_into("#f-stays-1-name", "Bo").await;
    w.type_into("#f-stays-1-birth_year", "2019").await;
    w.type_into("#f-reference", "RVE 26-017").await;
    w.choose("#f-violence", "nara_relation").await;
    w.choose("#f-assessment-by", "polisen").await;
    w.type_into("#f-assessment-at", &arrived).await;
    w.type_into("#f-assessment-conclusion", "Hög risk; behov av skyddat boende.")
        .await;
    // A first try without a reference would be refused; here everything is filled in.
    w.screenshot("21-intake-filled").await;
    w.click("#save-intake").await;

    // The placement page shows the acute clock's deadline.
    w.find("#placement-screen").await;
    let clock = w.wait_for_text("#acute-deadline", &deadline).await;
    assert!(
        clock.contains(say("kvar", "left")) || clock.contains(say("passerade", "ran out")),
        "{clock}"
    );
    assert!(w.text("#people-table").await.contains("Bo"));
    w.screenshot("22-placement-after-intake").await;

    // The older child arrives the next morning.
    w.click("details.add-child summary").await;
    w.type_into("#f-stay-name", "Cilla").await;
    w.type_into("#f-stay-birth_year", "2016").await;
    w.type_into("#f-stay-in", &morning).await;
    w.click("#add-child-form button[type='submit']").await;
    w.wait_for_text("#people-table", "Cilla").await;

    // The home screen lists the acute placement with its deadline, and who is here.
    w.click("#nav a[data-route='hem']").await;
    let listed = w.wait_for_text("#acute-clocks", "Anna").await;
    assert!(listed.contains(&deadline), "{listed}");
    assert!(listed.contains(say("inte kontaktad", "not been contacted")), "{listed}");
    assert_eq!(
        w.text("#present-counts").await,
        say("1 vuxen och 2 barn.", "1 adult and 2 children.")
    );
    assert!(w.text("#acute-room").await.contains(say("upptaget", "occupied")));
    w.screenshot("23-home-with-acute-clock").await;

    // Contact with Relationsvåldsenheten.
    w.click("#acute-clocks a").await;
    w.type_into("#rve-contact-form [name='by']", "EK").await;
    w.click("#rve-contact-form button[type='submit']").await;
    w.wait_for_text("#rve-contact", say("av EK", "by EK")).await;
    w.screenshot("24-rve-contacted").await;

    // The rooms board: three people in the acute room.
    w.click("#nav a[data-route='rum']").await;
    assert!(
        w.wait_for_text("#room-akut", say("3 av 3 sängar", "3 of 3 beds"))
            .await
            .contains(say("Upptaget", "Occupied"))
    );
    w.screenshot("25-rooms-full").await;

    // Bo moves to relatives; the board follows.
    w.client.back().await.unwrap();
    w.find("#people-table").await;
    w.click_xpath("//tr[th/a[text()='Bo']]//summary").await;
    w.click_xpath("//tr[th/a[text()='Bo']]//select[@name='destination']/option[@value='anhoriga']")
        .await;
    w.click_xpath("//tr[th/a[text()='Bo']]//button[@type='submit']").await;
    // Saved (the destination's name is in the open form's list already, so wait for the toast).
    w.wait_for_text("#toast", say("Bo är utflyttad", "Bo has moved out"))
        .await;
    w.wait_for_text("#people-table", say("Anhöriga eller vänner", "Relatives or friends"))
        .await;
    w.click("#nav a[data-route='rum']").await;
    w.wait_for_text("#room-akut", say("2 av 3 sängar", "2 of 3 beds")).await;

    // Then everyone else moves out together; the placement ends and the acute room is free.
    w.client.back().await.unwrap();
    w.find("#move-out-all").await;
    w.choose("#move-out-all select[name='destination']", "eget_boende")
        .await;
    w.click("#move-out-all button[type='submit']").await;
    w.wait_for_text("#placement-status", say("Avslutad", "Ended")).await;
    w.screenshot("26-placement-ended").await;
    w.click("#nav a[data-route='rum']").await;
    assert!(
        w.wait_for_text("#room-akut", say("0 av 3 sängar", "0 of 3 beds"))
            .await
            .contains(say("Ledigt", "Free"))
    );
    w.click("#nav a[data-route='hem']").await;
    w.wait_for_text("#acute-room", say("ledigt", "free")).await;
    w.screenshot("27-home-after").await;
    w.close().await;

    // The records, read back through fristad-cli.
    let data = cli.run(&["export", "--json"]).assert_ok().json();
    let p = &data["placements"][0];
    assert_eq!(p["stays"].as_array().unwrap().len(), 3);
    assert!(p["stays"].as_array().unwrap().iter().all(|s| !s["out"].is_null()));
    assert_eq!(p["rve"]["contacted_by"], "EK");
    assert_eq!(p["assessment"]["by"], "polisen");
}
