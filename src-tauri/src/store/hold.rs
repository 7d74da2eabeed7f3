//! Who has the store open. Every program that opens the store in a data folder (the window,
//! each fristad-cli command) holds a shared lock on `fristad.lock` beside it for as long as the
//! store is open; replacing the whole store (a restore, a recovery, a change of key) needs the
//! lock alone. The lock is the operating system's (`flock` on Unix, `LockFileEx` on Windows), so
//! it goes away with the process however it ends: a killed program never leaves the store held.
//!
//! SQLite's own locks only say whether someone is writing *right now*; an idle window holds
//! none, and a restore made under it would leave the window writing into the store it replaced.
//!
//! The lock file also lists the programs that have the store open («fristad-cli 4711»), so a
//! refusal can say what to close. It holds nothing else.

use crate::data_dir::DataDir;
use crate::error::{Code, Error, Result};
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::PathBuf;

pub const LOCK_FILE: &str = "fristad.lock";

/// A held lock on a data folder's store; released when dropped.
#[derive(Debug)]
pub struct Hold {
    file: File,
    exclusive: bool,
}

fn lock_path(dir: &DataDir) -> PathBuf {
    dir.path().join(LOCK_FILE)
}

fn open_lock_file(dir: &DataDir) -> Result<File> {
    let mut opts = OpenOptions::new();
    opts.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    opts.open(lock_path(dir))
        .map_err(|e| Error::io(crate::msg!("error.store.lock_file"), &e))
}

/// This program as the lock file names it: the program file's name and the process id. Neither
/// says anything about anyone.
fn this_program() -> String {
    let name = std::env::current_exe()
        .ok()
        .and_then(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "fristad".into());
    format!("{name} {}", std::process::id())
}

/// The programs the lock file names that are still running (on Linux; elsewhere every name it
/// holds), oldest first. A line that does not read as ours is ignored.
fn holders(file: &mut File) -> Vec<(String, u32)> {
    let mut text = String::new();
    if file.seek(SeekFrom::Start(0)).is_err() || file.take(4096).read_to_string(&mut text).is_err() {
        return Vec::new();
    }
    let mut found: Vec<(String, u32)> = text
        .lines()
        .filter_map(parse_line)
        .filter(|(_, pid)| running(*pid))
        .collect();
    found.dedup();
    found
}

fn parse_line(line: &str) -> Option<(String, u32)> {
    let (name, pid) = line.trim().rsplit_once(' ')?;
    let ok =
        !name.is_empty() && name.len() <= 64 && name.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
    Some((name.to_owned(), pid.parse().ok()?)).filter(|_| ok)
}

fn running(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        std::path::Path::new("/proc").join(pid.to_string()).exists()
    } else {
        true
    }
}

fn holder(file: &mut File) -> Option<(String, u32)> {
    let me = std::process::id();
    holders(file).into_iter().rev().find(|(_, pid)| *pid != me)
}

/// The refusal: the store is open elsewhere (`wanted_alone`), or being replaced elsewhere.
fn in_use(file: &mut File, wanted_alone: bool) -> Error {
    if !wanted_alone {
        return Error::new(Code::InUse, crate::msg!("error.store.being_replaced"));
    }
    match holder(file) {
        Some((program, pid)) => Error::new(
            Code::InUse,
            crate::msg!("error.store.in_use_by", program = program, process = pid),
        ),
        None => Error::new(Code::InUse, crate::msg!("error.store.in_use")),
    }
}

impl Hold {
    /// The lock shared with other programs that have the store open; refused only while the
    /// store is being replaced.
    pub fn shared(dir: &DataDir) -> Result<Hold> {
        let mut file = open_lock_file(dir)?;
        match file.try_lock_shared() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => return Err(in_use(&mut file, false)),
            Err(TryLockError::Error(e)) => return Err(Error::io(crate::msg!("error.store.lock_file"), &e)),
        }
        let mut hold = Hold { file, exclusive: false };
        hold.sign();
        Ok(hold)
    }

    /// The lock alone, for replacing the whole store: refused, naming who has it, while any
    /// other program has the store open.
    pub fn exclusive(dir: &DataDir) -> Result<Hold> {
        let mut file = open_lock_file(dir)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => return Err(in_use(&mut file, true)),
            Err(TryLockError::Error(e)) => return Err(Error::io(crate::msg!("error.store.lock_file"), &e)),
        }
        // Not named in the file: a refused restore leaves the data folder byte for byte as it was.
        Ok(Hold { file, exclusive: true })
    }

    /// Whether no other program has the store open (this one holds the lock alone).
    pub fn is_exclusive(&self) -> bool {
        self.exclusive
    }

    /// Takes the lock alone while this program already has the store open (for a change of
    /// key): refused, naming who else has it open, and the store then stays open as it was.
    pub fn take_alone(&mut self) -> Result<()> {
        if self.exclusive {
            return Ok(());
        }
        match self.file.try_lock() {
            Ok(()) => {
                self.exclusive = true;
                Ok(())
            }
            Err(e) => {
                let refusal = match e {
                    TryLockError::WouldBlock => in_use(&mut self.file, true),
                    TryLockError::Error(e) => Error::io(crate::msg!("error.store.lock_file"), &e),
                };
                // flock may drop the shared lock on a failed conversion: it is taken again.
                self.file
                    .lock_shared()
                    .map_err(|e| Error::io(crate::msg!("error.store.lock_file"), &e))?;
                Err(refusal)
            }
        }
    }

    /// Gives up having the store alone but keeps it open, so that other programs may open it.
    pub fn share(mut self) -> Result<Hold> {
        self.make_shared()?;
        Ok(self)
    }

    /// As [`Hold::share`], in place.
    pub fn make_shared(&mut self) -> Result<()> {
        if self.exclusive {
            // flock converts the lock in place; nobody can take it alone in between.
            self.file
                .lock_shared()
                .map_err(|e| Error::io(crate::msg!("error.store.lock_file"), &e))?;
            self.exclusive = false;
            self.sign();
        }
        Ok(())
    }

    /// Adds this program's name to the lock file's list of the programs that have the store
    /// open, dropping those no longer running, for a refusal elsewhere to name. Best effort: the
    /// lock itself is what matters.
    fn sign(&mut self) {
        let mut list = holders(&mut self.file);
        if list.len() > 20 {
            list.drain(..list.len() - 20);
        }
        let mut text: String = list.iter().map(|(name, pid)| format!("{name} {pid}\n")).collect();
        text.push_str(&this_program());
        text.push('\n');
        let _ = self.file.set_len(0);
        let _ = self.file.seek(SeekFrom::Start(0));
        let _ = self.file.write_all(text.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_holders_keep_the_store_from_being_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let dir = DataDir::new(dir.path());
        let a = Hold::shared(&dir).unwrap();
        let b = Hold::shared(&dir).unwrap();
        let refused = Hold::exclusive(&dir).unwrap_err();
        assert_eq!(refused.code, Code::InUse);
        drop((a, b));
        let alone = Hold::exclusive(&dir).unwrap();
        assert!(alone.is_exclusive());
        assert_eq!(Hold::shared(&dir).unwrap_err().code, Code::InUse);
        let shared = alone.share().unwrap();
        assert!(!shared.is_exclusive());
        let _other = Hold::shared(&dir).unwrap();
    }

    #[test]
    fn a_program_with_the_store_open_takes_it_alone_only_when_nobody_else_has_it() {
        let dir = tempfile::tempdir().unwrap();
        let dir = DataDir::new(dir.path());
        let mut mine = Hold::shared(&dir).unwrap();
        let other = Hold::shared(&dir).unwrap();
        assert_eq!(mine.take_alone().unwrap_err().code, Code::InUse);
        // Still shared after the refusal: nobody can take it alone.
        assert_eq!(Hold::exclusive(&dir).unwrap_err().code, Code::InUse);
        drop(other);
        mine.take_alone().unwrap();
        assert!(mine.is_exclusive());
        assert_eq!(Hold::shared(&dir).unwrap_err().code, Code::InUse);
        let _shared = mine.share().unwrap();
        let _other = Hold::shared(&dir).unwrap();
    }

    #[test]
    fn a_lock_file_that_says_something_else_names_nobody() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(LOCK_FILE), "Anna Andersson 19850317-1234\n\u{202e}").unwrap();
        let dir = DataDir::new(dir.path());
        let mut f = open_lock_file(&dir).unwrap();
        assert_eq!(holders(&mut f), vec![]);
    }
}
