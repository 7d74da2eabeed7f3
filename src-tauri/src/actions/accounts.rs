//! Accounts: the first administrator of a store, adding accounts and setting passwords.

use crate::accounts::{self, Account, NewAccount, SignIn};
use crate::audit::{self, Event, Kind};
use crate::error::Result;
use crate::secret::Secret;
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

/// Adds an account, as an administrator (`who`).
pub fn create(store: &mut Store, who: &Account, new: &NewAccount, now: DateTime<Utc>) -> Result<Account> {
    super::perform(
        store,
        super::Actor::Account(who),
        "account_create",
        Kind::Change,
        now,
        |tx, by| accounts::create(tx, new, by, now),
        |a| format!("{} ({})", a.username, a.role.label().to_lowercase()),
    )
}

/// Sets another account's password, as an administrator (`who`).
pub fn set_password(
    store: &mut Store,
    who: &Account,
    username: &str,
    password: &str,
    repeated: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    super::perform(
        store,
        super::Actor::Account(who),
        "account_set_password",
        Kind::Change,
        now,
        |tx, _| accounts::set_password(tx, username, password, repeated),
        |_| username.trim().to_owned(),
    )
}

/// Changes one's own password, which must first be given again. A wrong one counts as a failed
/// sign-in (and is kept, with its delay, though the change is not made).
pub fn change_own_password(
    store: &mut Store,
    who: &Account,
    current: &Secret<String>,
    password: &str,
    repeated: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    crate::permissions::authorize("change_own_password", Some(who))?;
    store.write(|tx| {
        if let SignIn::Refused(_) = accounts::sign_in(tx, &who.username, current, now)? {
            return Ok(Err(crate::Error::invalid(
                "current",
                crate::msg!("error.accounts.current_password_wrong"),
            )));
        }
        accounts::set_password(tx, &who.username, password, repeated)?;
        audit::record(tx, Event::new(&who.username, "change_own_password", Kind::Change), now)?;
        Ok(Ok(()))
    })?
}
