//! Stories of a shelter's days, through the core against a real encrypted store: intake at
//! night, a child arriving later, moving out, a returning woman, the acute clock across daylight
//! saving, and every rule that refuses a wrong record (with nothing half-saved).
//! Every person here is synthetic.

use chrono::{DateTime, Utc};
use fristad::clock::parse_time;
use fristad::data_dir::DataDir;
use fristad::people::Names;
use fristad::placements::acute::ClockState;
use fristad::placements::views;
use fristad::placements::{self, Category, Destination, PlacementInput, RveDecision, StayInput, Violence};
use fristad::registers::rooms::{self, Room};
use fristad::secret::Secret;
use fristad::setup::{KeyChoice, create};
use fristad::store::Store;

fn t(local: &str) -> DateTime<Utc> {
    parse_time(local).unwrap()
}

struct Shelter {
    _dir: tempfile::TempDir,
    store: Store,
}

fn shelter() -> Shelter {
    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::new(dir.path().join("data"));
    let mut store = create(
        &data,
        None,
        KeyChoice::Passphrase(Secret::new("x".into())),
        "test",
        t("2026-01-01 08:00"),
    )
    .unwrap()
    .store;
    store
        .write(|tx| {
            rooms::save(
                tx,
                &Room {
                    key: "akut".into(),
                    name: "Akutrummet".into(),
                    acute: true,
                    beds: 3,
                    closures: vec![],
                },
            )?;
            rooms::save(
                tx,
                &Room {
                    key: "r2".into(),
                    name: "Rum 2".into(),
                    acute: false,
                    beds: 4,
                    closures: vec![],
                },
            )?;
            Ok(())
        })
        .unwrap();
    Shelter { _dir: dir, store }
}

fn stay(person: &str, name: &str, category: Category, birth_year: i32, in_at: &str) -> StayInput {
    StayInput {
        person: Some(person.into()),
        name: Some(name.into()),
        birth_year: Some(birth_year),
        category,
        in_at: in_at.into(),
        ..StayInput::default()
    }
}

fn intake(key: &str, stays: Vec<StayInput>) -> PlacementInput {
    PlacementInput {
        key: Some(key.into()),
        municipality: "boras".into(),
        reference: "RVE 26-017".into(),
        acute: true,
        room: Some("akut".into()),
        violence: Violence::CloseRelationship,
        stays,
        ..PlacementInput::default()
    }
}

impl Shelter {
    fn save(&mut self, input: &PlacementInput, now: &str) -> fristad::Result<placements::save::Saved> {
        let now = t(now);
        self.store.write(|tx| placements::save(tx, input, now, "test"))
    }

    fn placement(&self, key: &str) -> placements::Placement {
        views::load(self.store.conn(), key).unwrap().unwrap().1
    }

    fn export(&self) -> String {
        serde_json::to_string(&fristad::exchange::export(&self.store).unwrap()).unwrap()
    }

    /// A refused write: the expected field, and nothing changed.
    #[track_caller]
    fn refused(&mut self, input: &PlacementInput, now: &str, field: &str, message_part: &str) {
        let before = self.export();
        let err = self.save(input, now).unwrap_err();
        assert_eq!(err.field.as_deref(), Some(field), "{}", err.message);
        assert!(
            err.message.contains(message_part),
            "«{message_part}» not in: {}",
            err.message
        );
        assert_eq!(self.export(), before, "a refused write must change nothing");
        // Messages name people by key only: never by what was typed about them.
        let names = fristad::people::list(self.store.conn())
            .unwrap()
            .into_iter()
            .map(|p| p.name)
            .chain(input.stays.iter().filter_map(|s| s.name.clone()))
            .filter(|n| !n.trim().is_empty());
        for name in names {
            assert!(!err.message.contains(&name), "a name in the message: {}", err.message);
        }
    }
}

#[test]
fn a_night_intake_with_a_child_arriving_next_morning_then_moving_out_one_by_one() {
    let mut s = shelter();
    // 02:40: a woman and her younger child arrive with the police.
    let mut input = intake(
        "P1",
        vec![
            stay("W1", "Anna", Category::Adult, 1990, "2026-03-01 02:40"),
            stay("C1", "Bo", Category::Child, 2019, "2026-03-01 02:40"),
        ],
    );
    input.arrival_route = placements::ArrivalRoute::Police;
    input.transported_by = placements::Transport::Police;
    s.save(&input, "2026-03-01 02:55").unwrap();

    let house = views::now(s.store.conn(), t("2026-03-01 03:00"), Names::All).unwrap();
    assert_eq!((house.adults_present, house.children_present), (1, 1));
    assert_eq!(house.acute_room_free, Some(false));
    let clock = &house.acute_clocks[0].clock.as_ref().unwrap();
    assert_eq!(fristad::clock::to_local_text(clock.deadline), "2026-03-03 02:40");
    assert_eq!(clock.state, ClockState::Running);

    // 09:00: the older child arrives.
    s.store
        .write(|tx| {
            placements::add_stay(
                tx,
                "P1",
                stay("C2", "Cilla", Category::Child, 2016, "2026-03-01 09:00"),
                t("2026-03-01 09:05"),
                "test",
            )
        })
        .unwrap();
    let p = s.placement("P1");
    assert_eq!(p.stays.len(), 3);
    assert_eq!(
        p.arrived,
        t("2026-03-01 02:40"),
        "a later child does not move the arrival"
    );
    let house = views::now(s.store.conn(), t("2026-03-01 09:10"), Names::All).unwrap();
    assert_eq!((house.adults_present, house.children_present), (1, 2));

    // Contact with Relationsvåldsenheten the next morning, decision the day after.
    s.store
        .write(|tx| placements::record_rve_contact(tx, "P1", "2026-03-02 08:30", "EK", t("2026-03-02 08:35"), "test"))
        .unwrap();
    let warned = views::now(s.store.conn(), t("2026-03-02 15:00"), Names::All).unwrap();
    assert_eq!(
        warned.acute_clocks[0].clock.as_ref().unwrap().state,
        ClockState::Warning
    );
    s.store
        .write(|tx| {
            placements::record_rve_decision(
                tx,
                "P1",
                RveDecision::ContinuedHere,
                "2026-03-02 16:00",
                t("2026-03-02 16:05"),
                "test",
            )
        })
        .unwrap();
    assert!(
        views::now(s.store.conn(), t("2026-03-02 16:10"), Names::All)
            .unwrap()
            .acute_clocks
            .is_empty()
    );

    // The older child moves to relatives; later everyone else moves out together.
    s.store
        .write(|tx| {
            placements::move_out(
                tx,
                "P1",
                &["C2".into()],
                "2026-03-05 12:00",
                Destination::RelativesOrFriends,
                t("2026-03-05 12:00"),
                "test",
            )
        })
        .unwrap();
    let board = views::rooms_board(s.store.conn(), t("2026-03-05 13:00"), Names::All).unwrap();
    assert_eq!(board.iter().find(|r| r.key == "akut").unwrap().occupied, 2);
    let moved = s
        .store
        .write(|tx| {
            placements::move_out(
                tx,
                "P1",
                &[],
                "2026-03-08 10:00",
                Destination::OwnHome,
                t("2026-03-08 11:00"),
                "test",
            )
        })
        .unwrap();
    assert_eq!(moved, vec!["W1".to_owned(), "C1".to_owned()]);
    let board = views::rooms_board(s.store.conn(), t("2026-03-08 11:00"), Names::All).unwrap();
    let akut = board.iter().find(|r| r.key == "akut").unwrap();
    assert_eq!((akut.occupied, akut.free), (0, true));
    let p = s.placement("P1");
    assert!(p.ended_by(t("2026-03-08 11:00")));
    assert_eq!(
        p.stays.iter().find(|s| s.person == "C2").unwrap().destination,
        Some(Destination::RelativesOrFriends)
    );

    // Moving out again is refused; undoing a move-out needs a reason and is kept as a correction.
    let err = s
        .store
        .write(|tx| {
            placements::move_out(
                tx,
                "P1",
                &["W1".into()],
                "2026-03-08 12:00",
                Destination::OwnHome,
                t("2026-03-08 12:00"),
                "test",
            )
        })
        .unwrap_err();
    assert!(err.message.contains("redan flyttat ut"), "{}", err.message);
    let err = s
        .store
        .write(|tx| placements::undo_move_out(tx, "P1", "C1", " ", t("2026-03-08 12:00"), "test"))
        .unwrap_err();
    assert_eq!(err.field.as_deref(), Some("reason"));
    s.store
        .write(|tx| {
            placements::undo_move_out(
                tx,
                "P1",
                "C1",
                "Felregistrerad: Bo bor kvar",
                t("2026-03-08 12:00"),
                "test",
            )
        })
        .unwrap();
    let view = views::view(s.store.conn(), "P1", t("2026-03-08 12:01")).unwrap();
    assert_eq!(view.corrections.len(), 1);
    assert_eq!(view.corrections[0].reason, "Felregistrerad: Bo bor kvar");
    assert!(view.people.iter().find(|p| p.person.key == "C1").unwrap().present);
}

#[test]
fn a_returning_woman_is_the_same_person_across_placements() {
    let mut s = shelter();
    let mut first = intake(
        "P1",
        vec![stay("W1", "Anna", Category::Adult, 1990, "2026-02-01 20:00")],
    );
    first.stays[0].personal_number = Some("19900101-0017".into());
    first.stays[0].out_at = Some("2026-02-10 10:00".into());
    s.save(&first, "2026-02-11 08:00").unwrap();

    // She comes back in May; staff type her personnummer and no key: she is found, not duplicated.
    let mut again = intake(
        "P2",
        vec![StayInput {
            personal_number: Some("900101-0017".into()),
            category: Category::Adult,
            in_at: "2026-05-03 23:10".into(),
            ..StayInput::default()
        }],
    );
    again.acute = false;
    s.save(&again, "2026-05-03 23:30").unwrap();
    assert_eq!(s.placement("P2").stays[0].person, "W1");
    assert_eq!(fristad::people::list(s.store.conn()).unwrap().len(), 1);
    let found = fristad::people::search(s.store.conn(), "anna", t("2026-05-04 00:00").date_naive()).unwrap();
    assert_eq!(found.len(), 1);

    // Her personnummer typed with another name renames nobody: it is refused, naming her key.
    let mut mixed_up = intake(
        "P4",
        vec![StayInput {
            personal_number: Some("900101-0017".into()),
            name: Some("Annika".into()),
            category: Category::Adult,
            in_at: "2026-07-03 23:10".into(),
            ..StayInput::default()
        }],
    );
    mixed_up.acute = false;
    s.refused(
        &mixed_up,
        "2026-07-03 23:30",
        "stays.0.personal_number",
        "finns redan hos person W1, men med ett annat namn",
    );
    assert_eq!(
        fristad::people::by_key(s.store.conn(), "W1").unwrap().unwrap().1.name,
        "Anna"
    );

    // A new person with the same personnummer under another key is refused.
    let mut dup = intake(
        "P3",
        vec![stay("W9", "Anna", Category::Adult, 1990, "2026-06-01 10:00")],
    );
    dup.stays[0].personal_number = Some("19900101-0017".into());
    s.refused(
        &dup,
        "2026-06-01 11:00",
        "stays.0.personal_number",
        "finns redan hos person W1",
    );
}

#[test]
fn every_write_time_rule_refuses_with_the_field_and_saves_nothing() {
    let mut s = shelter();
    s.save(
        &intake(
            "P1",
            vec![stay("W1", "Anna", Category::Adult, 1990, "2026-03-01 22:15")],
        ),
        "2026-03-02 08:00",
    )
    .unwrap();

    // No person in two stays that overlap.
    let overlap = intake(
        "P2",
        vec![stay("W1", "Anna", Category::Adult, 1990, "2026-03-03 10:00")],
    );
    s.refused(&overlap, "2026-03-04 08:00", "stays.0.in", "bor redan i placering P1");

    // Out after in.
    let mut backwards = intake(
        "P3",
        vec![stay("W2", "Dana", Category::Adult, 1985, "2026-03-03 10:00")],
    );
    backwards.stays[0].out_at = Some("2026-03-03 09:00".into());
    s.refused(
        &backwards,
        "2026-03-04 08:00",
        "stays.0.out",
        "måste vara efter inflyttningen",
    );

    // No move-out (and no move-in) in the future.
    let mut future_out = intake(
        "P3",
        vec![stay("W2", "Dana", Category::Adult, 1985, "2026-03-03 10:00")],
    );
    future_out.stays[0].out_at = Some("2026-03-09 09:00".into());
    s.refused(
        &future_out,
        "2026-03-04 08:00",
        "stays.0.out",
        "kan inte ligga i framtiden",
    );
    let future_in = intake(
        "P3",
        vec![stay("W2", "Dana", Category::Adult, 1985, "2026-03-05 10:00")],
    );
    s.refused(
        &future_in,
        "2026-03-04 08:00",
        "stays.0.in",
        "kan inte ligga i framtiden",
    );

    // A person's stay inside her placement: not before its arrival.
    let mut early = intake(
        "P3",
        vec![
            stay("W2", "Dana", Category::Adult, 1985, "2026-03-03 10:00"),
            stay("C2", "Eli", Category::Child, 2020, "2026-03-03 08:00"),
        ],
    );
    early.arrived = Some("2026-03-03 10:00".into());
    s.refused(&early, "2026-03-04 08:00", "stays.1.in", "före placeringens ankomst");

    // A child is not the adult of a placement; a placement has exactly one adult.
    let child_adult = intake("P3", vec![stay("C3", "Fia", Category::Adult, 2015, "2026-03-03 10:00")]);
    s.refused(&child_adult, "2026-03-04 08:00", "stays.0.category", "under 18 år");
    let no_adult = intake("P3", vec![stay("C3", "Fia", Category::Child, 2015, "2026-03-03 10:00")]);
    s.refused(&no_adult, "2026-03-04 08:00", "stays", "behöver en vuxen");
    let two_adults = intake(
        "P3",
        vec![
            stay("W2", "Dana", Category::Adult, 1985, "2026-03-03 10:00"),
            stay("W3", "Gun", Category::Adult, 1960, "2026-03-03 10:00"),
        ],
    );
    s.refused(&two_adults, "2026-03-04 08:00", "stays", "har en vuxen");
    let twice = intake(
        "P3",
        vec![
            stay("W2", "Dana", Category::Adult, 1985, "2026-03-03 10:00"),
            stay("W2", "Dana", Category::Child, 1985, "2026-03-03 10:00"),
        ],
    );
    s.refused(
        &twice,
        "2026-03-04 08:00",
        "stays.1.person",
        "finns redan i placeringen",
    );

    // Required fields, and registers that must know what is named.
    let mut no_reference = intake(
        "P3",
        vec![stay("W2", "Dana", Category::Adult, 1985, "2026-03-03 10:00")],
    );
    no_reference.reference = " ".into();
    s.refused(
        &no_reference,
        "2026-03-04 08:00",
        "reference",
        "Ange kommunens referens",
    );
    let mut unknown_municipality = intake(
        "P3",
        vec![stay("W2", "Dana", Category::Adult, 1985, "2026-03-03 10:00")],
    );
    unknown_municipality.municipality = "ingenstans".into();
    s.refused(
        &unknown_municipality,
        "2026-03-04 08:00",
        "municipality",
        "ingen kommun",
    );
    let mut unknown_room = intake(
        "P3",
        vec![stay("W2", "Dana", Category::Adult, 1985, "2026-03-03 10:00")],
    );
    unknown_room.room = Some("vind".into());
    s.refused(&unknown_room, "2026-03-04 08:00", "room", "inget rum");
    let nameless = intake(
        "P3",
        vec![StayInput {
            person: Some("W4".into()),
            category: Category::Adult,
            in_at: "2026-03-03 10:00".into(),
            ..StayInput::default()
        }],
    );
    s.refused(&nameless, "2026-03-04 08:00", "stays.0.name", "Ange ett namn");
    let no_one = intake("P3", vec![]);
    s.refused(&no_one, "2026-03-04 08:00", "stays", "minst en person");
    let mut bad_time = intake(
        "P3",
        vec![stay("W2", "Dana", Category::Adult, 1985, "2026-03-29 02:30")],
    );
    bad_time.acute = false;
    s.refused(&bad_time, "2026-03-30 08:00", "stays.0.in", "finns inte i svensk tid");
    let mut bad_pnr = intake(
        "P3",
        vec![stay("W2", "Dana", Category::Adult, 1985, "2026-03-03 10:00")],
    );
    bad_pnr.stays[0].personal_number = Some("19850101-0000".into());
    s.refused(
        &bad_pnr,
        "2026-03-04 08:00",
        "stays.0.personal_number",
        "kontrollsiffran",
    );

    // Half-open stays: moving out at 10:00 and into another placement at 10:00 is fine.
    s.store
        .write(|tx| {
            placements::move_out(
                tx,
                "P1",
                &[],
                "2026-03-05 10:00",
                Destination::ProtectedElsewhere,
                t("2026-03-05 10:00"),
                "test",
            )
        })
        .unwrap();
    s.save(
        &intake(
            "P4",
            vec![stay("W1", "Anna", Category::Adult, 1990, "2026-03-05 10:00")],
        ),
        "2026-03-05 10:30",
    )
    .unwrap();
    // …and undoing the first move-out would now overlap, so it is refused.
    let err = s
        .store
        .write(|tx| placements::undo_move_out(tx, "P1", "W1", "prov", t("2026-03-05 11:00"), "test"))
        .unwrap_err();
    assert!(err.message.contains("bor redan i placering P4"), "{}", err.message);
}

#[test]
fn the_48_hour_warning_across_the_changes_to_and_from_daylight_saving_time() {
    let mut s = shelter();
    // Spring: arrival Saturday 28 March 22:00 (winter time); clocks go forward that night.
    s.save(
        &intake(
            "P1",
            vec![stay("W1", "Anna", Category::Adult, 1990, "2026-03-28 22:00")],
        ),
        "2026-03-28 22:05",
    )
    .unwrap();
    let clock_at = |s: &Shelter, key: &str, now: &str| {
        let p = s.placement(key);
        placements::acute::clock(&p, t(now)).unwrap()
    };
    let c = clock_at(&s, "P1", "2026-03-30 10:59");
    assert_eq!(fristad::clock::to_local_text(c.deadline), "2026-03-30 23:00");
    assert_eq!((c.state, c.minutes_left), (ClockState::Running, 12 * 60 + 1));
    assert_eq!(clock_at(&s, "P1", "2026-03-30 11:00").state, ClockState::Warning);
    assert_eq!(clock_at(&s, "P1", "2026-03-30 23:01").state, ClockState::Overdue);

    // Autumn: arrival Saturday 24 October 22:00 (summer time); clocks go back that night.
    s.save(
        &intake(
            "P2",
            vec![stay("W2", "Dana", Category::Adult, 1985, "2026-10-24 22:00")],
        ),
        "2026-10-24 22:05",
    )
    .unwrap();
    let c = clock_at(&s, "P2", "2026-10-26 08:59");
    assert_eq!(fristad::clock::to_local_text(c.deadline), "2026-10-26 21:00");
    assert_eq!(c.state, ClockState::Running);
    assert_eq!(clock_at(&s, "P2", "2026-10-26 09:00").state, ClockState::Warning);
    assert_eq!(clock_at(&s, "P2", "2026-10-26 21:01").state, ClockState::Overdue);
    // The home screen lists the overdue one first.
    let house = views::now(s.store.conn(), t("2026-10-26 21:30"), Names::All).unwrap();
    assert_eq!(
        house.acute_clocks.iter().map(|p| p.key.as_str()).collect::<Vec<_>>(),
        vec!["P1", "P2"]
    );
}

#[test]
fn export_then_import_into_an_empty_store_gives_the_same_export() {
    let mut s = shelter();
    s.save(
        &intake(
            "P1",
            vec![
                stay("W1", "Anna", Category::Adult, 1990, "2026-03-01 22:15"),
                stay("C1", "Bo", Category::Child, 2019, "2026-03-02 09:00"),
            ],
        ),
        "2026-03-02 10:00",
    )
    .unwrap();
    s.store
        .write(|tx| {
            let note = fristad::journal::NoteInput {
                placement: Some("P1".into()),
                author: "EK".into(),
                body: "Ankom med polis.".into(),
                ..Default::default()
            };
            let first = fristad::journal::add(tx, &note, t("2026-03-02 10:05"))?;
            let fix = fristad::journal::NoteInput {
                corrects: Some(first),
                body: "Ankom med sociala jouren.".into(),
                ..note
            };
            fristad::journal::add(tx, &fix, t("2026-03-02 10:06"))?;
            fristad::concerns::add(
                tx,
                &fristad::concerns::ConcernReport {
                    person: "C1".into(),
                    placement: Some("P1".into()),
                    reported_on: chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
                    recipient: "Socialtjänsten".into(),
                    method: fristad::concerns::Method::Skriftligt,
                    author: "EK".into(),
                },
                chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
            )?;
            // The request that led to P1, which the other store knows by its key.
            fristad::requests::add(
                tx,
                &fristad::requests::Request {
                    date: chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
                    from: fristad::requests::Asker::SocialServices,
                    adults: 1,
                    children: 2,
                    outcome: Some(fristad::requests::Outcome::Placed),
                    reason: None,
                    referred_to: String::new(),
                    placement: Some("P1".into()),
                    note: String::new(),
                    struck: None,
                },
                chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
            )?;
            Ok(())
        })
        .unwrap();
    let exported = fristad::exchange::export(&s.store).unwrap();
    let mut other = shelter();
    let changes = fristad::exchange::import(
        &mut other.store,
        &exported,
        t("2026-03-03 08:00"),
        "test",
        fristad::text::Lang::Sv,
    )
    .unwrap();
    assert!(changes.placements == 1 && changes.journal == 2 && changes.concern_reports == 1 && changes.requests == 1);
    assert_eq!(other.export(), s.export());
    // And again: nothing changes.
    let again = fristad::exchange::import(
        &mut other.store,
        &exported,
        t("2026-03-03 08:00"),
        "test",
        fristad::text::Lang::Sv,
    )
    .unwrap();
    assert_eq!(again.total(), 0);
    assert_eq!(other.export(), s.export());
}
