//! The access log: who saw or changed which record, when, and through which action.
//!
//! Every entry is written in the same transaction as what it describes, so a change is never
//! saved without its entry. The table refuses updates and deletes (triggers), and each entry
//! carries the SHA-256 of its own content and of the entry before it. Someone who edits the
//! database file directly — with the key, behind the program's back — can drop the triggers,
//! but then `verify` finds the first entry whose chain no longer holds.
//!
//! Entries name records by their keys (placement and person keys), never by a person's name, and
//! `detail` is a short fixed text chosen by the program, never free text typed about a person.

use crate::clock;
use crate::error::{Code, Error, Result};
use crate::text::{Lang, Message};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::Serialize;
use sha2::{Digest, Sha256};

const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What kind of access an entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A record was shown.
    View,
    /// Something was saved.
    Change,
    /// Records left the program (a file, an export).
    Export,
    SignIn,
    SignInFailed,
    SignOut,
    Lock,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::View => "visning",
            Kind::Change => "ändring",
            Kind::Export => "utlämning",
            Kind::SignIn => "inloggning",
            Kind::SignInFailed => "misslyckad inloggning",
            Kind::SignOut => "utloggning",
            Kind::Lock => "låsning",
        }
    }

    const ALL: [Kind; 7] = [
        Kind::View,
        Kind::Change,
        Kind::Export,
        Kind::SignIn,
        Kind::SignInFailed,
        Kind::SignOut,
        Kind::Lock,
    ];

    /// The kind's name as a catalogue text (the stored name is the Swedish one).
    pub fn label(self) -> Message {
        match self {
            Kind::View => crate::msg!("label.audit.kind_view"),
            Kind::Change => crate::msg!("label.audit.kind_change"),
            Kind::Export => crate::msg!("label.audit.kind_export"),
            Kind::SignIn => crate::msg!("label.audit.kind_sign_in"),
            Kind::SignInFailed => crate::msg!("label.audit.kind_sign_in_failed"),
            Kind::SignOut => crate::msg!("label.audit.kind_sign_out"),
            Kind::Lock => crate::msg!("label.audit.kind_lock"),
        }
    }
}

/// A stored kind of access (`visning`, …) as shown in `lang`; an unknown one as stored.
pub fn kind_label(stored: &str, lang: Lang) -> String {
    Kind::ALL
        .iter()
        .find(|k| k.as_str() == stored)
        .map_or_else(|| stored.to_owned(), |k| k.label().render(lang))
}

/// One entry to append. Build with [`Event::new`] and the builder methods.
#[derive(Debug, Clone)]
pub struct Event<'a> {
    pub username: &'a str,
    pub action: &'a str,
    pub kind: Kind,
    pub placement: Option<String>,
    pub person: Option<String>,
    pub detail: String,
}

impl<'a> Event<'a> {
    pub fn new(username: &'a str, action: &'a str, kind: Kind) -> Event<'a> {
        Event {
            username,
            action,
            kind,
            placement: None,
            person: None,
            detail: String::new(),
        }
    }

    pub fn placement(mut self, key: impl Into<String>) -> Self {
        self.placement = Some(key.into());
        self
    }

    pub fn person(mut self, key: impl Into<String>) -> Self {
        self.person = Some(key.into());
        self
    }

    pub fn detail(mut self, text: impl Into<String>) -> Self {
        self.detail = text.into();
        self
    }

    pub fn about(mut self, about: About) -> Self {
        self.placement = about.placement;
        self.person = about.person;
        self.detail = about.detail;
        self
    }
}

/// Which record an action concerned, when the caller learns it only from the action's result.
#[derive(Debug, Clone, Default)]
pub struct About {
    pub placement: Option<String>,
    pub person: Option<String>,
    pub detail: String,
}

impl About {
    pub fn nothing() -> About {
        About::default()
    }

    pub fn placement(key: impl Into<String>) -> About {
        About {
            placement: Some(key.into()),
            ..About::default()
        }
    }

    pub fn person(key: impl Into<String>) -> About {
        About {
            person: Some(key.into()),
            ..About::default()
        }
    }

    pub fn detail(text: impl Into<String>) -> About {
        About {
            detail: text.into(),
            ..About::default()
        }
    }

    pub fn and_person(mut self, key: impl Into<String>) -> About {
        self.person = Some(key.into());
        self
    }
}

impl From<String> for About {
    fn from(detail: String) -> About {
        About::detail(detail)
    }
}

/// An entry as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub seq: i64,
    /// Local time (Europe/Stockholm), as RFC 3339.
    pub at: String,
    pub username: String,
    pub action: String,
    pub kind: String,
    pub placement: Option<String>,
    pub person: Option<String>,
    pub detail: String,
    #[serde(skip)]
    stored_at: String,
    #[serde(skip)]
    prev_hash: String,
    #[serde(skip)]
    hash: String,
}

/// The hash of an entry: over the previous hash and every field, as one JSON array so that no
/// two different entries can serialize alike.
fn digest(prev_hash: &str, seq: i64, at: &str, e: &Entry) -> String {
    let content = serde_json::json!([
        prev_hash,
        seq,
        at,
        e.username,
        e.action,
        e.kind,
        e.placement,
        e.person,
        e.detail
    ]);
    hex::encode(Sha256::digest(content.to_string().as_bytes()))
}

/// Appends an entry. Call it inside the transaction that does what the entry describes.
pub fn record(tx: &Transaction, event: Event<'_>, now: DateTime<Utc>) -> Result<i64> {
    let last: Option<(i64, String)> = tx
        .query_row("SELECT seq, hash FROM access_log ORDER BY seq DESC LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let (seq, prev_hash) = last.map_or((1, GENESIS.to_owned()), |(s, h)| (s + 1, h));
    let at = clock::to_stored(now);
    let mut entry = Entry {
        seq,
        at: String::new(),
        username: event.username.to_owned(),
        action: event.action.to_owned(),
        kind: event.kind.as_str().to_owned(),
        placement: event.placement,
        person: event.person,
        detail: event.detail,
        stored_at: at.clone(),
        prev_hash: prev_hash.clone(),
        hash: String::new(),
    };
    entry.hash = digest(&prev_hash, seq, &at, &entry);
    tx.execute(
        "INSERT INTO access_log (seq, at, username, action, kind, placement, person, detail, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            seq,
            at,
            entry.username,
            entry.action,
            entry.kind,
            entry.placement,
            entry.person,
            entry.detail,
            prev_hash,
            entry.hash
        ],
    )?;
    Ok(seq)
}

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Entry> {
    let stored_at: String = r.get("at")?;
    Ok(Entry {
        seq: r.get("seq")?,
        // The chain is hashed over the time as stored, so an entry is read whatever its time
        // says: one that does not read as a time is shown as stored (never as a made-up time),
        // and `verify` names the entry if it was changed.
        at: clock::from_stored(&stored_at).map_or_else(|| stored_at.clone(), clock::to_local_rfc3339),
        username: r.get("username")?,
        action: r.get("action")?,
        kind: r.get("kind")?,
        placement: r.get("placement")?,
        person: r.get("person")?,
        detail: r.get("detail")?,
        stored_at,
        prev_hash: r.get("prev_hash")?,
        hash: r.get("hash")?,
    })
}

/// What `verify` found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verified {
    pub entries: i64,
    /// The first entry whose chain does not hold, and why; `None` when the whole log holds.
    pub broken_at: Option<i64>,
    /// In Swedish, as `fristad-cli verify` prints it.
    pub problem: Option<String>,
    /// The same as a catalogue text, for a message shown in the window's language.
    #[serde(skip)]
    pub problem_message: Option<Message>,
}

impl Verified {
    pub fn is_ok(&self) -> bool {
        self.broken_at.is_none() && self.problem.is_none()
    }

    /// The log could not even be read (a damaged file).
    pub fn unreadable(why: &str) -> Verified {
        Verified::broken(0, None, crate::msg!("notice.audit.unreadable", reason = why))
    }

    fn broken(entries: i64, broken_at: Option<i64>, why: Message) -> Verified {
        Verified {
            entries,
            broken_at,
            problem: Some(why.render(Lang::Sv)),
            problem_message: Some(why),
        }
    }
}

/// Walks the whole chain from the first entry and stops at the first one that does not hold.
pub fn verify(conn: &Connection) -> Result<Verified> {
    let mut stmt = conn.prepare("SELECT * FROM access_log ORDER BY seq")?;
    let mut rows = stmt.query([])?;
    let mut expected_seq = 1;
    let mut prev = GENESIS.to_owned();
    let mut entries = 0;
    while let Some(row) = rows.next()? {
        let e = from_row(row)?;
        entries += 1;
        let problem = if e.seq != expected_seq {
            Some((
                expected_seq,
                crate::msg!("notice.audit.entry_missing", seq = expected_seq, next = e.seq),
            ))
        } else if e.prev_hash != prev {
            Some((e.seq, crate::msg!("notice.audit.entry_unlinked", seq = e.seq)))
        } else if digest(&prev, e.seq, &e.stored_at, &e) != e.hash {
            Some((e.seq, crate::msg!("notice.audit.entry_changed", seq = e.seq)))
        } else {
            None
        };
        if let Some((at, why)) = problem {
            return Ok(Verified::broken(entries, Some(at), why));
        }
        prev = e.hash;
        expected_seq += 1;
    }
    Ok(Verified {
        entries,
        broken_at: None,
        problem: None,
        problem_message: None,
    })
}

/// The entries about one person: the person's own record and every placement they stayed in.
pub fn for_person(conn: &Connection, person: &str) -> Result<Vec<Entry>> {
    let mut stmt = conn.prepare(
        "SELECT * FROM access_log
         WHERE person = ?1
            OR placement IN (SELECT p.key FROM placements p JOIN stays s ON s.placement_id = p.id
                             JOIN people pe ON pe.id = s.person_id WHERE pe.key = ?1)
         ORDER BY seq",
    )?;
    let rows = stmt.query_map([person], from_row)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The newest entries, newest first, optionally only one account's.
pub fn recent(conn: &Connection, username: Option<&str>, limit: i64) -> Result<Vec<Entry>> {
    let mut stmt = conn.prepare(
        "SELECT * FROM access_log WHERE (?1 IS NULL OR username = ?1 COLLATE NOCASE) ORDER BY seq DESC LIMIT ?2",
    )?;
    let rows = stmt
        .query_map(params![username, limit], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The entries as CSV (semicolons, UTF-8 with BOM, as the statistics files), for a manager to
/// hand over when someone asks who has read their record.
pub fn to_csv(entries: &[Entry]) -> Result<Vec<u8>> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new().delimiter(b';').from_writer(&mut out);
        let csv_err = |e: csv::Error| Error::new(Code::Io, crate::msg!("error.audit.csv", reason = e));
        w.write_record([
            "Nr",
            "Tid",
            "Användare",
            "Åtgärd",
            "Slag",
            "Placering",
            "Person",
            "Uppgift",
        ])
        .map_err(csv_err)?;
        for e in entries {
            w.write_record([
                e.seq.to_string().as_str(),
                &e.at,
                &e.username,
                &e.action,
                &e.kind,
                e.placement.as_deref().unwrap_or(""),
                e.person.as_deref().unwrap_or(""),
                &e.detail,
            ])
            .map_err(csv_err)?;
        }
        w.flush().map_err(|e| Error::io(crate::msg!("error.audit.write"), &e))?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::DbKey;
    use crate::store::Store;

    fn store_with(n: usize) -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::create(&dir.path().join("t.db"), &DbKey::generate().unwrap()).unwrap();
        let now: DateTime<Utc> = "2026-03-01T02:00:00Z".parse().unwrap();
        for i in 0..n {
            store
                .write(|tx| {
                    record(
                        tx,
                        Event::new("anna", "placement_view", Kind::View).placement(format!("P{i}")),
                        now,
                    )
                })
                .unwrap();
        }
        (dir, store)
    }

    /// Edits the log the way someone with the key and an SQLCipher shell could.
    fn tamper(store: &Store, sql: &str) {
        store
            .conn()
            .execute_batch(&format!(
                "DROP TRIGGER access_log_no_update; DROP TRIGGER access_log_no_delete; {sql}"
            ))
            .unwrap();
    }

    #[test]
    fn an_untouched_log_verifies() {
        let (_d, s) = store_with(5);
        let v = verify(s.conn()).unwrap();
        assert_eq!((v.entries, v.broken_at), (5, None));
    }

    #[test]
    fn the_program_cannot_change_or_remove_entries() {
        let (_d, s) = store_with(2);
        assert!(s.conn().execute("UPDATE access_log SET username = 'x'", []).is_err());
        assert!(s.conn().execute("DELETE FROM access_log", []).is_err());
    }

    #[test]
    fn a_changed_entry_is_found() {
        let (_d, s) = store_with(5);
        tamper(&s, "UPDATE access_log SET username = 'någon annan' WHERE seq = 3;");
        let v = verify(s.conn()).unwrap();
        assert_eq!(v.broken_at, Some(3));
        assert!(v.problem.unwrap().contains("ändrad"));
    }

    #[test]
    fn a_removed_entry_is_found() {
        let (_d, s) = store_with(5);
        tamper(&s, "DELETE FROM access_log WHERE seq = 2;");
        assert_eq!(verify(s.conn()).unwrap().broken_at, Some(2));
    }

    #[test]
    fn a_recomputed_hash_breaks_the_next_link() {
        let (_d, s) = store_with(5);
        // Changing an entry and fixing its own hash is not enough: the next entry names the old one.
        tamper(
            &s,
            "UPDATE access_log SET hash = 'ab' || substr(hash, 3) WHERE seq = 4;",
        );
        assert_eq!(verify(s.conn()).unwrap().broken_at, Some(4));
    }

    #[test]
    fn a_stored_kind_is_shown_in_the_window_language() {
        assert_eq!(kind_label("visning", Lang::Sv), "visning");
        assert_eq!(kind_label("misslyckad inloggning", Lang::En), "failed sign-in");
        assert_eq!(kind_label("något nytt", Lang::En), "något nytt");
        for k in Kind::ALL {
            assert_eq!(k.label().render(Lang::Sv), k.as_str());
        }
    }

    #[test]
    fn csv_has_a_header_and_one_line_per_entry() {
        let (_d, s) = store_with(3);
        let csv = to_csv(&recent(s.conn(), None, 10).unwrap()).unwrap();
        let text = String::from_utf8(csv).unwrap();
        assert_eq!(text.lines().count(), 4);
        assert!(text.contains("placement_view"));
    }
}
