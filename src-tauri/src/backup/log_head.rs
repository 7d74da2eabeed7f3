//! The access log's head in every backup: where the log ended when the backup was made (its last
//! entry's number and hash), in the backup's header, signed with the organisation's signing key
//! when the store has one.
//!
//! - Made from the snapshot itself, so that header and content agree.
//! - A backup is checked against it before any restore (and by `backup verify`): the log inside
//!   must end exactly there, and the signature must hold against the certificate inside.
//! - `verify` and `audit verify` compare the live log with the heads in this store's backups in
//!   the backup folder (read from their headers, no key needed): each backup's last entry must
//!   still be in the log, unchanged. A log cut below a backup's head, or rewritten since the
//!   backup, is found even by someone who rewrote the log's witness too (see
//!   [`crate::store::witness`]): to hide it, one must also rewrite every backup.
//!
//! A backup made before a restore recorded in the log is not compared: a restore legitimately
//! replaces the log with an older one. A header without a head is a backup from before heads.

use super::format::{self, Header};
use super::{EXTENSION, FILE_PREFIX, Mine};
use crate::data_dir::DataDir;
use crate::documents::signing;
use crate::error::{Error, Result};
use crate::store::Store;
use crate::store::witness;
use crate::text::Message;
use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::Path;

/// Names what a head's signature is over (see [`signed_message`]).
pub const SIGNED_FORMAT: &str = "fristad-backup-log-head/1";

/// The access log's head as a backup's header carries it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogHead {
    /// The number of the log's last entry in the backup.
    pub seq: i64,
    /// That entry's hash.
    pub hash: String,
    /// SHA-256 (hex) of the certificate whose key made `signature`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate: Option<String>,
    /// The signature (hex) over [`signed_message`], with the organisation's signing key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
}

/// What a head's signature is over: the format, the store's id, the entry's number and hash and
/// when the backup was made, so that a signature cannot be moved to another store's or another
/// backup's header.
pub fn signed_message(store: Option<&str>, seq: i64, hash: &str, created_at: DateTime<Utc>) -> String {
    format!(
        "{SIGNED_FORMAT} {} {seq} {hash} {}",
        store.unwrap_or("-"),
        created_at.to_rfc3339_opts(SecondsFormat::Millis, true)
    )
}

fn fingerprint(certificate: &[u8]) -> String {
    hex::encode(Sha256::digest(certificate))
}

fn has_table(conn: &Connection, schema: &str, table: &str) -> Result<bool> {
    Ok(conn.query_row(
        &format!("SELECT EXISTS (SELECT 1 FROM {schema}.sqlite_master WHERE type = 'table' AND name = ?1)"),
        [table],
        |r| r.get(0),
    )?)
}

/// The head of the log in the snapshot at `snapshot` (just written by `VACUUM INTO` through
/// `conn`, so encrypted with the same key), signed with the signing identity in the snapshot if
/// it has one. `None` when the log is empty or absent. A signature that cannot be made (a key
/// that no longer loads) leaves the head unsigned rather than the store without a backup.
pub(super) fn of_snapshot(
    conn: &Connection,
    snapshot: &Path,
    store: Option<&str>,
    created_at: DateTime<Utc>,
) -> Result<Option<LogHead>> {
    let path = snapshot
        .to_str()
        .ok_or_else(|| Error::new(crate::error::Code::Io, crate::msg!("error.backup.unusable_path")))?;
    // Attached without a key, SQLCipher opens it with the main database's key.
    conn.execute("ATTACH DATABASE ?1 AS snapshot", [path])?;
    let read = (|| -> Result<(Option<witness::Head>, Option<signing::SigningIdentity>)> {
        let head = if has_table(conn, "snapshot", "access_log")? {
            conn.query_row(
                "SELECT seq, hash FROM snapshot.access_log ORDER BY seq DESC LIMIT 1",
                [],
                |r| {
                    Ok(witness::Head {
                        seq: r.get(0)?,
                        hash: r.get(1)?,
                    })
                },
            )
            .optional()?
        } else {
            None
        };
        let identity = if has_table(conn, "snapshot", "signing_identity")? {
            signing::load_in(conn, "snapshot")?
        } else {
            None
        };
        Ok((head, identity))
    })();
    conn.execute_batch("DETACH DATABASE snapshot")?;
    let (head, identity) = read?;
    Ok(head.map(|h| {
        let signed = identity.and_then(|id| {
            let message = signed_message(store, h.seq, &h.hash, created_at);
            id.sign_bytes(message.as_bytes())
                .ok()
                .map(|s| (fingerprint(id.certificate_der()), hex::encode(s)))
        });
        LogHead {
            seq: h.seq,
            hash: h.hash,
            certificate: signed.as_ref().map(|(c, _)| c.clone()),
            signature: signed.map(|(_, s)| s),
        }
    }))
}

/// A backup's head, checked against the log inside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckedHead {
    pub seq: i64,
    pub hash: String,
    /// Whose certificate's key signed it (the certificate's name); `None` when unsigned.
    pub signed_by: Option<String>,
}

/// A backup changed after it was made: `detail` is a `label.backup.*` text.
fn changed(detail: Message) -> Error {
    Error::new(
        crate::error::Code::DamagedDatabase,
        crate::msg!("error.backup.changed", detail = detail),
    )
}

/// Checks the header's head against the log in the backup's database (`conn`): the log must end
/// exactly there, and a signature must hold against the certificate inside the backup.
/// `Ok(None)` for a backup from before heads.
pub(super) fn check(conn: &Connection, header: &Header) -> Result<Option<CheckedHead>> {
    let Some(said) = &header.log_head else {
        return Ok(None);
    };
    let inside = if has_table(conn, "main", "access_log")? {
        witness::head(conn)?
    } else {
        None
    };
    match inside {
        Some(h) if h.seq == said.seq && h.hash == said.hash => {}
        Some(h) if h.seq == said.seq => {
            return Err(changed(crate::msg!(
                "label.backup.log_head_other_entry",
                seq = said.seq
            )));
        }
        other => {
            return Err(changed(crate::msg!(
                "label.backup.log_head_other_end",
                seq = said.seq,
                last = other.map_or(0, |h| h.seq)
            )));
        }
    }
    let signed_by = match &said.signature {
        None => None,
        Some(signature) => {
            let bad = || changed(crate::msg!("label.backup.log_head_signature"));
            let identity = if has_table(conn, "main", "signing_identity")? {
                signing::load(conn)?
            } else {
                None
            };
            let identity = identity.ok_or_else(bad)?;
            let certificate = identity.certificate_der();
            let message = signed_message(header.store.as_deref(), said.seq, &said.hash, header.created_at);
            let holds = said.certificate.as_deref() == Some(fingerprint(certificate).as_str())
                && hex::decode(signature).is_ok_and(|s| signing::verify_bytes(certificate, message.as_bytes(), &s));
            if !holds {
                return Err(bad());
            }
            Some(identity.subject().unwrap_or_default())
        }
    };
    Ok(Some(CheckedHead {
        seq: said.seq,
        hash: said.hash.clone(),
        signed_by,
    }))
}

/// What comparing the live log with one backup's head found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Status {
    /// The log still holds the backup's last entry, unchanged.
    Holds,
    /// The backup was made before a restore recorded in the log (at `restored_at`), which
    /// replaced the log with an older one: not compared.
    BeforeRestore { restored_at: DateTime<Utc> },
    /// The log ends at `last`, before the backup's last entry: it was cut since.
    Cut { last: i64 },
    /// The log's entry at the backup's head is another: the log was rewritten since.
    Rewritten,
    /// The head's signature does not hold against the store's certificate: the header was
    /// changed.
    Forged,
    /// The backup file is damaged (its checksum does not hold), so it says nothing.
    Damaged,
}

/// One of this store's backups, compared with the live log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupHead {
    pub file_name: String,
    pub created_at: DateTime<Utc>,
    /// The backup's head: the number of its log's last entry.
    pub seq: i64,
    #[serde(flatten)]
    pub status: Status,
}

impl BackupHead {
    /// Whether this is something wrong (a restore or a match is not).
    pub fn is_finding(&self) -> bool {
        !matches!(self.status, Status::Holds | Status::BeforeRestore { .. })
    }

    /// What is wrong, naming the backup; `None` when nothing is.
    pub fn message(&self) -> Option<Message> {
        let (file, made, seq) = (&self.file_name, crate::clock::to_local_text(self.created_at), self.seq);
        Some(match &self.status {
            Status::Holds | Status::BeforeRestore { .. } => return None,
            Status::Cut { last } => crate::msg!(
                "notice.backup.log_cut_after",
                file = file,
                made = made,
                seq = seq,
                last = last
            ),
            Status::Rewritten => crate::msg!("notice.backup.log_rewritten_after", file = file, made = made, seq = seq),
            Status::Forged => crate::msg!("notice.backup.head_forged", file = file, made = made),
            Status::Damaged => crate::msg!("notice.backup.head_damaged", file = file, made = made),
        })
    }
}

/// The instants of the restores recorded in the log.
fn restores(conn: &Connection) -> Result<Vec<DateTime<Utc>>> {
    let mut stmt = conn.prepare("SELECT seq, at FROM access_log WHERE action = 'backup_restore' ORDER BY seq")?;
    let rows = stmt.query_map([], |r| crate::store::columns::Stored::new(r, "access_log", 0)?.time(1))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Compares the live log of `store` (whose data folder is `dir`) with the heads in this store's
/// backups, manual and automatic, in the backup folder its settings name. Nothing to compare
/// (no folder set or there, a store from before store ids, no log) gives an empty list.
pub fn compare(store: &Store, dir: &DataDir) -> Vec<BackupHead> {
    let conn = store.conn();
    let folder = crate::settings::load(conn).ok().and_then(|s| s.backup.folder);
    let (Some(folder), Ok(mine), Ok(true)) = (folder, Mine::of(store, dir), has_table(conn, "main", "access_log"))
    else {
        return Vec::new();
    };
    let Ok(entries) = std::fs::read_dir(&folder) else {
        return Vec::new();
    };
    let certificate = has_table(conn, "main", "signing_identity")
        .ok()
        .filter(|&t| t)
        .and_then(|_| signing::load(conn).ok().flatten())
        .map(|id| id.certificate_der().to_vec());
    let restores = restores(conn).unwrap_or_default();
    let last = witness::head(conn).ok().flatten().map_or(0, |h| h.seq);
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with(FILE_PREFIX) || !name.ends_with(EXTENSION) || !entry.file_type().is_ok_and(|t| t.is_file())
        {
            continue;
        }
        let path = entry.path();
        let Ok(header) = format::Reader::open(&path).map(|r| r.header) else {
            continue;
        };
        let Some(head) = header.log_head.clone().filter(|_| mine.owns(&header)) else {
            continue;
        };
        let status = status(conn, &header, &head, certificate.as_deref(), &restores, last);
        // A file whose checksum does not hold says nothing about the log.
        let status = if status == Status::Holds || format::read_header(&path).is_ok() {
            status
        } else {
            Status::Damaged
        };
        found.push(BackupHead {
            file_name: name,
            created_at: header.created_at,
            seq: head.seq,
            status,
        });
    }
    found.sort_by(|a, b| {
        a.created_at
            .cmp(&b.created_at)
            .then_with(|| a.file_name.cmp(&b.file_name))
    });
    found
}

fn status(
    conn: &Connection,
    header: &Header,
    head: &LogHead,
    certificate: Option<&[u8]>,
    restores: &[DateTime<Utc>],
    last: i64,
) -> Status {
    // The signature is checked where the store's certificate is still the one that signed.
    if let (Some(cert), Some(signature)) = (certificate, &head.signature)
        && head.certificate.as_deref() == Some(fingerprint(cert).as_str())
    {
        let message = signed_message(header.store.as_deref(), head.seq, &head.hash, header.created_at);
        if !hex::decode(signature).is_ok_and(|s| signing::verify_bytes(cert, message.as_bytes(), &s)) {
            return Status::Forged;
        }
    }
    let hash: Option<String> = conn
        .query_row("SELECT hash FROM access_log WHERE seq = ?1", [head.seq], |r| r.get(0))
        .optional()
        .ok()
        .flatten();
    if hash.as_deref() == Some(head.hash.as_str()) {
        return Status::Holds;
    }
    if let Some(&restored_at) = restores.iter().find(|&&at| at > header.created_at) {
        return Status::BeforeRestore { restored_at };
    }
    if last < head.seq {
        Status::Cut { last }
    } else {
        Status::Rewritten
    }
}
