//! Creating a store, checking it, recovering it, and a demo store: the key holder's own commands.

use crate::*;

#[derive(Args)]
pub(crate) struct InitArgs {
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
    /// Namnet som visas för det första administratörskontot (annars användarnamnet).
    #[arg(long, value_name = "NAMN")]
    admin_name: Option<String>,
    /// Skriv resultatet som JSON.
    #[arg(long)]
    json: bool,
}

pub(crate) fn init(dir: &DataDir, args: &InitArgs) -> fristad::Result<()> {
    let org = args.org_name.as_ref().map(|name| OrganisationInput {
        name: name.clone(),
        org_number: args.org_number.clone().unwrap_or_default(),
        address: args.address.clone().unwrap_or_default(),
        bankgiro: args.bankgiro.clone().unwrap_or_default(),
        f_skatt: args.f_skatt,
    });
    let choice = key_choice_from_env();
    let storage = match choice {
        KeyChoice::Passphrase(_) => KeyStorage::Passphrase,
        KeyChoice::Keyring => KeyStorage::Keyring,
    };
    let now = clock::now();
    // Where the sheet goes is checked before the store is made, so a sheet that may not be
    // saved there (an existing file) stops everything.
    let sheet = args
        .recovery_sheet
        .as_deref()
        .map(|p| destination(dir, p))
        .transpose()?;
    // So is the first administrator, whose name and password are checked before anything is made.
    let admin = first_admin(args.admin_name.as_deref())?;
    let mut created = setup::create(dir, org.as_ref(), choice, CLI_ACTOR, now)?;
    let admin = admin
        .map(|new| fristad::actions::accounts::create_first(&mut created.store, &new, now))
        .transpose()?;
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
            "administrator": admin.as_ref().map(|a| &a.username),
        }));
        return Ok(());
    }
    show(msg!("notice.cli.created", folder = dir.path().display()));
    show(match &admin {
        Some(a) => msg!("notice.cli.first_admin_made", username = a.username),
        None => msg!("notice.cli.no_first_admin"),
    });
    show_storage(dir, storage);
    show_recovery_key(&recovery, args.recovery_sheet.as_deref());
    Ok(())
}

/// Where a new key is kept: behind the passphrase in FRISTAD_PASSPHRASE when it is set (the
/// keyring is then never used), otherwise in the keyring.
pub(crate) fn key_choice_from_env() -> KeyChoice {
    match unlock::passphrase_from_env() {
        Some(p) => KeyChoice::Passphrase(p),
        None => KeyChoice::Keyring,
    }
}

/// How the store's key is kept, as a line for people.
pub(crate) fn show_storage(dir: &DataDir, storage: KeyStorage) {
    match storage {
        KeyStorage::Keyring => show(msg!("notice.cli.key_in_keyring")),
        KeyStorage::Passphrase => show(msg!(
            "notice.cli.key_behind_passphrase",
            file = dir.key_file_path().display()
        )),
    }
}

/// The recovery key, the one time it is shown (after `init` and `key change`), and where its
/// sheet was saved, if it was.
pub(crate) fn show_recovery_key(recovery: &Secret<String>, sheet: Option<&Path>) {
    println!();
    show(msg!("notice.cli.recovery_key_heading"));
    println!("{}", recovery.expose());
    println!();
    show(msg!(
        "notice.cli.recovery_key_sqlcipher",
        hex = recovery.expose().replace(' ', "")
    ));
    if let Some(path) = sheet {
        show(msg!("notice.cli.recovery_sheet_saved", file = path.display()));
    }
}

pub(crate) fn verify(dir: &DataDir, json: bool) -> fristad::Result<bool> {
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

pub(crate) fn demo(dir: &DataDir, years: u32, scale: u32, seed: u64, json: bool) -> fristad::Result<()> {
    if dir.contents() != fristad::data_dir::Contents::Empty {
        return Err(Error::new(Code::StoreExists, msg!("error.cli.demo_needs_empty_folder")));
    }
    let choice = key_choice_from_env();
    let plan = fristad::demo::Plan { years, scale, seed };
    let (made, recovery) = fristad::demo::create(dir, plan, choice, clock::now())?;
    const DEMO_USER: (&str, &str) = fristad::demo::ACCOUNT;
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

pub(crate) fn recover(dir: &DataDir) -> fristad::Result<()> {
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
    let choice = key_choice_from_env();
    let store = unlock::recover(dir, key, choice)?;
    store.close()?;
    show(msg!("notice.cli.recovered"));
    Ok(())
}
