//! The key file beside the database (`fristad-key.json`). It says how the store's key is kept,
//! and in passphrase mode it holds the key itself, wrapped: Argon2id turns the passphrase into a
//! key-encryption key, and XChaCha20-Poly1305 seals the database key with it. A wrong passphrase
//! fails the seal's check, so it is told apart from a damaged database.
//!
//! The file holds no personal data and no secret in the clear; without the passphrase it is useless.

use super::{DbKey, KeyStorage};
use crate::error::{Code, Error, Result};
use crate::secret::Secret;
use crate::text::Message;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::Path;

const FORMAT: &str = "fristad-key/1";

/// Argon2id cost: 64 MiB and three passes, about half a second on an old office PC. Stored in
/// the file, so it can be raised for new files without breaking old ones.
const MEMORY_KIB: u32 = 64 * 1024;
const ITERATIONS: u32 = 3;
const PARALLELISM: u32 = 1;
/// The most a key file may ask for: 256 MiB, ten passes, four lanes.
const MAX_MEMORY_KIB: u32 = 4 * MEMORY_KIB;
const MAX_ITERATIONS: u32 = 10;
const MAX_PARALLELISM: u32 = 4;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyFile {
    format: String,
    /// A random id naming this store's entry in the OS keyring.
    pub store_id: String,
    pub storage: KeyStorage,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    wrapped: Option<WrappedKey>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WrappedKey {
    kdf: String,
    memory_kib: u32,
    iterations: u32,
    parallelism: u32,
    salt: String,
    cipher: String,
    nonce: String,
    ciphertext: String,
}

/// `detail` is a `label.keys.*` text naming what is wrong.
fn damaged(detail: Message) -> Error {
    Error::new(
        Code::DamagedKeyFile,
        crate::msg!("error.keys.key_file_damaged", detail = detail),
    )
}

fn random<const N: usize>() -> Result<[u8; N]> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|e| Error::new(Code::Io, crate::msg!("error.records.random", reason = e)))?;
    Ok(bytes)
}

fn derive_kek(
    passphrase: &str,
    salt: &[u8],
    memory_kib: u32,
    iterations: u32,
    parallelism: u32,
) -> Result<Secret<[u8; 32]>> {
    let params = argon2::Params::new(memory_kib, iterations, parallelism, Some(32))
        .map_err(|e| damaged(crate::msg!("label.keys.argon2_params", reason = e)))?;
    let argon = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
    let mut kek = [0u8; 32];
    argon
        .hash_password_into(passphrase.as_bytes(), salt, &mut kek)
        .map_err(|e| damaged(crate::msg!("label.keys.argon2", reason = e)))?;
    let secret = Secret::new(kek);
    zeroize::Zeroize::zeroize(&mut kek);
    Ok(secret)
}

impl KeyFile {
    /// A key file saying that the key is in the OS keyring under `store_id`.
    pub fn for_keyring(store_id: &str) -> KeyFile {
        KeyFile {
            format: FORMAT.into(),
            store_id: store_id.into(),
            storage: KeyStorage::Keyring,
            wrapped: None,
        }
    }

    /// A key file holding `key` wrapped with `passphrase`.
    pub fn wrap(store_id: &str, key: &DbKey, passphrase: &Secret<String>) -> Result<KeyFile> {
        if passphrase.expose().is_empty() {
            return Err(Error::invalid("passphrase", crate::msg!("error.keys.passphrase_empty")));
        }
        let salt: [u8; 16] = random()?;
        let nonce: [u8; 24] = random()?;
        let kek = derive_kek(passphrase.expose(), &salt, MEMORY_KIB, ITERATIONS, PARALLELISM)?;
        let cipher = XChaCha20Poly1305::new(kek.expose().into());
        let aad = format!("{FORMAT} {store_id}");
        let ciphertext = cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: key.bytes(),
                    aad: aad.as_bytes(),
                },
            )
            .map_err(|_| Error::new(Code::Io, crate::msg!("error.keys.encrypt")))?;
        Ok(KeyFile {
            format: FORMAT.into(),
            store_id: store_id.into(),
            storage: KeyStorage::Passphrase,
            wrapped: Some(WrappedKey {
                kdf: "argon2id".into(),
                memory_kib: MEMORY_KIB,
                iterations: ITERATIONS,
                parallelism: PARALLELISM,
                salt: hex::encode(salt),
                cipher: "xchacha20poly1305".into(),
                nonce: hex::encode(nonce),
                ciphertext: hex::encode(ciphertext),
            }),
        })
    }

    /// The database key, unwrapped with `passphrase`.
    pub fn unwrap_key(&self, passphrase: &Secret<String>) -> Result<DbKey> {
        let w = self
            .wrapped
            .as_ref()
            .ok_or_else(|| damaged(crate::msg!("label.keys.wrapped_missing")))?;
        if w.kdf != "argon2id" || w.cipher != "xchacha20poly1305" {
            return Err(damaged(crate::msg!("label.keys.unknown_cipher")));
        }
        // Refuse costs above what a file of ours could have (four times today's: room to raise
        // them later) rather than let a tampered file spend the machine's memory and minutes.
        if w.memory_kib > MAX_MEMORY_KIB || w.iterations > MAX_ITERATIONS || w.parallelism > MAX_PARALLELISM {
            return Err(damaged(crate::msg!("label.keys.absurd_params")));
        }
        let salt = hex::decode(&w.salt).map_err(|_| damaged(crate::msg!("label.keys.salt")))?;
        let nonce = hex::decode(&w.nonce).map_err(|_| damaged(crate::msg!("label.keys.nonce")))?;
        let ciphertext = hex::decode(&w.ciphertext).map_err(|_| damaged(crate::msg!("label.keys.ciphertext")))?;
        if nonce.len() != 24 {
            return Err(damaged(crate::msg!("label.keys.nonce")));
        }
        let kek = derive_kek(passphrase.expose(), &salt, w.memory_kib, w.iterations, w.parallelism)?;
        let cipher = XChaCha20Poly1305::new(kek.expose().into());
        let aad = format!("{} {}", self.format, self.store_id);
        let mut plain = cipher
            .decrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: &ciphertext,
                    aad: aad.as_bytes(),
                },
            )
            .map_err(|_| {
                Error::invalid("passphrase", crate::msg!("error.keys.wrong_passphrase"))
                    .with_code(Code::WrongPassphrase)
            })?;
        let key = <[u8; 32]>::try_from(plain.as_slice())
            .map(DbKey::from_bytes)
            .map_err(|_| damaged(crate::msg!("label.keys.key_length")));
        zeroize::Zeroize::zeroize(&mut plain);
        key
    }

    /// Reads the key file; `None` when there is none.
    pub fn read(path: &Path) -> Result<Option<KeyFile>> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Error::io(crate::msg!("error.keys.reading_key_file"), &e)),
        };
        let file: KeyFile = serde_json::from_str(&text).map_err(|_| damaged(crate::msg!("label.keys.bad_format")))?;
        file.check()?;
        Ok(Some(file))
    }

    /// Whether a key file read from elsewhere (e.g. a backup's header) is one this program wrote.
    pub(crate) fn check(&self) -> Result<()> {
        if self.format != FORMAT {
            return Err(damaged(crate::msg!("label.keys.unknown_version")));
        }
        if (self.storage == KeyStorage::Passphrase) != self.wrapped.is_some() {
            return Err(damaged(crate::msg!("label.keys.storage_mismatch")));
        }
        Ok(())
    }

    /// Writes the key file where none exists; never replaces one.
    pub fn write_new(&self, path: &Path) -> Result<()> {
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
        let mut f = opts.open(path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                Error::new(Code::StoreExists, crate::msg!("error.keys.key_file_exists"))
            } else {
                Error::io(crate::msg!("error.keys.creating_key_file"), &e)
            }
        })?;
        let text = serde_json::to_string_pretty(self).expect("a key file always serializes");
        f.write_all(text.as_bytes())
            .and_then(|_| f.sync_all())
            .map_err(|e| Error::io(crate::msg!("error.keys.writing_key_file"), &e))
    }
}

impl KeyFile {
    /// Replaces the key file in one step (write beside it, then rename), so that a crash leaves
    /// either the old file or the new one. Used only when the user has just proven the key with
    /// the recovery key and chosen how to keep it.
    pub fn replace(&self, path: &Path) -> Result<()> {
        let tmp = path.with_extension("json.new");
        let _ = std::fs::remove_file(&tmp);
        self.write_new(&tmp)?;
        std::fs::rename(&tmp, path).map_err(|e| Error::io(crate::msg!("error.keys.saving_key_file"), &e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrapped_key_opens_with_its_passphrase_and_only_with_it() {
        let key = DbKey::generate().unwrap();
        let file = KeyFile::wrap("store-1", &key, &Secret::new("rätt lösenfras".into())).unwrap();
        let back = file.unwrap_key(&Secret::new("rätt lösenfras".into())).unwrap();
        assert_eq!(back.bytes(), key.bytes());
        let err = file.unwrap_key(&Secret::new("fel lösenfras".into())).unwrap_err();
        assert_eq!(err.code, Code::WrongPassphrase);
    }

    #[test]
    fn a_key_file_moved_to_another_store_id_does_not_open() {
        let key = DbKey::generate().unwrap();
        let mut file = KeyFile::wrap("store-1", &key, &Secret::new("lösen".into())).unwrap();
        file.store_id = "store-2".into();
        assert_eq!(
            file.unwrap_key(&Secret::new("lösen".into())).unwrap_err().code,
            Code::WrongPassphrase
        );
    }

    #[test]
    fn the_file_never_contains_the_key_in_the_clear() {
        let key = DbKey::generate().unwrap();
        let file = KeyFile::wrap("s", &key, &Secret::new("p".into())).unwrap();
        let text = serde_json::to_string(&file).unwrap();
        assert!(!text.contains(&hex::encode(key.bytes())));
    }

    #[test]
    fn write_new_refuses_to_replace_and_read_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k.json");
        assert_eq!(KeyFile::read(&path).unwrap(), None);
        let file = KeyFile::for_keyring("abc");
        file.write_new(&path).unwrap();
        assert_eq!(KeyFile::read(&path).unwrap(), Some(file.clone()));
        assert_eq!(file.write_new(&path).unwrap_err().code, Code::StoreExists);
    }

    #[test]
    fn a_garbled_key_file_is_reported_as_damaged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k.json");
        std::fs::write(&path, "{not json").unwrap();
        assert_eq!(KeyFile::read(&path).unwrap_err().code, Code::DamagedKeyFile);
        std::fs::write(
            &path,
            r#"{"format":"fristad-key/1","store_id":"x","storage":"passphrase"}"#,
        )
        .unwrap();
        assert_eq!(KeyFile::read(&path).unwrap_err().code, Code::DamagedKeyFile);
    }
}
