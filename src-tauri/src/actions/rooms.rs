//! Rooms' out-of-use periods: each room's periods and their history, and ending or correcting
//! one with a reason.

use super::{Actor, perform};
use crate::accounts::Account;
use crate::audit::{About, Kind};
use crate::corrections::Correction;
use crate::error::Result;
use crate::registers::room_closures::{self, Period, PeriodChange};
use crate::registers::rooms;
use crate::store::Store;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A room with its out-of-use periods and every correction of them.
#[derive(Debug, Clone, Serialize)]
pub struct RoomPeriods {
    pub key: String,
    pub name: String,
    pub periods: Vec<Period>,
    pub history: Vec<Correction>,
}

/// Every room's periods and their history (the register's, a manager's).
pub fn periods(store: &Store, who: &Account) -> Result<Vec<RoomPeriods>> {
    crate::permissions::authorize("room_periods", Some(who))?;
    let conn = store.conn();
    rooms::list(conn)?
        .into_iter()
        .map(|(id, room)| {
            Ok(RoomPeriods {
                key: room.key,
                name: room.name,
                periods: room_closures::of_room(conn, id)?,
                history: room_closures::history(conn, id)?,
            })
        })
        .collect()
}

/// What the access log says: the room and the period, never the reason.
fn about(room: &str, period: i64) -> About {
    About::detail(format!("{} · {period}", room.trim()))
}

/// Corrects one period (its days and its reason), with why.
pub fn correct_period(store: &mut Store, who: &Account, change: &PeriodChange, now: DateTime<Utc>) -> Result<Period> {
    perform(
        store,
        Actor::Account(who),
        "room_closure_correct",
        Kind::Change,
        now,
        |tx, by| room_closures::correct(tx, change, by, now),
        |_| about(&change.room, change.period),
    )
}

/// A period to end early, and why.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EndEarly {
    pub room: String,
    pub period: i64,
    pub last_day: String,
    pub why: String,
}

/// Ends one period early, with why.
pub fn end_period(store: &mut Store, who: &Account, end: &EndEarly, now: DateTime<Utc>) -> Result<Period> {
    perform(
        store,
        Actor::Account(who),
        "room_closure_end",
        Kind::Change,
        now,
        |tx, by| room_closures::end_early(tx, &end.room, end.period, &end.last_day, &end.why, by, now),
        |_| about(&end.room, end.period),
    )
}
