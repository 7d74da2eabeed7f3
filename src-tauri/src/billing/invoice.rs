//! An invoice or credit note as a document: what the register stores, what `fristad-cli` prints
//! and what the documents are made from. Amounts are öre ([`Money`]); a credit note's amounts are
//! positive, as on the paper, and it reduces what is owed on the invoice it credits.

use crate::money::Money;
use crate::placements::Category;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Placement,
    ServiceFee,
    CreditNote,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Placement => "placement",
            Kind::ServiceFee => "service_fee",
            Kind::CreditNote => "credit_note",
        }
    }

    pub fn from_id(s: &str) -> Option<Kind> {
        [Kind::Placement, Kind::ServiceFee, Kind::CreditNote]
            .into_iter()
            .find(|k| k.as_str() == s)
    }

    pub fn label(self) -> crate::text::Message {
        match self {
            Kind::Placement => crate::msg!("label.billing.kind_placement"),
            Kind::ServiceFee => crate::msg!("label.billing.kind_service_fee"),
            Kind::CreditNote => crate::msg!("label.billing.kind_credit_note"),
        }
    }
}

crate::store::columns::stored_as_text!(Kind);

/// The seller's details as they were when the invoice was issued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seller {
    pub name: String,
    pub org_number: String,
    pub address: String,
    pub bankgiro: String,
    pub f_skatt: bool,
}

/// The buyer's details as they were when the invoice was issued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Buyer {
    pub key: String,
    pub name: String,
    pub org_number: String,
    pub address: String,
    pub peppol_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    pub description: String,
    /// The person's pseudonymous key; never a name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    /// The first and last night (the dates they start on), or the service fee's period.
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub nights: u32,
    pub unit_price: Money,
    pub amount: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invoice {
    /// `2026-0001`; a preview has none yet.
    pub number: Option<String>,
    pub kind: Kind,
    /// The municipality's key.
    pub municipality: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub placement: Option<String>,
    /// For a credit note: the invoice it credits.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credits: Option<String>,
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    pub issued: NaiveDate,
    pub due: NaiveDate,
    pub ocr: String,
    /// The buyer's reference (YY-kod) to print on the invoice.
    pub buyer_reference: String,
    /// The placement's case or decision reference at the municipality.
    pub placement_reference: String,
    pub seller: Seller,
    pub buyer: Buyer,
    pub vat_exemption: String,
    pub lines: Vec<Line>,
    pub lines_total: Money,
    pub rounding: Money,
    pub total: Money,
    /// The placement has ended and this invoice takes its last nights (slutfaktura).
    pub final_invoice: bool,
    /// Taken off what is to pay, from credit balances of earlier invoices to the same buyer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prepaid: Vec<Offset>,
}

/// Part of an earlier invoice's credit balance taken off this one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Offset {
    /// The number of the invoice whose credit balance it is.
    pub from: String,
    pub amount: Money,
}

impl Invoice {
    /// What the buyer is asked to pay: the total less what earlier credit balances cover.
    pub fn to_pay(&self) -> Money {
        Money::from_ore(self.total.ore() - self.prepaid.iter().map(|o| o.amount.ore()).sum::<i64>())
    }
}

/// Rounds a total to whole kronor, half up: the rounding to show as its own amount.
pub fn rounding_to_krona(total: Money) -> Money {
    let ore = total.ore();
    let rounded = (ore + 50).div_euclid(100) * 100;
    Money::from_ore(rounded - ore)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_round_to_the_nearest_krona_half_up() {
        assert_eq!(rounding_to_krona(Money::from_ore(495_049)), Money::from_ore(-49));
        assert_eq!(rounding_to_krona(Money::from_ore(495_050)), Money::from_ore(50));
        assert_eq!(rounding_to_krona(Money::from_ore(495_000)), Money::ZERO);
    }
}
