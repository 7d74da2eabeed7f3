//! Opening an existing store: with the key from the OS keyring, with the passphrase, or with
//! the recovery key; and after recovery, keeping the key again the way the user chooses.
//!
//! Promise: a missing keyring entry or key file never leads to a new key; the only way past it
//! is the recovery key, and nothing is written until that key has opened the database.

use crate::data_dir::{Contents, DataDir};
use crate::error::{Code, Error, Result};
use crate::keys::key_file::KeyFile;
use crate::keys::{DbKey, KeyStorage, os_keyring};
use crate::secret::Secret;
use crate::setup::KeyChoice;
use crate::store::witness::Witness;
use crate::store::{Hold, KeySource, Store};
use serde::Serialize;

/// How to get the key this time.
#[derive(Debug)]
pub enum Unlock {
    Keyring,
    Passphrase(Secret<String>),
    RecoveryKey(DbKey),
}

/// What a data folder needs before it can be used, as the window's first question (its texts in
/// the language asked for: the window's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Access {
    /// Nothing here: first-run setup.
    New,
    /// A store whose key is kept in the given way.
    Locked { storage: KeyStorage },
    /// A store that only the recovery key can open now.
    NeedsRecoveryKey { reason: String },
    /// Something is wrong that the program must not try to fix by itself.
    Problem { code: Code, message: String },
}

pub fn access(dir: &DataDir, lang: crate::text::Lang) -> Access {
    // A change of key a crash stopped is settled first: it decides which key file is this one.
    if let Err(e) = crate::keys::change::finish_interrupted(dir) {
        return Access::Problem {
            code: e.code,
            message: e.in_lang(lang),
        };
    }
    match dir.contents() {
        Contents::Empty => Access::New,
        Contents::DatabaseWithoutKeyFile => Access::NeedsRecoveryKey {
            reason: key_file_missing().in_lang(lang),
        },
        Contents::KeyFileWithoutDatabase => {
            let e = database_missing(dir);
            Access::Problem {
                code: e.code,
                message: e.in_lang(lang),
            }
        }
        Contents::Store => match KeyFile::read(&dir.key_file_path()) {
            Ok(Some(f)) => Access::Locked { storage: f.storage },
            Ok(None) => Access::NeedsRecoveryKey {
                reason: key_file_missing().in_lang(lang),
            },
            Err(e) => Access::NeedsRecoveryKey {
                reason: e.in_lang(lang),
            },
        },
    }
}

fn key_file_missing() -> Error {
    Error::new(Code::KeyMissing, crate::msg!("error.unlock.key_file_missing"))
}

fn database_missing(dir: &DataDir) -> Error {
    Error::new(
        Code::DatabaseMissing,
        crate::msg!("error.unlock.database_missing", folder = dir.path().display()),
    )
}

fn no_store(dir: &DataDir) -> Error {
    Error::new(
        Code::NoStore,
        crate::msg!("error.unlock.no_store", folder = dir.path().display()),
    )
}

/// The way the store's key is kept, as the key file says.
pub fn storage(dir: &DataDir) -> Result<KeyStorage> {
    crate::keys::change::finish_interrupted(dir)?;
    match dir.contents() {
        Contents::Empty => Err(no_store(dir)),
        Contents::KeyFileWithoutDatabase => Err(database_missing(dir)),
        Contents::DatabaseWithoutKeyFile => Err(key_file_missing()),
        Contents::Store => KeyFile::read(&dir.key_file_path())?
            .map(|f| f.storage)
            .ok_or_else(key_file_missing),
    }
}

/// The key for this store, found the way `how` says, not yet tried on the database.
fn find_key(dir: &DataDir, how: Unlock) -> Result<(DbKey, KeySource)> {
    crate::keys::change::finish_interrupted(dir)?;
    match dir.contents() {
        Contents::Empty => return Err(no_store(dir)),
        Contents::KeyFileWithoutDatabase => return Err(database_missing(dir)),
        Contents::DatabaseWithoutKeyFile | Contents::Store => {}
    }
    if let Unlock::RecoveryKey(key) = how {
        return Ok((key, KeySource::Typed));
    }
    let file = KeyFile::read(&dir.key_file_path())?.ok_or_else(key_file_missing)?;
    match (how, file.storage) {
        (Unlock::Keyring, KeyStorage::Keyring) => Ok((os_keyring::load(&file.store_id)?, KeySource::Kept)),
        (Unlock::Passphrase(p), KeyStorage::Passphrase) => Ok((file.unwrap_key(&p)?, KeySource::Kept)),
        (Unlock::Keyring, KeyStorage::Passphrase) => Err(Error::new(
            Code::WrongKeyStorage,
            crate::msg!("error.unlock.passphrase_protected"),
        )),
        (Unlock::Passphrase(_), KeyStorage::Keyring) => Err(Error::new(
            Code::WrongKeyStorage,
            crate::msg!("error.unlock.key_in_keyring"),
        )),
        (Unlock::RecoveryKey(_), _) => unreachable!("handled above"),
    }
}

/// Opens the store, brings its schema up to date, and makes the documents a crash left due.
pub fn open(dir: &DataDir, how: Unlock) -> Result<Store> {
    let (key, source) = find_key(dir, how)?;
    let (hold, lost) = hold_and_read_wal(dir)?;
    let now = crate::clock::now();
    let mut store = Store::open(&dir.db_path(), &key, source)?
        .held(hold)
        .witnessed_by(Witness::new(dir, &key), now)?;
    if let Some(lost) = lost {
        // The evidence goes with the first checkpoint: the finding is kept in the log instead
        // (when it can be written at all: a full disk is no reason to keep anyone out).
        let _ = store.record_finding(lost.message(), now);
    }
    // What a killed program left behind (a snapshot, a half-written backup) goes now.
    crate::backup::remove_leftovers(dir.path());
    if let Some(folder) = crate::settings::load(store.conn()).ok().and_then(|s| s.backup.folder) {
        crate::backup::remove_leftovers(std::path::Path::new(&folder));
    }
    // A document that cannot be made must not keep anyone from her data: it stays due, and
    // asking for it shows why.
    let _ = crate::billing::due_documents::make_all(store.conn(), now);
    Ok(store)
}

/// The data folder's lock, shared, and what SQLite will not read of the write-ahead log. A loss
/// is judged only by a program that has the store alone: another program's WAL may be in the
/// middle of a write, and what it lost was judged when it opened the store.
fn hold_and_read_wal(dir: &DataDir) -> Result<(Hold, Option<crate::store::wal::LostTail>)> {
    let mut hold = Hold::shared(dir)?;
    let db = dir.db_path();
    if crate::store::wal::lost_tail(&db).is_none() || hold.take_alone().is_err() {
        return Ok((hold, None));
    }
    let lost = crate::store::wal::lost_tail(&db);
    hold.make_shared()?;
    Ok((hold, lost))
}

/// Opens the store without changing anything in it (for `verify`).
pub fn open_for_check(dir: &DataDir, how: Unlock) -> Result<Store> {
    let (key, source) = find_key(dir, how)?;
    let (hold, lost) = hold_and_read_wal(dir)?;
    let store = Store::open_unmigrated(&dir.db_path(), &key, source)?;
    // A check that found part of the write-ahead log lost leaves the log as it found it:
    // closing would write it back and delete it, and with it what the next opening to work is
    // to record.
    if lost.is_some() {
        store
            .conn()
            .set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)?;
    }
    Ok(store
        .held(hold)
        .with_witness_to_check(Witness::new(dir, &key))
        .with_wal_lost(lost))
}

/// Opens the store with the recovery key, then keeps the key again as the user chose: in the
/// keyring, or wrapped with a passphrase in a new key file.
pub fn recover(dir: &DataDir, recovery_key: DbKey, choice: KeyChoice) -> Result<Store> {
    crate::keys::change::finish_interrupted(dir)?;
    // The key file is replaced: nobody else may be using the store meanwhile.
    let hold = Hold::exclusive(dir)?;
    let store = Store::open(&dir.db_path(), &recovery_key, KeySource::Typed)?;
    // The database is open, so the key is right; now it is safe to write where it is kept.
    let existing = match KeyFile::read(&dir.key_file_path()) {
        Ok(existing) => existing,
        Err(_) => {
            // A key file that cannot be read is set aside, not overwritten, for anyone who
            // wants to see what happened to it.
            let aside = dir.key_file_path().with_extension("json.damaged");
            std::fs::rename(dir.key_file_path(), &aside)
                .map_err(|e| Error::io(crate::msg!("error.unlock.moving_damaged_key_file"), &e))?;
            None
        }
    };
    let store_id = match &existing {
        Some(f) if f.storage == KeyStorage::Keyring && matches!(choice, KeyChoice::Keyring) => f.store_id.clone(),
        _ => uuid::Uuid::new_v4().to_string(),
    };
    let file = choice.keep(&store_id, &recovery_key)?;
    if existing.as_ref() != Some(&file) {
        file.replace(&dir.key_file_path())?;
    }
    let witness = Witness::new(dir, &recovery_key);
    store.held(hold.share()?).witnessed_by(witness, crate::clock::now())
}

/// The environment variable that puts the program in passphrase mode with the given passphrase
/// (for scripts, headless use and tests). When it is set, the OS keyring is never touched.
pub const PASSPHRASE_ENV: &str = "FRISTAD_PASSPHRASE";

pub fn passphrase_from_env() -> Option<Secret<String>> {
    std::env::var(PASSPHRASE_ENV)
        .ok()
        .filter(|p| !p.is_empty())
        .map(Secret::new)
}
