//! Signing in, the first account, the admin's account list, and the access log.

use super::commands::{AccessState, Saved, open_state, store};
use super::session::Session;
use crate::accounts::{self, Account, NewAccount, Role, SignIn};
use crate::audit::{self, Entry, Event, Kind};
use crate::clock;
use crate::error::Result;
use crate::secret::Secret;
use serde::{Deserialize, Serialize};

#[tauri::command(async)]
pub fn create_first_account(session: tauri::State<'_, Session>, input: NewAccount) -> Result<AccessState> {
    let mut s = session.lock();
    let now = clock::now();
    let account = crate::actions::accounts::create_first(store(&mut s)?, &input, now)?;
    s.user = Some(account);
    state_now(&mut s)
}

fn state_now(s: &mut super::session::State) -> Result<AccessState> {
    let user = s.user.clone();
    open_state(store(s)?, user.as_ref())
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignInInput {
    username: String,
    password: String,
}

#[tauri::command(async)]
pub fn sign_in(session: tauri::State<'_, Session>, input: SignInInput) -> Result<AccessState> {
    let mut s = session.lock();
    let now = clock::now();
    let password = Secret::new(input.password);
    match crate::actions::sign_in(store(&mut s)?, &input.username, &password, now) {
        Ok(account) => {
            s.user = Some(account);
            // The day's automatic backup, at the first sign-in of the day.
            let failed = match super::backup_commands::automatic(&mut s, false) {
                Some(Err(e)) => Some(
                    crate::msg!("notice.accounts.daily_backup_failed", reason = e.as_arg())
                        .render(crate::text::window_language()),
                ),
                _ => None,
            };
            let mut state = state_now(&mut s)?;
            if let AccessState::Open { notice, .. } = &mut state {
                *notice = failed;
            }
            Ok(state)
        }
        Err(e) => Err(e),
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OwnPassword {
    current: String,
    password: String,
    password_repeat: String,
}

#[tauri::command(async)]
pub fn change_own_password(session: tauri::State<'_, Session>, input: OwnPassword) -> Result<()> {
    let mut s = session.lock();
    let (store, who) = s.signed_in()?;
    let now = clock::now();
    let current = Secret::new(input.current);
    store.write(|tx| {
        if let SignIn::Refused(_) = accounts::sign_in(tx, &who.username, &current, now)? {
            return Ok(Err(crate::Error::invalid(
                "current",
                crate::msg!("error.accounts.current_password_wrong"),
            )));
        }
        accounts::set_password(tx, &who.username, &input.password, &input.password_repeat)?;
        audit::record(tx, Event::new(&who.username, "change_own_password", Kind::Change), now)?;
        Ok(Ok(()))
    })?
}

#[tauri::command(async)]
pub fn accounts_list(session: tauri::State<'_, Session>) -> Result<Vec<Account>> {
    let mut s = session.lock();
    let (store, _) = s.signed_in()?;
    accounts::list(store.conn())
}

#[tauri::command(async)]
pub fn account_create(session: tauri::State<'_, Session>, input: NewAccount) -> Result<Account> {
    let mut s = session.lock();
    let (store, who) = s.signed_in()?;
    let now = clock::now();
    store.write(|tx| {
        let account = accounts::create(tx, &input, &who.username, now)?;
        let detail = format!("{} ({})", account.username, account.role.label().to_lowercase());
        audit::record(
            tx,
            Event::new(&who.username, "account_create", Kind::Change).detail(detail),
            now,
        )?;
        Ok(account)
    })
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountUpdate {
    username: String,
    role: Role,
    disabled: bool,
}

#[tauri::command(async)]
pub fn account_update(session: tauri::State<'_, Session>, input: AccountUpdate) -> Result<Account> {
    let mut s = session.lock();
    let now = clock::now();
    s.change(
        "account_update",
        |tx, _| {
            accounts::set_role(tx, &input.username, input.role)?;
            accounts::set_disabled(tx, &input.username, input.disabled, now)
        },
        |account| crate::audit::About::detail(accounts::described(account)),
    )
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetPassword {
    username: String,
    password: String,
    password_repeat: String,
}

#[tauri::command(async)]
pub fn account_set_password(session: tauri::State<'_, Session>, input: SetPassword) -> Result<()> {
    let mut s = session.lock();
    let (store, who) = s.signed_in()?;
    let now = clock::now();
    store.write(|tx| {
        accounts::set_password(tx, &input.username, &input.password, &input.password_repeat)?;
        let event = Event::new(&who.username, "account_set_password", Kind::Change).detail(input.username.trim());
        audit::record(tx, event, now)?;
        Ok(())
    })
}

/// An entry as the log screen shows it: the action by its name, and the kind of access, in
/// the window's language.
#[derive(Debug, Serialize)]
pub struct ShownEntry {
    #[serde(flatten)]
    entry: Entry,
    action_label: String,
}

fn shown(entries: Vec<Entry>) -> Vec<ShownEntry> {
    let lang = crate::text::window_language();
    entries
        .into_iter()
        .map(|mut entry| {
            entry.kind = audit::kind_label(&entry.kind, lang);
            ShownEntry {
                action_label: crate::permissions::label_in(&entry.action, lang).to_owned(),
                entry,
            }
        })
        .collect()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecentInput {
    #[serde(default)]
    username: Option<String>,
}

#[tauri::command(async)]
pub fn access_log_recent(session: tauri::State<'_, Session>, input: RecentInput) -> Result<Vec<ShownEntry>> {
    let mut s = session.lock();
    let (store, _) = s.signed_in()?;
    let username = input.username.as_deref().map(str::trim).filter(|u| !u.is_empty());
    Ok(shown(audit::recent(store.conn(), username, 500)?))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonKey {
    person: String,
}

/// A person's log, after checking the person exists. Reading who has read a person's record is
/// itself a view of that record (or, saved to a file, an export of it), and is logged.
fn person_log(
    tx: &rusqlite::Transaction,
    who: &str,
    person: &str,
    action: &'static str,
    kind: Kind,
) -> Result<Vec<Entry>> {
    crate::people::by_key(tx, person)?
        .ok_or_else(|| crate::Error::new(crate::Code::NotFound, crate::msg!("error.audit.no_such_person")))?;
    audit::record(tx, Event::new(who, action, kind).person(person), clock::now())?;
    audit::for_person(tx, person)
}

#[tauri::command(async)]
pub fn access_log_person(session: tauri::State<'_, Session>, input: PersonKey) -> Result<Vec<ShownEntry>> {
    let mut s = session.lock();
    let (store, who) = s.signed_in()?;
    let entries = store.write(|tx| person_log(tx, &who.username, &input.person, "access_log_person", Kind::View))?;
    Ok(shown(entries))
}

#[tauri::command(async)]
pub fn access_log_save(app: tauri::AppHandle, session: tauri::State<'_, Session>, input: PersonKey) -> Result<Saved> {
    let title = crate::msg!("label.audit.save_title").render(crate::text::window_language());
    let Some(path) = super::files::save_dialog(&app, &title, "atkomstlogg.csv", ("CSV", &["csv"]))? else {
        return Ok(Saved::cancelled());
    };
    let mut s = session.lock();
    // Where it goes is checked first, so that a log that cannot be saved is not logged as saved.
    let place = crate::saved_file::Destination::check(&path, &s.dir, crate::saved_file::Existing::Replace)?;
    let (store, who) = s.signed_in()?;
    let csv = store.write(|tx| {
        let entries = person_log(tx, &who.username, &input.person, "access_log_save", Kind::Export)?;
        audit::to_csv(&entries)
    })?;
    place.write(&csv)?;
    Ok(Saved::file(&path))
}
