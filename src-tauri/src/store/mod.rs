//! The encrypted store: one SQLCipher 4 database with the default cipher settings, keyed with a
//! raw 32-byte key, so that any SQLCipher 4 tool opens it with the recovery key.
//!
//! Promises: a file that is not ours is never written to; a database from a newer program is
//! refused; the schema is migrated in one transaction; WAL with `synchronous=FULL` and foreign
//! keys on; deleted content is overwritten in the file (`secure_delete`, for retention); every
//! user action is one transaction (`Store::write`).

pub mod columns;
pub mod counted;
pub mod hold;
pub mod migrations;
pub mod verify;
pub mod wal;
pub mod witness;

pub use hold::Hold;
use witness::{Head, Witness};

use crate::error::{Code, Error, Result};
use crate::keys::DbKey;
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use std::io::Read;
use std::path::{Path, PathBuf};

/// `PRAGMA application_id`: "FRST". Tells our databases apart from other SQLCipher files.
pub const APPLICATION_ID: i32 = 0x4652_5354;

pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// The key it was opened with, for a change of key or of how it is kept.
    key: DbKey,
    /// The data folder's lock, while this store is the one in a data folder (see [`hold`]).
    hold: Option<Hold>,
    /// The access log's witness beside the database, and the head last written to it; only
    /// for a store opened to be worked in (see [`witness`]).
    witness: Option<(Witness, Option<Head>)>,
    /// What SQLite did not read of the write-ahead log when the store was opened to be checked.
    wal_lost: Option<wal::LostTail>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

/// How to describe a key that does not open the database, depending on where the key came from:
/// a typed recovery key is most likely mistyped; a key from the keyring or a passphrase-checked
/// key file is right, so the database must be damaged or not the one the key belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeySource {
    Typed,
    Kept,
}

/// Opens a connection to the file at `path`. Every connection the program makes goes through
/// here. SQLite marks itself initialised before it runs SQLCipher's own start-up
/// (`sqlcipher_extra_init`), so a second thread opening a file in that moment found SQLCipher
/// "not initialized" and the open failed (seen once in CI, two tests starting together). The
/// first open now finishes the whole start-up while any other waits.
pub(crate) fn connect(path: &Path, flags: OpenFlags) -> rusqlite::Result<Connection> {
    static STARTED: std::sync::OnceLock<std::os::raw::c_int> = std::sync::OnceLock::new();
    // SAFETY: sqlite3_initialize takes no arguments and may be called at any time; the lock
    // makes every other opener wait until it has returned.
    let rc = *STARTED.get_or_init(|| unsafe { rusqlite::ffi::sqlite3_initialize() });
    if rc != rusqlite::ffi::SQLITE_OK {
        return Err(rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(rc), None));
    }
    Connection::open_with_flags(path, flags)
}

pub(crate) fn apply_key(conn: &Connection, key: &DbKey) -> Result<()> {
    // SQLCipher would otherwise write its own diagnostics to stderr; errors reach the user as
    // our messages instead.
    conn.query_row("PRAGMA cipher_log_level = NONE", [], |_| Ok(()))?;
    conn.pragma_update(None, "key", key.sqlcipher_key().expose())?;
    Ok(())
}

fn configure(conn: &Connection) -> Result<()> {
    // journal_mode answers with a row, so it is read rather than merely executed.
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(Error::new(Code::Database, crate::msg!("error.store.wal", mode = mode)));
    }
    conn.execute_batch(
        "PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA temp_store = MEMORY;
         PRAGMA secure_delete = ON;
         PRAGMA busy_timeout = 5000;",
    )?;
    Ok(())
}

/// `detail` is a `label.store.*` text saying what the file is instead.
fn not_a_fristad_database(detail: crate::text::Message) -> Error {
    Error::new(
        Code::NotOurDatabase,
        crate::msg!("error.store.not_ours", detail = detail),
    )
}

fn unreadable(source: KeySource) -> Error {
    match source {
        KeySource::Typed => Error::invalid("recovery_key", crate::msg!("error.store.wrong_recovery_key"))
            .with_code(Code::WrongRecoveryKey),
        KeySource::Kept => Error::new(Code::DamagedDatabase, crate::msg!("error.store.key_does_not_open")),
    }
}

/// Whether the disk holding `path` has no room left (less than 64 KiB for us). Unknown is no.
fn disk_is_full(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let folder = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let Ok(c) = std::ffi::CString::new(folder.as_os_str().as_bytes()) else {
            return false;
        };
        let mut stat: libc::statvfs = unsafe { std::mem::zeroed() };
        // SAFETY: `c` is a valid C string and `stat` a valid place for the answer.
        if unsafe { libc::statvfs(c.as_ptr(), &mut stat) } != 0 {
            return false;
        }
        (stat.f_bavail as u128) * (stat.f_frsize as u128) < 64 * 1024
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        false
    }
}

impl Store {
    /// Creates a new, empty, fully migrated database at `path`. Refuses if anything is there.
    pub(crate) fn create(path: &Path, key: &DbKey) -> Result<Store> {
        // Creating the file exclusively guarantees that nothing existing is ever overwritten.
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
        opts.open(path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                Error::new(Code::StoreExists, crate::msg!("error.store.exists"))
            } else {
                Error::io(crate::msg!("error.store.creating"), &e)
            }
        })?;
        let conn = connect(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        apply_key(&conn, key)?;
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        configure(&conn)?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            key: key.clone(),
            hold: None,
            witness: None,
            wal_lost: None,
        };
        migrations::run(&mut store.conn)?;
        Ok(store)
    }

    /// Opens an existing database and brings its schema up to date.
    pub(crate) fn open(path: &Path, key: &DbKey, source: KeySource) -> Result<Store> {
        let mut store = Store::open_unmigrated(path, key, source)?;
        migrations::run(&mut store.conn)?;
        Ok(store)
    }

    /// Opens an existing database without changing it (for `verify`). Nothing is written until
    /// the key has been shown to open the file and the file has been shown to be ours.
    pub(crate) fn open_unmigrated(path: &Path, key: &DbKey, source: KeySource) -> Result<Store> {
        // On a full disk SQLite cannot make the WAL's shared-memory file, and says only «disk
        // I/O error»; the person needs to hear that the disk is full.
        Store::open_unmigrated_here(path, key, source).map_err(|e| {
            if e.code == Code::Database && disk_is_full(path) {
                Error::new(Code::Database, crate::msg!("error.database.full"))
            } else {
                e
            }
        })
    }

    fn open_unmigrated_here(path: &Path, key: &DbKey, source: KeySource) -> Result<Store> {
        let mut head = [0u8; 16];
        let n = std::fs::File::open(path)
            .and_then(|mut f| f.read(&mut head))
            .map_err(|e| Error::io(crate::msg!("error.store.reading"), &e))?;
        if n == 0 {
            return Err(Error::new(Code::DamagedDatabase, crate::msg!("error.store.empty")));
        }
        if &head[..n] == b"SQLite format 3\0" {
            return Err(not_a_fristad_database(crate::msg!("label.store.plain_sqlite")));
        }
        let conn = connect(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        apply_key(&conn, key)?;
        let app_id: i32 = match conn.query_row("PRAGMA application_id", [], |r| r.get(0)) {
            Ok(id) => id,
            Err(e)
                if matches!(
                    e.sqlite_error_code(),
                    Some(rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt)
                ) =>
            {
                return Err(unreadable(source));
            }
            Err(e) => return Err(e.into()),
        };
        // Reading the schema proves the key decrypts more than the header page.
        if let Err(e) = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)) {
            return Err(match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt) => unreadable(source),
                _ => e.into(),
            });
        }
        if app_id != APPLICATION_ID {
            return Err(not_a_fristad_database(crate::msg!("label.store.other_program")));
        }
        let found = migrations::current(&conn)?;
        if found > migrations::latest() {
            return Err(migrations::newer_database(found));
        }
        configure(&conn)?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            key: key.clone(),
            hold: None,
            witness: None,
            wal_lost: None,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The store's own id (made once, kept inside the database; see migration 16).
    pub fn id(&self) -> Result<String> {
        Ok(self
            .conn
            .query_row("SELECT store_id FROM store_identity WHERE id = 1", [], |r| r.get(0))?)
    }

    /// Keeps the data folder's lock for as long as this store is open.
    pub(crate) fn held(mut self, hold: Hold) -> Store {
        self.hold = Some(hold);
        self
    }

    /// Starts keeping the access log's witness: first compares the log with it, and a finding
    /// (the log's end cut off, the witness gone or forged) goes into the log itself, where it
    /// stays for `verify` to report; then the head is witnessed and every write keeps it so.
    pub(crate) fn witnessed_by(mut self, witness: Witness, now: chrono::DateTime<chrono::Utc>) -> Result<Store> {
        let finding = witness::compare(&self.conn, &witness)?;
        self.witness = Some((witness, None));
        // Neither keeps anyone from her data when it cannot be written (a full disk): the finding
        // is made again at the next opening, and a log ahead of its witness is no finding.
        if let Some(finding) = finding {
            let _ = self.record_finding(finding.message(), now);
        }
        let _ = self.witness_now();
        Ok(self)
    }

    /// Keeps what opening the store found (the log's end cut off, a write-ahead log that could
    /// not be read) in the access log, where `verify` goes on reporting it; in Swedish, as the
    /// log is kept.
    pub(crate) fn record_finding(
        &mut self,
        finding: crate::text::Message,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<()> {
        let says = finding.render(crate::text::Lang::Sv);
        self.write(|tx| {
            let event = crate::audit::Event::new(witness::ACTOR, witness::FINDING_ACTION, crate::audit::Kind::Change)
                .detail(says);
            crate::audit::record(tx, event, now).map(|_| ())
        })
    }

    /// Writes the log's head to the witness if it moved since last written.
    fn witness_now(&mut self) -> Result<()> {
        let Some((witness, last)) = &mut self.witness else {
            return Ok(());
        };
        let head = witness::head(&self.conn)?;
        if let Some(h) = head.as_ref().filter(|h| last.as_ref() != Some(*h)) {
            witness.write(h)?;
            let first_here = last.is_none();
            *last = head;
            // From the first witness on, a missing witness file is a finding. Asked once per
            // opening, not at every write.
            if first_here && !witness::is_witnessed(&self.conn)? {
                let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
                witness::mark_witnessed(&tx)?;
                tx.commit()?;
            }
        }
        Ok(())
    }

    /// The witness file beside this store, to compare the log with (for `verify`).
    pub(crate) fn with_witness_to_check(mut self, witness: Witness) -> Store {
        self.witness = Some((witness, None));
        self
    }

    /// Keeps what SQLite will not read of the write-ahead log, for `verify` to report.
    pub(crate) fn with_wal_lost(mut self, lost: Option<wal::LostTail>) -> Store {
        self.wal_lost = lost;
        self
    }

    pub fn wal_lost(&self) -> Option<&wal::LostTail> {
        self.wal_lost.as_ref()
    }

    /// What comparing the access log with its witness finds (`None` without a witness).
    pub fn witness_finding(&self) -> Result<Option<witness::Finding>> {
        match &self.witness {
            Some((w, _)) => witness::compare(&self.conn, w),
            None => Ok(None),
        }
    }

    /// Whether this program has the store alone (nobody else has it open).
    pub fn is_alone(&self) -> bool {
        self.hold.as_ref().is_some_and(Hold::is_exclusive)
    }

    /// For reads. Writes go through [`Store::write`].
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs one user action as one transaction: all of it is saved, or none of it.
    pub fn write<T>(&mut self, action: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = action(&tx)?;
        tx.commit()?;
        // Committed: the log's new head is witnessed. Should that fail (a full disk), the action
        // is saved all the same; the next write witnesses both, and until then the log only runs
        // ahead of its witness, which is never taken for damage.
        let _ = self.witness_now();
        Ok(value)
    }

    /// Writes the WAL back into the database file and closes it, leaving one self-contained file.
    pub fn close(self) -> Result<()> {
        self.close_keeping_hold().map(|_| ())
    }

    /// Has the data folder's lock alone while the store stays open (see [`Hold::take_alone`]).
    pub(crate) fn take_alone(&mut self) -> Result<()> {
        match &mut self.hold {
            Some(hold) => hold.take_alone(),
            None => Err(Error::new(Code::NotReady, crate::msg!("error.store.not_in_data_dir"))),
        }
    }

    /// Lets other programs open the store again after [`Store::take_alone`].
    pub(crate) fn share_again(&mut self) -> Result<()> {
        match &mut self.hold {
            Some(hold) => hold.make_shared(),
            None => Ok(()),
        }
    }

    pub(crate) fn key(&self) -> &DbKey {
        &self.key
    }

    /// Closes the store as [`Store::close`] does, but keeps the data folder's lock, for a caller
    /// that replaces the database file next.
    pub(crate) fn close_keeping_hold(self) -> Result<Option<Hold>> {
        self.conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
        self.conn.close().map_err(|(_, e)| Error::from(e))?;
        Ok(self.hold)
    }
}
