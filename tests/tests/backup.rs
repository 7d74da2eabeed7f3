//! Backups through `fristad-cli`: backup → restore gives the same records on another computer
//! and over an existing store (which is kept under a dated name); damaged, truncated and foreign
//! files and wrong keys are refused with the data folder unchanged byte for byte; the backup file
//! holds no plaintext and opens with the recovery key in any SQLCipher 4 tool; rotation keeps N.
//! Every person is synthetic.

use fristad_tests::{Cli, Run, file_contains, recovery_hex, recovery_key_line, run_python, sqlcipher_query};
use serde_json::json;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Synthetic names, identity numbers and places that must never be readable in a backup file.
const SECRETS: [&str; 9] = [
    "Testa Exempelsdotter",
    "Lilla Exempelsdotter",
    "19900101-0017",
    "900101-0017",
    "Annanstad",
    "Borås",
    "Kvinno- och tjejjouren Exempelstad",
    "Nattlig ankomst med polis",
    "SQLite format 3",
];

struct Store {
    cli: Cli,
    recovery_hex: String,
}

/// A store with municipalities, tariffs, rooms, a woman and her child, a journal note, an
/// orosanmälan, a refused request and the month's invoices.
fn store(root: &Path, name: &str, passphrase: &str) -> Store {
    let cli = Cli::with_passphrase(&root.join(name), passphrase);
    let init = cli.run(&[&["init"][..], &fristad_tests::SYNTHETIC_ORG[..]].concat());
    init.assert_ok();
    let recovery_hex = recovery_hex(&recovery_key_line(&init.stdout));
    let file = json!({
        "municipalities": [
            {"key": "boras", "name": "Borås Stad", "org_number": "212000-1561", "price_class": "iop",
             "acute_clause": true, "address": "Box 1, 501 80 Borås", "peppol_id": "0007:2120001561", "buyer_reference": "YY123"},
            {"key": "annan", "name": "Annan kommun", "org_number": "212000-1579", "price_class": "standard",
             "acute_clause": false, "address": "Box 2, 123 45 Annanstad", "peppol_id": "0007:2120001579", "buyer_reference": "REF-9"}
        ],
        "tariffs": [
            {"valid_from": "2026-01-01", "category": "adult", "iop": "1650.00", "standard": "1950.00"},
            {"valid_from": "2026-01-01", "category": "child", "iop": "950.00", "standard": "1150.00"}
        ],
        "rooms": [{"key": "akut", "name": "Akutrummet", "acute": true, "beds": 3}],
        "placements": [{
            "key": "P1", "municipality": "annan", "reference": "REF 26-1", "acute": false, "room": "akut",
            "violence": "nara_relation", "arrived": "2026-03-01T22:15",
            "stays": [
                {"person": "W1", "name": "Testa Exempelsdotter", "category": "adult", "birth_year": 1990,
                 "personal_number": "19900101-0017", "in": "2026-03-01T22:15", "out": "2026-03-06T10:00",
                 "destination": "eget_boende"},
                {"person": "C1", "name": "Lilla Exempelsdotter", "category": "child", "birth_year": 2019,
                 "in": "2026-03-02T09:00", "out": "2026-03-06T10:00", "destination": "eget_boende"}
            ]
        }],
        "journal": [{"placement": "P1", "author": "EK", "body": "Nattlig ankomst med polis", "written_at": "2026-03-01T22:40"}],
        "concern_reports": [{"person": "C1", "placement": "P1", "reported_on": "2026-03-02",
                             "recipient": "Socialtjänsten", "method": "skriftligt", "author": "EK"}],
        "refused_requests": [{"requested_on": "2026-03-04", "women": 1, "children": 2}]
    });
    let path = root.join(format!("{name}.json"));
    std::fs::write(&path, file.to_string()).unwrap();
    cli.run(&["import", path.to_str().unwrap()]).assert_ok();
    std::fs::remove_file(&path).unwrap();
    cli.run(&["invoice", "run", "--through", "2026-03-31", "--json"])
        .assert_ok();
    Store { cli, recovery_hex }
}

fn backup(cli: &Cli, folder: &Path, extra: &[&str]) -> PathBuf {
    std::fs::create_dir_all(folder).unwrap();
    let run = cli.run(&[&["backup", "--to", folder.to_str().unwrap(), "--json"][..], extra].concat());
    run.assert_ok();
    PathBuf::from(run.json()["backup"]["path"].as_str().unwrap())
}

/// What the store holds, as the program shows it.
fn records(cli: &Cli) -> (String, String) {
    let export = cli.run(&["export", "--json"]);
    export.assert_ok();
    let invoices = cli.run(&["invoice", "list", "--json"]);
    invoices.assert_ok();
    (export.stdout, invoices.stdout)
}

/// Every file in a folder and its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

fn key_file(root: &Path, name: &str, hex: &str) -> PathBuf {
    let path = root.join(name);
    // Written as people copy it: groups of four, a line break at the end.
    let grouped: Vec<String> = hex
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect();
    std::fs::write(&path, grouped.join(" ") + "\n").unwrap();
    path
}

/// The database inside a backup file (see `fristad::backup::format`).
fn database_in(backup: &Path) -> Vec<u8> {
    let bytes = std::fs::read(backup).unwrap();
    assert_eq!(&bytes[..16], b"\x89FRISTAD-BACKUP\n");
    let header_len = u32::from_le_bytes(bytes[18..22].try_into().unwrap()) as usize;
    let at = 22 + header_len;
    let db_len = u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap()) as usize;
    assert_eq!(bytes.len(), at + 8 + db_len + 32);
    bytes[at + 8..at + 8 + db_len].to_vec()
}

#[test]
fn backup_then_restore_on_another_computer_gives_the_same_records() {
    let tmp = tempfile::tempdir().unwrap();
    let Store { cli, recovery_hex } = store(tmp.path(), "data", "x");
    let file = backup(&cli, &tmp.path().join("usb"), &[]);
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.starts_with("fristad-sakerhetskopia-") && name.ends_with(".fristad-backup"),
        "{name}"
    );
    let before = records(&cli);
    assert!(before.0.contains("Testa Exempelsdotter"));

    // Another computer with the recovery key, keeping the key with its own passphrase.
    let recovery = key_file(tmp.path(), "nyckel.txt", &recovery_hex);
    let other = Cli::with_passphrase(&tmp.path().join("ny-dator"), "ny dators lösenfras");
    let run = other.run(&[
        "restore",
        file.to_str().unwrap(),
        "--recovery-key-file",
        recovery.to_str().unwrap(),
        "--json",
    ]);
    run.assert_ok();
    let out = run.json();
    assert_eq!(out["backup"]["opened_with"], "recovery_key");
    assert_eq!(out["set_aside"], json!([]));
    let count = |table: &str| {
        out["backup"]["counts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["table"] == table)
            .unwrap()["count"]
            .as_i64()
            .unwrap()
    };
    assert_eq!((count("people"), count("placements"), count("stays")), (2, 1, 2));
    assert!(count("invoices") >= 1);
    assert_eq!(records(&other), before);
    other.run(&["verify"]).assert_ok();
    // Only the store (and the lock every program takes) is in the new folder: no temporary files.
    let names: Vec<String> = files(&other.data_dir).into_keys().collect();
    assert_eq!(
        names,
        vec![
            "fristad-key.json",
            "fristad-logghuvud.json",
            "fristad.db",
            "fristad.lock"
        ]
    );

    // Another computer with the store's passphrase only: the key travels wrapped in the backup.
    let third = Cli::with_passphrase(&tmp.path().join("tredje-dator"), "x");
    let run = third.run(&["restore", file.to_str().unwrap(), "--json"]);
    run.assert_ok();
    assert_eq!(run.json()["backup"]["opened_with"], "passphrase");
    assert_eq!(records(&third), before);
    third.run(&["verify"]).assert_ok();
}

#[test]
fn restore_over_a_store_keeps_the_current_database_under_a_dated_name() {
    let tmp = tempfile::tempdir().unwrap();
    let Store { cli, recovery_hex } = store(tmp.path(), "data", "x");
    let file = backup(&cli, &tmp.path().join("usb"), &[]);
    let at_backup = records(&cli);

    // A later change, which the restore takes back but keeps aside.
    let later = tmp.path().join("later.json");
    std::fs::write(
        &later,
        json!({"requests": [{"date": "2026-04-01", "from": "socialtjansten", "adults": 3, "children": 0,
                             "outcome": "nekad", "reason": "fullt"}]})
        .to_string(),
    )
    .unwrap();
    cli.run(&["import", later.to_str().unwrap()]).assert_ok();
    assert_ne!(records(&cli), at_backup);
    let key_file_before = std::fs::read(cli.data_dir.join("fristad-key.json")).unwrap();

    let run = cli.run(&["restore", file.to_str().unwrap(), "--json"]);
    run.assert_ok();
    let out = run.json();
    assert_eq!(out["backup"]["opened_with"], "this_store");
    let aside = PathBuf::from(out["set_aside"][0].as_str().unwrap());
    let aside_name = aside.file_name().unwrap().to_string_lossy().into_owned();
    assert!(aside_name.starts_with("fristad.db.fore-aterstallning-"), "{aside_name}");
    assert_eq!(aside.parent().unwrap(), cli.data_dir);
    assert_eq!(records(&cli), at_backup);
    cli.run(&["verify"]).assert_ok();
    // The key is kept as before, and the kept database still holds the later change.
    assert_eq!(
        std::fs::read(cli.data_dir.join("fristad-key.json")).unwrap(),
        key_file_before
    );
    let kept = sqlcipher_query(&aside, &recovery_hex, "SELECT adults FROM requests ORDER BY date").unwrap();
    assert_eq!(kept, vec!["1", "3"]);
}

/// The refusal's message, and that nothing in the data folder changed.
fn refused(cli: &Cli, args: &[&str], message_part: &str) -> Run {
    let before = files(&cli.data_dir);
    let run = cli.run(args);
    run.assert_refused(message_part);
    assert_eq!(files(&cli.data_dir), before, "the data folder changed after: {args:?}");
    run
}

#[test]
fn damaged_truncated_and_foreign_files_and_wrong_keys_are_refused_and_change_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let Store { cli, recovery_hex } = store(tmp.path(), "data", "x");
    let good = backup(&cli, &tmp.path().join("usb"), &[]);
    let bytes = std::fs::read(&good).unwrap();
    let path = |name: &str| tmp.path().join(name);

    std::fs::write(path("halv.fristad-backup"), &bytes[..bytes.len() / 2]).unwrap();
    std::fs::write(path("kort.fristad-backup"), &bytes[..bytes.len() - 1]).unwrap();
    let mut flipped = bytes.clone();
    let middle = bytes.len() / 2;
    flipped[middle] ^= 0x01;
    std::fs::write(path("skadad.fristad-backup"), &flipped).unwrap();
    std::fs::write(
        path("slump.fristad-backup"),
        (0..100_000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect::<Vec<_>>(),
    )
    .unwrap();
    let plain = path("vanlig.db");
    let out = run_python(
        "import sqlite3, sys\nc = sqlite3.connect(sys.argv[1])\nc.execute('create table t(x)')\nc.commit()",
        &[plain.to_str().unwrap()],
    );
    assert!(out.status.success());
    // Another shelter's store and backup, with another passphrase and recovery key.
    let other = store(tmp.path(), "annan", "en annan lösenfras");
    let foreign = backup(&other.cli, &tmp.path().join("annan-usb"), &[]);

    for (file, message) in [
        ("halv.fristad-backup", "kortare än den ska vara"),
        ("kort.fristad-backup", "kortare än den ska vara"),
        ("skadad.fristad-backup", "kontrollsumman stämmer inte"),
        ("slump.fristad-backup", "ingen säkerhetskopia från Fristad"),
        ("vanlig.db", "ingen säkerhetskopia från Fristad"),
    ] {
        let file = path(file);
        let run = refused(&cli, &["restore", file.to_str().unwrap()], message);
        assert!(run.stderr.contains("ingenting har ändrats") || run.stderr.contains("Ingenting har ändrats"));
        refused(&cli, &["backup", "verify", file.to_str().unwrap()], message);
    }
    // The other store's backup: this store's passphrase, this store's recovery key.
    refused(
        &cli,
        &["restore", foreign.to_str().unwrap()],
        "Lösenfrasen öppnar inte säkerhetskopian",
    );
    let mine = key_file(tmp.path(), "min-nyckel.txt", &recovery_hex);
    refused(
        &cli,
        &[
            "restore",
            foreign.to_str().unwrap(),
            "--recovery-key-file",
            mine.to_str().unwrap(),
        ],
        "Återställningsnyckeln öppnar inte säkerhetskopian",
    );
    // A mistyped recovery key is refused before anything is read.
    let short = key_file(tmp.path(), "kort-nyckel.txt", &recovery_hex[..60]);
    refused(
        &cli,
        &[
            "restore",
            good.to_str().unwrap(),
            "--recovery-key-file",
            short.to_str().unwrap(),
        ],
        "64 tecken",
    );

    // Into a new folder: refused, and the folder is not even created.
    let new = Cli::with_passphrase(&tmp.path().join("ny"), "x");
    new.run(&["restore", path("halv.fristad-backup").to_str().unwrap()])
        .assert_refused("kortare");
    assert!(!new.data_dir.exists());
    // Without any key that opens it: the recovery key is asked for by name.
    Cli::with_passphrase(&tmp.path().join("ny"), "fel")
        .run(&["restore", good.to_str().unwrap()])
        .assert_refused("Lösenfrasen öppnar inte");
    assert!(!new.data_dir.exists());

    // The good file still restores.
    cli.run(&["restore", good.to_str().unwrap()]).assert_ok();
}

#[test]
fn the_backup_file_holds_no_plaintext_and_opens_with_the_recovery_key_in_sqlcipher() {
    let tmp = tempfile::tempdir().unwrap();
    let Store { cli, recovery_hex } = store(tmp.path(), "data", "x");
    let file = backup(&cli, &tmp.path().join("usb"), &[]);
    for secret in SECRETS {
        assert!(!file_contains(&file, secret), "«{secret}» readable in the backup");
    }
    // The header tells how the key is kept and nothing about anyone.
    let header_end = 22 + u32::from_le_bytes(std::fs::read(&file).unwrap()[18..22].try_into().unwrap()) as usize;
    let header: serde_json::Value = serde_json::from_slice(&std::fs::read(&file).unwrap()[22..header_end]).unwrap();
    assert_eq!(header["format"], "fristad-backup/1");
    assert_eq!(header["key_storage"], "passphrase");
    assert!(!header.to_string().contains(&recovery_hex));

    // The database in it is SQLCipher 4 under the store's own key: the recovery key opens it
    // with default settings, outside the program.
    let db = tmp.path().join("inuti.db");
    std::fs::write(&db, database_in(&file)).unwrap();
    let names = sqlcipher_query(&db, &recovery_hex, "SELECT name FROM people ORDER BY key").unwrap();
    assert_eq!(names, vec!["Lilla Exempelsdotter", "Testa Exempelsdotter"]);
    let wrong: String = recovery_hex.chars().rev().collect();
    assert!(sqlcipher_query(&db, &wrong, "SELECT count(*) FROM people").is_err());
}

#[test]
fn backup_verify_passes_on_a_good_file_and_fails_on_a_damaged_one() {
    let tmp = tempfile::tempdir().unwrap();
    let Store { cli, recovery_hex } = store(tmp.path(), "data", "x");
    let file = backup(&cli, &tmp.path().join("usb"), &[]);

    let run = cli.run(&["backup", "verify", file.to_str().unwrap()]);
    run.assert_ok();
    assert!(run.stdout.contains("Säkerhetskopian är hel"), "{}", run.stdout);
    assert!(run.stdout.contains("2 personer"), "{}", run.stdout);
    // On a computer without the store: with the recovery key from a file.
    let recovery = key_file(tmp.path(), "nyckel.txt", &recovery_hex);
    let elsewhere = Cli::with_keyring(&tmp.path().join("annan-dator"));
    let run = elsewhere.run(&[
        "backup",
        "verify",
        file.to_str().unwrap(),
        "--recovery-key-file",
        recovery.to_str().unwrap(),
        "--json",
    ]);
    run.assert_ok();
    assert_eq!(run.json()["ok"], true);
    assert_eq!(run.json()["backup"]["opened_with"], "recovery_key");
    assert!(!elsewhere.data_dir.exists());
    // …and without it, refused with what to do.
    elsewhere
        .run(&["backup", "verify", file.to_str().unwrap()])
        .assert_refused("Ange återställningsnyckeln");

    let mut bytes = std::fs::read(&file).unwrap();
    let at = bytes.len() - 5000;
    bytes[at] ^= 0x10;
    std::fs::write(&file, &bytes).unwrap();
    cli.run(&["backup", "verify", file.to_str().unwrap()])
        .assert_refused("skadad eller ofullständig");
}

#[test]
fn automatic_backups_are_rotated_and_nothing_else_is_touched() {
    let tmp = tempfile::tempdir().unwrap();
    let Store { cli, .. } = store(tmp.path(), "data", "x");
    let usb = tmp.path().join("usb");
    let manual = backup(&cli, &usb, &[]);
    let notes = usb.join("anteckningar.txt");
    std::fs::write(&notes, "annat").unwrap();

    let mut made = Vec::new();
    for _ in 0..5 {
        made.push(backup(&cli, &usb, &["--automatic", "--keep", "3"]));
    }
    for path in &made {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.starts_with("fristad-sakerhetskopia-automatisk-"), "{name}");
    }
    let mut left: Vec<PathBuf> = std::fs::read_dir(&usb).unwrap().map(|e| e.unwrap().path()).collect();
    left.sort();
    let mut expected = vec![manual, notes];
    expected.extend(made[2..].iter().cloned());
    expected.sort();
    assert_eq!(left, expected);
}
