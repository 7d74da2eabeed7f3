//! The statistics as tables: the same values as the screen and the PDF, written as XLSX (one
//! sheet per table, numbers as numbers) or as CSV files (one per table; semicolons and UTF-8 with
//! a byte-order mark, as Swedish spreadsheet programs expect). In everything meant for
//! publication, counts of people under 3 are shown as "<3" (a setting).

use super::compute::{Report, Row};
use super::followup::FollowUp;
use crate::data_dir::DataDir;
use crate::error::{Code, Error, Result};
use crate::msg;
use crate::saved_file::{self, Existing};
use crate::text::{Lang, Message};
use std::path::Path;

/// One value in a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// A count of people (or placements): suppressed under 3 when publishing.
    People(u32),
    /// Any other number (nights, room-nights, per cent, averages).
    Number(f64),
}

impl Cell {
    /// What a reader sees: "<3" for a small count of people when suppressing.
    pub fn shown(&self, suppress: bool) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::People(n) if suppress && (1..3).contains(n) => "<3".into(),
            Cell::People(n) => n.to_string(),
            Cell::Number(x) if x.fract() == 0.0 => format!("{x:.0}"),
            Cell::Number(x) => format!("{x:.1}").replace('.', ","),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Table {
    /// File and sheet name: short, ASCII.
    pub name: &'static str,
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// Whether small counts are suppressed in this rendering.
    pub suppress: bool,
}

/// A table as a reader sees it: every cell as text, small counts suppressed if set. The screen
/// shows exactly this, so it cannot disagree with the files.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ShownTable {
    pub name: &'static str,
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn shown(&self) -> ShownTable {
        ShownTable {
            name: self.name,
            title: self.title.clone(),
            columns: self.columns.clone(),
            rows: self
                .rows
                .iter()
                .map(|r| r.iter().map(|c| c.shown(self.suppress)).collect())
                .collect(),
        }
    }
}

fn cols(names: Vec<Message>, lang: Lang) -> Vec<String> {
    names.iter().map(|n| n.render(lang)).collect()
}

fn rows_table(name: &'static str, title: Message, column: Message, rows: &[Row], suppress: bool, lang: Lang) -> Table {
    Table {
        name,
        title: title.render(lang),
        columns: cols(vec![column, msg!("label.statistics.count")], lang),
        rows: rows
            .iter()
            .map(|r| vec![Cell::Text(r.label.render(lang)), Cell::People(r.count)])
            .collect(),
        suppress,
    }
}

fn kv(label: Message, cell: Cell, lang: Lang) -> Vec<Cell> {
    vec![Cell::Text(label.render(lang)), cell]
}

/// The key figures, as rows of (label, value): shared by every rendering.
pub fn key_figures(r: &Report, lang: Lang) -> Vec<Vec<Cell>> {
    let kv = |label: Message, cell: Cell| kv(label, cell, lang);
    vec![
        kv(msg!("label.statistics.individuals"), Cell::People(r.individuals.total)),
        kv(
            msg!("label.statistics.of_whom_women"),
            Cell::People(r.individuals.adults),
        ),
        kv(
            msg!("label.statistics.of_whom_children"),
            Cell::People(r.individuals.children),
        ),
        kv(msg!("label.statistics.nights"), Cell::Number(f64::from(r.nights.total))),
        kv(
            msg!("label.statistics.sub_adults"),
            Cell::Number(f64::from(r.nights.adults)),
        ),
        kv(
            msg!("label.statistics.sub_children"),
            Cell::Number(f64::from(r.nights.children)),
        ),
        kv(
            msg!("label.statistics.nights_mean"),
            Cell::Number(r.nights.average_per_adult),
        ),
        kv(
            msg!("label.statistics.nights_median"),
            Cell::Number(r.nights.median_per_adult),
        ),
        kv(
            msg!("label.statistics.nights_waiting_for_housing"),
            Cell::Number(f64::from(r.nights.waiting_for_housing)),
        ),
        kv(
            msg!("label.statistics.placements_started"),
            Cell::People(r.placements.started),
        ),
        kv(
            msg!("label.statistics.placements_ended"),
            Cell::People(r.placements.ended),
        ),
        kv(msg!("label.statistics.acute"), Cell::People(r.placements.acute)),
        kv(
            msg!("label.statistics.beyond_two_days"),
            Cell::People(r.placements.acute_beyond_two_nights),
        ),
        kv(
            msg!("label.statistics.placing_municipalities"),
            Cell::Number(f64::from(r.municipalities)),
        ),
        kv(msg!("label.statistics.occupancy_rooms"), Cell::Number(r.occupancy.rate)),
        kv(
            msg!("label.statistics.occupancy_acute"),
            Cell::Number(r.acute_room_occupancy.rate),
        ),
        kv(
            msg!("label.support.contacts"),
            Cell::Number(f64::from(r.support.contacts)),
        ),
        kv(msg!("label.requests.total"), Cell::Number(f64::from(r.requests.total))),
        kv(
            msg!("label.requests.refused"),
            Cell::Number(f64::from(r.requests.refused)),
        ),
        kv(
            msg!("label.statistics.concern_reports"),
            Cell::People(r.quality.concern_reports),
        ),
        kv(
            msg!("label.statistics.lex_sarah_reports"),
            Cell::People(r.quality.lex_sarah_reports),
        ),
    ]
}

/// A month's name (1 = January), written as in running text (lower case in Swedish).
pub fn month_name(m: u32, lang: Lang) -> String {
    match m {
        1 => msg!("label.statistics.january"),
        2 => msg!("label.statistics.february"),
        3 => msg!("label.statistics.march"),
        4 => msg!("label.statistics.april"),
        5 => msg!("label.statistics.may"),
        6 => msg!("label.statistics.june"),
        7 => msg!("label.statistics.july"),
        8 => msg!("label.statistics.august"),
        9 => msg!("label.statistics.september"),
        10 => msg!("label.statistics.october"),
        11 => msg!("label.statistics.november"),
        _ => msg!("label.statistics.december"),
    }
    .render(lang)
}

/// Every table of the yearly report.
pub fn yearly_tables(r: &Report, suppress: bool, lang: Lang) -> Vec<Table> {
    let text = |m: Message| m.render(lang);
    vec![
        Table {
            name: "nyckeltal",
            title: text(msg!("label.statistics.key_figures")),
            columns: cols(
                vec![msg!("label.statistics.measure"), msg!("label.statistics.value")],
                lang,
            ),
            rows: key_figures(r, lang),
            suppress,
        },
        Table {
            name: "kommuner",
            title: text(msg!("label.statistics.placing_municipalities")),
            columns: cols(
                vec![
                    msg!("label.statistics.municipality"),
                    msg!("label.statistics.iop"),
                    msg!("label.statistics.placements"),
                    msg!("label.statistics.individuals_column"),
                    msg!("label.statistics.nights_column"),
                ],
                lang,
            ),
            rows: r
                .by_municipality
                .iter()
                .map(|m| {
                    vec![
                        Cell::Text(m.name.clone()),
                        Cell::Text(if m.iop {
                            text(msg!("label.statistics.yes"))
                        } else {
                            text(msg!("label.statistics.no"))
                        }),
                        Cell::People(m.placements),
                        Cell::People(m.individuals),
                        Cell::Number(f64::from(m.nights)),
                    ]
                })
                .collect(),
            suppress,
        },
        Table {
            name: "kommuntyp",
            title: text(msg!("label.statistics.by_class_title")),
            columns: cols(
                vec![
                    msg!("label.statistics.class"),
                    msg!("label.statistics.municipalities"),
                    msg!("label.statistics.placements"),
                    msg!("label.statistics.individuals_column"),
                    msg!("label.statistics.nights_column"),
                ],
                lang,
            ),
            rows: r
                .by_class
                .iter()
                .map(|c| {
                    vec![
                        Cell::Text(c.label.render(lang)),
                        Cell::Number(f64::from(c.municipalities)),
                        Cell::People(c.placements),
                        Cell::People(c.individuals),
                        Cell::Number(f64::from(c.nights)),
                    ]
                })
                .collect(),
            suppress,
        },
        rows_table(
            "vald",
            msg!("label.statistics.by_violence_title"),
            msg!("label.statistics.violence"),
            &r.by_violence,
            suppress,
            lang,
        ),
        rows_table(
            "alder",
            msg!("label.statistics.by_age_title"),
            msg!("label.statistics.age_group"),
            &r.by_age,
            suppress,
            lang,
        ),
        rows_table(
            "utflyttning",
            msg!("label.statistics.outcomes_title"),
            msg!("label.statistics.where"),
            &r.outcomes,
            suppress,
            lang,
        ),
        rows_table(
            "vistelse",
            msg!("label.statistics.length_title"),
            msg!("label.statistics.nights_column"),
            &r.length_of_stay,
            suppress,
            lang,
        ),
        Table {
            name: "natter_manad",
            title: text(msg!("label.statistics.nights_per_month")),
            columns: cols(
                vec![
                    msg!("label.statistics.month"),
                    msg!("label.statistics.adults"),
                    msg!("label.statistics.children"),
                ],
                lang,
            ),
            rows: r
                .nights_per_month
                .iter()
                .map(|m| {
                    vec![
                        Cell::Text(month_name(m.month, lang)),
                        Cell::Number(f64::from(m.adults)),
                        Cell::Number(f64::from(m.children)),
                    ]
                })
                .collect(),
            suppress,
        },
        Table {
            name: "belaggning_manad",
            title: text(msg!("label.statistics.occupancy_per_month")),
            columns: cols(
                vec![
                    msg!("label.statistics.month"),
                    msg!("label.statistics.occupied"),
                    msg!("label.statistics.available"),
                    msg!("label.statistics.occupancy_rate"),
                ],
                lang,
            ),
            rows: r
                .occupancy_per_month
                .iter()
                .map(|m| {
                    vec![
                        Cell::Text(month_name(m.month, lang)),
                        Cell::Number(f64::from(m.occupancy.occupied)),
                        Cell::Number(f64::from(m.occupancy.available)),
                        Cell::Number(m.occupancy.rate),
                    ]
                })
                .collect(),
            suppress,
        },
    ]
    .into_iter()
    .chain(super::gender::tables(&r.individuals, suppress, lang))
    .chain(super::support::tables(&r.support, suppress, lang))
    .chain(super::requests::tables(&r.requests, suppress, lang))
    .chain(super::children::tables(&r.children_rights, suppress, lang))
    .chain(super::organisation::tables(&r.organisation, suppress, lang))
    .collect()
}

/// Every table of the half-year follow-up.
pub fn follow_up_tables(f: &FollowUp, suppress: bool, lang: Lang) -> Vec<Table> {
    let hours = |h: Option<f64>| h.map(Cell::Number).unwrap_or(Cell::Text("–".into()));
    let kv = |label: Message, cell: Cell| kv(label, cell, lang);
    vec![
        Table {
            name: "akutplaceringar",
            title: msg!("label.statistics.acute").render(lang),
            columns: cols(
                vec![msg!("label.statistics.measure"), msg!("label.statistics.value")],
                lang,
            ),
            rows: vec![
                kv(msg!("label.statistics.acute_started"), Cell::People(f.acute_placements)),
                kv(
                    msg!("label.statistics.beyond_two_days"),
                    Cell::People(f.beyond_two_nights),
                ),
                kv(msg!("label.statistics.rve_contacted"), Cell::People(f.contacted)),
                kv(
                    msg!("label.statistics.within_48_hours"),
                    Cell::People(f.contacted_within_48_hours),
                ),
                kv(msg!("label.statistics.not_contacted"), Cell::People(f.not_contacted)),
                kv(msg!("label.statistics.hours_median"), hours(f.contact_median_hours)),
                kv(msg!("label.statistics.hours_longest"), hours(f.contact_longest_hours)),
                kv(
                    msg!("label.statistics.acute_room_occupancy"),
                    Cell::Number(f.acute_room_occupancy.rate),
                ),
            ],
            suppress,
        },
        rows_table(
            "beslut",
            msg!("label.statistics.rve_decisions_title"),
            msg!("label.statistics.decision"),
            &f.decisions,
            suppress,
            lang,
        ),
        rows_table(
            "utflyttning",
            msg!("label.statistics.outcomes_title"),
            msg!("label.statistics.where"),
            &f.outcomes,
            suppress,
            lang,
        ),
    ]
}

fn xlsx_error(e: impl std::fmt::Display) -> Error {
    Error::new(Code::Io, msg!("error.statistics.spreadsheet", reason = e))
}

/// Tables as an XLSX workbook: a sheet per table, the title on the first row, numbers as numbers.
pub fn tables_xlsx(tables: &[Table]) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    for t in tables {
        let sheet = book.add_worksheet();
        sheet.set_name(t.name).map_err(xlsx_error)?;
        sheet
            .write_string_with_format(0, 0, &t.title, &bold)
            .map_err(xlsx_error)?;
        for (c, name) in t.columns.iter().enumerate() {
            sheet
                .write_string_with_format(2, c as u16, name, &bold)
                .map_err(xlsx_error)?;
        }
        for (i, row) in t.rows.iter().enumerate() {
            let r = 3 + i as u32;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Text(s) => sheet.write_string(r, c, s).map(|_| ()),
                    Cell::People(n) if t.suppress && (1..3).contains(n) => sheet.write_string(r, c, "<3").map(|_| ()),
                    Cell::People(n) => sheet.write_number(r, c, f64::from(*n)).map(|_| ()),
                    Cell::Number(x) => sheet.write_number(r, c, *x).map(|_| ()),
                }
                .map_err(xlsx_error)?;
            }
        }
        sheet.set_column_width(0, 40).map_err(xlsx_error)?;
    }
    book.save_to_buffer().map_err(xlsx_error)
}

/// Tables as CSV files in `dir`, one per table, saved together (see [`saved_file::save_all`]).
pub fn write_csv(dir: &Path, data_dir: &DataDir, existing: Existing, tables: &[Table]) -> Result<()> {
    if !dir.is_dir() {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(msg!("error.statistics.creating_folder"), &e))?;
    }
    let mut files = Vec::new();
    for t in tables {
        let mut out: Vec<u8> = "\u{feff}".as_bytes().to_vec();
        {
            let mut w = csv::WriterBuilder::new().delimiter(b';').from_writer(&mut out);
            w.write_record(&t.columns).map_err(xlsx_error)?;
            for row in &t.rows {
                w.write_record(row.iter().map(|c| c.shown(t.suppress)))
                    .map_err(xlsx_error)?;
            }
            w.flush()
                .map_err(|e| Error::io(msg!("error.statistics.writing_csv"), &e))?;
        }
        files.push((dir.join(format!("{}.csv", t.name)), out));
    }
    saved_file::save_all(&files, data_dir, existing)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::DbKey;
    use crate::statistics::{Span, compute};
    use crate::store::Store;
    use chrono::{TimeZone, Utc};

    /// A small synthetic year: a woman and her child (acute, Borås), a woman from another
    /// municipality across New Year, a woman who moved out to somewhere not recorded.
    const YEAR: &str = r#"{
        "municipalities": [{"key": "annan", "name": "Annan kommun", "org_number": "212000-1579",
            "price_class": "standard", "acute_clause": false, "address": "Box 2, 123 45 Annanstad"}],
        "rooms": [{"key": "akut", "name": "Akutrummet", "acute": true, "beds": 2},
                  {"key": "r2", "name": "Rum 2", "acute": false, "beds": 3}],
        "placements": [
          {"key": "P1", "municipality": "boras", "acute": true, "reference": "REF", "room": "akut",
           "violence": "nara_relation",
           "rve": {"contacted_at": "2025-02-11T08:00", "contacted_by": "EK", "decision": "fortsatt_har",
                   "decided_at": "2025-02-11T15:00"},
           "stays": [{"person": "W1", "name": "Test Ett", "category": "adult", "birth_year": 1990,
                      "in": "2025-02-10T20:00", "out": "2025-02-20T10:00", "destination": "eget_boende"},
                     {"person": "C1", "name": "Test Barn", "category": "child", "birth_year": 2016,
                      "in": "2025-02-10T20:00", "out": "2025-02-20T10:00", "destination": "eget_boende"}]},
          {"key": "P2", "municipality": "annan", "acute": false, "reference": "REF", "room": "r2",
           "violence": "heder",
           "stays": [{"person": "W2", "name": "Test Två", "category": "adult", "birth_year": 1980,
                      "in": "2024-12-28T15:00", "out": "2025-01-05T10:00", "destination": "anhoriga"}]},
          {"key": "P3", "municipality": "boras", "acute": true, "reference": "REF", "room": "akut",
           "violence": "annat",
           "stays": [{"person": "W3", "name": "Test Tre", "category": "adult", "birth_year": 1995,
                      "in": "2025-09-10T23:00", "out": "2025-09-12T10:00"}]}
        ],
        "refused_requests": [{"requested_on": "2025-03-01", "women": 1, "children": 2}],
        "lex_sarah_reports": [{"reported_on": "2025-10-01", "note": "Rutin"}]
    }"#;

    fn year_2025(dir: &std::path::Path) -> (Store, Report) {
        let now = Utc.with_ymd_and_hms(2026, 1, 15, 12, 0, 0).unwrap();
        let mut store = Store::create(&dir.join("t.db"), &DbKey::generate().unwrap()).unwrap();
        let file = crate::exchange::parse(YEAR, Lang::Sv).unwrap();
        crate::exchange::import(&mut store, &file, now, "test", Lang::Sv).unwrap();
        let report = compute(store.conn(), Span::year(2025).unwrap(), now).unwrap();
        (store, report)
    }

    fn shown(rows: &[Vec<Cell>], column: usize) -> Vec<String> {
        rows.iter().map(|r| r[column].shown(true)).collect()
    }

    #[test]
    fn the_key_figures_in_english_have_english_labels_and_the_same_numbers_as_in_swedish() {
        let dir = tempfile::tempdir().unwrap();
        let (_store, r) = year_2025(dir.path());
        let (sv, en) = (key_figures(&r, Lang::Sv), key_figures(&r, Lang::En));
        let labels = shown(&en, 0);
        for label in [
            "Individuals who stayed at least one night",
            "– of whom women (adults)",
            "– of whom children",
            "Nights stayed",
            "Acute placements",
            "Placements started",
            "Placing municipalities",
        ] {
            assert!(labels.iter().any(|l| l == label), "no «{label}» in {labels:?}");
        }
        assert_eq!(shown(&sv, 0)[0], "Individer som bott minst en natt");
        // One computation: the values are the same cells in either language, "<3" included.
        assert_eq!(shown(&sv, 1), shown(&en, 1));
        assert_eq!(
            sv.iter().map(|r| r[1].clone()).collect::<Vec<_>>(),
            en.iter().map(|r| r[1].clone()).collect::<Vec<_>>()
        );
        assert_eq!(shown(&en, 1)[..4], ["4", "3", "<3", "26"]);
    }

    #[test]
    fn every_table_has_the_same_shape_and_numbers_in_either_language() {
        let dir = tempfile::tempdir().unwrap();
        let (store, r) = year_2025(dir.path());
        let f = crate::statistics::follow_up(
            store.conn(),
            Span::half(2025, 1).unwrap(),
            Utc.with_ymd_and_hms(2026, 1, 15, 12, 0, 0).unwrap(),
        )
        .unwrap();
        let pairs = yearly_tables(&r, true, Lang::Sv)
            .into_iter()
            .zip(yearly_tables(&r, true, Lang::En))
            .chain(
                follow_up_tables(&f, true, Lang::Sv)
                    .into_iter()
                    .zip(follow_up_tables(&f, true, Lang::En)),
            );
        for (sv, en) in pairs {
            assert_eq!(sv.name, en.name, "file and sheet names stay as they are");
            assert_ne!(sv.title, en.title);
            assert_eq!(sv.columns.len(), en.columns.len());
            assert_eq!(sv.rows.len(), en.rows.len(), "{}", sv.name);
            for (a, b) in sv.rows.iter().flatten().zip(en.rows.iter().flatten()) {
                if !matches!(a, Cell::Text(_)) {
                    assert_eq!(a, b, "{}", sv.name);
                }
            }
        }
        let months = yearly_tables(&r, true, Lang::En)
            .into_iter()
            .find(|t| t.name == "natter_manad")
            .unwrap()
            .shown();
        assert_eq!(months.rows[1][..3], ["February", "10", "10"]);
    }
}
