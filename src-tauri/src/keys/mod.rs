//! The database key: 32 random bytes, made once when a store is created, handed to SQLCipher as
//! a raw key. It is kept in one of two places (`KeyStorage`) and shown once to the user as the
//! recovery key, with which any SQLCipher 4 tool opens the database.
//!
//! Promise: nothing in this module ever makes a new key for an existing database. Losing the
//! keyring entry or the key file means asking for the recovery key, not starting over.

pub mod change;
pub mod key_file;
pub mod os_keyring;

use crate::error::{Code, Error, Result};
use crate::secret::Secret;
use serde::{Deserialize, Serialize};

/// Where the database key is kept between runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyStorage {
    /// The OS keyring: Windows Credential Manager, macOS Keychain, Secret Service on Linux.
    Keyring,
    /// A key file beside the database, the key wrapped with a passphrase (Argon2id).
    Passphrase,
}

/// The raw 32-byte database key.
#[derive(Clone)]
pub struct DbKey(Secret<[u8; 32]>);

impl std::fmt::Debug for DbKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DbKey(***)")
    }
}

impl DbKey {
    /// A fresh key from the operating system's random source.
    pub fn generate() -> Result<DbKey> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes)
            .map_err(|e| Error::new(Code::Io, crate::msg!("error.keys.random_key", reason = e)))?;
        let key = DbKey(Secret::new(bytes));
        zeroize::Zeroize::zeroize(&mut bytes);
        Ok(key)
    }

    pub(crate) fn from_bytes(bytes: [u8; 32]) -> DbKey {
        DbKey(Secret::new(bytes))
    }

    pub(crate) fn bytes(&self) -> &[u8; 32] {
        self.0.expose()
    }

    /// The value for `PRAGMA key`: SQLCipher's raw-key form `x'…'`, used with no key derivation.
    pub(crate) fn sqlcipher_key(&self) -> Secret<String> {
        Secret::new(format!("x'{}'", hex::encode(self.bytes())))
    }

    /// The recovery key as people write it down: 64 hex digits in 16 groups of four.
    pub fn recovery_text(&self) -> Secret<String> {
        let hex = Secret::new(hex::encode(self.bytes()));
        let groups: Vec<&str> = (0..16).map(|i| &hex.expose()[i * 4..i * 4 + 4]).collect();
        Secret::new(groups.join(" "))
    }

    /// Reads a recovery key as typed: spaces, hyphens, line breaks and case do not matter.
    /// The SQLCipher form `x'…'` is accepted too.
    pub fn parse_recovery(text: &str) -> Result<DbKey> {
        let trimmed = text.trim();
        let inner = trimmed
            .strip_prefix("x'")
            .or_else(|| trimmed.strip_prefix("X'"))
            .and_then(|s| s.strip_suffix('\''))
            .unwrap_or(trimmed);
        let hex_digits = Secret::new(
            inner
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '-')
                .collect::<String>()
                .to_ascii_lowercase(),
        );
        let bad = || Error::invalid("recovery_key", crate::msg!("error.keys.recovery_key_format"));
        if hex_digits.expose().len() != 64 {
            return Err(bad());
        }
        let mut bytes = [0u8; 32];
        hex::decode_to_slice(hex_digits.expose(), &mut bytes).map_err(|_| bad())?;
        let key = DbKey::from_bytes(bytes);
        zeroize::Zeroize::zeroize(&mut bytes);
        Ok(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_recovery_key_reads_back_however_it_was_copied() {
        let key = DbKey::generate().unwrap();
        let text = key.recovery_text();
        assert_eq!(text.expose().len(), 64 + 15);
        let variants = [
            text.expose().clone(),
            text.expose().to_uppercase(),
            text.expose().replace(' ', "-"),
            text.expose().replace(' ', "\n"),
            format!("x'{}'", text.expose().replace(' ', "")),
        ];
        for v in variants {
            assert_eq!(DbKey::parse_recovery(&v).unwrap().bytes(), key.bytes());
        }
    }

    #[test]
    fn a_short_or_mistyped_recovery_key_is_refused() {
        let key = DbKey::generate().unwrap();
        let text = key.recovery_text().expose().clone();
        let short = &text[..text.len() - 1];
        assert_eq!(DbKey::parse_recovery(short).unwrap_err().code, Code::InvalidInput);
        let typo = text.replacen(|c: char| c.is_ascii_hexdigit(), "g", 1);
        assert_eq!(
            DbKey::parse_recovery(&typo).unwrap_err().field.as_deref(),
            Some("recovery_key")
        );
    }

    #[test]
    fn two_generated_keys_differ() {
        assert_ne!(DbKey::generate().unwrap().bytes(), DbKey::generate().unwrap().bytes());
    }

    #[test]
    fn debug_output_hides_the_key() {
        assert_eq!(format!("{:?}", DbKey::generate().unwrap()), "DbKey(***)");
    }
}
