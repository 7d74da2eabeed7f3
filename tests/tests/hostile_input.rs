//! Hostile input: property tests that feed the parsers of identity numbers, money, dates and the
//! import file anything at all. Nothing may panic; what is accepted must be well-formed; an import
//! that is refused must leave the store exactly as it was.

use chrono::NaiveDate;
use fristad::exchange;
use fristad::money::Money;
use fristad::people::PersonalNumber;
use fristad::setup::{self, KeyChoice};
use fristad::{clock, luhn, records};
use fristad_tests::workspace_dir;
use proptest::prelude::*;
use serde_json::Value;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn personal_numbers_never_panic_and_what_is_accepted_is_well_formed(text in "\\PC{0,20}|[0-9+ -]{8,16}") {
        if let Ok(p) = PersonalNumber::parse(&text, today()) {
            let s = p.as_str();
            prop_assert_eq!(s.len(), 13);
            prop_assert_eq!(&s[8..9], "-");
            let ten_digits = [&s[2..8], &s[9..]].concat();
            prop_assert!(luhn::is_valid(&ten_digits));
            prop_assert!(p.birth_date() <= today());
            // Reading it back gives the same number.
            let again = PersonalNumber::parse(s, today()).unwrap();
            prop_assert_eq!(again.as_str(), s);
        }
    }

    #[test]
    fn money_never_panics_and_reads_back_exactly(text in "\\PC{0,24}|-?[0-9 ]{0,16}([,.][0-9]{0,3})?( ?kr)?") {
        if let Ok(m) = Money::parse_kronor(&text) {
            prop_assert_eq!(Money::parse_kronor(&m.to_decimal()), Ok(m));
        }
    }

    #[test]
    fn times_and_dates_never_panic(text in "\\PC{0,30}|[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}") {
        if let Ok(t) = clock::parse_time(&text) {
            // An accepted local time is shown back as a time that reads the same instant.
            prop_assert_eq!(clock::parse_time(&clock::to_local_text(t)).map(|u| u.timestamp() / 60), Ok(t.timestamp() / 60));
        }
        let _ = records::date("d", &text);
    }

    #[test]
    fn the_import_parser_never_panics_on_any_text(text in "\\PC{0,400}") {
        let _ = exchange::parse(&text);
    }
}

/// Arbitrary JSON built from the example file: fields dropped, and values replaced by strange ones
/// of the same JSON type (so that most files get past the parser to the import's own rules).
fn mutate(value: &Value, choices: &mut impl Iterator<Item = u8>) -> Value {
    const TEXTS: [&str; 12] = [
        "",
        " ",
        "\u{0000}\u{202e}'; DROP TABLE people; --",
        "9999-99-99T99:99",
        "2026-03-29T02:30",
        "2099-01-01T00:00",
        "1899-12-31",
        "19900101-0018",
        "boras",
        "P1",
        "W1",
        "-0,005",
    ];
    const NUMBERS: [i64; 5] = [-1, 0, 1, 1_000_000_000, i64::MAX];
    match value {
        Value::Object(map) => {
            let mut out = serde_json::Map::new();
            for (k, v) in map {
                if !choices.next().unwrap_or(1).is_multiple_of(64) {
                    out.insert(k.clone(), mutate(v, choices));
                }
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(|v| mutate(v, choices)).collect()),
        other => {
            let (c, pick) = (choices.next().unwrap_or(1), usize::from(choices.next().unwrap_or(1)));
            match other {
                Value::String(_) if c % 16 == 0 => Value::from(TEXTS[pick % TEXTS.len()]),
                Value::Number(_) if c % 16 == 0 => Value::from(NUMBERS[pick % NUMBERS.len()]),
                Value::Bool(b) if c % 16 == 0 => Value::from(!b),
                _ => other.clone(),
            }
        }
    }
}

#[test]
fn a_refused_import_of_a_mangled_file_changes_nothing_and_an_accepted_one_is_consistent() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = fristad::data_dir::DataDir::new(tmp.path().join("data"));
    let passphrase = fristad::secret::Secret::new("testlösenfras för mangling".to_owned());
    let created = setup::create(
        &dir,
        None,
        KeyChoice::Passphrase(passphrase),
        "test",
        fristad_tests::now(),
    )
    .unwrap();
    let store = std::cell::RefCell::new(created.store);
    let example: Value = serde_json::from_str(
        &std::fs::read_to_string(workspace_dir().join("tests/fixtures/import-example.json")).unwrap(),
    )
    .unwrap();

    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(300));
    let (unparsed, refused, accepted) = (
        std::cell::Cell::new(0),
        std::cell::Cell::new(0),
        std::cell::Cell::new(0),
    );
    runner
        .run(&proptest::collection::vec(any::<u8>(), 64..256), |bytes| {
            let mangled = mutate(&example, &mut bytes.into_iter().cycle());
            let mut store = store.borrow_mut();
            let before = serde_json::to_value(exchange::export(&store).unwrap()).unwrap();
            match exchange::parse(&mangled.to_string()) {
                Err(problems) => {
                    prop_assert!(!problems.is_empty());
                    unparsed.set(unparsed.get() + 1);
                }
                Ok(file) => match exchange::import(&mut store, &file, fristad_tests::now(), "test") {
                    Err(problems) => {
                        prop_assert!(!problems.is_empty());
                        let after = serde_json::to_value(exchange::export(&store).unwrap()).unwrap();
                        prop_assert_eq!(after, before, "a refused import changed the store");
                        refused.set(refused.get() + 1);
                    }
                    Ok(_) => {
                        // Whatever was accepted reads back and verifies.
                        prop_assert!(fristad::store::verify::run(&store).unwrap().is_ok());
                        accepted.set(accepted.get() + 1);
                    }
                },
            }
            Ok(())
        })
        .unwrap();
    eprintln!(
        "mangled imports: {} not the format, {} refused with nothing changed, {} accepted",
        unparsed.get(),
        refused.get(),
        accepted.get()
    );
    assert!(refused.get() > 0, "the mangling never produced a refused import");
}
