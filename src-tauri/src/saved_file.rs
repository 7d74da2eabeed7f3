//! Files the program hands to the person: exports, invoices and e-invoices, reports, the access
//! log, SIE files, the recovery-key sheet, certificates.
//!
//! Promises:
//! - Never inside a data folder (this store's or another's), and never over a store, a key file
//!   or a backup of ours, whatever the person asks: an export aimed at the database by mistake
//!   would destroy it and leave plain text beside it.
//! - An existing file is replaced only when the person said so (`--force`, or the save dialog's
//!   own question); otherwise the save is refused before anything else is done.
//! - The file is written under a temporary name in the target folder, flushed, and only then
//!   given its name, so a full disk or a killed program never leaves half a file under the
//!   name, and a replaced file is whole until the new one is.
//! - Readable and writable by the current user only (0600): most of these files hold personal
//!   data, keys or money, and the person can share a file on purpose but not by accident.

use crate::backup::files::write_whole;
use crate::data_dir::{DB_FILE, DataDir, KEY_FILE};
use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// What to do when a file is already there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Refuse: the person did not say that it may go.
    Keep,
    /// Replace it: the person said so.
    Replace,
}

/// A checked place to save one file.
#[derive(Debug, Clone)]
pub struct Destination {
    path: PathBuf,
    existing: Existing,
}

/// Names that are a store's or a backup's, wherever they are.
fn is_ours_by_name(name: &str) -> bool {
    name.starts_with(DB_FILE) || name.starts_with(KEY_FILE) || name.ends_with(crate::backup::EXTENSION)
}

/// Whether `folder` holds a Fristad store (or what is left of one).
fn is_data_folder(folder: &Path) -> bool {
    [DB_FILE, KEY_FILE, crate::store::hold::LOCK_FILE]
        .iter()
        .any(|f| folder.join(f).exists())
}

fn is_backup(path: &Path) -> bool {
    let mut magic = [0u8; 16];
    std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut magic))
        .is_ok_and(|()| &magic == crate::backup::format::MAGIC)
}

fn refused(says: crate::text::Message) -> Error {
    Error::invalid("out", says)
}

impl Destination {
    /// Checks that `path` may be written, before anything is done that the file stands for (a
    /// logged export is only logged when its file can be saved).
    pub fn check(path: &Path, data_dir: &DataDir, existing: Existing) -> Result<Destination> {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .ok_or_else(|| refused(crate::msg!("error.saved_file.not_a_file_name", file = path.display())))?;
        let folder = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let real_folder = std::fs::canonicalize(&folder)
            .map_err(|_| refused(crate::msg!("error.saved_file.no_folder", file = folder.display())))?;
        if !real_folder.is_dir() {
            return Err(refused(crate::msg!(
                "error.saved_file.no_folder",
                file = folder.display()
            )));
        }
        let ours = std::fs::canonicalize(data_dir.path()).ok();
        // A link is judged by where it leads.
        let real = std::fs::canonicalize(path).ok();
        let inside_ours = |p: &Path| ours.as_ref().is_some_and(|d| p.starts_with(d));
        if inside_ours(&real_folder)
            || real.as_deref().is_some_and(inside_ours)
            || is_data_folder(&real_folder)
            || real.as_deref().and_then(Path::parent).is_some_and(is_data_folder)
        {
            return Err(refused(crate::msg!(
                "error.saved_file.in_data_folder",
                file = path.display()
            )));
        }
        if is_ours_by_name(&name) {
            return Err(refused(crate::msg!("error.saved_file.our_name", file = path.display())));
        }
        // Something is there (a link that leads nowhere counts): it must be an ordinary file.
        if std::fs::symlink_metadata(path).is_ok() {
            if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
                return Err(refused(crate::msg!(
                    "error.saved_file.not_a_file",
                    file = path.display()
                )));
            }
            if is_backup(path) {
                return Err(refused(crate::msg!("error.saved_file.our_name", file = path.display())));
            }
            if existing == Existing::Keep {
                return Err(refused(crate::msg!("error.saved_file.exists", file = path.display())));
            }
        }
        Ok(Destination {
            path: real.unwrap_or_else(|| real_folder.join(&name)),
            existing,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes the file: under a temporary name, flushed, then named.
    pub fn write(&self, bytes: &[u8]) -> Result<()> {
        write_whole(&self.path, bytes, self.existing == Existing::Replace).map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                refused(crate::msg!("error.saved_file.exists", file = self.path.display()))
            } else {
                Error::io(crate::msg!("error.saved_file.writing", file = self.path.display()), &e)
            }
        })
    }
}

/// Saves several files as one: every place is checked before the first file is written, so a
/// file in the way stops them all before anything is saved.
pub fn save_all<B: AsRef<[u8]>>(files: &[(PathBuf, B)], data_dir: &DataDir, existing: Existing) -> Result<()> {
    let places = files
        .iter()
        .map(|(path, _)| Destination::check(path, data_dir, existing))
        .collect::<Result<Vec<_>>>()?;
    for (place, (_, bytes)) in places.iter().zip(files) {
        place.write(bytes.as_ref())?;
    }
    Ok(())
}

/// Checks `path` and writes `bytes` there (see [`Destination`]).
pub fn save(path: &Path, data_dir: &DataDir, existing: Existing, bytes: &[u8]) -> Result<PathBuf> {
    let d = Destination::check(path, data_dir, existing)?;
    d.write(bytes)?;
    Ok(d.path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn never_into_a_data_folder_nor_over_a_backup() {
        let tmp = tempfile::tempdir().unwrap();
        let data = DataDir::new(tmp.path().join("data"));
        std::fs::create_dir(data.path()).unwrap();
        std::fs::write(data.db_path(), b"encrypted pages").unwrap();
        let other = tmp.path().join("other-store");
        std::fs::create_dir(&other).unwrap();
        std::fs::write(other.join(KEY_FILE), b"{}").unwrap();
        let backup = tmp.path().join("b.bin");
        std::fs::write(&backup, [&crate::backup::format::MAGIC[..], b"rest"].concat()).unwrap();
        for target in [
            data.db_path(),
            data.path().join("export.json"),
            other.join("export.json"),
            backup.clone(),
            tmp.path().join("fristad.db.fore-aterstallning-1"),
        ] {
            let err = save(&target, &data, Existing::Replace, b"{}").unwrap_err();
            assert_eq!(err.field.as_deref(), Some("out"), "{target:?}: {}", err.message);
        }
        assert_eq!(std::fs::read(data.db_path()).unwrap(), b"encrypted pages");
        assert!(std::fs::read(&backup).unwrap().ends_with(b"rest"));
        // Through a link into the data folder.
        let link = tmp.path().join("link.json");
        std::os::unix::fs::symlink(data.db_path(), &link).unwrap();
        assert!(save(&link, &data, Existing::Replace, b"{}").is_err());
        assert_eq!(std::fs::read(data.db_path()).unwrap(), b"encrypted pages");
    }

    #[test]
    fn an_existing_file_stays_unless_the_person_says_so() {
        let tmp = tempfile::tempdir().unwrap();
        let data = DataDir::new(tmp.path().join("data"));
        let out = tmp.path().join("export.json");
        let written = save(&out, &data, Existing::Keep, b"first").unwrap();
        assert_eq!(std::fs::read(&written).unwrap(), b"first");
        assert_eq!(mode(&out), 0o600);
        let err = save(&out, &data, Existing::Keep, b"second").unwrap_err();
        assert_eq!(err.field.as_deref(), Some("out"));
        assert_eq!(std::fs::read(&out).unwrap(), b"first");
        save(&out, &data, Existing::Replace, b"second").unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"second");
        // Nothing else is left in the folder.
        let names: Vec<_> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("export.json")]);
    }

    #[test]
    fn several_files_are_saved_all_or_none() {
        let tmp = tempfile::tempdir().unwrap();
        let data = DataDir::new(tmp.path().join("data"));
        let (a, b) = (tmp.path().join("a.pdf"), tmp.path().join("b.xml"));
        std::fs::write(&b, "redan här").unwrap();
        let files = [(a.clone(), b"a".to_vec()), (b.clone(), b"b".to_vec())];
        assert!(save_all(&files, &data, Existing::Keep).is_err());
        assert!(!a.exists(), "nothing is saved when one file is in the way");
        assert_eq!(std::fs::read_to_string(&b).unwrap(), "redan här");
        save_all(&files, &data, Existing::Replace).unwrap();
        assert_eq!(
            (std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap()),
            (b"a".to_vec(), b"b".to_vec())
        );
    }
}
