//! One municipality's missing details never stop the others: a run issues every invoice whose
//! buyer's details suffice and holds back the rest, municipality by municipality, saying exactly
//! what is missing. Nothing held back is numbered, and its placements stay unsettled, so the
//! first run after the details are completed invoices them.

use super::draft::Draft;
use super::requirements::{self, Missing};
use crate::text::Message;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A municipality whose invoices a run holds back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HeldBack {
    /// The municipality's key; empty when it is not in the register at all.
    pub municipality: String,
    pub name: String,
    pub missing: Vec<Missing>,
    /// The placements whose invoices wait (the service fee's wait without one).
    pub placements: Vec<String>,
    pub invoices: u32,
}

impl HeldBack {
    /// What is missing, and that nothing was numbered, in a sentence.
    pub fn message(&self) -> Message {
        let placements = if self.placements.is_empty() {
            "–".to_owned()
        } else {
            self.placements.join(", ")
        };
        let (name, key, count) = (&self.name, &self.municipality, self.invoices);
        match self.missing.as_slice() {
            [Missing::Details, ..] => crate::msg!(
                "notice.billing.held_back_incomplete",
                name = name,
                key = key,
                count = count
            ),
            [Missing::NotRegistered] => {
                crate::msg!("notice.billing.held_back_unregistered", name = name, count = count)
            }
            [Missing::Address] => crate::msg!(
                "notice.billing.held_back_address",
                name = name,
                key = key,
                count = count
            ),
            [Missing::BuyerReference] => crate::msg!(
                "notice.billing.held_back_reference",
                name = name,
                key = key,
                placements = placements,
                count = count
            ),
            _ => crate::msg!(
                "notice.billing.held_back_both",
                name = name,
                key = key,
                placements = placements,
                count = count
            ),
        }
    }
}

/// What a run issues and what it holds back.
pub(crate) struct Split {
    pub issue: Vec<Draft>,
    pub held: Vec<HeldBack>,
    /// The placements with an invoice held back: a run must not settle them.
    pub placements: BTreeSet<i64>,
}

/// Splits a run's drafts into those to issue and, per municipality, those held back (after any
/// `held` already, such as a service fee due from a municipality not in the register).
pub(crate) fn hold_back(drafts: Vec<Draft>, mut held: Vec<HeldBack>) -> Split {
    let mut by_buyer: BTreeMap<String, HeldBack> = BTreeMap::new();
    let mut placements = BTreeSet::new();
    let mut issue = Vec::with_capacity(drafts.len());
    for d in drafts {
        let missing = requirements::missing(&d.invoice);
        if missing.is_empty() {
            issue.push(d);
            continue;
        }
        placements.extend(d.placement_id);
        let buyer = &d.invoice.buyer;
        let entry = by_buyer.entry(buyer.key.clone()).or_insert_with(|| HeldBack {
            municipality: buyer.key.clone(),
            name: buyer.name.clone(),
            missing: Vec::new(),
            placements: Vec::new(),
            invoices: 0,
        });
        entry.invoices += 1;
        for m in missing {
            if !entry.missing.contains(&m) {
                entry.missing.push(m);
            }
        }
        entry.missing.sort();
        if let Some(p) = &d.invoice.placement
            && !entry.placements.contains(p)
        {
            entry.placements.push(p.clone());
        }
    }
    held.extend(by_buyer.into_values());
    Split {
        issue,
        held,
        placements,
    }
}

/// What the managers' home screen says after a run: the municipalities it held back, until a run
/// holds nothing back.
pub fn keep_notice(
    tx: &rusqlite::Transaction,
    held: &[HeldBack],
    now: chrono::DateTime<chrono::Utc>,
) -> crate::Result<()> {
    if held.is_empty() {
        return crate::notices::clear(tx, crate::notices::INVOICES_HELD_BACK);
    }
    let names: Vec<&str> = held
        .iter()
        .map(|h| {
            if h.name.is_empty() {
                h.municipality.as_str()
            } else {
                h.name.as_str()
            }
        })
        .collect();
    let count: u32 = held.iter().map(|h| h.invoices).sum();
    let detail = crate::msg!("notice.billing.held_back_home", names = names.join(", "), count = count);
    crate::notices::keep(tx, crate::notices::INVOICES_HELD_BACK, &detail, now)
}
