//! The backup file, one file per backup:
//!
//! ```text
//! magic        16 bytes  \x89 "FRISTAD-BACKUP" \n
//! version       2 bytes  little-endian, 1
//! header_len    4 bytes  little-endian
//! header        header_len bytes of JSON (no personal data, no secret in the clear)
//! db_len        8 bytes  little-endian
//! database      db_len bytes: a SQLCipher 4 database encrypted with the store's own raw key
//! checksum     32 bytes  SHA-256 of everything before it
//! ```
//!
//! The checksum finds truncation and damage before any key is tried; the database's own page
//! authentication codes then find any change the checksum was recomputed over. The magic's first
//! byte and its line feed catch a copy that changed line endings or stripped the eighth bit.

use super::log_head::LogHead;
use crate::error::{Code, Error, Result};
use crate::keys::KeyStorage;
use crate::keys::key_file::KeyFile;
use crate::text::Message;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::io::{self, BufReader, Read, Write};
use std::path::Path;

pub const MAGIC: &[u8; 16] = b"\x89FRISTAD-BACKUP\n";
pub const VERSION: u16 = 1;
/// The `format` field of the header.
pub const FORMAT: &str = "fristad-backup/1";
/// A header is a few hundred bytes; anything near this is not ours.
const MAX_HEADER: u32 = 1 << 20;
const CHECKSUM_LEN: u64 = 32;

/// What a backup says about itself before it is decrypted. Nothing here is personal data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub format: String,
    /// When the backup was made (UTC).
    pub created_at: DateTime<Utc>,
    /// The Fristad version that made it.
    pub program_version: String,
    /// `PRAGMA user_version` of the database in it.
    pub schema_version: i64,
    /// Made automatically (at exit, daily), so rotation may remove it; manual backups are never
    /// removed by the program.
    pub automatic: bool,
    /// The store's own id, as inside its database (backups made before stores had one lack it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub store: Option<String>,
    /// The store's id from its key file (names its keyring entry), if it had a key file.
    pub store_id: Option<String>,
    /// How the store kept its key when the backup was made.
    pub key_storage: Option<KeyStorage>,
    /// With a passphrase: the store's key file, whose key is wrapped with the passphrase, so that
    /// the passphrase opens the backup on another computer too.
    pub key_file: Option<KeyFile>,
    /// Where the access log in the backup ends, signed when the store has a signing key (see
    /// [`super::log_head`]); backups made before heads, and of an empty log, lack it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log_head: Option<LogHead>,
}

fn foreign() -> Error {
    Error::new(Code::NotOurDatabase, crate::msg!("error.backup.foreign"))
}

/// `detail` is a `label.backup.*` text naming what is wrong.
pub(crate) fn damaged(detail: Message) -> Error {
    Error::new(
        Code::DamagedDatabase,
        crate::msg!("error.backup.damaged", detail = detail),
    )
}

fn read_error(e: io::Error) -> Error {
    if e.kind() == io::ErrorKind::UnexpectedEof {
        damaged(crate::msg!("label.backup.ends_early"))
    } else {
        Error::io(crate::msg!("error.backup.reading"), &e)
    }
}

/// Everything written passes through the hash.
struct Hashing<'a, W: Write> {
    inner: &'a mut W,
    hash: Sha256,
}

impl<W: Write> Hashing<'_, W> {
    fn put(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.hash.update(bytes);
        self.inner.write_all(bytes)
    }
}

/// Writes a whole backup: header, the database's `db_len` bytes from `db`, the checksum.
pub(crate) fn write(out: &mut impl Write, header: &Header, db: &mut impl Read, db_len: u64) -> io::Result<()> {
    let json = serde_json::to_vec(header).expect("a header always serializes");
    let mut w = Hashing {
        inner: out,
        hash: Sha256::new(),
    };
    w.put(MAGIC)?;
    w.put(&VERSION.to_le_bytes())?;
    w.put(&(json.len() as u32).to_le_bytes())?;
    w.put(&json)?;
    w.put(&db_len.to_le_bytes())?;
    let mut buf = vec![0u8; 64 * 1024];
    let mut left = db_len;
    while left > 0 {
        let want = left.min(buf.len() as u64) as usize;
        db.read_exact(&mut buf[..want])?;
        w.put(&buf[..want])?;
        left -= want as u64;
    }
    let sum = w.hash.finalize();
    w.inner.write_all(&sum)
}

/// A backup file opened and its header read; the database and the checksum not yet.
pub(crate) struct Reader {
    pub header: Header,
    input: BufReader<std::fs::File>,
    hash: Sha256,
    db_len: u64,
}

impl Reader {
    pub(crate) fn open(path: &Path) -> Result<Reader> {
        let file = std::fs::File::open(path).map_err(|e| Error::io(crate::msg!("error.backup.opening"), &e))?;
        let file_len = file
            .metadata()
            .map_err(|e| Error::io(crate::msg!("error.backup.reading"), &e))?
            .len();
        let mut input = BufReader::new(file);
        let mut hash = Sha256::new();
        let mut take = |n: usize, hash: &mut Sha256| -> Result<Vec<u8>> {
            let mut buf = vec![0u8; n];
            input.read_exact(&mut buf).map_err(read_error)?;
            hash.update(&buf);
            Ok(buf)
        };
        let mut magic = [0u8; 16];
        let got = {
            let n = (file_len as usize).min(16);
            let head = take(n, &mut hash)?;
            magic[..n].copy_from_slice(&head);
            n
        };
        if got < MAGIC.len() || &magic != MAGIC {
            return Err(foreign());
        }
        let version = u16::from_le_bytes(take(2, &mut hash)?.try_into().expect("2 bytes"));
        if version != VERSION {
            return Err(Error::new(
                Code::NewerDatabase,
                crate::msg!("error.backup.newer_format", version = version, supported = VERSION),
            ));
        }
        let header_len = u32::from_le_bytes(take(4, &mut hash)?.try_into().expect("4 bytes"));
        if header_len > MAX_HEADER {
            return Err(damaged(crate::msg!("label.backup.header_length")));
        }
        let json = take(header_len as usize, &mut hash)?;
        let header: Header =
            serde_json::from_slice(&json).map_err(|_| damaged(crate::msg!("label.backup.header_unreadable")))?;
        if header.format != FORMAT {
            return Err(damaged(crate::msg!("label.backup.header_format")));
        }
        if let Some(k) = &header.key_file {
            k.check()
                .map_err(|_| damaged(crate::msg!("label.backup.header_key_file")))?;
        }
        let db_len = u64::from_le_bytes(take(8, &mut hash)?.try_into().expect("8 bytes"));
        let before = 16 + 2 + 4 + header_len as u64 + 8;
        let expected = before.checked_add(db_len).and_then(|n| n.checked_add(CHECKSUM_LEN));
        match expected {
            Some(n) if n == file_len => {}
            Some(n) if n > file_len => {
                return Err(damaged(crate::msg!("label.backup.too_short")));
            }
            _ => return Err(damaged(crate::msg!("label.backup.too_long"))),
        }
        Ok(Reader {
            header,
            input,
            hash,
            db_len,
        })
    }

    pub(crate) fn db_len(&self) -> u64 {
        self.db_len
    }

    /// Copies the database to `out` and checks the checksum over the whole file. `out` holds
    /// the database only if this returns Ok.
    pub(crate) fn extract(mut self, out: &mut impl Write) -> Result<()> {
        let mut buf = vec![0u8; 64 * 1024];
        let mut left = self.db_len;
        while left > 0 {
            let want = left.min(buf.len() as u64) as usize;
            self.input.read_exact(&mut buf[..want]).map_err(read_error)?;
            self.hash.update(&buf[..want]);
            out.write_all(&buf[..want])
                .map_err(|e| Error::io(crate::msg!("error.backup.writing_temporary"), &e))?;
            left -= want as u64;
        }
        let mut sum = [0u8; CHECKSUM_LEN as usize];
        self.input.read_exact(&mut sum).map_err(read_error)?;
        if self.hash.finalize().as_slice() != sum {
            return Err(damaged(crate::msg!("label.backup.checksum")));
        }
        Ok(())
    }

    /// Checks the checksum without keeping the database.
    pub(crate) fn check(self) -> Result<()> {
        self.extract(&mut io::sink())
    }
}

/// The header of a backup file, after checking that the file is one of ours, whole and unchanged
/// (magic, format and checksum). Needs no key.
pub fn read_header(path: &Path) -> Result<Header> {
    let reader = Reader::open(path)?;
    let header = reader.header.clone();
    reader.check()?;
    Ok(header)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header() -> Header {
        Header {
            format: FORMAT.into(),
            created_at: "2026-11-28T13:30:00Z".parse().unwrap(),
            program_version: "0.1.0".into(),
            schema_version: 3,
            automatic: false,
            store: Some("0123456789abcdef0123456789abcdef".into()),
            store_id: Some("abc".into()),
            key_storage: Some(KeyStorage::Keyring),
            key_file: None,
            log_head: Some(LogHead {
                seq: 7,
                hash: "ab".repeat(32),
                certificate: None,
                signature: None,
            }),
        }
    }

    fn sample(dir: &Path) -> std::path::PathBuf {
        let path = dir.join("b.fristad-backup");
        let db = b"pretend these are encrypted pages".to_vec();
        let mut out = Vec::new();
        write(&mut out, &header(), &mut db.as_slice(), db.len() as u64).unwrap();
        std::fs::write(&path, out).unwrap();
        path
    }

    #[test]
    fn a_backup_reads_back_with_its_header_and_database() {
        let dir = tempfile::tempdir().unwrap();
        let path = sample(dir.path());
        assert_eq!(read_header(&path).unwrap(), header());
        let mut db = Vec::new();
        Reader::open(&path).unwrap().extract(&mut db).unwrap();
        assert_eq!(db, b"pretend these are encrypted pages");
    }

    #[test]
    fn every_truncation_is_found() {
        let dir = tempfile::tempdir().unwrap();
        let path = sample(dir.path());
        let bytes = std::fs::read(&path).unwrap();
        for len in 0..bytes.len() {
            std::fs::write(&path, &bytes[..len]).unwrap();
            let err = read_header(&path).unwrap_err();
            assert!(
                matches!(err.code, Code::NotOurDatabase | Code::DamagedDatabase),
                "cut at {len}: {err:?}"
            );
        }
        let mut longer = bytes.clone();
        longer.push(0);
        std::fs::write(&path, &longer).unwrap();
        assert_eq!(read_header(&path).unwrap_err().code, Code::DamagedDatabase);
    }

    #[test]
    fn every_changed_byte_is_found() {
        let dir = tempfile::tempdir().unwrap();
        let path = sample(dir.path());
        let bytes = std::fs::read(&path).unwrap();
        for i in 0..bytes.len() {
            let mut changed = bytes.clone();
            changed[i] ^= 0x20;
            std::fs::write(&path, &changed).unwrap();
            assert!(read_header(&path).is_err(), "byte {i} changed unnoticed");
        }
    }

    #[test]
    fn other_files_are_not_backups() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x");
        for content in [&b""[..], b"SQLite format 3\0 and more bytes here", &[0x89; 100]] {
            std::fs::write(&path, content).unwrap();
            assert_eq!(read_header(&path).unwrap_err().code, Code::NotOurDatabase);
        }
    }
}
