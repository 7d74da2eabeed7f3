//! Small file-system steps that backups and restores are made of: private new files, temporary
//! files that remove themselves, moving a finished file into place without replacing anything,
//! and making renames durable.

use crate::error::{Error, Result};
use chrono::{DateTime, Utc};
use chrono_tz::Europe::Stockholm;
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

/// A new file that did not exist before, readable and writable by the current user only.
pub(crate) fn create_new_private(path: &Path) -> io::Result<File> {
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true).write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    opts.open(path)
}

/// A random name part, so that temporary files never collide and never say anything.
pub(crate) fn random_hex() -> Result<String> {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes)
        .map_err(|e| Error::new(crate::Code::Io, crate::msg!("error.records.random", reason = e)))?;
    Ok(hex::encode(bytes))
}

/// The time in a file name: Swedish local time, `20261128-143000`.
pub(crate) fn stamp(now: DateTime<Utc>) -> String {
    now.with_timezone(&Stockholm).format("%Y%m%d-%H%M%S").to_string()
}

/// Temporary files that are removed when this is dropped, unless released first. A database's
/// `-wal`, `-shm` and `-journal` companions are removed with it.
///
/// Each file stays locked (the operating system's lock on an open file) while this holds it, so
/// that one left behind by a killed program is known as such: nobody holds its lock any more
/// (see [`remove_abandoned`]).
#[derive(Debug, Default)]
pub(crate) struct Temporary(Vec<(PathBuf, File)>);

impl Temporary {
    /// A new, empty, private file named `prefix<random><suffix>` in `folder`.
    pub(crate) fn create(&mut self, folder: &Path, prefix: &str, suffix: &str) -> Result<PathBuf> {
        let path = folder.join(format!("{prefix}{}{suffix}", random_hex()?));
        let file =
            create_new_private(&path).map_err(|e| Error::io(crate::msg!("error.backup.creating_temporary"), &e))?;
        // A file system without locks (some network shares) still gets its temporary file.
        let _ = file.try_lock();
        self.0.push((path.clone(), file));
        Ok(path)
    }

    /// The file no longer needs removing (it has been moved into place).
    pub(crate) fn release(&mut self, path: &Path) {
        self.0.retain(|(p, _)| p != path);
    }
}

impl Drop for Temporary {
    fn drop(&mut self) {
        for (path, _) in &self.0 {
            for suffix in ["", "-wal", "-shm", "-journal"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
            }
        }
    }
}

/// The names temporary files of ours get (see [`Temporary`] and [`write_whole`]): snapshots
/// (`.fristad-tmp-…`, and `fristad-tmp-…` in the data folder from earlier versions), restores
/// being checked, key files being written, and every file being written whole
/// (`.fristad-….tmp`: backups, the log's witness, saved files).
fn is_temporary_name(name: &str) -> bool {
    name.starts_with(".fristad-tmp-")
        || name.starts_with("fristad-tmp-")
        || name.starts_with("fristad-key-tmp-")
        || (name.starts_with(".fristad-") && name.ends_with(".tmp"))
}

/// Removes the temporary files in `folder` that a killed or crashed program left behind: those
/// whose lock nobody holds. A file another program is writing right now is locked and stays, as
/// does every file that is not one of our temporary files. Returns how many went.
pub(crate) fn remove_abandoned(folder: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let companion = ["-wal", "-shm", "-journal"].iter().find_map(|s| name.strip_suffix(s));
        let base = companion.unwrap_or(&name);
        if !is_temporary_name(base) || !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        let path = entry.path();
        let abandoned = match companion {
            // A companion goes with its file; alone, it is left over.
            Some(base) => !folder.join(base).exists(),
            None => std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .open(&path)
                .is_ok_and(|f| f.try_lock().is_ok()),
        };
        if abandoned && std::fs::remove_file(&path).is_ok() {
            removed += 1;
            for suffix in ["-wal", "-shm", "-journal"] {
                if std::fs::remove_file(format!("{}{suffix}", path.display())).is_ok() {
                    removed += 1;
                }
            }
        }
    }
    removed
}

/// Moves a finished file to `target`, never replacing a file already there: a hard link where
/// the file system has them (which fails if the name is taken), otherwise a rename after
/// checking that the name is free (FAT-formatted USB sticks, some network shares).
pub(crate) fn place_new(tmp: &Path, target: &Path) -> io::Result<()> {
    match std::fs::hard_link(tmp, target) {
        Ok(()) => {
            let _ = std::fs::remove_file(tmp);
            Ok(())
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
        Err(_) => {
            if target.exists() {
                return Err(io::Error::from(io::ErrorKind::AlreadyExists));
            }
            std::fs::rename(tmp, target)
        }
    }
}

/// Writes `bytes` to `target` whole or not at all: under a temporary name (`.fristad-….tmp`)
/// in its folder, private, flushed, and only then named, replacing a file there only when
/// `replace` (otherwise as [`place_new`] does); the folder's entry is flushed too. A failure
/// leaves no temporary file, and `target` as it was.
pub(crate) fn write_whole(target: &Path, bytes: &[u8], replace: bool) -> io::Result<()> {
    use std::io::Write;
    let folder = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let hex = random_hex().map_err(|e| io::Error::other(e.message))?;
    let tmp = folder.join(format!(".fristad-{hex}.tmp"));
    let written = (|| -> io::Result<()> {
        let mut f = create_new_private(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        if replace {
            std::fs::rename(&tmp, target)
        } else {
            place_new(&tmp, target)
        }
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written?;
    sync_folder(folder);
    Ok(())
}

/// Keeps `path` under a second name as well (a hard link), or else moves it there. Used to keep
/// the current database under a dated name while the restored one replaces it in one rename.
/// Returns whether the file is still at `path` (linked) or was moved.
pub(crate) fn keep_as(path: &Path, aside: &Path) -> io::Result<bool> {
    match std::fs::hard_link(path, aside) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
        Err(_) => {
            if aside.exists() {
                return Err(io::Error::from(io::ErrorKind::AlreadyExists));
            }
            std::fs::rename(path, aside).map(|_| false)
        }
    }
}

/// Makes the creation, renaming and removal of files in `folder` durable (on Unix a folder's
/// entries are flushed separately from the files).
pub(crate) fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(f) = File::open(folder) {
        let _ = f.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}

/// A name in `folder` built from `base` that no file has yet: `base`, then `base-2`, `base-3` …
/// placed before `ext` (which may be empty).
pub(crate) fn free_name(folder: &Path, base: &str, ext: &str) -> Result<PathBuf> {
    for n in 1..1000 {
        let name = if n == 1 {
            format!("{base}{ext}")
        } else {
            format!("{base}-{n}{ext}")
        };
        let path = folder.join(name);
        if !path.exists() && !Path::new(&format!("{}-wal", path.display())).exists() {
            return Ok(path);
        }
    }
    Err(Error::new(
        crate::Code::Io,
        crate::msg!("error.backup.no_free_name", base = base, folder = folder.display()),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn stamps_are_swedish_local_time() {
        let winter = Utc.with_ymd_and_hms(2026, 11, 28, 13, 30, 0).unwrap();
        assert_eq!(stamp(winter), "20261128-143000");
        let summer = Utc.with_ymd_and_hms(2026, 7, 1, 12, 0, 5).unwrap();
        assert_eq!(stamp(summer), "20260701-140005");
    }

    #[test]
    fn placing_a_file_never_replaces_one() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::write(&a, "ny").unwrap();
        std::fs::write(&b, "gammal").unwrap();
        assert_eq!(place_new(&a, &b).unwrap_err().kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read_to_string(&b).unwrap(), "gammal");
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "ny");
        std::fs::remove_file(&b).unwrap();
        place_new(&a, &b).unwrap();
        assert!(!a.exists());
        assert_eq!(std::fs::read_to_string(&b).unwrap(), "ny");
    }

    #[test]
    fn temporary_files_go_away_unless_released() {
        let dir = tempfile::tempdir().unwrap();
        let (kept, gone);
        {
            let mut t = Temporary::default();
            kept = t.create(dir.path(), "x-", ".tmp").unwrap();
            gone = t.create(dir.path(), "x-", ".tmp").unwrap();
            std::fs::write(format!("{}-wal", gone.display()), "w").unwrap();
            t.release(&kept);
        }
        assert!(kept.exists());
        assert!(!gone.exists());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn free_names_count_up() {
        let dir = tempfile::tempdir().unwrap();
        let first = free_name(dir.path(), "f", ".x").unwrap();
        assert!(first.ends_with("f.x"));
        std::fs::write(&first, "").unwrap();
        assert!(free_name(dir.path(), "f", ".x").unwrap().ends_with("f-2.x"));
    }
}
