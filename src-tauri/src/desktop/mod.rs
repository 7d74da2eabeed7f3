//! The desktop window: Tauri glue only. Each command parses its input, calls the core and maps
//! the result; no rule of the domain lives here. The UI in `ui/` calls these commands and shows
//! each error's Swedish message.

mod commands;
mod session;

use crate::data_dir::DataDir;
use crate::error::Result;

/// Starts the window on the store in `dir`.
pub fn run(dir: DataDir) -> Result<()> {
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
