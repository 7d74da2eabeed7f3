//! The organisation's logo, the certificate its invoices are signed with, and its year.

use crate::*;

#[derive(Subcommand)]
pub(crate) enum SigningCommand {
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

pub(crate) fn logo(dir: &DataDir, file: Option<&std::path::Path>) -> fristad::Result<()> {
    let (mut store, who) = open_signed_in(dir)?;
    let png = file
        .map(|f| std::fs::read(f).map_err(|e| Error::io(msg!("error.cli.reading_image"), &e)))
        .transpose()?;
    logged(
        &mut store,
        &who,
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

pub(crate) fn signing_command(dir: &DataDir, command: &SigningCommand) -> fristad::Result<()> {
    let (mut store, who) = open_signed_in(dir)?;
    match command {
        SigningCommand::Certificate { out } => {
            may(&who, "signing_info")?;
            let org = organisation::load(store.conn())?
                .ok_or_else(|| Error::new(Code::NotReady, msg!("error.cli.organisation_missing")))?;
            let identity = fristad::actions::organisation::signing_identity(&mut store, &org.name, clock::now())?;
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
                &who,
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

#[derive(Subcommand)]
pub(crate) enum YearCommand {
    /// Anger ett års siffror (en ny uppgift; den gamla sparas).
    Set {
        #[arg(long, value_name = "ÅR")]
        year: i32,
        /// Personal i årsarbetskrafter, t.ex. 4,5.
        #[arg(long, value_name = "ANTAL")]
        staff_fte: String,
        #[arg(long, value_name = "ANTAL")]
        volunteers: u32,
        #[arg(long, value_name = "ANTAL")]
        volunteer_hours: u32,
        /// Platser enligt IVO-tillståndet (annars som året innan).
        #[arg(long, value_name = "ANTAL")]
        ivo_places: Option<u32>,
    },
    /// Visar varje års uppgifter, även de äldre.
    Show {
        /// Skriv resultatet som JSON.
        #[arg(long)]
        json: bool,
    },
}

pub(crate) fn year_command(dir: &DataDir, command: &YearCommand) -> fristad::Result<()> {
    use fristad::actions::{Actor, organisation_year};
    let (mut store, who) = open_signed_in(dir)?;
    match command {
        YearCommand::Set {
            year,
            staff_fte,
            volunteers,
            volunteer_hours,
            ivo_places,
        } => {
            let input = fristad::organisation_year::YearInput {
                year: *year,
                staff_fte: staff_fte.clone(),
                volunteers: *volunteers,
                volunteer_hours: *volunteer_hours,
                ivo_places: *ivo_places,
            };
            organisation_year::record(&mut store, Actor::Account(&who), &input, clock::now())?;
            show(msg!("notice.cli.year_saved", year = year));
        }
        YearCommand::Show { json } => {
            let all = organisation_year::history(&store, Actor::Account(&who))?;
            if *json {
                print_json(&all);
            } else {
                for y in &all {
                    show(msg!(
                        "notice.cli.year_line",
                        year = y.year,
                        staff = format!("{:.2}", y.staff_fte()).replace('.', ","),
                        volunteers = y.volunteers,
                        hours = y.volunteer_hours,
                        places = y.ivo_places.map_or_else(|| "–".to_owned(), |p| p.to_string()),
                        at = clock::to_local_text(y.recorded_at),
                        by = y.actor.clone()
                    ));
                }
            }
        }
    }
    store.close()
}
