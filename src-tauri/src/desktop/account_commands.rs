//! Signing in, the first account, the admin's account list, and the access log.

use super::commands::{AccessState, Saved, open_state, store};
use super::session::Session;
use crate::accounts::{self, Account, NewAccount, Role};
use crate::actions;
use crate::audit::{self, Entry, Kind};
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
                        .render(super::language::window_language()),
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
    let current = Secret::new(input.current);
    actions::accounts::change_own_password(
        store,
        who,
        &current,
        &input.password,
        &input.password_repeat,
        clock::now(),
    )
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
    actions::accounts::create(store, who, &input, clock::now())
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
    actions::accounts::set_password(
        store,
        who,
        &input.username,
        &input.password,
        &input.password_repeat,
        clock::now(),
    )
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
    let lang = super::language::window_language();
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

#[tauri::command(async)]
pub fn access_log_person(session: tauri::State<'_, Session>, input: PersonKey) -> Result<Vec<ShownEntry>> {
    let mut s = session.lock();
    let (store, who) = s.signed_in()?;
    let entries =
        actions::access_log::for_person(store, who, &input.person, "access_log_person", Kind::View, clock::now())?;
    Ok(shown(entries))
}

#[tauri::command(async)]
pub fn access_log_save(app: tauri::AppHandle, session: tauri::State<'_, Session>, input: PersonKey) -> Result<Saved> {
    let title = crate::msg!("label.audit.save_title").render(super::language::window_language());
    let Some(path) = super::files::save_dialog(&app, &title, "atkomstlogg.csv", ("CSV", &["csv"]))? else {
        return Ok(Saved::cancelled());
    };
    let mut s = session.lock();
    // Where it goes is checked first, so that a log that cannot be saved is not logged as saved.
    let place = crate::saved_file::Destination::check(&path, &s.dir, crate::saved_file::Existing::Replace)?;
    let (store, who) = s.signed_in()?;
    let entries =
        actions::access_log::for_person(store, who, &input.person, "access_log_save", Kind::Export, clock::now())?;
    let csv = audit::to_csv(&entries)?;
    place.write(&csv)?;
    Ok(Saved::file(&path))
}
