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

#[path = "cli/key_cli.rs"]
mod key_cli;

#[derive(Parser)]
#[command(
    name = "fristad-cli",
    version,
    about = "Fristad utan fönster: skapa, kontrollera och läs ett skyddat boendes krypterade databas.",
    long_about = "Fristad utan fönster: skapa, kontrollera och läs ett skyddat boendes krypterade databas.\n\n\
        Nyckeln hämtas ur datorns nyckelring, eller ur nyckelfilen med lösenfrasen i FRISTAD_PASSPHRASE \
        (då används aldrig nyckelringen)."
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
    /// Skapar en ny krypterad databas och skriver ut återställningsnyckeln (en enda gång).
    Init(InitArgs),
    /// Kontrollerar databasen: krypteringens kontrollsummor, SQLite:s integritet och schemaversion.
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
    /// Databasnyckeln: byt den (change) eller byt lösenfrasen som skyddar den (passphrase)
    Key {
        #[command(subcommand)]
        command: key_cli::KeyCommand,
    },
    /// Öppnar databasen med återställningsnyckeln (från standard in eller FRISTAD_RECOVERY_KEY)
    /// och sparar nyckeln igen: i nyckelringen, eller med lösenfrasen i FRISTAD_PASSPHRASE.
    Recover,
    /// Skapar en ny databas fylld med påhittade men trovärdiga uppgifter (ingen verklig person):
    /// placeringar, fakturor och betalningar för ett antal år. Samma frö ger samma data. Ett
    /// administratörskonto «demo» med lösenordet «demo-lösenord» läggs upp för fönstret.
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
    /// en (verify FIL).
    Backup(backup_cli::BackupArgs),
    /// Återställer en säkerhetskopia i datamappen (tom eller inte). Den kontrolleras helt först;
    /// den nuvarande databasen sparas under ett daterat namn, ingenting tas bort. På en annan
    /// dator behövs återställningsnyckeln (--recovery-key-file) eller lösenfrasen.
    Restore(backup_cli::RestoreArgs),
}

#[derive(Args)]
struct InitArgs {
    /// Organisationens namn.
    #[arg(long, requires_all = ["org_number", "address", "bankgiro"])]
    org_name: Option<String>,
    /// Organisationsnummer (NNNNNN-NNNN).
    #[arg(long, requires = "org_name")]
    org_number: Option<String>,
    /// Postadress.
    #[arg(long, requires = "org_name")]
    address: Option<String>,
    /// Bankgironummer.
    #[arg(long, requires = "org_name")]
    bankgiro: Option<String>,
    /// Organisationen är godkänd för F-skatt.
    #[arg(long, requires = "org_name")]
    f_skatt: bool,
    /// Spara återställningsnyckeln som ett utskrivbart PDF-ark i denna fil.
    #[arg(long, value_name = "FIL")]
    recovery_sheet: Option<PathBuf>,
    /// Skriv resultatet som JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
enum InvoiceCommand {
    /// Fakturerar t.o.m. DATUM: en faktura per placering och kalendermånad för de nätter som inte
    /// är fakturerade, krediteringar där uppgifterna har ändrats, och serviceavgiftens delbetalningar.
    /// Skriver ut fakturorna som skapades (inga: en tom lista).
    Run {
        #[arg(long, value_name = "DATUM")]
        through: NaiveDate,
        /// Visa vad som skulle skapas, utan att skapa något.
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
    /// Fakturaregistret, med status och vad som är kvar att betala.
    List {
        #[arg(long)]
        json: bool,
    },
    /// En faktura i registret.
    Show {
        #[arg(value_name = "NUMMER")]
        number: String,
        #[arg(long)]
        json: bool,
    },
    /// Krediterar det som återstår av en faktura (kreditfaktura). En senare körning fakturerar på
    /// nytt det som fortfarande ska betalas.
    Credit {
        #[arg(value_name = "NUMMER")]
        number: String,
        /// Varför fakturan krediteras (sparas med kreditfakturan, står inte på den).
        #[arg(long, value_name = "TEXT")]
        reason: String,
        /// Visa kreditfakturan som skulle utfärdas, utan att utfärda den.
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
    /// Registrerar en återbetalning av en fakturas tillgodohavande (betald och sedan krediterad).
    Refund {
        #[arg(value_name = "NUMMER")]
        number: String,
        /// Belopp i kronor, t.ex. 4950 eller 4950,00.
        #[arg(long, value_name = "KR")]
        amount: String,
        #[arg(long, value_name = "DATUM")]
        date: NaiveDate,
        #[arg(long)]
        json: bool,
    },
    /// Drar en fakturas tillgodohavande av från nästa faktura till samma kommun.
    Offset {
        #[arg(value_name = "NUMMER")]
        number: String,
        #[arg(long)]
        json: bool,
    },
    /// Sparar en utfärdad fakturas signerade PDF och e-faktura (Peppol BIS 3.0), eller alla
    /// fakturor och kreditfakturor som utfärdades en månad i en mapp.
    Export {
        #[arg(value_name = "NUMMER", required_unless_present = "month", conflicts_with = "month")]
        number: Option<String>,
        /// Spara PDF:en här.
        #[arg(long, value_name = "FIL", requires = "number")]
        pdf: Option<PathBuf>,
        /// Spara e-fakturan (UBL XML) här.
        #[arg(long, value_name = "FIL", requires = "number")]
        xml: Option<PathBuf>,
        /// Alla dokument som utfärdades denna månad (ÅÅÅÅ-MM).
        #[arg(long, value_name = "ÅÅÅÅ-MM", requires = "dir")]
        month: Option<String>,
        /// Mappen för --month.
        #[arg(long, value_name = "MAPP")]
        dir: Option<PathBuf>,
    },
    /// Gör en betalningspåminnelse (PDF) för en förfallen faktura.
    Reminder {
        #[arg(value_name = "NUMMER")]
        number: String,
        #[arg(long, value_name = "FIL")]
        pdf: PathBuf,
    },
    /// Registrerar en betalning (hel eller delbetalning).
    Pay {
        #[arg(value_name = "NUMMER")]
        number: String,
        /// Belopp i kronor, t.ex. 4950 eller 4950,00.
        #[arg(long, value_name = "KR")]
        amount: String,
        #[arg(long, value_name = "DATUM")]
        date: NaiveDate,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args)]
struct ReportOutputs {
    /// Alla siffror som JSON (utan maskning av små tal: för jourens eget bruk).
    #[arg(long)]
    json: bool,
    /// Rapporten som PDF.
    #[arg(long, value_name = "FIL")]
    pdf: Option<PathBuf>,
    /// Tabellerna som XLSX, ett blad per tabell.
    #[arg(long, value_name = "FIL")]
    xlsx: Option<PathBuf>,
    /// Tabellerna som CSV-filer i en mapp.
    #[arg(long, value_name = "MAPP")]
    csv: Option<PathBuf>,
}

#[derive(Subcommand)]
enum ReportCommand {
    /// Statistik för verksamhetsberättelsen för ett kalenderår.
    Yearly {
        #[arg(long, value_name = "ÅR")]
        year: i32,
        #[command(flatten)]
        out: ReportOutputs,
    },
    /// Uppföljningen av akutplaceringar för ett halvår.
    Followup {
        #[arg(long, value_name = "ÅR")]
        year: i32,
        #[arg(long, value_name = "1|2", value_parser = clap::value_parser!(u8).range(1..=2))]
        half: u8,
        #[command(flatten)]
        out: ReportOutputs,
    },
}

#[derive(Subcommand)]
enum SieCommand {
    /// Skriver SIE 4-filen för perioden.
    Export {
        #[arg(long, value_name = "DATUM")]
        from: NaiveDate,
        #[arg(long, value_name = "DATUM")]
        to: NaiveDate,
        #[arg(long, value_name = "FIL")]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
enum SigningCommand {
    /// Sparar signeringscertifikatet (PEM), så att mottagare kan lita på signaturen.
    Certificate {
        #[arg(long, value_name = "FIL")]
        out: PathBuf,
    },
    /// Byter till organisationens eget certifikat från en PKCS#12-fil (.p12/.pfx). Lösenordet tas
    /// från FRISTAD_P12_PASSWORD eller frågas efter.
    Import {
        #[arg(value_name = "FIL")]
        file: PathBuf,
    },
}

// Parsed once per run: the size of its largest variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
enum SettingsCommand {
    /// Visar inställningarna som gäller.
    Show {
        #[arg(long)]
        json: bool,
    },
    /// Ändrar inställningar; det som inte anges behålls.
    Set {
        #[arg(long, value_name = "DAGAR")]
        payment_terms_days: Option<u32>,
        #[arg(long, value_name = "JA|NEJ", value_parser = ja_nej)]
        round_totals: Option<bool>,
        #[arg(long, value_name = "TEXT")]
        vat_exemption_text: Option<String>,
        /// midnights (boendenätter) eller started_days (varje påbörjat dygn).
        #[arg(long, value_name = "SÄTT")]
        night_counting: Option<String>,
        /// yearly, half_yearly, quarterly eller monthly.
        #[arg(long, value_name = "SCHEMA")]
        fee_schedule: Option<String>,
        /// Från när ett nytt sätt att räkna nätter eller ett nytt schema gäller (annars från
        /// första natten, eller delbetalningen, som inte är fakturerad).
        #[arg(long, value_name = "DATUM")]
        terms_from: Option<NaiveDate>,
        /// Varför nätterna räknas på ett annat sätt eller schemat ändras (sparas med ändringen).
        #[arg(long, value_name = "TEXT")]
        reason: Option<String>,
        /// Tillåt ett datum före det som redan är fakturerat: nästa fakturering krediterar och
        /// fakturerar om de nätterna.
        #[arg(long)]
        reprice: bool,
        /// Visa vad nästa fakturering skulle kreditera och fakturera med ändringen, utan att spara.
        #[arg(long)]
        dry_run: bool,
        /// Serviceavgiften faktureras av Fristad från och med detta datum ("none": inte alls).
        #[arg(long, value_name = "DATUM")]
        service_fee_from: Option<String>,
        /// Visa antal under 3 personer som "<3" i statistikens PDF, XLSX och CSV.
        #[arg(long, value_name = "JA|NEJ", value_parser = ja_nej)]
        suppress_small_cells: Option<bool>,
        /// Fönstret låses efter så många minuter utan användning (1–240).
        #[arg(long, value_name = "MINUTER")]
        idle_lock_minutes: Option<u32>,
        /// Gallring: år efter sista vistelsen innan namn, personnummer m.m. tas bort (1–50).
        #[arg(long, value_name = "ÅR")]
        retention_details_years: Option<u32>,
        /// Gallring: år efter sista vistelsen innan journalanteckningar tas bort (1–50).
        #[arg(long, value_name = "ÅR")]
        retention_journal_years: Option<u32>,
        /// Urklippet töms så många sekunder efter att återställningsnyckeln kopierats (5–600).
        #[arg(long, value_name = "SEKUNDER")]
        clipboard_clear_seconds: Option<u32>,
        /// Mappen för automatiska säkerhetskopior (t.ex. en USB-sticka); "none": ingen.
        #[arg(long, value_name = "MAPP")]
        backup_folder: Option<String>,
        /// Automatisk säkerhetskopia när fönstret stängs.
        #[arg(long, value_name = "JA|NEJ", value_parser = ja_nej)]
        backup_at_exit: Option<bool>,
        /// Automatisk säkerhetskopia en gång om dagen (vid dagens första inloggning).
        #[arg(long, value_name = "JA|NEJ", value_parser = ja_nej)]
        backup_daily: Option<bool>,
        /// Så många automatiska säkerhetskopior sparas i mappen (1–100).
        #[arg(long, value_name = "ANTAL")]
        backup_keep: Option<u32>,
    },
}

/// "ja" or "nej" (also yes/no, true/false, 1/0), as the help promises.
fn ja_nej(text: &str) -> std::result::Result<bool, String> {
    match text.trim().to_lowercase().as_str() {
        "ja" | "j" | "yes" | "y" | "true" | "on" | "1" => Ok(true),
        "nej" | "n" | "no" | "false" | "off" | "0" => Ok(false),
        _ => Err(say(msg!("error.cli.yes_or_no"))),
    }
}

#[derive(Subcommand)]
enum AccountCommand {
    /// Lägger upp ett konto. Lösenordet läses från FRISTAD_NEW_PASSWORD eller frågas efter
    /// (två gånger) i terminalen; det står aldrig på kommandoraden.
    Add {
        /// Användarnamnet (bokstäver, siffror, punkt, bindestreck, understreck).
        #[arg(long)]
        username: String,
        /// Namnet som visas i fönstret och i loggen.
        #[arg(long)]
        name: String,
        /// staff (personal), manager (chef) eller admin (administratör).
        #[arg(long, value_parser = parse_role)]
        role: accounts::Role,
    },
    /// Listar kontona.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Ändrar ett kontos roll.
    Role {
        #[arg(long)]
        username: String,
        #[arg(long, value_parser = parse_role)]
        role: accounts::Role,
    },
    /// Stänger av ett konto (det finns kvar, för loggens skull, men kan inte logga in).
    Disable {
        #[arg(long)]
        username: String,
    },
    /// Öppnar ett avstängt konto igen.
    Enable {
        #[arg(long)]
        username: String,
    },
    /// Sätter ett nytt lösenord (från FRISTAD_NEW_PASSWORD eller frågas efter).
    Password {
        #[arg(long)]
        username: String,
    },
}

fn parse_role(text: &str) -> std::result::Result<accounts::Role, String> {
    accounts::Role::parse(text).map_err(|e| said(&e))
}

#[derive(Subcommand)]
enum RetentionCommand {
    /// Visar vad en gallring i dag skulle ta bort. Ändrar ingenting.
    Preview {
        #[arg(long)]
        json: bool,
    },
    /// Gallrar: tar bort det som förhandsvisningen visar, i en enda transaktion, och loggar det.
    Run {
        #[arg(long)]
        json: bool,
    },
}

fn retention_command(dir: &DataDir, command: &RetentionCommand) -> fristad::Result<()> {
    let mut store = open(dir)?;
    let now = clock::now();
    let policy = settings::load(store.conn())?.retention;
    let (outcome, json, done) = match command {
        RetentionCommand::Preview { json } => (
            fristad::retention::preview(store.conn(), policy, clock::swedish_date(now))?,
            *json,
            false,
        ),
        RetentionCommand::Run { json } => (
            store.write(|tx| fristad::retention::run(tx, policy, CLI_ACTOR, now))?,
            *json,
            true,
        ),
    };
    if json {
        print_json(&outcome);
    } else {
        let verb = if done {
            msg!("label.cli.retention_done")
        } else {
            msg!("label.cli.retention_preview")
        };
        show(msg!(
            "notice.cli.retention",
            verb = verb,
            people = outcome.people,
            placements = outcome.placements,
            details_before = outcome.details_before,
            journal_notes = outcome.journal_notes,
            journal_before = outcome.journal_before,
            corrections = outcome.corrections,
            invoices_kept = outcome.invoices_kept
        ));
    }
    store.close()
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Går igenom hela loggens kedja och talar om den första post som ändrats eller tagits bort.
    Verify {
        #[arg(long)]
        json: bool,
    },
    /// Visar loggen, nyast först, eller allt om en person (personens nyckel).
    Show {
        /// Bara posterna om denna person: personens egen post och placeringar hon eller han bott i.
        #[arg(long, value_name = "NYCKEL")]
        person: Option<String>,
        /// Bara detta kontos poster.
        #[arg(long)]
        username: Option<String>,
        /// Högst så många poster.
        #[arg(long, default_value_t = 100)]
        limit: i64,
        #[arg(long)]
        json: bool,
        /// Spara som CSV i denna fil.
        #[arg(long, value_name = "FIL")]
        csv: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum AgreementCommand {
    /// Visar avtalet: perioden som gäller, sista dag för uppsägning och serviceavgiften.
    Show {
        /// Avtalets nyckel.
        #[arg(long, default_value = agreements::BORAS_IOP)]
        key: String,
        /// Visa läget denna dag (ÅÅÅÅ-MM-DD) i stället för i dag.
        #[arg(long, value_name = "DATUM")]
        on: Option<NaiveDate>,
        #[arg(long)]
        json: bool,
    },
    /// Visar varje sparad version av avtalet, nyast först.
    History {
        #[arg(long, default_value = agreements::BORAS_IOP)]
        key: String,
        #[arg(long)]
        json: bool,
    },
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

fn init(dir: &DataDir, args: &InitArgs) -> fristad::Result<()> {
    let org = args.org_name.as_ref().map(|name| OrganisationInput {
        name: name.clone(),
        org_number: args.org_number.clone().unwrap_or_default(),
        address: args.address.clone().unwrap_or_default(),
        bankgiro: args.bankgiro.clone().unwrap_or_default(),
        f_skatt: args.f_skatt,
    });
    let (choice, storage) = match unlock::passphrase_from_env() {
        Some(p) => (KeyChoice::Passphrase(p), KeyStorage::Passphrase),
        None => (KeyChoice::Keyring, KeyStorage::Keyring),
    };
    let now = clock::now();
    // Where the sheet goes is checked before the store is made, so a sheet that may not be
    // saved there (an existing file) stops everything.
    let sheet = args
        .recovery_sheet
        .as_deref()
        .map(|p| destination(dir, p))
        .transpose()?;
    let created = setup::create(dir, org.as_ref(), choice, CLI_ACTOR, now)?;
    if dir.open_to_others() {
        complain(say(msg!(
            "notice.cli.data_dir_open_to_others",
            folder = dir.path().display()
        )));
    }
    if let Some(sheet) = &sheet {
        let org_name = organisation::load(created.store.conn())?.map(|o| o.name);
        let pdf = recovery_sheet::render(&created.key, org_name.as_deref(), now);
        sheet.write(&pdf)?;
    }
    let recovery = created.key.recovery_text();
    created.store.close()?;
    if args.json {
        print_json(&serde_json::json!({
            "data_dir": dir.path(),
            "storage": storage,
            "recovery_key": recovery.expose(),
        }));
        return Ok(());
    }
    show(msg!("notice.cli.created", folder = dir.path().display()));
    match storage {
        KeyStorage::Keyring => show(msg!("notice.cli.key_in_keyring")),
        KeyStorage::Passphrase => show(msg!(
            "notice.cli.key_behind_passphrase",
            file = dir.key_file_path().display()
        )),
    }
    println!();
    show(msg!("notice.cli.recovery_key_heading"));
    println!("{}", recovery.expose());
    println!();
    show(msg!(
        "notice.cli.recovery_key_sqlcipher",
        hex = recovery.expose().replace(' ', "")
    ));
    if let Some(path) = &args.recovery_sheet {
        show(msg!("notice.cli.recovery_sheet_saved", file = path.display()));
    }
    Ok(())
}

fn verify(dir: &DataDir, json: bool) -> fristad::Result<bool> {
    let store = unlock::open_for_check(dir, unlock_method(dir)?)?;
    // With the heads in this store's backups in the backup folder.
    let report = verify::run_in(&store, dir)?;
    if json {
        print_json(&serde_json::json!({ "ok": report.is_ok(), "report": report }));
    } else if report.is_ok() {
        show(msg!("notice.cli.verified", version = report.schema_version));
    } else {
        for finding in report.findings() {
            complain(&finding);
        }
    }
    Ok(report.is_ok())
}

/// A new password: from FRISTAD_NEW_PASSWORD (for scripts and tests), or typed twice.
fn new_password() -> fristad::Result<(Secret<String>, Secret<String>)> {
    if let Ok(p) = std::env::var("FRISTAD_NEW_PASSWORD") {
        return Ok((Secret::new(p.clone()), Secret::new(p)));
    }
    if !std::io::stdin().is_terminal() {
        return Err(Error::invalid("password", msg!("error.cli.password_needed")));
    }
    let read = |prompt: Message| {
        rpassword::prompt_password(say(prompt))
            .map(Secret::new)
            .map_err(|e| Error::io(msg!("error.cli.reading_password"), &e))
    };
    Ok((
        read(msg!("notice.cli.prompt_new_password"))?,
        read(msg!("notice.cli.prompt_password_again"))?,
    ))
}

fn account_command(dir: &DataDir, command: &AccountCommand) -> fristad::Result<()> {
    let mut store = open(dir)?;
    let now = clock::now();
    match command {
        AccountCommand::Add { username, name, role } => {
            let (password, repeated) = new_password()?;
            let new = accounts::NewAccount {
                username: username.clone(),
                display_name: name.clone(),
                role: *role,
                password: password.expose().clone(),
                password_repeat: repeated.expose().clone(),
            };
            let a = logged(
                &mut store,
                "account_create",
                Kind::Change,
                |tx| accounts::create(tx, &new, CLI_ACTOR, now),
                |a| format!("{} ({})", a.username, a.role.label().to_lowercase()),
            )?;
            show(msg!(
                "notice.cli.account_added",
                username = a.username,
                role = a.role.in_sentence()
            ));
        }
        AccountCommand::List { json } => {
            let list = accounts::list(store.conn())?;
            if *json {
                print_json(&list);
            } else {
                for a in list {
                    let off = if a.disabled {
                        format!(" ({})", say(msg!("label.cli.account_disabled")))
                    } else {
                        String::new()
                    };
                    let role = capitalised(&say(a.role.in_sentence()));
                    println!("{:<20} {:<14} {}{off}", a.username, role, a.display_name);
                }
            }
        }
        AccountCommand::Role { username, role } => {
            let a = logged(
                &mut store,
                "account_update",
                Kind::Change,
                |tx| accounts::set_role(tx, username, *role),
                |a| format!("{}: {}", a.username, a.role.label().to_lowercase()),
            )?;
            show(msg!(
                "notice.cli.account_role",
                username = a.username,
                role = a.role.in_sentence()
            ));
        }
        AccountCommand::Disable { username } | AccountCommand::Enable { username } => {
            let off = matches!(command, AccountCommand::Disable { .. });
            let a = logged(
                &mut store,
                "account_update",
                Kind::Change,
                |tx| accounts::set_disabled(tx, username, off, now),
                |a| format!("{}: {}", a.username, if a.disabled { "avstängt" } else { "öppnat" }),
            )?;
            show(if a.disabled {
                msg!("notice.cli.account_disabled", username = a.username)
            } else {
                msg!("notice.cli.account_enabled", username = a.username)
            });
        }
        AccountCommand::Password { username } => {
            let (password, repeated) = new_password()?;
            logged(
                &mut store,
                "account_set_password",
                Kind::Change,
                |tx| accounts::set_password(tx, username, password.expose(), repeated.expose()),
                |_| username.trim().to_owned(),
            )?;
            show(msg!("notice.cli.password_changed", username = username.trim()));
        }
    }
    store.close()
}

fn audit_command(dir: &DataDir, command: &AuditCommand) -> fristad::Result<bool> {
    match command {
        AuditCommand::Verify { json } => {
            // Verifying reads only: the store is not migrated or written to.
            let store = unlock::open_for_check(dir, unlock_method(dir)?)?;
            let v = audit::verify(store.conn())?;
            // The log's end, against its witness beside the database, and what earlier opens
            // found there.
            let witness = store.witness_finding()?;
            let earlier = fristad::store::witness::past_findings(store.conn())?;
            // And against the heads in this store's backups in the backup folder.
            let backups = fristad::backup::log_head::compare(&store, dir);
            let backups_hold = !backups.iter().any(|b| b.is_finding());
            if *json {
                let mut out = serde_json::to_value(&v).expect("serializable");
                out["witness"] = serde_json::to_value(&witness).expect("serializable");
                out["earlier_findings"] = serde_json::to_value(&earlier).expect("serializable");
                out["backups"] = serde_json::to_value(&backups).expect("serializable");
                print_json(&out);
            } else {
                if let Some(problem) = &v.problem {
                    let problem = match &v.problem_message {
                        Some(m) => Arg::Message(m.clone()),
                        None => Arg::Text(problem.clone()),
                    };
                    complain(&msg!("notice.cli.access_log_broken", problem = problem));
                    complain(&msg!("notice.cli.access_log_tampered"));
                }
                if let Some(f) = &witness {
                    complain(&msg!("notice.store.witness_finding", finding = f.message()));
                }
                for (at, finding) in &earlier {
                    complain(&msg!("notice.store.witness_past", at = at, finding = finding));
                }
                for finding in backups.iter().filter_map(|b| b.message()) {
                    complain(&finding);
                }
                if v.is_ok() && witness.is_none() && earlier.is_empty() && backups_hold {
                    show(msg!("notice.cli.access_log_whole", entries = v.entries));
                }
            }
            Ok(v.is_ok() && witness.is_none() && earlier.is_empty() && backups_hold)
        }
        AuditCommand::Show {
            person,
            username,
            limit,
            json,
            csv,
        } => {
            let mut store = open(dir)?;
            let csv = csv.as_deref().map(|p| destination(dir, p)).transpose()?;
            let entries = match person {
                Some(p) => logged(
                    &mut store,
                    "access_log_person",
                    Kind::View,
                    |tx| audit::for_person(tx, p),
                    |_| audit::About::person(p),
                )?,
                None => audit::recent(store.conn(), username.as_deref(), *limit)?,
            };
            if let Some(csv) = &csv {
                csv.write(&audit::to_csv(&entries)?)?;
            }
            if *json {
                print_json(&entries);
            } else if csv.is_none() {
                for e in &entries {
                    println!(
                        "{:>6} {} {:<16} {:<22} {:<14} {} {}",
                        e.seq,
                        e.at,
                        e.username,
                        fristad::permissions::label_in(&e.action, lang()),
                        e.kind,
                        e.placement.as_deref().unwrap_or(""),
                        e.person.as_deref().unwrap_or("")
                    );
                }
            }
            store.close()?;
            Ok(true)
        }
    }
}

/// The demo's account, for the window.
const DEMO_USER: (&str, &str) = ("demo", "demo-lösenord");

fn demo(dir: &DataDir, years: u32, scale: u32, seed: u64, json: bool) -> fristad::Result<()> {
    if dir.contents() != fristad::data_dir::Contents::Empty {
        return Err(Error::new(Code::StoreExists, msg!("error.cli.demo_needs_empty_folder")));
    }
    let org = OrganisationInput {
        name: "Kvinnojouren Exempelstad (demo)".into(),
        org_number: "802000-0009".into(),
        address: "Box 1, 123 45 Exempelstad".into(),
        bankgiro: "5050-1055".into(),
        f_skatt: true,
    };
    let choice = match unlock::passphrase_from_env() {
        Some(p) => KeyChoice::Passphrase(p),
        None => KeyChoice::Keyring,
    };
    let now = clock::now();
    let created = setup::create(dir, Some(&org), choice, CLI_ACTOR, now)?;
    let recovery = created.key.recovery_text();
    let mut store = created.store;
    let account = accounts::NewAccount {
        username: DEMO_USER.0.into(),
        display_name: "Demo Administratör".into(),
        role: accounts::Role::Admin,
        password: DEMO_USER.1.into(),
        password_repeat: DEMO_USER.1.into(),
    };
    store.write(|tx| accounts::create(tx, &account, CLI_ACTOR, now))?;
    let plan = fristad::demo::Plan { years, scale, seed };
    let made = fristad::demo::fill(&mut store, plan, CLI_ACTOR, now)?;
    store.close()?;
    if json {
        print_json(&serde_json::json!({ "made": made, "recovery_key": recovery.expose(),
            "username": DEMO_USER.0, "password": DEMO_USER.1 }));
        return Ok(());
    }
    show(msg!(
        "notice.cli.demo_created",
        folder = dir.path().display(),
        placements = made.placements,
        women = made.women,
        returning = made.returning,
        children = made.children,
        since = made.first_day.map(|d| d.to_string()).unwrap_or_default(),
        runs = made.invoicing_runs,
        invoices = made.invoices,
        payments = made.payments
    ));
    show(msg!(
        "notice.cli.demo_sign_in",
        username = DEMO_USER.0,
        password = DEMO_USER.1
    ));
    show(msg!("notice.cli.demo_recovery_key", key = recovery.expose()));
    Ok(())
}

fn agreement_show(dir: &DataDir, key: &str, on: Option<NaiveDate>, json: bool) -> fristad::Result<()> {
    let store = open(dir)?;
    let today = on.unwrap_or_else(|| clock::swedish_date(clock::now()));
    let o = history::overview(store.conn(), key, today)?;
    if json {
        print_json(&o);
        return Ok(());
    }
    println!("{}", o.title);
    let c = &o.counterparty;
    show(msg!(
        "notice.cli.agreement_counterparty",
        name = c.name,
        unit = c.unit,
        org_number = c.org_number
    ));
    match o.standing {
        agreements::periods::Standing::InForce(f) => {
            let renewal = if f.last {
                msg!("label.cli.agreement_ends")
            } else {
                msg!("label.cli.agreement_renews")
            };
            show(msg!(
                "notice.cli.agreement_in_force",
                today = today,
                start = f.period.start,
                end = f.period.end,
                number = f.number,
                renewal = renewal
            ));
        }
        agreements::periods::Standing::NotStarted { starts } => {
            show(msg!("notice.cli.agreement_not_started", starts = starts))
        }
        agreements::periods::Standing::Ended { ended } => show(msg!("notice.cli.agreement_ended", ended = ended)),
    }
    if let (Some(deadline), Some(days)) = (o.notice_deadline, o.days_to_notice_deadline) {
        show(msg!(
            "notice.cli.agreement_notice_deadline",
            deadline = deadline,
            days = days
        ));
    }
    if let Some(fee) = &o.service_fee_in_force {
        show(msg!(
            "notice.cli.agreement_service_fee",
            yearly = fee.yearly,
            basis = fee.basis
        ));
    }
    Ok(())
}

fn agreement_history(dir: &DataDir, key: &str, json: bool) -> fristad::Result<()> {
    let store = open(dir)?;
    let versions = history::versions(store.conn(), key)?;
    if json {
        print_json(&versions);
        return Ok(());
    }
    for v in versions {
        show(msg!(
            "notice.cli.agreement_version",
            version = v.version,
            at = clock::to_local_text(v.recorded_at),
            by = v.recorded_by,
            note = v.change_note
        ));
    }
    Ok(())
}

fn import(dir: &DataDir, file: &std::path::Path, json: bool) -> fristad::Result<bool> {
    let text = std::fs::read_to_string(file).map_err(|e| Error::io(msg!("error.cli.reading_import_file"), &e))?;
    // The problems are data in JSON (always Swedish) and lines for people otherwise; the core
    // writes them in the "window's" language, which is this program's for the import.
    let problems_in = if json { Lang::Sv } else { lang() };
    fristad::text::set_window_language(problems_in);
    let outcome = exchange::parse(&text).and_then(|parsed| {
        let mut store = open(dir).map_err(|e| {
            vec![exchange::Problem {
                place: msg!("label.cli.import_database").render(problems_in),
                message: e
                    .text
                    .as_ref()
                    .map_or_else(|| e.message.clone(), |m| m.render(problems_in)),
            }]
        })?;
        let result = exchange::import(&mut store, &parsed, clock::now(), CLI_ACTOR);
        let _ = store.close();
        result
    });
    fristad::text::set_window_language(Lang::Sv);
    match outcome {
        Ok(changes) => {
            if json {
                print_json(&serde_json::json!({ "ok": true, "changes": changes, "changed": changes.total() }));
            } else if changes.total() == 0 {
                show(msg!("notice.cli.import_unchanged"));
            } else {
                show(msg!(
                    "notice.cli.import_done",
                    municipalities = changes.municipalities,
                    tariffs = changes.tariffs,
                    rooms = changes.rooms,
                    people = changes.people,
                    placements = changes.placements,
                    journal = changes.journal,
                    concern_reports = changes.concern_reports,
                    refused_requests = changes.refused_requests
                ));
            }
            Ok(true)
        }
        Err(problems) => {
            if json {
                print_json(&serde_json::json!({ "ok": false, "problems": problems }));
            }
            complain(&match problems.len() {
                1 => msg!("notice.cli.import_failed_one"),
                count => msg!("notice.cli.import_failed", count = count),
            });
            for p in &problems {
                complain(format!("{}: {}", p.place, p.message));
            }
            Ok(false)
        }
    }
}

/// Logs what the CLI did, in the transaction that does it.
fn logged<T, A: Into<audit::About>>(
    store: &mut Store,
    action: &'static str,
    kind: Kind,
    f: impl FnOnce(&rusqlite::Transaction) -> fristad::Result<T>,
    about: impl FnOnce(&T) -> A,
) -> fristad::Result<T> {
    fristad::actions::perform(
        store,
        fristad::actions::Actor::KeyHolder,
        action,
        kind,
        clock::now(),
        |tx, _| f(tx),
        about,
    )
}

fn export(dir: &DataDir, out: Option<&std::path::Path>) -> fristad::Result<()> {
    let mut store = open(dir)?;
    // Where it goes is checked first, so that an export that cannot be saved is not logged.
    let out = out.map(|p| destination(dir, p)).transpose()?;
    // Everything leaves the program here, names included: that is logged before it is written.
    logged(
        &mut store,
        "export",
        Kind::Export,
        |_| Ok(()),
        |_| "hela databasen (export)".to_owned(),
    )?;
    let data = exchange::export(&store)?;
    let text = serde_json::to_string_pretty(&data).expect("serializable") + "\n";
    match out {
        Some(out) => out.write(text.as_bytes()),
        None => {
            print!("{text}");
            Ok(())
        }
    }
}

/// Makes the documents of what was just issued. What is issued is committed whatever happens
/// here: documents that cannot be stored now (a full disk) stay due and are made the next time
/// the store is opened; what to tell the user then.
fn make_documents(store: &Store, now: chrono::DateTime<chrono::Utc>) -> Option<Message> {
    let e = fristad::billing::due_documents::make_all(store.conn(), now).err()?;
    let count = fristad::billing::due_documents::count(store.conn()).unwrap_or(0);
    Some(msg!("notice.cli.documents_pending", count = count, reason = e.as_arg()))
}

fn print_invoices(
    invoices: &[billing::invoice::Invoice],
    held_back: &[billing::held_back::HeldBack],
    json: bool,
    dry_run: bool,
) {
    if json {
        let held: Vec<serde_json::Value> = held_back
            .iter()
            .map(|h| {
                let mut v = serde_json::to_value(h).expect("serializable");
                v["message"] = say(h.message()).into();
                v
            })
            .collect();
        print_json(&serde_json::json!({ "dry_run": dry_run, "invoices": invoices, "held_back": held }));
        return;
    }
    // Held back is not an error (the others are issued), but nobody may miss it.
    for h in held_back {
        eprintln!("{}", say(h.message()));
    }
    if invoices.is_empty() {
        show(msg!("notice.cli.nothing_to_invoice"));
    }
    for i in invoices {
        println!(
            "{} {} {} {}{}: {}",
            i.number.clone().unwrap_or_else(|| say(msg!("label.cli.preview"))),
            say(i.kind.label()),
            i.buyer.name,
            i.placement
                .as_deref()
                .map(|p| format!("{}, ", say(msg!("label.cli.placement", key = p))))
                .unwrap_or_default(),
            format_args!("{} – {}", i.period_from, i.period_to),
            i.total
        );
        for l in &i.lines {
            println!(
                "    {}  {} – {}  {} × {} = {}",
                l.description,
                l.from,
                l.to,
                l.nights.max(1),
                l.unit_price,
                l.amount
            );
        }
    }
}

fn invoice(dir: &DataDir, command: &InvoiceCommand) -> fristad::Result<()> {
    let mut store = open(dir)?;
    let now = clock::now();
    let today = clock::swedish_date(now);
    match command {
        InvoiceCommand::Run {
            through,
            dry_run: true,
            json,
        } => {
            let prepared = billing::run::prepare(store.conn(), *through, now)?;
            let invoices: Vec<_> = prepared.drafts.into_iter().map(|d| d.invoice).collect();
            print_invoices(&invoices, &prepared.held_back, *json, true);
        }
        InvoiceCommand::Run {
            through,
            dry_run: false,
            json,
        } => {
            let invoices = logged(
                &mut store,
                "invoice_issue",
                Kind::Change,
                |tx| billing::run::issue(tx, *through, now, CLI_ACTOR),
                |issued| format!("{} fakturor t.o.m. {through}", issued.invoices.len()),
            )?;
            let pending = make_documents(&store, now);
            print_invoices(&invoices.invoices, &invoices.held_back, *json, false);
            if let Some(pending) = pending {
                complain(say(pending));
            }
        }
        InvoiceCommand::List { json } => {
            let entries = billing::register::list(store.conn(), today)?;
            if *json {
                print_json(
                    &serde_json::json!({ "invoices": entries, "balances": billing::register::balances(store.conn(), today)? }),
                );
            } else {
                for e in entries {
                    show(msg!(
                        "notice.cli.register_row",
                        number = e.invoice.number.as_deref().unwrap_or(""),
                        kind = format!("{:<13}", say(e.invoice.kind.label())),
                        buyer = format!("{:<20}", e.invoice.buyer.name),
                        total = format!("{:>14}", e.invoice.total.to_string()),
                        due = e.invoice.due,
                        status = e.status.label_in(lang()),
                        outstanding = e.outstanding
                    ));
                }
            }
        }
        InvoiceCommand::Show { number, json } => {
            let id = billing::register::id_of(store.conn(), number)?;
            let e = billing::register::entry(store.conn(), id, today)?;
            if *json {
                print_json(&e);
            } else {
                print_invoices(std::slice::from_ref(&e.invoice), &[], false, false);
                show(msg!(
                    "notice.cli.invoice_status",
                    status = e.status.label_in(lang()),
                    paid = e.paid,
                    credited = e.credited,
                    outstanding = e.outstanding
                ));
            }
        }
        InvoiceCommand::Credit {
            number,
            reason,
            dry_run: true,
            json,
        } => {
            if reason.trim().is_empty() {
                return Err(Error::invalid("reason", msg!("error.billing.credit_reason_missing")));
            }
            let draft = billing::credit::prepare(store.conn(), number, now)?;
            print_invoices(std::slice::from_ref(&draft.invoice), &[], *json, true);
        }
        InvoiceCommand::Credit {
            number,
            reason,
            dry_run: false,
            json,
        } => {
            let note = logged(
                &mut store,
                "invoice_credit",
                Kind::Change,
                |tx| billing::credit::credit(tx, number, reason, now, CLI_ACTOR),
                |_| format!("faktura {number}"),
            )?;
            let pending = make_documents(&store, now);
            print_invoices(std::slice::from_ref(&note), &[], *json, false);
            if let Some(pending) = pending {
                complain(say(pending));
            }
        }
        InvoiceCommand::Export {
            number,
            pdf,
            xml,
            month,
            dir: folder,
        } => {
            if let Some(number) = number {
                if pdf.is_none() && xml.is_none() {
                    return Err(Error::invalid("pdf", msg!("error.cli.pdf_or_xml")));
                }
                let id = billing::register::id_of(store.conn(), number)?;
                let documents = billing::register::documents(store.conn(), id, now)?;
                // Refused before anything is written when the e-invoice asked for does not exist.
                let e_invoice = match (xml, &documents.e_invoice) {
                    (Some(p), Some(ubl)) => Some((p, ubl)),
                    (Some(_), None) => {
                        let buyer = billing::register::by_id(store.conn(), id)?.buyer.name;
                        return Err(Error::invalid(
                            "xml",
                            msg!("error.documents.peppol_missing", name = buyer),
                        ));
                    }
                    (None, _) => None,
                };
                // Both places are checked before either file is written.
                let pdf = pdf.as_deref().map(|p| destination(dir, p)).transpose()?;
                let e_invoice = e_invoice
                    .map(|(p, ubl)| destination(dir, p).map(|d| (d, ubl)))
                    .transpose()?;
                if let Some(pdf) = &pdf {
                    pdf.write(&documents.pdf)?;
                }
                if let Some((d, ubl)) = &e_invoice {
                    d.write(ubl.as_bytes())?;
                }
            } else if let (Some(month), Some(folder)) = (month, folder) {
                let files = billing::register::month_documents(store.conn(), month, now)?;
                if !folder.is_dir() {
                    std::fs::create_dir_all(folder).map_err(|e| Error::io(msg!("error.cli.creating_folder"), &e))?;
                }
                let saved: Vec<(PathBuf, &[u8])> = files
                    .iter()
                    .flat_map(|(name, documents)| documents.files(name))
                    .map(|(file, bytes)| (folder.join(file), bytes))
                    .collect();
                saved_file::save_all(&saved, dir, existing())?;
                for (name, documents) in &files {
                    if documents.e_invoice.is_none() {
                        show(msg!("notice.cli.pdf_only", name = name));
                    }
                }
                show(msg!(
                    "notice.cli.documents_saved",
                    count = files.len(),
                    folder = folder.display()
                ));
            }
        }
        InvoiceCommand::Reminder { number, pdf } => {
            let out = destination(dir, pdf)?;
            let bytes = logged(
                &mut store,
                "invoice_reminder",
                Kind::Change,
                |tx| billing::reminder::reminder(tx, number, now),
                |_| format!("faktura {number}"),
            )?;
            out.write(&bytes)?;
            show(msg!("notice.cli.reminder_saved", number = number, file = pdf.display()));
        }
        InvoiceCommand::Refund {
            number,
            amount,
            date,
            json,
        } => {
            let amount = fristad::money::Money::read_kronor(amount).map_err(|m| Error::invalid("amount", m))?;
            let e = logged(
                &mut store,
                "invoice_refund",
                Kind::Change,
                |tx| billing::credit_balance::refund(tx, number, amount, *date, now, CLI_ACTOR),
                |_| format!("faktura {number}"),
            )?;
            if *json {
                print_json(&e);
            } else {
                show(msg!(
                    "notice.cli.refund_registered",
                    number = number,
                    balance = e.credit_balance
                ));
            }
        }
        InvoiceCommand::Offset { number, json } => {
            let e = logged(
                &mut store,
                "invoice_offset",
                Kind::Change,
                |tx| billing::credit_balance::offset_on_next(tx, number, now, CLI_ACTOR),
                |_| format!("faktura {number}"),
            )?;
            if *json {
                print_json(&e);
            } else {
                show(msg!(
                    "notice.cli.offset_requested",
                    number = number,
                    balance = e.credit_balance
                ));
            }
        }
        InvoiceCommand::Pay {
            number,
            amount,
            date,
            json,
        } => {
            let amount = fristad::money::Money::read_kronor(amount).map_err(|m| Error::invalid("amount", m))?;
            let e = logged(
                &mut store,
                "invoice_pay",
                Kind::Change,
                |tx| billing::payments::pay(tx, number, amount, *date, now, CLI_ACTOR),
                |_| format!("faktura {number}"),
            )?;
            if *json {
                print_json(&e);
            } else {
                show(msg!(
                    "notice.cli.payment_registered",
                    number = number,
                    status = e.status.label_in(lang()),
                    outstanding = e.outstanding
                ));
            }
        }
    }
    store.close()
}

fn parse_choice<T: serde::de::DeserializeOwned>(field: &str, text: &str) -> fristad::Result<T> {
    serde_json::from_value(serde_json::Value::String(text.trim().to_owned())).map_err(|_| {
        Error::invalid(
            field,
            msg!("error.cli.invalid_choice", option = field.replace('_', "-")),
        )
    })
}

fn settings_command(dir: &DataDir, command: &SettingsCommand) -> fristad::Result<()> {
    let mut store = open(dir)?;
    match command {
        SettingsCommand::Show { json } => {
            let mut shown = serde_json::to_value(settings::load(store.conn())?).expect("serializable");
            // How nights are counted and the fee's schedule are dated terms: as last decided, with
            // every change.
            let terms = fristad::terms::billing_terms(store.conn())?;
            shown["night_counting"] = serde_json::to_value(terms.night_counting).expect("serializable");
            shown["service_fee_schedule"] = serde_json::to_value(terms.fee_schedule).expect("serializable");
            shown["terms"] = serde_json::to_value(&terms).expect("serializable");
            if *json {
                print_json(&shown);
            } else {
                println!("{}", serde_json::to_string_pretty(&shown).expect("serializable"));
            }
        }
        SettingsCommand::Set {
            payment_terms_days,
            round_totals,
            vat_exemption_text,
            night_counting,
            fee_schedule,
            terms_from,
            reason,
            reprice,
            dry_run,
            service_fee_from,
            suppress_small_cells,
            idle_lock_minutes,
            retention_details_years,
            retention_journal_years,
            clipboard_clear_seconds,
            backup_folder,
            backup_at_exit,
            backup_daily,
            backup_keep,
        } => {
            let mut s = settings::load(store.conn())?;
            if let Some(d) = payment_terms_days {
                s.payment_terms_days = *d;
            }
            if let Some(r) = round_totals {
                s.round_totals = *r;
            }
            if let Some(t) = vat_exemption_text {
                s.vat_exemption_text = t.clone();
            }
            let terms = fristad::terms::Changing {
                night_counting: night_counting
                    .as_deref()
                    .map(|n| parse_choice("night_counting", n))
                    .transpose()?,
                fee_schedule: fee_schedule
                    .as_deref()
                    .map(|f| parse_choice("fee_schedule", f))
                    .transpose()?,
                from: *terms_from,
                reason: reason
                    .clone()
                    .unwrap_or_else(|| "Ändrat med fristad-cli settings set".to_owned()),
                reprice: *reprice,
                ..Default::default()
            };
            if let Some(from) = service_fee_from {
                s.service_fee_from = if from.trim() == "none" {
                    None
                } else {
                    Some(
                        NaiveDate::parse_from_str(from.trim(), "%Y-%m-%d")
                            .map_err(|_| Error::invalid("service_fee_from", msg!("error.cli.date_or_none")))?,
                    )
                };
            }
            if let Some(x) = suppress_small_cells {
                s.suppress_small_cells = *x;
            }
            if let Some(x) = idle_lock_minutes {
                s.idle_lock_minutes = *x;
            }
            if let Some(x) = retention_details_years {
                s.retention.personal_details_years = *x;
            }
            if let Some(x) = retention_journal_years {
                s.retention.journal_years = *x;
            }
            if let Some(x) = clipboard_clear_seconds {
                s.clipboard_clear_seconds = *x;
            }
            if let Some(x) = backup_folder {
                s.backup.folder = (x.trim() != "none").then(|| x.trim().to_owned());
            }
            if let Some(x) = backup_at_exit {
                s.backup.at_exit = *x;
            }
            if let Some(x) = backup_daily {
                s.backup.daily = *x;
            }
            if let Some(x) = backup_keep {
                s.backup.keep = *x;
            }
            let save = |tx: &rusqlite::Transaction| -> fristad::Result<bool> {
                let terms = fristad::terms::change_billing(tx, &terms, CLI_ACTOR, clock::now())?;
                Ok(settings::save(tx, &s, CLI_ACTOR, clock::now())? || terms)
            };
            if *dry_run {
                // What the next run would make because of the change; nothing is saved.
                let effect = billing::change_effect::of(store.conn(), save, clock::now())?;
                let documents: Vec<_> = effect.credit_notes.into_iter().chain(effect.invoices).collect();
                print_invoices(&documents, &[], false, true);
                return store.close();
            }
            let changed = logged(&mut store, "save_billing_settings", Kind::Change, save, |_| {
                String::new()
            })?;
            show(if changed {
                msg!("notice.cli.settings_saved")
            } else {
                msg!("notice.cli.nothing_changed")
            });
        }
    }
    store.close()
}

fn logo(dir: &DataDir, file: Option<&std::path::Path>) -> fristad::Result<()> {
    let mut store = open(dir)?;
    let png = file
        .map(|f| std::fs::read(f).map_err(|e| Error::io(msg!("error.cli.reading_image"), &e)))
        .transpose()?;
    logged(
        &mut store,
        if png.is_some() { "logo_choose" } else { "logo_remove" },
        Kind::Change,
        |tx| organisation::set_logo(tx, png.as_deref(), clock::now()),
        |_| String::new(),
    )?;
    show(if png.is_some() {
        msg!("notice.cli.logo_saved")
    } else {
        msg!("notice.cli.logo_removed")
    });
    store.close()
}

fn report_command(dir: &DataDir, command: &ReportCommand) -> fristad::Result<()> {
    use fristad::statistics::{self, Span, export, report_pdf};
    use fristad::text::Lang;
    let store = open(dir)?;
    let now = clock::now();
    let conn = store.conn();
    let suppress = settings::load(conn)?.suppress_small_cells;
    let write = |path: &std::path::Path, bytes: &[u8]| save_file(dir, path, bytes);
    match command {
        ReportCommand::Yearly { year, out } => {
            let report = statistics::compute(conn, Span::year(*year), now)?;
            let previous = statistics::compute(conn, Span::year(year - 1), now)?;
            let org = organisation::load(conn)?.map(|o| o.name).unwrap_or_default();
            if out.json {
                print_json(&report);
            }
            if let Some(p) = &out.pdf {
                write(
                    p,
                    &report_pdf::yearly(&report, &previous, &org, suppress, now, Lang::Sv),
                )?;
            }
            if let Some(p) = &out.xlsx {
                write(p, &export::yearly_xlsx(&report, suppress, Lang::Sv)?)?;
            }
            if let Some(d) = &out.csv {
                export::write_csv(d, dir, existing(), &export::yearly_tables(&report, suppress, Lang::Sv))?;
            }
            if !out.json {
                show(msg!(
                    "notice.cli.yearly_report",
                    year = year,
                    individuals = report.individuals.total,
                    adults = report.individuals.adults,
                    children = report.individuals.children,
                    nights = report.nights.total,
                    started = report.placements.started
                ));
            }
        }
        ReportCommand::Followup { year, half, out } => {
            let report = statistics::follow_up(conn, Span::half(*year, *half), now)?;
            let org = organisation::load(conn)?.map(|o| o.name).unwrap_or_default();
            if out.json {
                print_json(&report);
            }
            if let Some(p) = &out.pdf {
                write(p, &report_pdf::follow_up(&report, &org, suppress, now, Lang::Sv))?;
            }
            if let Some(p) = &out.xlsx {
                write(
                    p,
                    &export::tables_xlsx(&export::follow_up_tables(&report, suppress, Lang::Sv))?,
                )?;
            }
            if let Some(d) = &out.csv {
                export::write_csv(
                    d,
                    dir,
                    existing(),
                    &export::follow_up_tables(&report, suppress, Lang::Sv),
                )?;
            }
            if !out.json {
                show(msg!(
                    "notice.cli.follow_up_report",
                    year = year,
                    half = half,
                    acute = report.acute_placements,
                    beyond_two_nights = report.beyond_two_nights
                ));
            }
        }
    }
    store.close()
}

fn sie_command(dir: &DataDir, command: &SieCommand) -> fristad::Result<()> {
    let store = open(dir)?;
    let SieCommand::Export { from, to, out } = command;
    let destination = destination(dir, out)?;
    let bytes = billing::sie::export(store.conn(), *from, *to, clock::now())?;
    destination.write(&bytes)?;
    show(msg!("notice.cli.sie_saved", from = from, to = to, file = out.display()));
    store.close()
}

fn signing_command(dir: &DataDir, command: &SigningCommand) -> fristad::Result<()> {
    let mut store = open(dir)?;
    match command {
        SigningCommand::Certificate { out } => {
            let org = organisation::load(store.conn())?
                .ok_or_else(|| Error::new(Code::NotReady, msg!("error.cli.organisation_missing")))?;
            let identity = store.write(|tx| fristad::documents::signing::ensure(tx, &org.name, clock::now()))?;
            save_file(dir, out, identity.certificate_pem()?.as_bytes())?;
            show(msg!(
                "notice.cli.certificate_saved",
                subject = identity.subject()?,
                file = out.display()
            ));
        }
        SigningCommand::Import { file } => {
            let data = std::fs::read(file).map_err(|e| Error::io(msg!("error.cli.reading_pkcs12"), &e))?;
            let password = match std::env::var("FRISTAD_P12_PASSWORD") {
                Ok(p) => Secret::new(p),
                Err(_) => Secret::new(
                    rpassword::prompt_password(say(msg!("notice.cli.prompt_pkcs12_password")))
                        .map_err(|e| Error::io(msg!("error.cli.reading_password"), &e))?,
                ),
            };
            let identity = fristad::documents::signing::SigningIdentity::from_pkcs12(&data, &password)?;
            logged(
                &mut store,
                "signing_import",
                Kind::Change,
                |tx| fristad::documents::signing::import(tx, &identity, clock::now()),
                |_| String::new(),
            )?;
            show(msg!("notice.cli.certificate_in_use", subject = identity.subject()?));
        }
    }
    store.close()
}

fn recover(dir: &DataDir) -> fristad::Result<()> {
    let text = match std::env::var("FRISTAD_RECOVERY_KEY") {
        Ok(t) => Secret::new(t),
        Err(_) if std::io::stdin().is_terminal() => Secret::new(
            rpassword::prompt_password(say(msg!("notice.cli.prompt_recovery_key")))
                .map_err(|e| Error::io(msg!("error.cli.reading_key"), &e))?,
        ),
        Err(_) => {
            let mut t = String::new();
            std::io::Read::read_to_string(&mut std::io::stdin(), &mut t)
                .map_err(|e| Error::io(msg!("error.cli.reading_key"), &e))?;
            Secret::new(t)
        }
    };
    let key = DbKey::parse_recovery(text.expose())?;
    let choice = match unlock::passphrase_from_env() {
        Some(p) => KeyChoice::Passphrase(p),
        None => KeyChoice::Keyring,
    };
    let store = unlock::recover(dir, key, choice)?;
    store.close()?;
    show(msg!("notice.cli.recovered"));
    Ok(())
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
        Command::Key { command } => key_cli::run(&dir, command).map(|_| true),
        Command::Demo {
            years,
            scale,
            seed,
            json,
        } => demo(&dir, *years, *scale, *seed, *json).map(|_| true),
        Command::Backup(args) => backup_cli::backup(&dir, args),
        Command::Restore(args) => backup_cli::restore(&dir, args),
        Command::Account { command } => account_command(&dir, command).map(|_| true),
        Command::Audit { command } => audit_command(&dir, command),
        Command::Retention { command } => retention_command(&dir, command).map(|_| true),
        Command::Import { file, json } => import(&dir, file, *json),
        Command::Export { json: _, out } => export(&dir, out.as_deref()).map(|_| true),
        Command::Invoice { command } => invoice(&dir, command).map(|_| true),
        Command::Settings { command } => settings_command(&dir, command).map(|_| true),
        Command::Signing { command } => signing_command(&dir, command).map(|_| true),
        Command::Sie { command } => sie_command(&dir, command).map(|_| true),
        Command::Report { command } => report_command(&dir, command).map(|_| true),
        Command::Logo { file, remove: _ } => logo(&dir, file.as_deref()).map(|_| true),
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

/// As `fristad::error::hide_panic_details`, in English.
fn hide_panic_details_in_english() {
    std::panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!(" ({}:{})", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("{}", msg!("notice.cli.internal_error", place = place).render(Lang::En));
    }));
}

/// The help texts (the doc comments above, as clap keeps them) with their catalogue texts; the
/// Swedish catalogue text is the doc comment, word for word, and tells which text to replace.
fn help_texts() -> Vec<Message> {
    let mut texts = key_cli::help_texts();
    texts.extend([
        // fristad-cli itself
        msg!("notice.cli.help_about"),
        msg!("notice.cli.help_long_about"),
        msg!("notice.cli.help_data_dir"),
        msg!("notice.cli.help_language"),
        msg!("notice.cli.help_force"),
        msg!("notice.cli.help_json"),
        // init
        msg!("notice.cli.help_init"),
        msg!("notice.cli.help_org_name"),
        msg!("notice.cli.help_org_number"),
        msg!("notice.cli.help_address"),
        msg!("notice.cli.help_bankgiro"),
        msg!("notice.cli.help_f_skatt"),
        msg!("notice.cli.help_recovery_sheet"),
        // verify, agreement
        msg!("notice.cli.help_verify"),
        msg!("notice.cli.help_agreement"),
        msg!("notice.cli.help_agreement_show"),
        msg!("notice.cli.help_agreement_key"),
        msg!("notice.cli.help_agreement_on"),
        msg!("notice.cli.help_agreement_history"),
        // import, export
        msg!("notice.cli.help_import"),
        msg!("notice.cli.help_import_file"),
        msg!("notice.cli.help_export"),
        msg!("notice.cli.help_export_json"),
        msg!("notice.cli.help_export_out"),
        // invoice
        msg!("notice.cli.help_invoice"),
        msg!("notice.cli.help_invoice_run"),
        msg!("notice.cli.help_dry_run"),
        msg!("notice.cli.help_invoice_list"),
        msg!("notice.cli.help_invoice_show"),
        msg!("notice.cli.help_invoice_credit"),
        msg!("notice.cli.help_credit_reason"),
        msg!("notice.cli.help_credit_dry_run"),
        msg!("notice.cli.help_invoice_refund"),
        msg!("notice.cli.help_invoice_offset"),
        msg!("notice.cli.help_invoice_export"),
        msg!("notice.cli.help_invoice_pdf"),
        msg!("notice.cli.help_invoice_xml"),
        msg!("notice.cli.help_invoice_month"),
        msg!("notice.cli.help_invoice_dir"),
        msg!("notice.cli.help_invoice_reminder"),
        msg!("notice.cli.help_invoice_pay"),
        msg!("notice.cli.help_amount"),
        // report, sie
        msg!("notice.cli.help_report"),
        msg!("notice.cli.help_report_yearly"),
        msg!("notice.cli.help_report_followup"),
        msg!("notice.cli.help_report_json"),
        msg!("notice.cli.help_report_pdf"),
        msg!("notice.cli.help_report_xlsx"),
        msg!("notice.cli.help_report_csv"),
        msg!("notice.cli.help_sie"),
        msg!("notice.cli.help_sie_export"),
        // logo, signing
        msg!("notice.cli.help_logo"),
        msg!("notice.cli.help_logo_file"),
        msg!("notice.cli.help_logo_remove"),
        msg!("notice.cli.help_signing"),
        msg!("notice.cli.help_signing_certificate"),
        msg!("notice.cli.help_signing_import"),
        // settings
        msg!("notice.cli.help_settings"),
        msg!("notice.cli.help_settings_show"),
        msg!("notice.cli.help_settings_set"),
        msg!("notice.cli.help_night_counting"),
        msg!("notice.cli.help_fee_schedule"),
        msg!("notice.cli.help_terms_from"),
        msg!("notice.cli.help_terms_reason"),
        msg!("notice.cli.help_reprice"),
        msg!("notice.cli.help_settings_dry_run"),
        msg!("notice.cli.help_service_fee_from"),
        msg!("notice.cli.help_suppress_small_cells"),
        msg!("notice.cli.help_idle_lock_minutes"),
        msg!("notice.cli.help_retention_details_years"),
        msg!("notice.cli.help_retention_journal_years"),
        msg!("notice.cli.help_clipboard_clear_seconds"),
        msg!("notice.cli.help_backup_folder"),
        msg!("notice.cli.help_backup_at_exit"),
        msg!("notice.cli.help_backup_daily"),
        msg!("notice.cli.help_backup_keep"),
        // account
        msg!("notice.cli.help_account"),
        msg!("notice.cli.help_account_add"),
        msg!("notice.cli.help_username"),
        msg!("notice.cli.help_display_name"),
        msg!("notice.cli.help_role"),
        msg!("notice.cli.help_account_list"),
        msg!("notice.cli.help_account_role"),
        msg!("notice.cli.help_account_disable"),
        msg!("notice.cli.help_account_enable"),
        msg!("notice.cli.help_account_password"),
        // retention, audit
        msg!("notice.cli.help_retention"),
        msg!("notice.cli.help_retention_preview"),
        msg!("notice.cli.help_retention_run"),
        msg!("notice.cli.help_audit"),
        msg!("notice.cli.help_audit_verify"),
        msg!("notice.cli.help_audit_show"),
        msg!("notice.cli.help_audit_person"),
        msg!("notice.cli.help_audit_username"),
        msg!("notice.cli.help_audit_limit"),
        msg!("notice.cli.help_audit_csv"),
        // recover, demo
        msg!("notice.cli.help_recover"),
        msg!("notice.cli.help_demo"),
        msg!("notice.cli.help_demo_years"),
        msg!("notice.cli.help_demo_scale"),
        msg!("notice.cli.help_demo_seed"),
        // backup, restore
        msg!("notice.cli.help_backup"),
        msg!("notice.cli.help_backup_to"),
        msg!("notice.cli.help_backup_automatic"),
        msg!("notice.cli.help_backup_keep_automatic"),
        msg!("notice.cli.help_backup_verify"),
        msg!("notice.cli.help_backup_file"),
        msg!("notice.cli.help_recovery_key_file"),
        msg!("notice.cli.help_restore"),
        // the names of values: --data-dir <MAPP> …
        msg!("label.cli.value_folder"),
        msg!("label.cli.value_file"),
        msg!("label.cli.value_date"),
        msg!("label.cli.value_month"),
        msg!("label.cli.value_year"),
        msg!("label.cli.value_number"),
        msg!("label.cli.value_kronor"),
        msg!("label.cli.value_yes_no"),
        msg!("label.cli.value_days"),
        msg!("label.cli.value_method"),
        msg!("label.cli.value_schedule"),
        msg!("label.cli.value_minutes"),
        msg!("label.cli.value_seconds"),
        msg!("label.cli.value_count"),
        msg!("label.cli.value_key"),
        msg!("label.cli.value_language"),
    ]);
    texts
}

/// Swedish help text → English, for every text of `help_texts` (none has a placeholder).
fn english_help() -> std::collections::HashMap<String, &'static str> {
    help_texts()
        .iter()
        .map(|m| (m.render(Lang::Sv), fristad::text::text(Lang::En, m.key)))
        .collect()
}

/// The command with its help in English: each command's about and each argument's help and
/// value names replaced by their catalogue texts (clap's own words are English already).
fn in_english(command: clap::Command) -> clap::Command {
    fn translate(
        mut command: clap::Command,
        english: &std::collections::HashMap<String, &'static str>,
    ) -> clap::Command {
        let find = |text: Option<&clap::builder::StyledStr>| text.and_then(|t| english.get(&t.to_string()).copied());
        if let Some(about) = find(command.get_about()) {
            command = command.about(about);
        }
        if let Some(long_about) = find(command.get_long_about()) {
            command = command.long_about(long_about);
        }
        command
            .mut_args(|mut arg| {
                if let Some(help) = find(arg.get_help()) {
                    arg = arg.help(help);
                }
                if let Some(long_help) = find(arg.get_long_help()) {
                    arg = arg.long_help(long_help);
                }
                if let Some(names) = arg.get_value_names() {
                    let names: Vec<&'static str> = names
                        .iter()
                        .map(|n| english.get(n.as_str()).copied())
                        .collect::<Option<_>>()
                        .unwrap_or_default();
                    if !names.is_empty() {
                        arg = arg.value_names(names);
                    }
                }
                arg
            })
            .mut_subcommands(|sub| translate(sub, english))
    }
    translate(command, &english_help())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every about, help and value name in `command` and its subcommands, with where it is.
    fn texts(command: &clap::Command, path: &str, out: &mut Vec<(String, String)>) {
        let path = format!("{path} {}", command.get_name());
        for text in [command.get_about(), command.get_long_about()].into_iter().flatten() {
            out.push((path.clone(), text.to_string()));
        }
        for arg in command.get_arguments() {
            let place = format!("{path} {}", arg.get_id());
            for text in [arg.get_help(), arg.get_long_help()].into_iter().flatten() {
                out.push((place.clone(), text.to_string()));
            }
            for name in arg.get_value_names().unwrap_or_default() {
                // clap's own name for a value (the argument's name in capitals) and the
                // language-neutral ones need no translation.
                if name.as_str() != arg.get_id().as_str().to_uppercase() && !["TEXT", "1|2"].contains(&name.as_str()) {
                    out.push((place.clone(), name.to_string()));
                }
            }
        }
        for sub in command.get_subcommands() {
            texts(sub, &path, out);
        }
    }

    #[test]
    fn every_help_text_has_its_english_text_word_for_word() {
        Cli::command().debug_assert();
        let english = english_help();
        let mut swedish = Vec::new();
        texts(&Cli::command(), "", &mut swedish);
        let missing: Vec<String> = swedish
            .iter()
            .filter(|(_, text)| !english.contains_key(text))
            .map(|(place, text)| format!("{place}: {text:?}"))
            .collect();
        assert!(missing.is_empty(), "no English text for:\n{}", missing.join("\n"));

        let mut translated = Vec::new();
        texts(&in_english(Cli::command()), "", &mut translated);
        let still_swedish: Vec<String> = translated
            .iter()
            .filter(|(_, text)| {
                text.replace("demo-lösenord", "")
                    .contains(['å', 'ä', 'ö', 'Å', 'Ä', 'Ö'])
            })
            .map(|(place, text)| format!("{place}: {text:?}"))
            .collect();
        assert!(still_swedish.is_empty(), "{}", still_swedish.join("\n"));
        in_english(Cli::command()).debug_assert();
    }

    #[test]
    fn the_language_is_read_from_the_option_before_clap_parses() {
        let args = |list: &[&str]| list.iter().map(std::ffi::OsString::from).collect::<Vec<_>>();
        // Swedish when nothing asks for English (unless the tests run with FRISTAD_LANGUAGE).
        if std::env::var_os(LANGUAGE_ENV).is_none() {
            assert_eq!(language_asked(&args(&["fristad-cli", "verify"])), Lang::Sv);
        }
        assert_eq!(
            language_asked(&args(&["fristad-cli", "--language", "en", "verify"])),
            Lang::En
        );
        assert_eq!(
            language_asked(&args(&["fristad-cli", "verify", "--language=EN"])),
            Lang::En
        );
        assert_eq!(
            language_asked(&args(&["fristad-cli", "--language", "en", "--language", "sv"])),
            Lang::Sv
        );
    }
}

// ===== Säkerhetskopior: `backup --to`, `backup verify`, `restore` =====================================
// Its own region (and module), over `fristad::backup`.
mod backup_cli {
    use super::{complain, logged, open, print_json, said, say, show};
    use clap::{Args, Subcommand};
    use fristad::audit::Kind;
    use fristad::backup::{self, Keys, OpenedWith, Verified};
    use fristad::data_dir::DataDir;
    use fristad::keys::{DbKey, KeyStorage};
    use fristad::secret::Secret;
    use fristad::setup::KeyChoice;
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
            if let Err(e) = logged(&mut store, "backup_now", Kind::Export, |_| Ok(()), |_| name) {
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
            let keep_as = keys.recovery_key.as_ref().map(|_| match unlock::passphrase_from_env() {
                Some(p) => KeyChoice::Passphrase(p),
                None => KeyChoice::Keyring,
            });
            backup::restore(&args.file, dir, keys, keep_as, clock::now())
        })?;
        let backup::Restored {
            mut store,
            verified,
            set_aside,
            key_storage,
        } = restored;
        let name = verified.file_name.clone();
        logged(&mut store, "backup_restore", Kind::Change, |_| Ok(()), |_| name)?;
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
}
