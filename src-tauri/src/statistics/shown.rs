//! A report as the front ends show and save it: the figures with what their renderings need
//! (the organisation's name, whether small cells are hidden), gathered once for the window's
//! screen and files and for fristad-cli alike.

use super::export::{self, Table};
use super::{FollowUp, Report, Span, report_pdf};
use crate::error::Result;
use crate::text::Lang;
use crate::{organisation, settings};
use chrono::{DateTime, Utc};
use rusqlite::Connection;

/// A year's (or any period's) report, beside the same period a year before (the report compares
/// the two).
#[derive(Debug, Clone)]
pub struct Yearly {
    pub span: Span,
    pub report: Report,
    pub previous: Report,
    pub organisation: String,
    pub suppress: bool,
}

impl Yearly {
    /// The year asked for (refused outside 2000–2100, naming `year`), as the records stand at `now`.
    pub fn of(conn: &Connection, year: i32, now: DateTime<Utc>) -> Result<Yearly> {
        Yearly::period(conn, Span::year(year)?, now)
    }

    /// Any period (see `Span::period`), beside the same period a year before.
    pub fn period(conn: &Connection, span: Span, now: DateTime<Utc>) -> Result<Yearly> {
        Ok(Yearly {
            span,
            report: super::compute(conn, span, now)?,
            previous: super::compute(conn, span.year_before(), now)?,
            organisation: organisation_name(conn)?,
            suppress: settings::load(conn)?.suppress_small_cells,
        })
    }

    pub fn pdf(&self, now: DateTime<Utc>, lang: Lang) -> Vec<u8> {
        report_pdf::yearly(
            &self.report,
            &self.previous,
            &self.organisation,
            self.suppress,
            now,
            lang,
        )
    }

    pub fn tables(&self, lang: Lang) -> Vec<Table> {
        compared_tables(&self.report, &self.previous, self.suppress, lang)
    }

    /// The name its files are saved under.
    pub fn file_name(&self, lang: Lang) -> String {
        crate::msg!(
            "label.statistics.file_yearly",
            year = self.span.name().replace(" – ", "_")
        )
        .render(lang)
    }
}

/// A half-year's follow-up of the acute placements.
#[derive(Debug, Clone)]
pub struct HalfYear {
    pub year: i32,
    pub half: u8,
    pub follow_up: FollowUp,
    pub organisation: String,
    pub suppress: bool,
}

impl HalfYear {
    /// The half asked for (1 or 2, naming `half`), as the records stand at `now`.
    pub fn of(conn: &Connection, year: i32, half: u8, now: DateTime<Utc>) -> Result<HalfYear> {
        Ok(HalfYear {
            year,
            half,
            follow_up: super::follow_up(conn, Span::half(year, half)?, now)?,
            organisation: organisation_name(conn)?,
            suppress: settings::load(conn)?.suppress_small_cells,
        })
    }

    pub fn pdf(&self, now: DateTime<Utc>, lang: Lang) -> Vec<u8> {
        report_pdf::follow_up(&self.follow_up, &self.organisation, self.suppress, now, lang)
    }

    pub fn tables(&self, lang: Lang) -> Vec<Table> {
        export::follow_up_tables(&self.follow_up, self.suppress, lang)
    }

    pub fn file_name(&self, lang: Lang) -> String {
        crate::msg!("label.statistics.file_follow_up", year = self.year, half = self.half).render(lang)
    }
}

/// The key figures beside the same period a year before, as the report's first table.
pub fn compared_key_figures(r: &Report, previous: &Report, suppress: bool, lang: Lang) -> Table {
    Table {
        name: "nyckeltal",
        title: crate::msg!("label.statistics.key_figures").render(lang),
        columns: vec![
            crate::msg!("label.statistics.measure").render(lang),
            r.period.name(),
            previous.period.name(),
        ],
        rows: export::key_figures(r, lang)
            .into_iter()
            .zip(export::key_figures(previous, lang))
            .map(|(mut a, b)| {
                a.push(b[1].clone());
                a
            })
            .collect(),
        suppress,
    }
}

/// Every table of the report, its key figures beside the year before's: what the yearly XLSX
/// and CSV hold.
pub fn compared_tables(r: &Report, previous: &Report, suppress: bool, lang: Lang) -> Vec<Table> {
    let mut tables = export::yearly_tables(r, suppress, lang);
    tables[0] = compared_key_figures(r, previous, suppress, lang);
    tables
}

fn organisation_name(conn: &Connection) -> Result<String> {
    Ok(organisation::load(conn)?.map(|o| o.name).unwrap_or_default())
}
