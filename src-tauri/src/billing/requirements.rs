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
            "Organisationens adress behöver postnummer och ort (t.ex. «Box 979, 501 10 Borås») för att stå på fakturor. Ingen faktura har utfärdats.",
        ));
    }
    if s.bankgiro.is_empty() || s.org_number.is_empty() {
        return Err(Error::invalid(
            "organisation",
            "Organisationens bankgiro och organisationsnummer behövs på fakturor. Ingen faktura har utfärdats.",
        ));
    }
    let b = &inv.buyer;
    let place = format!("{} ({})", b.name, b.key);
    if !address::parse(&b.address).is_complete() {
        return Err(Error::invalid(
            "municipality.address",
            format!(
                "Fakturaadressen för {place} behöver postnummer och ort i kommunregistret. Ingen faktura har utfärdats."
            ),
        ));
    }
    if inv.buyer_reference.trim().is_empty() {
        return Err(Error::invalid(
            "municipality.buyer_reference",
            format!(
                "{place} har ingen referens (YY-kod) i kommunregistret och placeringen ingen egen; kommunen behöver den på fakturan. Ingen faktura har utfärdats."
            ),
        ));
    }
    if peppol::endpoint(&b.peppol_id).is_none() {
        return Err(Error::invalid(
            "municipality.peppol_id",
            format!(
                "{place} saknar Peppol-id i kommunregistret; e-fakturan kan inte skickas. Ingen faktura har utfärdats."
            ),
        ));
    }
    Ok(())
}
