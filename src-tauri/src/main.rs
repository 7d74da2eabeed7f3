// The desktop program. Without a console window on Windows.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use clap::Parser;
use fristad::data_dir::{DATA_DIR_ENV, DataDir};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "fristad",
    version,
    about = "Fristad: placeringar, fakturor och statistik för skyddat boende."
)]
struct Args {
    /// Datamappen (annars programmets vanliga mapp för data).
    #[arg(long, env = DATA_DIR_ENV, value_name = "MAPP")]
    data_dir: Option<PathBuf>,
}

fn main() -> ExitCode {
    fristad::error::hide_panic_details();
    let args = Args::parse();
    match DataDir::chosen(args.data_dir).and_then(fristad::desktop::run) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("fel: {e}");
            ExitCode::from(1)
        }
    }
}
