//! Who a run acts as. fristad-cli does what the window does with the same roles: every command
//! but the key holder's own (`init`, `verify`, `audit verify`, `backup`, `restore`, `recover`,
//! `key …`, `demo`) signs in first, and the access log names the account.

use crate::*;
use fristad::accounts::{Account, NewAccount, Role};
use fristad::actions::{self, Actor};

/// The account's name, from FRISTAD_USER (for scripts and tests).
pub(crate) const USER_ENV: &str = "FRISTAD_USER";
/// The account's password, from FRISTAD_PASSWORD (for scripts and tests).
pub(crate) const PASSWORD_ENV: &str = "FRISTAD_PASSWORD";

fn from_env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// A line typed at the terminal after a prompt on stderr (a user name: not secret).
fn typed(prompt: Message) -> fristad::Result<String> {
    eprint!("{}", say(prompt));
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .map_err(|e| Error::io(msg!("error.cli.reading_username"), &e))?;
    Ok(line.trim().to_owned())
}

fn typed_secret(prompt: Message) -> fristad::Result<Secret<String>> {
    rpassword::prompt_password(say(prompt))
        .map(Secret::new)
        .map_err(|e| Error::io(msg!("error.cli.reading_password"), &e))
}

/// The name and password to sign in with: from the environment, or asked for at a terminal.
fn credentials() -> fristad::Result<(String, Secret<String>)> {
    let at_terminal = std::io::stdin().is_terminal();
    let user = match from_env(USER_ENV) {
        Some(u) => u,
        None if at_terminal => typed(msg!("notice.cli.prompt_username"))?,
        None => return Err(Error::new(Code::NotSignedIn, msg!("error.cli.sign_in_needed"))),
    };
    let password = match from_env(PASSWORD_ENV) {
        Some(p) => Secret::new(p),
        None if at_terminal => typed_secret(msg!("notice.cli.prompt_password"))?,
        None => return Err(Error::new(Code::NotSignedIn, msg!("error.cli.sign_in_needed"))),
    };
    Ok((user, password))
}

/// Opens the store and signs in; the account then acts for the whole run. A store without
/// accounts says how its first administrator is made, rather than refusing a name.
pub(crate) fn open_signed_in(dir: &DataDir) -> fristad::Result<(Store, Account)> {
    let mut store = open(dir)?;
    let account = signed_in(&mut store)?;
    Ok((store, account))
}

/// Signs in to an open store (see [`open_signed_in`]).
pub(crate) fn signed_in(store: &mut Store) -> fristad::Result<Account> {
    if !accounts::any_exist(store.conn())? {
        return Err(Error::new(Code::NotSignedIn, msg!("error.cli.no_accounts")));
    }
    let (user, password) = credentials()?;
    actions::authenticate(store, &user, &password, clock::now())
}

/// Opens the store as a signed-in account that may do `action`.
pub(crate) fn open_as(dir: &DataDir, action: &str) -> fristad::Result<(Store, Account)> {
    let (store, account) = open_signed_in(dir)?;
    may(&account, action)?;
    Ok((store, account))
}

/// Whether the account may do `action` (what only reads is checked here; a change, by `logged`).
pub(crate) fn may(account: &Account, action: &str) -> fristad::Result<()> {
    fristad::permissions::authorize(action, Some(account))
}

/// Does `action` as `who` and logs it, in one transaction (see `actions::perform`).
pub(crate) fn logged<T, A: Into<audit::About>>(
    store: &mut Store,
    who: &Account,
    action: &'static str,
    kind: Kind,
    f: impl FnOnce(&rusqlite::Transaction) -> fristad::Result<T>,
    about: impl FnOnce(&T) -> A,
) -> fristad::Result<T> {
    actions::perform(
        store,
        Actor::Account(who),
        action,
        kind,
        clock::now(),
        |tx, _| f(tx),
        about,
    )
}

/// The store's first administrator, as `init` makes it: the name from FRISTAD_USER and the
/// password from FRISTAD_PASSWORD, or both asked for at a terminal (the password twice). None
/// when neither is at hand: the window's first screen, or `account add`, makes it then.
pub(crate) fn first_admin(display_name: Option<&str>) -> fristad::Result<Option<NewAccount>> {
    let at_terminal = std::io::stdin().is_terminal();
    let user = match from_env(USER_ENV) {
        Some(u) => u,
        None if at_terminal => {
            show(msg!("notice.cli.first_admin_heading"));
            typed(msg!("notice.cli.prompt_username"))?
        }
        None => return Ok(None),
    };
    let (password, repeated) = match from_env(PASSWORD_ENV) {
        Some(p) => (p.clone(), p),
        None if at_terminal => (
            typed_secret(msg!("notice.cli.prompt_new_password"))?.expose().clone(),
            typed_secret(msg!("notice.cli.prompt_password_again"))?.expose().clone(),
        ),
        None => return Err(Error::new(Code::NotSignedIn, msg!("error.cli.first_admin_password"))),
    };
    let new = NewAccount {
        display_name: display_name.map_or_else(|| user.clone(), str::to_owned),
        username: user,
        role: Role::Admin,
        password,
        password_repeat: repeated,
    };
    new.check()?;
    Ok(Some(new))
}
