//! Requests for a place from the window (`actions::requests`).

use super::session::Session;
use crate::clock;
use crate::error::Result;
use crate::requests::{Decision, Listed, Request};

#[tauri::command(async)]
pub fn add_request(session: tauri::State<'_, Session>, input: Request) -> Result<i64> {
    let mut s = session.lock();
    let (store, who) = s.signed_in()?;
    crate::actions::requests::add(store, who, &input, clock::now())
}

/// A pending request's id and its outcome.
#[derive(Debug, serde::Deserialize)]
pub struct DecideInput {
    id: i64,
    #[serde(flatten)]
    decision: Decision,
}

#[tauri::command(async)]
pub fn decide_request(session: tauri::State<'_, Session>, input: DecideInput) -> Result<()> {
    let mut s = session.lock();
    let (store, who) = s.signed_in()?;
    crate::actions::requests::decide(store, who, input.id, &input.decision, clock::now())
}

#[tauri::command(async)]
pub fn requests_list(session: tauri::State<'_, Session>) -> Result<Vec<Listed>> {
    let mut s = session.lock();
    let (store, who) = s.signed_in()?;
    crate::actions::requests::latest(store, who)
}
