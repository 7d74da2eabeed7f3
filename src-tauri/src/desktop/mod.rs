//! The desktop window: Tauri glue only. Each command parses its input, calls the core and maps
//! the result; no rule of the domain lives here. The UI in `ui/` calls these commands and shows
//! each error's Swedish message.

mod commands;
mod session;

use crate::data_dir::DataDir;
use crate::error::Result;
use std::path::PathBuf;

/// Starts the window on the data folder given by `--data-dir DIR`, `FRISTAD_DATA_DIR`, or the
/// platform's folder for application data.
pub fn run() -> Result<()> {
    let dir = data_dir_from_args()?;
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(session::Session::new(dir))
        .invoke_handler(tauri::generate_handler![
            commands::access_state,
            commands::create_store,
            commands::save_recovery_sheet,
            commands::finish_setup,
            commands::unlock_with_passphrase,
            commands::recover_with_key,
            commands::lock,
            commands::home,
            commands::save_organisation,
            commands::agreement_form,
            commands::save_agreement,
        ])
        .run(tauri::generate_context!())
        .map_err(|e| {
            crate::Error::new(crate::Code::Io, format!("Fönstret kunde inte startas: {e}"))
        })
}

fn data_dir_from_args() -> Result<DataDir> {
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--data-dir" {
            if let Some(dir) = args.next() {
                return Ok(DataDir::new(PathBuf::from(dir)));
            }
        } else if let Some(dir) = arg.to_str().and_then(|a| a.strip_prefix("--data-dir=")) {
            return Ok(DataDir::new(dir));
        }
    }
    match std::env::var_os(crate::data_dir::DATA_DIR_ENV) {
        Some(dir) if !dir.is_empty() => Ok(DataDir::new(PathBuf::from(dir))),
        _ => DataDir::platform_default(),
    }
}
