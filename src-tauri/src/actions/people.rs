//! People: correcting a person's own details afterwards.

use super::{Actor, perform};
use crate::accounts::Account;
use crate::audit::{About, Kind};
use crate::error::Result;
use crate::people::Person;
use crate::person_correction::{self, PersonCorrection};
use crate::store::Store;
use chrono::{DateTime, Utc};

/// Corrects one of a person's details, with its reason, as `who`. Setting or lifting protected
/// identity is a manager's (`set_protected_identity`); the rest is everyone's who records people.
/// The access log names the person and the detail, never the value or the reason.
pub fn correct(store: &mut Store, who: &Account, c: &PersonCorrection, now: DateTime<Utc>) -> Result<Person> {
    let action = if c.field == "protected_identity" {
        "set_protected_identity"
    } else {
        "correct_person"
    };
    let key = c.person.trim().to_owned();
    perform(
        store,
        Actor::Account(who),
        action,
        Kind::Change,
        now,
        |tx, by| person_correction::correct(tx, c, by, now),
        |_| About {
            placement: None,
            person: Some(key),
            detail: format!("rättelse: {}", c.field.trim()),
        },
    )
}
