//! Entries struck out: a request for a place or a support contact recorded wrongly (a wrong
//! date, a count mistyped) is not deleted and not changed. It is struck out with when, by whom and
//! why, stays in the lists crossed out and in the export, and no figure counts it; the right one
//! is recorded anew. Only counted records without a history of their own are struck this way.

use crate::clock;
use crate::error::{Error, Result};
use crate::records;
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

/// When, by whom and why an entry was struck out, as files write it (`at` in Swedish local time).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Struck {
    pub at: String,
    pub by: String,
    pub reason: String,
}

/// The columns a struck entry keeps, as stored: the instant, who, why.
pub type Columns = (Option<String>, Option<String>, Option<String>);

impl Struck {
    /// As stored, after the checks an import makes: a time, a name of who, a reason.
    pub fn columns(s: Option<&Struck>) -> Result<Columns> {
        let Some(s) = s else {
            return Ok((None, None, None));
        };
        let at =
            clock::parse_time(&s.at).map_err(|_| Error::invalid("struck.at", crate::msg!("error.records.date")))?;
        let by = records::required("struck.by", crate::msg!("label.struck.by"), &s.by, 80)?;
        let reason = records::required("struck.reason", crate::msg!("label.struck.reason"), &s.reason, 300)?;
        Ok((Some(clock::to_stored(at)), Some(by), Some(reason)))
    }

    /// From the stored columns (none when not struck).
    pub fn read(at: Option<DateTime<Utc>>, by: Option<String>, reason: Option<String>) -> Option<Struck> {
        at.map(|at| Struck {
            at: clock::to_local_rfc3339(at),
            by: by.unwrap_or_default(),
            reason: reason.unwrap_or_default(),
        })
    }
}

/// The tables whose entries can be struck out.
#[derive(Debug, Clone, Copy)]
pub enum Table {
    Requests,
    SupportContacts,
}

impl Table {
    fn name(self) -> &'static str {
        match self {
            Table::Requests => "requests",
            Table::SupportContacts => "support_contacts",
        }
    }
}

/// Strikes out entry `id` of `table`, with why. One already struck, or none, is refused.
pub fn strike(tx: &Transaction, table: Table, id: i64, reason: &str, now: DateTime<Utc>, actor: &str) -> Result<()> {
    let reason = records::required("reason", crate::msg!("label.struck.reason"), reason, 300)?;
    let name = table.name();
    let struck: Option<bool> = tx
        .query_row(
            &format!("SELECT struck_at IS NOT NULL FROM {name} WHERE id = ?1"),
            [id],
            |r| r.get(0),
        )
        .optional()?;
    match struck {
        None => Err(Error::invalid("id", crate::msg!("error.struck.no_such_entry"))),
        Some(true) => Err(Error::invalid("id", crate::msg!("error.struck.already"))),
        Some(false) => {
            tx.execute(
                &format!("UPDATE {name} SET struck_at = ?2, struck_by = ?3, struck_reason = ?4 WHERE id = ?1"),
                params![id, clock::to_stored(now), actor, reason],
            )?;
            Ok(())
        }
    }
}
