//! The organisation's year: a manager enters staff, volunteers and the IVO permit's places, from
//! the statistics screen or fristad-cli; both see every entry.

use super::{Actor, perform};
use crate::audit::{About, Kind};
use crate::error::Result;
use crate::organisation_year::{self, OrganisationYear, YearInput};
use crate::store::Store;
use chrono::{DateTime, Utc};

/// Records a year's figures as a new entry.
pub fn record(store: &mut Store, who: Actor<'_>, input: &YearInput, now: DateTime<Utc>) -> Result<OrganisationYear> {
    perform(
        store,
        who,
        "save_organisation_year",
        Kind::Change,
        now,
        |tx, actor| organisation_year::record(tx, input, now, actor),
        |_| About::nothing(),
    )
}

/// Every entry, newest year first.
pub fn history(store: &Store, who: Actor<'_>) -> Result<Vec<OrganisationYear>> {
    if let Actor::Account(a) = who {
        crate::permissions::authorize("organisation_years", Some(a))?;
    }
    organisation_year::history(store.conn())
}
