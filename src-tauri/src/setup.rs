//! Creating a new store: the key, where it is kept, the database, and what a new store starts
//! with (the organisation's details if given, and the IOP agreement with Borås Stad).
//!
//! Promise: either everything is created, or nothing is left behind; and nothing that already
//! exists in the data folder is ever replaced.

use crate::agreements::{self, Terms};
use crate::data_dir::{Contents, DataDir};
use crate::error::{Code, Error, Result};
use crate::keys::key_file::KeyFile;
use crate::keys::{DbKey, os_keyring};
use crate::organisation::{self, OrganisationInput};
use crate::secret::Secret;
use crate::store::Store;
use chrono::{DateTime, Utc};

/// How the user chose to keep the key.
#[derive(Debug)]
pub enum KeyChoice {
    Keyring,
    Passphrase(Secret<String>),
}

impl KeyChoice {
    /// Keeps `key` this way under `store_id`: saved in the keyring now (the caller deletes the
    /// entry should what follows fail), or wrapped with the passphrase. The key file that says
    /// so, to be written by the caller.
    pub fn keep(&self, store_id: &str, key: &DbKey) -> Result<KeyFile> {
        match self {
            KeyChoice::Keyring => {
                os_keyring::save(store_id, key)?;
                Ok(KeyFile::for_keyring(store_id))
            }
            KeyChoice::Passphrase(p) => KeyFile::wrap(store_id, key, p),
        }
    }
}

/// A store just created, with its key so that the recovery key can be shown once.
#[derive(Debug)]
pub struct Created {
    pub store: Store,
    pub key: DbKey,
}

/// The note on the agreement's first version.
const SHIPPED_AGREEMENT_NOTE: &str = "Avtalet som Fristad levereras med: IOP mellan Borås Stad och Kvinno- och tjejjouren Borås (undertecknat 2021-12-07).";

/// A passphrase typed in the window must be long enough to resist guessing; `FRISTAD_PASSPHRASE`
/// is the operator's own choice and is taken as given.
pub fn check_new_passphrase(passphrase: &str, repeated: &str) -> Result<()> {
    if passphrase.chars().count() < 10 {
        return Err(Error::invalid(
            "passphrase",
            crate::msg!("error.setup.passphrase_short"),
        ));
    }
    if passphrase != repeated {
        return Err(Error::invalid(
            "passphrase_repeat",
            crate::msg!("error.setup.passphrase_repeat"),
        ));
    }
    Ok(())
}

fn refuse_existing(dir: &DataDir) -> Result<()> {
    let where_ = dir.path().display();
    match dir.contents() {
        Contents::Empty => Ok(()),
        Contents::Store | Contents::DatabaseWithoutKeyFile => Err(Error::new(
            Code::StoreExists,
            crate::msg!("error.setup.store_exists", folder = where_),
        )),
        Contents::KeyFileWithoutDatabase => Err(Error::new(
            Code::StoreExists,
            crate::msg!("error.setup.key_file_without_database", folder = where_),
        )),
    }
}

/// Creates a new store in an empty data folder.
pub fn create(
    dir: &DataDir,
    org: Option<&OrganisationInput>,
    choice: KeyChoice,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<Created> {
    // Everything the user typed is checked before anything is written.
    let org = org.map(OrganisationInput::validate).transpose()?;
    refuse_existing(dir)?;
    dir.ensure_exists()?;
    let hold = crate::store::Hold::exclusive(dir)?;

    let key = DbKey::generate()?;
    let store_id = uuid::Uuid::new_v4().to_string();
    let key_file = choice.keep(&store_id, &key)?;
    let undo_keyring = || {
        if matches!(choice, KeyChoice::Keyring) {
            let _ = os_keyring::delete(&store_id);
        }
    };
    if let Err(e) = key_file.write_new(&dir.key_file_path()) {
        undo_keyring();
        return Err(e);
    }

    let built = Store::create(&dir.db_path(), &key).and_then(|mut store| {
        store.write(|tx| {
            if let Some(org) = &org {
                organisation::save(tx, org, now)?;
                // The certificate that will sign the organisation's invoices.
                crate::documents::signing::ensure(tx, &org.name, now)?;
            }
            agreements::history::create(
                tx,
                agreements::BORAS_IOP,
                &Terms::boras_iop(),
                SHIPPED_AGREEMENT_NOTE,
                actor,
                now,
            )?;
            Ok(())
        })?;
        Ok(store)
    });
    match built {
        Ok(store) => Ok(Created {
            store: store
                .held(hold.share()?)
                .witnessed_by(crate::store::witness::Witness::new(dir, &key), now)?,
            key,
        }),
        Err(e) => {
            // Only files this call created are removed: the folder was empty when it began.
            let db = dir.db_path();
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
            }
            let _ = std::fs::remove_file(dir.key_file_path());
            undo_keyring();
            Err(e)
        }
    }
}
