//! An invoice's account: what happened to its total (payments, credit notes, what was taken off
//! it from an earlier credit balance, what of its own credit balance was refunded or taken off
//! another invoice), its status, and what is still owed on it or owed back.
//!
//! The sum itself (the total, less payments, credit notes and what was taken off it, plus what
//! of its own credit balance was settled) is stated once, by the database: migration 14's view
//! `invoice_balances`, which also keeps the list of unsettled invoices. The register reads it
//! from there ([`Sums::balance`]); this module decides what the balance means.

use super::invoice::Kind;
use crate::money::Money;
use crate::text::{Lang, Message};
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Unpaid,
    PartlyPaid,
    Paid,
    Overdue,
    Credited,
    /// Paid, then credited: more has come in than is owed, a credit balance (tillgodo) to
    /// refund or take off the next invoice.
    CreditBalance,
    /// A credit note.
    CreditNote,
}

impl Status {
    /// The label as a catalogue text.
    fn text(self) -> Message {
        match self {
            Status::Unpaid => crate::msg!("label.billing.status_unpaid"),
            Status::PartlyPaid => crate::msg!("label.billing.status_partly_paid"),
            Status::Paid => crate::msg!("label.billing.status_paid"),
            Status::Overdue => crate::msg!("label.billing.status_overdue"),
            Status::Credited => crate::msg!("label.billing.status_credited"),
            Status::CreditBalance => crate::msg!("label.billing.status_credit_balance"),
            Status::CreditNote => crate::msg!("label.billing.status_credit_note"),
        }
    }

    /// The Swedish label, as `fristad-cli` prints it.
    pub fn label(self) -> &'static str {
        self.label_in(Lang::Sv)
    }

    /// The label in `lang` (the window's, or fristad-cli's).
    pub fn label_in(self, lang: Lang) -> &'static str {
        crate::text::text(lang, self.text().key)
    }

    /// The status inside a sentence ("… is not overdue (unpaid)").
    pub fn state(self) -> Message {
        match self {
            Status::Unpaid => crate::msg!("label.billing.state_unpaid"),
            Status::PartlyPaid => crate::msg!("label.billing.state_partly_paid"),
            Status::Paid => crate::msg!("label.billing.state_paid"),
            Status::Overdue => crate::msg!("label.billing.state_overdue"),
            Status::Credited => crate::msg!("label.billing.state_credited"),
            Status::CreditBalance => crate::msg!("label.billing.state_credit_balance"),
            Status::CreditNote => crate::msg!("label.billing.state_credit_note"),
        }
    }
}

/// What has happened to an invoice's total, as the database sums it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sums {
    /// `invoice_balances.outstanding_ore`: what is owed on it, or below zero what is owed back.
    pub balance: Money,
    /// Its credit notes' totals.
    pub credited: Money,
    /// Whether anything was paid on it or taken off it from an earlier credit balance.
    pub paid_any: bool,
}

/// An invoice's status, what is still owed on it and what is owed back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Account {
    pub status: Status,
    pub outstanding: Money,
    pub credit_balance: Money,
}

pub fn account(kind: Kind, total: Money, sums: Sums, due: NaiveDate, today: NaiveDate) -> Account {
    if kind == Kind::CreditNote {
        return Account {
            status: Status::CreditNote,
            outstanding: Money::ZERO,
            credit_balance: Money::ZERO,
        };
    }
    let outstanding = sums.balance.max(Money::ZERO);
    let credit_balance = (Money::ZERO - sums.balance).max(Money::ZERO);
    let status = if credit_balance > Money::ZERO {
        Status::CreditBalance
    } else if sums.credited >= total {
        Status::Credited
    } else if outstanding == Money::ZERO {
        Status::Paid
    } else if due < today {
        Status::Overdue
    } else if sums.paid_any {
        Status::PartlyPaid
    } else {
        Status::Unpaid
    };
    Account {
        status,
        outstanding,
        credit_balance,
    }
}
