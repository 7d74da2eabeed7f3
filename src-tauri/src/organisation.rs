//! The organisation that runs the shelter: the seller on every invoice. Its details are entered
//! at setup and checked here (organisation number and bankgiro by their check digits), so that no
//! invoice can later be issued with a number that cannot be right.

use crate::clock;
use crate::error::{Error, Result};
use crate::luhn;
use crate::text::Message;
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

/// A Swedish organisation number, kept as `NNNNNN-NNNN`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OrgNumber(String);

impl OrgNumber {
    /// Accepts `NNNNNN-NNNN`, ten digits, or twelve digits with the century prefix `16`.
    pub fn parse(text: &str) -> Result<OrgNumber, Message> {
        let digits: String = text.chars().filter(|c| !matches!(c, '-' | ' ' | '–')).collect();
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(crate::msg!("error.organisation.org_number_chars"));
        }
        let digits = match digits.len() {
            10 => digits,
            12 if digits.starts_with("16") => digits[2..].to_owned(),
            _ => {
                return Err(crate::msg!("error.organisation.org_number_length"));
            }
        };
        if !luhn::is_valid(&digits) {
            return Err(crate::msg!("error.organisation.org_number_check"));
        }
        Ok(OrgNumber(format!("{}-{}", &digits[..6], &digits[6..])))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The ten digits without the hyphen, as Peppol and SIE want them.
    pub fn digits(&self) -> String {
        self.0.replace('-', "")
    }
}

/// A bankgiro number, kept as `NNN-NNNN` or `NNNN-NNNN`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bankgiro(String);

impl Bankgiro {
    pub fn parse(text: &str) -> Result<Bankgiro, Message> {
        let digits: String = text.chars().filter(|c| !matches!(c, '-' | ' ' | '–')).collect();
        if !digits.bytes().all(|b| b.is_ascii_digit()) || !(7..=8).contains(&digits.len()) {
            return Err(crate::msg!("error.organisation.bankgiro_length"));
        }
        if !luhn::is_valid(&digits) {
            return Err(crate::msg!("error.organisation.bankgiro_check"));
        }
        let split = digits.len() - 4;
        Ok(Bankgiro(format!("{}-{}", &digits[..split], &digits[split..])))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The organisation's details as typed into the setup form or given to `fristad-cli init`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OrganisationInput {
    pub name: String,
    pub org_number: String,
    pub address: String,
    pub bankgiro: String,
    pub f_skatt: bool,
}

/// Checked organisation details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Organisation {
    pub name: String,
    pub org_number: OrgNumber,
    pub address: String,
    pub bankgiro: Bankgiro,
    /// "Godkänd för F-skatt": printed on invoices and stated as the tax registration in e-invoices.
    pub f_skatt: bool,
}

impl OrganisationInput {
    /// Checks every field and reports the first problem, naming the field.
    pub fn validate(&self) -> Result<Organisation> {
        let name = self.name.trim();
        if name.is_empty() {
            return Err(Error::invalid("name", crate::msg!("error.organisation.name_missing")));
        }
        if name.chars().count() > 200 {
            return Err(Error::invalid("name", crate::msg!("error.organisation.name_long")));
        }
        let org_number = OrgNumber::parse(&self.org_number).map_err(|m| Error::invalid("org_number", m))?;
        let address = self.address.trim();
        if address.is_empty() {
            return Err(Error::invalid(
                "address",
                crate::msg!("error.organisation.address_missing"),
            ));
        }
        let bankgiro = Bankgiro::parse(&self.bankgiro).map_err(|m| Error::invalid("bankgiro", m))?;
        Ok(Organisation {
            name: name.to_owned(),
            org_number,
            address: address.to_owned(),
            bankgiro,
            f_skatt: self.f_skatt,
        })
    }
}

/// Records the organisation's details, replacing earlier ones. Invoices keep their own copy of
/// the seller's details, so a change here never alters an issued invoice.
pub fn save(tx: &Transaction, org: &Organisation, now: DateTime<Utc>) -> Result<()> {
    if load(tx)?.as_ref() == Some(org) {
        return Ok(());
    }
    tx.execute(
        "INSERT INTO organisation (id, name, org_number, address, bankgiro, f_skatt, updated_at)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (id) DO UPDATE SET name = ?1, org_number = ?2, address = ?3, bankgiro = ?4,
                                         f_skatt = ?5, updated_at = ?6",
        params![
            org.name,
            org.org_number.as_str(),
            org.address,
            org.bankgiro.as_str(),
            org.f_skatt,
            clock::to_stored(now)
        ],
    )?;
    Ok(())
}

/// The organisation's details, if they have been entered.
pub fn load(conn: &rusqlite::Connection) -> Result<Option<Organisation>> {
    let row = conn
        .query_row(
            "SELECT name, org_number, address, bankgiro, f_skatt FROM organisation WHERE id = 1",
            [],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, bool>(4)?,
                ))
            },
        )
        .optional()?;
    Ok(row.map(|(name, org_number, address, bankgiro, f_skatt)| Organisation {
        name,
        // Stored values were checked when saved.
        org_number: OrgNumber(org_number),
        address,
        bankgiro: Bankgiro(bankgiro),
        f_skatt,
    }))
}

/// The largest logo accepted: a logo is small, and it goes into every invoice.
const LOGO_MAX_BYTES: usize = 512 * 1024;

/// Sets the logo printed on the organisation's documents (a PNG image), or removes it.
pub fn set_logo(tx: &Transaction, png: Option<&[u8]>, now: DateTime<Utc>) -> Result<()> {
    match png {
        None => {
            tx.execute("DELETE FROM organisation_logo", [])?;
        }
        Some(bytes) => {
            if bytes.len() > LOGO_MAX_BYTES {
                return Err(Error::invalid("logo", crate::msg!("error.organisation.logo_large")));
            }
            if !bytes.starts_with(b"\x89PNG\r\n\x1a\n") || crate::documents::pdf::image_size(bytes).is_none() {
                return Err(Error::invalid("logo", crate::msg!("error.organisation.logo_png")));
            }
            tx.execute(
                "INSERT INTO organisation_logo (id, png, updated_at) VALUES (1, ?1, ?2)
                 ON CONFLICT (id) DO UPDATE SET png = ?1, updated_at = ?2",
                params![bytes, clock::to_stored(now)],
            )?;
        }
    }
    Ok(())
}

/// The organisation's logo, if it has one.
pub fn logo(conn: &rusqlite::Connection) -> Result<Option<Vec<u8>>> {
    Ok(conn
        .query_row("SELECT png FROM organisation_logo WHERE id = 1", [], |r| r.get(0))
        .optional()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Lang;

    fn input() -> OrganisationInput {
        OrganisationInput {
            name: "Kvinno- och tjejjouren Borås".into(),
            org_number: "864501-5200".into(),
            address: "Box 979, 501 10 Borås".into(),
            bankgiro: "5050-1055".into(),
            f_skatt: true,
        }
    }

    #[test]
    fn organisation_numbers_in_every_common_form() {
        for form in ["864501-5200", "8645015200", "16864501-5200", "864501 5200"] {
            assert_eq!(OrgNumber::parse(form).unwrap().as_str(), "864501-5200", "{form}");
        }
    }

    #[test]
    fn a_mistyped_organisation_number_is_refused_with_the_reason() {
        let sv = |text: &str| OrgNumber::parse(text).unwrap_err().render(Lang::Sv);
        assert!(sv("864501-5201").contains("kontrollsiffran"));
        assert!(sv("86450-5200").contains("tio siffror"));
        assert!(sv("86450A-5200").contains("siffror"));
        let en = OrgNumber::parse("864501-5201").unwrap_err().render(Lang::En);
        assert!(en.contains("check digit"), "{en}");
    }

    #[test]
    fn bankgiro_numbers_are_checked_and_formatted() {
        assert_eq!(Bankgiro::parse("50501055").unwrap().as_str(), "5050-1055");
        let sv = |text: &str| Bankgiro::parse(text).unwrap_err().render(Lang::Sv);
        assert!(sv("5050-1056").contains("kontrollsiffran"));
        assert!(sv("123").contains("sju eller åtta"));
    }

    #[test]
    fn validation_names_the_field_at_fault() {
        let mut bad = input();
        bad.name = "  ".into();
        assert_eq!(bad.validate().unwrap_err().field.as_deref(), Some("name"));
        let mut bad = input();
        bad.org_number = "212000-1562".into();
        assert_eq!(bad.validate().unwrap_err().field.as_deref(), Some("org_number"));
        let mut bad = input();
        bad.address = String::new();
        assert_eq!(bad.validate().unwrap_err().field.as_deref(), Some("address"));
        let mut bad = input();
        bad.bankgiro = "1".into();
        assert_eq!(bad.validate().unwrap_err().field.as_deref(), Some("bankgiro"));
        assert!(input().validate().is_ok());
    }
}
