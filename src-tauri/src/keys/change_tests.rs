use super::*;
use crate::secret::Secret;
use crate::unlock::{self, Unlock};
use chrono::TimeZone;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 7, 9, 0, 0).unwrap()
}

fn phrase(p: &str) -> Secret<String> {
    Secret::new(p.to_owned())
}

const OLD: &str = "en gammal lösenfras";
const NEW: &str = "en helt ny lösenfras";

/// One entry in the access log, made by the admin.
fn log(store: &mut Store, action: &'static str) {
    store
        .write(|tx| {
            crate::audit::record(
                tx,
                crate::audit::Event::new("admin", action, crate::audit::Kind::View),
                now(),
            )
            .map(|_| ())
        })
        .unwrap();
}

/// A store in a fresh data folder, kept with `OLD`, with its key.
fn store() -> (tempfile::TempDir, DataDir, Store, DbKey) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = DataDir::new(tmp.path().join("data"));
    let mut created = crate::setup::create(&dir, None, KeyChoice::Passphrase(phrase(OLD)), "admin", now()).unwrap();
    // Something in the access log, for the witness to witness.
    log(&mut created.store, "sign_in");
    (tmp, dir, created.store, created.key)
}

fn opens(dir: &DataDir, how: Unlock) -> Result<Store> {
    unlock::open(dir, how)
}

fn pending_files(dir: &DataDir) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(PENDING))
        .collect();
    names.sort();
    names
}

#[test]
fn after_a_change_only_the_new_key_opens_the_store_and_nothing_is_lost() {
    let (tmp, dir, mut store, old_key) = store();
    log(&mut store, "test");
    let entries_before: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM access_log", [], |r| r.get(0))
        .unwrap();
    let old_key_file = std::fs::read(dir.key_file_path()).unwrap();

    // The same passphrase kept: the key changes all the same.
    let changed = change(store, &dir, KeyChoice::Passphrase(phrase(OLD)), "admin", now()).unwrap();
    assert_ne!(changed.key.bytes(), old_key.bytes());
    assert_eq!(changed.storage, KeyStorage::Passphrase);
    let last: String = changed
        .store
        .conn()
        .query_row("SELECT action FROM access_log ORDER BY seq DESC LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(last, CHANGE_ACTION);
    let new_key = changed.key.clone();
    changed.store.close().unwrap();
    assert_eq!(pending_files(&dir), Vec::<String>::new());

    // The new key file with the passphrase, and the new recovery key, open it, whole and with
    // its log witnessed.
    let reopened = opens(&dir, Unlock::Passphrase(phrase(OLD))).unwrap();
    let entries: i64 = reopened
        .conn()
        .query_row("SELECT count(*) FROM access_log", [], |r| r.get(0))
        .unwrap();
    assert_eq!(entries, entries_before + 1);
    let report = crate::store::verify::run(&reopened).unwrap();
    assert!(report.is_ok(), "{report:?}");
    assert_eq!(reopened.witness_finding().unwrap(), None);
    reopened.close().unwrap();
    opens(&dir, Unlock::RecoveryKey(new_key)).unwrap().close().unwrap();

    // The old recovery key does not.
    let err = opens(&dir, Unlock::RecoveryKey(old_key)).unwrap_err();
    assert_eq!(err.code, Code::WrongRecoveryKey);
    // Nor does a copy of the old key file with the old passphrase.
    let elsewhere = DataDir::new(tmp.path().join("kopia"));
    std::fs::create_dir(elsewhere.path()).unwrap();
    std::fs::copy(dir.db_path(), elsewhere.db_path()).unwrap();
    std::fs::write(elsewhere.key_file_path(), &old_key_file).unwrap();
    let err = opens(&elsewhere, Unlock::Passphrase(phrase(OLD))).unwrap_err();
    assert_eq!(err.code, Code::DamagedDatabase);
}

#[test]
fn a_change_is_refused_while_another_program_has_the_store_open_and_the_store_stays_as_it_was() {
    let (_tmp, dir, store, key) = store();
    let other = Hold::shared(&dir).unwrap();
    let refused = change(store, &dir, KeyChoice::Passphrase(phrase(NEW)), "admin", now()).unwrap_err();
    assert_eq!(refused.error.code, Code::InUse);
    let mut store = refused.store.expect("the store is handed back open");
    log(&mut store, "test");
    store.close().unwrap();
    drop(other);
    assert_eq!(pending_files(&dir), Vec::<String>::new());
    opens(&dir, Unlock::RecoveryKey(key)).unwrap().close().unwrap();
}

#[test]
fn a_change_stopped_before_the_database_was_replaced_is_taken_back_at_the_next_opening() {
    let (_tmp, dir, store, key) = store();
    let mut store = store;
    store.take_alone().unwrap();
    let prepared = prepare(&store, &dir, &KeyChoice::Passphrase(phrase(NEW))).unwrap();
    assert_eq!(pending_files(&dir).len(), 3);
    // The program dies here.
    drop(prepared);
    drop(store);
    let reopened = opens(&dir, Unlock::Passphrase(phrase(OLD))).unwrap();
    assert_eq!(reopened.witness_finding().unwrap(), None);
    reopened.close().unwrap();
    assert_eq!(pending_files(&dir), Vec::<String>::new());
    opens(&dir, Unlock::RecoveryKey(key)).unwrap().close().unwrap();
}

#[test]
fn a_change_stopped_after_the_database_was_replaced_is_finished_at_the_next_opening() {
    let (_tmp, dir, store, old_key) = store();
    let mut store = store;
    store.take_alone().unwrap();
    let prepared = prepare(&store, &dir, &KeyChoice::Passphrase(phrase(NEW))).unwrap();
    let hold = swap(store, &dir).unwrap();
    // The program dies here: the database is under the new key, the key file still the old one.
    drop(hold);
    assert_eq!(
        pending_files(&dir),
        vec!["fristad-key.json.ny-nyckel", "fristad-logghuvud.json.ny-nyckel"]
    );
    let reopened = opens(&dir, Unlock::Passphrase(phrase(NEW))).unwrap();
    assert_eq!(reopened.witness_finding().unwrap(), None);
    reopened.close().unwrap();
    assert_eq!(pending_files(&dir), Vec::<String>::new());
    opens(&dir, Unlock::RecoveryKey(prepared.key.clone()))
        .unwrap()
        .close()
        .unwrap();
    assert_eq!(
        opens(&dir, Unlock::RecoveryKey(old_key)).unwrap_err().code,
        Code::WrongRecoveryKey
    );
}

#[test]
fn a_new_passphrase_keeps_the_key_and_the_old_passphrase_no_longer_opens_the_key_file() {
    let (_tmp, dir, mut store, key) = store();
    let storage = rewrap(&mut store, &dir, KeyChoice::Passphrase(phrase(NEW)), "admin", now()).unwrap();
    assert_eq!(storage, KeyStorage::Passphrase);
    store.close().unwrap();
    assert_eq!(
        opens(&dir, Unlock::Passphrase(phrase(OLD))).unwrap_err().code,
        Code::WrongPassphrase
    );
    let reopened = opens(&dir, Unlock::Passphrase(phrase(NEW))).unwrap();
    let last: String = reopened
        .conn()
        .query_row("SELECT action FROM access_log ORDER BY seq DESC LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(last, REWRAP_ACTION);
    reopened.close().unwrap();
    opens(&dir, Unlock::RecoveryKey(key)).unwrap().close().unwrap();
}
