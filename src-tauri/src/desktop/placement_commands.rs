//! Commands for the daily work: intake, placements, people, rooms, municipalities and logs.
//! Thin: each parses its input, calls the core in one transaction, and returns the result.

use super::commands::store;
use super::session::Session;
use crate::audit::{About, Kind};
use crate::clock;
use crate::concerns::{self, ConcernReport};
use crate::error::{Error, Result};
use crate::journal::{self, Note, NoteInput};
use crate::people::{self, Names, Person};
use crate::placements::views::{self, Now, PlacementSummary, PlacementView, RoomView};
use crate::placements::{self, AssessmentInput, Destination, PlacementInput, RveDecision, StayInput, kinds};
use crate::records::date;
use crate::registers::municipalities::{self, Municipality};
use crate::registers::rooms::{self, Room};
use serde::{Deserialize, Serialize};

#[derive(Debug, Serialize)]
pub struct Catalogue {
    kinds: serde_json::Value,
    municipalities: Vec<Municipality>,
    rooms: Vec<Room>,
    /// Now in Swedish local time, `2026-03-01 22:15`, to prefill time fields.
    now_local: String,
}

#[tauri::command(async)]
pub fn catalogue(session: tauri::State<'_, Session>) -> Result<Catalogue> {
    let mut s = session.lock();
    let conn = store(&mut s)?.conn();
    Ok(Catalogue {
        kinds: kinds::catalogue(super::language::window_language()),
        municipalities: municipalities::list(conn)?,
        rooms: rooms::list(conn)?.into_iter().map(|(_, r)| r).collect(),
        now_local: clock::to_local_text(clock::now()),
    })
}

#[tauri::command(async)]
pub fn house_now(session: tauri::State<'_, Session>) -> Result<Now> {
    let mut s = session.lock();
    let (store, who) = s.signed_in()?;
    views::now(store.conn(), clock::now(), Names::for_account(who))
}

#[tauri::command(async)]
pub fn placements_list(session: tauri::State<'_, Session>) -> Result<Vec<PlacementSummary>> {
    let mut s = session.lock();
    let (store, who) = s.signed_in()?;
    views::summaries(store.conn(), clock::now(), Names::for_account(who))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Key {
    key: String,
}

#[derive(Debug, Serialize)]
pub struct PlacementPage {
    #[serde(flatten)]
    view: PlacementView,
    journal: Vec<Note>,
    concern_reports: Vec<ConcernReport>,
    /// Its corrections, field by field (`corrections::Correction::changes`).
    history: Vec<crate::corrections::Change>,
}

#[tauri::command(async)]
pub fn placement_view(session: tauri::State<'_, Session>, input: Key) -> Result<PlacementPage> {
    let mut s = session.lock();
    // Opening a placement is logged, in the same transaction that reads it.
    s.logged(
        "placement_view",
        Kind::View,
        |tx, _| {
            let view = views::view_in(tx, &input.key, clock::now(), super::language::window_language())?;
            Ok(PlacementPage {
                history: view.corrections.iter().flat_map(|c| c.changes()).collect(),
                view,
                journal: journal::for_placement(tx, &input.key)?,
                concern_reports: concerns::for_placement(tx, &input.key)?,
            })
        },
        |_| About::placement(&input.key),
    )
}

/// In the window, a returning person is chosen through the search; a key typed together with a
/// new person's details must therefore be new, or an existing person would be changed unseen.
fn refuse_taken_key(conn: &rusqlite::Connection, field: &str, stay: &StayInput) -> Result<()> {
    if let (Some(key), Some(_)) = (stay.person.as_deref(), stay.name.as_deref())
        && people::by_key(conn, key.trim())?.is_some()
    {
        return Err(Error::invalid(field, crate::msg!("error.placements.key_taken")));
    }
    Ok(())
}

#[tauri::command(async)]
pub fn intake(session: tauri::State<'_, Session>, input: PlacementInput) -> Result<placements::save::Saved> {
    let mut s = session.lock();
    for (i, stay) in input.stays.iter().enumerate() {
        refuse_taken_key(store(&mut s)?.conn(), &format!("stays.{i}.person"), stay)?;
    }
    s.change(
        "intake",
        |tx, actor| placements::save(tx, &input, clock::now(), actor),
        |saved| About::placement(&saved.key),
    )
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddPerson {
    key: String,
    stay: StayInput,
}

#[tauri::command(async)]
pub fn add_person(session: tauri::State<'_, Session>, input: AddPerson) -> Result<placements::save::Saved> {
    let mut s = session.lock();
    refuse_taken_key(store(&mut s)?.conn(), "stay.person", &input.stay)?;
    let key = input.key.clone();
    s.change(
        "add_person",
        |tx, actor| placements::add_stay(tx, &input.key, input.stay, clock::now(), actor),
        |_| About::placement(key),
    )
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MoveOut {
    key: String,
    /// Person keys; empty for everyone still there.
    #[serde(default)]
    persons: Vec<String>,
    at: String,
    destination: Destination,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReadyToMove {
    key: String,
    person: String,
    /// `YYYY-MM-DD`; empty clears it.
    date: String,
}

#[tauri::command(async)]
pub fn set_ready_to_move(session: tauri::State<'_, Session>, input: ReadyToMove) -> Result<placements::save::Saved> {
    let mut s = session.lock();
    s.change(
        "set_ready_to_move",
        |tx, actor| placements::record_ready_to_move(tx, &input.key, &input.person, &input.date, clock::now(), actor),
        |_| About::placement(&input.key),
    )
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChildRightsInput {
    key: String,
    person: String,
    #[serde(default)]
    school_from: String,
    #[serde(default)]
    health_offered_on: String,
    #[serde(default)]
    own_conversation_on: String,
}

#[tauri::command(async)]
pub fn set_child_rights(
    session: tauri::State<'_, Session>,
    input: ChildRightsInput,
) -> Result<placements::save::Saved> {
    let rights = placements::RightsInput {
        school_from: input.school_from,
        health_offered_on: input.health_offered_on,
        own_conversation_on: input.own_conversation_on,
    };
    let mut s = session.lock();
    s.change(
        "set_child_rights",
        |tx, actor| placements::record_child_rights(tx, &input.key, &input.person, &rights, clock::now(), actor),
        |_| About::placement(&input.key),
    )
}

#[tauri::command(async)]
pub fn move_out(session: tauri::State<'_, Session>, input: MoveOut) -> Result<Vec<String>> {
    let mut s = session.lock();
    s.change(
        "move_out",
        |tx, actor| {
            placements::move_out(
                tx,
                &input.key,
                &input.persons,
                &input.at,
                input.destination,
                clock::now(),
                actor,
            )
        },
        |_| About::placement(&input.key),
    )
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UndoMoveOut {
    key: String,
    person: String,
    reason: String,
}

#[tauri::command(async)]
pub fn undo_move_out(session: tauri::State<'_, Session>, input: UndoMoveOut) -> Result<()> {
    let mut s = session.lock();
    s.change(
        "undo_move_out",
        |tx, actor| placements::undo_move_out(tx, &input.key, &input.person, &input.reason, clock::now(), actor),
        |_| About::placement(&input.key).and_person(&input.person),
    )
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeRoom {
    key: String,
    #[serde(default)]
    room: Option<String>,
}

#[tauri::command(async)]
pub fn change_room(session: tauri::State<'_, Session>, input: ChangeRoom) -> Result<placements::save::Saved> {
    let mut s = session.lock();
    s.change(
        "change_room",
        |tx, actor| placements::change_room(tx, &input.key, input.room.as_deref(), clock::now(), actor),
        |_| About::placement(&input.key),
    )
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RveContact {
    key: String,
    at: String,
    by: String,
}

#[tauri::command(async)]
pub fn rve_contact(session: tauri::State<'_, Session>, input: RveContact) -> Result<placements::save::Saved> {
    let mut s = session.lock();
    s.change(
        "rve_contact",
        |tx, actor| placements::record_rve_contact(tx, &input.key, &input.at, &input.by, clock::now(), actor),
        |_| About::placement(&input.key),
    )
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RveDecisionInput {
    key: String,
    decision: RveDecision,
    at: String,
}

#[tauri::command(async)]
pub fn rve_decision(session: tauri::State<'_, Session>, input: RveDecisionInput) -> Result<placements::save::Saved> {
    let mut s = session.lock();
    s.change(
        "rve_decision",
        |tx, actor| placements::record_rve_decision(tx, &input.key, input.decision, &input.at, clock::now(), actor),
        |_| About::placement(&input.key),
    )
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SaveAssessment {
    key: String,
    assessment: AssessmentInput,
}

#[tauri::command(async)]
pub fn save_assessment(session: tauri::State<'_, Session>, input: SaveAssessment) -> Result<placements::save::Saved> {
    let mut s = session.lock();
    let key = input.key.clone();
    s.change(
        "save_assessment",
        |tx, actor| placements::record_assessment(tx, &input.key, input.assessment, clock::now(), actor),
        |_| About::placement(key),
    )
}

#[tauri::command(async)]
pub fn add_note(session: tauri::State<'_, Session>, input: NoteInput) -> Result<i64> {
    let mut s = session.lock();
    let about = match (&input.placement, &input.person) {
        (Some(p), _) => About::placement(p),
        (None, Some(p)) => About::person(p),
        (None, None) => About::nothing(),
    };
    s.change(
        "add_note",
        |tx, _| {
            journal::add(
                tx,
                &NoteInput {
                    id: None,
                    written_at: None,
                    ..input
                },
                clock::now(),
            )
        },
        |_| about,
    )
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConcernInput {
    person: String,
    #[serde(default)]
    placement: Option<String>,
    reported_on: String,
    recipient: String,
    method: concerns::Method,
    author: String,
}

#[tauri::command(async)]
pub fn add_concern_report(session: tauri::State<'_, Session>, input: ConcernInput) -> Result<bool> {
    let report = ConcernReport {
        person: input.person,
        placement: input.placement,
        reported_on: date("reported_on", &input.reported_on)?,
        recipient: input.recipient,
        method: input.method,
        author: input.author,
    };
    let about = match &report.placement {
        Some(p) => About::placement(p).and_person(&report.person),
        None => About::person(&report.person),
    };
    let mut s = session.lock();
    s.change(
        "add_concern_report",
        |tx, _| concerns::add(tx, &report, clock::swedish_date(clock::now())),
        |_| about,
    )
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Query {
    query: String,
}

#[tauri::command(async)]
pub fn people_search(session: tauri::State<'_, Session>, input: Query) -> Result<Vec<Person>> {
    let mut s = session.lock();
    let (store, who) = s.signed_in()?;
    people::search_listed(
        store.conn(),
        &input.query,
        clock::swedish_date(clock::now()),
        Names::for_account(who),
    )
}

#[derive(Debug, Serialize)]
pub struct PersonPage {
    person: Person,
    placements: Vec<PlacementSummary>,
    journal: Vec<Note>,
    /// Her or his own details corrected afterwards.
    history: Vec<crate::corrections::Change>,
}

#[tauri::command(async)]
pub fn person_view(session: tauri::State<'_, Session>, input: Key) -> Result<PersonPage> {
    let mut s = session.lock();
    s.logged(
        "person_view",
        Kind::View,
        |tx, _| person_page(tx, &input.key),
        |_| About::person(&input.key),
    )
}

fn person_page(conn: &rusqlite::Connection, key: &str) -> Result<PersonPage> {
    let input = Key { key: key.to_owned() };
    let (id, person) = people::by_key(conn, &input.key)?
        .ok_or_else(|| crate::Error::new(crate::Code::NotFound, crate::msg!("error.people.not_found_plain")))?;
    let placements = views::summarize(conn, views::of_person(conn, &input.key)?, clock::now(), Names::All)?;
    Ok(PersonPage {
        history: crate::corrections::person_history(conn, id)?,
        journal: journal::for_person(conn, &input.key)?,
        person,
        placements,
    })
}

#[tauri::command(async)]
pub fn rooms_board(session: tauri::State<'_, Session>) -> Result<Vec<RoomView>> {
    let mut s = session.lock();
    let (store, who) = s.signed_in()?;
    views::rooms_board(store.conn(), clock::now(), Names::for_account(who))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoomInput {
    key: String,
    name: String,
    acute: bool,
    beds: u32,
    #[serde(default)]
    closures: Vec<ClosureInput>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClosureInput {
    from: String,
    #[serde(default)]
    to: Option<String>,
    #[serde(default)]
    reason: String,
}

#[tauri::command(async)]
pub fn save_room(session: tauri::State<'_, Session>, input: RoomInput) -> Result<bool> {
    let closures = input
        .closures
        .iter()
        .map(|c| {
            Ok(rooms::Closure {
                from: date("closed_from", &c.from)?,
                to: c
                    .to
                    .as_deref()
                    .filter(|t| !t.trim().is_empty())
                    .map(|t| date("closed_to", t))
                    .transpose()?,
                reason: c.reason.clone(),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let room = Room {
        key: input.key,
        name: input.name,
        acute: input.acute,
        beds: input.beds,
        closures,
    };
    let mut s = session.lock();
    let detail = room.key.clone();
    s.change("save_room", |tx, _| rooms::save(tx, &room), |_| About::detail(detail))
}
