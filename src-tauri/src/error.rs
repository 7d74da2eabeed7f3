//! The one error type that crosses every boundary: the window, `fristad-cli` and the tests.
//!
//! An error carries a stable `code` that programs may match on, and a Swedish `message` for the
//! person in front of the screen. The message names the problem and what to do about it, and
//! never contains personal data (no names, identity numbers or free text typed about a person),
//! because messages end up on screens, in terminals and possibly in bug reports.

use crate::text::{Lang, Message};
use serde::Serialize;

/// What went wrong, as a stable code. New codes may be added; existing ones never change meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Code {
    /// Input that fails a rule; `field` names the input.
    InvalidInput,
    /// The passphrase does not unwrap the key.
    WrongPassphrase,
    /// The recovery key does not open the database.
    WrongRecoveryKey,
    /// The file at the database path is not a Fristad database (plain SQLite, another program's
    /// file, or encrypted with another key).
    NotOurDatabase,
    /// The database is ours but damaged.
    DamagedDatabase,
    /// The database was written by a newer Fristad.
    NewerDatabase,
    /// No OS keyring could be reached.
    KeyringUnavailable,
    /// The keyring works but holds no key for this database.
    KeyMissing,
    /// The key file beside the database is unreadable or not ours.
    DamagedKeyFile,
    /// Setup was asked for where a store (or part of one) already exists.
    StoreExists,
    /// There is no store in the data folder yet.
    NoStore,
    /// The data folder holds a key file but no database.
    DatabaseMissing,
    /// The store uses another way of keeping its key than the one asked for.
    WrongKeyStorage,
    /// Something asked for does not exist.
    NotFound,
    /// The action needs something that is not there yet (e.g. the organisation's details).
    NotReady,
    /// Another program has the store open, and the action needs it alone (a restore, a change
    /// of key).
    InUse,
    /// Reading or writing a file failed.
    Io,
    /// The database refused an operation for a reason that is not the user's input.
    Database,
    /// Nobody is signed in (or the window was locked).
    NotSignedIn,
    /// The signed-in account's role does not allow the action.
    Forbidden,
    /// The name or the password is wrong (the message does not say which).
    WrongCredentials,
    /// Too many failed sign-ins: wait before the next try.
    TooManyAttempts,
}

/// An error with a stable code and a Swedish message meant for the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Error {
    pub code: Code,
    /// In Swedish: what fristad-cli prints and what the tests read.
    pub message: String,
    /// The input field the message is about, for forms to highlight.
    pub field: Option<String>,
    /// The message as a catalogue text (made with `msg!`), so the window can show it in its
    /// own language; `None` for messages not yet in the catalogues (shown in Swedish).
    pub text: Option<Message>,
}

/// What an error says: a catalogue text (`msg!`), or a plain Swedish text.
pub enum Says {
    Plain(String),
    Message(Message),
}

impl From<String> for Says {
    fn from(s: String) -> Self {
        Says::Plain(s)
    }
}

impl From<&String> for Says {
    fn from(s: &String) -> Self {
        Says::Plain(s.clone())
    }
}

impl From<&str> for Says {
    fn from(s: &str) -> Self {
        Says::Plain(s.to_owned())
    }
}

impl From<Message> for Says {
    fn from(m: Message) -> Self {
        Says::Message(m)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(code: Code, says: impl Into<Says>) -> Self {
        let (message, text) = match says.into() {
            Says::Plain(message) => (message, None),
            Says::Message(m) => (m.render(Lang::Sv), Some(m)),
        };
        Error {
            code,
            message,
            field: None,
            text,
        }
    }

    /// The message in `lang` (Swedish where it is not in the catalogues yet).
    pub fn in_lang(&self, lang: Lang) -> String {
        match &self.text {
            Some(m) => m.render(lang),
            None => self.message.clone(),
        }
    }

    /// This error's message as a value inside another message, so that it follows the other
    /// message's language.
    pub fn as_arg(&self) -> crate::text::Arg {
        match &self.text {
            Some(m) => crate::text::Arg::Message(m.clone()),
            None => crate::text::Arg::Text(self.message.clone()),
        }
    }

    /// Bad input in a named field.
    pub fn invalid(field: &str, says: impl Into<Says>) -> Self {
        let mut e = Error::new(Code::InvalidInput, says);
        e.field = Some(field.to_owned());
        e
    }

    /// A file could not be read or written; `what` says which (a `msg!`, or Swedish text in
    /// fristad-cli).
    pub fn io(what: impl Into<Says>, err: &std::io::Error) -> Self {
        // The OS error text is safe to show: it names a condition, not a file's contents.
        match what.into() {
            Says::Plain(what) => Error::new(Code::Io, format!("{what}: {err}")),
            Says::Message(what) => Error::new(Code::Io, crate::msg!("error.io", what = what, reason = err)),
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(err: rusqlite::Error) -> Self {
        use rusqlite::ffi::ErrorCode as E;
        // A stored value that does not read: named by table, column and row when read through
        // `store::columns::Stored`; otherwise without its text, which may quote the value.
        if let Some(damaged) = crate::store::columns::damaged_in(&err) {
            return damaged.into();
        }
        if crate::store::columns::is_conversion(&err) {
            return Error::new(Code::DamagedDatabase, crate::msg!("error.store.damaged_unplaced"));
        }
        let code = match err.sqlite_error_code() {
            Some(E::NotADatabase) => Code::NotOurDatabase,
            Some(E::DatabaseCorrupt) => Code::DamagedDatabase,
            _ => Code::Database,
        };
        // SQLite's own messages name tables and constraints, never the values in them.
        let message = match (code, err.sqlite_error_code()) {
            (Code::NotOurDatabase | Code::DamagedDatabase, _) => crate::msg!("error.database.damaged", reason = err),
            (_, Some(E::DiskFull)) => crate::msg!("error.database.full"),
            _ => crate::msg!("error.database.other", reason = err),
        };
        Error::new(code, message)
    }
}

impl Error {
    /// The same message and field under another code.
    pub fn with_code(mut self, code: Code) -> Self {
        self.code = code;
        self
    }
}

/// Replaces Rust's panic report, which quotes the panic's message (and a message may quote a
/// value, e.g. from an `expect`), with where it happened and what it means for the user. Called
/// first thing by both programs; tests keep the full report.
pub fn hide_panic_details() {
    std::panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!(" ({}:{})", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "fel: ett internt fel i Fristad{place}. Det som inte hann sparas är inte sparat alls; \
             inget är halvsparat. Starta om programmet och kör «fristad-cli verify» om felet återkommer."
        );
    }));
}
