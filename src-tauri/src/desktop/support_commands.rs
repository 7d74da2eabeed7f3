//! Support contacts from the window (`actions::support`).

use super::session::Session;
use crate::clock;
use crate::error::Result;
use crate::support::SupportContact;

#[tauri::command(async)]
pub fn add_support_contact(session: tauri::State<'_, Session>, input: SupportContact) -> Result<SupportContact> {
    let mut s = session.lock();
    let (store, who) = s.signed_in()?;
    crate::actions::support::add(store, who, &input, clock::now())
}

#[tauri::command(async)]
pub fn support_contacts_list(session: tauri::State<'_, Session>) -> Result<Vec<SupportContact>> {
    let mut s = session.lock();
    let (store, who) = s.signed_in()?;
    crate::actions::support::latest(store, who)
}
