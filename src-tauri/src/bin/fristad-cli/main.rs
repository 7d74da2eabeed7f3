//! `fristad-cli`: Fristad without the window, over the same core functions. For setup on a
//! server-less office machine, scripts, checks and tests.
//!
//! Exit status: 0 done, 1 refused or failed (the reason on stderr), 2 wrong usage.
//!
//! It speaks Swedish, or English with `--language en` (or `FRISTAD_LANGUAGE=en`; `LANG` is not
//! followed, so scripts and tests get Swedish unless they ask): every line for people comes from
//! the catalogues (src-tauri/locales/<lang>/cli.json), and `--help` is translated at run time
//! (`in_english`). JSON output, files, documents and what is stored stay as they are.

use chrono::NaiveDate;
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};
use fristad::accounts;
use fristad::agreements::{self, history};
use fristad::audit::{self, Kind};
use fristad::data_dir::{DATA_DIR_ENV, DataDir};
use fristad::documents::recovery_sheet;
use fristad::keys::{DbKey, KeyStorage};
use fristad::organisation::OrganisationInput;
use fristad::secret::Secret;
use fristad::setup::{self, KeyChoice};
use fristad::store::{Store, verify};
use fristad::text::{Arg, Lang, Message};
use fristad::unlock::{self, Unlock};
use fristad::{CLI_ACTOR, Code, Error, billing, clock, exchange, msg, organisation, saved_file, settings};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

mod commands;
mod help;
mod sign_in;

use commands::{
    accounts::*, activities::*, agreement::*, audit::*, correct::*, exchange::*, invoice::*, invoice_print::*,
    organisation::*, reports::*, retention::*, settings::*, setup::*,
};
use help::*;
use sign_in::*;

#[derive(Parser)]
#[command(
    name = "fristad-cli",
    version,
    about = "Fristad utan fönster: skapa, kontrollera och läs ett skyddat boendes krypterade databas.",
    long_about = "Fristad utan fönster: skapa, kontrollera och läs ett skyddat boendes krypterade databas.\n\n\
        Nyckeln hämtas ur datorns nyckelring, eller ur nyckelfilen med lösenfrasen i FRISTAD_PASSPHRASE \
        (då används aldrig nyckelringen).\n\n\
        Allt utom nyckelinnehavarens egna kommandon (init, verify, audit verify, backup, restore, \
        recover, key, demo) görs som ett inloggat konto med samma roller som i fönstret, och \
        åtkomstloggen visar kontot: användarnamnet i FRISTAD_USER och lösenordet i FRISTAD_PASSWORD, \
        eller frågas efter i en terminal."
)]
struct Cli {
    /// Datamappen (annars programmets vanliga mapp för data).
    #[arg(long, global = true, env = DATA_DIR_ENV, value_name = "MAPP")]
    data_dir: Option<PathBuf>,
    /// Språket som fristad-cli skriver på: sv (svenska) eller en (engelska). JSON, filer och dokument är desamma.
    #[arg(long, global = true, env = LANGUAGE_ENV, value_name = "SPRÅK", ignore_case = true)]
    language: Option<Language>,
    /// Ersätt en fil som redan finns där något sparas (aldrig en fil i datamappen, en databas, en nyckelfil eller en säkerhetskopia).
    #[arg(long, global = true)]
    force: bool,
    #[command(subcommand)]
    command: Command,
}

/// The environment variable that chooses the language, as `--language` does.
const LANGUAGE_ENV: &str = "FRISTAD_LANGUAGE";

#[derive(Clone, Copy, clap::ValueEnum)]
enum Language {
    Sv,
    En,
}

static ENGLISH: AtomicBool = AtomicBool::new(false);
/// `--force`: a file already where something is saved may be replaced.
static FORCE: AtomicBool = AtomicBool::new(false);

/// Whether an existing file may be replaced where something is saved (`--force`).
fn existing() -> saved_file::Existing {
    if FORCE.load(Ordering::Relaxed) {
        saved_file::Existing::Replace
    } else {
        saved_file::Existing::Keep
    }
}

/// Checks where a file is to be saved, before anything it stands for is done (see `saved_file`).
fn destination(dir: &DataDir, path: &Path) -> fristad::Result<saved_file::Destination> {
    saved_file::Destination::check(path, dir, existing())
}

/// Saves a file the person asked for (see `saved_file`).
fn save_file(dir: &DataDir, path: &Path, bytes: &[u8]) -> fristad::Result<()> {
    destination(dir, path)?.write(bytes)
}

/// The language of what fristad-cli prints (Swedish unless asked).
fn lang() -> Lang {
    if ENGLISH.load(Ordering::Relaxed) {
        Lang::En
    } else {
        Lang::Sv
    }
}

fn set_lang(lang: Lang) {
    ENGLISH.store(lang == Lang::En, Ordering::Relaxed);
}

/// A catalogue text in the language asked for.
fn say(m: Message) -> String {
    m.render(lang())
}

/// Prints a line for people.
fn show(m: Message) {
    println!("{}", say(m));
}

/// Prints a line that says something went wrong («fel: …») on stderr.
fn complain(message: impl Into<Arg>) {
    let message: Arg = message.into();
    eprintln!("{}", say(msg!("notice.cli.error_line", message = message)));
}

/// An error's message in the language asked for (Swedish when it is not in the catalogues).
fn said(e: &Error) -> String {
    match &e.text {
        Some(m) => m.render(lang()),
        None => e.message.clone(),
    }
}

/// The first letter as a capital.
fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The language asked for, read before clap parses so that `--help` and clap's own errors are
/// in it: the last `--language X` / `--language=X`, else FRISTAD_LANGUAGE; clap then checks the
/// value itself.
fn language_asked(args: &[std::ffi::OsString]) -> Lang {
    let mut asked = std::env::var(LANGUAGE_ENV).ok();
    let mut args = args.iter().skip(1);
    while let Some(arg) = args.next() {
        let Some(arg) = arg.to_str() else { continue };
        if arg == "--" {
            break;
        } else if arg == "--language" {
            asked = args.next().and_then(|v| v.to_str()).map(str::to_owned);
        } else if let Some(value) = arg.strip_prefix("--language=") {
            asked = Some(value.to_owned());
        }
    }
    match asked.map(|a| a.to_ascii_lowercase()).as_deref() {
        Some("en") => Lang::En,
        _ => Lang::Sv,
    }
}

#[derive(Subcommand)]
enum Command {
    /// Skapar en ny krypterad databas och skriver ut återställningsnyckeln (en enda gång). Det
    /// första administratörskontot läggs upp med användarnamnet i FRISTAD_USER och lösenordet i
    /// FRISTAD_PASSWORD, eller frågas efter i en terminal; nyckeln räcker, inget konto behövs.
    Init(InitArgs),
    /// Kontrollerar databasen: krypteringens kontrollsummor, SQLite:s integritet och schemaversion.
    /// Nyckeln räcker, inget konto behövs.
    Verify {
        /// Skriv resultatet som JSON.
        #[arg(long)]
        json: bool,
    },
    /// Avtal med kommuner.
    Agreement {
        #[command(subcommand)]
        command: AgreementCommand,
    },
    /// Läser in kommuner, taxor, rum, personer, placeringar m.m. från en JSON-fil (se
    /// docs/import-format.md). Allt eller inget: vid fel sparas ingenting och varje fel visas
    /// med sin plats i filen. Poster matchas på sin nyckel, så samma fil två gånger ändrar inget.
    Import {
        /// JSON-filen.
        #[arg(value_name = "FIL")]
        file: PathBuf,
        /// Skriv resultatet som JSON.
        #[arg(long)]
        json: bool,
    },
    /// Skriver ut allt i databasen i importformatet (personuppgifter ingår: hantera filen varsamt).
    Export {
        /// JSON (det enda formatet; flaggan finns för tydlighetens skull).
        #[arg(long)]
        json: bool,
        /// Skriv till denna fil i stället för till standard ut.
        #[arg(long, value_name = "FIL")]
        out: Option<PathBuf>,
    },
    /// Rättelser av sparade placeringar, med skäl.
    Correct {
        #[command(subcommand)]
        command: CorrectCommand,
    },
    /// Historiken: vad som rättats, av vem, när och varför.
    History {
        #[command(subcommand)]
        command: HistoryCommand,
    },
    /// Fakturering: körningar, fakturaregistret, kreditfakturor och betalningar.
    Invoice {
        #[command(subcommand)]
        command: InvoiceCommand,
    },
    /// Statistik: verksamhetsberättelsens siffror och uppföljningen av akutplaceringar.
    Report {
        #[command(subcommand)]
        command: ReportCommand,
    },
    /// Bokföringsunderlag: fakturor, kreditfakturor och inbetalningar som en SIE 4-fil.
    Sie {
        #[command(subcommand)]
        command: SieCommand,
    },
    /// Stödsamtal i öppenvården och på jourtelefonen.
    Support {
        #[command(subcommand)]
        command: SupportCommand,
    },
    /// Förfrågningar om plats och deras utfall.
    Request {
        #[command(subcommand)]
        command: RequestCommand,
    },
    /// Organisationens år: personal, volontärer och IVO-tillståndets platser.
    Year {
        #[command(subcommand)]
        command: YearCommand,
    },
    /// Organisationens logotyp på fakturor och andra dokument.
    Logo {
        /// En PNG-bild (högst 512 kB).
        #[arg(value_name = "FIL", required_unless_present = "remove")]
        file: Option<PathBuf>,
        /// Ta bort logotypen.
        #[arg(long, conflicts_with = "file")]
        remove: bool,
    },
    /// Certifikatet som fakturornas PDF:er signeras med.
    Signing {
        #[command(subcommand)]
        command: SigningCommand,
    },
    /// Inställningar för fakturering (betalningsvillkor, avrundning, serviceavgiftens schema …).
    Settings {
        #[command(subcommand)]
        command: SettingsCommand,
    },
    /// Konton för dem som använder fönstret: lägg upp, lista, ändra roll, stäng av, nytt lösenord.
    Account {
        #[command(subcommand)]
        command: AccountCommand,
    },
    /// Gallring: visa vad som tas bort (preview) och ta bort det (run). Fakturor rörs aldrig.
    Retention {
        #[command(subcommand)]
        command: RetentionCommand,
    },
    /// Åtkomstloggen: kontrollera att ingen post ändrats eller tagits bort, och läs den.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Databasnyckeln: byt den (change) eller byt lösenfrasen som skyddar den (passphrase).
    /// Nyckeln räcker, inget konto behövs.
    Key {
        #[command(subcommand)]
        command: commands::key::KeyCommand,
    },
    /// Öppnar databasen med återställningsnyckeln (från standard in eller FRISTAD_RECOVERY_KEY)
    /// och sparar nyckeln igen: i nyckelringen, eller med lösenfrasen i FRISTAD_PASSPHRASE.
    /// Nyckeln räcker, inget konto behövs.
    Recover,
    /// Skapar en ny databas fylld med påhittade men trovärdiga uppgifter (ingen verklig person):
    /// placeringar, fakturor och betalningar för ett antal år. Samma frö ger samma data. Ett
    /// administratörskonto «demo» med lösenordet «demo-lösenord» läggs upp för fönstret. Nyckeln
    /// räcker, inget konto behövs.
    Demo {
        /// Antal år bakåt från i dag.
        #[arg(long, default_value_t = 3)]
        years: u32,
        /// Skala: 1 är ett boende (ca 40 kvinnor och 45 barn om året), 100 ett helt förbund.
        #[arg(long, default_value_t = 1)]
        scale: u32,
        /// Frö för slumpen.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long)]
        json: bool,
    },
    /// Säkerhetskopior: gör en krypterad säkerhetskopia i en mapp (--to MAPP), eller kontrollera
    /// en (verify FIL). Nyckeln räcker, inget konto behövs.
    Backup(commands::backup::BackupArgs),
    /// Återställer en säkerhetskopia i datamappen (tom eller inte). Den kontrolleras helt först;
    /// den nuvarande databasen sparas under ett daterat namn, ingenting tas bort. På en annan
    /// dator behövs återställningsnyckeln (--recovery-key-file) eller lösenfrasen. Nyckeln räcker,
    /// inget konto behövs.
    Restore(commands::backup::RestoreArgs),
}

/// How to unlock, following the rule: FRISTAD_PASSPHRASE means passphrase mode, nothing else;
/// otherwise the key file says how the key is kept, and a passphrase is asked for at a terminal.
fn unlock_method(dir: &DataDir) -> fristad::Result<Unlock> {
    if let Some(p) = unlock::passphrase_from_env() {
        return Ok(Unlock::Passphrase(p));
    }
    match unlock::storage(dir)? {
        KeyStorage::Keyring => Ok(Unlock::Keyring),
        KeyStorage::Passphrase if std::io::stdin().is_terminal() => {
            let p = rpassword::prompt_password(say(msg!("notice.cli.prompt_passphrase")))
                .map_err(|e| Error::io(msg!("error.cli.reading_passphrase"), &e))?;
            Ok(Unlock::Passphrase(Secret::new(p)))
        }
        KeyStorage::Passphrase => Err(Error::new(Code::WrongKeyStorage, msg!("error.cli.passphrase_needed"))),
    }
}

fn open(dir: &DataDir) -> fristad::Result<Store> {
    unlock::open(dir, unlock_method(dir)?)
}

fn print_json(value: &impl serde::Serialize) {
    println!("{}", serde_json::to_string_pretty(value).expect("serializable"));
}

fn run(cli: &Cli) -> fristad::Result<bool> {
    let dir = DataDir::chosen(cli.data_dir.clone())?;
    match &cli.command {
        Command::Init(args) => init(&dir, args).map(|_| true),
        Command::Verify { json } => verify(&dir, *json),
        Command::Agreement {
            command: AgreementCommand::Show { key, on, json },
        } => agreement_show(&dir, key, *on, *json).map(|_| true),
        Command::Agreement {
            command: AgreementCommand::History { key, json },
        } => agreement_history(&dir, key, *json).map(|_| true),
        Command::Recover => recover(&dir).map(|_| true),
        Command::Key { command } => commands::key::run(&dir, command).map(|_| true),
        Command::Demo {
            years,
            scale,
            seed,
            json,
        } => demo(&dir, *years, *scale, *seed, *json).map(|_| true),
        Command::Backup(args) => commands::backup::backup(&dir, args),
        Command::Restore(args) => commands::backup::restore(&dir, args),
        Command::Account { command } => account_command(&dir, command).map(|_| true),
        Command::Audit { command } => audit_command(&dir, command),
        Command::Retention { command } => retention_command(&dir, command).map(|_| true),
        Command::Import { file, json } => import(&dir, file, *json),
        Command::Export { json: _, out } => export(&dir, out.as_deref()).map(|_| true),
        Command::Invoice { command } => invoice(&dir, command).map(|_| true),
        Command::Correct { command } => correct_command(&dir, command).map(|_| true),
        Command::History { command } => history_command(&dir, command).map(|_| true),
        Command::Settings { command } => settings_command(&dir, command).map(|_| true),
        Command::Signing { command } => signing_command(&dir, command).map(|_| true),
        Command::Sie { command } => sie_command(&dir, command).map(|_| true),
        Command::Report { command } => report_command(&dir, command).map(|_| true),
        Command::Logo { file, remove: _ } => logo(&dir, file.as_deref()).map(|_| true),
        Command::Year { command } => year_command(&dir, command).map(|_| true),
        Command::Support { command } => support_command(&dir, command).map(|_| true),
        Command::Request { command } => request_command(&dir, command).map(|_| true),
    }
}

fn main() -> ExitCode {
    // Output piped into a program that stops reading (`export --json | head -1`) ends this one
    // quietly, as every command-line tool does, instead of as an internal error: the default
    // action of SIGPIPE, which Rust's runtime turns off.
    #[cfg(unix)]
    // SAFETY: called first thing, before any other thread exists; it only sets a signal action.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    fristad::error::hide_panic_details();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    set_lang(language_asked(&args));
    if lang() == Lang::En {
        hide_panic_details_in_english();
    }
    let mut command = Cli::command();
    if lang() == Lang::En {
        command = in_english(command);
    }
    let matches = command.try_get_matches_from_mut(args).unwrap_or_else(|e| e.exit());
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.format(&mut command).exit());
    FORCE.store(cli.force, Ordering::Relaxed);
    if let Some(language) = cli.language {
        // The same as asked for above; clap has checked it.
        set_lang(match language {
            Language::Sv => Lang::Sv,
            Language::En => Lang::En,
        });
    }
    match run(&cli) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            complain(said(&e));
            ExitCode::from(1)
        }
    }
}
