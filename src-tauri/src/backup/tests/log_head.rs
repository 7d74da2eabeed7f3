//! The access log's head in backups: carried and signed in the header, checked against the log
//! inside before a restore, and compared with the live log by `verify`. Synthetic data only.

use super::*;
use crate::audit::{Event, Kind};
use crate::backup::log_head::{LogHead, Status, signed_message};
use crate::documents::signing::{self, SigningIdentity};
use crate::store::witness::{self, Witness};

fn log(store: &mut Store, n: usize, at: DateTime<Utc>) {
    for i in 0..n {
        store
            .write(|tx| {
                crate::audit::record(tx, Event::new("test", "test", Kind::View).detail(format!("e{i}")), at).map(|_| ())
            })
            .unwrap();
    }
}

fn sign_here(store: &mut Store) {
    store
        .write(|tx| signing::ensure(tx, "Testjouren", now()).map(|_| ()))
        .unwrap();
}

fn head(store: &Store) -> witness::Head {
    witness::head(store.conn()).unwrap().unwrap()
}

/// Writes `file` again with its header changed by `change` (and a checksum that holds again, as
/// anyone can recompute it).
fn rewrite_header(file: &Path, out: &Path, change: impl FnOnce(&mut Header)) {
    let reader = format::Reader::open(file).unwrap();
    let mut header = reader.header.clone();
    let mut db = Vec::new();
    reader.extract(&mut db).unwrap();
    change(&mut header);
    let mut bytes = Vec::new();
    format::write(&mut bytes, &header, &mut db.as_slice(), db.len() as u64).unwrap();
    std::fs::write(out, bytes).unwrap();
}

fn use_folder(store: &mut Store, folder: &Path) {
    store
        .write(|tx| {
            let mut s = crate::settings::load(tx)?;
            s.backup.folder = Some(folder.to_string_lossy().into_owned());
            crate::settings::save(tx, &s, "test", now()).map(|_| ())
        })
        .unwrap();
}

#[test]
fn a_backups_header_carries_the_logs_head_signed_and_its_check_shows_it() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, mut store, key) = super::store(tmp.path(), "data");
    let folder = tmp.path().join("usb");
    std::fs::create_dir(&folder).unwrap();
    log(&mut store, 3, now());

    // Without a signing key: the head, unsigned.
    let unsigned = create(&store, &dir, &folder, now()).unwrap();
    let h = read_header(&unsigned.path).unwrap().log_head.unwrap();
    assert_eq!((h.seq, h.hash.as_str()), (head(&store).seq, head(&store).hash.as_str()));
    assert_eq!((h.certificate, h.signature), (None, None));
    let v = verify(&unsigned.path, None, &recovery(&key)).unwrap();
    let checked = v.log_head.unwrap();
    assert_eq!((checked.seq, checked.signed_by), (head(&store).seq, None));

    // With one: signed over the store's id, the head and the time, by the store's certificate.
    sign_here(&mut store);
    log(&mut store, 2, now());
    let later = now() + chrono::Duration::minutes(1);
    let signed = create(&store, &dir, &folder, later).unwrap();
    let header = read_header(&signed.path).unwrap();
    let h = header.log_head.clone().unwrap();
    assert_eq!(h.seq, head(&store).seq);
    let cert = signing::load(store.conn()).unwrap().unwrap();
    let message = signed_message(Some(&store.id().unwrap()), h.seq, &h.hash, later);
    assert!(message.starts_with("fristad-backup-log-head/1 "), "{message}");
    let signature = hex::decode(h.signature.unwrap()).unwrap();
    assert!(signing::verify_bytes(
        cert.certificate_der(),
        message.as_bytes(),
        &signature
    ));
    assert!(!signing::verify_bytes(
        cert.certificate_der(),
        b"something else",
        &signature
    ));
    let v = verify(&signed.path, Some(&dir), &recovery(&key)).unwrap();
    let checked = v.log_head.unwrap();
    assert_eq!(checked.seq, head(&store).seq);
    assert_eq!(checked.signed_by.as_deref(), Some("Testjouren (fakturor)"));

    // A header from before heads still reads, and its backup still verifies.
    let mut old = serde_json::to_value(&header).unwrap();
    old.as_object_mut().unwrap().remove("log_head");
    let old: Header = serde_json::from_value(old).unwrap();
    assert_eq!(old.log_head, None);
    let before_heads = tmp.path().join("gammal.fristad-backup");
    rewrite_header(&signed.path, &before_heads, |h| h.log_head = None);
    assert_eq!(verify(&before_heads, None, &recovery(&key)).unwrap().log_head, None);
    store.close().unwrap();
}

#[test]
fn a_changed_head_or_signature_is_refused_before_any_restore() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, mut store, key) = super::store(tmp.path(), "data");
    let folder = tmp.path().join("usb");
    std::fs::create_dir(&folder).unwrap();
    sign_here(&mut store);
    log(&mut store, 4, now());
    let info = create(&store, &dir, &folder, now()).unwrap();
    let last = head(&store);
    let store_id = store.id().unwrap();
    store.close().unwrap();
    let forged = tmp.path().join("andrad.fristad-backup");
    let refused = |change: &dyn Fn(&mut LogHead), says: &str| {
        rewrite_header(&info.path, &forged, |h| change(h.log_head.as_mut().unwrap()));
        let err = verify(&forged, None, &recovery(&key)).unwrap_err();
        assert_eq!(err.code, Code::DamagedDatabase, "{}", err.message);
        assert!(
            err.message.contains("har ändrats efter att den gjordes"),
            "{}",
            err.message
        );
        assert!(err.message.contains(says), "{}", err.message);
    };
    // An earlier end (as if the last entry had not been there), another entry, another number.
    refused(&|h| h.seq -= 1, &format!("slutar vid post {}", last.seq));
    refused(
        &|h| h.hash = "0".repeat(64),
        &format!("post {} i åtkomstloggen", last.seq),
    );
    refused(&|h| h.seq += 5, &format!("slutar vid post {}", last.seq));
    // A signature changed, taken from another backup, or made with another key.
    refused(
        &|h| {
            let s = h.signature.as_mut().unwrap();
            let flipped = if s.ends_with('0') { '1' } else { '0' };
            s.pop();
            s.push(flipped);
        },
        "underskriften",
    );
    let other = SigningIdentity::generate("En annan jour").unwrap();
    refused(
        &|h| {
            let message = signed_message(Some(&store_id), h.seq, &h.hash, now());
            h.signature = Some(hex::encode(other.sign_bytes(message.as_bytes()).unwrap()));
        },
        "underskriften",
    );
    refused(
        &|h| {
            let later = now() + chrono::Duration::days(1);
            let message = signed_message(Some(&store_id), h.seq, &h.hash, later);
            h.signature = Some(hex::encode(other.sign_bytes(message.as_bytes()).unwrap()));
        },
        "underskriften",
    );

    // The restore refuses it too, and the data folder is left as it was.
    rewrite_header(&info.path, &forged, |h| h.log_head.as_mut().unwrap().seq -= 1);
    let before = snapshot(dir.path());
    let with_passphrase = Keys {
        passphrase: Some(pass()),
        ..Keys::default()
    };
    let err = restore(&forged, &dir, &with_passphrase, None, now()).unwrap_err();
    assert_eq!(err.code, Code::DamagedDatabase, "{}", err.message);
    assert_eq!(snapshot(dir.path()), before);
    // The untouched one passes.
    assert!(verify(&info.path, None, &recovery(&key)).is_ok());
}

/// A careful forger with the key: the log cut back and written on as if nothing happened, and
/// its witness beside the database written to match. Only the backups still know.
#[test]
fn a_log_cut_or_rewritten_after_a_backup_is_found_by_verify_naming_the_backup() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, mut store, key) = super::store(tmp.path(), "data");
    let folder = tmp.path().join("usb");
    std::fs::create_dir(&folder).unwrap();
    use_folder(&mut store, &folder);
    sign_here(&mut store);
    log(&mut store, 6, now());
    let manual = create(&store, &dir, &folder, now()).unwrap();
    let at_backup = head(&store);
    log(&mut store, 2, now());
    let auto = automatic(&store, &dir, &folder, 5, now() + chrono::Duration::minutes(5))
        .unwrap()
        .backup;
    // Another store's backup on the same stick is none of this log's business.
    let (other_dir, other_store, _) = super::store(tmp.path(), "annan");
    create(&other_store, &other_dir, &folder, now()).unwrap();
    other_store.close().unwrap();

    let report = crate::store::verify::run_in(&store, &dir).unwrap();
    assert!(report.is_ok(), "{:?}", report.describe());
    assert_eq!(report.backups.len(), 2);
    assert!(report.backups.iter().all(|b| b.status == Status::Holds));
    assert_eq!(report.backups[0].file_name, manual.file_name);
    assert_eq!(report.backups[0].seq, at_backup.seq);

    // Cut back below the manual backup's head and written on past it.
    store
        .conn()
        .execute_batch("DROP TRIGGER access_log_no_update; DROP TRIGGER access_log_no_delete;")
        .unwrap();
    store
        .conn()
        .execute("DELETE FROM access_log WHERE seq > ?1", [at_backup.seq - 3])
        .unwrap();
    log(&mut store, 6, now());
    Witness::new(&dir, &key).write(&head(&store)).unwrap();
    assert_eq!(store.witness_finding().unwrap(), None, "the witness was rewritten too");
    assert!(crate::audit::verify(store.conn()).unwrap().is_ok(), "the chain holds");
    let report = crate::store::verify::run_in(&store, &dir).unwrap();
    assert!(!report.is_ok());
    assert_eq!(report.backups[0].status, Status::Rewritten);
    assert_eq!(report.backups[1].status, Status::Rewritten);
    let said = report.describe().join("\n");
    assert!(
        said.contains(&format!(
            "Åtkomstloggen har skrivits om efter säkerhetskopian {} (2026-11-28 14:30): post {} är inte densamma",
            manual.file_name, at_backup.seq
        )),
        "{said}"
    );
    assert!(said.contains(&auto.file_name), "{said}");
    // `run`, as the check of a backup uses it, does not look at the backup folder.
    assert!(crate::store::verify::run(&store).unwrap().backups.is_empty());

    // Cut below it, the witness again rewritten.
    store
        .conn()
        .execute("DELETE FROM access_log WHERE seq > ?1", [at_backup.seq - 2])
        .unwrap();
    Witness::new(&dir, &key).write(&head(&store)).unwrap();
    let report = crate::store::verify::run_in(&store, &dir).unwrap();
    assert_eq!(report.witness, None);
    assert_eq!(
        report.backups[0].status,
        Status::Cut {
            last: at_backup.seq - 2
        }
    );
    assert!(
        report
            .describe()
            .join("\n")
            .contains("har kortats efter säkerhetskopian")
    );

    // A header changed by someone without the key: its signature gives it away.
    rewrite_header(&manual.path, &manual.path, |h| h.log_head.as_mut().unwrap().seq = 1);
    let report = crate::store::verify::run_in(&store, &dir).unwrap();
    assert_eq!(report.backups[0].status, Status::Forged);
    // A damaged file says nothing about the log.
    let mut bytes = std::fs::read(&auto.path).unwrap();
    let last_byte = bytes.len() - 1;
    bytes[last_byte] ^= 1;
    std::fs::write(&auto.path, bytes).unwrap();
    let report = crate::store::verify::run_in(&store, &dir).unwrap();
    assert_eq!(report.backups[1].status, Status::Damaged);
    assert!(report.describe().join("\n").contains("är skadad"));

    // After a restore recorded in the log, the backups made before it are not compared.
    std::fs::remove_file(&auto.path).unwrap();
    let restored_at = now() + chrono::Duration::hours(1);
    store
        .write(|tx| {
            crate::audit::record(tx, Event::new("test", "backup_restore", Kind::Change), restored_at).map(|_| ())
        })
        .unwrap();
    std::fs::remove_file(&manual.path).unwrap();
    let early = now() - chrono::Duration::hours(1);
    let made_before = create(&store, &dir, &folder, early).unwrap();
    rewrite_header(&made_before.path, &made_before.path, |h| {
        let head = h.log_head.as_mut().unwrap();
        head.hash = "f".repeat(64);
        head.signature = None;
    });
    let report = crate::store::verify::run_in(&store, &dir).unwrap();
    assert_eq!(report.backups.len(), 1);
    assert_eq!(report.backups[0].status, Status::BeforeRestore { restored_at });
    assert!(report.backups.iter().all(|b| !b.is_finding()));
    store.close().unwrap();
}
