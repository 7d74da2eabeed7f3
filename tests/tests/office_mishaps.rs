//! What a clumsy office does to its store, from outside, with the real fristad-cli (issue 19):
//! a restore while a window is open, an export aimed at the database, two stores' backups on one
//! USB stick, a sheet saved over a file, a shared folder, a backup killed half-way. Every case
//! failed on the main branch before it was fixed; each checks that nothing was lost.

use fristad_tests::{Cli, SYNTHETIC_ORG, new_store};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const PASSPHRASE: &str = "testlösenfras för missöden";

fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_file())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

fn backups(folder: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".fristad-backup"))
        .collect();
    found.sort();
    found
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

/// `kill-writer idle`: a program with the store open, as the window has it, waiting for a line on
/// stdin before it saves; its stdout's lines after «ready».
fn open_program(
    dir: &Path,
    run: &str,
) -> (
    std::process::Child,
    std::io::Lines<BufReader<std::process::ChildStdout>>,
) {
    let (clock, at) = fristad_tests::test_clock_env();
    let mut program = Command::new(env!("CARGO_BIN_EXE_kill-writer"))
        .args([dir.to_str().unwrap(), "idle", run])
        .env("FRISTAD_PASSPHRASE", PASSPHRASE)
        .env(clock, at)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kill-writer starts");
    let mut lines = BufReader::new(program.stdout.take().unwrap()).lines();
    assert_eq!(lines.next().unwrap().unwrap(), "ready");
    (program, lines)
}

/// Case 1: the window is open and idle (here `kill-writer idle`, which opens the store through
/// the core as the window does and writes when told). A restore is refused, naming the program
/// that has the store open; the program's later save lands in the live store.
#[test]
fn no_restore_under_an_open_program_and_its_next_save_is_kept() {
    let (tmp, dir, cli) = new_store(PASSPHRASE);
    cli.import_example();
    let usb = tmp.path().join("usb");
    std::fs::create_dir(&usb).unwrap();
    cli.run(&["backup", "--to", usb.to_str().unwrap()]).assert_ok();
    let backup = backups(&usb).pop().unwrap();

    let (mut window, lines) = open_program(&dir, "1");

    let before = files(&dir);
    let refused = cli.run(&["restore", backup.to_str().unwrap()]);
    refused.assert_refused("öppen i ett annat Fristad-program");
    assert!(
        refused
            .stderr
            .contains(&format!("kill-writer, process {}", window.id())),
        "names who has it open: {}",
        refused.stderr
    );
    assert_eq!(
        files(&dir).keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>()
    );

    // The idle program saves now: an intake, committed to the store in the data folder.
    writeln!(window.stdin.take().unwrap()).unwrap();
    let acks: Vec<String> = lines.map(|l| l.unwrap()).collect();
    let status = window.wait().unwrap();
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut window.stderr.take().unwrap(), &mut stderr).unwrap();
    assert!(status.success(), "{status}: {stderr}");
    assert!(acks.iter().any(|l| l.starts_with("ack intake")), "{acks:?}");
    let export = cli.run(&["export", "--json"]).assert_ok().json();
    assert!(export.to_string().contains("\"K1-1\""), "the save is in the live store");
    assert!(
        !std::fs::read_dir(&dir).unwrap().any(|e| e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .contains("fore-aterstallning")),
        "nothing was set aside"
    );

    // With nobody else in it, the restore goes ahead (and sets today's store aside).
    cli.run(&["restore", backup.to_str().unwrap()]).assert_ok();
    cli.run(&["verify"]).assert_ok();
}

/// Case 2: `export --out` never writes over the database, a backup, a file in the data folder or
/// an existing file (unless `--force`), and its file is the user's alone.
#[test]
fn an_export_never_writes_over_the_store_a_backup_or_a_file() {
    let (tmp, dir, cli) = new_store(PASSPHRASE);
    cli.import_example();
    let usb = tmp.path().join("usb");
    std::fs::create_dir(&usb).unwrap();
    cli.run(&["backup", "--to", usb.to_str().unwrap()]).assert_ok();
    let backup = backups(&usb).pop().unwrap();
    let (store_before, backup_before) = (files(&dir), std::fs::read(&backup).unwrap());
    let log_before = cli
        .run(&["audit", "show", "--json", "--limit", "500"])
        .assert_ok()
        .json();

    for target in [
        dir.join("fristad.db"),
        dir.join("fristad-key.json"),
        dir.join("export.json"),
        backup.clone(),
    ] {
        let t = target.to_str().unwrap();
        cli.run(&["export", "--json", "--out", t])
            .assert_refused("ingenting har sparats eller ändrats");
        cli.run(&["--force", "export", "--json", "--out", t])
            .assert_refused("ingenting har sparats eller ändrats");
    }
    // A backup renamed is still known by what it is.
    let renamed = tmp.path().join("kopia.json");
    std::fs::copy(&backup, &renamed).unwrap();
    cli.run(&["--force", "export", "--json", "--out", renamed.to_str().unwrap()])
        .assert_refused("skrivs aldrig över");

    let mine = tmp.path().join("mitt.json");
    std::fs::write(&mine, "mina anteckningar").unwrap();
    cli.run(&["export", "--json", "--out", mine.to_str().unwrap()])
        .assert_refused("finns redan och skrivs inte över");
    assert_eq!(std::fs::read_to_string(&mine).unwrap(), "mina anteckningar");

    // Nothing was changed, and the refused exports were not logged as made.
    let mut after = files(&dir);
    let mut before = store_before.clone();
    for m in [&mut after, &mut before] {
        m.retain(|name, _| name == "fristad-key.json");
    }
    assert_eq!(after, before);
    assert_eq!(std::fs::read(&backup).unwrap(), backup_before);
    cli.run(&["verify"]).assert_ok();
    assert_eq!(
        cli.run(&["audit", "show", "--json", "--limit", "500"])
            .assert_ok()
            .json(),
        log_before
    );

    // Said so: the file is replaced, whole, and readable by its owner only.
    cli.run(&["--force", "export", "--json", "--out", mine.to_str().unwrap()])
        .assert_ok();
    assert!(std::fs::read_to_string(&mine).unwrap().contains("\"placements\""));
    assert_eq!(mode(&mine), 0o600);
    let fresh = tmp.path().join("ny.json");
    cli.run(&["export", "--json", "--out", fresh.to_str().unwrap()])
        .assert_ok();
    assert_eq!(mode(&fresh), 0o600);
    // No temporary file is left beside them.
    let names: Vec<String> = files(tmp.path()).into_keys().collect();
    assert_eq!(names, vec!["kopia.json", "mitt.json", "ny.json"]);
}

/// Case 3: two stores' automatic backups on one USB stick; each store's rotation removes only
/// its own, and each backup's name says whose it is.
#[test]
fn rotation_removes_only_its_own_stores_backups() {
    let (tmp, _dir_a, a) = new_store(PASSPHRASE);
    let b = Cli::with_passphrase(&tmp.path().join("b"), "den andra jourens lösenfras");
    b.run(&[&["init"][..], &SYNTHETIC_ORG[..]].concat()).assert_ok();
    let usb = tmp.path().join("usb");
    std::fs::create_dir(&usb).unwrap();
    let stick = usb.to_str().unwrap();
    for _ in 0..3 {
        b.run(&["backup", "--to", stick, "--automatic", "--keep", "5"])
            .assert_ok();
    }
    let theirs = backups(&usb);
    assert_eq!(theirs.len(), 3);
    for _ in 0..4 {
        a.run(&["backup", "--to", stick, "--automatic", "--keep", "2"])
            .assert_ok();
    }
    let all = backups(&usb);
    assert_eq!(all.len(), 5, "B's three and A's newest two: {all:?}");
    assert!(theirs.iter().all(|p| p.exists()), "B's backups are all there");
    let prefix = |p: &PathBuf| p.file_name().unwrap().to_string_lossy()[34..42].to_owned();
    let ours: Vec<&PathBuf> = all.iter().filter(|p| !theirs.contains(p)).collect();
    assert_eq!(ours.len(), 2);
    assert_ne!(prefix(ours[0]), prefix(&theirs[0]));
    for p in &all {
        let who = if theirs.contains(p) { &b } else { &a };
        who.run(&["backup", "verify", p.to_str().unwrap()]).assert_ok();
    }
}

/// Case 10: files with personal data or keys are the user's alone; an existing file is not
/// written over by the recovery-key sheet; an existing shared folder keeps its mode; a backup
/// killed half-way leaves nothing behind once either program starts again.
#[test]
fn files_and_folders_are_left_as_they_were_and_made_private() {
    let tmp = tempfile::tempdir().unwrap();
    // A shared folder (as /tmp is), chosen as the data folder.
    let shared = tmp.path().join("delad");
    std::fs::create_dir(&shared).unwrap();
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o1777)).unwrap();
    let sheet = tmp.path().join("nyckelblad.pdf");
    std::fs::write(&sheet, "ett annat dokument").unwrap();
    let cli = Cli::with_passphrase(&shared, PASSPHRASE);
    let init = [
        &["init"][..],
        &SYNTHETIC_ORG[..],
        &["--recovery-sheet", sheet.to_str().unwrap()],
    ]
    .concat();
    cli.run(&init).assert_refused("finns redan och skrivs inte över");
    assert_eq!(std::fs::read_to_string(&sheet).unwrap(), "ett annat dokument");
    assert!(!shared.join("fristad.db").exists(), "nothing was set up");

    let sheet = tmp.path().join("nytt-nyckelblad.pdf");
    let init = [
        &["init"][..],
        &SYNTHETIC_ORG[..],
        &["--recovery-sheet", sheet.to_str().unwrap()],
    ]
    .concat();
    let made = cli.run(&init);
    made.assert_ok();
    assert!(
        made.stderr.contains("andra användare på datorn kan se in i datamappen"),
        "{}",
        made.stderr
    );
    assert_eq!(mode(&shared), 0o1777, "the folder's mode is left alone");
    assert_eq!(mode(&sheet), 0o600, "the sheet holds the key");
    cli.import_example();

    // A folder we create is ours alone.
    let own = Cli::with_passphrase(&tmp.path().join("egen"), PASSPHRASE);
    own.run(&[&["init"][..], &SYNTHETIC_ORG[..]].concat()).assert_ok();
    assert_eq!(mode(&own.data_dir), 0o700);

    let out = tmp.path().join("ut");
    std::fs::create_dir(&out).unwrap();
    let log = out.join("logg.csv");
    cli.run(&["audit", "show", "--csv", log.to_str().unwrap()]).assert_ok();
    let export = out.join("export.json");
    cli.run(&["export", "--json", "--out", export.to_str().unwrap()])
        .assert_ok();
    let sie = out.join("bokforing.se");
    cli.run(&[
        "sie",
        "export",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "--out",
        sie.to_str().unwrap(),
    ])
    .assert_ok();
    for file in [&log, &export, &sie] {
        assert_eq!(mode(file), 0o600, "{}", file.display());
    }

    // A backup killed half-way: what it left (a snapshot, a backup being written) goes when
    // fristad-cli next opens the store, and also when the next backup is made there.
    let usb = tmp.path().join("usb");
    std::fs::create_dir(&usb).unwrap();
    cli.run(&["settings", "set", "--backup-folder", usb.to_str().unwrap()])
        .assert_ok();
    let leftovers = [
        usb.join(".fristad-tmp-0123456789abcdef.db"),
        usb.join(".fristad-sakerhetskopia-0123456789abcdef.tmp"),
        shared.join("fristad-tmp-fedcba9876543210.db"),
    ];
    for p in &leftovers {
        std::fs::write(p, vec![0u8; 4096]).unwrap();
    }
    cli.run(&["audit", "show", "--limit", "1"]).assert_ok();
    for p in &leftovers {
        assert!(!p.exists(), "{} left behind", p.display());
    }
    std::fs::write(&leftovers[0], b"x").unwrap();
    cli.run(&["backup", "--to", usb.to_str().unwrap()]).assert_ok();
    assert!(!leftovers[0].exists());
    assert_eq!(backups(&usb).len(), 1);
    assert_eq!(files(&usb).len(), 1, "only the backup is in the folder");
}

/// Case 4: the access log's end cut off, by someone holding the recovery key but not thinking
/// of the witness beside the database: `audit verify` and `verify` say how many entries are
/// gone; the next open records the finding in the log itself, where `verify` keeps showing it.
/// A dropped log table and a deleted witness are found too.
#[test]
fn a_cut_off_log_end_is_found_and_stays_found() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let cli = Cli::with_passphrase(&dir, PASSPHRASE);
    let init = cli
        .run(&[&["init"][..], &SYNTHETIC_ORG[..]].concat())
        .assert_ok()
        .stdout
        .clone();
    let hex = fristad_tests::recovery_hex(&fristad_tests::recovery_key_line(&init));
    cli.import_example();
    for _ in 0..6 {
        cli.run(&["export", "--json"]).assert_ok();
    }
    cli.run(&["audit", "verify"]).assert_ok();
    cli.run(&["verify"]).assert_ok();
    let db = dir.join("fristad.db");
    let sql = |q: &str| fristad_tests::sqlcipher_query(&db, &hex, q).unwrap();
    let last: i64 = sql("SELECT max(seq) FROM access_log")[0].parse().unwrap();

    // The last five entries (the exports) go, and the chain that is left is whole.
    sql("DROP TRIGGER access_log_no_delete");
    sql(&format!("DELETE FROM access_log WHERE seq > {}", last - 5));
    let said = cli.run(&["audit", "verify"]);
    said.assert_refused("de sista 5 posterna i åtkomstloggen saknas");
    let json = cli.run(&["audit", "verify", "--json"]).json();
    assert_eq!(json["broken_at"], serde_json::Value::Null, "the chain itself holds");
    assert_eq!(json["witness"]["count"], 5);
    cli.run(&["verify"]).assert_refused("de sista 5 posterna");

    // Opening the store to work records the finding in the log; it stays found.
    cli.run(&["audit", "show", "--limit", "1"]).assert_ok();
    let log = cli.run(&["audit", "show", "--json", "--limit", "5"]).assert_ok().json();
    assert!(log.to_string().contains("access_log_witness_finding"), "{log}");
    cli.run(&["verify"]).assert_refused("Fyndet står kvar i åtkomstloggen");
    cli.run(&["audit", "verify"]).assert_refused("de sista 5 posterna");

    // A deleted witness is a finding too, and so is a log table dropped whole.
    std::fs::remove_file(dir.join("fristad-logghuvud.json")).unwrap();
    cli.run(&["verify"])
        .assert_refused("vittne (filen fristad-logghuvud.json bredvid databasen) saknas");
    sql("DROP TABLE access_log");
    cli.run(&["verify"])
        .assert_refused("Åtkomstloggen (tabellen access_log) saknas");
}

/// Case 5: a key that may have gone astray is changed. Refused while another program has the
/// store open; then the new recovery key opens the database (also with SQLCipher 4 from outside)
/// and nothing is lost, while the old recovery key, and an old copy of the key file with the
/// passphrase, open nothing. A backup made before keeps its old key.
#[test]
fn a_changed_key_leaves_the_old_key_and_key_file_opening_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let cli = Cli::with_passphrase(&dir, PASSPHRASE);
    let init = cli.run(&[&["init"][..], &SYNTHETIC_ORG[..]].concat());
    init.assert_ok();
    let old_hex = fristad_tests::recovery_hex(&fristad_tests::recovery_key_line(&init.stdout));
    cli.import_example();
    let usb = tmp.path().join("usb");
    std::fs::create_dir(&usb).unwrap();
    cli.run(&["backup", "--to", usb.to_str().unwrap()]).assert_ok();
    let old_backup = backups(&usb).pop().unwrap();
    let old_key_file = std::fs::read(dir.join("fristad-key.json")).unwrap();
    let export_before = cli.run(&["export", "--json"]).assert_ok().json();

    // Refused under an open program, naming it; nothing changes.
    let (mut window, _lines) = open_program(&dir, "1");
    let before = files(&dir);
    let refused = cli.run(&["key", "change"]);
    refused.assert_refused(&format!("kill-writer, process {}", window.id()));
    drop(window.stdin.take());
    let _ = window.kill();
    let _ = window.wait();
    // The store's own files, byte for byte; the lock and the WAL's shared memory belong to
    // whoever has the store open.
    let lasting = |all: BTreeMap<String, Vec<u8>>| -> BTreeMap<String, Vec<u8>> {
        all.into_iter()
            .filter(|(n, _)| ["fristad.db", "fristad-key.json", "fristad-logghuvud.json"].contains(&n.as_str()))
            .collect()
    };
    let (after, before) = (lasting(files(&dir)), lasting(before));
    assert_eq!(after.len(), 3);
    assert!(after == before, "a refused change leaves the data folder as it was");
    assert!(
        !std::fs::read_dir(&dir)
            .unwrap()
            .any(|e| e.unwrap().file_name().to_string_lossy().contains("ny-nyckel")),
        "nothing pending is left"
    );

    // The change, with the same passphrase and a new recovery sheet.
    let sheet = tmp.path().join("nytt-ark.pdf");
    let changed = cli
        .run(&["key", "change", "--recovery-sheet", sheet.to_str().unwrap(), "--json"])
        .assert_ok()
        .json();
    let new_hex = fristad_tests::recovery_hex(changed["recovery_key"].as_str().unwrap());
    assert_ne!(new_hex, old_hex);
    assert!(sheet.exists());
    assert_eq!(
        cli.run(&["export", "--json"]).assert_ok().json(),
        export_before,
        "nothing lost"
    );
    cli.run(&["verify"]).assert_ok();
    cli.run(&["audit", "verify"]).assert_ok();

    // From outside: only the new key opens the database.
    let db = dir.join("fristad.db");
    assert!(fristad_tests::sqlcipher_query(&db, &new_hex, "SELECT count(*) FROM people").is_ok());
    assert!(fristad_tests::sqlcipher_query(&db, &old_hex, "SELECT count(*) FROM people").is_err());
    // An old copy of the key file with the passphrase opens nothing.
    let copy = tmp.path().join("kopia");
    std::fs::create_dir(&copy).unwrap();
    std::fs::copy(&db, copy.join("fristad.db")).unwrap();
    std::fs::write(copy.join("fristad-key.json"), &old_key_file).unwrap();
    Cli::with_passphrase(&copy, PASSPHRASE)
        .run(&["verify"])
        .assert_refused("går inte att läsa med sin nyckel");

    // The backup made before opens with the old recovery key, not with the new one.
    let key_file = |name: &str, hex: &str| {
        let path = tmp.path().join(name);
        std::fs::write(&path, hex).unwrap();
        path
    };
    let old_key = key_file("gammal.txt", &old_hex);
    let new_key = key_file("ny.txt", &new_hex);
    let elsewhere = Cli::with_passphrase(&tmp.path().join("annan"), "en annan lösenfras");
    let verify_with = |key: &Path| {
        elsewhere.run(&[
            "backup",
            "verify",
            old_backup.to_str().unwrap(),
            "--recovery-key-file",
            key.to_str().unwrap(),
        ])
    };
    verify_with(&old_key).assert_ok();
    assert!(!verify_with(&new_key).ok());
}

/// Case 4, the rest: a careful forger with the recovery key cuts the log back below a backup's
/// end, writes the witness beside the database to match, and lets the office write on as if
/// nothing happened. The witness is fooled; the backup on the stick is not: `audit verify` and
/// `verify` name it and say what is wrong, first the cut, then the rewritten entry.
#[test]
fn a_log_rewritten_after_a_backup_is_found_by_the_backup() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let cli = Cli::with_passphrase(&dir, PASSPHRASE);
    let init = cli
        .run(&[&["init"][..], &SYNTHETIC_ORG[..]].concat())
        .assert_ok()
        .stdout
        .clone();
    let hex = fristad_tests::recovery_hex(&fristad_tests::recovery_key_line(&init));
    cli.import_example();
    let usb = tmp.path().join("usb");
    std::fs::create_dir(&usb).unwrap();
    cli.run(&["settings", "set", "--backup-folder", usb.to_str().unwrap()])
        .assert_ok();
    for _ in 0..4 {
        cli.run(&["export", "--json"]).assert_ok();
    }
    cli.run(&["backup", "--to", usb.to_str().unwrap()]).assert_ok();
    let backup = backups(&usb).pop().unwrap();
    let name = backup.file_name().unwrap().to_string_lossy().into_owned();

    // The backup's header says where its log ends, signed in the organisation's name.
    let checked = cli
        .run(&["backup", "verify", backup.to_str().unwrap(), "--json"])
        .assert_ok()
        .json();
    let head = checked["backup"]["log_head"].clone();
    let seq = head["seq"].as_i64().unwrap();
    assert!(head["signed_by"].as_str().unwrap().contains("Exempelstad"), "{head}");
    let said = cli
        .run(&["backup", "verify", backup.to_str().unwrap()])
        .assert_ok()
        .stdout
        .clone();
    assert!(
        said.contains(&format!(
            "Åtkomstloggen i den slutar vid post {seq}, så som huvudet säger"
        )),
        "{said}"
    );
    for _ in 0..3 {
        cli.run(&["export", "--json"]).assert_ok();
    }
    let json = cli.run(&["audit", "verify", "--json"]).assert_ok().json();
    assert_eq!(json["backups"][0]["status"], "holds", "{json}");
    assert_eq!(json["backups"][0]["file_name"], name.as_str());
    cli.run(&["verify"]).assert_ok();

    // Cut back below the backup's end; the witness written to match, with the key.
    let db = dir.join("fristad.db");
    let sql = |q: &str| fristad_tests::sqlcipher_query(&db, &hex, q).unwrap();
    sql("DROP TRIGGER access_log_no_delete");
    sql(&format!("DELETE FROM access_log WHERE seq > {}", seq - 2));
    let last = sql("SELECT hash FROM access_log ORDER BY seq DESC LIMIT 1").remove(0);
    let key = fristad::keys::DbKey::parse_recovery(&hex).unwrap();
    fristad::store::witness::Witness::new(&fristad::data_dir::DataDir::new(&dir), &key)
        .write(&fristad::store::witness::Head {
            seq: seq - 2,
            hash: last,
        })
        .unwrap();
    let json = cli.run(&["audit", "verify", "--json"]).json();
    assert_eq!(json["broken_at"], serde_json::Value::Null, "the chain holds");
    assert_eq!(json["witness"], serde_json::Value::Null, "the witness is fooled");
    assert_eq!(json["backups"][0]["status"], "cut", "{json}");
    assert_eq!(json["backups"][0]["last"], seq - 2);
    let cut = format!("Åtkomstloggen har kortats efter säkerhetskopian {name}");
    cli.run(&["audit", "verify"]).assert_refused(&cut);
    cli.run(&["verify"]).assert_refused(&cut).assert_refused(&format!(
        "den slutade då vid post {seq}, men slutar nu vid post {}",
        seq - 2
    ));

    // The office writes on: the log grows past the backup's end again, with other entries.
    for _ in 0..4 {
        cli.run(&["export", "--json"]).assert_ok();
    }
    let json = cli.run(&["audit", "verify", "--json"]).json();
    assert_eq!(json["witness"], serde_json::Value::Null);
    assert_eq!(json["backups"][0]["status"], "rewritten", "{json}");
    let rewritten = format!("Åtkomstloggen har skrivits om efter säkerhetskopian {name}");
    cli.run(&["audit", "verify"])
        .assert_refused(&rewritten)
        .assert_refused(&format!("post {seq} är inte densamma som i säkerhetskopian"));
    cli.run(&["verify"]).assert_refused(&rewritten);
    let report = cli.run(&["verify", "--json"]).json();
    assert_eq!(report["ok"], false);
    assert_eq!(report["report"]["backups"][0]["status"], "rewritten");
}

/// Case 4, the write-ahead log: a program killed after a save leaves the save in the WAL; one
/// byte changed there would make SQLite drop the save without a word. `verify` reports it
/// instead, and opening the store to work keeps the finding in the log, where it stays after the
/// WAL itself is gone.
#[test]
fn a_damaged_write_ahead_log_is_reported_not_silently_dropped() {
    let (_tmp, dir, cli) = new_store(PASSPHRASE);
    cli.import_example();
    let (mut window, mut lines) = open_program(&dir, "2");
    let mut stdin = window.stdin.take().unwrap();
    writeln!(stdin, "stay").unwrap();
    assert!(
        lines.by_ref().map(|l| l.unwrap()).any(|l| l.starts_with("ack intake")),
        "the save is made"
    );
    window.kill().unwrap();
    window.wait().unwrap();
    drop(stdin);

    let wal = dir.join("fristad.db-wal");
    assert!(std::fs::metadata(&wal).unwrap().len() > 32, "the save is in the WAL");
    // One byte of the first frame's page.
    fristad_tests::flip_byte(&wal, 32 + 24 + 100);
    cli.run(&["verify"]).assert_refused("skrivlogg");

    // Opening the store to work loses the save, as SQLite does, but not the finding.
    cli.run(&["audit", "show", "--limit", "1"]).assert_ok();
    assert!(
        std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0) == 0,
        "the WAL was written back"
    );
    let export = cli.run(&["export", "--json"]).assert_ok().json();
    assert!(!export.to_string().contains("\"K2-1\""), "the save is gone");
    cli.run(&["verify"]).assert_refused("skrivlogg");
}

/// Case 9: the data disk full, in a mount namespace of the test's own (a small tmpfs), while a
/// program has the store open. `backup --to` a roomy folder makes a whole backup and says that
/// the access log could not record it; `export` is refused, since an export is logged before it
/// is written, and says the disk is full, leaving no file; and with every program closed and the
/// disk full again, opening the store says the disk is full, not «disk I/O error».
#[test]
fn a_full_data_disk_still_lets_a_backup_out_and_says_what_it_is() {
    let tmp = tempfile::tempdir().unwrap();
    let (mnt, roomy, out) = (tmp.path().join("mnt"), tmp.path().join("usb"), tmp.path().join("out"));
    for d in [&mnt, &roomy, &out] {
        std::fs::create_dir(d).unwrap();
    }
    let (clock, at) = fristad_tests::test_clock_env();
    let quote = |s: &str| format!("'{}'", s.replace('\'', "'\\''"));
    let org: Vec<String> = SYNTHETIC_ORG.iter().map(|a| quote(a)).collect();
    let script = format!(
        r#"set -u
mount -t tmpfs -o size=8m tmpfs {mnt} || exit 90
export FRISTAD_DATA_DIR={mnt}/data
{cli} init {org} > /dev/null || exit 91
{cli} import {fixture} > /dev/null || exit 92
mkfifo {out}/fifo
{kw} {mnt}/data idle 1 < {out}/fifo > {out}/kw.out 2>&1 &
exec 3> {out}/fifo
for i in $(seq 100); do grep -q ready {out}/kw.out && break; sleep 0.1; done
dd if=/dev/zero of={mnt}/fill bs=4k 2> /dev/null
{cli} backup --to {roomy} > {out}/backup.out 2> {out}/backup.err; echo $? > {out}/backup.rc
{cli} export --json --out {roomy}/export.json > /dev/null 2> {out}/export.err; echo $? > {out}/export.rc
exec 3>&-
wait
rm {mnt}/fill
{cli} audit show --limit 1 > /dev/null || exit 93
dd if=/dev/zero of={mnt}/fill bs=4k 2> /dev/null
{cli} verify > /dev/null 2> {out}/verify.err; echo $? > {out}/verify.rc
"#,
        mnt = quote(mnt.to_str().unwrap()),
        roomy = quote(roomy.to_str().unwrap()),
        out = quote(out.to_str().unwrap()),
        cli = quote(fristad_tests::program("fristad-cli").to_str().unwrap()),
        kw = quote(env!("CARGO_BIN_EXE_kill-writer")),
        fixture = quote(
            fristad_tests::workspace_dir()
                .join("tests/fixtures/import-example.json")
                .to_str()
                .unwrap()
        ),
        org = org.join(" "),
    );
    let ran = Command::new("unshare")
        .args(["-rm", "sh", "-c", &script])
        .env("FRISTAD_PASSPHRASE", PASSPHRASE)
        .env("FRISTAD_USER", fristad_tests::TEST_ADMIN)
        .env("FRISTAD_PASSWORD", fristad_tests::TEST_PASSWORD)
        .env(clock, at)
        .output()
        .expect("unshare runs");
    assert!(
        ran.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&ran.stdout),
        String::from_utf8_lossy(&ran.stderr)
    );
    let read = |name: &str| std::fs::read_to_string(out.join(name)).unwrap_or_default();

    assert_eq!(read("backup.rc").trim(), "0", "{}", read("backup.err"));
    assert!(
        read("backup.err").contains("åtkomstloggen kunde inte anteckna den"),
        "{}",
        read("backup.err")
    );
    assert!(read("backup.err").contains("Disken där databasen ligger är full"));
    let made = backups(&roomy);
    assert_eq!(made.len(), 1);
    Cli::with_passphrase(&tmp.path().join("annan"), PASSPHRASE)
        .run(&["backup", "verify", made[0].to_str().unwrap()])
        .assert_ok();

    assert_eq!(read("export.rc").trim(), "1");
    assert!(
        read("export.err").contains("Disken där databasen ligger är full"),
        "{}",
        read("export.err")
    );
    assert_eq!(files(&roomy).len(), 1, "no export file, no leftovers beside the backup");

    assert_eq!(read("verify.rc").trim(), "1");
    assert!(
        read("verify.err").contains("Disken där databasen ligger är full"),
        "{}",
        read("verify.err")
    );
    assert!(!read("verify.err").contains("disk I/O error"));
}
