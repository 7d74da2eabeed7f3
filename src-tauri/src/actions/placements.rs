//! Placements: correcting one afterwards, what a correction does to the invoices, and its history.

use super::{Actor, perform};
use crate::accounts::Account;
use crate::audit::{About, Kind};
use crate::billing::change_effect::{self, Effect};
use crate::corrections::{self, Change};
use crate::error::{Code, Error, Result};
use crate::placements::correct::{self, Correction};
use crate::placements::save::Saved;
use crate::placements::views;
use crate::store::Store;
use chrono::{DateTime, Utc};

/// What the access log says of a correction: the placement and the field, never the value or the
/// reason (which may have been typed with a name in them).
fn about(c: &Correction) -> About {
    let field = match c.person.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        Some(person) => format!("rättelse: stays.{person}.{}", c.field.trim()),
        None => format!("rättelse: {}", c.field.trim()),
    };
    About {
        placement: Some(c.placement.trim().to_owned()),
        person: None,
        detail: field,
    }
}

/// Corrects one field of a placement or of a stay in it, with its reason, as `who`.
pub fn correct(store: &mut Store, who: &Account, c: &Correction, now: DateTime<Utc>) -> Result<Saved> {
    perform(
        store,
        Actor::Account(who),
        "correct_placement",
        Kind::Change,
        now,
        |tx, by| correct::correct(tx, c, now, by),
        |_| about(c),
    )
}

/// What the next invoicing run would make because of the correction (credit notes and new
/// invoices), without saving it. The correction's own refusals come back as they are.
pub fn correction_effect(store: &Store, who: &Account, c: &Correction, now: DateTime<Utc>) -> Result<Effect> {
    crate::permissions::authorize("correction_preview", Some(who))?;
    change_effect::of(
        store.conn(),
        |tx| correct::correct(tx, c, now, &who.username).map(|_| true),
        now,
    )
}

/// A placement's history of corrections, field by field; looking is logged as a view of it.
pub fn history(store: &mut Store, who: &Account, key: &str, now: DateTime<Utc>) -> Result<Vec<Change>> {
    let key = key.trim();
    perform(
        store,
        Actor::Account(who),
        "placement_view",
        Kind::View,
        now,
        |tx, _| {
            let (id, _) = views::load(tx, key)?
                .ok_or_else(|| Error::new(Code::NotFound, crate::msg!("error.placements.not_found")))?;
            corrections::history(tx, id)
        },
        |_| About::placement(key),
    )
}
