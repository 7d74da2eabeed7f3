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
    use fristad::statistics::{self, export};
    use fristad::text::Lang;
    let (store, _) = open_as(
        dir,
        match command {
            ReportCommand::Yearly { .. } => "statistics_yearly",
            ReportCommand::Followup { .. } => "statistics_follow_up",
        },
    )?;
    let now = clock::now();
    let conn = store.conn();
    let write = |path: &std::path::Path, bytes: &[u8]| save_file(dir, path, bytes);
    match command {
        ReportCommand::Yearly { year, out } => {
            let y = statistics::Yearly::of(conn, *year, now)?;
            let report = &y.report;
            if out.json {
                print_json(report);
            }
            if let Some(p) = &out.pdf {
                write(p, &y.pdf(now, Lang::Sv))?;
            }
            if let Some(p) = &out.xlsx {
                write(p, &export::yearly_xlsx(report, y.suppress, Lang::Sv)?)?;
            }
            if let Some(d) = &out.csv {
                export::write_csv(d, dir, existing(), &y.tables(Lang::Sv))?;
            }
            if !out.json {
                show(msg!(
                    "notice.cli.yearly_report",
                    year = year,
                    individuals = report.individuals.total,
                    adults = report.individuals.adults,
                    children = report.individuals.children,
                    nights = report.nights.total,
                    started = report.placements.started
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
