//! The database schema, as numbered migrations. `PRAGMA user_version` records how many have run.
//! All pending migrations run in one transaction: a store is always at one known version. A
//! database from a newer program (a higher version than we know) is refused, never "upgraded" down.
//!
//! Append new migrations at the end; never edit one that has shipped.

use crate::error::{Code, Error, Result};
use rusqlite::Connection;

pub const MIGRATIONS: &[&str] = &[
    // 1: the organisation and the agreements, with every version of an agreement kept.
    r#"
    CREATE TABLE organisation (
        id          INTEGER PRIMARY KEY CHECK (id = 1),
        name        TEXT NOT NULL,
        org_number  TEXT NOT NULL,
        address     TEXT NOT NULL,
        bankgiro    TEXT NOT NULL,
        f_skatt     INTEGER NOT NULL CHECK (f_skatt IN (0, 1)),
        updated_at  TEXT NOT NULL
    ) STRICT;

    CREATE TABLE agreements (
        id          INTEGER PRIMARY KEY,
        key         TEXT NOT NULL UNIQUE,
        created_at  TEXT NOT NULL
    ) STRICT;

    -- Append-only: an edit is a new version; the terms are a JSON document (agreements::Terms).
    CREATE TABLE agreement_versions (
        id            INTEGER PRIMARY KEY,
        agreement_id  INTEGER NOT NULL REFERENCES agreements (id),
        version       INTEGER NOT NULL CHECK (version >= 1),
        recorded_at   TEXT NOT NULL,
        recorded_by   TEXT NOT NULL,
        change_note   TEXT NOT NULL,
        terms         TEXT NOT NULL,
        UNIQUE (agreement_id, version)
    ) STRICT;

    CREATE TRIGGER agreement_versions_are_never_changed BEFORE UPDATE ON agreement_versions
    BEGIN SELECT RAISE(ABORT, 'agreement versions are append-only'); END;
    CREATE TRIGGER agreement_versions_are_never_deleted BEFORE DELETE ON agreement_versions
    BEGIN SELECT RAISE(ABORT, 'agreement versions are append-only'); END;
    "#,
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
        format!(
            "Databasen är skapad av en nyare version av Fristad (schemaversion {found}; den här versionen känner till {}). \
             Installera den nyare versionen; databasen har inte ändrats.",
            latest()
        ),
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
