//! The database schema, as numbered migrations. `PRAGMA user_version` records how many have run.
//! All pending migrations run in one transaction: a store is always at one known version. A
//! database from a newer program (a higher version than we know) is refused, never "upgraded" down.
//!
//! Append new migrations at the end; never edit one that has shipped.

use crate::error::{Code, Error, Result};
use rusqlite::Connection;

pub const MIGRATIONS: &[&str] = &[
    include_str!("migrations/01-the-organisation-and.sql"),
    include_str!("migrations/02-registers-municipalities-rooms.sql"),
    include_str!("migrations/03-billing-settings-with.sql"),
    include_str!("migrations/04-documents-the-organisation.sql"),
    include_str!("migrations/05-the-organisation-s.sql"),
    include_str!("migrations/06-lex-sarah-reports.sql"),
    include_str!("migrations/07-staff-accounts-the.sql"),
    include_str!("migrations/08-retention-gallring-personal.sql"),
    include_str!("migrations/09-what-the-invoicing.sql"),
    include_str!("migrations/10-indexes-for-a.sql"),
    include_str!("migrations/11-invoices-whose-signed.sql"),
    include_str!("migrations/12-invoices-not-yet.sql"),
    include_str!("migrations/13-dated-terms.sql"),
    include_str!("migrations/14-credit-balances.sql"),
    include_str!("migrations/15-invoiced-nights-by-night.sql"),
    include_str!("migrations/16-store-identity.sql"),
    include_str!("migrations/17-indexes-for-imports.sql"),
    include_str!("migrations/18-notices.sql"),
    include_str!("migrations/19-person-corrections.sql"),
    include_str!("migrations/20-room-closure-corrections.sql"),
    include_str!("migrations/21-support-contacts.sql"),
    include_str!("migrations/22-ready-to-move.sql"),
    include_str!("migrations/23-gender.sql"),
    include_str!("migrations/24-requests.sql"),
    include_str!("migrations/25-child-rights.sql"),
    include_str!("migrations/26-organisation-years.sql"),
    include_str!("migrations/27-struck-entries.sql"),
];

/// The schema version this program writes.
pub fn latest() -> i64 {
    MIGRATIONS.len() as i64
}

pub fn current(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

pub fn newer_database(found: i64) -> Error {
    Error::new(
        Code::NewerDatabase,
        crate::msg!("error.store.newer", found = found, latest = latest()),
    )
}

/// Brings the schema up to date in one transaction.
pub fn run(conn: &mut Connection) -> Result<()> {
    let found = current(conn)?;
    if found > latest() {
        return Err(newer_database(found));
    }
    if found == latest() {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    for sql in &MIGRATIONS[found as usize..] {
        tx.execute_batch(sql)?;
    }
    // user_version lives in the database header and is part of the transaction.
    tx.pragma_update(None, "user_version", latest())?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Migration 24: the old log's refused requests become requests, refused because the shelter
    /// was full, from someone not recorded, with their counts, dates and notes, in their order.
    #[test]
    fn the_refused_requests_log_becomes_requests() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = crate::store::connect(&dir.path().join("old.db"), rusqlite::OpenFlags::default()).unwrap();
        let tx = conn.transaction().unwrap();
        for sql in &MIGRATIONS[..23] {
            tx.execute_batch(sql).unwrap();
        }
        tx.pragma_update(None, "user_version", 23).unwrap();
        tx.execute_batch(
            "INSERT INTO refused_requests (requested_on, women, children, note) VALUES
             ('2025-03-01', 1, 2, 'Kommun A frågade'), ('2025-02-01', 2, 0, '')",
        )
        .unwrap();
        tx.commit().unwrap();
        run(&mut conn).unwrap();
        let all = crate::requests::all(&conn).unwrap();
        let read = serde_json::to_value(&all).unwrap();
        assert_eq!(
            read,
            serde_json::json!([
                {"date": "2025-02-01", "from": "annat", "adults": 2, "children": 0, "outcome": "nekad", "reason": "fullt"},
                {"date": "2025-03-01", "from": "annat", "adults": 1, "children": 2, "outcome": "nekad", "reason": "fullt",
                 "note": "Kommun A frågade"}
            ])
        );
        let old: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE name = 'refused_requests'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(old, 0);
    }
}
