//! A value written wrong straight into a table (as damage, or a hand at the database, would
//! write it) is read as a damaged database that names the table, the column and the row, and
//! never the value; never as a default (1970-01-01, the first of a list, zero).

use super::*;
use crate::error::Code;
use crate::keys::DbKey;
use crate::money::Money;
use crate::store::Store;
use crate::text::Lang;

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::create(&dir.path().join("t.db"), &DbKey::generate().unwrap()).unwrap();
    (dir, store)
}

/// Runs `sql` on the store's own connection, past every rule of the program.
fn write(store: &Store, sql: &str) -> i64 {
    store.conn().execute_batch(sql).unwrap();
    store.conn().last_insert_rowid()
}

/// `err` is a damaged database naming `table`, `column` and row `row` in both languages, and
/// does not quote `value`.
#[track_caller]
fn names(err: Error, table: &str, column: &str, row: i64, value: &str) {
    assert_eq!(err.code, Code::DamagedDatabase, "{err:?}");
    let text = err.text.clone().expect("a catalogue text");
    for said in [err.message.clone(), text.render(Lang::En)] {
        for part in [table, column, &row.to_string()] {
            assert!(said.contains(part), "{part} not in «{said}»");
        }
        assert!(!said.contains(value), "the value is in «{said}»");
    }
}

fn child(store: &Store) -> i64 {
    write(
        store,
        "INSERT INTO people (key, name, protected_identity) VALUES ('B7KQ2PX', 'Testbarn Ett', 0)",
    )
}

#[test]
fn a_damaged_date_of_a_concern_report_is_named_not_read_as_1970() {
    let (_dir, store) = store();
    let person = child(&store);
    write(
        &store,
        &format!(
            "INSERT INTO concern_reports (person_id, reported_on, recipient, method, author)
             VALUES ({person}, '2026-03-10', 'Socialtjänsten', 'telefon', 'AB')"
        ),
    );
    assert_eq!(crate::concerns::all(store.conn()).unwrap().len(), 1);
    let row = write(
        &store,
        &format!(
            "INSERT INTO concern_reports (person_id, reported_on, recipient, method, author)
             VALUES ({person}, 'tredje mars', 'Socialtjänsten', 'telefon', 'AB')"
        ),
    );
    let err = crate::concerns::all(store.conn()).unwrap_err();
    names(err, "concern_reports", "reported_on", row, "tredje mars");
}

#[test]
fn an_unknown_stored_value_of_a_list_is_named_not_read_as_the_first_one() {
    let (_dir, store) = store();
    let person = child(&store);
    let row = write(
        &store,
        &format!(
            "INSERT INTO concern_reports (person_id, reported_on, recipient, method, author)
             VALUES ({person}, '2026-03-10', 'Socialtjänsten', 'brevduva', 'AB')"
        ),
    );
    let err = crate::concerns::all(store.conn()).unwrap_err();
    names(err, "concern_reports", "method", row, "brevduva");
}

#[test]
fn a_damaged_date_or_outcome_of_a_request_is_named_not_read_as_1970_or_none() {
    let (_dir, store) = store();
    let row = write(
        &store,
        "INSERT INTO requests (date, from_whom, adults, children) VALUES ('2026-02-30', 'sjalv', 1, 0)",
    );
    let err = crate::requests::all(store.conn()).unwrap_err();
    names(err, "requests", "date", row, "2026-02-30");
    let (_dir2, store) = self::store();
    let row = write(
        &store,
        "INSERT INTO requests (date, from_whom, adults, children, outcome) VALUES ('2026-02-03', 'sjalv', 1, 0, 'kanske')",
    );
    let err = crate::requests::all(store.conn()).unwrap_err();
    names(err, "requests", "outcome", row, "kanske");
}

#[test]
fn a_damaged_date_of_a_lex_sarah_report_is_named_not_read_as_1970() {
    let (_dir, store) = store();
    let row = write(
        &store,
        "INSERT INTO lex_sarah_reports (reported_on, note) VALUES ('förra tisdagen', '')",
    );
    let err = crate::lex_sarah::all(store.conn()).unwrap_err();
    names(err, "lex_sarah_reports", "reported_on", row, "förra tisdagen");
}

#[test]
fn a_damaged_time_of_a_journal_note_is_named() {
    let (_dir, store) = store();
    let person = child(&store);
    let row = write(
        &store,
        &format!(
            "INSERT INTO journal (person_id, written_at, author, body)
             VALUES ({person}, 'kvart över tio', 'AB', 'Samtal')"
        ),
    );
    let err = crate::journal::all(store.conn()).unwrap_err();
    names(err, "journal", "written_at", row, "kvart över tio");
}

#[test]
fn an_amount_beyond_what_money_can_be_is_named_not_summed() {
    let (_dir, store) = store();
    let row = write(
        &store,
        "INSERT INTO tariffs (valid_from, category, iop_ore, standard_ore)
         VALUES ('2026-01-01', 'adult', 100000, 987654321098765432)",
    );
    let err = crate::registers::tariffs::list(store.conn()).unwrap_err();
    names(err, "tariffs", "standard_ore", row, "987654321098765432");
}

#[test]
fn money_is_stored_as_whole_ore_and_nothing_else_reads_as_money() {
    let (_dir, store) = store();
    let read = |sql: &str| store.conn().query_row(sql, [], |r| r.get::<_, Money>(0));
    assert_eq!(read("SELECT 165000").unwrap(), Money::from_kronor(1650));
    assert_eq!(read("SELECT -5").unwrap(), Money::from_ore(-5));
    assert_eq!(
        read(&format!("SELECT {}", Money::STORED_LIMIT.ore())).unwrap(),
        Money::STORED_LIMIT
    );
    for bad in [
        "SELECT 1650.5",
        "SELECT '1650'",
        "SELECT NULL",
        "SELECT 1000000000000000001",
    ] {
        let err = Error::from(read(bad).unwrap_err());
        assert_eq!(err.code, Code::DamagedDatabase, "{bad}: {err:?}");
        assert!(!err.message.contains("1650"), "{}", err.message);
    }
    let back: i64 = store
        .conn()
        .query_row("SELECT ?1", [Money::from_kronor(1650)], |r| r.get(0))
        .unwrap();
    assert_eq!(back, 165_000);
}

/// Dates and instants read back exactly as the program writes them (`NaiveDate`'s text and
/// `clock::to_stored`); rusqlite's own chrono conversions would write instants otherwise.
#[test]
fn dates_and_instants_read_in_the_form_the_program_writes() {
    let (_dir, store) = store();
    let day = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
    let first = NaiveDate::from_ymd_opt(1, 1, 1).unwrap();
    let at = crate::clock::parse_time("2026-12-07 10:00").unwrap();
    assert_eq!(crate::clock::to_stored(at), "2026-12-07T09:00:00Z");
    let (d, f, t, none): (NaiveDate, NaiveDate, DateTime<Utc>, Option<NaiveDate>) = store
        .conn()
        .query_row(
            "SELECT 1, ?1, ?2, ?3, NULL",
            [day.to_string(), first.to_string(), crate::clock::to_stored(at)],
            |r| {
                let s = Stored::new(r, "test", 0)?;
                Ok((s.date(1)?, s.date(2)?, s.time(3)?, s.date_opt(4)?))
            },
        )
        .unwrap();
    assert_eq!((d, f, t, none), (day, first, at, None));
    for (bad, column) in [
        ("2026-12-07T09:00:00Z", "day"),
        ("07/12/2026", "day"),
        ("2026-12-07", "at"),
    ] {
        let err: Error = store
            .conn()
            .query_row(&format!("SELECT 42, '{bad}' AS {column}"), [], |r| {
                let s = Stored::new(r, "test", 0)?;
                if column == "day" {
                    s.date(1).map(|_| ())
                } else {
                    s.time(1).map(|_| ())
                }
            })
            .unwrap_err()
            .into();
        names(err, "test", column, 42, bad);
    }
}
