//! What went wrong with nobody there to be told, kept for the home screen (`crate::notices`).

use crate::error::{Error, Result};
use crate::notices;
use crate::store::Store;
use chrono::{DateTime, Utc};

/// Keeps that the backup when the program closed failed, and why, for the administrator's home
/// screen at the next start. Not an access to anything, so not in the access log.
pub fn backup_at_exit_failed(store: &mut Store, reason: &Error, now: DateTime<Utc>) -> Result<()> {
    let detail = crate::msg!(
        "notice.backup.at_exit_failed",
        at = crate::clock::to_local_text(now),
        reason = reason.as_arg()
    );
    store.write(|tx| notices::keep(tx, notices::BACKUP_AT_EXIT_FAILED, &detail, now))
}
