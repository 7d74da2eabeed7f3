//! The commands the UI may call (and nothing else: see `capabilities/main.json`). Each runs off
//! the window's main thread, takes its input as one `input` object with no unknown fields, and
//! returns either a value or an `Error` with a stable code and a message in the window's language.

use super::language::window_language;
use super::session::{Session, State};
use crate::accounts::{self, Account};
use crate::agreements::{TermsInput, history};
use crate::audit::{self, Kind};
use crate::clock;
use crate::documents::recovery_sheet;
use crate::error::{Code, Error, Result};
use crate::keys::{DbKey, KeyStorage, os_keyring};
use crate::organisation::{self, Organisation, OrganisationInput};
use crate::secret::Secret;
use crate::setup::{self, KeyChoice};
use crate::store::Store;
use crate::unlock::{self, Access, Unlock};
use serde::{Deserialize, Serialize};

/// What the window should show first.
#[derive(Debug, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum AccessState {
    New {
        keys: KeyOptions,
    },
    /// The store is open but has no accounts yet: the first one (an administrator) is made now.
    FirstAccount,
    /// The store is open and has accounts, but nobody is signed in (or the window was locked).
    SignedOut,
    Open {
        organisation_missing: bool,
        organisation_name: Option<String>,
        user: Account,
        /// The actions the account's role allows (`permissions::allowed`): the window hides the
        /// rest, and refuses them whatever it shows.
        may: Vec<&'static str>,
        idle_lock_minutes: u32,
        /// Something the user should know on arriving (a daily backup that failed).
        notice: Option<String>,
        /// The program's "now": the window's dates (today's date in a form) follow the program's
        /// clock, not the page's, so that both say the same day (in tests too, see clock::now).
        now: chrono::DateTime<chrono::Utc>,
    },
    Locked {
        storage: KeyStorage,
        message: Option<String>,
        /// For a forgotten passphrase: where the key can be kept after the recovery key opens it.
        keys: KeyOptions,
    },
    NeedsRecoveryKey {
        reason: String,
        keys: KeyOptions,
    },
    Problem {
        code: Code,
        message: String,
    },
}

/// Which ways of keeping the key the user can choose between here.
#[derive(Debug, Serialize)]
pub struct KeyOptions {
    /// The passphrase is given by FRISTAD_PASSPHRASE: no choice to make, the keyring is not used.
    passphrase_from_env: bool,
    keyring_available: bool,
    /// Why the keyring cannot be used, when it cannot.
    keyring_problem: Option<String>,
}

pub(super) fn key_options() -> KeyOptions {
    if unlock::passphrase_from_env().is_some() {
        return KeyOptions {
            passphrase_from_env: true,
            keyring_available: false,
            keyring_problem: None,
        };
    }
    match os_keyring::check_available() {
        Ok(()) => KeyOptions {
            passphrase_from_env: false,
            keyring_available: true,
            keyring_problem: None,
        },
        Err(e) => KeyOptions {
            passphrase_from_env: false,
            keyring_available: false,
            keyring_problem: Some(e.in_lang(window_language())),
        },
    }
}

pub(super) fn open_state(store: &Store, user: Option<&Account>) -> Result<AccessState> {
    let Some(user) = user else {
        return Ok(if accounts::any_exist(store.conn())? {
            AccessState::SignedOut
        } else {
            AccessState::FirstAccount
        });
    };
    let org = organisation::load(store.conn())?;
    Ok(AccessState::Open {
        organisation_missing: org.is_none(),
        organisation_name: org.map(|o| o.name),
        user: user.clone(),
        may: crate::permissions::allowed(user),
        idle_lock_minutes: crate::settings::load(store.conn())?.idle_lock_minutes,
        notice: None,
        now: clock::now(),
    })
}

pub(super) fn store(state: &mut State) -> Result<&mut Store> {
    state
        .store
        .as_mut()
        .ok_or_else(|| Error::new(Code::NotReady, crate::msg!("error.desktop.locked")))
}

/// The key choice from the form, or the passphrase from the environment when it is set.
pub(super) fn key_choice(storage: KeyStorage, passphrase: String, repeated: String) -> Result<KeyChoice> {
    if let Some(p) = unlock::passphrase_from_env() {
        return Ok(KeyChoice::Passphrase(p));
    }
    match storage {
        KeyStorage::Keyring => Ok(KeyChoice::Keyring),
        KeyStorage::Passphrase => {
            setup::check_new_passphrase(&passphrase, &repeated)?;
            Ok(KeyChoice::Passphrase(Secret::new(passphrase)))
        }
    }
}

#[tauri::command(async)]
pub fn access_state(session: tauri::State<'_, Session>) -> Result<AccessState> {
    let mut s = session.lock();
    if let Some(store) = &s.store {
        return open_state(store, s.user.as_ref());
    }
    let state = match unlock::access(&s.dir, window_language()) {
        Access::New => AccessState::New { keys: key_options() },
        Access::NeedsRecoveryKey { reason } => AccessState::NeedsRecoveryKey {
            reason,
            keys: key_options(),
        },
        Access::Problem { code, message } => AccessState::Problem { code, message },
        Access::Locked { storage } => {
            let how = match (unlock::passphrase_from_env(), storage) {
                (Some(p), _) => Unlock::Passphrase(p),
                (None, KeyStorage::Keyring) => Unlock::Keyring,
                (None, KeyStorage::Passphrase) => {
                    return Ok(AccessState::Locked {
                        storage,
                        message: None,
                        keys: key_options(),
                    });
                }
            };
            match unlock::open(&s.dir, how) {
                Ok(store) => {
                    let state = open_state(&store, None)?;
                    s.store = Some(store);
                    state
                }
                Err(e)
                    if matches!(
                        e.code,
                        Code::KeyMissing | Code::KeyringUnavailable | Code::DamagedKeyFile
                    ) =>
                {
                    AccessState::NeedsRecoveryKey {
                        reason: e.in_lang(window_language()),
                        keys: key_options(),
                    }
                }
                Err(e) if e.code == Code::WrongPassphrase => AccessState::Locked {
                    storage,
                    message: Some(e.in_lang(window_language())),
                    keys: key_options(),
                },
                Err(e) => AccessState::Problem {
                    code: e.code,
                    message: e.in_lang(window_language()),
                },
            }
        }
    };
    Ok(state)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateStoreInput {
    organisation: OrganisationInput,
    storage: KeyStorage,
    #[serde(default)]
    passphrase: String,
    #[serde(default)]
    passphrase_repeat: String,
}

#[derive(Debug, Serialize)]
pub struct RecoveryKeyShown {
    recovery_key: String,
}

impl RecoveryKeyShown {
    /// The recovery key of a key just made (at setup, or by a change of key), shown once.
    pub(super) fn of(key: &DbKey) -> RecoveryKeyShown {
        RecoveryKeyShown {
            recovery_key: key.recovery_text().expose().clone(),
        }
    }
}

#[tauri::command(async)]
pub fn create_store(session: tauri::State<'_, Session>, input: CreateStoreInput) -> Result<RecoveryKeyShown> {
    let mut s = session.lock();
    // The organisation is checked before the passphrase, in the order the form shows them.
    input.organisation.validate()?;
    let choice = key_choice(input.storage, input.passphrase, input.passphrase_repeat)?;
    let created = setup::create(&s.dir, Some(&input.organisation), choice, "installation", clock::now())?;
    let shown = RecoveryKeyShown::of(&created.key);
    s.store = Some(created.store);
    s.new_key = Some(created.key);
    Ok(shown)
}

#[derive(Debug, Serialize)]
pub struct Saved {
    saved: bool,
    file_name: Option<String>,
}

impl Saved {
    pub fn file(path: &std::path::Path) -> Saved {
        Saved {
            saved: true,
            file_name: path.file_name().map(|n| n.to_string_lossy().into_owned()),
        }
    }

    pub fn cancelled() -> Saved {
        Saved {
            saved: false,
            file_name: None,
        }
    }
}

#[tauri::command(async)]
pub fn save_recovery_sheet(app: tauri::AppHandle, session: tauri::State<'_, Session>) -> Result<Saved> {
    let (key, org): (DbKey, Option<Organisation>) = {
        let mut s = session.lock();
        let key = s
            .new_key
            .clone()
            .ok_or_else(|| Error::new(Code::NotReady, crate::msg!("error.desktop.sheet_only_at_setup")))?;
        (key, organisation::load(store(&mut s)?.conn())?)
    };
    // The session is not held while the dialog is open.
    let lang = window_language();
    let title = crate::msg!("notice.desktop.save_recovery_key").render(lang);
    let file_name = crate::msg!("label.desktop.recovery_sheet_file").render(lang);
    let Some(path) = super::files::save_dialog(&app, &title, &file_name, ("PDF", &["pdf"]))? else {
        return Ok(Saved::cancelled());
    };
    let pdf = recovery_sheet::render_in(&key, org.as_ref().map(|o| o.name.as_str()), clock::now(), lang);
    super::files::write(&super::files::data_dir(&session), &path, &pdf)?;
    Ok(Saved::file(&path))
}

#[derive(Debug, Serialize)]
pub struct Copied {
    clear_after_seconds: u32,
}

/// Copies the recovery key shown during setup, and empties the clipboard again later.
#[tauri::command(async)]
pub fn copy_recovery_key(session: tauri::State<'_, Session>) -> Result<Copied> {
    let mut s = session.lock();
    let key = s
        .new_key
        .clone()
        .ok_or_else(|| Error::new(Code::NotReady, crate::msg!("error.desktop.copy_only_at_setup")))?;
    let seconds = crate::settings::load(store(&mut s)?.conn())?.clipboard_clear_seconds;
    let text = Secret::new(key.recovery_text().expose().replace(' ', ""));
    super::clipboard::copy_then_clear(text, std::time::Duration::from_secs(seconds.into()))?;
    Ok(Copied {
        clear_after_seconds: seconds,
    })
}

#[tauri::command(async)]
pub fn finish_setup(session: tauri::State<'_, Session>) -> Result<AccessState> {
    let mut s = session.lock();
    s.new_key = None;
    open_state(store(&mut s)?, None)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PassphraseInput {
    passphrase: String,
}

#[tauri::command(async)]
pub fn unlock_with_passphrase(session: tauri::State<'_, Session>, input: PassphraseInput) -> Result<AccessState> {
    let mut s = session.lock();
    let store = unlock::open(&s.dir, Unlock::Passphrase(Secret::new(input.passphrase)))?;
    let state = open_state(&store, None)?;
    s.store = Some(store);
    Ok(state)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecoverInput {
    recovery_key: String,
    storage: KeyStorage,
    #[serde(default)]
    passphrase: String,
    #[serde(default)]
    passphrase_repeat: String,
}

#[tauri::command(async)]
pub fn recover_with_key(session: tauri::State<'_, Session>, input: RecoverInput) -> Result<AccessState> {
    let mut s = session.lock();
    let key = DbKey::parse_recovery(&Secret::new(input.recovery_key).expose().clone())?;
    let choice = key_choice(input.storage, input.passphrase, input.passphrase_repeat)?;
    let store = unlock::recover(&s.dir, key, choice)?;
    let state = open_state(&store, None)?;
    s.store = Some(store);
    Ok(state)
}

#[tauri::command(async)]
pub fn lock(session: tauri::State<'_, Session>, input: LockInput) -> Result<()> {
    let mut s = session.lock();
    s.new_key = None;
    let Some(user) = s.user.take() else {
        return Ok(());
    };
    let kind = if input.idle { Kind::Lock } else { Kind::SignOut };
    let detail = if input.idle {
        "låst efter inaktivitet"
    } else {
        "låst av användaren"
    };
    if let Some(store) = s.store.as_mut() {
        crate::actions::sign_out(store, &user, kind, detail, clock::now())?;
    }
    Ok(())
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageInput {
    lang: crate::text::Lang,
}

/// The window's language, for what the program writes on screens (the labels of its lists).
#[tauri::command(async)]
pub fn set_language(input: LanguageInput) -> Result<()> {
    super::language::set_window_language(input.lang);
    Ok(())
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LockInput {
    /// Locked because nobody used the window for the set time (rather than by the user).
    #[serde(default)]
    idle: bool,
}

#[derive(Debug, Serialize)]
pub struct Home {
    organisation: Option<Organisation>,
    today: chrono::NaiveDate,
    agreements: Vec<history::Overview>,
    /// What went wrong with nobody there to be told, for those who can deal with it.
    notices: Vec<crate::notices::Notice>,
    /// Municipalities added at an intake that still lack their details, for those who may
    /// complete them (nothing is invoiced to them before).
    incomplete_municipalities: Vec<crate::registers::municipalities::Municipality>,
    /// Children here for more than two weeks who still wait for school, a health examination
    /// or their own conversation.
    children_waiting: Vec<crate::placements::rights::ChildWaiting>,
    /// More people staying now than the IVO permit's places, if so.
    over_permit: Option<crate::organisation_year::OverPermit>,
}

#[tauri::command(async)]
pub fn home(session: tauri::State<'_, Session>) -> Result<Home> {
    let mut s = session.lock();
    let (store, who) = s.signed_in()?;
    let now = clock::now();
    let today = clock::swedish_date(now);
    let being_made = session.making_documents.load(std::sync::atomic::Ordering::Acquire);
    let notices = crate::notices::for_role(store.conn(), who.role, window_language(), being_made, now)?;
    // Read once for the children still waiting for their rights and the permit's places.
    let ongoing = crate::placements::views::ongoing(store.conn(), now)?;
    let incomplete_municipalities = if crate::permissions::authorize("save_municipality", Some(who)).is_ok() {
        crate::registers::municipalities::incomplete(store.conn())?
    } else {
        Vec::new()
    };
    let agreements = history::keys(store.conn())?
        .iter()
        .map(|key| history::overview(store.conn(), key, today))
        .collect::<Result<Vec<_>>>()?;
    Ok(Home {
        organisation: organisation::load(store.conn())?,
        today,
        agreements,
        notices,
        incomplete_municipalities,
        children_waiting: crate::placements::rights::waiting(&ongoing, now),
        over_permit: crate::organisation_year::over_permit(store.conn(), &ongoing, now)?,
    })
}

#[tauri::command(async)]
pub fn save_organisation(session: tauri::State<'_, Session>, input: OrganisationInput) -> Result<Organisation> {
    let mut s = session.lock();
    let org = input.validate()?;
    let now = clock::now();
    s.change(
        "save_organisation",
        |tx, _| organisation::save(tx, &org, now),
        |_| audit::About::nothing(),
    )?;
    Ok(org)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgreementKey {
    key: String,
}

#[derive(Debug, Serialize)]
pub struct VersionSummary {
    version: i64,
    recorded_at: String,
    recorded_by: String,
    change_note: String,
}

#[derive(Debug, Serialize)]
pub struct AgreementForm {
    key: String,
    terms: TermsInput,
    versions: Vec<VersionSummary>,
}

#[tauri::command(async)]
pub fn agreement_form(session: tauri::State<'_, Session>, input: AgreementKey) -> Result<AgreementForm> {
    let mut s = session.lock();
    let store = store(&mut s)?;
    let versions = history::versions(store.conn(), &input.key)?;
    let terms = TermsInput::from_terms(&versions[0].terms);
    Ok(AgreementForm {
        key: input.key,
        terms,
        versions: versions
            .into_iter()
            .map(|v| VersionSummary {
                version: v.version,
                recorded_at: clock::to_local_text(v.recorded_at),
                recorded_by: v.recorded_by,
                change_note: v.change_note,
            })
            .collect(),
    })
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SaveAgreementInput {
    key: String,
    terms: TermsInput,
    change_note: String,
}

#[tauri::command(async)]
pub fn save_agreement(session: tauri::State<'_, Session>, input: SaveAgreementInput) -> Result<history::Overview> {
    let mut s = session.lock();
    let now = clock::now();
    s.change(
        "save_agreement",
        |tx, who| history::update(tx, &input.key, &input.terms, &input.change_note, who, now),
        |_| audit::About::detail(&input.key),
    )?;
    history::overview(store(&mut s)?.conn(), &input.key, clock::swedish_date(now))
}
