//! Backups: `backup --to`, `backup verify` and `restore`, over `fristad::backup`.

use crate::{complain, open, print_json, said, say, show};
use clap::{Args, Subcommand};
use fristad::actions::Actor;
use fristad::audit::Kind;
use fristad::backup::{self, Keys, OpenedWith, Verified};
use fristad::data_dir::DataDir;
use fristad::keys::{DbKey, KeyStorage};
use fristad::secret::Secret;
use fristad::store::Store;
use fristad::unlock;
use fristad::{Code, Error, clock, msg};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct BackupArgs {
    #[command(subcommand)]
    command: Option<BackupCommand>,
    /// Mappen där säkerhetskopian sparas, t.ex. ett USB-minne eller en nätverksmapp. Mappen
    /// måste finnas. Filen är krypterad med databasens nyckel.
    #[arg(long, value_name = "MAPP", required = true)]
    to: Option<PathBuf>,
    /// En automatisk säkerhetskopia: de automatiska säkerhetskopiorna i mappen utöver de
    /// --keep nyaste tas sedan bort (manuella säkerhetskopior och andra filer rörs aldrig).
    #[arg(long)]
    automatic: bool,
    /// Hur många automatiska säkerhetskopior som behålls (med --automatic; minst 1).
    #[arg(long, value_name = "ANTAL", default_value_t = 10)]
    keep: usize,
    /// Skriv resultatet som JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
enum BackupCommand {
    /// Kontrollerar en säkerhetskopia helt: kontrollsumman, nyckeln, krypteringens
    /// kontrollsummor, SQLite:s integritet och schemaversionen, och visar vad den innehåller.
    /// Ändrar ingenting.
    Verify {
        /// Säkerhetskopian.
        #[arg(value_name = "FIL")]
        file: PathBuf,
        #[command(flatten)]
        key: KeyArgs,
        /// Skriv resultatet som JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Restore's arguments.
#[derive(Args)]
pub struct RestoreArgs {
    /// Säkerhetskopian.
    #[arg(value_name = "FIL")]
    file: PathBuf,
    #[command(flatten)]
    key: KeyArgs,
    /// Skriv resultatet som JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct KeyArgs {
    /// Läs återställningsnyckeln från denna fil (annars från FRISTAD_RECOVERY_KEY, eller
    /// frågas efter i terminalen när den behövs). Nyckeln skrivs aldrig på kommandoraden.
    #[arg(long, value_name = "FIL")]
    recovery_key_file: Option<PathBuf>,
}

pub fn backup(dir: &DataDir, args: &BackupArgs) -> fristad::Result<bool> {
    match &args.command {
        Some(BackupCommand::Verify { file, key, json }) => verify(dir, file, key, *json),
        None => {
            let folder = args.to.as_deref().expect("clap requires --to");
            create(dir, folder, args.automatic.then_some(args.keep), args.json)
        }
    }
}

fn create(dir: &DataDir, folder: &Path, automatic: Option<usize>, json: bool) -> fristad::Result<bool> {
    let mut store = open(dir)?;
    let now = clock::now();
    let made = match automatic {
        Some(keep) => backup::automatic(&store, dir, folder, keep, now),
        None => backup::create(&store, dir, folder, now).map(|backup| backup::Automatic {
            backup,
            removed: Vec::new(),
        }),
    };
    if let Ok(m) = &made {
        // The whole store left the program as a file: that is logged like an export. On a
        // full data disk the entry cannot be written, but the backup, made elsewhere, is
        // whole and encrypted: it is kept, and the missing entry said.
        let name = m.backup.file_name.clone();
        if let Err(e) = key_holder_did(&mut store, "backup_now", Kind::Export, name) {
            complain(say(msg!("notice.backup.not_logged", reason = said(&e))));
        }
    }
    let closed = store.close();
    let made = made?;
    if let Err(e) = closed {
        complain(said(&e));
    }
    if json {
        print_json(&made);
        return Ok(true);
    }
    let b = &made.backup;
    show(msg!(
        "notice.cli.backup_saved",
        file = b.path.display(),
        bytes = b.bytes
    ));
    show(match unlock::storage(dir) {
        Ok(KeyStorage::Passphrase) => msg!("notice.cli.backup_encrypted_passphrase"),
        _ => msg!("notice.cli.backup_encrypted"),
    });
    for path in &made.removed {
        show(msg!("notice.cli.backup_removed", file = path.display()));
    }
    Ok(true)
}

/// The passphrase from FRISTAD_PASSPHRASE (then the keyring is never asked).
fn keys(args: &KeyArgs) -> fristad::Result<Keys> {
    let passphrase = unlock::passphrase_from_env();
    let recovery_key = match &args.recovery_key_file {
        Some(path) => {
            let text = Secret::new(
                std::fs::read_to_string(path)
                    .map_err(|e| Error::io(msg!("error.cli.reading_recovery_key_file"), &e))?,
            );
            Some(DbKey::parse_recovery(text.expose())?)
        }
        None => match std::env::var("FRISTAD_RECOVERY_KEY") {
            Ok(t) => Some(DbKey::parse_recovery(Secret::new(t).expose())?),
            Err(_) => None,
        },
    };
    Ok(Keys {
        keyring: passphrase.is_none(),
        passphrase,
        recovery_key,
    })
}

fn interactive() -> bool {
    std::io::stdin().is_terminal()
}

/// At a terminal, asks for what is missing: the passphrase when the store here or the backup
/// uses one, and after a refusal for want of a key, the recovery key.
fn with_keys<T>(
    dir: &DataDir,
    file: &Path,
    args: &KeyArgs,
    mut attempt: impl FnMut(&Keys) -> fristad::Result<T>,
) -> fristad::Result<T> {
    let mut keys = keys(args)?;
    if interactive() && keys.passphrase.is_none() {
        let here = matches!(unlock::storage(dir), Ok(KeyStorage::Passphrase));
        let in_backup = backup::read_header(file)?.key_file.is_some();
        if here || (in_backup && keys.recovery_key.is_none()) {
            let p = rpassword::prompt_password(say(msg!("notice.cli.prompt_passphrase_or_recovery_key")))
                .map_err(|e| Error::io(msg!("error.cli.reading_passphrase"), &e))?;
            keys.passphrase = (!p.is_empty()).then(|| Secret::new(p));
        }
    }
    match attempt(&keys) {
        Err(e)
            if interactive()
                && keys.recovery_key.is_none()
                && matches!(e.code, Code::KeyMissing | Code::WrongPassphrase) =>
        {
            eprintln!("{}", said(&e));
            let text = Secret::new(
                rpassword::prompt_password(say(msg!("notice.cli.prompt_recovery_key")))
                    .map_err(|e| Error::io(msg!("error.cli.reading_key"), &e))?,
            );
            keys.recovery_key = Some(DbKey::parse_recovery(text.expose())?);
            attempt(&keys)
        }
        other => other,
    }
}

fn describe(v: &Verified) {
    show(msg!(
        "notice.cli.backup_file",
        name = v.file_name,
        bytes = v.bytes,
        made = clock::to_local_text(v.created_at),
        how = if v.automatic {
            msg!("label.cli.backup_automatic")
        } else {
            msg!("label.cli.backup_manual")
        }
    ));
    show(if v.schema_version < v.schema_version_program {
        msg!(
            "notice.cli.backup_schema_older",
            version = v.schema_version,
            program = v.schema_version_program
        )
    } else {
        msg!(
            "notice.cli.backup_schema",
            version = v.schema_version,
            program = v.schema_version_program
        )
    });
    show(msg!(
        "notice.cli.backup_opened_with",
        key = match v.opened_with {
            OpenedWith::ThisStore => msg!("label.cli.opened_with_this_store"),
            OpenedWith::Passphrase => msg!("label.cli.opened_with_passphrase"),
            OpenedWith::RecoveryKey => msg!("label.cli.opened_with_recovery_key"),
        }
    ));
    let counts: Vec<String> = v
        .counts
        .iter()
        .map(|c| format!("{} {}", c.count, count_label(c)))
        .collect();
    show(msg!("notice.cli.backup_contents", counts = counts.join(", ")));
    match &v.log_head {
        Some(backup::CheckedHead {
            seq,
            signed_by: Some(signer),
            ..
        }) => show(msg!("notice.backup.log_head_signed", seq = seq, signer = signer)),
        Some(h) => show(msg!("notice.backup.log_head", seq = h.seq)),
        None => {}
    }
}

/// What a count in a backup is of (the core gives its label in Swedish here).
fn count_label(c: &backup::Count) -> String {
    backup::count_label(&c.table).map_or_else(|| c.label.clone(), say)
}

fn verify(dir: &DataDir, file: &Path, args: &KeyArgs, json: bool) -> fristad::Result<bool> {
    let v = with_keys(dir, file, args, |keys| backup::verify(file, Some(dir), keys))?;
    if json {
        print_json(&serde_json::json!({ "ok": true, "backup": v }));
    } else {
        show(msg!("notice.cli.backup_whole"));
        describe(&v);
    }
    Ok(true)
}

pub fn restore(dir: &DataDir, args: &RestoreArgs) -> fristad::Result<bool> {
    let restored = with_keys(dir, &args.file, &args.key, |keys| {
        // With the recovery key the key is kept again the way `recover` keeps it.
        let keep_as = keys
            .recovery_key
            .as_ref()
            .map(|_| crate::commands::setup::key_choice_from_env());
        backup::restore(&args.file, dir, keys, keep_as, clock::now())
    })?;
    let backup::Restored {
        mut store,
        verified,
        set_aside,
        key_storage,
    } = restored;
    let name = verified.file_name.clone();
    key_holder_did(&mut store, "backup_restore", Kind::Change, name)?;
    store.close()?;
    if args.json {
        print_json(&serde_json::json!({
            "ok": true,
            "data_dir": dir.path(),
            "backup": verified,
            "set_aside": set_aside,
            "key_storage": key_storage,
        }));
        return Ok(true);
    }
    show(msg!("notice.cli.restored", folder = dir.path().display()));
    describe(&verified);
    for path in &set_aside {
        show(msg!("notice.cli.set_aside", file = path.display()));
    }
    show(match key_storage {
        KeyStorage::Keyring => msg!("notice.cli.restored_key_in_keyring"),
        KeyStorage::Passphrase => msg!("notice.cli.restored_key_behind_passphrase"),
    });
    Ok(true)
}

/// Logs what the key's holder did without an account (a backup, a restore), about `file`.
fn key_holder_did(store: &mut Store, action: &'static str, kind: Kind, file: String) -> fristad::Result<()> {
    // A backup that succeeded deals with a failed one's notice (after a restore, the store's own).
    let made =
        |tx: &rusqlite::Transaction, _: &str| fristad::notices::clear(tx, fristad::notices::BACKUP_AT_EXIT_FAILED);
    fristad::actions::perform(store, Actor::KeyHolder, action, kind, clock::now(), made, |_| file)
}
