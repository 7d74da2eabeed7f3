//! The rules of backups, against real encrypted stores in temporary folders. Every person here
//! is synthetic.

use super::*;
use crate::keys::{DbKey, KeyStorage};
use crate::secret::Secret;
use crate::setup::{self, KeyChoice};
use chrono::TimeZone;
use std::collections::BTreeMap;

mod log_head;

const NAME: &str = "Testperson Exempelsdotter";
const PASSPHRASE: &str = "en lång test-lösenfras";

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 28, 13, 30, 0).unwrap()
}

fn pass() -> Secret<String> {
    Secret::new(PASSPHRASE.into())
}

/// A store in passphrase mode with one synthetic person, written last so that it is still only
/// in the write-ahead log.
fn store(root: &Path, name: &str) -> (DataDir, Store, DbKey) {
    let dir = DataDir::new(root.join(name));
    let created = setup::create(&dir, None, KeyChoice::Passphrase(pass()), "test", now()).unwrap();
    let mut store = created.store;
    add_person(&mut store, "T1", NAME);
    (dir, store, created.key)
}

fn add_person(store: &mut Store, key: &str, name: &str) {
    store
        .write(|tx| {
            tx.execute(
                "INSERT INTO people (key, name, birth_year, protected_identity) VALUES (?1, ?2, 1990, 0)",
                [key, name],
            )?;
            Ok(())
        })
        .unwrap();
}

fn people(store: &Store) -> Vec<String> {
    let mut stmt = store.conn().prepare("SELECT name FROM people ORDER BY key").unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

fn count(v: &Verified, table: &str) -> i64 {
    v.counts.iter().find(|c| c.table == table).unwrap().count
}

/// Every file in a folder and its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
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

fn recovery(key: &DbKey) -> Keys {
    Keys {
        recovery_key: Some(key.clone()),
        ..Keys::default()
    }
}

fn contains(bytes: &[u8], needle: &[u8]) -> bool {
    bytes.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn a_backup_holds_what_was_committed_even_if_only_in_the_wal_and_no_plaintext() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, store, key) = store(tmp.path(), "data");
    let wal = std::fs::metadata(format!("{}-wal", dir.db_path().display())).unwrap();
    assert!(wal.len() > 0, "the person is still in the WAL");
    let folder = tmp.path().join("usb");
    std::fs::create_dir(&folder).unwrap();

    let info = create(&store, &dir, &folder, now()).unwrap();
    assert_eq!(
        info.file_name,
        format!(
            "fristad-sakerhetskopia-{}-20261128-143000.fristad-backup",
            &store.id().unwrap()[..8]
        )
    );
    assert!(!info.automatic);
    let bytes = std::fs::read(&info.path).unwrap();
    for needle in [NAME.as_bytes(), b"SQLite format 3", b"CREATE TABLE", b"Exempel"] {
        assert!(!contains(&bytes, needle));
    }
    // Only the backup is left in the folder, and nothing extra in the data folder.
    assert_eq!(snapshot(&folder).len(), 1);
    assert!(
        std::fs::read_dir(dir.path()).unwrap().all(|e| !e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .starts_with("fristad-tmp-"))
    );

    let header = read_header(&info.path).unwrap();
    assert_eq!(header.key_storage, Some(KeyStorage::Passphrase));
    assert!(header.key_file.is_some());
    assert_eq!(header.schema_version, migrations::latest());

    // On another computer, with the recovery key only.
    let v = verify(&info.path, None, &recovery(&key)).unwrap();
    assert_eq!(v.opened_with, OpenedWith::RecoveryKey);
    assert_eq!(count(&v, "people"), 1);
    assert_eq!(v.created_at, now());
    // With the passphrase, through the key file kept in the backup.
    let with_passphrase = Keys {
        passphrase: Some(pass()),
        ..Keys::default()
    };
    let v = verify(&info.path, None, &with_passphrase).unwrap();
    assert_eq!(v.opened_with, OpenedWith::Passphrase);
    // On this computer, with this store's key.
    let v = verify(&info.path, Some(&dir), &with_passphrase).unwrap();
    assert_eq!(v.opened_with, OpenedWith::ThisStore);
    store.close().unwrap();
}

#[test]
fn a_missing_folder_is_refused_and_an_existing_backup_never_replaced() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, store, _) = store(tmp.path(), "data");
    let err = create(&store, &dir, &tmp.path().join("inget-usb-minne"), now()).unwrap_err();
    assert_eq!(err.code, Code::NotFound);
    assert!(err.message.contains("finns inte"));
    assert!(!tmp.path().join("inget-usb-minne").exists());

    let folder = tmp.path().join("usb");
    std::fs::create_dir(&folder).unwrap();
    let first = create(&store, &dir, &folder, now()).unwrap();
    let before = std::fs::read(&first.path).unwrap();
    let second = create(&store, &dir, &folder, now()).unwrap();
    assert_ne!(first.path, second.path);
    assert!(second.file_name.ends_with("-143000-2.fristad-backup"));
    assert_eq!(std::fs::read(&first.path).unwrap(), before);
    store.close().unwrap();
}

#[test]
fn wrong_keys_and_damaged_files_are_refused_with_their_reason() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, store, key) = store(tmp.path(), "data");
    let folder = tmp.path().join("usb");
    std::fs::create_dir(&folder).unwrap();
    let info = create(&store, &dir, &folder, now()).unwrap();
    store.close().unwrap();

    let other = DbKey::generate().unwrap();
    let err = verify(&info.path, None, &recovery(&other)).unwrap_err();
    assert_eq!(err.code, Code::WrongRecoveryKey);
    let err = verify(
        &info.path,
        None,
        &Keys {
            passphrase: Some(Secret::new("fel lösenfras".into())),
            ..Keys::default()
        },
    )
    .unwrap_err();
    assert_eq!(err.code, Code::WrongPassphrase);
    let err = verify(&info.path, None, &Keys::default()).unwrap_err();
    assert_eq!(err.code, Code::KeyMissing);
    assert!(err.message.contains("återställningsnyckeln"), "{}", err.message);

    let bytes = std::fs::read(&info.path).unwrap();
    let cut = tmp.path().join("cut.fristad-backup");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let err = verify(&cut, None, &recovery(&key)).unwrap_err();
    assert_eq!(err.code, Code::DamagedDatabase);
    assert!(err.message.contains("kortare"), "{}", err.message);

    let mut flipped = bytes.clone();
    let i = bytes.len() - 100;
    flipped[i] ^= 1;
    std::fs::write(&cut, &flipped).unwrap();
    let err = verify(&cut, None, &recovery(&key)).unwrap_err();
    assert!(err.message.contains("kontrollsumman"), "{}", err.message);
}

#[test]
fn a_page_changed_and_the_checksum_recomputed_is_still_found() {
    use sha2::{Digest, Sha256};
    let tmp = tempfile::tempdir().unwrap();
    let (dir, store, key) = store(tmp.path(), "data");
    let folder = tmp.path().join("usb");
    std::fs::create_dir(&folder).unwrap();
    let info = create(&store, &dir, &folder, now()).unwrap();
    store.close().unwrap();
    let mut bytes = std::fs::read(&info.path).unwrap();
    let body = bytes.len() - 32;
    // A byte in the middle of the last database page.
    bytes[body - 2000] ^= 1;
    let sum = Sha256::digest(&bytes[..body]);
    bytes[body..].copy_from_slice(&sum);
    std::fs::write(&info.path, &bytes).unwrap();
    let err = verify(&info.path, None, &recovery(&key)).unwrap_err();
    assert_eq!(err.code, Code::DamagedDatabase, "{}", err.message);
}

#[test]
fn restore_into_a_new_folder_on_another_computer_with_the_recovery_key() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, store, key) = store(tmp.path(), "data");
    let folder = tmp.path().join("usb");
    std::fs::create_dir(&folder).unwrap();
    let info = create(&store, &dir, &folder, now()).unwrap();
    store.close().unwrap();

    let new = DataDir::new(tmp.path().join("ny-dator"));
    // Without a choice of how to keep the key, nothing happens.
    let err = restore(&info.path, &new, &recovery(&key), None, now()).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("key_storage"));
    assert!(!new.path().exists());

    let choice = KeyChoice::Passphrase(Secret::new("ny dators lösenfras".into()));
    let restored = restore(&info.path, &new, &recovery(&key), Some(choice), now()).unwrap();
    assert_eq!(people(&restored.store), vec![NAME]);
    assert!(restored.set_aside.is_empty());
    assert_eq!(restored.key_storage, KeyStorage::Passphrase);
    restored.store.close().unwrap();
    // The new passphrase opens it the ordinary way.
    let store = crate::unlock::open(
        &new,
        crate::unlock::Unlock::Passphrase(Secret::new("ny dators lösenfras".into())),
    )
    .unwrap();
    assert_eq!(people(&store), vec![NAME]);
    store.close().unwrap();
    let names: Vec<String> = snapshot(new.path()).into_keys().collect();
    // (No witness: this store's access log is empty.)
    assert_eq!(names, vec!["fristad-key.json", "fristad.db", "fristad.lock"]);
}

#[test]
fn restore_with_the_passphrase_keeps_the_backups_key_file() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, store, _) = store(tmp.path(), "data");
    let folder = tmp.path().join("usb");
    std::fs::create_dir(&folder).unwrap();
    let info = create(&store, &dir, &folder, now()).unwrap();
    store.close().unwrap();
    let new = DataDir::new(tmp.path().join("ny-dator"));
    let keys = Keys {
        passphrase: Some(pass()),
        ..Keys::default()
    };
    let restored = restore(&info.path, &new, &keys, None, now()).unwrap();
    assert_eq!(restored.verified.opened_with, OpenedWith::Passphrase);
    restored.store.close().unwrap();
    assert_eq!(
        std::fs::read(new.key_file_path()).unwrap(),
        std::fs::read(dir.key_file_path()).unwrap()
    );
    let store = crate::unlock::open(&new, crate::unlock::Unlock::Passphrase(pass())).unwrap();
    assert_eq!(people(&store), vec![NAME]);
    store.close().unwrap();
}

#[test]
fn restore_over_the_store_keeps_the_current_one_under_a_dated_name() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, mut store, _) = store(tmp.path(), "data");
    let folder = tmp.path().join("usb");
    std::fs::create_dir(&folder).unwrap();
    let info = create(&store, &dir, &folder, now()).unwrap();
    add_person(&mut store, "T2", "Efter Säkerhetskopian");
    let keys = Keys {
        passphrase: Some(pass()),
        ..Keys::default()
    };

    // While the store is open, nothing happens.
    let before = snapshot(dir.path());
    let err = restore(&info.path, &dir, &keys, None, now()).unwrap_err();
    assert_eq!(err.code, Code::InUse, "{}", err.message);
    assert_eq!(snapshot(dir.path()), before);

    store.close().unwrap();
    let key_file = std::fs::read(dir.key_file_path()).unwrap();
    let restored = restore(&info.path, &dir, &keys, None, now()).unwrap();
    assert_eq!(restored.verified.opened_with, OpenedWith::ThisStore);
    assert_eq!(people(&restored.store), vec![NAME]);
    restored.store.close().unwrap();
    let aside = dir.path().join("fristad.db.fore-aterstallning-20261128-143000");
    assert_eq!(restored.set_aside, vec![aside.clone()]);
    // The key file is the same; the old database opens with it under its dated name.
    assert_eq!(std::fs::read(dir.key_file_path()).unwrap(), key_file);
    let old_key = crate::keys::key_file::KeyFile::read(&dir.key_file_path())
        .unwrap()
        .unwrap()
        .unwrap_key(&pass())
        .unwrap();
    let old = Store::open_unmigrated(&aside, &old_key, crate::store::KeySource::Kept).unwrap();
    assert_eq!(people(&old), vec![NAME, "Efter Säkerhetskopian"]);
    old.close().unwrap();
}

#[test]
fn a_refused_restore_leaves_the_data_folder_byte_for_byte() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, store, _) = store(tmp.path(), "data");
    store.close().unwrap();
    let (other_dir, other, _) = store_with_passphrase(tmp.path(), "annan", "en helt annan lösenfras");
    let folder = tmp.path().join("usb");
    std::fs::create_dir(&folder).unwrap();
    let foreign_backup = create(&other, &other_dir, &folder, now()).unwrap();
    other.close().unwrap();

    let random = tmp.path().join("slump.fristad-backup");
    std::fs::write(
        &random,
        (0..5000u32).map(|i| (i * 7919 % 251) as u8).collect::<Vec<_>>(),
    )
    .unwrap();
    let plain = tmp.path().join("vanlig.db");
    crate::store::connect(&plain, rusqlite::OpenFlags::default())
        .unwrap()
        .execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
        .unwrap();
    let keys = Keys {
        passphrase: Some(pass()),
        recovery_key: Some(DbKey::generate().unwrap()),
        ..Keys::default()
    };
    let before = snapshot(dir.path());
    for (file, code) in [
        (&random, Code::NotOurDatabase),
        (&plain, Code::NotOurDatabase),
        (&foreign_backup.path, Code::WrongRecoveryKey),
        (&tmp.path().join("finns-inte"), Code::Io),
    ] {
        let err = restore(file, &dir, &keys, None, now()).unwrap_err();
        assert_eq!(err.code, code, "{}: {}", file.display(), err.message);
        assert!(err.message.contains("ändrats") || code == Code::Io, "{}", err.message);
        assert_eq!(snapshot(dir.path()), before, "after {}", file.display());
    }
}

fn store_with_passphrase(root: &Path, name: &str, passphrase: &str) -> (DataDir, Store, DbKey) {
    let dir = DataDir::new(root.join(name));
    let created = setup::create(
        &dir,
        None,
        KeyChoice::Passphrase(Secret::new(passphrase.into())),
        "test",
        now(),
    )
    .unwrap();
    (dir, created.store, created.key)
}

#[test]
fn an_older_backup_is_migrated_when_restored() {
    let tmp = tempfile::tempdir().unwrap();
    let key = DbKey::generate().unwrap();
    let path = tmp.path().join("old.db");
    {
        let conn = crate::store::connect(&path, rusqlite::OpenFlags::default()).unwrap();
        conn.pragma_update(None, "key", key.sqlcipher_key().expose()).unwrap();
        conn.pragma_update(None, "application_id", crate::store::APPLICATION_ID)
            .unwrap();
        conn.execute_batch(migrations::MIGRATIONS[0]).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
    }
    let old = Store::open_unmigrated(&path, &key, crate::store::KeySource::Kept).unwrap();
    let folder = tmp.path().join("usb");
    std::fs::create_dir(&folder).unwrap();
    let info = create(&old, &DataDir::new(tmp.path()), &folder, now()).unwrap();
    old.close().unwrap();
    assert_eq!(info.schema_version, 1);
    let v = verify(&info.path, None, &recovery(&key)).unwrap();
    assert_eq!(v.schema_version, 1);
    assert_eq!(v.schema_version_program, migrations::latest());

    let new = DataDir::new(tmp.path().join("ny"));
    let restored = restore(
        &info.path,
        &new,
        &recovery(&key),
        Some(KeyChoice::Passphrase(pass())),
        now(),
    )
    .unwrap();
    assert_eq!(
        migrations::current(restored.store.conn()).unwrap(),
        migrations::latest()
    );
    restored.store.close().unwrap();
}

#[test]
fn rotation_keeps_the_newest_automatic_backups_and_touches_nothing_else() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, store, _) = store(tmp.path(), "data");
    let folder = tmp.path().join("usb");
    std::fs::create_dir(&folder).unwrap();
    let manual = create(&store, &dir, &folder, now()).unwrap();
    // Someone's own file with an automatic backup's name, and another file.
    let impostor = folder.join("fristad-sakerhetskopia-automatisk-20200101-000000.fristad-backup");
    std::fs::write(&impostor, "inte en säkerhetskopia").unwrap();
    let other = folder.join("anteckningar.txt");
    std::fs::write(&other, "annat").unwrap();

    let mine = Mine::of(&store, &dir).unwrap();
    // Another store's automatic backups on the same stick, older than all of this one's.
    let (other_dir, other_store, _) = self::store(tmp.path(), "annan");
    let theirs: Vec<PathBuf> = (0..3)
        .map(|d| {
            let at = now() - chrono::Duration::days(10 - d);
            automatic(&other_store, &other_dir, &folder, 3, at).unwrap().backup.path
        })
        .collect();
    assert!(
        daily_due(&folder, &mine, now()).unwrap(),
        "their backup today is not ours"
    );
    let mut made = Vec::new();
    for day in 0..5 {
        let at = now() + chrono::Duration::days(day);
        let a = automatic(&store, &dir, &folder, 3, at).unwrap();
        made.push(a.backup.path.clone());
        let expected: Vec<PathBuf> = if day >= 3 {
            vec![made[day as usize - 3].clone()]
        } else {
            vec![]
        };
        assert_eq!(a.removed, expected, "day {day}");
    }
    assert!(!daily_due(&folder, &mine, now() + chrono::Duration::days(4)).unwrap());
    assert!(daily_due(&folder, &mine, now() + chrono::Duration::days(5)).unwrap());
    let listed: Vec<PathBuf> = automatic_backups(&folder, &mine)
        .unwrap()
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    assert_eq!(listed, vec![made[4].clone(), made[3].clone(), made[2].clone()]);
    for kept in [&manual.path, &impostor, &other].into_iter().chain(&theirs) {
        assert!(kept.exists(), "{} removed", kept.display());
    }
    // At least one is always kept.
    assert_eq!(rotate(&folder, 0, &mine).unwrap().len(), 2);
    assert!(theirs.iter().all(|p| p.exists()));
    // Each store's backups are named by its id.
    let id = |p: &PathBuf| p.file_name().unwrap().to_string_lossy()[34..42].to_owned();
    assert_eq!(id(&made[4]), store.id().unwrap()[..8]);
    assert_eq!(id(&theirs[0]), other_store.id().unwrap()[..8]);
    assert_ne!(id(&made[4]), id(&theirs[0]));
    other_store.close().unwrap();
    assert!(made[4].exists());
    store.close().unwrap();
}

#[test]
fn automatic_backup_names() {
    for ok in [
        "fristad-sakerhetskopia-automatisk-20261128-143000.fristad-backup",
        "fristad-sakerhetskopia-automatisk-20261128-143000-2.fristad-backup",
        "fristad-sakerhetskopia-automatisk-0a1b2c3d-20261128-143000.fristad-backup",
        "fristad-sakerhetskopia-automatisk-0a1b2c3d-20261128-143000-2.fristad-backup",
    ] {
        assert!(is_automatic_name(ok), "{ok}");
    }
    for not in [
        "fristad-sakerhetskopia-20261128-143000.fristad-backup",
        "fristad-sakerhetskopia-automatisk-20261128-143000.fristad-backup.txt",
        "fristad-sakerhetskopia-automatisk-2026112-143000.fristad-backup",
        "fristad-sakerhetskopia-automatisk-20261128-143000-.fristad-backup",
        "fristad-sakerhetskopia-automatisk-20261128-143000x2.fristad-backup",
        "fristad-sakerhetskopia-automatisk-20261128-143000-2-3.fristad-backup",
        "x-fristad-sakerhetskopia-automatisk-20261128-143000.fristad-backup",
        "fristad-sakerhetskopia-automatisk-0A1B2C3D-20261128-143000.fristad-backup",
        "fristad-sakerhetskopia-automatisk-0a1b2c3-20261128-143000.fristad-backup",
    ] {
        assert!(!is_automatic_name(not), "{not}");
    }
}

#[test]
fn leftovers_nobody_is_writing_are_removed_and_nothing_else() {
    let tmp = tempfile::tempdir().unwrap();
    // Left by killed programs: a snapshot in the data folder (earlier versions) with its log,
    // a snapshot and a half-written backup beside the backups, a log whose file is gone.
    let left = [
        "fristad-tmp-0011aabb.db",
        "fristad-tmp-0011aabb.db-wal",
        ".fristad-tmp-22cc.db",
        ".fristad-sakerhetskopia-33dd.tmp",
        ".fristad-tmp-44ee.db-journal",
    ];
    let other = [
        "fristad.db",
        "fristad.db-wal",
        "fristad-key.json",
        "fristad-tmp.txt.bak",
        "egen.tmp",
    ];
    for name in left.iter().chain(&other) {
        std::fs::write(tmp.path().join(name), b"x").unwrap();
    }
    // One being written right now by another backup: it holds its file's lock.
    let mut busy = super::files::Temporary::default();
    let writing = busy.create(tmp.path(), ".fristad-tmp-", ".db").unwrap();
    assert_eq!(super::remove_leftovers(tmp.path()), left.len());
    for name in left {
        assert!(!tmp.path().join(name).exists(), "{name} left");
    }
    for name in other {
        assert!(tmp.path().join(name).exists(), "{name} removed");
    }
    assert!(writing.exists());
    drop(busy);
    assert!(!writing.exists());
}
