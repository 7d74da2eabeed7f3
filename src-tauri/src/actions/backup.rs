//! Backups: removing what a restore set aside in the data folder.

use super::{Actor, perform};
use crate::accounts::Account;
use crate::audit::{About, Kind};
use crate::backup::set_aside;
use crate::data_dir::DataDir;
use crate::error::Result;
use crate::store::Store;
use chrono::{DateTime, Utc};

/// Removes one file a restore set aside, as an administrator, logged with its name (which names
/// no person). The file goes inside the logging transaction: if it cannot be removed, nothing is
/// logged.
pub fn remove_set_aside(store: &mut Store, who: &Account, dir: &DataDir, name: &str, now: DateTime<Utc>) -> Result<()> {
    perform(
        store,
        Actor::Account(who),
        "backup_remove_set_aside",
        Kind::Change,
        now,
        |_, _| set_aside::remove(dir, name),
        |_| About::detail(name),
    )
}
