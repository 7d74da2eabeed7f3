//! Fristad's core: everything the desktop window and `fristad-cli` do, as plain functions over
//! an encrypted store. No Tauri types live here except in `desktop/`, which is compiled only with
//! the `desktop` feature.
//!
//! Where to look (ARCHITECTURE.md at the root says how an action flows):
//! - `actions`: the use cases both front ends call: who may (`permissions`), the work and its
//!   access-log entry in one transaction (`actions::perform`), signing in; a source test keeps
//!   the front ends from writing the store or the log any other way;
//! - `data_dir`, `store`: the folder, the SQLCipher database, migrations, verification, the
//!   typed storage boundary (`store::columns`), the log's witness and the write-ahead log;
//! - `keys`, `setup`, `unlock`, `backup`: the database key, creating a store, opening and
//!   recovering one, backups and restores;
//! - `organisation`, `agreements`, `terms`, `registers`: the shelter's details, its agreements,
//!   the dated terms, municipalities, tariffs and rooms;
//! - `placements`, `people`, `journal`, `concerns`, `lex_sarah`, `corrections`: the records of
//!   who stays; a save is decided (`placements::decide`) apart from its writing;
//! - `requests`, `support`, `struck`, `organisation_year`: the jour's other activities (every
//!   request for a place, the support contacts), entries struck out as recorded wrongly, and the
//!   organisation's year;
//! - `billing`: nights, the pure engine, runs, the register, credits, payments; it decides and
//!   stores, and its `due_documents` (the queue of invoices whose documents are still to be made)
//!   and `issued_documents` make an issued invoice's signed PDF and e-invoice;
//! - `documents`: renders and signs (the invoice, reminder and recovery sheet PDFs, Peppol UBL,
//!   signing); of billing it knows only `billing::invoice`, the invoice it is given;
//! - `statistics`: the records of a period gathered once (`records`), every figure decided from
//!   them (`compute::figures`), and its renderings (screen tables, PDF, XLSX, CSV); the checks
//!   before a report (`check`) and the federation's files (`federation`);
//! - `accounts`, `permissions`, `audit`: who signs in, what each role may do, the access log;
//! - `exchange`, `demo`, `retention`: the import format, made-up demo data, gallring;
//! - `clock`, `money`, `luhn`, `secret`, `error`, `text`: the small things everything else uses
//!   (`text` renders in the language it is given; only `desktop/` keeps the window's).

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
pub mod notices;
pub mod organisation;
pub mod organisation_year;
pub mod people;
pub mod permissions;
pub mod person_correction;
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
pub mod struck;
pub mod support;
pub mod terms;
pub mod text;
pub mod unlock;

#[cfg(feature = "desktop")]
pub mod desktop;

pub use error::{Code, Error, Result};

/// Who is acting when the key's holder does what needs no account: making a store, a backup, a
/// restore or a change of key with `fristad-cli` (everything else it does as a signed-in
/// account). It is never a person's name taken from the operating system.
pub const CLI_ACTOR: &str = "fristad-cli";
