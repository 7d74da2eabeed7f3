//! Fristad's core: everything the desktop window and `fristad-cli` do, as plain functions over
//! an encrypted store. No Tauri types live here except in `desktop/`, which is compiled only with
//! the `desktop` feature.
//!
//! Where to look:
//! - `data_dir`, `store`: the folder, the SQLCipher database, migrations, verification;
//! - `keys`, `setup`, `unlock`: the database key, creating a store, opening and recovering one;
//! - `organisation`, `agreements`: the shelter's details and its agreements with municipalities;
//! - `documents`: PDFs (the recovery key sheet);
//! - `clock`, `money`, `luhn`, `secret`, `error`: the small things everything else uses.

pub mod address;
pub mod agreements;
pub mod backup;
pub mod billing;
pub mod clock;
pub mod concerns;
pub mod corrections;
pub mod data_dir;
pub mod documents;
pub mod error;
pub mod exchange;
pub mod journal;
pub mod keys;
pub mod lex_sarah;
pub mod luhn;
pub mod money;
pub mod organisation;
pub mod people;
pub mod placements;
pub mod records;
pub mod registers;
pub mod requests;
pub mod secret;
pub mod settings;
pub mod setup;
pub mod statistics;
pub mod store;
pub mod unlock;

#[cfg(feature = "desktop")]
pub mod desktop;

pub use error::{Code, Error, Result};

/// Who is acting, recorded with every change. Until staff accounts exist, changes are recorded
/// as made by the office (never by a person's name taken from the operating system).
pub const OFFICE_ACTOR: &str = "kontoret";
