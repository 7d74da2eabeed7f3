//! Correcting a saved placement from its page: what a correction would do to the invoices, and
//! the correction itself (`actions::placements`).

use super::session::Session;
use crate::billing::change_effect::Effect;
use crate::clock;
use crate::error::Result;
use crate::placements::correct::Correction;
use crate::placements::save::Saved;

#[tauri::command(async)]
pub fn correct_placement(session: tauri::State<'_, Session>, input: Correction) -> Result<Saved> {
    let mut s = session.lock();
    let (store, who) = s.signed_in()?;
    crate::actions::placements::correct(store, who, &input, clock::now())
}

/// Corrects one of a person's own details (protected identity: a manager's).
#[tauri::command(async)]
pub fn correct_person(
    session: tauri::State<'_, Session>,
    input: crate::person_correction::PersonCorrection,
) -> Result<crate::people::Person> {
    let mut s = session.lock();
    let (store, who) = s.signed_in()?;
    crate::actions::people::correct(store, who, &input, clock::now())
}

/// The credit notes and invoices the next run would make because of the correction.
#[tauri::command(async)]
pub fn correction_preview(session: tauri::State<'_, Session>, input: Correction) -> Result<Effect> {
    let mut s = session.lock();
    let (store, who) = s.signed_in()?;
    crate::actions::placements::correction_effect(store, who, &input, clock::now())
}

/// Every room's out-of-use periods and their history.
#[tauri::command(async)]
pub fn room_periods(session: tauri::State<'_, Session>) -> Result<Vec<crate::actions::rooms::RoomPeriods>> {
    let mut s = session.lock();
    let (store, who) = s.signed_in()?;
    crate::actions::rooms::periods(store, who)
}

/// Corrects one of a room's out-of-use periods, with why.
#[tauri::command(async)]
pub fn room_closure_correct(
    session: tauri::State<'_, Session>,
    input: crate::registers::room_closures::PeriodChange,
) -> Result<crate::registers::room_closures::Period> {
    let mut s = session.lock();
    let (store, who) = s.signed_in()?;
    crate::actions::rooms::correct_period(store, who, &input, clock::now())
}

/// Ends one of a room's out-of-use periods early, with why.
#[tauri::command(async)]
pub fn room_closure_end(
    session: tauri::State<'_, Session>,
    input: crate::actions::rooms::EndEarly,
) -> Result<crate::registers::room_closures::Period> {
    let mut s = session.lock();
    let (store, who) = s.signed_in()?;
    crate::actions::rooms::end_period(store, who, &input, clock::now())
}
