//! What an invoice must carry before it may be issued: the details Swedish VAT law requires.
//! Checked before a number is taken, so a refused invoice leaves no gap in the series.
//!
//! The seller's details are the same on every invoice: without them nothing is issued. A buyer's
//! are its own: a run issues every municipality's invoices whose details suffice and holds back
//! the others, saying what is missing. A Peppol id is not needed to issue: without one there is
//! no e-invoice, only the signed PDF.

use super::invoice::{Invoice, Seller};
use crate::address;
use crate::error::{Error, Result};
use serde::Serialize;

/// Something a buyer's invoice needs that the records do not have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Missing {
    /// The municipality was added at an intake with its name alone and has no details yet
    /// (organisation number, address …): nothing is invoiced to it until a manager completes it.
    Details,
    /// The municipality's invoice address has no postal code and town.
    Address,
    /// Neither the municipality nor the placement has a reference (YY-kod).
    BuyerReference,
    /// An agreement's service fee is due from a municipality that is not in the register.
    NotRegistered,
}

/// Refuses invoicing when the organisation's own details are not enough for an invoice.
pub fn check_seller(s: &Seller) -> Result<()> {
    if !address::parse(&s.address).is_complete() {
        return Err(Error::invalid(
            "organisation.address",
            crate::msg!("error.billing.seller_address_incomplete"),
        ));
    }
    if s.bankgiro.is_empty() || s.org_number.is_empty() {
        return Err(Error::invalid(
            "organisation",
            crate::msg!("error.billing.seller_numbers_missing"),
        ));
    }
    Ok(())
}

/// What the buyer's part of an invoice lacks.
pub fn missing(inv: &Invoice) -> Vec<Missing> {
    let mut out = Vec::new();
    if inv.buyer.org_number.trim().is_empty() {
        out.push(Missing::Details);
    }
    if !address::parse(&inv.buyer.address).is_complete() {
        out.push(Missing::Address);
    }
    if inv.buyer_reference.trim().is_empty() {
        out.push(Missing::BuyerReference);
    }
    out
}

/// Refuses one invoice (a credit note asked for by hand) that lacks anything it must carry.
pub fn check(inv: &Invoice) -> Result<()> {
    check_seller(&inv.seller)?;
    let b = &inv.buyer;
    match missing(inv).first() {
        None | Some(Missing::NotRegistered) => Ok(()),
        Some(Missing::Details) => Err(Error::invalid(
            "municipality.org_number",
            crate::msg!("error.billing.buyer_incomplete", name = &b.name, key = &b.key),
        )),
        Some(Missing::Address) => Err(Error::invalid(
            "municipality.address",
            crate::msg!("error.billing.buyer_address_incomplete", name = &b.name, key = &b.key),
        )),
        Some(Missing::BuyerReference) => Err(Error::invalid(
            "municipality.buyer_reference",
            crate::msg!("error.billing.buyer_reference_missing", name = &b.name, key = &b.key),
        )),
    }
}
