//! What the window holds between commands: the data folder, the open store (when unlocked),
//! the signed-in account, and, during setup only, the new key until the user confirms the
//! recovery key is kept safe.

use crate::accounts::Account;
use crate::audit::{About, Kind};
use crate::data_dir::DataDir;
use crate::error::{Code, Error, Result};
use crate::keys::DbKey;
use crate::store::Store;
use std::sync::atomic::AtomicBool;
use std::sync::{Mutex, MutexGuard};

pub struct Session {
    state: Mutex<State>,
    /// Whether documents are being made behind the window (see `make_due_documents`): one
    /// worker per window, kept with the window's session rather than in the process.
    pub making_documents: AtomicBool,
}

pub struct State {
    pub dir: DataDir,
    pub store: Option<Store>,
    /// The key of a store created in this session, until "Jag har sparat nyckeln".
    pub new_key: Option<DbKey>,
    /// Who is signed in. Locking the window (on demand or when idle) clears it.
    pub user: Option<Account>,
}

impl Session {
    pub fn new(dir: DataDir) -> Session {
        Session {
            state: Mutex::new(State {
                dir,
                store: None,
                new_key: None,
                user: None,
            }),
            making_documents: AtomicBool::new(false),
        }
    }

    pub fn lock(&self) -> MutexGuard<'_, State> {
        // A panic in one command must not lock the user out of the rest of the session.
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl State {
    /// The open store and who is signed in. The invoke guard (`desktop::run`) has already
    /// checked the account's role against `permissions`; this also refuses when nobody is.
    pub fn signed_in(&mut self) -> Result<(&mut Store, &Account)> {
        let user = self
            .user
            .as_ref()
            .ok_or_else(|| Error::new(Code::NotSignedIn, crate::msg!("error.session.not_signed_in")))?;
        let store = self
            .store
            .as_mut()
            .ok_or_else(|| Error::new(Code::NotReady, crate::msg!("error.session.locked")))?;
        Ok((store, user))
    }
}

impl State {
    /// Runs a change as the signed-in account: the action and its access-log entry in one
    /// transaction. `about` names the record from the result (an intake learns its key only then).
    pub fn change<T>(
        &mut self,
        action: &'static str,
        f: impl FnOnce(&rusqlite::Transaction, &str) -> Result<T>,
        about: impl FnOnce(&T) -> About,
    ) -> Result<T> {
        self.logged(action, Kind::Change, f, about)
    }

    /// Like `change`, for any kind of access (a view, an export).
    pub fn logged<T>(
        &mut self,
        action: &'static str,
        kind: Kind,
        f: impl FnOnce(&rusqlite::Transaction, &str) -> Result<T>,
        about: impl FnOnce(&T) -> About,
    ) -> Result<T> {
        let (store, who) = self.signed_in()?;
        crate::actions::perform(
            store,
            crate::actions::Actor::Account(who),
            action,
            kind,
            crate::clock::now(),
            f,
            about,
        )
    }
}
