//! The organisation: the certificate its invoices are signed with.

use crate::documents::signing::{self, SigningIdentity};
use crate::error::Result;
use crate::store::Store;
use chrono::{DateTime, Utc};

/// The organisation's signing identity, made the first time it is asked for (a store set up
/// before the organisation was named has none yet). Making it is not a person's change: the
/// access log has no entry for it, as for the identity made at setup.
pub fn signing_identity(store: &mut Store, org_name: &str, now: DateTime<Utc>) -> Result<SigningIdentity> {
    store.write(|tx| signing::ensure(tx, org_name, now))
}
