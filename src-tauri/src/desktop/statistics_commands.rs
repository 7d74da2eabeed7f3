//! Commands for the statistics screen: the yearly report and the half-year follow-up, shown and
//! saved as PDF, XLSX or CSV; and the Lex Sarah log.

use super::commands::{Saved, store};
use super::language::window_language;
use super::session::Session;
use crate::clock;
use crate::error::Result;
use crate::lex_sarah::{self, LexSarahReport};
use crate::records::date;
use crate::statistics::{self, FollowUp, Report, Span, export};
use serde::{Deserialize, Serialize};

/// A calendar year, or any period from one day to another (`YYYY-MM-DD`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Year {
    #[serde(default)]
    year: Option<i32>,
    #[serde(default)]
    from: Option<String>,
    #[serde(default)]
    to: Option<String>,
}

impl Year {
    fn span(&self) -> Result<Span> {
        match self.year {
            Some(year) => Span::year(year),
            None => Span::period(
                date("from", self.from.as_deref().unwrap_or_default())?,
                date("to", self.to.as_deref().unwrap_or_default())?,
            ),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct Yearly {
    /// How the period and the one a year before are named (`2025`, or `2025-07-01 – 2026-06-30`).
    name: String,
    previous_name: String,
    report: Report,
    previous: Report,
    /// The key figures as the publication shows them ("<3" for small counts, if set).
    key_figures: Vec<(String, String, String)>,
    /// Every table but the key figures, as the files show them.
    tables: Vec<export::ShownTable>,
    suppress: bool,
}

#[tauri::command(async)]
pub fn statistics_yearly(session: tauri::State<'_, Session>, input: Year) -> Result<Yearly> {
    let mut s = session.lock();
    let conn = store(&mut s)?.conn();
    let statistics::Yearly {
        report,
        previous,
        suppress,
        ..
    } = statistics::Yearly::period(conn, input.span()?, clock::now())?;
    let lang = window_language();
    let key_figures = export::key_figures(&report, lang)
        .into_iter()
        .zip(export::key_figures(&previous, lang))
        .map(|(a, b)| (a[0].shown(false), a[1].shown(suppress), b[1].shown(suppress)))
        .collect();
    let tables = export::yearly_tables(&report, suppress, lang)
        .iter()
        .skip(1)
        .map(export::Table::shown)
        .collect();
    Ok(Yearly {
        name: report.period.name(),
        previous_name: previous.period.name(),
        report,
        previous,
        key_figures,
        tables,
        suppress,
    })
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Half {
    year: i32,
    half: u8,
}

#[derive(Debug, Serialize)]
pub struct HalfYear {
    follow_up: FollowUp,
    tables: Vec<export::ShownTable>,
}

#[tauri::command(async)]
pub fn statistics_follow_up(session: tauri::State<'_, Session>, input: Half) -> Result<HalfYear> {
    let mut s = session.lock();
    let conn = store(&mut s)?.conn();
    let half = statistics::HalfYear::of(conn, input.year, input.half, clock::now())?;
    let tables = half
        .tables(window_language())
        .iter()
        .map(export::Table::shown)
        .collect();
    let follow_up = half.follow_up;
    Ok(HalfYear { follow_up, tables })
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub enum Format {
    Pdf,
    Xlsx,
    Csv,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SaveReport {
    #[serde(default)]
    year: Option<i32>,
    #[serde(default)]
    from: Option<String>,
    #[serde(default)]
    to: Option<String>,
    /// 1 or 2 for the follow-up (of `year`); absent for the yearly report.
    #[serde(default)]
    half: Option<u8>,
    format: Format,
}

#[tauri::command(async)]
pub fn statistics_save(app: tauri::AppHandle, session: tauri::State<'_, Session>, input: SaveReport) -> Result<Saved> {
    // Checked before anything else, the save dialog included.
    let span = Year {
        year: input.year,
        from: input.from.clone(),
        to: input.to.clone(),
    }
    .span()?;
    let now = clock::now();
    let lang = window_language();
    // Everything is computed first; the session is not held while a dialog is open.
    let (name, pdf, tables) = {
        let mut s = session.lock();
        let conn = store(&mut s)?.conn();
        match input.half {
            None => {
                let y = statistics::Yearly::period(conn, span, now)?;
                (y.file_name(lang), y.pdf(now, lang), y.tables(lang))
            }
            Some(half) => {
                let year = chrono::Datelike::year(&span.from);
                let h = statistics::HalfYear::of(conn, year, half, now)?;
                (h.file_name(lang), h.pdf(now, lang), h.tables(lang))
            }
        }
    };
    let title = |m: crate::text::Message| m.render(lang);
    let data_dir = super::files::data_dir(&session);
    match input.format {
        Format::Pdf => {
            let title = title(crate::msg!("label.statistics.save_report"));
            match super::files::save_dialog(&app, &title, &format!("{name}.pdf"), ("PDF", &["pdf"]))? {
                Some(path) => super::files::write(&data_dir, &path, &pdf).map(|_| Saved::file(&path)),
                None => Ok(Saved::cancelled()),
            }
        }
        Format::Xlsx => {
            let title = title(crate::msg!("label.statistics.save_tables"));
            match super::files::save_dialog(&app, &title, &format!("{name}.xlsx"), ("Excel", &["xlsx"]))? {
                Some(path) => {
                    super::files::write(&data_dir, &path, &export::tables_xlsx(&tables)?).map(|_| Saved::file(&path))
                }
                None => Ok(Saved::cancelled()),
            }
        }
        Format::Csv => {
            let title = title(crate::msg!("label.statistics.choose_csv_folder"));
            match super::files::folder_dialog(&app, &title)? {
                Some(dir) => export::write_csv(&dir.join(&name), &data_dir, crate::saved_file::Existing::Keep, &tables)
                    .map(|_| Saved::file(&dir.join(&name))),
                None => Ok(Saved::cancelled()),
            }
        }
    }
}

#[tauri::command(async)]
pub fn lex_sarah_list(session: tauri::State<'_, Session>) -> Result<Vec<LexSarahReport>> {
    let mut s = session.lock();
    lex_sarah::all(store(&mut s)?.conn())
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LexSarahInput {
    reported_on: String,
    #[serde(default)]
    note: String,
}

#[tauri::command(async)]
pub fn add_lex_sarah(session: tauri::State<'_, Session>, input: LexSarahInput) -> Result<bool> {
    let report = LexSarahReport {
        reported_on: date("reported_on", &input.reported_on)?,
        note: input.note,
    };
    let mut s = session.lock();
    s.change(
        "add_lex_sarah",
        |tx, _| lex_sarah::add(tx, &report, clock::swedish_date(clock::now())),
        |_| crate::audit::About::nothing(),
    )
}

#[tauri::command(async)]
pub fn save_organisation_year(
    session: tauri::State<'_, Session>,
    input: crate::organisation_year::YearInput,
) -> Result<crate::organisation_year::OrganisationYear> {
    let mut s = session.lock();
    let (store, who) = s.signed_in()?;
    crate::actions::organisation_year::record(store, crate::actions::Actor::Account(who), &input, clock::now())
}

#[tauri::command(async)]
pub fn organisation_years(
    session: tauri::State<'_, Session>,
) -> Result<Vec<crate::organisation_year::OrganisationYear>> {
    let mut s = session.lock();
    let (store, who) = s.signed_in()?;
    crate::actions::organisation_year::history(store, crate::actions::Actor::Account(who))
}

/// What looks wrong in the period's records, each said in the window's language with the record
/// it is about.
#[derive(Debug, Serialize)]
pub struct Finding {
    #[serde(flatten)]
    finding: statistics::check::Finding,
    text: String,
}

#[tauri::command(async)]
pub fn statistics_check(session: tauri::State<'_, Session>, input: Year) -> Result<Vec<Finding>> {
    let mut s = session.lock();
    let conn = store(&mut s)?.conn();
    let lang = window_language();
    Ok(statistics::check::check(conn, input.span()?, clock::now())?
        .into_iter()
        .map(|f| Finding {
            text: statistics::check::describe(&f).render(lang),
            finding: f,
        })
        .collect())
}
