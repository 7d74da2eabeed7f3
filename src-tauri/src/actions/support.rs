//! Support contacts: recording one (staff, volunteers at the jour telephone) and the latest.

use super::{Actor, perform};
use crate::accounts::Account;
use crate::audit::{About, Kind};
use crate::clock;
use crate::error::Result;
use crate::store::Store;
use crate::support::{self, SupportContact};
use chrono::{DateTime, Utc};

/// Records a support contact as `who`. The access log names the action only: a contact names
/// nobody.
pub fn add(store: &mut Store, who: &Account, contact: &SupportContact, now: DateTime<Utc>) -> Result<SupportContact> {
    perform(
        store,
        Actor::Account(who),
        "add_support_contact",
        Kind::Change,
        now,
        |tx, _| support::add(tx, contact, clock::swedish_date(now)),
        |_| About::nothing(),
    )
}

/// Strikes out contact `id`, recorded wrongly, with why.
pub fn strike(store: &mut Store, who: &Account, id: i64, reason: &str, now: DateTime<Utc>) -> Result<()> {
    perform(
        store,
        Actor::Account(who),
        "strike_support_contact",
        Kind::Change,
        now,
        |tx, actor| support::strike(tx, id, reason, now, actor),
        |_| About::nothing(),
    )
}

/// The latest contacts, newest first.
pub fn latest(store: &Store, who: &Account) -> Result<Vec<support::Listed>> {
    crate::permissions::authorize("support_contacts_list", Some(who))?;
    support::latest(store.conn(), 50)
}
