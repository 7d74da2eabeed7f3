//! Gender (issue 22): given in a stay or in `people`, counted in the year's individuals by
//! gender, an adult's and a child's each under their own values, exported as given. Every person
//! is synthetic.

use fristad_tests::new_store;
use serde_json::json;

/// 2025: a woman with a girl and a boy, a man, a trans person and a woman whose gender was not
/// given; a girl recorded as "kvinna" counts as a girl while she is a child.
const FILE: &str = r#"{
 "municipalities": [{"key": "boras", "name": "Borås Stad", "org_number": "212000-1561", "price_class": "iop",
   "acute_clause": true, "address": "Box 1, 501 80 Borås", "buyer_reference": "YY123"}],
 "people": [{"key": "W4", "name": "Testperson Fyra", "birth_year": 1970}],
 "placements": [
  {"key": "P1", "municipality": "boras", "acute": false, "reference": "A", "violence": "nara_relation",
   "stays": [{"person": "W1", "name": "Testkvinna", "gender": "kvinna", "category": "adult", "birth_year": 1990,
              "in": "2025-03-01T12:00", "out": "2025-03-11T10:00"},
             {"person": "C1", "name": "Testflicka", "gender": "flicka", "category": "child", "birth_year": 2015,
              "in": "2025-03-01T12:00", "out": "2025-03-11T10:00"},
             {"person": "C2", "name": "Testpojke", "gender": "pojke", "category": "child", "birth_year": 2017,
              "in": "2025-03-01T12:00", "out": "2025-03-11T10:00"}]},
  {"key": "P2", "municipality": "boras", "acute": false, "reference": "B", "violence": "nara_relation",
   "stays": [{"person": "W2", "name": "Testman", "gender": "man", "category": "adult", "birth_year": 1980,
              "in": "2025-05-01T12:00", "out": "2025-05-05T10:00"}]},
  {"key": "P3", "municipality": "boras", "acute": false, "reference": "C", "violence": "nara_relation",
   "stays": [{"person": "W3", "name": "Testperson", "gender": "transperson", "category": "adult", "birth_year": 1995,
              "in": "2025-06-01T12:00", "out": "2025-06-03T10:00"},
             {"person": "C3", "name": "Testbarn", "gender": "kvinna", "category": "child", "birth_year": 2016,
              "in": "2025-06-01T12:00", "out": "2025-06-03T10:00"}]},
  {"key": "P4", "municipality": "boras", "acute": false, "reference": "D", "violence": "nara_relation",
   "stays": [{"person": "W4", "category": "adult", "in": "2025-07-01T12:00", "out": "2025-07-02T10:00"}]}]
}"#;

#[test]
fn the_years_individuals_by_gender_counted_by_hand() {
    let (tmp, _dir, cli) = new_store("kön");
    let file = tmp.path().join("ar.json");
    std::fs::write(&file, FILE).unwrap();
    cli.run(&["import", file.to_str().unwrap()]).assert_ok();
    let year = cli
        .run(&["report", "yearly", "--year", "2025", "--json"])
        .assert_ok()
        .json();
    let i = &year["individuals"];
    assert_eq!((i["adults"].clone(), i["children"].clone()), (json!(4), json!(3)));
    assert_eq!(
        i["adults_by_gender"],
        json!({"kvinna": 1, "man": 1, "transperson": 1, "annan": 0, "ej_angivet": 1})
    );
    assert_eq!(
        i["children_by_gender"],
        json!({"flicka": 2, "pojke": 1, "annan": 0, "ej_angivet": 0})
    );

    // Exported as given; a person without one is written without it.
    let export = cli.run(&["export", "--json"]).assert_ok().json();
    let gender = |key: &str| {
        export["people"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["key"] == key)
            .unwrap()["gender"]
            .clone()
    };
    assert_eq!(
        (gender("W2"), gender("C3"), gender("W4")),
        (json!("man"), json!("kvinna"), json!(null))
    );

    // An unknown value is refused, and nothing of the file is kept.
    let bad = tmp.path().join("fel.json");
    std::fs::write(
        &bad,
        r#"{"people": [{"key": "W9", "name": "Testperson Nio", "gender": "okänt"}]}"#,
    )
    .unwrap();
    cli.run(&["import", bad.to_str().unwrap()])
        .assert_refused("importformatet");
}
