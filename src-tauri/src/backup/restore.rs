//! Restoring a backup into a data folder, empty or not.
//!
//! The order is what makes it safe: the backup is decrypted into a temporary file in the data
//! folder and checked completely (and migrated) while the current store is untouched; only then
//! is the current database kept under a dated name and the restored one renamed into its place.
//! A refusal at any point before that leaves the data folder exactly as it was, temporary files
//! included. Nothing is deleted: the current database, its write-ahead log and, when the key
//! arrangement changes, its key file stay beside the restored store under dated names.

use super::files::{self, Temporary};
use super::open::{self, Keys, OpenedWith, Verified};
use crate::data_dir::{DB_FILE, DataDir, KEY_FILE};
use crate::error::{Code, Error, Result};
use crate::keys::key_file::KeyFile;
use crate::keys::{KeyStorage, os_keyring};
use crate::setup::KeyChoice;
use crate::store::{Hold, Store};
use chrono::{DateTime, Utc};
use rusqlite::OpenFlags;
use std::path::{Path, PathBuf};

/// A restored store, open and migrated.
#[derive(Debug)]
pub struct Restored {
    pub store: Store,
    pub verified: Verified,
    /// What was in the data folder before, kept under dated names
    /// (`fristad.db.fore-aterstallning-20261128-143000`, …).
    pub set_aside: Vec<PathBuf>,
    /// How the restored store's key is kept now.
    pub key_storage: KeyStorage,
}

/// The part of a kept file's name that says why it was kept.
pub const SET_ASIDE_MARK: &str = "fore-aterstallning";

fn in_use() -> Error {
    Error::new(Code::InUse, crate::msg!("error.backup.in_use"))
}

/// Refuses while another connection is in the middle of a write (a program older than the data
/// folder's lock, see [`crate::store::hold`]). A connection without the key only takes the file
/// lock: it cannot read or change anything.
fn refuse_if_open(db: &Path) -> Result<()> {
    // A rollback journal would be rolled back by any connection; our stores never have one.
    if !db.exists() || Path::new(&format!("{}-journal", db.display())).exists() {
        return Ok(());
    }
    let conn = crate::store::connect(db, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    conn.execute_batch("PRAGMA busy_timeout = 0; PRAGMA locking_mode = EXCLUSIVE;")?;
    match conn.execute_batch("BEGIN EXCLUSIVE; COMMIT;") {
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy) => Err(in_use()),
        _ => Ok(()),
    }
}

fn companion(path: &Path, suffix: &str) -> PathBuf {
    PathBuf::from(format!("{}{suffix}", path.display()))
}

/// Restores `file` into the data folder `dir` (created if missing). The caller closes its own
/// connection to the store in `dir` first; while any connection is open the restore is refused.
///
/// The backup must open with a key in `keys` (see [`super::verify`]). How the restored store's
/// key is kept:
/// - opened with this store's key (a backup of the same store): the key file stays as it is;
/// - opened with the passphrase and `keep_as` is `None`: the key file kept in the backup, so the
///   same passphrase opens it;
/// - otherwise as `keep_as` says (in this computer's keyring, or wrapped with a passphrase),
///   which is then required.
pub fn restore(
    file: &Path,
    dir: &DataDir,
    keys: &Keys,
    keep_as: Option<KeyChoice>,
    now: DateTime<Utc>,
) -> Result<Restored> {
    let created_folder = !dir.path().exists();
    if created_folder {
        dir.ensure_exists()?;
    }
    let result = restore_into(file, dir, keys, keep_as, now);
    if result.is_err() && created_folder {
        // Only removed when empty: the folder did not exist before.
        let _ = std::fs::remove_file(dir.path().join(crate::store::hold::LOCK_FILE));
        let _ = std::fs::remove_dir(dir.path());
    }
    result
}

fn restore_into(
    file: &Path,
    dir: &DataDir,
    keys: &Keys,
    keep_as: Option<KeyChoice>,
    now: DateTime<Utc>,
) -> Result<Restored> {
    let db = dir.db_path();
    let key_path = dir.key_file_path();
    // A change of key a crash stopped is settled first, so that what is set aside is whole.
    crate::keys::change::finish_interrupted(dir)?;
    // Nobody may have the store open, idle or not: a window left open would go on writing into
    // the database this one replaces.
    let hold = Hold::exclusive(dir)?;
    refuse_if_open(&db)?;

    let mut tmp = Temporary::default();
    let opened = open::open_into(file, Some(dir), keys, dir.path(), &mut tmp)?;
    let (key, source, new_db) = (opened.key.clone(), opened.source, opened.path.clone());
    opened.store.close()?;
    // Bring an older backup up to date now, so that a migration that fails changes nothing.
    Store::open(&new_db, &key, source)?.close()?;

    // The key arrangement, prepared before anything in the data folder changes.
    let mut new_keyring_entry: Option<String> = None;
    let new_key_file: Option<KeyFile> = match (opened.verified.opened_with, keep_as) {
        (OpenedWith::ThisStore, _) => None,
        (OpenedWith::Passphrase, None) => opened.header.key_file.clone(),
        (_, Some(choice)) => {
            let store_id = uuid::Uuid::new_v4().to_string();
            let file = choice.keep(&store_id, &key)?;
            if file.storage == KeyStorage::Keyring {
                new_keyring_entry = Some(store_id);
            }
            Some(file)
        }
        (OpenedWith::RecoveryKey, None) => {
            return Err(Error::invalid(
                "key_storage",
                crate::msg!("error.backup.choose_key_storage"),
            ));
        }
    };
    let undo_keyring = |entry: &Option<String>| {
        if let Some(id) = entry {
            let _ = os_keyring::delete(id);
        }
    };
    let key_storage = match (&new_key_file, &opened.this_key_file) {
        (Some(f), _) | (None, Some(f)) => f.storage,
        (None, None) => unreachable!("a backup opened with this store's key had its key file"),
    };
    let new_key_tmp = match &new_key_file {
        Some(f) => {
            let p = tmp.create(dir.path(), "fristad-key-tmp-", ".json")?;
            if let Err(e) = open::write_key_file(&p, f) {
                undo_keyring(&new_keyring_entry);
                return Err(e);
            }
            Some(p)
        }
        None => None,
    };

    // Checked again just before the swap: the window may have been started meanwhile.
    if let Err(e) = refuse_if_open(&db) {
        undo_keyring(&new_keyring_entry);
        return Err(e);
    }
    let stamp = files::stamp(now);
    let swapped = swap(dir, &db, &key_path, &new_db, new_key_tmp.as_deref(), &stamp);
    let set_aside = match swapped {
        Ok(s) => s,
        Err(e) => {
            undo_keyring(&new_keyring_entry);
            return Err(e);
        }
    };
    tmp.release(&new_db);
    if let Some(p) = &new_key_tmp {
        tmp.release(p);
    }
    let store = Store::open(&db, &key, source).map_err(|e| {
        Error::new(
            e.code,
            crate::msg!("error.backup.open_after_restore", reason = e.as_arg()),
        )
    })?;
    // The witness beside the database was the replaced store's: it is kept with it, and the
    // restored log's end is witnessed from here on.
    let witness = crate::store::witness::Witness::new(dir, &key);
    let witness_path = dir.path().join(crate::store::witness::WITNESS_FILE);
    let mut set_aside = set_aside;
    if witness_path.exists() {
        let aside = files::free_name(
            dir.path(),
            &format!("{}.{SET_ASIDE_MARK}-{stamp}", crate::store::witness::WITNESS_FILE),
            "",
        )?;
        std::fs::rename(&witness_path, &aside)
            .map_err(|e| Error::io(crate::msg!("error.backup.keeping_witness"), &e))?;
        set_aside.push(aside);
    }
    if let Some(head) = crate::store::witness::head(store.conn())? {
        witness.write(&head)?;
    }
    Ok(Restored {
        store: store.held(hold.share()?).witnessed_by(witness, now)?,
        verified: opened.verified,
        set_aside,
        key_storage,
    })
}

/// Keeps the current database (and its key file, when a new one comes) under dated names and
/// moves the restored ones into place. On failure, puts back what it moved.
fn swap(
    dir: &DataDir,
    db: &Path,
    key_path: &Path,
    new_db: &Path,
    new_key: Option<&Path>,
    stamp: &str,
) -> Result<Vec<PathBuf>> {
    let mut set_aside = Vec::new();
    // (original, kept, whether the original is still there as a hard link)
    let mut old_db: Option<(PathBuf, bool)> = None;
    let mut moved: Vec<(PathBuf, PathBuf)> = Vec::new();
    let put_back = |old_db: &Option<(PathBuf, bool)>, moved: &[(PathBuf, PathBuf)]| {
        for (from, to) in moved.iter().rev() {
            let _ = std::fs::rename(to, from);
        }
        if let Some((aside, linked)) = old_db {
            if *linked {
                let _ = std::fs::remove_file(aside);
            } else {
                let _ = std::fs::rename(aside, db);
            }
        }
    };
    if db.exists() {
        let aside = files::free_name(dir.path(), &format!("{DB_FILE}.{SET_ASIDE_MARK}-{stamp}"), "")?;
        let linked =
            files::keep_as(db, &aside).map_err(|e| Error::io(crate::msg!("error.backup.keeping_database"), &e))?;
        old_db = Some((aside.clone(), linked));
        set_aside.push(aside.clone());
        for suffix in ["-wal", "-shm"] {
            let (from, to) = (companion(db, suffix), companion(&aside, suffix));
            if from.exists() {
                if let Err(e) = std::fs::rename(&from, &to) {
                    put_back(&old_db, &moved);
                    return Err(Error::io(crate::msg!("error.backup.keeping_log"), &e));
                }
                moved.push((from, to.clone()));
                set_aside.push(to);
            }
        }
    }
    // One rename: the restored database takes the name, replacing the hard link if there is one.
    if let Err(e) = std::fs::rename(new_db, db) {
        put_back(&old_db, &moved);
        return Err(Error::io(crate::msg!("error.backup.moving_restored"), &e));
    }
    if let Some(new_key) = new_key {
        let kept_key = if key_path.exists() {
            let aside = files::free_name(dir.path(), &format!("{KEY_FILE}.{SET_ASIDE_MARK}-{stamp}"), "")?;
            match files::keep_as(key_path, &aside) {
                Ok(_) => Some(aside),
                Err(e) => {
                    restore_old(db, &old_db, &moved, new_db);
                    return Err(Error::io(crate::msg!("error.backup.keeping_key_file"), &e));
                }
            }
        } else {
            None
        };
        if let Err(e) = std::fs::rename(new_key, key_path) {
            if let Some(aside) = &kept_key {
                let _ = std::fs::rename(aside, key_path);
            }
            restore_old(db, &old_db, &moved, new_db);
            return Err(Error::io(crate::msg!("error.backup.saving_key_file"), &e));
        }
        set_aside.extend(kept_key);
    }
    files::sync_folder(dir.path());
    Ok(set_aside)
}

/// After the restored database has taken the name but the key file could not follow: the
/// restored database goes back to its temporary name and the old one back into place.
fn restore_old(db: &Path, old_db: &Option<(PathBuf, bool)>, moved: &[(PathBuf, PathBuf)], new_db: &Path) {
    let _ = std::fs::rename(db, new_db);
    if let Some((aside, _)) = old_db {
        let _ = std::fs::rename(aside, db);
    }
    for (from, to) in moved.iter().rev() {
        let _ = std::fs::rename(to, from);
    }
}
