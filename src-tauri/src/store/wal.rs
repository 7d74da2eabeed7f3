//! The write-ahead log read the way SQLite reads it, before SQLite does.
//!
//! What SQLite does, and why it matters: when a database is opened, SQLite replays the WAL's
//! frames up to the last commit whose frames all carry the log's salts and a valid running
//! checksum. At the first frame that fails, it stops, without an error, and the frames after it
//! are as if never written. That is right after a power cut in the middle of a write (the
//! transaction was never reported as saved), but a WAL damaged on disk loses saved transactions
//! the same silent way, and the first checkpoint then overwrites the evidence. SQLCipher's page
//! HMACs do not help here: the checksum is checked first, on the encrypted bytes.
//!
//! So before the store is opened the WAL is read here too, with the same rules, and frames of
//! this log (its salts) beyond the point where SQLite will stop are counted; commit frames among
//! them are transactions that will be lost. No key is needed: checksums and salts are over the
//! encrypted frames.

use std::io::Read;
use std::path::{Path, PathBuf};

const HEADER: usize = 32;
const FRAME_HEADER: usize = 24;
const MAGIC_LE: u32 = 0x377f_0682;
const MAGIC_BE: u32 = 0x377f_0683;

/// What SQLite will not read of a WAL.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LostTail {
    /// Frames SQLite will replay (up to and including the last readable commit).
    pub readable_frames: u64,
    /// Frames of this log after the first one that fails its checksum.
    pub unreadable_frames: u64,
    /// Commit frames among them: saved transactions that will be lost.
    pub lost_commits: u64,
}

impl LostTail {
    pub fn message(&self) -> crate::text::Message {
        crate::msg!(
            "error.store.wal_tail_lost",
            commits = self.lost_commits,
            frames = self.unreadable_frames
        )
    }
}

pub fn wal_path(db: &Path) -> PathBuf {
    PathBuf::from(format!("{}-wal", db.display()))
}

fn word(bytes: &[u8], big_endian: bool) -> u32 {
    let b: [u8; 4] = bytes[..4].try_into().expect("four bytes");
    if big_endian {
        u32::from_be_bytes(b)
    } else {
        u32::from_le_bytes(b)
    }
}

fn be(bytes: &[u8]) -> u32 {
    word(bytes, true)
}

/// SQLite's WAL checksum over `data` (a multiple of 8 bytes), continuing from `seed`.
fn checksum(data: &[u8], seed: (u32, u32), big_endian: bool) -> (u32, u32) {
    let (mut s1, mut s2) = seed;
    for pair in data.chunks_exact(8) {
        s1 = s1.wrapping_add(word(&pair[..4], big_endian)).wrapping_add(s2);
        s2 = s2.wrapping_add(word(&pair[4..], big_endian)).wrapping_add(s1);
    }
    (s1, s2)
}

/// Reads the WAL beside `db`: `None` when there is none, it is empty or it has no valid header
/// (SQLite ignores such a file, and so is there nothing of this log to lose), or when nothing
/// of it will be lost.
pub fn lost_tail(db: &Path) -> Option<LostTail> {
    let mut bytes = Vec::new();
    std::fs::File::open(wal_path(db)).ok()?.read_to_end(&mut bytes).ok()?;
    inspect(&bytes).filter(|t| t.unreadable_frames > 0)
}

fn inspect(bytes: &[u8]) -> Option<LostTail> {
    if bytes.len() < HEADER {
        return None;
    }
    let magic = be(&bytes[0..]);
    let big_endian = match magic {
        MAGIC_BE => true,
        MAGIC_LE => false,
        _ => return None,
    };
    let page_size = be(&bytes[8..]) as usize;
    if !(512..=65536).contains(&page_size) || !page_size.is_power_of_two() {
        return None;
    }
    let salts = (be(&bytes[16..]), be(&bytes[20..]));
    let mut running = checksum(&bytes[..24], (0, 0), big_endian);
    if running != (be(&bytes[24..]), be(&bytes[28..])) {
        return None;
    }
    let frame_len = FRAME_HEADER + page_size;
    let frames = bytes[HEADER..].chunks_exact(frame_len);
    let mut readable = 0u64;
    let mut seen = 0u64;
    let mut broken_at: Option<u64> = None;
    let (mut unreadable, mut lost_commits) = (0u64, 0u64);
    for frame in frames {
        let ours = (be(&frame[8..]), be(&frame[12..])) == salts;
        let commit = be(&frame[4..]) != 0;
        match broken_at {
            None => {
                let mut sum = checksum(&frame[..8], running, big_endian);
                sum = checksum(&frame[FRAME_HEADER..], sum, big_endian);
                if ours && sum == (be(&frame[16..]), be(&frame[20..])) {
                    running = sum;
                    seen += 1;
                    if commit {
                        readable = seen;
                    }
                } else {
                    broken_at = Some(seen);
                    if ours {
                        unreadable += 1;
                        lost_commits += u64::from(commit);
                    }
                }
            }
            Some(_) if ours => {
                unreadable += 1;
                lost_commits += u64::from(commit);
            }
            Some(_) => {}
        }
    }
    // Frames after the last commit that themselves were whole are a transaction never finished
    // (its commit frame is missing): SQLite rightly drops it, and so is it not counted here.
    Some(LostTail {
        readable_frames: readable,
        unreadable_frames: if lost_commits > 0 { unreadable } else { 0 },
        lost_commits,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::DbKey;
    use crate::store::{KeySource, Store};

    /// A store with `n` transactions in its WAL, copied (database and WAL) while still open.
    fn copied_with_wal(n: usize) -> (tempfile::TempDir, PathBuf, DbKey) {
        let tmp = tempfile::tempdir().unwrap();
        let db = tmp.path().join("fristad.db");
        let key = DbKey::generate().unwrap();
        Store::create(&db, &key).unwrap().close().unwrap();
        let mut store = Store::open(&db, &key, KeySource::Kept).unwrap();
        store.conn().execute_batch("PRAGMA wal_autocheckpoint = 0;").unwrap();
        for i in 0..n {
            store
                .write(|tx| {
                    let event = crate::audit::Event::new("t", "test", crate::audit::Kind::View).detail(format!("e{i}"));
                    let at = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 12, 7, 9, 0, 0).unwrap();
                    crate::audit::record(tx, event, at).map(|_| ())
                })
                .unwrap();
        }
        let copy = tmp.path().join("kopia.db");
        std::fs::copy(&db, &copy).unwrap();
        std::fs::copy(wal_path(&db), wal_path(&copy)).unwrap();
        drop(store);
        (tmp, copy, key)
    }

    #[test]
    fn a_whole_wal_loses_nothing_and_a_damaged_one_names_the_transactions_it_will_lose() {
        let (_tmp, copy, key) = copied_with_wal(4);
        assert_eq!(lost_tail(&copy), None);
        let entries = |db: &Path| -> i64 {
            let store = Store::open_unmigrated(db, &key, KeySource::Kept).unwrap();
            store
                .conn()
                .query_row("SELECT count(*) FROM access_log", [], |r| r.get(0))
                .unwrap()
        };
        let untouched = tempfile::tempdir().unwrap();
        let whole_copy = untouched.path().join("hel.db");
        std::fs::copy(&copy, &whole_copy).unwrap();
        std::fs::copy(wal_path(&copy), wal_path(&whole_copy)).unwrap();
        assert_eq!(entries(&whole_copy), 4);
        let whole = inspect(&std::fs::read(wal_path(&copy)).unwrap()).unwrap();
        assert!(whole.readable_frames >= 4);

        // One byte changed in the first frame's page: every transaction after it is lost.
        let mut bytes = std::fs::read(wal_path(&copy)).unwrap();
        bytes[HEADER + FRAME_HEADER + 100] ^= 1;
        std::fs::write(wal_path(&copy), &bytes).unwrap();
        let lost = lost_tail(&copy).expect("found");
        assert_eq!(lost.readable_frames, 0);
        assert_eq!(lost.lost_commits, 4);
        // And SQLite does drop them, silently: the database opens with none of the four.
        assert_eq!(entries(&copy), 0);
    }

    #[test]
    fn a_transaction_never_finished_is_not_a_loss() {
        let (_tmp, copy, _) = copied_with_wal(2);
        let mut bytes = std::fs::read(wal_path(&copy)).unwrap();
        let page_size = be(&bytes[8..]) as usize;
        // A last frame of this log whose write was cut short, without a commit.
        let mut torn = bytes[bytes.len() - FRAME_HEADER - page_size..].to_vec();
        torn[4..8].copy_from_slice(&[0; 4]);
        torn[FRAME_HEADER] ^= 1;
        bytes.extend_from_slice(&torn);
        std::fs::write(wal_path(&copy), &bytes).unwrap();
        assert_eq!(lost_tail(&copy), None);
    }
}
