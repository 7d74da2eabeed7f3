//! Staff accounts: each person who uses the window signs in with their own name and password.
//!
//! Passwords are stored only as Argon2id hashes (PHC strings). After three failed sign-ins to an
//! account the next try must wait, 5 seconds and doubling up to 5 minutes; names that match no
//! account share one such counter, so a wrong name is indistinguishable from a wrong password and
//! nothing typed as a name is ever stored. Accounts are never deleted, only disabled, because the
//! access log refers to them by name.

use crate::clock;
use crate::error::{Code, Error, Result};
use crate::secret::Secret;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use chrono::{DateTime, Duration, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

/// What an account may do. Each role includes everything the ones before it may.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Placements and the journal.
    Staff,
    /// Also invoices, reports, registers and settings.
    Manager,
    /// Also accounts, backups and retention.
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Staff => "staff",
            Role::Manager => "manager",
            Role::Admin => "admin",
        }
    }

    /// The role as stored, exactly; `None` for anything else (a damaged row).
    pub fn from_id(text: &str) -> Option<Role> {
        [Role::Staff, Role::Manager, Role::Admin]
            .into_iter()
            .find(|r| r.as_str() == text)
    }

    pub fn parse(text: &str) -> Result<Role> {
        match text.trim().to_lowercase().as_str() {
            "staff" | "personal" => Ok(Role::Staff),
            "manager" | "chef" | "föreståndare" => Ok(Role::Manager),
            "admin" | "administratör" => Ok(Role::Admin),
            _ => Err(Error::invalid("role", crate::msg!("error.accounts.role_unknown"))),
        }
    }

    /// The role's name inside a sentence («rollen chef»), in the message's language.
    pub fn in_sentence(self) -> crate::text::Message {
        match self {
            Role::Staff => crate::msg!("label.accounts.role_staff"),
            Role::Manager => crate::msg!("label.accounts.role_manager"),
            Role::Admin => crate::msg!("label.accounts.role_admin"),
        }
    }

    /// The role's name as staff see it, in Swedish (the access log and fristad-cli).
    pub fn label(self) -> &'static str {
        match self {
            Role::Staff => "Personal",
            Role::Manager => "Chef",
            Role::Admin => "Administratör",
        }
    }
}

crate::store::columns::stored_as_text!(Role);

/// A signed-in person, or an account as listed for the admin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Account {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub disabled: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewAccount {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub password: String,
    pub password_repeat: String,
}

impl NewAccount {
    /// What the input alone must satisfy (the name's form, a display name, the password twice),
    /// before anything is written; the user name as it is kept.
    pub fn check(&self) -> Result<String> {
        let username = check_username(&self.username)?;
        if self.display_name.trim().is_empty() {
            return Err(Error::invalid(
                "display_name",
                crate::msg!("error.accounts.display_name_missing"),
            ));
        }
        check_new_password(&self.password, &self.password_repeat)?;
        Ok(username)
    }
}

pub const MIN_PASSWORD_CHARS: usize = 10;
const FREE_FAILURES: i64 = 3;
const FIRST_WAIT_SECONDS: i64 = 5;
const LONGEST_WAIT_SECONDS: i64 = 300;
/// `sign_in_delays` row for names that match no account.
const UNKNOWN_NAME: i64 = 0;

fn check_username(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::invalid(
            "username",
            crate::msg!("error.accounts.username_missing"),
        ));
    }
    if name.chars().count() > 40 {
        return Err(Error::invalid("username", crate::msg!("error.accounts.username_long")));
    }
    if !name
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_'))
    {
        return Err(Error::invalid("username", crate::msg!("error.accounts.username_chars")));
    }
    Ok(name.to_owned())
}

/// A new password must be long enough and typed the same twice.
pub fn check_new_password(password: &str, repeated: &str) -> Result<()> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(Error::invalid(
            "password",
            crate::msg!("error.accounts.password_short", min = MIN_PASSWORD_CHARS),
        ));
    }
    if password != repeated {
        return Err(Error::invalid(
            "password_repeat",
            crate::msg!("error.accounts.password_repeat"),
        ));
    }
    Ok(())
}

fn hash_password(password: &str) -> Result<String> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| Error::new(Code::Io, crate::msg!("error.records.random", reason = e)))?;
    let salt = SaltString::encode_b64(&salt)
        .map_err(|e| Error::new(Code::Io, crate::msg!("error.accounts.salt", reason = e)))?;
    // Argon2id with the crate's defaults (19 MiB, 2 passes): about 0.1 s per sign-in on an old PC.
    argon2::Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::new(Code::Io, crate::msg!("error.accounts.hash", reason = e)))
}

fn password_matches(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|h| {
            argon2::Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// An account from its row. A role that does not read is a damaged row, never a default: taken
/// for «staff» it would hide an administrator, taken for anything else it would give rights.
fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Account> {
    let row = crate::store::columns::Stored::new(r, "accounts", 0)?;
    Ok(Account {
        id: row.get(0)?,
        username: row.get(1)?,
        display_name: row.get(2)?,
        role: row.get(3)?,
        disabled: row.get::<Option<String>>(4)?.is_some(),
    })
}

/// The columns [`from_row`] reads, in its order.
const COLUMNS: &str = "id, username, display_name, role, disabled_at";

/// How the access log describes an account's role and state after a change («kim: chef»,
/// «kim: personal, avstängt»), the same from the window and from fristad-cli.
pub fn described(account: &Account) -> String {
    format!(
        "{}: {}{}",
        account.username,
        account.role.label().to_lowercase(),
        if account.disabled { ", avstängt" } else { "" }
    )
}

pub fn any_exist(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row("SELECT EXISTS (SELECT 1 FROM accounts)", [], |r| r.get(0))?)
}

pub fn list(conn: &Connection) -> Result<Vec<Account>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM accounts ORDER BY username"))?;
    let rows = stmt.query_map([], from_row)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn find(conn: &Connection, username: &str) -> Result<Option<Account>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM accounts WHERE username = ?1"),
            [username.trim()],
            from_row,
        )
        .optional()?)
}

fn require(conn: &Connection, username: &str) -> Result<Account> {
    find(conn, username)?.ok_or_else(|| Error::invalid("username", crate::msg!("error.accounts.no_such_account")))
}

/// Creates an account. `created_by` is the admin's user name (or `fristad-cli`).
pub fn create(tx: &Transaction, new: &NewAccount, created_by: &str, now: DateTime<Utc>) -> Result<Account> {
    let username = new.check()?;
    let display_name = new.display_name.trim();
    if find(tx, &username)?.is_some() {
        return Err(Error::invalid("username", crate::msg!("error.accounts.username_taken")));
    }
    let hash = hash_password(&new.password)?;
    tx.execute(
        "INSERT INTO accounts (username, display_name, role, password_hash, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            username,
            display_name,
            new.role.as_str(),
            hash,
            clock::to_stored(now),
            created_by
        ],
    )?;
    require(tx, &username)
}

/// The first account of a store is its administrator, and can only be made while there is none.
pub fn create_first(tx: &Transaction, new: &NewAccount, now: DateTime<Utc>) -> Result<Account> {
    if any_exist(tx)? {
        return Err(Error::new(
            Code::Forbidden,
            crate::msg!("error.accounts.accounts_exist"),
        ));
    }
    let first = NewAccount {
        role: Role::Admin,
        ..new.clone()
    };
    create(tx, &first, "första kontot", now)
}

pub fn set_role(tx: &Transaction, username: &str, role: Role) -> Result<Account> {
    let account = require(tx, username)?;
    if account.role == Role::Admin && role != Role::Admin {
        keep_an_admin(tx, &account)?;
    }
    tx.execute(
        "UPDATE accounts SET role = ?1 WHERE id = ?2",
        params![role.as_str(), account.id],
    )?;
    require(tx, username)
}

pub fn set_disabled(tx: &Transaction, username: &str, disabled: bool, now: DateTime<Utc>) -> Result<Account> {
    let account = require(tx, username)?;
    if disabled && account.role == Role::Admin {
        keep_an_admin(tx, &account)?;
    }
    let at = disabled.then(|| clock::to_stored(now));
    tx.execute(
        "UPDATE accounts SET disabled_at = ?1 WHERE id = ?2",
        params![at, account.id],
    )?;
    require(tx, username)
}

fn keep_an_admin(tx: &Transaction, leaving: &Account) -> Result<()> {
    let others: i64 = tx.query_row(
        "SELECT count(*) FROM accounts WHERE role = 'admin' AND disabled_at IS NULL AND id <> ?1",
        [leaving.id],
        |r| r.get(0),
    )?;
    if others == 0 {
        return Err(Error::invalid("role", crate::msg!("error.accounts.last_admin")));
    }
    Ok(())
}

pub fn set_password(tx: &Transaction, username: &str, password: &str, repeated: &str) -> Result<()> {
    let account = require(tx, username)?;
    check_new_password(password, repeated)?;
    let hash = hash_password(password)?;
    tx.execute(
        "UPDATE accounts SET password_hash = ?1 WHERE id = ?2",
        params![hash, account.id],
    )?;
    tx.execute("DELETE FROM sign_in_delays WHERE account_id = ?1", [account.id])?;
    Ok(())
}

/// How long the next try after `failures` failed ones must wait.
pub fn wait_after(failures: i64) -> Duration {
    if failures < FREE_FAILURES {
        return Duration::zero();
    }
    let doublings = (failures - FREE_FAILURES).min(16) as u32;
    Duration::seconds((FIRST_WAIT_SECONDS << doublings).min(LONGEST_WAIT_SECONDS))
}

fn delay_of(tx: &Transaction, account_id: i64) -> Result<(i64, Option<DateTime<Utc>>)> {
    let row: Option<(i64, String)> = tx
        .query_row(
            "SELECT failures, wait_until FROM sign_in_delays WHERE account_id = ?1",
            [account_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(row.map_or((0, None), |(n, until)| (n, clock::from_stored(&until))))
}

/// The outcome of a sign-in attempt. A failure is saved (the delay must survive a restart), so
/// the caller commits the transaction in both cases and turns `Refused` into its error.
pub enum SignIn {
    Welcome(Account),
    Refused(Error),
}

/// Checks a name and password. Commit the transaction whatever the outcome.
pub fn sign_in(tx: &Transaction, username: &str, password: &Secret<String>, now: DateTime<Utc>) -> Result<SignIn> {
    let account = find(tx, username)?.filter(|a| !a.disabled);
    let counter = account.as_ref().map_or(UNKNOWN_NAME, |a| a.id);
    let (failures, wait_until) = delay_of(tx, counter)?;
    if let Some(until) = wait_until.filter(|u| *u > now) {
        let seconds = (until - now).num_seconds().max(1);
        return Ok(SignIn::Refused(Error::new(
            Code::TooManyAttempts,
            crate::msg!("error.accounts.too_many_attempts", seconds = seconds),
        )));
    }
    let hash: Option<String> = match &account {
        Some(a) => Some(tx.query_row("SELECT password_hash FROM accounts WHERE id = ?1", [a.id], |r| r.get(0))?),
        None => None,
    };
    // A name that matches no account still costs one hash, so the answer's timing does not tell
    // which names exist.
    let ok = match &hash {
        Some(h) => password_matches(password.expose(), h),
        None => {
            let _ = hash_password(password.expose());
            false
        }
    };
    match (ok, account) {
        (true, Some(account)) => {
            tx.execute("DELETE FROM sign_in_delays WHERE account_id = ?1", [account.id])?;
            Ok(SignIn::Welcome(account))
        }
        _ => {
            let failures = failures + 1;
            let until = now + wait_after(failures);
            tx.execute(
                "INSERT INTO sign_in_delays (account_id, failures, wait_until) VALUES (?1, ?2, ?3)
                 ON CONFLICT (account_id) DO UPDATE SET failures = excluded.failures, wait_until = excluded.wait_until",
                params![counter, failures, clock::to_stored(until)],
            )?;
            Ok(SignIn::Refused(Error::new(
                Code::WrongCredentials,
                crate::msg!("error.accounts.wrong_credentials"),
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::DbKey;
    use crate::store::Store;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::create(&dir.path().join("t.db"), &DbKey::generate().unwrap()).unwrap();
        (dir, store)
    }

    fn new(name: &str, role: Role) -> NewAccount {
        NewAccount {
            username: name.into(),
            display_name: format!("Testkonto {name}"),
            role,
            password: "ett långt lösenord".into(),
            password_repeat: "ett långt lösenord".into(),
        }
    }

    fn t0() -> DateTime<Utc> {
        "2026-03-01T02:00:00Z".parse().unwrap()
    }

    fn try_sign_in(store: &mut Store, name: &str, pw: &str, at: DateTime<Utc>) -> std::result::Result<Account, Code> {
        match store
            .write(|tx| sign_in(tx, name, &Secret::new(pw.to_owned()), at))
            .unwrap()
        {
            SignIn::Welcome(a) => Ok(a),
            SignIn::Refused(e) => Err(e.code),
        }
    }

    #[test]
    fn a_role_that_does_not_read_is_a_damaged_row_not_staff() {
        let (_d, mut s) = store();
        s.write(|tx| create_first(tx, &new("forsta", Role::Staff), t0()))
            .unwrap();
        // The table's CHECK keeps the program from writing it; a file changed outside does not.
        s.conn()
            .execute_batch("PRAGMA ignore_check_constraints = ON; UPDATE accounts SET role = 'överchef';")
            .unwrap();
        let err = list(s.conn()).unwrap_err();
        assert_eq!(err.code, Code::DamagedDatabase);
        let said = err.in_lang(crate::text::Lang::Sv);
        assert!(said.contains("accounts") && said.contains("role"), "{said}");
        assert!(!said.contains("överchef"), "{said}");
        assert_eq!(find(s.conn(), "forsta").unwrap_err().code, Code::DamagedDatabase);
    }

    #[test]
    fn an_account_change_is_described_the_same_from_either_front_end() {
        let (_d, mut s) = store();
        let a = s
            .write(|tx| create(tx, &new("kim", Role::Manager), "admin", t0()))
            .unwrap();
        assert_eq!(described(&a), "kim: chef");
        let a = s.write(|tx| set_disabled(tx, "kim", true, t0())).unwrap();
        assert_eq!(described(&a), "kim: chef, avstängt");
    }

    #[test]
    fn roles_are_ordered_so_each_includes_the_ones_before() {
        assert!(Role::Staff < Role::Manager && Role::Manager < Role::Admin);
    }

    #[test]
    fn the_first_account_is_an_admin_and_only_one_can_be_first() {
        let (_d, mut s) = store();
        let a = s
            .write(|tx| create_first(tx, &new("forsta", Role::Staff), t0()))
            .unwrap();
        assert_eq!(a.role, Role::Admin);
        let err = s
            .write(|tx| create_first(tx, &new("andra", Role::Admin), t0()))
            .unwrap_err();
        assert_eq!(err.code, Code::Forbidden);
    }

    #[test]
    fn passwords_are_stored_as_argon2id_hashes() {
        let (_d, mut s) = store();
        s.write(|tx| create(tx, &new("kontoa", Role::Staff), "t", t0()))
            .unwrap();
        let stored: String = s
            .conn()
            .query_row("SELECT password_hash FROM accounts", [], |r| r.get(0))
            .unwrap();
        assert!(stored.starts_with("$argon2id$"), "{stored}");
        assert!(!stored.contains("långt"));
    }

    #[test]
    fn failed_sign_ins_make_the_next_try_wait_longer_and_longer() {
        assert_eq!(wait_after(2), Duration::zero());
        assert_eq!(wait_after(3), Duration::seconds(5));
        assert_eq!(wait_after(4), Duration::seconds(10));
        assert_eq!(wait_after(10), Duration::seconds(300));
        assert_eq!(wait_after(1000), Duration::seconds(300));

        let (_d, mut s) = store();
        s.write(|tx| create(tx, &new("kontob", Role::Staff), "t", t0()))
            .unwrap();
        for _ in 0..3 {
            assert_eq!(
                try_sign_in(&mut s, "kontob", "fel lösenord!", t0()),
                Err(Code::WrongCredentials)
            );
        }
        // Now even the right password must wait.
        assert_eq!(
            try_sign_in(&mut s, "kontob", "ett långt lösenord", t0()),
            Err(Code::TooManyAttempts)
        );
        let later = t0() + Duration::seconds(6);
        assert_eq!(
            try_sign_in(&mut s, "KONTOB", "ett långt lösenord", later)
                .unwrap()
                .username,
            "kontob"
        );
        // Success clears the counter.
        assert_eq!(
            try_sign_in(&mut s, "kontob", "fel lösenord!", later),
            Err(Code::WrongCredentials)
        );
        assert!(try_sign_in(&mut s, "kontob", "ett långt lösenord", later).is_ok());
    }

    #[test]
    fn unknown_names_fail_like_wrong_passwords_and_are_not_stored() {
        let (_d, mut s) = store();
        assert_eq!(
            try_sign_in(&mut s, "ingen-sadan", "ett långt lösenord", t0()),
            Err(Code::WrongCredentials)
        );
        let kept: String = s
            .conn()
            .query_row("SELECT group_concat(account_id) FROM sign_in_delays", [], |r| r.get(0))
            .unwrap();
        assert_eq!(kept, "0");
    }

    #[test]
    fn a_disabled_account_cannot_sign_in_and_the_last_admin_stays() {
        let (_d, mut s) = store();
        s.write(|tx| create_first(tx, &new("adm", Role::Admin), t0())).unwrap();
        let err = s.write(|tx| set_disabled(tx, "adm", true, t0())).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("role"));
        let err = s.write(|tx| set_role(tx, "adm", Role::Staff)).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("role"));
        s.write(|tx| create(tx, &new("pers", Role::Staff), "adm", t0()))
            .unwrap();
        s.write(|tx| set_disabled(tx, "pers", true, t0())).unwrap();
        assert_eq!(
            try_sign_in(&mut s, "pers", "ett långt lösenord", t0()),
            Err(Code::WrongCredentials)
        );
    }

    #[test]
    fn bad_names_and_short_passwords_are_refused_with_the_field() {
        let (_d, mut s) = store();
        let mut bad = new("med mellanslag", Role::Staff);
        assert_eq!(
            s.write(|tx| create(tx, &bad, "t", t0())).unwrap_err().field.as_deref(),
            Some("username")
        );
        bad = new("kort", Role::Staff);
        bad.password = "kort".into();
        bad.password_repeat = "kort".into();
        assert_eq!(
            s.write(|tx| create(tx, &bad, "t", t0())).unwrap_err().field.as_deref(),
            Some("password")
        );
        s.write(|tx| create(tx, &new("dubbel", Role::Staff), "t", t0()))
            .unwrap();
        let err = s
            .write(|tx| create(tx, &new("DUBBEL", Role::Staff), "t", t0()))
            .unwrap_err();
        assert_eq!(err.field.as_deref(), Some("username"));
    }
}
