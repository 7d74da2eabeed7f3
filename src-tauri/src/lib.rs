//! Fristad's core: everything the desktop window and `fristad-cli` do, as plain functions over
//! an encrypted store. No Tauri types live here except in `desktop/`, which is compiled only with
//! the `desktop` feature.
//!
//! Where to look:
//! - `data_dir`, `store`: the folder, the SQLCipher database, migrations, verification;
//! - `keys`, `setup`, `unlock`: the database key, creating a store, opening and recovering one;
//! - `organisation`, `agreements`: the shelter's details and its agreements with municipalities;
//! - `billing`: nights, the pure engine, runs, the register, credits, payments; it decides and
//!   stores, and its `due_documents` (the queue of invoices whose documents are still to be made)
//!   and `issued_documents` make an issued invoice's signed PDF and e-invoice;
//! - `documents`: renders and signs (the invoice, reminder and recovery sheet PDFs, Peppol UBL,
//!   signing); of billing it knows only `billing::invoice`, the invoice it is given;
//! - `accounts`, `permissions`, `audit`: who signs in, what each role may do, the access log;
//! - `clock`, `money`, `luhn`, `secret`, `error`: the small things everything else uses.

pub mod accounts;
pub mod actions;
pub mod address;
pub mod agreements;
pub mod audit;
pub mod backup;
pub mod billing;
pub mod clock;
pub mod concerns;
pub mod corrections;
pub mod data_dir;
pub mod demo;
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
pub mod permissions;
pub mod placements;
pub mod records;
pub mod registers;
pub mod requests;
pub mod retention;
pub mod saved_file;
pub mod secret;
pub mod settings;
pub mod setup;
pub mod statistics;
pub mod store;
pub mod terms;
pub mod text;
pub mod unlock;

#[cfg(feature = "desktop")]
pub mod desktop;

pub use error::{Code, Error, Result};

/// Who is acting when `fristad-cli` changes the store. The CLI needs the database key itself
/// (the keyring of the OS account that holds it, or the passphrase), so it acts as the key's
/// holder rather than as a signed-in account; its changes are logged under this name. It is never
/// a person's name taken from the operating system.
pub const CLI_ACTOR: &str = "fristad-cli";
