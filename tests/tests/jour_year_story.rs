//! Issue 22, "Done when": the whole jour's year 2025, counted by hand, through fristad-cli against
//! real stores. Support contacts, every request for a place, genders, a woman waiting for housing,
//! the children's rights and the organisation's year, checked number by number in the JSON, the
//! PDF (the verksamhetsberättelse's figures) and the XLSX; any period; the checks before a report;
//! and two shelters' federation files added up, with no key, name or small count in them. Every
//! person is synthetic.

use calamine::{Data, Reader, Xlsx};
use fristad_tests::{Cli, pdf_text};
use serde_json::{Value, json};

/// 2025 at the first shelter, with one contact and an old-format refused request in 2024.
///
/// - P1 (Borås): W1, a woman, with a girl C1 and a boy C2, 10 January 12:00 to 1 March 10:00:
///   50 nights each. W1 is ready to move out from 20 February: 9 nights waiting (20–28 Feb).
///   C1 has her decision, school from 15 Jan, a health examination on 20 Jan and her own
///   conversation on 22 Jan: all within two weeks (by 24 Jan). C2 has no decision, his own
///   conversation on 12 Jan and school from 3 Feb (late), no health examination.
/// - P2 (Ulricehamn, which has no reference code for invoices): W2, a man, 1–11 June: 10
///   nights; no YY-kod of its own either, no destination.
/// - P3: W3, gender not given, from 20 November and still here: 42 nights in 2025.
const FILE: &str = r#"{
 "municipalities": [{"key": "boras", "name": "Borås Stad", "org_number": "212000-1561", "price_class": "iop",
   "acute_clause": true, "address": "Box 1, 501 80 Borås", "buyer_reference": "YY123"},
  {"key": "ulricehamn", "name": "Ulricehamns kommun", "org_number": "212000-1553", "price_class": "standard",
   "acute_clause": false, "address": "Box 3, 523 86 Ulricehamn"}],
 "placements": [
  {"key": "P1", "municipality": "boras", "acute": false, "reference": "A", "violence": "nara_relation",
   "stays": [{"person": "W1", "name": "Testkvinna Ett", "gender": "kvinna", "category": "adult", "birth_year": 1990,
              "in": "2025-01-10T12:00", "out": "2025-03-01T10:00", "destination": "eget_boende",
              "ready_to_move": "2025-02-20"},
             {"person": "C1", "name": "Testflicka", "gender": "flicka", "category": "child", "birth_year": 2016,
              "in": "2025-01-10T12:00", "out": "2025-03-01T10:00", "destination": "eget_boende",
              "decision_reference": "BoU 25-1", "school_from": "2025-01-15", "health_offered_on": "2025-01-20",
              "own_conversation_on": "2025-01-22"},
             {"person": "C2", "name": "Testpojke", "gender": "pojke", "category": "child", "birth_year": 2012,
              "in": "2025-01-10T12:00", "out": "2025-03-01T10:00", "destination": "eget_boende",
              "school_from": "2025-02-03", "own_conversation_on": "2025-01-12"}]},
  {"key": "P2", "municipality": "ulricehamn", "acute": false, "reference": "B", "violence": "nara_relation",
   "stays": [{"person": "W2", "name": "Testman", "gender": "man", "category": "adult", "birth_year": 1985,
              "in": "2025-06-01T12:00", "out": "2025-06-11T10:00"}]},
  {"key": "P3", "municipality": "boras", "acute": false, "reference": "C", "violence": "heder",
   "stays": [{"person": "W3", "name": "Testperson Tre", "category": "adult", "birth_year": 1995,
              "in": "2025-11-20T12:00"}]}],
 "support_contacts": [
  {"date": "2025-02-01", "channel": "telefon", "group": "kvinna", "topics": ["psykiskt_vald"], "minutes": 20, "by": "personal", "person": "K1"},
  {"date": "2025-02-03", "channel": "chatt", "group": "tjej", "topics": ["digitalt_vald", "psykiskt_vald"], "minutes": 30, "by": "volontar", "person": "K1"},
  {"date": "2025-03-10", "channel": "telefon", "group": "narstaende", "topics": ["vardnad_umgange"], "by": "personal"},
  {"date": "2025-04-01", "channel": "sms", "group": "kvinna", "topics": [], "minutes": 5, "by": "volontar", "person": "K2"},
  {"date": "2024-12-30", "channel": "telefon", "group": "okand", "topics": ["annat"], "by": "personal"}],
 "requests": [
  {"date": "2025-01-05", "from": "socialtjansten", "adults": 1, "children": 2, "outcome": "nekad", "reason": "fullt"},
  {"date": "2025-01-09", "from": "polisen", "adults": 1, "children": 0, "outcome": "placerad", "placement": "P1"},
  {"date": "2025-03-03", "from": "sjalv", "adults": 1, "children": 1, "outcome": "nekad", "reason": "tonarsson",
   "referred_to": "Jouren i grannkommunen"},
  {"date": "2025-05-05", "from": "annan_jour", "adults": 1, "children": 3, "outcome": "hanvisad", "reason": "sakerhet"},
  {"date": "2025-08-08", "from": "socialtjansten", "adults": 2, "children": 0, "outcome": "nekad", "reason": "fullt"},
  {"date": "2025-12-30", "from": "socialtjansten", "adults": 1, "children": 0}],
 "refused_requests": [{"requested_on": "2024-11-01", "women": 2, "children": 1}]
}"#;

/// 2025 at a second shelter: one woman, 5 nights; three support contacts; two refusals.
const SECOND: &str = r#"{
 "municipalities": [{"key": "alingsas", "name": "Alingsås kommun", "org_number": "212000-1512", "price_class": "standard",
   "acute_clause": false, "address": "Box 2, 441 81 Alingsås", "buyer_reference": "YY9"}],
 "placements": [
  {"key": "Q1", "municipality": "alingsas", "acute": false, "reference": "X", "violence": "nara_relation",
   "stays": [{"person": "V1", "name": "Testkvinna Två", "gender": "kvinna", "category": "adult", "birth_year": 1980,
              "in": "2025-04-01T12:00", "out": "2025-04-06T10:00", "destination": "anhoriga"}]}],
 "support_contacts": [
  {"date": "2025-02-02", "channel": "telefon", "group": "kvinna", "topics": ["fysiskt_vald"], "minutes": 15, "by": "personal"},
  {"date": "2025-02-05", "channel": "telefon", "group": "kvinna", "topics": ["fysiskt_vald"], "minutes": 25, "by": "personal"},
  {"date": "2025-09-09", "channel": "mejl", "group": "yrkesperson", "topics": ["boende"], "by": "personal"}],
 "requests": [
  {"date": "2025-02-01", "from": "socialtjansten", "adults": 1, "children": 1, "outcome": "nekad", "reason": "fullt"},
  {"date": "2025-07-01", "from": "polisen", "adults": 1, "children": 0, "outcome": "nekad", "reason": "missbruk"}]
}"#;

fn store(tmp: &std::path::Path, passphrase: &str, file: &str) -> Cli {
    let dir = tmp.join(passphrase);
    let cli = Cli::with_passphrase(&dir, passphrase);
    cli.run(&[&["init"][..], &fristad_tests::SYNTHETIC_ORG[..]].concat())
        .assert_ok();
    let path = tmp.join(format!("{passphrase}.json"));
    std::fs::write(&path, file).unwrap();
    cli.run(&["import", path.to_str().unwrap()]).assert_ok();
    cli
}

fn first(tmp: &std::path::Path) -> Cli {
    let cli = store(tmp, "första jouren", FILE);
    cli.run(&[
        "year",
        "set",
        "--year",
        "2025",
        "--staff-fte",
        "4,5",
        "--volunteers",
        "12",
        "--volunteer-hours",
        "800",
        "--ivo-places",
        "2",
    ])
    .assert_ok();
    cli
}

#[test]
fn the_jours_year_counted_by_hand_in_the_json_the_pdf_and_the_xlsx() {
    let tmp = tempfile::tempdir().unwrap();
    let cli = first(tmp.path());
    let r = cli
        .run(&["report", "yearly", "--year", "2025", "--json"])
        .assert_ok()
        .json();

    // The residents: W1, W2, W3 and C1, C2; by gender as recorded.
    let i = &r["individuals"];
    assert_eq!([&i["adults"], &i["children"], &i["total"]], [3, 2, 5]);
    assert_eq!(
        i["adults_by_gender"],
        json!({"kvinna": 1, "man": 1, "transperson": 0, "annan": 0, "ej_angivet": 1})
    );
    assert_eq!(
        i["children_by_gender"],
        json!({"flicka": 1, "pojke": 1, "annan": 0, "ej_angivet": 0})
    );
    // Nights: W1 50 + W2 10 + W3 42 = 102 adults', C1 50 + C2 50 = 100 children's; W1's
    // nights from 20 February to 28 February waiting for housing.
    let n = &r["nights"];
    assert_eq!([&n["adults"], &n["children"], &n["total"]], [102, 100, 202]);
    assert_eq!(n["waiting_for_housing"], 9);

    // Support: four contacts; K1 twice, K2 once, one anonymous.
    let s = &r["support"];
    assert_eq!([&s["contacts"], &s["individuals"], &s["anonymous_contacts"]], [4, 2, 1]);
    assert_eq!(
        s["by_channel"],
        json!({"telefon": 2, "chatt": 1, "sms": 1, "mejl": 0, "besok": 0, "samtal": 0, "grupp": 0})
    );
    assert_eq!(
        s["by_group"],
        json!({"kvinna": 2, "tjej": 1, "man": 0, "transperson": 0, "narstaende": 1, "yrkesperson": 0, "okand": 0})
    );
    assert_eq!(
        [
            &s["by_topic"]["psykiskt_vald"],
            &s["by_topic"]["digitalt_vald"],
            &s["by_topic"]["vardnad_umgange"]
        ],
        [2, 1, 1]
    );
    assert_eq!([&s["minutes"], &s["by_volunteers"]], [55, 2]);

    // Requests: six; one placed, three refused (1 + 1 + 2 adults, 2 + 1 + 0 children), one
    // referred, one not decided; 3 refused of 5 decided.
    let q = &r["requests"];
    assert_eq!(
        [
            &q["total"],
            &q["adults"],
            &q["children"],
            &q["placed"],
            &q["refused"],
            &q["referred"],
            &q["withdrawn"],
            &q["pending"],
            &q["refused_adults"],
            &q["refused_children"]
        ],
        [6, 7, 6, 1, 3, 1, 0, 1, 4, 3]
    );
    assert_eq!(
        q["refused_by_reason"],
        json!({"fullt": 2, "missbruk": 0, "tillganglighet": 0, "tonarsson": 1, "sakerhet": 0,
               "utanfor_malgrupp": 0, "annat": 0})
    );
    assert_eq!(
        q["by_from"],
        json!({"socialtjansten": 3, "polisen": 1, "sjalv": 1, "annan_jour": 1, "annat": 0})
    );
    assert_eq!(q["refused_percent"], 60.0);

    // The children's rights: C1 all within two weeks; C2 without a decision, school late, no
    // health examination.
    assert_eq!(
        r["children_rights"],
        json!({"children": 2, "with_decision": 1, "school": 2, "health_offered": 1, "own_conversation": 2,
               "not_within_14_days": 1})
    );
    // The organisation: as entered; three people a night for 50 nights, over the permit's two.
    assert_eq!(
        r["organisation"],
        json!({"staff_fte": 4.5, "volunteers": 12, "volunteer_hours": 800, "ivo_places": 2, "most_present": 3,
               "nights_over_permit": 50})
    );

    // The year before: one contact, the old log's refusal, nothing else of this.
    let before = cli
        .run(&["report", "yearly", "--year", "2024", "--json"])
        .assert_ok()
        .json();
    assert_eq!(before["support"]["contacts"], 1);
    assert_eq!(
        [&before["requests"]["refused"], &before["requests"]["refused_adults"]],
        [1, 2]
    );

    // The verksamhetsberättelse, its figures exact (small counts shown, for the board).
    cli.run(&["settings", "set", "--suppress-small-cells", "nej"])
        .assert_ok();
    let pdf = tmp.path().join("ar.pdf");
    let xlsx = tmp.path().join("ar.xlsx");
    cli.run(&[
        "report",
        "yearly",
        "--year",
        "2025",
        "--pdf",
        pdf.to_str().unwrap(),
        "--xlsx",
        xlsx.to_str().unwrap(),
    ])
    .assert_ok();
    std::fs::copy(
        &pdf,
        fristad_tests::artifacts_dir("pdf").join("verksamhetsberattelse-2025.pdf"),
    )
    .unwrap();
    let text = pdf_text(&pdf);
    let line = |label: &str| -> Vec<String> {
        let found = text
            .lines()
            .find(|l| l.trim_start().starts_with(label))
            .unwrap_or_else(|| panic!("«{label}» not in the PDF:\n{text}"));
        found[found.find(label).unwrap() + label.len()..]
            .split_whitespace()
            .map(str::to_owned)
            .collect()
    };
    // Key figures against 2024.
    assert_eq!(line("Stödsamtal totalt"), ["4", "1"]);
    assert_eq!(line("Nätter som utflyttningsklar men kvar (bostad saknas)"), ["9", "0"]);
    for (label, value) in [
        ("Förfrågningar om plats", "6"),
        ("Ledde till placering", "1"),
        ("Nekade vuxna", "4"),
        ("Nekade barn", "3"),
        ("Hänvisade vidare", "1"),
        ("Utan utfall ännu", "1"),
        ("Andel nekade av avgjorda (%)", "60"),
        ("Tonårsson", "1"),
        ("Barn som bott minst en natt", "2"),
        ("– med eget beslut (insats)", "1"),
        ("– erbjudna hälsoundersökning", "1"),
        ("– som bott över två veckor utan allt ordnat inom dem", "1"),
        ("Personal, årsarbetskrafter", "4,5"),
        ("Volontärtimmar", "800"),
        ("Platser enligt IVO-tillståndet", "2"),
        ("Nätter med fler boende än tillståndets platser", "50"),
        ("Transperson", "0"),
    ] {
        assert_eq!(line(label).first().map(String::as_str), Some(value), "{label}");
    }
    for heading in [
        "Skyddat boende",
        "Stödverksamheten: öppenvård och jourtelefon",
        "Kvalitetsbilaga",
        "Organisationen",
        "Stödsamtal efter kanal",
        "Nekade förfrågningar efter skäl",
    ] {
        assert!(text.contains(heading), "«{heading}» not in the PDF");
    }
    for name in [
        "Testkvinna",
        "Testflicka",
        "Testpojke",
        "Testman",
        "K1",
        "Jouren i grannkommunen",
    ] {
        assert!(!text.contains(name), "«{name}» in the report");
    }

    let mut book: Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    let cell = |book: &mut Xlsx<_>, sheet: &str, label: &str, column: usize| -> Data {
        let range = book.worksheet_range(sheet).unwrap();
        let row = range
            .rows()
            .find(|row| row[0] == Data::String(label.into()))
            .unwrap_or_else(|| panic!("«{label}» not in {sheet}"));
        row[column].clone()
    };
    assert_eq!(cell(&mut book, "nyckeltal", "Stödsamtal totalt", 1), Data::Float(4.0));
    assert_eq!(cell(&mut book, "nyckeltal", "Stödsamtal totalt", 2), Data::Float(1.0));
    assert_eq!(cell(&mut book, "forfragningar", "Nekade vuxna", 1), Data::Float(4.0));
    assert_eq!(cell(&mut book, "nekade_skal", "Fullt", 1), Data::Float(2.0));
    assert_eq!(
        cell(&mut book, "forfragningar_fran", "Socialtjänsten", 1),
        Data::Float(3.0)
    );
    assert_eq!(cell(&mut book, "stod_kanal", "Telefon", 1), Data::Float(2.0));
    assert_eq!(cell(&mut book, "kon", "Man", 1), Data::Float(1.0));
    assert_eq!(
        cell(&mut book, "barnens_rattigheter", "– som haft eget samtal", 1),
        Data::Float(2.0)
    );
    assert_eq!(
        cell(&mut book, "organisationen", "Flest boende samma natt", 1),
        Data::Float(3.0)
    );
}

#[test]
fn any_period_and_the_checks_before_a_report() {
    let tmp = tempfile::tempdir().unwrap();
    let cli = first(tmp.path());
    // The first quarter: P1's 150 nights, three requests (two refused), three contacts.
    let q1 = cli
        .run(&[
            "report",
            "period",
            "--from",
            "2025-01-01",
            "--to",
            "2025-03-31",
            "--json",
        ])
        .assert_ok()
        .json();
    assert_eq!(q1["period"], json!({"from": "2025-01-01", "to": "2025-03-31"}));
    assert_eq!(q1["nights"]["total"], 150);
    assert_eq!([&q1["requests"]["total"], &q1["requests"]["refused"]], [3, 2]);
    assert_eq!(q1["support"]["contacts"], 3);
    let months: Vec<u64> = q1["nights_per_month"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["month"].as_u64().unwrap())
        .collect();
    assert_eq!(months, [1, 2, 3]);
    // Across New Year, the months in order; longer than twelve months refused, naming the day.
    let winter = cli
        .run(&[
            "report",
            "period",
            "--from",
            "2025-11-01",
            "--to",
            "2026-02-28",
            "--json",
        ])
        .assert_ok()
        .json();
    let months: Vec<u64> = winter["nights_per_month"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["month"].as_u64().unwrap())
        .collect();
    assert_eq!(months, [11, 12, 1, 2]);
    cli.run(&["report", "period", "--from", "2025-01-01", "--to", "2026-01-01"])
        .assert_refused("tolv kalendermånader");

    // What looks wrong in 2025: W3 here since 20 November 2025 (382 days on 7 December 2026),
    // P2 without a reference code, C2 without a decision, W2 gone without a destination, W3 without
    // gender, the request of 30 December without an outcome.
    let findings = cli
        .run(&["report", "check", "--year", "2025", "--json"])
        .assert_ok()
        .json();
    assert_eq!(
        findings,
        json!([
            {"kind": "long_stay", "placement": "P3", "person": "W3", "date": "2025-11-20", "days": 382},
            {"kind": "no_reference", "placement": "P2", "date": "2025-06-01"},
            {"kind": "child_without_decision", "placement": "P1", "person": "C2", "date": "2025-01-10"},
            {"kind": "no_destination", "placement": "P2", "person": "W2", "date": "2025-06-11"},
            {"kind": "gender_not_given", "placement": "P3", "person": "W3", "date": "2025-11-20"},
            {"kind": "request_without_outcome", "date": "2025-12-30"}
        ])
    );
    let said = cli
        .run(&["report", "check", "--year", "2025"])
        .assert_ok()
        .stdout
        .clone();
    assert!(
        said.contains("Placering P2 (från 2025-06-01): kommunens referenskod (YY-kod)"),
        "{said}"
    );
    assert!(said.contains("6 saker att se över"), "{said}");
    assert!(!said.contains("Testkvinna"), "{said}");
}

#[test]
fn two_shelters_federation_files_add_up_with_nothing_that_points_out_a_person() {
    let tmp = tempfile::tempdir().unwrap();
    let one = first(tmp.path());
    let two = store(tmp.path(), "andra jouren", SECOND);
    let (a, b) = (tmp.path().join("a.json"), tmp.path().join("b.json"));
    for (cli, file) in [(&one, &a), (&two, &b)] {
        cli.run(&[
            "report",
            "yearly",
            "--year",
            "2025",
            "--federation",
            file.to_str().unwrap(),
        ])
        .assert_ok();
    }
    for file in [&a, &b] {
        let text = std::fs::read_to_string(file).unwrap();
        for key_or_name in [
            "W1",
            "W2",
            "W3",
            "C1",
            "C2",
            "V1",
            "P1",
            "P2",
            "Q1",
            "K1",
            "K2",
            "boras",
            "alingsas",
            "ulricehamn",
            "Borås",
            "Alingsås",
            "Ulricehamn",
            "Test",
            "grannkommunen",
        ] {
            assert!(!text.contains(key_or_name), "«{key_or_name}» in {}", file.display());
        }
        let figures: Value = serde_json::from_str::<Value>(&text).unwrap()["figures"].clone();
        for (name, value) in figures.as_object().unwrap() {
            let of_people = name.starts_with("individuals.")
                || name.starts_with("children_rights.")
                || name.starts_with("placements.")
                || [
                    "support.individuals",
                    "requests.refused_adults",
                    "requests.refused_children",
                ]
                .contains(&name.as_str());
            if of_people {
                assert!(value != 1 && value != 2, "{name} = {value} in {}", file.display());
            }
        }
    }
    let merged = one
        .run(&["report", "merge", a.to_str().unwrap(), b.to_str().unwrap()])
        .assert_ok()
        .json();
    assert_eq!(merged["shelters"], 2);
    let f = &merged["figures"];
    // 202 + 5 nights; 4 + 3 contacts; 3 + 2 refused requests.
    assert_eq!(f["nights.total"], 207);
    assert_eq!(f["support.contacts"], 7);
    assert_eq!(f["support.by_channel.telefon"], 4);
    assert_eq!(f["requests.refused"], 5);
    assert_eq!(f["requests.refused_by_reason.fullt"], 3);
    // 4 refused adults here, two ("<3") there.
    assert_eq!(f["requests.refused_adults"], json!({"min": 5, "max": 6}));
    assert_eq!(f["organisation.staff_fte_hundredths"], 450);
    // Three adults here and one ("<3") there: four or five.
    assert_eq!(f["individuals.adults"], json!({"min": 4, "max": 5}));
    // Another period does not add up with the year.
    let q1 = tmp.path().join("q1.json");
    two.run(&[
        "report",
        "period",
        "--from",
        "2025-01-01",
        "--to",
        "2025-03-31",
        "--federation",
        q1.to_str().unwrap(),
    ])
    .assert_ok();
    one.run(&["report", "merge", a.to_str().unwrap(), q1.to_str().unwrap()])
        .assert_refused("olika perioder");
}

/// fristad-cli records what the window records, through the same actions: a support contact, a
/// request not decided yet and then its outcome; a refusal without its reason is refused.
#[test]
fn support_contacts_and_requests_from_fristad_cli() {
    let tmp = tempfile::tempdir().unwrap();
    let cli = store(tmp.path(), "från terminalen", r#"{}"#);
    cli.run(&[
        "support",
        "add",
        "--date",
        "2026-12-01",
        "--channel",
        "chatt",
        "--group",
        "tjej",
        "--topic",
        "digitalt_vald",
        "--topic",
        "psykiskt_vald",
        "--minutes",
        "25",
        "--by",
        "volontar",
        "--person",
        "K7",
    ])
    .assert_ok();
    cli.run(&[
        "support",
        "add",
        "--date",
        "2026-12-01",
        "--channel",
        "brevduva",
        "--group",
        "tjej",
        "--by",
        "personal",
    ])
    .assert_refused("brevduva");
    cli.run(&[
        "request",
        "add",
        "--date",
        "2026-12-02",
        "--from",
        "polisen",
        "--adults",
        "1",
        "--children",
        "2",
        "--outcome",
        "nekad",
    ])
    .assert_refused("varför förfrågan nekades");
    let added = cli
        .run(&[
            "request",
            "add",
            "--date",
            "2026-12-02",
            "--from",
            "polisen",
            "--adults",
            "1",
            "--children",
            "2",
        ])
        .assert_ok()
        .stdout
        .clone();
    let listed = cli.run(&["request", "list", "--json"]).assert_ok().json();
    let id = listed[0]["id"].as_i64().unwrap();
    assert!(added.contains(&format!("Förfrågan {id}")), "{added}");
    assert!(listed[0].get("outcome").is_none(), "{listed}");
    cli.run(&[
        "request",
        "decide",
        &id.to_string(),
        "--outcome",
        "nekad",
        "--reason",
        "sakerhet",
    ])
    .assert_ok();
    cli.run(&["request", "decide", &id.to_string(), "--outcome", "placerad"])
        .assert_refused("redan ett utfall");
    // One recorded twice by mistake, struck out: kept and listed, not counted.
    cli.run(&[
        "request",
        "add",
        "--date",
        "2026-12-02",
        "--from",
        "polisen",
        "--adults",
        "1",
        "--outcome",
        "aterkallad",
    ])
    .assert_ok();
    let twice = cli.run(&["request", "list", "--json"]).assert_ok().json()[0]["id"]
        .as_i64()
        .unwrap();
    cli.run(&[
        "request",
        "strike",
        &twice.to_string(),
        "--reason",
        "Registrerad två gånger",
    ])
    .assert_ok();
    let listed = cli.run(&["request", "list"]).assert_ok().stdout.clone();
    assert!(listed.contains("(struken)"), "{listed}");
    cli.run(&["request", "strike", &twice.to_string(), "--reason", "Igen"])
        .assert_refused("redan struken");
    let year = cli
        .run(&["report", "yearly", "--year", "2026", "--json"])
        .assert_ok()
        .json();
    assert_eq!([&year["requests"]["total"], &year["requests"]["withdrawn"]], [1, 0]);
    assert_eq!(year["support"]["by_channel"]["chatt"], 1);
    assert_eq!(year["support"]["by_volunteers"], 1);
    assert_eq!(
        [
            &year["requests"]["refused"],
            &year["requests"]["refused_children"],
            &year["requests"]["refused_by_reason"]["sakerhet"]
        ],
        [1, 2, 1]
    );
}
