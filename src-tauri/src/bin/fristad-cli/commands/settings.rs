//! The billing settings: show and change them.

use crate::*;

// Parsed once per run: the size of its largest variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
pub(crate) enum SettingsCommand {
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
pub(crate) fn ja_nej(text: &str) -> std::result::Result<bool, String> {
    match text.trim().to_lowercase().as_str() {
        "ja" | "j" | "yes" | "y" | "true" | "on" | "1" => Ok(true),
        "nej" | "n" | "no" | "false" | "off" | "0" => Ok(false),
        _ => Err(say(msg!("error.cli.yes_or_no"))),
    }
}

pub(crate) fn parse_choice<T: serde::de::DeserializeOwned>(field: &str, text: &str) -> fristad::Result<T> {
    serde_json::from_value(serde_json::Value::String(text.trim().to_owned())).map_err(|_| {
        Error::invalid(
            field,
            msg!("error.cli.invalid_choice", option = field.replace('_', "-")),
        )
    })
}

pub(crate) fn settings_command(dir: &DataDir, command: &SettingsCommand) -> fristad::Result<()> {
    let (mut store, who) = open_signed_in(dir)?;
    match command {
        SettingsCommand::Show { json } => {
            may(&who, "billing_settings")?;
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
            // The backup's settings are the administrator's, as in the window.
            if backup_folder.is_some() || backup_at_exit.is_some() || backup_daily.is_some() || backup_keep.is_some() {
                may(&who, "save_backup_settings")?;
            }
            may(&who, "save_billing_settings")?;
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
                let terms = fristad::terms::change_billing(tx, &terms, &who.username, clock::now())?;
                Ok(settings::save(tx, &s, &who.username, clock::now())? || terms)
            };
            if *dry_run {
                // What the next run would make because of the change; nothing is saved.
                let effect = billing::change_effect::of(store.conn(), save, clock::now())?;
                let documents: Vec<_> = effect.credit_notes.into_iter().chain(effect.invoices).collect();
                print_invoices(&documents, &[], false, true);
                return store.close();
            }
            let changed = logged(&mut store, &who, "save_billing_settings", Kind::Change, save, |_| {
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
