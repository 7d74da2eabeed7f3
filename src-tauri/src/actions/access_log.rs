//! The access log: everything about one person.

use crate::accounts::Account;
use crate::audit::{self, Entry, Event, Kind};
use crate::error::{Code, Error, Result};
use crate::store::Store;
use chrono::{DateTime, Utc};

/// A person's log, after checking the person exists. Reading who has read a person's record is
/// itself a view of that record (or, saved to a file, an export of it), so it is logged first
/// and the entries read include it.
pub fn for_person(
    store: &mut Store,
    who: &Account,
    person: &str,
    action: &'static str,
    kind: Kind,
    now: DateTime<Utc>,
) -> Result<Vec<Entry>> {
    crate::permissions::authorize(action, Some(who))?;
    store.write(|tx| {
        crate::people::by_key(tx, person)?
            .ok_or_else(|| Error::new(Code::NotFound, crate::msg!("error.audit.no_such_person")))?;
        audit::record(tx, Event::new(&who.username, action, kind).person(person), now)?;
        audit::for_person(tx, person)
    })
}
