//! `fristad-cli key change` and `key passphrase`: a new database key, or the same key kept
//! another way (see `fristad::keys::change`).

use crate::commands::setup::{show_recovery_key, show_storage};
use crate::{
    CLI_ACTOR, DataDir, Error, IsTerminal, KeyChoice, Message, PathBuf, Secret, Subcommand, Unlock, clock, complain,
    destination, msg, print_json, say, show, unlock, unlock_method,
};
use fristad::documents::recovery_sheet;
use fristad::keys::change;

#[derive(Subcommand)]
pub enum KeyCommand {
    /// Krypterar om databasen med en ny nyckel och skriver ut den nya återställningsnyckeln (en enda gång). Den gamla nyckeln, gamla kopior av nyckelfilen och den gamla återställningsnyckeln öppnar den inte längre
    Change {
        /// Spara den nya nyckeln i datorns nyckelring
        #[arg(long, conflicts_with = "passphrase")]
        keyring: bool,
        /// Skydda den nya nyckeln med en ny lösenfras (från FRISTAD_NEW_PASSPHRASE, eller skriven två gånger)
        #[arg(long)]
        passphrase: bool,
        /// Spara återställningsnyckeln som ett utskrivbart PDF-ark i denna fil.
        #[arg(long, value_name = "FIL")]
        recovery_sheet: Option<PathBuf>,
        /// Skriv resultatet som JSON.
        #[arg(long)]
        json: bool,
    },
    /// Behåller nyckeln men skyddar den med en ny lösenfras (från FRISTAD_NEW_PASSPHRASE, eller skriven två gånger), eller med --keyring i datorns nyckelring. En gammal kopia av nyckelfilen öppnar fortfarande databasen med den gamla lösenfrasen
    Passphrase {
        /// Spara nyckeln i datorns nyckelring i stället
        #[arg(long)]
        keyring: bool,
    },
}

/// The help texts above, for `--language en`.
pub fn help_texts() -> Vec<Message> {
    vec![
        msg!("notice.cli.help_key"),
        msg!("notice.cli.help_key_change"),
        msg!("notice.cli.help_key_change_keyring"),
        msg!("notice.cli.help_key_change_passphrase"),
        msg!("notice.cli.help_key_passphrase"),
        msg!("notice.cli.help_key_passphrase_keyring"),
    ]
}

/// A new passphrase: from FRISTAD_NEW_PASSPHRASE (for scripts and tests), or typed twice.
fn new_passphrase() -> fristad::Result<Secret<String>> {
    if let Some(p) = std::env::var("FRISTAD_NEW_PASSPHRASE").ok().filter(|p| !p.is_empty()) {
        return Ok(Secret::new(p));
    }
    if !std::io::stdin().is_terminal() {
        return Err(Error::invalid("passphrase", msg!("error.cli.new_passphrase_needed")));
    }
    let read = |prompt: Message| {
        rpassword::prompt_password(say(prompt))
            .map(Secret::new)
            .map_err(|e| Error::io(msg!("error.cli.reading_passphrase"), &e))
    };
    let first = read(msg!("notice.cli.prompt_new_passphrase"))?;
    let again = read(msg!("notice.cli.prompt_passphrase_again"))?;
    fristad::setup::check_new_passphrase(first.expose(), again.expose())?;
    Ok(first)
}

pub fn run(dir: &DataDir, command: &KeyCommand) -> fristad::Result<()> {
    match command {
        KeyCommand::Change {
            keyring,
            passphrase,
            recovery_sheet,
            json,
        } => change_key(dir, *keyring, *passphrase, recovery_sheet.as_ref(), *json),
        KeyCommand::Passphrase { keyring } => rewrap(dir, *keyring),
    }
}

fn change_key(
    dir: &DataDir,
    keyring: bool,
    passphrase: bool,
    sheet: Option<&PathBuf>,
    json: bool,
) -> fristad::Result<()> {
    // Where the sheet goes is checked before anything changes.
    let sheet_to = sheet.map(|p| destination(dir, p)).transpose()?;
    let how = unlock_method(dir)?;
    let choice = if keyring {
        KeyChoice::Keyring
    } else if passphrase {
        KeyChoice::Passphrase(new_passphrase()?)
    } else {
        // Kept as now: in the keyring, or with the passphrase it was opened with.
        match &how {
            Unlock::Passphrase(p) => KeyChoice::Passphrase(p.clone()),
            _ => KeyChoice::Keyring,
        }
    };
    let store = unlock::open(dir, how)?;
    let backup_folder = fristad::settings::load(store.conn())?.backup.folder;
    let now = clock::now();
    let changed = change::change(store, dir, choice, CLI_ACTOR, now).map_err(|r| r.error)?;
    let org = fristad::organisation::load(changed.store.conn())?.map(|o| o.name);
    let recovery = changed.key.recovery_text();
    let storage = changed.storage;
    // The sheet is made before the store is closed, and its failure does not undo the change:
    // the key is printed below all the same.
    let sheet_saved = match &sheet_to {
        Some(to) => {
            let pdf = recovery_sheet::render(&changed.key, org.as_deref(), now);
            match to.write(&pdf) {
                Ok(()) => true,
                Err(e) => {
                    complain(crate::said(&e));
                    false
                }
            }
        }
        None => false,
    };
    changed.store.close()?;
    if json {
        print_json(&serde_json::json!({
            "storage": storage,
            "recovery_key": recovery.expose(),
        }));
        return Ok(());
    }
    show(msg!("notice.cli.key_changed"));
    show_storage(dir, storage);
    show_recovery_key(&recovery, sheet.filter(|_| sheet_saved).map(PathBuf::as_path));
    println!();
    show(msg!(
        "notice.cli.key_changed_backups",
        folder = backup_folder.unwrap_or_else(|| say(msg!("label.cli.backup_folder_placeholder")))
    ));
    Ok(())
}

fn rewrap(dir: &DataDir, keyring: bool) -> fristad::Result<()> {
    let choice = if keyring {
        KeyChoice::Keyring
    } else {
        KeyChoice::Passphrase(new_passphrase()?)
    };
    let mut store = unlock::open(dir, unlock_method(dir)?)?;
    let storage = change::rewrap(&mut store, dir, choice, CLI_ACTOR, clock::now())?;
    store.close()?;
    show_storage(dir, storage);
    show(msg!("notice.cli.key_rewrapped_old_copies"));
    Ok(())
}
