//! Checks a store the way `fristad-cli verify` reports it: every page's authentication code
//! (SQLCipher), SQLite's own integrity check, foreign keys, the schema version, and the access
//! log's hash chain, the log's end against its witness (see [`super::witness`]) and, with
//! [`run_in`], against the heads in this store's backups (see [`crate::backup::log_head`]).

use super::{Store, migrations};
use crate::error::Result;
use crate::text::{Lang, Message};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// Pages whose authentication code does not match: changed or damaged on disk.
    pub cipher_problems: Vec<String>,
    /// Problems SQLite's `integrity_check` found.
    pub integrity_problems: Vec<String>,
    /// Tables with rows that point at rows that do not exist.
    pub foreign_key_problems: Vec<String>,
    pub schema_version: i64,
    pub schema_version_expected: i64,
    /// The access log's chain (absent in a database from before the log existed).
    pub access_log: Option<crate::audit::Verified>,
    /// The access log's table is gone from a database that had one.
    pub access_log_missing: bool,
    /// What comparing the log's end with its witness found now.
    pub witness: Option<super::witness::Finding>,
    /// What SQLite will not read of the write-ahead log (saved transactions it would drop).
    pub write_ahead_log: Option<super::wal::LostTail>,
    /// What earlier opens found and recorded in the log: when, and what.
    pub earlier_findings: Vec<(String, String)>,
    /// This store's backups in the backup folder, each compared with the live log (only by
    /// [`run_in`]).
    pub backups: Vec<crate::backup::BackupHead>,
}

impl Report {
    pub fn is_ok(&self) -> bool {
        self.cipher_problems.is_empty()
            && self.integrity_problems.is_empty()
            && self.foreign_key_problems.is_empty()
            && self.schema_version <= self.schema_version_expected
            && self.access_log.as_ref().is_none_or(|a| a.is_ok())
            && !self.access_log_missing
            && self.witness.is_none()
            && self.write_ahead_log.is_none()
            && self.earlier_findings.is_empty()
            && !self.backups.iter().any(|b| b.is_finding())
    }

    /// A Swedish summary, one line per kind of problem (for fristad-cli).
    pub fn describe(&self) -> Vec<String> {
        self.findings().iter().map(|m| m.render(Lang::Sv)).collect()
    }

    /// One message per kind of problem.
    pub fn findings(&self) -> Vec<Message> {
        let mut lines = Vec::new();
        if !self.cipher_problems.is_empty() {
            lines.push(crate::msg!(
                "notice.store.cipher_problems",
                count = self.cipher_problems.len(),
                problems = self.cipher_problems.join("; ")
            ));
        }
        if !self.integrity_problems.is_empty() {
            lines.push(crate::msg!(
                "notice.store.integrity_problems",
                problems = self.integrity_problems.join("; ")
            ));
        }
        if !self.foreign_key_problems.is_empty() {
            lines.push(crate::msg!(
                "notice.store.foreign_key_problems",
                problems = self.foreign_key_problems.join("; ")
            ));
        }
        // An older schema is not a fault: opening the store brings it up to date.
        if self.schema_version > self.schema_version_expected {
            lines.push(crate::msg!(
                "notice.store.schema_version",
                found = self.schema_version,
                expected = self.schema_version_expected
            ));
        }
        if let Some(problem) = self.access_log.as_ref().and_then(|a| a.problem.as_ref()) {
            // The access log's own description of the break (audit.rs), as it gives it.
            lines.push(crate::msg!("notice.store.access_log_broken", problem = problem));
        }
        if self.access_log_missing {
            lines.push(crate::msg!("notice.store.access_log_missing"));
        }
        if let Some(f) = &self.witness {
            lines.push(crate::msg!("notice.store.witness_finding", finding = f.message()));
        }
        if let Some(lost) = &self.write_ahead_log {
            lines.push(lost.message());
        }
        for (at, finding) in &self.earlier_findings {
            lines.push(crate::msg!("notice.store.witness_past", at = at, finding = finding));
        }
        lines.extend(self.backups.iter().filter_map(|b| b.message()));
        lines
    }

    /// All the findings as one message, one after the other; `None` when there are none.
    pub fn summary(&self) -> Option<Message> {
        self.findings()
            .into_iter()
            .rev()
            .reduce(|rest, first| crate::msg!("notice.store.findings", first = first, rest = rest))
    }
}

pub fn run(store: &Store) -> Result<Report> {
    let conn = store.conn();
    // A check that cannot even run on a damaged file is itself a finding, not a reason to stop.
    let findings = |sql: &str| -> Vec<String> {
        let run = || -> rusqlite::Result<Vec<String>> {
            let mut stmt = conn.prepare(sql)?;
            stmt.query_map([], |r| r.get::<_, rusqlite::types::Value>(0))?
                .map(|v| {
                    v.map(|v| match v {
                        rusqlite::types::Value::Text(t) => t,
                        other => format!("{other:?}"),
                    })
                })
                .collect()
        };
        run().unwrap_or_else(|e| vec![e.to_string()])
    };
    let cipher_problems = findings("PRAGMA cipher_integrity_check");
    let integrity_problems = findings("PRAGMA integrity_check")
        .into_iter()
        .filter(|l| l != "ok")
        .collect();
    let foreign_key_problems = findings("PRAGMA foreign_key_check");
    // A log that cannot be read on a damaged file is a finding too, not a reason to stop.
    let access_log = (|| -> Result<Option<crate::audit::Verified>> {
        let has_log: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'access_log')",
            [],
            |r| r.get(0),
        )?;
        Ok(if has_log {
            Some(crate::audit::verify(conn)?)
        } else {
            None
        })
    })()
    .unwrap_or_else(|e| Some(crate::audit::Verified::unreadable(&e.message)));
    let schema_version = migrations::current(conn)?;
    // The log came with migration 7; a database past it without the table has lost it.
    let access_log_missing = access_log.is_none() && schema_version >= 7;
    let (witness, earlier_findings) = if access_log.is_some() {
        (
            store
                .witness_finding()
                .unwrap_or(Some(super::witness::Finding::Missing)),
            super::witness::past_findings(conn).unwrap_or_default(),
        )
    } else {
        (None, Vec::new())
    };
    Ok(Report {
        access_log,
        access_log_missing,
        witness,
        write_ahead_log: store.wal_lost().cloned(),
        earlier_findings,
        backups: Vec::new(),
        cipher_problems,
        integrity_problems,
        foreign_key_problems,
        schema_version,
        schema_version_expected: migrations::latest(),
    })
}

/// [`run`], and the live log compared with the heads in this store's backups in the backup
/// folder (`dir` is the store's data folder).
pub fn run_in(store: &Store, dir: &crate::data_dir::DataDir) -> Result<Report> {
    let mut report = run(store)?;
    if report.access_log.is_some() {
        report.backups = crate::backup::log_head::compare(store, dir);
    }
    Ok(report)
}
