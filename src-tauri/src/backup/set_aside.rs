//! What a restore set aside in the data folder (the database it replaced, its key file, write-ahead
//! log and witness, under `….fore-aterstallning-20261128-143000`): listed with their date and size
//! so that nothing lies there unmentioned, and removed only by an administrator's choice.

use super::SET_ASIDE_MARK;
use crate::data_dir::DataDir;
use crate::error::{Code, Error, Result};
use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Europe::Stockholm;
use serde::Serialize;

/// A file a restore set aside.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SetAside {
    pub name: String,
    /// When the restore set it aside (from its name).
    pub at: Option<DateTime<Utc>>,
    pub bytes: u64,
}

/// When, by its name, a file was set aside.
fn stamped(name: &str) -> Option<DateTime<Utc>> {
    let (_, rest) = name.split_once(&format!(".{SET_ASIDE_MARK}-"))?;
    let stamp: String = rest.chars().take(15).collect();
    let local = NaiveDateTime::parse_from_str(&stamp, "%Y%m%d-%H%M%S").ok()?;
    Stockholm
        .from_local_datetime(&local)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

/// Every file in the data folder a restore set aside, oldest first.
pub fn list(dir: &DataDir) -> Result<Vec<SetAside>> {
    let mut found = Vec::new();
    let entries = match std::fs::read_dir(dir.path()) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(found),
        Err(e) => return Err(Error::io(crate::msg!("error.backup.reading_data_folder"), &e)),
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.contains(&format!(".{SET_ASIDE_MARK}-")) {
            continue;
        }
        let Ok(meta) = entry.metadata() else { continue };
        if meta.is_file() {
            found.push(SetAside {
                at: stamped(&name),
                bytes: meta.len(),
                name,
            });
        }
    }
    found.sort_by(|a, b| (a.at, &a.name).cmp(&(b.at, &b.name)));
    Ok(found)
}

/// Removes one file a restore set aside, named as `list` names it; nothing else in the folder
/// can be removed this way.
pub fn remove(dir: &DataDir, name: &str) -> Result<()> {
    if !list(dir)?.iter().any(|s| s.name == name) {
        return Err(Error::new(
            Code::NotFound,
            crate::msg!("error.backup.no_such_set_aside"),
        ));
    }
    std::fs::remove_file(dir.path().join(name))
        .map_err(|e| Error::io(crate::msg!("error.backup.removing_set_aside"), &e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_a_restore_set_aside_is_listed_and_only_that_can_be_removed() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = DataDir::new(tmp.path());
        std::fs::write(tmp.path().join("fristad.db"), b"the store").unwrap();
        std::fs::write(tmp.path().join("fristad.db.fore-aterstallning-20261128-143000"), b"old").unwrap();
        std::fs::write(
            tmp.path().join("fristad-key.json.fore-aterstallning-20261128-143000"),
            b"k",
        )
        .unwrap();
        let listed = list(&dir).unwrap();
        assert_eq!(listed.len(), 2);
        assert_eq!(listed[0].at, Some("2026-11-28T13:30:00Z".parse().unwrap()));
        let db = listed.iter().find(|s| s.name.starts_with("fristad.db.")).unwrap();
        assert_eq!(db.bytes, 3);
        assert_eq!(remove(&dir, "fristad.db").unwrap_err().code, Code::NotFound);
        assert_eq!(remove(&dir, "../fristad.db").unwrap_err().code, Code::NotFound);
        remove(&dir, &db.name).unwrap();
        assert_eq!(list(&dir).unwrap().len(), 1);
        assert!(tmp.path().join("fristad.db").exists());
    }
}
