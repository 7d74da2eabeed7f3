//! What the window holds between commands: the data folder, the open store (when unlocked),
//! and, during setup only, the new key until the user confirms the recovery key is kept safe.

use crate::data_dir::DataDir;
use crate::keys::DbKey;
use crate::store::Store;
use std::sync::{Mutex, MutexGuard};

pub struct Session(Mutex<State>);

pub struct State {
    pub dir: DataDir,
    pub store: Option<Store>,
    /// The key of a store created in this session, until "Jag har sparat nyckeln".
    pub new_key: Option<DbKey>,
}

impl Session {
    pub fn new(dir: DataDir) -> Session {
        Session(Mutex::new(State {
            dir,
            store: None,
            new_key: None,
        }))
    }

    pub fn lock(&self) -> MutexGuard<'_, State> {
        // A panic in one command must not lock the user out of the rest of the session.
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
