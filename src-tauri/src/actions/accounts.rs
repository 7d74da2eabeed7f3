//! Accounts: the first administrator of a store.

use crate::accounts::{self, Account, NewAccount};
use crate::audit::{self, Event, Kind};
use crate::error::Result;
use crate::store::Store;
use chrono::{DateTime, Utc};

/// Makes a store's first account, its administrator, and signs it in: allowed only while the
/// store has no account, and needing none (the window's first screen, and `fristad-cli init`).
/// The account's own name is the log's actor, as after any sign-in.
pub fn create_first(store: &mut Store, new: &NewAccount, now: DateTime<Utc>) -> Result<Account> {
    store.write(|tx| {
        let account = accounts::create_first(tx, new, now)?;
        audit::record(
            tx,
            Event::new(&account.username, "create_first_account", Kind::Change).detail("första kontot (administratör)"),
            now,
        )?;
        audit::record(tx, Event::new(&account.username, "sign_in", Kind::SignIn), now)?;
        Ok(account)
    })
}
