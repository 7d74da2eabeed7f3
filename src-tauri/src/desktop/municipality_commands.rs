//! The municipality register in the window: the list, a municipality's dated terms, and saving
//! one, with what a change of its terms does to the invoices shown before it is saved.

use super::commands::store;
use super::session::Session;
use crate::audit::About;
use crate::billing::change_effect::{self, Effect};
use crate::clock;
use crate::error::Result;
use crate::records::date;
use crate::registers::municipalities::{self, Municipality, TermsChange};
use crate::terms::{self, MunicipalityTerms};
use serde::Deserialize;

#[tauri::command(async)]
pub fn municipalities_list(session: tauri::State<'_, Session>) -> Result<Vec<Municipality>> {
    let mut s = session.lock();
    municipalities::list(store(&mut s)?.conn())
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Key {
    key: String,
}

#[tauri::command(async)]
pub fn municipality_terms(session: tauri::State<'_, Session>, input: Key) -> Result<MunicipalityTerms> {
    let mut s = session.lock();
    terms::municipality_terms(store(&mut s)?.conn(), input.key.trim())
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MunicipalityInput {
    municipality: Municipality,
    /// From when a change of price class or acute clause applies ("": the first night not yet
    /// invoiced to the municipality).
    terms_from: String,
    terms_reason: String,
    /// A date before the first night not yet invoiced re-prices invoiced nights: only when asked.
    reprice: bool,
}

impl MunicipalityInput {
    fn terms(&self) -> Result<TermsChange> {
        Ok(TermsChange {
            from: match self.terms_from.trim() {
                "" => None,
                t => Some(date("terms_from", t)?),
            },
            reason: self.terms_reason.clone(),
            reprice: self.reprice,
            skip: false,
        })
    }
}

/// What saving would do to the invoices: the credit notes and invoices the next run would make
/// because of it. Nothing is saved.
#[tauri::command(async)]
pub fn municipality_change_preview(session: tauri::State<'_, Session>, input: MunicipalityInput) -> Result<Effect> {
    let mut terms = input.terms()?;
    // The reason, and leave to re-price what is invoiced, are asked for when saving; the
    // preview shows what the change would do either way.
    if terms.reason.trim().is_empty() {
        terms.reason = "-".into();
    }
    terms.reprice = true;
    let mut s = session.lock();
    let who = s.signed_in()?.1.username.clone();
    let now = clock::now();
    change_effect::of(
        store(&mut s)?.conn(),
        |tx| municipalities::save(tx, &input.municipality, &terms, &who, now),
        now,
    )
}

#[tauri::command(async)]
pub fn save_municipality(session: tauri::State<'_, Session>, input: MunicipalityInput) -> Result<bool> {
    let terms = input.terms()?;
    let mut s = session.lock();
    let detail = input.municipality.key.clone();
    s.change(
        "save_municipality",
        |tx, actor| municipalities::save(tx, &input.municipality, &terms, actor, clock::now()),
        |_| About::detail(detail),
    )
}
