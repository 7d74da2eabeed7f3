//! The desktop window: Tauri glue only. Each command parses its input, calls the core and maps
//! the result; no rule of the domain lives here. The UI in `ui/` calls these commands and shows
//! each error's Swedish message.

mod billing_commands;
mod commands;
mod files;
mod placement_commands;
mod session;
mod statistics_commands;

use crate::data_dir::DataDir;
use crate::error::Result;

/// Starts the window on the store in `dir`.
pub fn run(dir: DataDir) -> Result<()> {
    files::clear_printed(&dir);
    let at_exit = dir.clone();
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
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
            placement_commands::catalogue,
            placement_commands::house_now,
            placement_commands::placements_list,
            placement_commands::placement_view,
            placement_commands::intake,
            placement_commands::add_person,
            placement_commands::move_out,
            placement_commands::undo_move_out,
            placement_commands::change_room,
            placement_commands::rve_contact,
            placement_commands::rve_decision,
            placement_commands::save_assessment,
            placement_commands::add_note,
            placement_commands::add_concern_report,
            placement_commands::people_search,
            placement_commands::person_view,
            placement_commands::municipalities_list,
            placement_commands::save_municipality,
            placement_commands::rooms_board,
            placement_commands::save_room,
            placement_commands::refused_requests_list,
            placement_commands::add_refused_request,
            billing_commands::invoice_preview,
            billing_commands::invoice_issue,
            billing_commands::invoices_list,
            billing_commands::invoice_view,
            billing_commands::invoice_pay,
            billing_commands::invoice_credit,
            billing_commands::billing_settings,
            billing_commands::save_billing_settings,
            billing_commands::save_tariff,
            billing_commands::invoice_print,
            billing_commands::invoice_save,
            billing_commands::invoices_save_month,
            billing_commands::invoice_reminder,
            billing_commands::sie_save,
            billing_commands::signing_info,
            billing_commands::signing_import,
            billing_commands::logo_choose,
            billing_commands::logo_remove,
            statistics_commands::statistics_yearly,
            statistics_commands::statistics_follow_up,
            statistics_commands::statistics_save,
            statistics_commands::lex_sarah_list,
            statistics_commands::add_lex_sarah,
        ])
        .build(tauri::generate_context!())
        .map_err(|e| crate::Error::new(crate::Code::Io, format!("Fönstret kunde inte startas: {e}")))?
        .run(move |_, event| {
            if let tauri::RunEvent::Exit = event {
                files::clear_printed(&at_exit);
            }
        });
    Ok(())
}
