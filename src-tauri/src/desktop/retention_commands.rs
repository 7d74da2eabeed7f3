//! Retention (gallring): the preview, earlier runs, and a run. Admins only (see `permissions`).

use super::session::Session;
use crate::clock;
use crate::error::Result;
use crate::retention::{self, Outcome, Run};
use crate::settings;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct RetentionPage {
    policy: settings::Retention,
    preview: Outcome,
    runs: Vec<Run>,
}

#[tauri::command(async)]
pub fn retention_preview(session: tauri::State<'_, Session>) -> Result<RetentionPage> {
    let mut s = session.lock();
    let (store, _) = s.signed_in()?;
    let conn = store.conn();
    let policy = settings::load(conn)?.retention;
    Ok(RetentionPage {
        policy,
        preview: retention::preview(conn, policy, clock::swedish_date(clock::now()))?,
        runs: retention::runs(conn)?,
    })
}

#[tauri::command(async)]
pub fn retention_run(session: tauri::State<'_, Session>) -> Result<Outcome> {
    let mut s = session.lock();
    let (store, who) = s.signed_in()?;
    crate::actions::retention::run(store, who, clock::now())
}
