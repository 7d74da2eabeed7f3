//! Backups: one encrypted file per backup, made on demand or automatically, checked completely
//! before a restore replaces anything.
//!
//! Promises:
//! - A backup file is useless without the store's key: the database in it is a consistent
//!   snapshot (everything committed, the write-ahead log included) encrypted with the store's own
//!   raw key, so the recovery key opens it; where the store uses a passphrase, the wrapped key
//!   travels in the header, so the passphrase opens it on another computer too. The header holds
//!   no personal data, and file names never do.
//! - A backup is written beside its final name, flushed to disk, read back and only then given
//!   its name; an existing file is never replaced.
//! - A damaged, truncated or foreign file, or a wrong key, is refused with a message naming the
//!   problem, and the data folder is left byte for byte as it was.
//! - A restore keeps what it replaces under dated names; nothing is deleted.
//! - Rotation removes only this store's automatic backups, never a manual one, another store's
//!   (two offices' stores may share a USB stick) or any other file. Each backup names its store:
//!   the id made when the store was (see migration 16) is in the header and the file name, and
//!   inside the encrypted database.
//! - Each backup's header carries where the access log ended in it, signed with the
//!   organisation's key when the store has one; a backup whose log does not end there is
//!   refused, and `verify` finds a live log cut or rewritten since any of this store's backups
//!   (see [`log_head`]).
//! - The snapshot a backup is made from is written beside the backup, not in the data folder:
//!   a backup needs room only where it goes. A snapshot or half-written backup that a killed
//!   program left behind is removed by the next backup into that folder and when either program
//!   opens the store.
//!
//! The file format is described in [`format`].

pub(crate) mod files;
pub mod format;
pub mod log_head;
mod open;
mod restore;
pub mod set_aside;

pub use format::{Header, read_header};
pub use log_head::{BackupHead, CheckedHead, LogHead};
pub use open::{Count, Keys, OpenedWith, Verified, count_label, verify};
pub use restore::{Restored, SET_ASIDE_MARK, restore};

use crate::data_dir::DataDir;
use crate::error::{Code, Error, Result};
use crate::keys::key_file::KeyFile;
use crate::store::{Store, migrations};
use chrono::{DateTime, SubsecRound, Utc};
use files::Temporary;
use serde::Serialize;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// Every backup file's name starts with this …
pub const FILE_PREFIX: &str = "fristad-sakerhetskopia-";
/// … an automatic one's with this …
pub const AUTOMATIC_PREFIX: &str = "fristad-sakerhetskopia-automatisk-";
/// … and ends with this.
pub const EXTENSION: &str = ".fristad-backup";

/// A backup just written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupInfo {
    pub path: PathBuf,
    pub file_name: String,
    pub bytes: u64,
    pub created_at: DateTime<Utc>,
    pub schema_version: i64,
    pub automatic: bool,
}

/// Which backups are this store's: those naming the id inside its database, and those made
/// before stores had one that name its key file's id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mine {
    store: String,
    key_file: Option<String>,
}

impl Mine {
    pub fn of(store: &Store, dir: &DataDir) -> Result<Mine> {
        Ok(Mine {
            store: store.id()?,
            key_file: KeyFile::read(&dir.key_file_path()).ok().flatten().map(|f| f.store_id),
        })
    }

    pub fn owns(&self, h: &Header) -> bool {
        match &h.store {
            Some(id) => *id == self.store,
            None => self.key_file.is_some() && h.store_id == self.key_file,
        }
    }
}

/// An automatic backup and the older automatic backups that rotation removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Automatic {
    pub backup: BackupInfo,
    pub removed: Vec<PathBuf>,
}

/// Writes a backup of `store` (whose data folder is `dir`) into `folder`, which must exist: a
/// missing folder is most often a USB stick that is not plugged in, and the backup must not
/// silently land on the computer's own disk instead.
pub fn create(store: &Store, dir: &DataDir, folder: &Path, now: DateTime<Utc>) -> Result<BackupInfo> {
    write_backup(store, dir, folder, false, now)
}

/// An automatic backup (at exit, daily) into `folder`, then rotation keeping the newest `keep`
/// automatic backups there (at least one).
pub fn automatic(store: &Store, dir: &DataDir, folder: &Path, keep: usize, now: DateTime<Utc>) -> Result<Automatic> {
    let backup = write_backup(store, dir, folder, true, now)?;
    let removed = rotate(folder, keep, &Mine::of(store, dir)?)?;
    Ok(Automatic { backup, removed })
}

/// Whether the day's automatic backup is still to be made: no automatic backup of this store in
/// `folder` was made on today's date in Sweden.
pub fn daily_due(folder: &Path, mine: &Mine, now: DateTime<Utc>) -> Result<bool> {
    let today = crate::clock::swedish_date(now);
    Ok(!automatic_backups(folder, mine)?
        .iter()
        .any(|(_, h)| crate::clock::swedish_date(h.created_at) == today))
}

fn missing_folder(folder: &Path) -> Error {
    Error::new(
        Code::NotFound,
        crate::msg!("error.backup.missing_folder", folder = folder.display()),
    )
}

fn write_backup(
    store: &Store,
    dir: &DataDir,
    folder: &Path,
    automatic: bool,
    now: DateTime<Utc>,
) -> Result<BackupInfo> {
    if !folder.is_dir() {
        return Err(missing_folder(folder));
    }
    let created_at = now.trunc_subsecs(3);
    // A store not yet migrated (only in tests of old backups) has no id; its backups are named
    // and rotated as before stores had one.
    let store_id = store.id().ok();
    // How the key is kept travels with the backup; a damaged key file does not stop a backup
    // (the recovery key still opens it).
    let key_file = KeyFile::read(&dir.key_file_path()).ok().flatten();

    // What a backup killed earlier left here goes first.
    files::remove_abandoned(folder);
    let mut tmp = Temporary::default();
    // The snapshot: VACUUM INTO reads one consistent state through the store's own connection
    // (so the write-ahead log is included) and writes it encrypted with the same key, with the
    // application id and schema version. It goes beside the backup, so a full data disk does not
    // stop a backup to a USB stick with room.
    let snapshot = tmp.create(folder, ".fristad-tmp-", ".db")?;
    let target = snapshot
        .to_str()
        .ok_or_else(|| Error::new(Code::Io, crate::msg!("error.backup.unusable_path")))?;
    store.conn().execute("VACUUM INTO ?1", [target])?;
    // Where the access log ends, read from the snapshot itself so that header and content agree.
    let log_head = log_head::of_snapshot(store.conn(), &snapshot, store_id.as_deref(), created_at)?;
    let header = Header {
        format: format::FORMAT.into(),
        created_at,
        program_version: env!("CARGO_PKG_VERSION").into(),
        schema_version: migrations::current(store.conn())?,
        automatic,
        store: store_id.clone(),
        store_id: key_file.as_ref().map(|f| f.store_id.clone()),
        key_storage: key_file.as_ref().map(|f| f.storage),
        key_file: key_file.filter(|f| f.storage == crate::keys::KeyStorage::Passphrase),
        log_head,
    };

    let partial = tmp.create(folder, ".fristad-sakerhetskopia-", ".tmp")?;
    let written = (|| -> std::io::Result<()> {
        let mut db = std::fs::File::open(&snapshot)?;
        let db_len = db.metadata()?.len();
        let out = std::fs::OpenOptions::new().write(true).open(&partial)?;
        let mut out = BufWriter::new(out);
        format::write(&mut out, &header, &mut db, db_len)?;
        out.flush()?;
        out.into_inner().map_err(|e| e.into_error())?.sync_all()
    })();
    written.map_err(|e| Error::io(crate::msg!("error.backup.writing"), &e))?;
    // Read back from the medium before it gets its name.
    format::read_header(&partial)
        .map_err(|e| Error::new(Code::Io, crate::msg!("error.backup.read_back", reason = e.as_arg())))?;

    let prefix = if automatic { AUTOMATIC_PREFIX } else { FILE_PREFIX };
    let base = match &store_id {
        Some(id) => format!("{prefix}{}-{}", &id[..8], files::stamp(created_at)),
        None => format!("{prefix}{}", files::stamp(created_at)),
    };
    let path = loop {
        let candidate = files::free_name(folder, &base, EXTENSION)?;
        match files::place_new(&partial, &candidate) {
            Ok(()) => break candidate,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(Error::io(crate::msg!("error.backup.naming"), &e)),
        }
    };
    tmp.release(&partial);
    files::sync_folder(folder);
    let bytes = std::fs::metadata(&path)
        .map_err(|e| Error::io(crate::msg!("error.backup.reading"), &e))?
        .len();
    Ok(BackupInfo {
        file_name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        path,
        bytes,
        created_at,
        schema_version: header.schema_version,
        automatic,
    })
}

/// Whether a file name is one an automatic backup gets:
/// `fristad-sakerhetskopia-automatisk-[STORE-]YYYYMMDD-HHMMSS[-N].fristad-backup`, where STORE is
/// the first eight hex digits of the store's id (backups made before stores had one lack it).
fn is_automatic_name(name: &str) -> bool {
    let Some(rest) = name
        .strip_prefix(AUTOMATIC_PREFIX)
        .and_then(|r| r.strip_suffix(EXTENSION))
    else {
        return false;
    };
    let with_store = rest.split_at_checked(9).is_some_and(|(store, after)| {
        store.ends_with('-')
            && store[..8]
                .bytes()
                .all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c))
            && is_stamp(after)
    });
    with_store || is_stamp(rest)
}

/// `YYYYMMDD-HHMMSS[-N]`.
fn is_stamp(rest: &str) -> bool {
    let (stamp, n) = match rest.get(15..) {
        Some("") => (rest, None),
        Some(tail) => (&rest[..15], tail.strip_prefix('-').or(Some("x"))),
        None => return false,
    };
    let b = stamp.as_bytes();
    b.len() == 15
        && b[8] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 8 || c.is_ascii_digit())
        && n.is_none_or(|n| !n.is_empty() && n.len() <= 3 && n.bytes().all(|c| c.is_ascii_digit()))
}

/// This store's automatic backups in `folder`, newest first: files with an automatic backup's
/// name whose header, checked, says so and names this store. Anything else is never listed (so
/// never removed).
pub fn automatic_backups(folder: &Path, mine: &Mine) -> Result<Vec<(PathBuf, Header)>> {
    if !folder.is_dir() {
        return Err(missing_folder(folder));
    }
    let entries = std::fs::read_dir(folder).map_err(|e| Error::io(crate::msg!("error.backup.reading_folder"), &e))?;
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !is_automatic_name(name) || !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        let path = entry.path();
        if let Ok(header) = format::Reader::open(&path).map(|r| r.header)
            && header.automatic
            && mine.owns(&header)
        {
            found.push((path, header));
        }
    }
    found.sort_by(|(pa, a), (pb, b)| b.created_at.cmp(&a.created_at).then_with(|| pb.cmp(pa)));
    Ok(found)
}

/// Removes this store's automatic backups in `folder` beyond the newest `keep` (at least one is
/// always kept). Manual backups, other stores' backups and every other file are left alone.
/// Returns what was removed.
pub fn rotate(folder: &Path, keep: usize, mine: &Mine) -> Result<Vec<PathBuf>> {
    let mut removed = Vec::new();
    for (path, _) in automatic_backups(folder, mine)?.into_iter().skip(keep.max(1)) {
        std::fs::remove_file(&path).map_err(|e| Error::io(crate::msg!("error.backup.removing_old"), &e))?;
        removed.push(path);
    }
    if !removed.is_empty() {
        files::sync_folder(folder);
    }
    Ok(removed)
}

#[cfg(test)]
mod tests;

/// Removes the temporary files (snapshots, half-written backups) that a killed program left in
/// `folder`, the data folder or a backup folder; a file another program is writing right now is
/// left alone. Returns how many went.
pub fn remove_leftovers(folder: &Path) -> usize {
    files::remove_abandoned(folder)
}
