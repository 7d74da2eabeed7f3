//! A protected person's name in lists (issue 21): staff see the house, the placements, the rooms
//! and a search without her name, birth date or personnummer, and find her only by her key; a
//! manager sees every name. Every person is synthetic.

use fristad::accounts::{Account, Role};
use fristad::clock::parse_time;
use fristad::data_dir::DataDir;
use fristad::exchange;
use fristad::people::{self, Names};
use fristad::placements::views;
use fristad::secret::Secret;
use fristad::setup::{KeyChoice, create};
use fristad::text::Lang;

const FILE: &str = r#"{
 "municipalities": [{"key": "boras", "name": "Borås Stad", "org_number": "212000-1561", "price_class": "iop",
   "acute_clause": true, "address": "Box 1, 501 80 Borås", "buyer_reference": "YY123"}],
 "rooms": [{"key": "r1", "name": "Rum 1", "acute": false, "beds": 4}],
 "placements": [
  {"key": "P1", "municipality": "boras", "acute": false, "reference": "A", "violence": "nara_relation", "room": "r1",
   "stays": [{"person": "W1", "name": "Testkvinna Skyddad", "category": "adult", "personal_number": "19900101-0017",
              "protected_identity": true, "in": "2026-03-01T22:15"}]},
  {"key": "P2", "municipality": "boras", "acute": false, "reference": "B", "violence": "nara_relation", "room": "r1",
   "stays": [{"person": "W2", "name": "Testkvinna Öppen", "category": "adult", "birth_year": 1985,
              "in": "2026-03-02T10:00"}]}]
}"#;

fn account(role: Role) -> Account {
    Account {
        id: 1,
        username: "t".into(),
        display_name: "T".into(),
        role,
        disabled: false,
    }
}

#[test]
fn staff_lists_leave_out_a_protected_persons_name_and_find_her_only_by_her_key() {
    let dir = tempfile::tempdir().unwrap();
    let now = parse_time("2026-03-05 12:00").unwrap();
    let mut store = create(
        &DataDir::new(dir.path().join("data")),
        None,
        KeyChoice::Passphrase(Secret::new("x".into())),
        "test",
        now,
    )
    .unwrap()
    .store;
    let file = exchange::parse(FILE, Lang::Sv).unwrap();
    exchange::import(&mut store, &file, now, "test", Lang::Sv).unwrap();
    let conn = store.conn();
    let today = now.date_naive();
    let staff = Names::for_account(&account(Role::Staff));
    assert_eq!(staff, Names::ProtectedHidden);
    assert_eq!(Names::for_account(&account(Role::Manager)), Names::All);

    // The placements and the house now.
    let listed = |names| -> Vec<(String, String, bool)> {
        let mut rows: Vec<_> = views::summaries(conn, now, names)
            .unwrap()
            .into_iter()
            .map(|s| (s.key, s.adult_name, s.adult_protected))
            .collect();
        rows.sort();
        rows
    };
    assert_eq!(
        listed(staff),
        [
            ("P1".into(), "".into(), true),
            ("P2".into(), "Testkvinna Öppen".into(), false)
        ]
    );
    assert_eq!(listed(Names::All)[0].1, "Testkvinna Skyddad");
    let house = views::now(conn, now, staff).unwrap();
    assert!(house.present.iter().all(|p| p.adult_name != "Testkvinna Skyddad"));
    assert_eq!(house.present.len(), 2);

    // The rooms.
    let board = views::rooms_board(conn, now, staff).unwrap();
    let mut names: Vec<String> = board[0].placements.iter().flat_map(|p| p.names.clone()).collect();
    names.sort();
    assert_eq!(names, ["", "Testkvinna Öppen"]);

    // A search: by name, personnummer or birth year she is not found; by her key she is, unnamed.
    for query in ["Skyddad", "19900101-0017", "1990", "Testkvinna"] {
        let found = people::search_listed(conn, query, today, staff).unwrap();
        assert!(found.iter().all(|p| p.key != "W1"), "{query} found her");
    }
    let by_key = people::search_listed(conn, "w1", today, staff).unwrap();
    assert_eq!(by_key.len(), 1);
    assert_eq!((by_key[0].name.as_str(), &by_key[0].personal_number), ("", &None));
    let everyone = people::search_listed(conn, "", today, staff).unwrap();
    assert_eq!(everyone.len(), 2);
    assert!(
        everyone
            .iter()
            .all(|p| p.name != "Testkvinna Skyddad" && p.personal_number.is_none())
    );

    // A manager sees her.
    let found = people::search_listed(conn, "Skyddad", today, Names::All).unwrap();
    assert_eq!(found[0].name, "Testkvinna Skyddad");
}
