//! The database key in the operating system's keyring (Windows Credential Manager, macOS
//! Keychain, the Secret Service on Linux), through keyring 4.
//!
//! One entry per store, named by the store's random id, so two stores on one computer never
//! share or overwrite each other's key.

use super::DbKey;
use crate::error::{Code, Error, Result};
use keyring::Entry;

const SERVICE: &str = "Fristad";

fn entry(store_id: &str) -> Result<Entry> {
    Entry::new(SERVICE, &format!("databasnyckel {store_id}")).map_err(unavailable)
}

fn unavailable(err: keyring::Error) -> Error {
    Error::new(
        Code::KeyringUnavailable,
        crate::msg!("error.keys.keyring_unavailable", reason = err),
    )
}

/// Whether a keyring can be reached at all.
pub fn check_available() -> Result<()> {
    match Entry::store_status() {
        Ok(()) => Ok(()),
        Err(err) => Err(unavailable(clone_error(err))),
    }
}

// keyring's errors are not Clone; the status is kept in a static, so describe it again.
fn clone_error(err: &keyring::Error) -> keyring::Error {
    keyring::Error::Invalid("keyring".into(), err.to_string())
}

/// Stores the key and reads it back, so that a keyring that silently drops secrets is caught
/// while the user can still choose a passphrase instead.
pub fn save(store_id: &str, key: &DbKey) -> Result<()> {
    let e = entry(store_id)?;
    e.set_secret(key.bytes()).map_err(unavailable)?;
    let back = load(store_id)?;
    if back.bytes() != key.bytes() {
        return Err(Error::new(
            Code::KeyringUnavailable,
            crate::msg!("error.keys.keyring_not_saved"),
        ));
    }
    Ok(())
}

pub fn load(store_id: &str) -> Result<DbKey> {
    let e = entry(store_id)?;
    match e.get_secret() {
        Ok(mut bytes) => {
            let result = <[u8; 32]>::try_from(bytes.as_slice())
                .map(DbKey::from_bytes)
                .map_err(|_| Error::new(Code::KeyMissing, crate::msg!("error.keys.keyring_entry_length")));
            zeroize::Zeroize::zeroize(&mut bytes);
            result
        }
        Err(keyring::Error::NoEntry) => Err(Error::new(Code::KeyMissing, crate::msg!("error.keys.keyring_no_key"))),
        Err(err) => Err(unavailable(err)),
    }
}

/// Removes the entry. Used only to undo a setup that failed before its database existed.
pub fn delete(store_id: &str) -> Result<()> {
    match entry(store_id)?.delete_credential() {
        Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(err) => Err(unavailable(err)),
    }
}
