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
    // WebKitGTK draws this window of forms and tables without GPU compositing. Under a software
    // renderer (no GPU driver, a virtual screen) compositing loads Mesa and LLVM into both the
    // program and WebKit's page process, about 100 MiB for nothing the window needs. An office
    // that wants it back sets the variable to 0.
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        // SAFETY: the first thing the program does, before any other thread exists.
        unsafe { std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1") };
    }
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
