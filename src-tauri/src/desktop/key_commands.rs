//! Changing the database key from the window (administrators only, see `permissions`). The work
//! is `crate::keys::change`'s; the new recovery key is then shown once, the way setup shows it
//! (`save_recovery_sheet`, `copy_recovery_key`, `finish_setup`).

use super::commands::{RecoveryKeyShown, key_choice};
use super::session::Session;
use crate::clock;
use crate::error::{Code, Error, Result};
use crate::keys::KeyStorage;
use crate::keys::change;
use crate::unlock::{self, Unlock};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeKeyInput {
    storage: KeyStorage,
    #[serde(default)]
    passphrase: String,
    #[serde(default)]
    passphrase_repeat: String,
}

/// Encrypts the store under a new key, kept as chosen. Refused while another program has the
/// store open; the window's store stays open then. Should the change fail after the store was
/// closed, it is opened again the way it opened at start, or the window asks for the key.
#[tauri::command(async)]
pub fn change_key(session: tauri::State<'_, Session>, input: ChangeKeyInput) -> Result<RecoveryKeyShown> {
    let choice = key_choice(input.storage, input.passphrase, input.passphrase_repeat)?;
    let mut s = session.lock();
    let who = s.signed_in()?.1.username.clone();
    let dir = s.dir.clone();
    let store = s
        .store
        .take()
        .ok_or_else(|| Error::new(Code::NotReady, crate::msg!("error.desktop.not_open")))?;
    match change::change(store, &dir, choice, &who, clock::now()) {
        Ok(changed) => {
            let shown = RecoveryKeyShown::of(&changed.key);
            s.store = Some(changed.store);
            s.new_key = Some(changed.key);
            Ok(shown)
        }
        Err(refused) => {
            let change::Refused { error, store } = *refused;
            s.store = store.or_else(|| {
                let how = match unlock::passphrase_from_env() {
                    Some(p) => Unlock::Passphrase(p),
                    None => Unlock::Keyring,
                };
                unlock::open(&dir, how).ok()
            });
            if s.store.is_none() {
                s.user = None;
            }
            Err(error)
        }
    }
}
