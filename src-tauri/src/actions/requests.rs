//! Requests for a place: recording one when it comes, its outcome once decided, and the list.

use super::{Actor, perform};
use crate::accounts::Account;
use crate::audit::{About, Kind};
use crate::clock;
use crate::error::Result;
use crate::requests::{self, Decision, Listed, Request};
use crate::store::Store;
use chrono::{DateTime, Utc};

/// Records a request as `who`. The access log names the action only: a request names nobody.
pub fn add(store: &mut Store, who: &Account, request: &Request, now: DateTime<Utc>) -> Result<i64> {
    perform(
        store,
        Actor::Account(who),
        "add_request",
        Kind::Change,
        now,
        |tx, _| requests::add(tx, request, clock::swedish_date(now)),
        |_| About::nothing(),
    )
}

/// Records the outcome of request `id`, which has none yet.
pub fn decide(store: &mut Store, who: &Account, id: i64, decision: &Decision, now: DateTime<Utc>) -> Result<()> {
    perform(
        store,
        Actor::Account(who),
        "decide_request",
        Kind::Change,
        now,
        |tx, _| requests::decide(tx, id, decision),
        |_| About::nothing(),
    )
}

/// Strikes out request `id`, recorded wrongly, with why.
pub fn strike(store: &mut Store, who: &Account, id: i64, reason: &str, now: DateTime<Utc>) -> Result<()> {
    perform(
        store,
        Actor::Account(who),
        "strike_request",
        Kind::Change,
        now,
        |tx, actor| requests::strike(tx, id, reason, now, actor),
        |_| About::nothing(),
    )
}

/// Every request still without an outcome and the latest 50, newest first.
pub fn latest(store: &Store, who: &Account) -> Result<Vec<Listed>> {
    crate::permissions::authorize("requests_list", Some(who))?;
    requests::latest(store.conn(), 50)
}
