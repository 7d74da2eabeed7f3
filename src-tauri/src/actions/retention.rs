//! Retention (gallring): a run.

use crate::accounts::Account;
use crate::error::Result;
use crate::permissions;
use crate::retention::{self, Outcome};
use crate::settings;
use crate::store::Store;
use chrono::{DateTime, Utc};

/// Removes what the policy in force says is due, in one transaction that logs itself with its
/// counts (`retention::run`), as `who`, who must be allowed to.
pub fn run(store: &mut Store, who: &Account, now: DateTime<Utc>) -> Result<Outcome> {
    permissions::authorize("retention_run", Some(who))?;
    store.write(|tx| {
        let policy = settings::load(tx)?.retention;
        retention::run(tx, policy, &who.username, now)
    })
}
