//! Moving records in and out: `fristad-cli import FILE.json` and `export --json`. The format is
//! documented in docs/import-format.md.
//!
//! Promises: an import is all or nothing (one transaction); it checks every record with the same
//! rules as the window and reports every problem with its place in the file; records are matched
//! by their keys, so importing the same file again changes nothing; an import never deletes.
//! An export read back by import into an empty store gives the same export.

use crate::error::{Code, Error, Result};
use crate::journal::{self, NoteInput};
use crate::organisation::{self, OrganisationInput};
use crate::people::{self, Person};
use crate::placements::{self, PlacementInput, views};
use crate::registers::municipalities::{self, Municipality};
use crate::registers::rooms::{self, Room};
use crate::registers::tariffs::{self, Tariff};
use crate::requests::{self, RefusedRequest, Request};
use crate::store::Store;
use crate::text::Lang;
use crate::{clock, concerns};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

pub const FORMAT: &str = "fristad-export/1";

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exchange {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<OrganisationInput>,
    #[serde(default)]
    pub municipalities: Vec<Municipality>,
    /// Dated changes of municipalities' terms and of how nights are counted and the fee
    /// invoiced, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub term_changes: Vec<crate::terms::ChangeRecord>,
    #[serde(default)]
    pub tariffs: Vec<Tariff>,
    #[serde(default)]
    pub rooms: Vec<Room>,
    #[serde(default)]
    pub people: Vec<Person>,
    #[serde(default)]
    pub placements: Vec<PlacementInput>,
    #[serde(default)]
    pub journal: Vec<NoteInput>,
    #[serde(default)]
    pub concern_reports: Vec<concerns::ConcernReport>,
    /// Every request for a place, oldest first.
    #[serde(default)]
    pub requests: Vec<Request>,
    /// The log of refused requests of files written before every request was recorded: read as
    /// refused requests (`requests::RefusedRequest`), never written.
    #[serde(default, skip_serializing)]
    pub refused_requests: Vec<RefusedRequest>,
    #[serde(default)]
    pub lex_sarah_reports: Vec<crate::lex_sarah::LexSarahReport>,
    #[serde(default)]
    pub support_contacts: Vec<crate::support::SupportContact>,
}

/// A problem in an import file, with where it is, in the language the import was asked in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub place: String,
    pub message: String,
}

/// What an import changed, per kind of record.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Changes {
    pub organisation: usize,
    pub municipalities: usize,
    pub term_changes: usize,
    pub tariffs: usize,
    pub rooms: usize,
    pub people: usize,
    pub placements: usize,
    pub journal: usize,
    pub concern_reports: usize,
    pub requests: usize,
    pub lex_sarah_reports: usize,
    pub support_contacts: usize,
}

impl Changes {
    pub fn total(&self) -> usize {
        self.organisation
            + self.municipalities
            + self.term_changes
            + self.tariffs
            + self.rooms
            + self.people
            + self.placements
            + self.journal
            + self.concern_reports
            + self.requests
            + self.lex_sarah_reports
            + self.support_contacts
    }
}

/// `stays.1.in` → `stays[1].in`, the way people point into a JSON file.
fn json_path(field: &str) -> String {
    let mut out = String::new();
    for part in field.split('.') {
        if part.chars().all(|c| c.is_ascii_digit()) && !part.is_empty() {
            out.push_str(&format!("[{part}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(part);
        }
    }
    out
}

/// Where a problem is: the record by its place in the file (not by its key, which is what was
/// typed and could be a name put in the wrong field), and the field.
fn place(section: &str, index: usize, e: &Error, lang: Lang) -> Problem {
    let mut p = format!("{section}[{index}]");
    if let Some(f) = e.field.as_deref().filter(|f| !f.is_empty()) {
        p.push_str(&format!(".{}", json_path(f)));
    }
    Problem {
        place: p,
        message: e.in_lang(lang),
    }
}

/// Counts a record that changed, or notes its problem.
fn tally(lang: Lang, problems: &mut Vec<Problem>, r: Result<bool>, section: &str, i: usize, count: &mut usize) {
    match r {
        Ok(true) => *count += 1,
        Ok(false) => {}
        Err(e) => problems.push(place(section, i, &e, lang)),
    }
}

/// What a reader's error says without the value it quotes, which may be a name or a personnummer
/// typed into the wrong field: the kind of problem and what was expected stay, every quoted value
/// before the word "expected" becomes «…», and the place is given apart (line and column).
fn without_values(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let text = match text.rfind(" at line ") {
        Some(at) => &text[..at],
        None => text.as_str(),
    };
    let (said, expected) = match text.find(", expected") {
        Some(at) => text.split_at(at),
        None => (text, ""),
    };
    let mut out = String::new();
    let mut quote: Option<char> = None;
    for c in said.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '`' => {
                quote = Some(c);
                out.push_str("«…»");
            }
            None => out.push(c),
        }
    }
    out + expected
}

/// Reads an import file's text; a file that is not valid JSON of this shape is one problem,
/// named by the field it is in (`tariffs[0].iop`) where the reader got that far, else by its line
/// and column. A byte-order mark before the JSON (as some editors save) is skipped.
/// Reads a file of the format; its problems in `lang`.
pub fn parse(text: &str, lang: Lang) -> std::result::Result<Exchange, Vec<Problem>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(&mut reader).map_err(|e| {
        let field = e.path().to_string();
        let e = e.into_inner();
        // A value of the wrong kind is named by its field; a file that is not JSON by its line.
        let data = e.classify() == serde_json::error::Category::Data;
        let place = if !data || field.is_empty() || field == "." {
            crate::msg!("notice.exchange.line_column", line = e.line(), column = e.column()).render(lang)
        } else {
            field
        };
        vec![Problem {
            place,
            message: crate::msg!("error.exchange.not_the_format", reason = without_values(&e)).render(lang),
        }]
    })
}

/// Imports everything in `file` in one transaction. On any problem nothing is saved and every
/// problem found is returned.
pub fn import(
    store: &mut Store,
    file: &Exchange,
    now: DateTime<Utc>,
    actor: &str,
    lang: Lang,
) -> std::result::Result<Changes, Vec<Problem>> {
    let today = clock::swedish_date(now);
    let mut problems: Vec<Problem> = Vec::new();
    let mut changes = Changes::default();
    if let Some(f) = &file.format
        && f != FORMAT
    {
        return Err(vec![Problem {
            place: "format".into(),
            message: crate::msg!("error.exchange.unknown_format", expected = FORMAT).render(lang),
        }]);
    }
    let result = store.write(|tx| {
        if let Some(org) = &file.organisation {
            let r = org.validate().and_then(|o| {
                let before = organisation::load(tx)?;
                organisation::save(tx, &o, now)?;
                Ok(before.as_ref() != Some(&o))
            });
            match r {
                Ok(true) => changes.organisation += 1,
                Ok(false) => {}
                Err(e) => problems.push(Problem {
                    place: format!(
                        "organisation{}",
                        e.field.as_deref().map(|f| format!(".{f}")).unwrap_or_default()
                    ),
                    message: e.in_lang(lang),
                }),
            }
        }
        // A municipality whose history the file carries takes its terms from it.
        let with_history: std::collections::HashSet<&str> = file
            .term_changes
            .iter()
            .filter_map(|c| c.municipality.as_deref())
            .collect();
        for (i, m) in file.municipalities.iter().enumerate() {
            let terms = municipalities::TermsChange {
                from: None,
                reason: crate::msg!("label.exchange.terms_reason").render(crate::text::Lang::Sv),
                reprice: m.terms_from.is_some(),
                skip: with_history.contains(m.key.as_str()),
            };
            tally(
                lang,
                &mut problems,
                municipalities::save(tx, m, &terms, actor, now),
                "municipalities",
                i,
                &mut changes.municipalities,
            );
        }
        for (i, c) in file.term_changes.iter().enumerate() {
            tally(
                lang,
                &mut problems,
                crate::terms::import(tx, c, actor, now),
                "term_changes",
                i,
                &mut changes.term_changes,
            );
        }
        for (i, t) in file.tariffs.iter().enumerate() {
            tally(
                lang,
                &mut problems,
                tariffs::save(tx, t),
                "tariffs",
                i,
                &mut changes.tariffs,
            );
        }
        for (i, r) in file.rooms.iter().enumerate() {
            tally(lang, &mut problems, rooms::save(tx, r), "rooms", i, &mut changes.rooms);
        }
        for (i, p) in file.people.iter().enumerate() {
            tally(
                lang,
                &mut problems,
                people::save(tx, p, today).map(|(_, changed)| changed),
                "people",
                i,
                &mut changes.people,
            );
        }
        for (i, p) in file.placements.iter().enumerate() {
            let r = placements::save(tx, p, now, actor).map(|s| s.changed);
            tally(lang, &mut problems, r, "placements", i, &mut changes.placements);
        }
        // Notes point at each other by their number in the file.
        let mut ids: HashMap<i64, i64> = HashMap::new();
        for (i, n) in file.journal.iter().enumerate() {
            let mut input = n.clone();
            input.id = None;
            input.corrects = match n.corrects {
                Some(c) => match ids.get(&c) {
                    Some(id) => Some(*id),
                    None => {
                        problems.push(Problem {
                            place: format!("journal[{i}].corrects"),
                            message: crate::msg!("error.exchange.corrected_note_missing", note = c).render(lang),
                        });
                        continue;
                    }
                },
                None => None,
            };
            let r = journal::find_same(tx, &input).and_then(|same| match same {
                Some(id) => Ok((id, false)),
                None => journal::add(tx, &input, now).map(|id| (id, true)),
            });
            match r {
                Ok((id, added)) => {
                    if let Some(file_id) = n.id {
                        ids.insert(file_id, id);
                    }
                    changes.journal += usize::from(added);
                }
                Err(e) => problems.push(place("journal", i, &e, lang)),
            }
        }
        for (i, c) in file.concern_reports.iter().enumerate() {
            tally(
                lang,
                &mut problems,
                concerns::add(tx, c, today),
                "concern_reports",
                i,
                &mut changes.concern_reports,
            );
        }
        let mut asked = requests::Importing::default();
        for (i, r) in file.requests.iter().enumerate() {
            tally(
                lang,
                &mut problems,
                asked.import(tx, r, today),
                "requests",
                i,
                &mut changes.requests,
            );
        }
        for (i, r) in file.refused_requests.iter().enumerate() {
            tally(
                lang,
                &mut problems,
                asked.import(tx, &Request::from(r), today),
                "refused_requests",
                i,
                &mut changes.requests,
            );
        }
        let mut contacts = crate::support::Importing::default();
        for (i, c) in file.support_contacts.iter().enumerate() {
            tally(
                lang,
                &mut problems,
                contacts.import(tx, c, today),
                "support_contacts",
                i,
                &mut changes.support_contacts,
            );
        }
        for (i, r) in file.lex_sarah_reports.iter().enumerate() {
            let added = crate::lex_sarah::add(tx, r, today);
            tally(
                lang,
                &mut problems,
                added,
                "lex_sarah_reports",
                i,
                &mut changes.lex_sarah_reports,
            );
        }
        if problems.is_empty() {
            // Only an import that changed something is a change worth logging.
            if changes.total() > 0 {
                let detail = format!("{} poster nya eller ändrade", changes.total());
                let event = crate::audit::Event::new(actor, "import", crate::audit::Kind::Change).detail(detail);
                crate::audit::record(tx, event, now)?;
            }
            Ok(())
        } else {
            // Rolls the whole import back.
            Err(Error::new(
                Code::InvalidInput,
                crate::msg!("error.exchange.rolled_back"),
            ))
        }
    });
    match result {
        Ok(()) => Ok(changes),
        Err(e) if problems.is_empty() => Err(vec![Problem {
            place: "import".into(),
            message: e.in_lang(lang),
        }]),
        Err(_) => Err(problems),
    }
}

/// Everything in the store, in the import format.
pub fn export(store: &Store) -> Result<Exchange> {
    let conn = store.conn();
    let notes = journal::all(conn)?;
    Ok(Exchange {
        format: Some(FORMAT.into()),
        organisation: organisation::load(conn)?.map(|o| OrganisationInput {
            name: o.name,
            org_number: o.org_number.as_str().to_owned(),
            address: o.address,
            bankgiro: o.bankgiro.as_str().to_owned(),
            f_skatt: o.f_skatt,
        }),
        municipalities: municipalities::list(conn)?,
        term_changes: crate::terms::records(conn)?,
        tariffs: tariffs::list(conn)?,
        rooms: rooms::list(conn)?.into_iter().map(|(_, r)| r).collect(),
        people: people::list(conn)?,
        placements: views::all(conn)?.iter().map(PlacementInput::from_placement).collect(),
        journal: notes
            .into_iter()
            .map(|n| NoteInput {
                id: Some(n.id),
                placement: n.placement,
                person: n.person,
                author: n.author,
                body: n.body,
                corrects: n.corrects,
                written_at: Some(clock::to_local_rfc3339(n.written_at)),
            })
            .collect(),
        concern_reports: concerns::all(conn)?,
        requests: requests::all(conn)?,
        refused_requests: Vec::new(),
        lex_sarah_reports: crate::lex_sarah::all(conn)?,
        support_contacts: crate::support::all(conn)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_read_like_json() {
        assert_eq!(json_path("stays.1.in"), "stays[1].in");
        assert_eq!(json_path("reference"), "reference");
        assert_eq!(json_path("service_fees.0.to"), "service_fees[0].to");
    }
}
