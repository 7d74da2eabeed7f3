//! Settings that change how the program counts and bills. Every change is kept with its date and
//! who made it; issued invoices keep their own copy of what applied, so old documents stay as
//! they were.

use crate::clock;
use crate::error::{Error, Result};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

/// How a person's nights are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NightCounting {
    /// The midnights (local) passed at the shelter: move-out date minus move-in date. A night
    /// belongs to the date it starts on. Socialstyrelsen's and Roks' "boendenätter".
    Midnights,
    /// Every started 24-hour period counts, for agreements that say so.
    StartedDays,
}

/// How often the yearly service fee is invoiced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeeSchedule {
    Yearly,
    HalfYearly,
    Quarterly,
    Monthly,
}

impl FeeSchedule {
    pub fn per_year(self) -> u32 {
        match self {
            FeeSchedule::Yearly => 1,
            FeeSchedule::HalfYearly => 2,
            FeeSchedule::Quarterly => 4,
            FeeSchedule::Monthly => 12,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Days from issue to due date.
    pub payment_terms_days: u32,
    /// Round invoice totals to whole kronor, showing the rounding as its own amount.
    pub round_totals: bool,
    /// The VAT exemption statement printed on every invoice.
    pub vat_exemption_text: String,
    /// How nights are counted and the fee's schedule were settings until they were dated
    /// (migration 13 moved them to `terms`): read from old rows, never written again.
    #[serde(default, skip_serializing, rename = "night_counting")]
    pub(crate) legacy_night_counting: Option<NightCounting>,
    #[serde(default, skip_serializing, rename = "service_fee_schedule")]
    pub(crate) legacy_fee_schedule: Option<FeeSchedule>,
    /// Service fee instalments are invoiced by Fristad from this date; earlier ones were handled
    /// elsewhere. None: the service fee is not invoiced by Fristad (yet).
    pub service_fee_from: Option<NaiveDate>,
    /// The accounts the SIE export books on (BAS chart of accounts by default).
    #[serde(default)]
    pub accounts: Accounts,
    /// In reports meant for publication, counts under 3 individuals are shown as "<3".
    #[serde(default = "yes")]
    pub suppress_small_cells: bool,
    /// The window locks after this many minutes without use.
    #[serde(default = "ten")]
    pub idle_lock_minutes: u32,
    /// How long records are kept after a person's last stay (gallring).
    #[serde(default)]
    pub retention: Retention,
    /// The clipboard is emptied this many seconds after the recovery key is copied to it.
    #[serde(default = "thirty")]
    pub clipboard_clear_seconds: u32,
    /// Where and when backups are made by themselves.
    #[serde(default)]
    pub backup: Backup,
}

/// Automatic backups: into `folder` (a USB stick, a network share), when the program closes
/// and/or once a day, keeping the newest `keep` automatic backups there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Backup {
    pub folder: Option<String>,
    pub at_exit: bool,
    pub daily: bool,
    pub keep: u32,
}

impl Default for Backup {
    fn default() -> Self {
        Backup {
            folder: None,
            at_exit: true,
            daily: true,
            keep: 10,
        }
    }
}

fn thirty() -> u32 {
    30
}

/// Years after a person's last stay ended before a retention run removes what follows. Invoices
/// are never removed by it (they carry no names, and bokföringslagen keeps them seven years).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Retention {
    /// Name, personnummer, birth date and the placement's free text; the history of changes.
    pub personal_details_years: u32,
    /// Journal notes about the person and the placements she or he stayed in.
    pub journal_years: u32,
}

impl Default for Retention {
    fn default() -> Self {
        // As for personakter in social services (12 kap. 2 § SoL): five years after the last entry.
        Retention {
            personal_details_years: 5,
            journal_years: 5,
        }
    }
}

fn yes() -> bool {
    true
}

fn ten() -> u32 {
    10
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Accounts {
    /// Kundfordringar.
    pub receivables: String,
    /// Where payments arrive (the bankgiro's bank account).
    pub bank: String,
    /// Daily fees for placements (VAT-exempt sales).
    pub placement_revenue: String,
    /// The IOP service fee.
    pub service_fee_revenue: String,
    /// Öresavrundning.
    pub rounding: String,
}

impl Default for Accounts {
    fn default() -> Self {
        Accounts {
            receivables: "1510".into(),
            bank: "1930".into(),
            placement_revenue: "3004".into(),
            service_fee_revenue: "3004".into(),
            rounding: "3740".into(),
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            payment_terms_days: 30,
            round_totals: true,
            vat_exemption_text: "Undantag från skatteplikt: social omsorg (10 kap. 38 § mervärdesskattelagen).".into(),
            legacy_night_counting: None,
            legacy_fee_schedule: None,
            service_fee_from: None,
            accounts: Accounts::default(),
            suppress_small_cells: true,
            idle_lock_minutes: 10,
            retention: Retention::default(),
            clipboard_clear_seconds: 30,
            backup: Backup::default(),
        }
    }
}

const KEY: &str = "billing";

/// The settings in force now.
pub fn load(conn: &Connection) -> Result<Settings> {
    let stored = conn
        .query_row(
            "SELECT id, value FROM settings WHERE key = ?1 ORDER BY id DESC LIMIT 1",
            [KEY],
            |r| crate::store::columns::Stored::new(r, "settings", 0)?.json(1),
        )
        .optional()?;
    Ok(stored.unwrap_or_default())
}

/// Saves new settings (a new row; the old ones stay). Returns whether anything changed.
pub fn save(tx: &Transaction, s: &Settings, actor: &str, now: DateTime<Utc>) -> Result<bool> {
    if !(0..=120).contains(&s.payment_terms_days) {
        return Err(Error::invalid(
            "payment_terms_days",
            crate::msg!("error.settings.payment_terms"),
        ));
    }
    if s.vat_exemption_text.trim().is_empty() {
        return Err(Error::invalid(
            "vat_exemption_text",
            crate::msg!("error.settings.vat_text_missing"),
        ));
    }
    if !(1..=240).contains(&s.idle_lock_minutes) {
        return Err(Error::invalid(
            "idle_lock_minutes",
            crate::msg!("error.settings.idle_lock"),
        ));
    }
    if !(5..=600).contains(&s.clipboard_clear_seconds) {
        return Err(Error::invalid(
            "clipboard_clear_seconds",
            crate::msg!("error.settings.clipboard"),
        ));
    }
    if !(1..=100).contains(&s.backup.keep) {
        return Err(Error::invalid(
            "backup.keep",
            crate::msg!("error.settings.backups_kept"),
        ));
    }
    for (field, years) in [
        ("retention.personal_details_years", s.retention.personal_details_years),
        ("retention.journal_years", s.retention.journal_years),
    ] {
        if !(1..=50).contains(&years) {
            return Err(Error::invalid(field, crate::msg!("error.settings.retention")));
        }
    }
    let a = &s.accounts;
    for (field, account) in [
        ("accounts.receivables", &a.receivables),
        ("accounts.bank", &a.bank),
        ("accounts.placement_revenue", &a.placement_revenue),
        ("accounts.service_fee_revenue", &a.service_fee_revenue),
        ("accounts.rounding", &a.rounding),
    ] {
        if account.len() != 4 || !account.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Error::invalid(field, crate::msg!("error.settings.account")));
        }
    }
    let before = load(tx)?;
    let unchanged = Settings {
        legacy_night_counting: None,
        legacy_fee_schedule: None,
        ..before
    } == Settings {
        legacy_night_counting: None,
        legacy_fee_schedule: None,
        ..s.clone()
    };
    if unchanged {
        return Ok(false);
    }
    tx.execute(
        "INSERT INTO settings (key, value, changed_at, actor) VALUES (?1, ?2, ?3, ?4)",
        params![
            KEY,
            serde_json::to_string(s).expect("serializable"),
            clock::to_stored(now),
            actor
        ],
    )?;
    Ok(true)
}
