//! `fristad-cli` against real encrypted stores: what the foundation promises, checked from
//! outside the program wherever possible (Python's SQLCipher 4 and plain SQLite).

use fristad_tests::{Cli, file_contains, flip_byte, recovery_hex, recovery_key_line, run_python, sqlcipher_query};
use std::path::Path;

use fristad_tests::SYNTHETIC_ORG as ORG;

fn init(dir: &Path) -> (Cli, String) {
    let cli = Cli::with_passphrase(dir, "x");
    let run = cli.run(&[&["init"][..], &ORG[..]].concat());
    run.assert_ok();
    let hex = recovery_hex(&recovery_key_line(&run.stdout));
    (cli, hex)
}

fn plain_sqlite_error(db: &Path) -> Option<String> {
    let code = "import sqlite3, sys\ntry:\n    sqlite3.connect(sys.argv[1]).execute('select * from sqlite_master').fetchall()\nexcept Exception as e:\n    print(e)";
    let out = run_python(code, &[db.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    (!text.is_empty()).then_some(text)
}

/// Words from the agreement and the organisation that must never be readable in the files.
const PLAINTEXT: [&str; 10] = [
    "Borås",
    "Bor\u{0061}\u{030a}s",
    "Kvinno",
    "Exempelstad",
    "212000-1561",
    "802000-0009",
    "Överenskommelse",
    "Arbetslivsförvaltningen",
    "iop-boras",
    "CREATE TABLE",
];

#[test]
fn init_makes_a_store_that_only_sqlcipher_with_the_recovery_key_can_read() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let (cli, hex) = init(&dir);
    let db = dir.join("fristad.db");

    // Plain SQLite cannot read it.
    let err = plain_sqlite_error(&db).expect("plain sqlite must fail");
    assert!(err.contains("not a database"), "{err}");

    // None of the agreement's or the organisation's text is in its bytes, nor in the key file.
    for word in PLAINTEXT {
        assert!(!file_contains(&db, word), "«{word}» readable in the database file");
        assert!(
            !file_contains(&dir.join("fristad-key.json"), word),
            "«{word}» in the key file"
        );
    }

    // SQLCipher 4 with its default settings opens it with the recovery key.
    let org = sqlcipher_query(
        &db,
        &hex,
        "SELECT name || '|' || org_number || '|' || bankgiro FROM organisation",
    )
    .unwrap();
    assert_eq!(org, vec!["Kvinno- och tjejjouren Exempelstad|802000-0009|5050-1055"]);
    let settings = sqlcipher_query(&db, &hex, "PRAGMA journal_mode").unwrap();
    assert_eq!(settings, vec!["wal"]);
    // …and not with another key.
    let wrong: String = hex.chars().rev().collect();
    assert!(sqlcipher_query(&db, &wrong, "SELECT count(*) FROM sqlite_master").is_err());

    cli.run(&["verify"]).assert_ok();
}

#[test]
fn the_wal_is_encrypted_too_while_the_store_is_open() {
    use fristad::data_dir::DataDir;
    use fristad::secret::Secret;
    use fristad::setup::{KeyChoice, create};
    let tmp = tempfile::tempdir().unwrap();
    let dir = DataDir::new(tmp.path().join("data"));
    let created = create(
        &dir,
        None,
        KeyChoice::Passphrase(Secret::new("x".into())),
        "test",
        fristad_tests::now(),
    )
    .unwrap();
    let wal = dir.path().join("fristad.db-wal");
    assert!(wal.exists(), "a store that is open in WAL mode has a WAL file");
    assert!(
        std::fs::metadata(&wal).unwrap().len() > 0,
        "the setup's writes are in the WAL"
    );
    for word in PLAINTEXT {
        assert!(!file_contains(&wal, word), "«{word}» readable in the WAL");
        assert!(
            !file_contains(&dir.db_path(), word),
            "«{word}» readable in the database file"
        );
    }
    created.store.close().unwrap();
    assert!(
        !wal.exists() || std::fs::metadata(&wal).unwrap().len() == 0,
        "closing checkpoints the WAL"
    );
}

#[test]
fn verify_finds_one_changed_byte_in_a_data_page_and_in_the_first_page() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let (cli, _) = init(&dir);
    let db = dir.join("fristad.db");
    let pristine = std::fs::read(&db).unwrap();
    let page = 4096;
    assert!(pristine.len() >= 3 * page, "a store has several pages");

    flip_byte(&db, 2 * page + 200);
    let run = cli.run(&["verify"]);
    run.assert_refused("ändrats eller skadats");
    assert!(run.stderr.contains("page 3"), "{}", run.stderr);

    std::fs::write(&db, &pristine).unwrap();
    cli.run(&["verify"]).assert_ok();
    flip_byte(&db, 100);
    cli.run(&["verify"]).assert_refused("skadad");
}

#[test]
fn agreement_show_prints_the_period_in_force_and_the_notice_deadline() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let (cli, _) = init(&dir);
    let json = cli
        .run(&["agreement", "show", "--json", "--on", "2026-11-28"])
        .assert_ok()
        .json();
    assert_eq!(json["period_in_force"]["start"], "2025-01-01");
    assert_eq!(json["period_in_force"]["end"], "2027-12-31");
    assert_eq!(json["notice_deadline"], "2027-03-31");
    assert_eq!(json["days_to_notice_deadline"], 123);
    assert_eq!(json["renews_automatically"], true);
    assert_eq!(json["standing"]["number"], 2);
    assert_eq!(json["service_fee_in_force"]["yearly"], "550000.00");
    assert_eq!(json["counterparty"]["org_number"], "212000-1561");

    // In 2023 the first period is in force, with the council's raised fee.
    let json = cli
        .run(&["agreement", "show", "--json", "--on", "2023-05-01"])
        .assert_ok()
        .json();
    assert_eq!(json["period_in_force"]["end"], "2024-12-31");
    assert_eq!(json["notice_deadline"], "2024-03-31");
    assert_eq!(json["service_fee_in_force"]["yearly"], "700000.00");

    // Today, whatever day the test runs, the deadline follows the agreement's rule.
    let json = cli.run(&["agreement", "show", "--json"]).assert_ok().json();
    let today = fristad_tests::today();
    assert_eq!(json["notice_deadline"], fristad_tests::boras_notice_deadline(today));

    let text = cli
        .run(&["agreement", "show", "--on", "2026-11-28"])
        .assert_ok()
        .stdout
        .clone();
    assert!(text.contains("2025-01-01 – 2027-12-31"), "{text}");
    assert!(text.contains("Sista dag för uppsägning: 2027-03-31"), "{text}");
}

#[test]
fn a_wrong_passphrase_is_refused_and_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    init(&dir);
    let before = std::fs::read(dir.join("fristad.db")).unwrap();
    Cli::with_passphrase(&dir, "y")
        .run(&["agreement", "show"])
        .assert_refused("Fel lösenfras");
    Cli::with_passphrase(&dir, "y")
        .run(&["verify"])
        .assert_refused("Fel lösenfras");
    assert_eq!(std::fs::read(dir.join("fristad.db")).unwrap(), before);
}

#[test]
fn init_never_overwrites_an_existing_store_or_a_foreign_file() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let (cli, _) = init(&dir);
    let before = std::fs::read(dir.join("fristad.db")).unwrap();
    let key_before = std::fs::read(dir.join("fristad-key.json")).unwrap();
    cli.run(&["init"]).assert_refused("skrivs aldrig över");
    assert_eq!(std::fs::read(dir.join("fristad.db")).unwrap(), before);
    assert_eq!(std::fs::read(dir.join("fristad-key.json")).unwrap(), key_before);

    // Someone else's file at the database path is neither used nor replaced.
    let other = tmp.path().join("other");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join("fristad.db"), b"not ours at all").unwrap();
    Cli::with_passphrase(&other, "x")
        .run(&["init"])
        .assert_refused("skrivs aldrig över");
    assert_eq!(std::fs::read(other.join("fristad.db")).unwrap(), b"not ours at all");
}

#[test]
fn a_plain_sqlite_file_or_another_programs_encrypted_file_is_not_taken_for_ours() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    init(&dir);
    // A plain SQLite database put in place of ours.
    let db = dir.join("fristad.db");
    std::fs::remove_file(&db).unwrap();
    let code = "import sqlite3, sys\nc = sqlite3.connect(sys.argv[1]); c.execute('create table t(x)'); c.commit()";
    assert!(run_python(code, &[db.to_str().unwrap()]).status.success());
    let before = std::fs::read(&db).unwrap();
    let cli = Cli::with_passphrase(&dir, "x");
    cli.run(&["verify"]).assert_refused("inte en Fristad-databas");
    cli.run(&["agreement", "show"])
        .assert_refused("inte en Fristad-databas");
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "a foreign file is never written to"
    );

    // A SQLCipher database made with the same key by something else: right key, wrong program.
    let tmp2 = tempfile::tempdir().unwrap();
    let dir2 = tmp2.path().join("data");
    let (_, hex) = init(&dir2);
    let db2 = dir2.join("fristad.db");
    std::fs::remove_file(&db2).unwrap();
    sqlcipher_query(&db2, &hex, "CREATE TABLE t(x)").unwrap();
    Cli::with_passphrase(&dir2, "x")
        .run(&["verify"])
        .assert_refused("annat program");
}

#[test]
fn a_database_from_a_newer_fristad_is_refused_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let (cli, hex) = init(&dir);
    let db = dir.join("fristad.db");
    sqlcipher_query(&db, &hex, "PRAGMA user_version = 99").unwrap();
    let before = std::fs::read(&db).unwrap();
    cli.run(&["agreement", "show"]).assert_refused("nyare version");
    cli.run(&["verify"]).assert_refused("nyare version");
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[test]
fn a_bad_organisation_number_at_init_is_refused_and_nothing_is_created() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let mut args = [&["init"][..], &ORG[..]].concat();
    args[4] = "802000-0001";
    let run = Cli::with_passphrase(&dir, "x").run(&args);
    run.assert_refused("kontrollsiffran");
    assert!(!dir.join("fristad.db").exists() && !dir.join("fristad-key.json").exists());
}

#[test]
fn a_lost_key_file_is_recovered_with_the_recovery_key_and_never_replaced_by_a_new_key() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let (cli, hex) = init(&dir);
    std::fs::remove_file(dir.join("fristad-key.json")).unwrap();
    let before = std::fs::read(dir.join("fristad.db")).unwrap();
    cli.run(&["verify"]).assert_refused("återställningsnyckeln");
    // init does not make a new key over the existing data.
    cli.run(&["init"]).assert_refused("skrivs aldrig över");
    assert_eq!(std::fs::read(dir.join("fristad.db")).unwrap(), before);

    // A wrong recovery key: refused, nothing written.
    let wrong: String = hex.chars().rev().collect();
    let new = Cli::with_passphrase(&dir, "ny lösenfras");
    new.run_with_stdin(&["recover"], &wrong)
        .assert_refused("öppnar inte databasen");
    assert!(!dir.join("fristad-key.json").exists());

    // The right one, grouped as printed: the key is kept again under the new passphrase.
    let grouped: Vec<String> = hex
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect();
    new.run_with_stdin(&["recover"], &grouped.join(" ")).assert_ok();
    new.run(&["verify"]).assert_ok();
    assert_eq!(
        new.run(&["agreement", "show", "--json"]).assert_ok().json()["key"],
        "iop-boras"
    );
    Cli::with_passphrase(&dir, "x")
        .run(&["verify"])
        .assert_refused("Fel lösenfras");
    // The same key still opens it from outside: no new key was made.
    assert!(sqlcipher_query(&dir.join("fristad.db"), &hex, "SELECT count(*) FROM organisation").is_ok());
}

#[test]
fn the_recovery_sheet_holds_the_key_and_no_metadata_about_people() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let sheet = tmp.path().join("sheet.pdf");
    let cli = Cli::with_passphrase(&dir, "x");
    let run = cli.run(&[&["init", "--recovery-sheet", sheet.to_str().unwrap()][..], &ORG[..]].concat());
    run.assert_ok();
    let line = recovery_key_line(&run.stdout);
    let text = std::process::Command::new("pdftotext")
        .arg(&sheet)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    let key_rows: Vec<&str> = text
        .lines()
        .filter(|l| {
            l.split(' ').count() == 4
                && l.split(' ')
                    .all(|g| g.len() == 4 && g.chars().all(|c| c.is_ascii_hexdigit()))
        })
        .collect();
    assert_eq!(
        key_rows.join(" "),
        line,
        "the key as printed by init is on the sheet:\n{text}"
    );
    assert!(
        text.contains("Återställningsnyckel") && text.contains("Förvara arket säkert"),
        "{text}"
    );
    let fonts = std::process::Command::new("pdffonts").arg(&sheet).output().unwrap();
    let fonts = String::from_utf8_lossy(&fonts.stdout);
    assert!(
        fonts.contains("DejaVuSans") && fonts.lines().skip(2).all(|l| l.contains(" yes yes ")),
        "{fonts}"
    );
    let info = std::process::Command::new("pdfinfo").arg(&sheet).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(
        info.contains("Title:           Fristad – återställningsnyckel"),
        "{info}"
    );
    assert!(!info.contains("Exempelstad"), "{info}");
    let png = fristad_tests::artifacts_dir("pdf").join("recovery-sheet");
    let rendered = std::process::Command::new("pdftoppm")
        .args(["-png", "-r", "60", "-singlefile"])
        .arg(&sheet)
        .arg(&png)
        .status()
        .unwrap();
    assert!(rendered.success());
}

#[test]
fn without_a_keyring_init_says_so_offers_the_passphrase_and_creates_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    // A session bus that does not exist, so that no real keyring is ever touched by this test.
    let cli = Cli::with_keyring(&dir).env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus");
    cli.run(&["init"]).assert_refused("lösenfras");
    assert!(!dir.join("fristad.db").exists() && !dir.join("fristad-key.json").exists());
}

fn fixture(name: &str) -> String {
    fristad_tests::workspace_dir()
        .join("tests/fixtures")
        .join(name)
        .to_str()
        .unwrap()
        .to_owned()
}

#[test]
fn importing_the_example_twice_changes_nothing_the_second_time() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let cli = Cli::with_passphrase(&dir, "x");
    cli.run(&["init"]).assert_ok();
    let first = cli
        .run(&["import", &fixture("import-example.json"), "--json"])
        .assert_ok()
        .json();
    assert_eq!(first["changes"]["placements"], 1);
    assert_eq!(first["changes"]["tariffs"], 2);
    let exported = cli.run(&["export", "--json"]).assert_ok().stdout.clone();
    let second = cli
        .run(&["import", &fixture("import-example.json"), "--json"])
        .assert_ok()
        .json();
    assert_eq!(second["changed"], 0, "{second}");
    assert_eq!(cli.run(&["export", "--json"]).assert_ok().stdout, exported);

    let data: serde_json::Value = serde_json::from_str(&exported).unwrap();
    let p1 = &data["placements"][0];
    assert_eq!(p1["key"], "P1");
    assert_eq!(p1["arrived"], "2026-03-01T22:15:00+01:00");
    assert_eq!(p1["stays"][0]["out"], "2026-03-06T10:00:00+01:00");
    assert_eq!(
        p1["stays"][1]["out"],
        serde_json::Value::Null,
        "a stay without out is ongoing"
    );
    assert_eq!(data["tariffs"][0]["iop"], "1650.00");
    assert_eq!(data["people"].as_array().unwrap().len(), 2);
}

#[test]
fn an_import_with_an_overlapping_stay_names_every_problem_and_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let cli = Cli::with_passphrase(&dir, "x");
    cli.run(&["init"]).assert_ok();
    cli.run(&["import", &fixture("import-example.json")]).assert_ok();
    let before = cli.run(&["export", "--json"]).assert_ok().stdout.clone();
    let db_before = std::fs::read(dir.join("fristad.db")).unwrap();

    let run = cli.run(&["import", &fixture("import-overlap.json")]);
    run.assert_refused("ingenting sparades");
    // Not a byte changed (compared before the next export, which logs itself in the access log).
    assert!(
        std::fs::read(dir.join("fristad.db")).unwrap() == db_before,
        "the database file changed"
    );
    // The overlap is named with its place in the file, and so is the problem in the next record.
    assert!(run.stderr.contains("placements[0].stays[0].in"), "{}", run.stderr);
    assert!(run.stderr.contains("bor redan i placering P1"), "{}", run.stderr);
    assert!(run.stderr.contains("placements[1].municipality"), "{}", run.stderr);
    assert!(run.stderr.contains("2 fel"), "{}", run.stderr);
    assert_eq!(
        cli.run(&["export", "--json"]).assert_ok().stdout,
        before,
        "the store is unchanged"
    );

    // A file that is not JSON of the right shape: the field it is in, nothing changed.
    let broken = tmp.path().join("broken.json");
    std::fs::write(&broken, "{\"placements\": [{\"key\": \"P3\", \"colour\": \"blå\"}]}").unwrap();
    let run = cli.run(&["import", broken.to_str().unwrap()]);
    run.assert_refused("placements[0].colour");
    assert_eq!(cli.run(&["export", "--json"]).assert_ok().stdout, before);
    // Not JSON at all: its line and column.
    std::fs::write(&broken, "{\"placements\": [").unwrap();
    cli.run(&["import", broken.to_str().unwrap()])
        .assert_refused("rad 1, kolumn");
}

#[test]
fn the_documented_example_of_the_import_format_imports_and_exports_the_same() {
    let doc = std::fs::read_to_string(fristad_tests::workspace_dir().join("docs/import-format.md")).unwrap();
    let json = doc
        .split("```json\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("a json block");
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("doc.json");
    std::fs::write(&file, json).unwrap();
    let dir = tmp.path().join("data");
    let cli = Cli::with_passphrase(&dir, "x");
    cli.run(&["init"]).assert_ok();
    let changes = cli
        .run(&["import", file.to_str().unwrap(), "--json"])
        .assert_ok()
        .json();
    assert_eq!(changes["changes"]["journal"], 2, "{changes}");
    let first = cli.run(&["export", "--json"]).assert_ok().stdout.clone();
    cli.run(&["import", file.to_str().unwrap()]).assert_ok();
    assert_eq!(cli.run(&["export", "--json"]).assert_ok().stdout, first);

    // The export itself imports into an empty store and exports identically.
    let exported = tmp.path().join("export.json");
    std::fs::write(&exported, &first).unwrap();
    let other = Cli::with_passphrase(&tmp.path().join("other"), "x");
    other.run(&["init"]).assert_ok();
    other.run(&["import", exported.to_str().unwrap()]).assert_ok();
    assert_eq!(other.run(&["export", "--json"]).assert_ok().stdout, first);
}
