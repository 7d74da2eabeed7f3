//! What went wrong where nobody was there to be told, kept in the store until it is dealt with:
//! a backup that failed when the program closed, documents of issued invoices that could not be
//! made behind the window, municipalities whose invoices the last run held back. The home screen
//! shows each to the roles that can deal with it (`Notice::role`); what deals with it clears it
//! (a backup that succeeds, the documents made, a run that holds nothing back).

use crate::accounts::Role;
use crate::clock;
use crate::error::Result;
use crate::store::columns::Stored;
use crate::text::{Lang, Message};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};
use serde::Serialize;

/// The kinds of notice.
pub const BACKUP_AT_EXIT_FAILED: &str = "backup_at_exit_failed";
pub const DOCUMENTS_NOT_MADE: &str = "documents_not_made";
pub const INVOICES_HELD_BACK: &str = "invoices_held_back";

/// A notice as the home screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Notice {
    pub kind: String,
    pub at: DateTime<Utc>,
    /// What went wrong, in the language asked for.
    pub detail: String,
}

impl Notice {
    /// Who can deal with a notice of `kind`: backups are the administrator's.
    pub fn role(kind: &str) -> Role {
        match kind {
            BACKUP_AT_EXIT_FAILED => Role::Admin,
            _ => Role::Manager,
        }
    }
}

/// Keeps a notice of `kind` (replacing an earlier one of the same kind), worded in both
/// languages, since nobody knows yet who will read it.
/// (A connection rather than a transaction: the documents made behind the window are stored
/// under a savepoint of their own.)
pub fn keep(tx: &Connection, kind: &str, detail: &Message, now: DateTime<Utc>) -> Result<()> {
    tx.execute(
        "INSERT INTO notices (kind, at, detail_sv, detail_en) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (kind) DO UPDATE SET at = ?2, detail_sv = ?3, detail_en = ?4",
        params![
            kind,
            clock::to_stored(now),
            detail.render(Lang::Sv),
            detail.render(Lang::En)
        ],
    )?;
    Ok(())
}

/// Clears the notice of `kind`, dealt with.
pub fn clear(tx: &Connection, kind: &str) -> Result<()> {
    tx.execute("DELETE FROM notices WHERE kind = ?1", [kind])?;
    Ok(())
}

/// The notices `role` can deal with, oldest first, in `lang`. Documents still due when none are
/// `being_made` are a notice of their own even when their failure could not be written down (a
/// full disk refuses the notice as it refused the documents).
pub fn for_role(
    conn: &Connection,
    role: Role,
    lang: Lang,
    being_made: bool,
    now: DateTime<Utc>,
) -> Result<Vec<Notice>> {
    let mut notices = stored_for_role(conn, role, lang)?;
    let noted = notices.iter().any(|n| n.kind == DOCUMENTS_NOT_MADE);
    if role >= Notice::role(DOCUMENTS_NOT_MADE) && !noted && !being_made {
        let waiting = crate::billing::due_documents::count(conn)?;
        if waiting > 0 {
            notices.push(Notice {
                kind: DOCUMENTS_NOT_MADE.into(),
                at: now,
                detail: crate::msg!("notice.documents.waiting", count = waiting).render(lang),
            });
        }
    }
    Ok(notices)
}

fn stored_for_role(conn: &Connection, role: Role, lang: Lang) -> Result<Vec<Notice>> {
    let column = match lang {
        Lang::Sv => "detail_sv",
        Lang::En => "detail_en",
    };
    let mut stmt = conn.prepare(&format!("SELECT rowid, kind, at, {column} FROM notices ORDER BY at"))?;
    let all = stmt
        .query_map([], |r| {
            let s = Stored::new(r, "notices", 0)?;
            Ok(Notice {
                kind: s.get(1)?,
                at: s.time(2)?,
                detail: s.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(all.into_iter().filter(|n| role >= Notice::role(&n.kind)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::DbKey;
    use crate::store::Store;

    #[test]
    fn a_notice_is_kept_for_those_who_can_act_until_it_is_dealt_with() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::create(&dir.path().join("t.db"), &DbKey::generate().unwrap()).unwrap();
        let at: DateTime<Utc> = "2026-03-01T21:15:00Z".parse().unwrap();
        let reason = crate::msg!("error.desktop.no_backup_folder");
        store.write(|tx| keep(tx, BACKUP_AT_EXIT_FAILED, &reason, at)).unwrap();
        // Kept once, however often it happens: the latest time.
        let later = at + chrono::Duration::days(1);
        store
            .write(|tx| keep(tx, BACKUP_AT_EXIT_FAILED, &reason, later))
            .unwrap();
        let admin = for_role(store.conn(), Role::Admin, Lang::En, false, at).unwrap();
        assert_eq!(admin.len(), 1);
        assert_eq!(admin[0].at, later);
        assert_eq!(admin[0].detail, reason.render(Lang::En));
        assert!(
            for_role(store.conn(), Role::Staff, Lang::Sv, false, at)
                .unwrap()
                .is_empty()
        );
        assert!(
            for_role(store.conn(), Role::Manager, Lang::Sv, false, at)
                .unwrap()
                .is_empty()
        );
        store.write(|tx| clear(tx, BACKUP_AT_EXIT_FAILED)).unwrap();
        assert!(
            for_role(store.conn(), Role::Admin, Lang::Sv, false, at)
                .unwrap()
                .is_empty()
        );
    }
}
