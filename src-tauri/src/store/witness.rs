//! The access log's witness: where the log ended, kept outside the database.
//!
//! The log's hash chain shows an entry changed or taken out of the middle. It cannot show its
//! own end cut off (the last entries deleted, a transaction cut off the write-ahead log, a whole
//! log deleted and re-chained), since what remains is a whole chain. So after every write that
//! adds to the log, the log's head (the last entry's number and hash) is also written to
//! `fristad-logghuvud.json` beside the database, with a MAC under a key derived from the
//! database key. `verify` and `audit verify` compare the two and say what is missing.
//!
//! What it does not stop, said plainly: someone who holds the database key (the recovery key,
//! or the passphrase and the key file) can rewrite the log *and* the witness. The witness
//! protects against everyone else: against a cut write-ahead log, a restored old file, a program
//! without the key, and a deleted witness (the database records that it is witnessed). Against
//! the key's holder, only copies kept elsewhere help: each backup's header carries the head too.
//!
//! Entries after the witnessed head are not a finding: a program killed between its commit and
//! the witness's write leaves exactly that, and the next write witnesses them.

use crate::data_dir::DataDir;
use crate::error::{Error, Result};
use crate::keys::DbKey;
use hmac::{Hmac, Mac};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use std::path::PathBuf;

pub const WITNESS_FILE: &str = "fristad-logghuvud.json";
/// The access log's entry for a finding made when the store was opened, and whose it is.
pub const FINDING_ACTION: &str = "access_log_witness_finding";
pub const ACTOR: &str = "fristad";
const FORMAT: &str = "fristad-log-head/1";

/// Where the access log ends: its last entry's number and hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Head {
    pub seq: i64,
    pub hash: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct Stored {
    format: String,
    seq: i64,
    hash: String,
    mac: String,
}

/// What comparing the log with its witness found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "finding", rename_all = "snake_case")]
pub enum Finding {
    /// The witness is gone (or unreadable) though the log has been witnessed.
    Missing,
    /// The witness's MAC does not hold: it was changed by someone without the key.
    Forged,
    /// The log ends before the witnessed head: `count` entries are gone from its end.
    Cut { witnessed: i64, last: i64, count: i64 },
    /// The entry at the witnessed number is not the witnessed one: the log was rewritten.
    Rewritten { seq: i64 },
}

impl Finding {
    pub fn message(&self) -> crate::text::Message {
        match self {
            Finding::Missing => crate::msg!("notice.witness.missing"),
            Finding::Forged => crate::msg!("notice.witness.forged"),
            Finding::Cut { witnessed, last, count } => {
                crate::msg!("notice.witness.cut", count = count, witnessed = witnessed, last = last)
            }
            Finding::Rewritten { seq } => crate::msg!("notice.witness.rewritten", seq = seq),
        }
    }
}

/// The witness file of one data folder, with the key its MAC is made with.
pub struct Witness {
    path: PathBuf,
    mac_key: [u8; 32],
}

impl std::fmt::Debug for Witness {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Witness")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Drop for Witness {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.mac_key);
    }
}

type HmacSha256 = Hmac<Sha256>;

impl Witness {
    pub fn new(dir: &DataDir, key: &DbKey) -> Witness {
        // A key of its own, derived from the database key, so that the MAC says nothing about it.
        let mut mac = HmacSha256::new_from_slice(key.bytes()).expect("HMAC takes any key length");
        mac.update(b"fristad access-log witness v1");
        Witness {
            path: dir.path().join(WITNESS_FILE),
            mac_key: mac.finalize().into_bytes().into(),
        }
    }

    /// The same witness kept in another file (a change of key writes the new key's beside the
    /// old one's).
    pub(crate) fn at(mut self, path: PathBuf) -> Witness {
        self.path = path;
        self
    }

    fn mac(&self, seq: i64, hash: &str) -> HmacSha256 {
        let mut mac = HmacSha256::new_from_slice(&self.mac_key).expect("HMAC takes any key length");
        mac.update(format!("{FORMAT} {seq} {hash}").as_bytes());
        mac
    }

    /// The witnessed head: `Ok(None)` when there is no witness file, an error finding when it is
    /// unreadable or its MAC does not hold.
    pub fn read(&self) -> std::result::Result<Option<Head>, Finding> {
        let text = match std::fs::read(&self.path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(_) => return Err(Finding::Missing),
        };
        let stored: Stored = serde_json::from_slice(&text).map_err(|_| Finding::Forged)?;
        let mac = hex::decode(&stored.mac).map_err(|_| Finding::Forged)?;
        if stored.format != FORMAT || self.mac(stored.seq, &stored.hash).verify_slice(&mac).is_err() {
            return Err(Finding::Forged);
        }
        Ok(Some(Head {
            seq: stored.seq,
            hash: stored.hash,
        }))
    }

    /// Writes `head` as the witnessed one: under a temporary name, flushed, then renamed.
    pub fn write(&self, head: &Head) -> Result<()> {
        let stored = Stored {
            format: FORMAT.into(),
            seq: head.seq,
            hash: head.hash.clone(),
            mac: hex::encode(self.mac(head.seq, &head.hash).finalize().into_bytes()),
        };
        let text = serde_json::to_vec_pretty(&stored).expect("serializable");
        crate::backup::files::write_whole(&self.path, &text, true)
            .map_err(|e| Error::io(crate::msg!("error.witness.writing"), &e))
    }
}

/// Where the log ends now, if it has any entry.
pub fn head(conn: &Connection) -> Result<Option<Head>> {
    Ok(conn
        .query_row("SELECT seq, hash FROM access_log ORDER BY seq DESC LIMIT 1", [], |r| {
            Ok(Head {
                seq: r.get(0)?,
                hash: r.get(1)?,
            })
        })
        .optional()?)
}

/// Whether the store has been witnessed (recorded in the database when it first is, so that a
/// deleted witness file is noticed).
/// A database from before witnesses (not yet migrated, as `verify` reads it) never was.
pub fn is_witnessed(conn: &Connection) -> Result<bool> {
    let has_table: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'store_identity')",
        [],
        |r| r.get(0),
    )?;
    if !has_table {
        return Ok(false);
    }
    Ok(
        conn.query_row("SELECT log_witnessed FROM store_identity WHERE id = 1", [], |r| {
            r.get(0)
        })?,
    )
}

pub fn mark_witnessed(conn: &Connection) -> Result<()> {
    conn.execute(
        "UPDATE store_identity SET log_witnessed = 1 WHERE id = 1 AND log_witnessed = 0",
        [],
    )?;
    Ok(())
}

/// Compares the log in `conn` with what `witness` says; `None` when they agree (entries after
/// the witnessed head included, see the module's note).
pub fn compare(conn: &Connection, witness: &Witness) -> Result<Option<Finding>> {
    let witnessed = match witness.read() {
        Ok(Some(h)) => h,
        Ok(None) if is_witnessed(conn)? => return Ok(Some(Finding::Missing)),
        Ok(None) => return Ok(None),
        Err(finding) => return Ok(Some(finding)),
    };
    let last = head(conn)?.map_or(0, |h| h.seq);
    if last < witnessed.seq {
        return Ok(Some(Finding::Cut {
            witnessed: witnessed.seq,
            last,
            count: witnessed.seq - last,
        }));
    }
    let hash: Option<String> = conn
        .query_row("SELECT hash FROM access_log WHERE seq = ?1", [witnessed.seq], |r| {
            r.get(0)
        })
        .optional()?;
    if hash.as_deref() != Some(witnessed.hash.as_str()) {
        return Ok(Some(Finding::Rewritten { seq: witnessed.seq }));
    }
    Ok(None)
}

/// The findings earlier opens recorded in the log: when, and what was found.
pub fn past_findings(conn: &Connection) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare("SELECT at, coalesce(detail, '') FROM access_log WHERE action = ?1 ORDER BY seq")?;
    let rows = stmt.query_map([FINDING_ACTION], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::{Event, Kind};
    use crate::store::Store;
    use chrono::TimeZone;

    fn now() -> chrono::DateTime<chrono::Utc> {
        chrono::Utc.with_ymd_and_hms(2026, 12, 7, 9, 0, 0).unwrap()
    }

    fn log(store: &mut Store, n: usize) {
        for i in 0..n {
            store
                .write(|tx| {
                    crate::audit::record(tx, Event::new("t", "test", Kind::View).detail(format!("e{i}")), now())
                        .map(|_| ())
                })
                .unwrap();
        }
    }

    fn open(dir: &DataDir, key: &DbKey) -> Store {
        Store::open(&dir.db_path(), key, crate::store::KeySource::Kept)
            .unwrap()
            .witnessed_by(Witness::new(dir, key), now())
            .unwrap()
    }

    #[test]
    fn a_cut_end_a_rewritten_log_and_a_forged_or_missing_witness_are_found_and_kept_in_the_log() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = DataDir::new(tmp.path());
        let key = DbKey::generate().unwrap();
        Store::create(&dir.db_path(), &key).unwrap().close().unwrap();
        let mut store = open(&dir, &key);
        log(&mut store, 8);
        assert_eq!(store.witness_finding().unwrap(), None);
        assert_eq!(Witness::new(&dir, &key).read().unwrap().unwrap().seq, 8);

        // The last five entries cut off, by someone who can write the database but not the witness
        // (and takes the log's append-only triggers away first).
        store
            .conn()
            .execute_batch("DROP TRIGGER access_log_no_update; DROP TRIGGER access_log_no_delete;")
            .unwrap();
        store
            .conn()
            .execute("DELETE FROM access_log WHERE seq > 3", [])
            .unwrap();
        let cut = Finding::Cut {
            witnessed: 8,
            last: 3,
            count: 5,
        };
        assert_eq!(store.witness_finding().unwrap(), Some(cut.clone()));
        store.close().unwrap();
        // The next open records the finding in the log, where it stays, and goes on.
        let mut store = open(&dir, &key);
        assert_eq!(store.witness_finding().unwrap(), None);
        let past = past_findings(store.conn()).unwrap();
        assert_eq!(past.len(), 1);
        assert!(past[0].1.contains("de sista 5 posterna"), "{past:?}");
        assert_eq!(crate::audit::verify(store.conn()).unwrap().broken_at, None);

        // Re-chained from an earlier entry: the witnessed entry is not the one there now.
        log(&mut store, 2);
        let seq: i64 = store
            .conn()
            .query_row("SELECT max(seq) FROM access_log", [], |r| r.get(0))
            .unwrap();
        store
            .conn()
            .execute("UPDATE access_log SET hash = 'x' WHERE seq = ?1", [seq])
            .unwrap();
        assert_eq!(store.witness_finding().unwrap(), Some(Finding::Rewritten { seq }));
        store.conn().execute("DELETE FROM access_log", []).unwrap();
        assert!(matches!(
            store.witness_finding().unwrap(),
            Some(Finding::Cut { last: 0, .. })
        ));

        // A witness changed by hand, or deleted.
        let file = tmp.path().join(WITNESS_FILE);
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::write(&file, text.replace(&format!("\"seq\": {seq}"), "\"seq\": 1")).unwrap();
        assert_eq!(store.witness_finding().unwrap(), Some(Finding::Forged));
        std::fs::remove_file(&file).unwrap();
        assert_eq!(store.witness_finding().unwrap(), Some(Finding::Missing));
        // Another store's key does not make a witness that holds here.
        Witness::new(&dir, &DbKey::generate().unwrap())
            .write(&Head {
                seq: 1,
                hash: "h".into(),
            })
            .unwrap();
        assert_eq!(store.witness_finding().unwrap(), Some(Finding::Forged));
        store.close().unwrap();
    }
}
