//! Backups from the window: where they go and when, a backup now, checking a backup file, and
//! restoring one. Admins only (see `permissions`). The work is `crate::backup`'s.

use super::commands::{AccessState, KeyOptions, key_choice, key_options, open_state};
use super::language::window_language;
use super::session::{Session, State};
use crate::actions;
use crate::audit::{self, About, Kind};
use crate::backup::{self, BackupInfo, Keys, Verified};
use crate::clock;
use crate::error::{Code, Error, Result};
use crate::keys::DbKey;
use crate::keys::KeyStorage;
use crate::secret::Secret;
use crate::settings::{self, Backup};
use crate::setup::KeyChoice;
use crate::text::Message;
use crate::unlock::{self, Unlock};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Debug, Serialize)]
pub struct Listed {
    file_name: String,
    created_at: String,
    bytes: u64,
}

#[derive(Debug, Serialize)]
pub struct BackupPage {
    settings: Backup,
    /// Whether the chosen folder is there now (a USB stick may be out).
    folder_present: bool,
    /// The automatic backups in the folder, newest first.
    automatic: Vec<Listed>,
    /// Where a restored backup of another database can keep its key on this computer.
    keys: KeyOptions,
    /// What restores set aside in the data folder, oldest first.
    set_aside: Vec<backup::set_aside::SetAside>,
}

/// The backup page, listing this store's automatic backups in the chosen folder.
fn page(s: &mut State, settings: Backup) -> Result<BackupPage> {
    let dir = s.dir.clone();
    let mine = backup::Mine::of(s.signed_in()?.0, &dir)?;
    let folder = settings.folder.as_deref().map(Path::new);
    let folder_present = folder.is_some_and(Path::is_dir);
    let automatic = match folder.filter(|_| folder_present) {
        Some(f) => backup::automatic_backups(f, &mine)?
            .into_iter()
            .map(|(path, h)| Listed {
                file_name: path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                created_at: clock::to_local_rfc3339(h.created_at),
                bytes: std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0),
            })
            .collect(),
        None => Vec::new(),
    };
    Ok(BackupPage {
        settings,
        folder_present,
        automatic,
        keys: key_options(),
        set_aside: backup::set_aside::list(&dir)?,
    })
}

#[tauri::command(async)]
pub fn backup_page(session: tauri::State<'_, Session>) -> Result<BackupPage> {
    let mut s = session.lock();
    let settings = settings::load(s.signed_in()?.0.conn())?.backup;
    page(&mut s, settings)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetAsideName {
    name: String,
}

/// Removes one file a restore set aside; the page again.
#[tauri::command(async)]
pub fn backup_remove_set_aside(session: tauri::State<'_, Session>, input: SetAsideName) -> Result<BackupPage> {
    let mut s = session.lock();
    let dir = s.dir.clone();
    let (store, who) = s.signed_in()?;
    actions::backup::remove_set_aside(store, who, &dir, &input.name, clock::now())?;
    let settings = settings::load(s.signed_in()?.0.conn())?.backup;
    page(&mut s, settings)
}

fn save_backup(s: &mut State, change: impl FnOnce(&mut Backup)) -> Result<BackupPage> {
    let mut value = settings::load(s.signed_in()?.0.conn())?;
    change(&mut value.backup);
    let saved = value.backup.clone();
    s.change(
        "save_backup_settings",
        |tx, actor| settings::save(tx, &value, actor, clock::now()),
        |_| About::nothing(),
    )?;
    page(s, saved)
}

#[tauri::command(async)]
pub fn backup_choose_folder(app: tauri::AppHandle, session: tauri::State<'_, Session>) -> Result<BackupPage> {
    // The session is not held while the dialog is open.
    let title = crate::msg!("notice.desktop.choose_backup_folder").render(window_language());
    let chosen = super::files::folder_dialog(&app, &title)?;
    let mut s = session.lock();
    match chosen {
        Some(folder) => save_backup(&mut s, |b| b.folder = Some(folder.to_string_lossy().into_owned())),
        None => {
            let settings = settings::load(s.signed_in()?.0.conn())?.backup;
            page(&mut s, settings)
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WhenInput {
    at_exit: bool,
    daily: bool,
    keep: u32,
}

#[tauri::command(async)]
pub fn save_backup_settings(session: tauri::State<'_, Session>, input: WhenInput) -> Result<BackupPage> {
    let mut s = session.lock();
    save_backup(&mut s, |b| {
        b.at_exit = input.at_exit;
        b.daily = input.daily;
        b.keep = input.keep;
    })
}

fn chosen_folder(s: &mut State) -> Result<PathBuf> {
    settings::load(s.signed_in()?.0.conn())?
        .backup
        .folder
        .map(PathBuf::from)
        .ok_or_else(|| Error::invalid("folder", crate::msg!("error.desktop.no_backup_folder")))
}

/// What a backup that succeeded deals with: a failed one's notice.
fn backup_made(tx: &rusqlite::Transaction, _: &str) -> Result<()> {
    crate::notices::clear(tx, crate::notices::BACKUP_AT_EXIT_FAILED)
}

/// Logs that the store's whole content left the program as a backup file.
fn log_backup(s: &mut State, action: &'static str, info: &BackupInfo) -> Result<()> {
    let detail = info.file_name.clone();
    s.logged(action, Kind::Export, backup_made, |_| audit::About::detail(detail))
}

/// A backup made and whole whose access-log entry could not be written (a full data disk): the
/// person is told both, never only that something failed, and the failure is not swallowed.
fn not_logged(info: &BackupInfo, e: &Error) -> Error {
    Error::new(
        e.code,
        crate::msg!(
            "notice.backup.saved_not_logged",
            file = info.file_name.clone(),
            reason = e.as_arg()
        ),
    )
}

#[tauri::command(async)]
pub fn backup_now(session: tauri::State<'_, Session>) -> Result<BackupInfo> {
    let mut s = session.lock();
    let folder = chosen_folder(&mut s)?;
    let dir = s.dir.clone();
    let info = backup::create(s.signed_in()?.0, &dir, &folder, clock::now())?;
    log_backup(&mut s, "backup_now", &info).map_err(|e| not_logged(&info, &e))?;
    Ok(info)
}

/// An automatic backup, if the settings ask for one now; failures are reported, never fatal.
pub fn automatic(s: &mut State, at_exit: bool) -> Option<Result<BackupInfo>> {
    let store = s.store.as_ref()?;
    let b = settings::load(store.conn()).ok()?.backup;
    let folder = PathBuf::from(b.folder?);
    let now = clock::now();
    let wanted = if at_exit {
        b.at_exit
    } else {
        b.daily
            && backup::Mine::of(store, &s.dir)
                .and_then(|mine| backup::daily_due(&folder, &mine, now))
                .unwrap_or(false)
    };
    if !wanted {
        return None;
    }
    let made = backup::automatic(store, &s.dir, &folder, b.keep as usize, now).map(|a| a.backup);
    if let (Ok(info), Some(store), Some(who)) = (&made, s.store.as_mut(), s.user.as_ref()) {
        let logged = actions::perform(
            store,
            actions::Actor::ProgramFor(&who.username),
            "backup_automatic",
            Kind::Export,
            now,
            backup_made,
            |_| audit::About::detail(info.file_name.clone()),
        );
        if let Err(e) = logged {
            return Some(Err(not_logged(info, &e)));
        }
    }
    Some(made)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeysInput {
    /// The store's passphrase, or the backed-up store's (when it used one).
    #[serde(default)]
    passphrase: String,
    /// The recovery key of the store the backup was made from.
    #[serde(default)]
    recovery_key: String,
    /// When a backup of another database is read back (it opens with its recovery key): where
    /// its key is kept on this computer from then on, as at first setup. Unused otherwise.
    #[serde(default)]
    keep_storage: Option<KeyStorage>,
    #[serde(default)]
    keep_passphrase: String,
    #[serde(default)]
    keep_passphrase_repeat: String,
}

/// Where the restored store's key is kept, when the user had to give a recovery key (the backup
/// may then be of another database, whose key this computer does not keep yet).
fn keep_as(input: &KeysInput) -> Result<Option<KeyChoice>> {
    if input.recovery_key.trim().is_empty() {
        return Ok(None);
    }
    let storage = input.keep_storage.unwrap_or(KeyStorage::Keyring);
    key_choice(
        storage,
        input.keep_passphrase.clone(),
        input.keep_passphrase_repeat.clone(),
    )
    .map(Some)
}

fn keys(input: &KeysInput) -> Result<Keys> {
    let recovery_key = match input.recovery_key.trim() {
        "" => None,
        text => Some(DbKey::parse_recovery(text)?),
    };
    let passphrase = match input.passphrase.as_str() {
        "" => unlock::passphrase_from_env(),
        p => Some(Secret::new(p.to_owned())),
    };
    Ok(Keys {
        keyring: unlock::passphrase_from_env().is_none(),
        passphrase,
        recovery_key,
    })
}

fn pick_backup(app: &tauri::AppHandle, title: Message) -> Result<Option<PathBuf>> {
    let lang = window_language();
    let filter = crate::msg!("label.desktop.backup_filter").render(lang);
    super::files::open_dialog(app, &title.render(lang), (&filter, &["fristad-backup"]))
}

#[derive(Debug, Serialize)]
pub struct Checked {
    chosen: bool,
    verified: Option<Verified>,
}

#[tauri::command(async)]
pub fn backup_check(app: tauri::AppHandle, session: tauri::State<'_, Session>, input: KeysInput) -> Result<Checked> {
    let keys = keys(&input)?;
    let Some(file) = pick_backup(&app, crate::msg!("notice.desktop.choose_backup_to_check"))? else {
        return Ok(Checked {
            chosen: false,
            verified: None,
        });
    };
    let dir = session.lock().dir.clone();
    let verified = backup::verify(&file, Some(&dir), &keys)?.in_language(window_language());
    Ok(Checked {
        chosen: true,
        verified: Some(verified),
    })
}

#[derive(Debug, Serialize)]
pub struct RestoreOutcome {
    chosen: bool,
    verified: Option<Verified>,
    /// What the window shows next: the restored store asks who signs in.
    state: Option<AccessState>,
}

/// Restores a backup over the open store: the file is checked completely while the store is
/// still open (so a bad file changes nothing), then the store is closed, the backup put in its
/// place (the old database kept under a dated name) and opened again. Everyone is signed out,
/// since the restored store has its own accounts.
#[tauri::command(async)]
pub fn backup_restore(
    app: tauri::AppHandle,
    session: tauri::State<'_, Session>,
    input: KeysInput,
) -> Result<RestoreOutcome> {
    let keys = keys(&input)?;
    let keep_as = keep_as(&input)?;
    let Some(file) = pick_backup(&app, crate::msg!("notice.desktop.choose_backup_to_restore"))? else {
        return Ok(RestoreOutcome {
            chosen: false,
            verified: None,
            state: None,
        });
    };
    let mut s = session.lock();
    let who = s.signed_in()?.1.username.clone();
    let dir = s.dir.clone();
    backup::verify(&file, Some(&dir), &keys)?;
    let open = s
        .store
        .take()
        .ok_or_else(|| Error::new(Code::NotReady, crate::msg!("error.desktop.not_open")))?;
    open.close()?;
    s.user = None;
    let now = clock::now();
    match backup::restore(&file, &dir, &keys, keep_as, now) {
        Ok(restored) => {
            let mut store = restored.store;
            let detail = restored.verified.file_name.clone();
            actions::perform(
                &mut store,
                actions::Actor::ProgramFor(&who),
                "backup_restore",
                Kind::Change,
                now,
                |_, _| Ok(()),
                |_| audit::About::detail(detail),
            )?;
            let state = open_state(&store, None)?;
            s.store = Some(store);
            Ok(RestoreOutcome {
                chosen: true,
                verified: Some(restored.verified.in_language(window_language())),
                state: Some(state),
            })
        }
        Err(e) => {
            // The old store is untouched: open it again the way it opened at start.
            let how = match (unlock::passphrase_from_env(), &keys.passphrase) {
                (Some(p), _) => Some(Unlock::Passphrase(p)),
                (None, Some(p)) => Some(Unlock::Passphrase(p.clone())),
                (None, None) => Some(Unlock::Keyring),
            };
            if let Some(how) = how {
                s.store = unlock::open(&dir, how).ok();
            }
            Err(e)
        }
    }
}
