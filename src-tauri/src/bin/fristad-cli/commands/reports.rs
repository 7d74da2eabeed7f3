//! The yearly figures and the acute follow-up, and the bookkeeping's SIE file.

use crate::*;

#[derive(Args)]
pub(crate) struct ReportOutputs {
    /// Alla siffror som JSON (utan maskning av små tal: för jourens eget bruk).
    #[arg(long)]
    json: bool,
    /// Rapporten som PDF.
    #[arg(long, value_name = "FIL")]
    pdf: Option<PathBuf>,
    /// Tabellerna som XLSX, ett blad per tabell.
    #[arg(long, value_name = "FIL")]
    xlsx: Option<PathBuf>,
    /// Tabellerna som CSV-filer i en mapp.
    #[arg(long, value_name = "MAPP")]
    csv: Option<PathBuf>,
}

#[derive(Subcommand)]
pub(crate) enum ReportCommand {
    /// Statistik för verksamhetsberättelsen för ett kalenderår.
    Yearly {
        #[arg(long, value_name = "ÅR")]
        year: i32,
        #[command(flatten)]
        out: ReportOutputs,
        /// Årets siffror för förbundet, utan något som pekar ut en person, i den här filen.
        #[arg(long, value_name = "FIL")]
        federation: Option<PathBuf>,
    },
    /// Statistik för en valfri period (högst tolv kalendermånader), jämförd med samma period året innan.
    Period {
        #[arg(long, value_name = "DATUM")]
        from: NaiveDate,
        #[arg(long, value_name = "DATUM")]
        to: NaiveDate,
        #[command(flatten)]
        out: ReportOutputs,
        /// Årets siffror för förbundet, utan något som pekar ut en person, i den här filen.
        #[arg(long, value_name = "FIL")]
        federation: Option<PathBuf>,
    },
    /// Uppföljningen av akutplaceringar för ett halvår.
    Followup {
        #[arg(long, value_name = "ÅR")]
        year: i32,
        #[arg(long, value_name = "1|2", value_parser = clap::value_parser!(u8).range(1..=2))]
        half: u8,
        #[command(flatten)]
        out: ReportOutputs,
    },
    /// Det som ser fel ut i periodens uppgifter, före en rapport.
    Check {
        #[arg(long, value_name = "ÅR", required_unless_present = "from", conflicts_with_all = ["from", "to"])]
        year: Option<i32>,
        #[arg(long, value_name = "DATUM", requires = "to")]
        from: Option<NaiveDate>,
        #[arg(long, value_name = "DATUM", requires = "from")]
        to: Option<NaiveDate>,
        /// Skriv resultatet som JSON.
        #[arg(long)]
        json: bool,
    },
    /// Lägger ihop flera jourers filer för förbundet (samma period) och skriver summan som JSON.
    Merge {
        #[arg(value_name = "FIL", required = true)]
        files: Vec<PathBuf>,
        /// Summan i den här filen i stället för på skärmen.
        #[arg(long, value_name = "FIL")]
        out: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
pub(crate) enum SieCommand {
    /// Skriver SIE 4-filen för perioden.
    Export {
        #[arg(long, value_name = "DATUM")]
        from: NaiveDate,
        #[arg(long, value_name = "DATUM")]
        to: NaiveDate,
        #[arg(long, value_name = "FIL")]
        out: PathBuf,
    },
}

pub(crate) fn report_command(dir: &DataDir, command: &ReportCommand) -> fristad::Result<()> {
    use fristad::statistics::{self, Span, export, federation};
    use fristad::text::Lang;
    if let ReportCommand::Merge { files, out } = command {
        // Only the files are read: adding up needs no store.
        let read = files
            .iter()
            .map(|f| {
                let text = std::fs::read_to_string(f).map_err(|e| Error::io(msg!("error.cli.reading_file"), &e))?;
                federation::read(&text)
            })
            .collect::<fristad::Result<Vec<_>>>()?;
        let merged = federation::merge(&read)?;
        match out {
            Some(path) => {
                let json = serde_json::to_string_pretty(&merged).expect("serializable");
                save_file(dir, path, json.as_bytes())?;
                show(msg!(
                    "notice.cli.federation_merged",
                    shelters = merged.shelters,
                    file = path.display()
                ));
            }
            None => print_json(&merged),
        }
        return Ok(());
    }
    let (store, _) = open_as(
        dir,
        match command {
            ReportCommand::Yearly { .. } | ReportCommand::Period { .. } | ReportCommand::Check { .. } => {
                "statistics_yearly"
            }
            ReportCommand::Followup { .. } | ReportCommand::Merge { .. } => "statistics_follow_up",
        },
    )?;
    let now = clock::now();
    let conn = store.conn();
    let write = |path: &std::path::Path, bytes: &[u8]| save_file(dir, path, bytes);
    match command {
        ReportCommand::Yearly { out, federation, .. } | ReportCommand::Period { out, federation, .. } => {
            let y = match command {
                ReportCommand::Yearly { year, .. } => statistics::Yearly::of(conn, *year, now)?,
                ReportCommand::Period { from, to, .. } => {
                    statistics::Yearly::period(conn, Span::period(*from, *to)?, now)?
                }
                _ => unreachable!("a yearly or a period's report"),
            };
            let report = &y.report;
            if out.json {
                print_json(report);
            }
            if let Some(p) = &out.pdf {
                write(p, &y.pdf(now, Lang::Sv))?;
            }
            if let Some(p) = &out.xlsx {
                write(p, &export::tables_xlsx(&y.tables(Lang::Sv))?)?;
            }
            if let Some(d) = &out.csv {
                export::write_csv(d, dir, existing(), &y.tables(Lang::Sv))?;
            }
            if let Some(p) = federation {
                let file = federation::file(report);
                write(p, serde_json::to_string_pretty(&file).expect("serializable").as_bytes())?;
            }
            if !out.json {
                show(msg!(
                    "notice.cli.yearly_report",
                    year = y.span.name(),
                    individuals = report.individuals.total,
                    adults = report.individuals.adults,
                    children = report.individuals.children,
                    nights = report.nights.total,
                    started = report.placements.started
                ));
            }
        }
        ReportCommand::Check { year, from, to, json } => {
            let span = match (year, from, to) {
                (Some(year), _, _) => Span::year(*year)?,
                (None, Some(from), Some(to)) => Span::period(*from, *to)?,
                _ => unreachable!("clap asks for a year or both days"),
            };
            let findings = statistics::check::check(conn, span, now)?;
            if *json {
                print_json(&findings);
            } else {
                for f in &findings {
                    println!("{}", say(statistics::check::describe(f)));
                }
                show(msg!(
                    "notice.cli.check_done",
                    period = span.name(),
                    count = findings.len()
                ));
            }
        }
        ReportCommand::Followup { year, half, out } => {
            let h = statistics::HalfYear::of(conn, *year, *half, now)?;
            if out.json {
                print_json(&h.follow_up);
            }
            if let Some(p) = &out.pdf {
                write(p, &h.pdf(now, Lang::Sv))?;
            }
            if let Some(p) = &out.xlsx {
                write(p, &export::tables_xlsx(&h.tables(Lang::Sv))?)?;
            }
            if let Some(d) = &out.csv {
                export::write_csv(d, dir, existing(), &h.tables(Lang::Sv))?;
            }
            if !out.json {
                show(msg!(
                    "notice.cli.follow_up_report",
                    year = year,
                    half = half,
                    acute = h.follow_up.acute_placements,
                    beyond_two_nights = h.follow_up.beyond_two_nights
                ));
            }
        }
        ReportCommand::Merge { .. } => unreachable!("added up above, without the store"),
    }
    store.close()
}

pub(crate) fn sie_command(dir: &DataDir, command: &SieCommand) -> fristad::Result<()> {
    let (store, _) = open_as(dir, "sie_save")?;
    let SieCommand::Export { from, to, out } = command;
    let destination = destination(dir, out)?;
    let bytes = billing::sie::export(store.conn(), *from, *to, clock::now())?;
    destination.write(&bytes)?;
    show(msg!("notice.cli.sie_saved", from = from, to = to, file = out.display()));
    store.close()
}
