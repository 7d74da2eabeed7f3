//! The statistics as tables: the same values as the screen and the PDF, written as XLSX (one
//! sheet per table, numbers as numbers) or as CSV files (one per table; semicolons and UTF-8 with
//! a byte-order mark, as Swedish spreadsheet programs expect). In everything meant for
//! publication, counts of people under 3 are shown as "<3" (a setting).

use super::compute::{Report, Row};
use super::followup::FollowUp;
use crate::error::{Code, Error, Result};
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

fn cols(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| (*n).to_owned()).collect()
}

fn rows_table(name: &'static str, title: &str, column: &str, rows: &[Row], suppress: bool) -> Table {
    Table {
        name,
        title: title.into(),
        columns: cols(&[column, "Antal"]),
        rows: rows
            .iter()
            .map(|r| vec![Cell::Text(r.label.clone()), Cell::People(r.count)])
            .collect(),
        suppress,
    }
}

fn kv(label: &str, cell: Cell) -> Vec<Cell> {
    vec![Cell::Text(label.into()), cell]
}

/// The key figures, as rows of (label, value): shared by every rendering.
pub fn key_figures(r: &Report) -> Vec<Vec<Cell>> {
    vec![
        kv("Individer som bott minst en natt", Cell::People(r.individuals.total)),
        kv("– varav kvinnor (vuxna)", Cell::People(r.individuals.adults)),
        kv("– varav barn", Cell::People(r.individuals.children)),
        kv("Boendenätter", Cell::Number(f64::from(r.nights.total))),
        kv("– vuxna", Cell::Number(f64::from(r.nights.adults))),
        kv("– barn", Cell::Number(f64::from(r.nights.children))),
        kv("Nätter per vuxen, medel", Cell::Number(r.nights.average_per_adult)),
        kv("Nätter per vuxen, median", Cell::Number(r.nights.median_per_adult)),
        kv("Placeringar som påbörjades", Cell::People(r.placements.started)),
        kv("Placeringar som avslutades", Cell::People(r.placements.ended)),
        kv("Akutplaceringar", Cell::People(r.placements.acute)),
        kv(
            "– längre än två dygn",
            Cell::People(r.placements.acute_beyond_two_nights),
        ),
        kv("Placerande kommuner", Cell::Number(f64::from(r.municipalities))),
        kv("Beläggningsgrad, rum (%)", Cell::Number(r.occupancy.rate)),
        kv(
            "Beläggningsgrad, akutrummet (%)",
            Cell::Number(r.acute_room_occupancy.rate),
        ),
        kv(
            "Förfrågningar som inte fick plats",
            Cell::Number(f64::from(r.refused.requests)),
        ),
        kv("– kvinnor", Cell::People(r.refused.women)),
        kv("– barn", Cell::People(r.refused.children)),
        kv("Orosanmälningar", Cell::People(r.quality.concern_reports)),
        kv("Lex Sarah-rapporter", Cell::People(r.quality.lex_sarah_reports)),
    ]
}

const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];

pub fn month_name(m: u32) -> &'static str {
    MONTHS[(m as usize).saturating_sub(1) % 12]
}

/// Every table of the yearly report.
pub fn yearly_tables(r: &Report, suppress: bool) -> Vec<Table> {
    vec![
        Table {
            name: "nyckeltal",
            title: "Nyckeltal".into(),
            columns: cols(&["Mått", "Värde"]),
            rows: key_figures(r),
            suppress,
        },
        Table {
            name: "kommuner",
            title: "Placerande kommuner".into(),
            columns: cols(&["Kommun", "IOP", "Placeringar", "Individer", "Nätter"]),
            rows: r
                .by_municipality
                .iter()
                .map(|m| {
                    vec![
                        Cell::Text(m.name.clone()),
                        Cell::Text(if m.iop { "Ja".into() } else { "Nej".into() }),
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
            title: "IOP-kommun och övriga".into(),
            columns: cols(&["Kommuntyp", "Kommuner", "Placeringar", "Individer", "Nätter"]),
            rows: r
                .by_class
                .iter()
                .map(|c| {
                    vec![
                        Cell::Text(c.label.clone()),
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
            "Placeringar efter typ av våld",
            "Typ av våld",
            &r.by_violence,
            suppress,
        ),
        rows_table(
            "alder",
            "Individer efter ålder vid inflyttning",
            "Åldersgrupp",
            &r.by_age,
            suppress,
        ),
        rows_table("utflyttning", "Vart personerna flyttade", "Vart", &r.outcomes, suppress),
        rows_table(
            "vistelse",
            "Vuxna efter antal nätter under året",
            "Nätter",
            &r.length_of_stay,
            suppress,
        ),
        Table {
            name: "natter_manad",
            title: "Boendenätter per månad".into(),
            columns: cols(&["Månad", "Vuxna", "Barn"]),
            rows: r
                .nights_per_month
                .iter()
                .map(|m| {
                    vec![
                        Cell::Text(month_name(m.month).into()),
                        Cell::Number(f64::from(m.adults)),
                        Cell::Number(f64::from(m.children)),
                    ]
                })
                .collect(),
            suppress,
        },
        Table {
            name: "belaggning_manad",
            title: "Beläggning per månad".into(),
            columns: cols(&[
                "Månad",
                "Belagda rumsnätter",
                "Tillgängliga rumsnätter",
                "Beläggningsgrad (%)",
            ]),
            rows: r
                .occupancy_per_month
                .iter()
                .map(|m| {
                    vec![
                        Cell::Text(month_name(m.month).into()),
                        Cell::Number(f64::from(m.occupancy.occupied)),
                        Cell::Number(f64::from(m.occupancy.available)),
                        Cell::Number(m.occupancy.rate),
                    ]
                })
                .collect(),
            suppress,
        },
    ]
}

/// Every table of the half-year follow-up.
pub fn follow_up_tables(f: &FollowUp, suppress: bool) -> Vec<Table> {
    let hours = |h: Option<f64>| h.map(Cell::Number).unwrap_or(Cell::Text("–".into()));
    vec![
        Table {
            name: "akutplaceringar",
            title: "Akutplaceringar".into(),
            columns: cols(&["Mått", "Värde"]),
            rows: vec![
                kv("Akutplaceringar som påbörjades", Cell::People(f.acute_placements)),
                kv("– längre än två dygn", Cell::People(f.beyond_two_nights)),
                kv("Relationsvåldsenheten kontaktad", Cell::People(f.contacted)),
                kv("– inom 48 timmar", Cell::People(f.contacted_within_48_hours)),
                kv("Inte kontaktad", Cell::People(f.not_contacted)),
                kv("Timmar till kontakt, median", hours(f.contact_median_hours)),
                kv("Timmar till kontakt, längst", hours(f.contact_longest_hours)),
                kv(
                    "Akutrummets beläggningsgrad (%)",
                    Cell::Number(f.acute_room_occupancy.rate),
                ),
            ],
            suppress,
        },
        rows_table(
            "beslut",
            "Relationsvåldsenhetens beslut",
            "Beslut",
            &f.decisions,
            suppress,
        ),
        rows_table("utflyttning", "Vart personerna flyttade", "Vart", &f.outcomes, suppress),
    ]
}

fn xlsx_error(e: impl std::fmt::Display) -> Error {
    Error::new(Code::Io, format!("Kalkylbladet kunde inte skapas: {e}"))
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

pub fn yearly_xlsx(r: &Report, suppress: bool) -> Result<Vec<u8>> {
    tables_xlsx(&yearly_tables(r, suppress))
}

/// Tables as CSV files in `dir`, one per table.
pub fn write_csv(dir: &Path, tables: &[Table]) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io("Kunde inte skapa mappen", &e))?;
    for t in tables {
        let mut out: Vec<u8> = "\u{feff}".as_bytes().to_vec();
        {
            let mut w = csv::WriterBuilder::new().delimiter(b';').from_writer(&mut out);
            w.write_record(&t.columns).map_err(xlsx_error)?;
            for row in &t.rows {
                w.write_record(row.iter().map(|c| c.shown(t.suppress)))
                    .map_err(xlsx_error)?;
            }
            w.flush().map_err(|e| Error::io("Kunde inte skriva CSV", &e))?;
        }
        std::fs::write(dir.join(format!("{}.csv", t.name)), out).map_err(|e| Error::io("Kunde inte skriva CSV", &e))?;
    }
    Ok(())
}
