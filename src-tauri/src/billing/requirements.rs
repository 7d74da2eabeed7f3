//! What an invoice must carry before it may be issued: the details Swedish VAT law requires and
//! those Peppol needs to deliver it. Checked before a number is taken, so a refused invoice leaves
//! no gap in the series.

use super::invoice::Invoice;
use crate::address;
use crate::documents::peppol;
use crate::error::{Error, Result};

pub fn check(inv: &Invoice) -> Result<()> {
    let s = &inv.seller;
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
    let b = &inv.buyer;
    if !address::parse(&b.address).is_complete() {
        return Err(Error::invalid(
            "municipality.address",
            crate::msg!("error.billing.buyer_address_incomplete", name = &b.name, key = &b.key),
        ));
    }
    if inv.buyer_reference.trim().is_empty() {
        return Err(Error::invalid(
            "municipality.buyer_reference",
            crate::msg!("error.billing.buyer_reference_missing", name = &b.name, key = &b.key),
        ));
    }
    if peppol::endpoint(&b.peppol_id).is_none() {
        return Err(Error::invalid(
            "municipality.peppol_id",
            crate::msg!("error.billing.buyer_peppol_missing", name = &b.name, key = &b.key),
        ));
    }
    Ok(())
}
