//! Opening a backup: the checksum first, then the key (this store's own, the recovery key, or
//! the passphrase through the key file kept in the backup's header), then every check the store
//! itself gets (page authentication codes, SQLite's integrity check, foreign keys, the access
//! log's chain, the application id and the schema version), the log's end against the header's
//! signed head, and the counts of what it holds.

use super::files::Temporary;
use super::format::{self, Header, Reader};
use crate::data_dir::DataDir;
use crate::error::{Code, Error, Result};
use crate::keys::key_file::KeyFile;
use crate::keys::{DbKey, KeyStorage, os_keyring};
use crate::secret::Secret;
use crate::store::{KeySource, Store, migrations, verify};
use crate::text::{Arg, Lang, Message};
use chrono::{DateTime, Utc};
use rusqlite::OpenFlags;
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The keys the user has offered for opening a backup. Each is tried where it applies.
#[derive(Debug, Default)]
pub struct Keys {
    /// Whether the OS keyring may be asked for the key of the store in the data folder (false
    /// when `FRISTAD_PASSPHRASE` is set: then the keyring is never touched).
    pub keyring: bool,
    /// A passphrase: it unwraps the key file of the store in the data folder, or the key file
    /// kept in the backup (when the backed-up store used a passphrase).
    pub passphrase: Option<Secret<String>>,
    /// The recovery key of the store the backup was made from.
    pub recovery_key: Option<DbKey>,
}

/// Which key opened the backup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OpenedWith {
    /// The key of the store in the data folder: the backup is of this store.
    ThisStore,
    /// The passphrase, through the key file kept in the backup.
    Passphrase,
    RecoveryKey,
}

/// How many rows one of the main tables holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    pub table: String,
    /// For people, in the window's language (Swedish in fristad-cli): "personer", "placeringar" …
    pub label: String,
    pub count: i64,
}

/// A backup that has passed every check, and what it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verified {
    pub file_name: String,
    pub bytes: u64,
    pub created_at: DateTime<Utc>,
    pub automatic: bool,
    /// The backup's schema version; older than the program's is fine (it is migrated on restore).
    pub schema_version: i64,
    /// The schema version this program writes.
    pub schema_version_program: i64,
    /// How the backed-up store kept its key.
    pub key_storage: Option<KeyStorage>,
    pub opened_with: OpenedWith,
    pub counts: Vec<Count>,
    /// Where the access log in it ends, as its header says and its log shows (and who signed
    /// that); `None` for a backup made before backups carried it.
    pub log_head: Option<super::log_head::CheckedHead>,
}

impl Verified {
    /// The same, its counts' labels in `lang` (the window's).
    pub fn in_language(mut self, lang: Lang) -> Verified {
        for c in &mut self.counts {
            if let Some(label) = count_label(&c.table) {
                c.label = label.render(lang);
            }
        }
        self
    }
}

/// A count's label, made when a backup is checked (in Swedish; see `Verified::in_language`).
type Label = fn() -> Message;

/// The main record tables, counted so that the user sees what a backup holds, with their labels.
/// Tables an older backup does not have yet are left out.
const COUNTED: &[(&str, Label)] = &[
    ("people", || crate::msg!("label.backup.people")),
    ("placements", || crate::msg!("label.backup.placements")),
    ("stays", || crate::msg!("label.backup.stays")),
    ("journal", || crate::msg!("label.backup.journal")),
    ("concern_reports", || crate::msg!("label.backup.concern_reports")),
    ("requests", || crate::msg!("label.backup.requests")),
    // An older backup's log of refused requests (migration 24 made it part of `requests`).
    ("refused_requests", || crate::msg!("label.backup.refused_requests")),
    ("municipalities", || crate::msg!("label.backup.municipalities")),
    ("rooms", || crate::msg!("label.backup.rooms")),
    ("invoices", || crate::msg!("label.backup.invoices")),
    ("payments", || crate::msg!("label.backup.payments")),
    ("accounts", || crate::msg!("label.backup.accounts")),
    ("access_log", || crate::msg!("label.backup.access_log")),
];

/// The label of a table a backup's counts name, as a catalogue text.
pub fn count_label(table: &str) -> Option<crate::text::Message> {
    COUNTED.iter().find(|(t, _)| *t == table).map(|(_, label)| label())
}

/// Checks a backup completely without changing anything: the file, the key, the database in
/// it. `this_store` is the data folder whose store's key may open it (a backup of the same
/// store); on another computer pass the recovery key or the passphrase in `keys`.
pub fn verify(file: &Path, this_store: Option<&DataDir>, keys: &Keys) -> Result<Verified> {
    let work = match this_store {
        Some(d) if d.path().is_dir() => d.path().to_path_buf(),
        _ => std::env::temp_dir(),
    };
    let mut tmp = Temporary::default();
    let opened = open_into(file, this_store, keys, &work, &mut tmp)?;
    opened.store.close()?;
    Ok(opened.verified)
}

/// A backup decrypted into a temporary database and checked.
pub(crate) struct Opened {
    pub verified: Verified,
    pub header: Header,
    /// Open on `path`, unmigrated.
    pub store: Store,
    pub key: DbKey,
    pub source: KeySource,
    /// The temporary database (owned by the caller's `Temporary`).
    pub path: PathBuf,
    /// The key file of the store in the data folder, when its key opened the backup.
    pub this_key_file: Option<KeyFile>,
}

pub(crate) fn open_into(
    file: &Path,
    this_store: Option<&DataDir>,
    keys: &Keys,
    work: &Path,
    tmp: &mut Temporary,
) -> Result<Opened> {
    let reader = Reader::open(file)?;
    let header = reader.header.clone();
    if reader.db_len() == 0 {
        return Err(format::damaged(crate::msg!("label.backup.empty_database")));
    }
    let path = tmp.create(work, "fristad-tmp-", ".db")?;
    {
        let f = std::fs::OpenOptions::new()
            .write(true)
            .open(&path)
            .map_err(|e| Error::io(crate::msg!("error.backup.writing_temporary"), &e))?;
        let mut out = std::io::BufWriter::new(f);
        reader.extract(&mut out)?;
        let f = out
            .into_inner()
            .map_err(|e| Error::io(crate::msg!("error.backup.writing_temporary"), e.error()))?;
        f.sync_all()
            .map_err(|e| Error::io(crate::msg!("error.backup.writing_temporary"), &e))?;
    }
    let (store, key, source, opened_with, this_key_file) = unlock(&path, &header, this_store, keys)?;
    let verified = check(&store, &header, file, opened_with)?;
    Ok(Opened {
        verified,
        header,
        store,
        key,
        source,
        path,
        this_key_file,
    })
}

/// Whether `key` decrypts the database's first page. The checksum has shown the file to be
/// whole, so a first page that does not decrypt means another key, while a later page that does
/// not means damage (or tampering with the checksum recomputed).
fn key_opens(path: &Path, key: &DbKey) -> Result<bool> {
    let conn = crate::store::connect(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    crate::store::apply_key(&conn, key)?;
    match conn.query_row("PRAGMA application_id", [], |r| r.get::<_, i32>(0)) {
        Ok(_) => Ok(true),
        Err(e)
            if matches!(
                e.sqlite_error_code(),
                Some(rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt)
            ) =>
        {
            Ok(false)
        }
        Err(e) => Err(e.into()),
    }
}

/// Tries a key on the decrypted copy: `None` when the key does not open it.
fn attempt(path: &Path, key: &DbKey, source: KeySource) -> Result<Option<Store>> {
    if !key_opens(path, key)? {
        return Ok(None);
    }
    match Store::open_unmigrated(path, key, source) {
        Ok(store) => Ok(Some(store)),
        Err(e) if matches!(e.code, Code::WrongRecoveryKey | Code::DamagedDatabase) => {
            Err(format::damaged(crate::msg!("label.backup.pages_damaged")))
        }
        Err(e) if e.code == Code::NotOurDatabase => Err(not_ours_inside()),
        Err(e) if e.code == Code::NewerDatabase => Err(Error::new(
            Code::NewerDatabase,
            crate::msg!("error.backup.newer_schema", latest = migrations::latest()),
        )),
        Err(e) => Err(e),
    }
}

fn not_ours_inside() -> Error {
    Error::new(Code::NotOurDatabase, crate::msg!("error.backup.not_ours_inside"))
}

type Unlocked = (Store, DbKey, KeySource, OpenedWith, Option<KeyFile>);

fn unlock(path: &Path, header: &Header, this_store: Option<&DataDir>, keys: &Keys) -> Result<Unlocked> {
    let mut head = [0u8; 16];
    let n = std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
        .map_err(|e| Error::io(crate::msg!("error.backup.reading_temporary"), &e))?;
    if &head[..n] == b"SQLite format 3\0" {
        return Err(not_ours_inside());
    }
    // This store's own key: a backup of the store in the data folder opens without asking.
    if let Some(dir) = this_store
        && let Ok(Some(kf)) = KeyFile::read(&dir.key_file_path())
    {
        let key = match kf.storage {
            KeyStorage::Keyring if keys.keyring => os_keyring::load(&kf.store_id).ok(),
            KeyStorage::Passphrase => keys.passphrase.as_ref().and_then(|p| kf.unwrap_key(p).ok()),
            KeyStorage::Keyring => None,
        };
        if let Some(key) = key
            && let Some(store) = attempt(path, &key, KeySource::Kept)?
        {
            return Ok((store, key, KeySource::Kept, OpenedWith::ThisStore, Some(kf)));
        }
    }
    let mut recovery_failed = false;
    if let Some(key) = &keys.recovery_key {
        match attempt(path, key, KeySource::Typed)? {
            Some(store) => return Ok((store, key.clone(), KeySource::Typed, OpenedWith::RecoveryKey, None)),
            None => recovery_failed = true,
        }
    }
    let mut passphrase_failed = false;
    if let (Some(p), Some(kf)) = (&keys.passphrase, &header.key_file) {
        match kf.unwrap_key(p) {
            Ok(key) => match attempt(path, &key, KeySource::Kept)? {
                Some(store) => return Ok((store, key, KeySource::Kept, OpenedWith::Passphrase, None)),
                None => return Err(format::damaged(crate::msg!("label.backup.own_key"))),
            },
            Err(e) if e.code == Code::WrongPassphrase => passphrase_failed = true,
            Err(e) => return Err(e),
        }
    }
    Err(if recovery_failed {
        Error::invalid("recovery_key", crate::msg!("error.backup.wrong_recovery_key")).with_code(Code::WrongRecoveryKey)
    } else if passphrase_failed {
        Error::invalid("passphrase", crate::msg!("error.backup.wrong_passphrase")).with_code(Code::WrongPassphrase)
    } else if header.key_file.is_some() {
        Error::new(Code::KeyMissing, crate::msg!("error.backup.no_key_or_passphrase"))
    } else {
        Error::new(Code::KeyMissing, crate::msg!("error.backup.no_key"))
    })
}

fn check(store: &Store, header: &Header, file: &Path, opened_with: OpenedWith) -> Result<Verified> {
    let conn = store.conn();
    let schema_version = migrations::current(conn)?;
    if schema_version != header.schema_version {
        return Err(format::damaged(crate::msg!("label.backup.schema_mismatch")));
    }
    let mut report = verify::run(store)?;
    // An older schema is not a fault in a backup: it is brought up to date when restored.
    report.schema_version_expected = report.schema_version;
    if !report.is_ok() {
        let findings = match report.summary() {
            Some(m) => Arg::Message(m),
            None => Arg::Text(String::new()),
        };
        return Err(Error::new(
            Code::DamagedDatabase,
            crate::msg!("error.backup.failed_check", findings = findings),
        ));
    }
    // The log must end where the header says, under a signature that holds.
    let log_head = super::log_head::check(conn, header)?;
    let mut counts = Vec::new();
    for (table, label) in COUNTED {
        let exists: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1)",
            [table],
            |r| r.get(0),
        )?;
        if exists {
            let count: i64 = conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
            counts.push(Count {
                table: (*table).into(),
                label: label().render(Lang::Sv),
                count,
            });
        }
    }
    let bytes = std::fs::metadata(file)
        .map_err(|e| Error::io(crate::msg!("error.backup.reading"), &e))?
        .len();
    Ok(Verified {
        file_name: file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        bytes,
        created_at: header.created_at,
        automatic: header.automatic,
        schema_version,
        schema_version_program: migrations::latest(),
        key_storage: header.key_storage,
        opened_with,
        counts,
        log_head,
    })
}

/// Writes a key file's text into an existing empty file and flushes it to disk.
pub(crate) fn write_key_file(path: &Path, file: &KeyFile) -> Result<()> {
    let text = serde_json::to_string_pretty(file).expect("a key file always serializes");
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(path)
        .map_err(|e| Error::io(crate::msg!("error.keys.writing_key_file"), &e))?;
    f.write_all(text.as_bytes())
        .and_then(|_| f.sync_all())
        .map_err(|e| Error::io(crate::msg!("error.keys.writing_key_file"), &e))
}
