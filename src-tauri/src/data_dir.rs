//! The data folder and the files in it. One folder holds one store:
//!
//! - `fristad.db`: the SQLCipher database (with `-wal` and `-shm` beside it while open);
//! - `fristad-key.json`: how the database key is kept (see `keys::key_file`);
//! - `fristad.lock`: held by every program that has the store open (see `store::hold`).
//!
//! File names never contain personal data.

use crate::error::{Code, Error, Result};
use std::path::{Path, PathBuf};

pub const DB_FILE: &str = "fristad.db";
pub const KEY_FILE: &str = "fristad-key.json";

/// The environment variable that overrides the data folder.
pub const DATA_DIR_ENV: &str = "FRISTAD_DATA_DIR";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataDir(PathBuf);

/// What a data folder holds, before any key is tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Contents {
    /// No database and no key file: a new store can be created here.
    Empty,
    /// A database and its key file.
    Store,
    /// A database but no key file: only the recovery key can open it.
    DatabaseWithoutKeyFile,
    /// A key file but no database.
    KeyFileWithoutDatabase,
}

impl DataDir {
    pub fn new(path: impl Into<PathBuf>) -> DataDir {
        DataDir(path.into())
    }

    /// The platform's folder for application data (e.g. `~/.local/share/fristad` on Linux,
    /// `%APPDATA%\Fristad\Fristad\data` on Windows), unless overridden.
    pub fn platform_default() -> Result<DataDir> {
        directories::ProjectDirs::from("se", "Fristad", "Fristad")
            .map(|d| DataDir(d.data_dir().to_path_buf()))
            .ok_or_else(|| {
                Error::new(
                    Code::Io,
                    crate::msg!("error.data_dir.no_platform_folder", variable = DATA_DIR_ENV),
                )
            })
    }

    /// The folder the user named (`--data-dir`, `FRISTAD_DATA_DIR`), or else the platform's.
    pub fn chosen(path: Option<PathBuf>) -> Result<DataDir> {
        match path {
            Some(p) => Ok(DataDir(p)),
            None => DataDir::platform_default(),
        }
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    pub fn db_path(&self) -> PathBuf {
        self.0.join(DB_FILE)
    }

    pub fn key_file_path(&self) -> PathBuf {
        self.0.join(KEY_FILE)
    }

    pub fn contents(&self) -> Contents {
        match (self.db_path().exists(), self.key_file_path().exists()) {
            (false, false) => Contents::Empty,
            (true, true) => Contents::Store,
            (true, false) => Contents::DatabaseWithoutKeyFile,
            (false, true) => Contents::KeyFileWithoutDatabase,
        }
    }

    /// Creates the folder if needed, readable by the current user only. A folder that exists is
    /// left as it is: it may be shared on purpose (see [`DataDir::open_to_others`]).
    pub fn ensure_exists(&self) -> Result<()> {
        if self.0.is_dir() {
            return Ok(());
        }
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder
            .create(&self.0)
            .map_err(|e| Error::io(crate::msg!("error.data_dir.creating"), &e))?;
        #[cfg(unix)]
        {
            // The mode given above is narrowed by the umask only; this makes it exact.
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&self.0, std::fs::Permissions::from_mode(0o700))
                .map_err(|e| Error::io(crate::msg!("error.data_dir.protecting"), &e))?;
        }
        Ok(())
    }

    /// Whether other users of the computer may look into the folder (the files in it are the
    /// current user's only, but their names and sizes show).
    pub fn open_to_others(&self) -> bool {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::metadata(&self.0).is_ok_and(|m| m.permissions().mode() & 0o077 != 0)
        }
        #[cfg(not(unix))]
        false
    }
}
