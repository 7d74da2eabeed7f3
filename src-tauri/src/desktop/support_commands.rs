//! Support contacts from the window (`actions::support`), and striking out a contact or a request
//! recorded wrongly.

use super::session::Session;
use crate::clock;
use crate::error::Result;
use crate::support::{Listed, SupportContact};

#[tauri::command(async)]
pub fn add_support_contact(session: tauri::State<'_, Session>, input: SupportContact) -> Result<SupportContact> {
    let mut s = session.lock();
    let (store, who) = s.signed_in()?;
    crate::actions::support::add(store, who, &input, clock::now())
}

#[tauri::command(async)]
pub fn support_contacts_list(session: tauri::State<'_, Session>) -> Result<Vec<Listed>> {
    let mut s = session.lock();
    let (store, who) = s.signed_in()?;
    crate::actions::support::latest(store, who)
}

/// An entry to strike out, and why.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Strike {
    id: i64,
    reason: String,
}

#[tauri::command(async)]
pub fn strike_support_contact(session: tauri::State<'_, Session>, input: Strike) -> Result<()> {
    let mut s = session.lock();
    let (store, who) = s.signed_in()?;
    crate::actions::support::strike(store, who, input.id, &input.reason, clock::now())
}

#[tauri::command(async)]
pub fn strike_request(session: tauri::State<'_, Session>, input: Strike) -> Result<()> {
    let mut s = session.lock();
    let (store, who) = s.signed_in()?;
    crate::actions::requests::strike(store, who, input.id, &input.reason, clock::now())
}
