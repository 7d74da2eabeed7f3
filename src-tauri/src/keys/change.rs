//! Changing the database key (key rotation), for when a key file, a passphrase or a recovery
//! sheet may have gone astray: the database is encrypted again under a new key, a new recovery
//! key is shown once, and the old key, the old key file with its passphrase and the old recovery
//! key no longer open it. Backups made before keep the key they were made with.
//!
//! Changing only the passphrase ([`rewrap`]) keeps the key and wraps it anew: an old copy of the
//! key file then still opens the database with the old passphrase. That is why a key that may
//! have gone astray is changed, not re-wrapped.
//!
//! The order is what makes it safe. With the store held alone, a copy of the database is made
//! beside it and encrypted under the new key (`PRAGMA rekey` on the copy, in rollback-journal
//! mode, where SQLCipher supports it), checked to open with the new key only, and flushed; the
//! new key file and the log's witness under the new key are written beside theirs. Only then
//! is the database closed and the copy renamed over it, and the key file and witness after it.
//! A crash before the database's rename leaves the old store as it was; after it, the next
//! opening finishes the renames ([`finish_interrupted`]). Which of the two happened is told by
//! the files alone, without any key.

use crate::data_dir::{DB_FILE, DataDir, KEY_FILE};
use crate::error::{Code, Error, Result};
use crate::keys::key_file::KeyFile;
use crate::keys::{DbKey, KeyStorage, os_keyring};
use crate::setup::KeyChoice;
use crate::store::witness::{self, WITNESS_FILE, Witness};
use crate::store::{Hold, KeySource, Store};
use chrono::{DateTime, Utc};
use rusqlite::OpenFlags;
use std::path::{Path, PathBuf};

/// What a change of key in progress is named by, after the file it is to replace.
const PENDING: &str = ".ny-nyckel";

/// The access log's name for a change of key and for a change of passphrase.
pub const CHANGE_ACTION: &str = "change_key";
pub const REWRAP_ACTION: &str = "change_passphrase";

fn pending(dir: &DataDir, name: &str) -> PathBuf {
    dir.path().join(format!("{name}{PENDING}"))
}

/// The store under its new key, and the key, to be shown once as the recovery key.
#[derive(Debug)]
pub struct Changed {
    pub store: Store,
    pub key: DbKey,
    pub storage: KeyStorage,
}

/// A change that did not happen. `store` is the store as it was, still open, when nothing had
/// been closed yet; otherwise the caller opens it again.
#[derive(Debug)]
pub struct Refused {
    pub error: Error,
    pub store: Option<Store>,
}

/// Encrypts the store in `dir` under a new key, kept as `choice` says. `store` is the open
/// store of `dir`; nobody else may have it open.
pub fn change(
    mut store: Store,
    dir: &DataDir,
    choice: KeyChoice,
    actor: &str,
    now: DateTime<Utc>,
) -> std::result::Result<Changed, Box<Refused>> {
    if let Err(error) = store.take_alone() {
        return Err(Box::new(Refused {
            error,
            store: Some(store),
        }));
    }
    let old_file = KeyFile::read(&dir.key_file_path()).ok().flatten();
    let prepared = match prepare(&store, dir, &choice) {
        Ok(p) => p,
        Err(error) => {
            let _ = store.share_again();
            return Err(Box::new(Refused {
                error,
                store: Some(store),
            }));
        }
    };
    let swapped = swap(store, dir).map_err(|error| {
        prepared.undo(dir);
        Box::new(Refused { error, store: None })
    })?;
    // The database is under the new key from here on: the rest is finished by the next opening
    // should it fail now.
    let hold = swapped;
    let fail = |error: Error| Box::new(Refused { error, store: None });
    finish(dir, old_file.as_ref()).map_err(fail)?;
    let key = prepared.key;
    let store = Store::open(&dir.db_path(), &key, KeySource::Kept)
        .and_then(|s| Ok(s.held(hold.share()?)))
        .and_then(|s| s.witnessed_by(Witness::new(dir, &key), now))
        .and_then(|mut s| {
            s.write(|tx| {
                let event = crate::audit::Event::new(actor, CHANGE_ACTION, crate::audit::Kind::Change)
                    .detail(storage_word(prepared.storage));
                crate::audit::record(tx, event, now).map(|_| ())
            })?;
            Ok(s)
        })
        .map_err(fail)?;
    Ok(Changed {
        store,
        key,
        storage: prepared.storage,
    })
}

fn storage_word(storage: KeyStorage) -> String {
    match storage {
        KeyStorage::Keyring => "nyckelring".into(),
        KeyStorage::Passphrase => "lösenfras".into(),
    }
}

/// The new key and what was written for it beside the store.
struct Prepared {
    key: DbKey,
    storage: KeyStorage,
    keyring_entry: Option<String>,
}

impl Prepared {
    /// Takes back what [`prepare`] wrote; the store is as it was.
    fn undo(&self, dir: &DataDir) {
        remove_pending(dir);
        if let Some(id) = &self.keyring_entry {
            let _ = os_keyring::delete(id);
        }
    }
}

fn remove_pending(dir: &DataDir) {
    let db = pending(dir, DB_FILE);
    for suffix in ["", "-journal", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let _ = std::fs::remove_file(pending(dir, KEY_FILE));
    let _ = std::fs::remove_file(pending(dir, WITNESS_FILE));
}

fn failed(e: std::io::Error) -> Error {
    Error::io(crate::msg!("error.keys.change_failed"), &e)
}

/// Writes the store's copy under a new key, its key file and its witness beside the store,
/// under pending names. Nothing the store uses is touched.
fn prepare(store: &Store, dir: &DataDir, choice: &KeyChoice) -> Result<Prepared> {
    // Left by an earlier change that was stopped before its swap: the store is held alone, so
    // nobody is using them.
    remove_pending(dir);
    let key = DbKey::generate()?;
    let mut prepared = Prepared {
        key,
        storage: match choice {
            KeyChoice::Keyring => KeyStorage::Keyring,
            KeyChoice::Passphrase(_) => KeyStorage::Passphrase,
        },
        keyring_entry: None,
    };
    let result = write_pending(store, dir, choice, &mut prepared);
    match result {
        Ok(()) => Ok(prepared),
        Err(e) => {
            prepared.undo(dir);
            Err(e)
        }
    }
}

fn write_pending(store: &Store, dir: &DataDir, choice: &KeyChoice, prepared: &mut Prepared) -> Result<()> {
    let copy = pending(dir, DB_FILE);
    // Created empty first so that the copy is private from its first byte.
    crate::backup::files::create_new_private(&copy).map_err(failed)?;
    let target = copy
        .to_str()
        .ok_or_else(|| Error::new(Code::Io, crate::msg!("error.backup.unusable_path")))?;
    // One consistent state, the write-ahead log included, encrypted with the old key.
    store.conn().execute("VACUUM INTO ?1", [target])?;
    rekey(&copy, store, &prepared.key)?;
    let head = witness::head(store.conn())?;
    check_copy(&copy, store, &prepared.key, head.as_ref())?;

    if let Some(head) = &head {
        Witness::new(dir, &prepared.key)
            .at(pending(dir, WITNESS_FILE))
            .write(head)?;
    }
    // A keyring entry of its own: the old one stays until the new key is in use.
    let store_id = uuid::Uuid::new_v4().to_string();
    let file = choice.keep(&store_id, &prepared.key)?;
    if file.storage == KeyStorage::Keyring {
        prepared.keyring_entry = Some(store_id);
    }
    file.write_new(&pending(dir, KEY_FILE))?;
    crate::backup::files::sync_folder(dir.path());
    Ok(())
}

/// Encrypts the copy at `copy` (made with the store's key) under `key`.
fn rekey(copy: &Path, store: &Store, key: &DbKey) -> Result<()> {
    let conn = crate::store::connect(
        copy,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    crate::store::apply_key(&conn, store.key())?;
    // SQLCipher rekeys in place only outside WAL mode.
    let mode: String = conn.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("delete") {
        return Err(Error::new(Code::Database, crate::msg!("error.store.wal", mode = mode)));
    }
    conn.execute_batch("PRAGMA synchronous = FULL;")?;
    conn.pragma_update(None, "rekey", key.sqlcipher_key().expose())?;
    conn.close().map_err(|(_, e)| Error::from(e))?;
    Ok(())
}

/// The copy opens with the new key, not with the old one, is whole, and ends its access log
/// where the store does; then it is flushed to the disk.
fn check_copy(copy: &Path, store: &Store, key: &DbKey, head: Option<&witness::Head>) -> Result<()> {
    let not_right = || Error::new(Code::Database, crate::msg!("error.keys.change_copy_wrong"));
    if Store::open_unmigrated(copy, store.key(), KeySource::Kept).is_ok() {
        return Err(not_right());
    }
    let opened = Store::open_unmigrated(copy, key, KeySource::Kept)?;
    let ok: String = opened.conn().query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    let same_end = witness::head(opened.conn())?.as_ref() == head;
    opened.close()?;
    if ok != "ok" || !same_end {
        return Err(not_right());
    }
    std::fs::File::open(copy).and_then(|f| f.sync_all()).map_err(failed)?;
    Ok(())
}

/// Closes the store and renames the copy over its database. Returns the data folder's lock,
/// still held alone.
fn swap(store: Store, dir: &DataDir) -> Result<Hold> {
    let hold = store
        .close_keeping_hold()?
        .ok_or_else(|| Error::new(Code::NotReady, crate::msg!("error.store.not_in_data_dir")))?;
    let db = dir.db_path();
    // Closed and checkpointed: what is left of the write-ahead log is empty, and under the old
    // key; beside the new database it would be read as its own.
    for suffix in ["-wal", "-shm"] {
        match std::fs::remove_file(format!("{}{suffix}", db.display())) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(failed(e)),
            _ => {}
        }
    }
    std::fs::rename(pending(dir, DB_FILE), &db).map_err(failed)?;
    crate::backup::files::sync_folder(dir.path());
    Ok(hold)
}

/// After the database's rename: the new key file and the new witness take the old ones'
/// places, and the old key's keyring entry goes.
fn finish(dir: &DataDir, old_file: Option<&KeyFile>) -> Result<()> {
    let new_file = KeyFile::read(&pending(dir, KEY_FILE))?;
    std::fs::rename(pending(dir, KEY_FILE), dir.key_file_path()).map_err(failed)?;
    let witness_path = dir.path().join(WITNESS_FILE);
    match std::fs::rename(pending(dir, WITNESS_FILE), &witness_path) {
        Ok(()) => {}
        // No log yet: the old key's witness would read as forged under the new one.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let _ = std::fs::remove_file(&witness_path);
        }
        Err(e) => return Err(failed(e)),
    }
    crate::backup::files::sync_folder(dir.path());
    if let Some(old) = old_file.filter(|f| f.storage == KeyStorage::Keyring)
        && new_file.as_ref().is_none_or(|n| n.store_id != old.store_id)
    {
        let _ = os_keyring::delete(&old.store_id);
    }
    Ok(())
}

/// Completes or takes back a change of key that a crash stopped, told by the pending files
/// alone: while the copy is still there, the store was never replaced, and the change is taken
/// back; once it has been renamed, the database is under the new key and the key file follows.
/// Does nothing while another program has the store open (it has done this already).
pub fn finish_interrupted(dir: &DataDir) -> Result<()> {
    let copy = pending(dir, DB_FILE);
    let new_key_file = pending(dir, KEY_FILE);
    if !copy.exists() && !new_key_file.exists() && !pending(dir, WITNESS_FILE).exists() {
        return Ok(());
    }
    let Ok(_alone) = Hold::exclusive(dir) else {
        return Ok(());
    };
    let old_file = KeyFile::read(&dir.key_file_path()).ok().flatten();
    if copy.exists() || !new_key_file.exists() {
        let entry = KeyFile::read(&new_key_file)
            .ok()
            .flatten()
            .filter(|f| f.storage == KeyStorage::Keyring)
            .map(|f| f.store_id)
            .filter(|id| old_file.as_ref().is_none_or(|old| old.store_id != *id));
        remove_pending(dir);
        if let Some(id) = entry {
            let _ = os_keyring::delete(&id);
        }
        return Ok(());
    }
    finish(dir, old_file.as_ref())
}

/// Keeps the same key another way: wrapped with a new passphrase, or in the keyring. The old
/// key file, wherever a copy of it is, still opens the database with the old passphrase; a key
/// that may have gone astray is [`change`]d instead.
pub fn rewrap(
    store: &mut Store,
    dir: &DataDir,
    choice: KeyChoice,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<KeyStorage> {
    store.take_alone()?;
    let result = rewrap_alone(store, dir, choice, actor, now);
    store.share_again()?;
    result
}

fn rewrap_alone(
    store: &mut Store,
    dir: &DataDir,
    choice: KeyChoice,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<KeyStorage> {
    let old = KeyFile::read(&dir.key_file_path())?;
    let store_id = uuid::Uuid::new_v4().to_string();
    let file = choice.keep(&store_id, store.key())?;
    if let Err(e) = file.replace(&dir.key_file_path()) {
        if file.storage == KeyStorage::Keyring {
            let _ = os_keyring::delete(&store_id);
        }
        return Err(e);
    }
    if let Some(old) = old.filter(|f| f.storage == KeyStorage::Keyring) {
        let _ = os_keyring::delete(&old.store_id);
    }
    store.write(|tx| {
        let event = crate::audit::Event::new(actor, REWRAP_ACTION, crate::audit::Kind::Change)
            .detail(storage_word(file.storage));
        crate::audit::record(tx, event, now).map(|_| ())
    })?;
    Ok(file.storage)
}

#[cfg(test)]
#[path = "change_tests.rs"]
mod tests;
