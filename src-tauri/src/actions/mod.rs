//! The use cases: what a person does with the store, as core functions that the window
//! (`desktop/`) and `fristad-cli` both call. An action checks who may do it, does it and records
//! its access-log entry, in one transaction; the front ends parse, call and present.
//!
//! Most use cases are one call of [`perform`] with a domain function as its work (the window's
//! `Session::change`, fristad-cli's `logged`); those that need more than one entry, a check of
//! their own or no account (the first administrator, a password change, a person's log, a
//! retention run, the end of a session) have their own function here. Nothing else in either
//! front end writes the store or the log (`tests.rs` reads their sources to make sure).

pub mod access_log;
pub mod accounts;
pub mod backup;
pub mod notices;
pub mod organisation;
pub mod organisation_year;
pub mod people;
pub mod placements;
pub mod requests;
pub mod retention;
pub mod rooms;
pub mod support;
#[cfg(test)]
mod tests;

use crate::accounts::{Account, SignIn};
use crate::audit::{self, About, Event, Kind};
use crate::error::{Code, Error, Result};
use crate::permissions;
use crate::secret::Secret;
use crate::store::Store;
use chrono::{DateTime, Utc};
use rusqlite::Transaction;

/// Who acts.
#[derive(Debug, Clone, Copy)]
pub enum Actor<'a> {
    /// A signed-in account: its role is checked against the permission table.
    Account(&'a Account),
    /// The holder of the database key, acting without an account (fristad-cli today, which
    /// opens the store with the key itself); logged as [`crate::CLI_ACTOR`].
    KeyHolder,
    /// The program by itself, for the account named: an automatic backup at its sign-in, or the
    /// restore it asked for (after which its account may not exist in the store restored).
    /// Logged under that name; only the table's knowing the action is checked.
    ProgramFor(&'a str),
}

impl Actor<'_> {
    /// The name the access log gives.
    pub fn name(&self) -> &str {
        match self {
            Actor::Account(a) => &a.username,
            Actor::KeyHolder => crate::CLI_ACTOR,
            Actor::ProgramFor(name) => name,
        }
    }
}

/// Runs `action` as `who`: refused unless the permission table names the action (and, for an
/// account, its role suffices); then the work and the access-log entry in one transaction.
/// `about` names the record from the result (an intake learns its key only then).
pub fn perform<T, A: Into<About>>(
    store: &mut Store,
    who: Actor<'_>,
    action: &'static str,
    kind: Kind,
    now: DateTime<Utc>,
    work: impl FnOnce(&Transaction, &str) -> Result<T>,
    about: impl FnOnce(&T) -> A,
) -> Result<T> {
    match who {
        Actor::Account(account) => permissions::authorize(action, Some(account))?,
        // An action the table does not know is refused even for the key's holder: every entry
        // in the access log has a name the log can show.
        Actor::KeyHolder | Actor::ProgramFor(_) if !permissions::is_known(action) => {
            return Err(Error::new(
                Code::Forbidden,
                crate::msg!("error.permissions.unknown_action"),
            ));
        }
        Actor::KeyHolder | Actor::ProgramFor(_) => {}
    }
    let name = who.name().to_owned();
    store.write(|tx| {
        let value = work(tx, &name)?;
        audit::record(tx, Event::new(&name, action, kind).about(about(&value).into()), now)?;
        Ok(value)
    })
}

/// Ends a session (signed out, or locked after a while idle): logged as the account's own.
pub fn sign_out(store: &mut Store, who: &Account, kind: Kind, detail: &str, now: DateTime<Utc>) -> Result<()> {
    store.write(|tx| audit::record(tx, Event::new(&who.username, "lock", kind).detail(detail), now).map(|_| ()))
}

/// Signs in with a name and password, for a session (the window's): a success is logged as the
/// session's start. A failure is saved (its delay must survive a restart) and logged without the
/// name typed, which may be a mistyped password.
pub fn sign_in(store: &mut Store, username: &str, password: &Secret<String>, now: DateTime<Utc>) -> Result<Account> {
    check_password(store, username, password, now, true)
}

/// Checks a name and password for one command (fristad-cli's): as [`sign_in`], but a success
/// writes nothing, since every logged action of the command names the account itself, and a
/// command refused for its input leaves the store as it was.
pub fn authenticate(
    store: &mut Store,
    username: &str,
    password: &Secret<String>,
    now: DateTime<Utc>,
) -> Result<Account> {
    check_password(store, username, password, now, false)
}

fn check_password(
    store: &mut Store,
    username: &str,
    password: &Secret<String>,
    now: DateTime<Utc>,
    log_success: bool,
) -> Result<Account> {
    let outcome = store.write(|tx| {
        let outcome = crate::accounts::sign_in(tx, username, password, now)?;
        match &outcome {
            SignIn::Welcome(a) if log_success => {
                audit::record(tx, Event::new(&a.username, "sign_in", Kind::SignIn), now)?;
            }
            SignIn::Welcome(_) => {}
            SignIn::Refused(_) => {
                audit::record(tx, Event::new("–", "sign_in", Kind::SignInFailed), now)?;
            }
        };
        Ok(outcome)
    })?;
    match outcome {
        SignIn::Welcome(account) => Ok(account),
        SignIn::Refused(e) => Err(e),
    }
}
