//! The desktop window: Tauri glue only. Each command parses its input, calls the core and maps
//! the result; no rule of the domain lives here. The UI in `ui/` calls these commands and shows
//! each error's message, in the window's language.

mod account_commands;
mod backup_commands;
mod billing_commands;
mod clipboard;
mod commands;
mod correction_commands;
mod credit_commands;
mod files;
mod key_commands;
mod language;
mod municipality_commands;
mod placement_commands;
mod requests_commands;
mod retention_commands;
mod session;
mod statistics_commands;
mod support_commands;

use crate::data_dir::DataDir;
use crate::error::Result;
use crate::permissions;
use tauri::Manager;

/// Starts the window on the store in `dir`.
pub fn run(dir: DataDir) -> Result<()> {
    files::clear_printed(&dir);
    crate::backup::remove_leftovers(dir.path());
    let at_exit = dir.clone();
    let commands: fn(tauri::ipc::Invoke<tauri::Wry>) -> bool = tauri::generate_handler![
        commands::access_state,
        commands::set_language,
        commands::create_store,
        commands::save_recovery_sheet,
        commands::copy_recovery_key,
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
        placement_commands::set_ready_to_move,
        placement_commands::set_child_rights,
        placement_commands::undo_move_out,
        placement_commands::change_room,
        placement_commands::rve_contact,
        placement_commands::rve_decision,
        placement_commands::save_assessment,
        placement_commands::add_note,
        placement_commands::add_concern_report,
        placement_commands::people_search,
        placement_commands::person_view,
        municipality_commands::municipalities_list,
        municipality_commands::municipality_terms,
        municipality_commands::municipality_change_preview,
        municipality_commands::save_municipality,
        placement_commands::rooms_board,
        placement_commands::save_room,
        requests_commands::add_request,
        requests_commands::decide_request,
        requests_commands::requests_list,
        support_commands::add_support_contact,
        support_commands::support_contacts_list,
        support_commands::strike_support_contact,
        support_commands::strike_request,
        billing_commands::invoice_preview,
        billing_commands::invoice_issue,
        billing_commands::invoices_list,
        billing_commands::invoice_view,
        billing_commands::invoice_pay,
        credit_commands::invoice_credit,
        credit_commands::invoice_credit_preview,
        credit_commands::invoice_refund,
        credit_commands::invoice_offset,
        billing_commands::billing_settings,
        billing_commands::save_billing_settings,
        billing_commands::save_tariff,
        billing_commands::tariff_change_preview,
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
        statistics_commands::save_organisation_year,
        statistics_commands::organisation_years,
        statistics_commands::statistics_check,
        statistics_commands::statistics_follow_up,
        statistics_commands::statistics_save,
        statistics_commands::lex_sarah_list,
        statistics_commands::add_lex_sarah,
        account_commands::create_first_account,
        account_commands::sign_in,
        account_commands::change_own_password,
        account_commands::accounts_list,
        account_commands::account_create,
        account_commands::account_update,
        account_commands::account_set_password,
        account_commands::access_log_recent,
        account_commands::access_log_person,
        account_commands::access_log_save,
        correction_commands::correct_placement,
        correction_commands::correct_person,
        correction_commands::correction_preview,
        correction_commands::room_periods,
        correction_commands::room_closure_correct,
        correction_commands::room_closure_end,
        retention_commands::retention_preview,
        retention_commands::retention_run,
        backup_commands::backup_page,
        backup_commands::backup_choose_folder,
        backup_commands::save_backup_settings,
        backup_commands::backup_now,
        backup_commands::backup_check,
        backup_commands::backup_restore,
        backup_commands::backup_remove_set_aside,
        key_commands::change_key,
    ];
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(session::Session::new(dir))
        // Every call is checked against the role table before the command runs: a screen that
        // hides a button is a convenience, this is the rule.
        .invoke_handler(move |invoke| {
            let allowed = {
                let session = invoke.message.webview_ref().state::<session::Session>();
                let s = session.lock();
                permissions::authorize(invoke.message.command(), s.user.as_ref())
            };
            match allowed {
                Ok(()) => commands(invoke),
                Err(e) => {
                    invoke.resolver.reject(e);
                    true
                }
            }
        })
        .build(tauri::generate_context!())
        .map_err(|e| crate::Error::new(crate::Code::Io, crate::msg!("error.desktop.window_start", reason = e)))?
        .run(move |app, event| {
            if let tauri::RunEvent::Exit = event {
                files::clear_printed(&at_exit);
                let session = app.state::<session::Session>();
                let mut s = session.lock();
                if let Some(Err(e)) = backup_commands::automatic(&mut s, true) {
                    // Nobody is left to tell in the window: the administrator is told at the next
                    // start (the home screen), and stderr says so now. Neither names a person.
                    let kept = s
                        .store
                        .as_mut()
                        .map(|store| crate::actions::notices::backup_at_exit_failed(store, &e, crate::clock::now()));
                    eprintln!("fel: den automatiska säkerhetskopian vid avslut misslyckades: {e}");
                    if let Some(Err(not_kept)) = kept {
                        eprintln!("fel: och det gick inte att spara det till nästa start: {not_kept}");
                    }
                }
                if let Some(store) = s.store.take() {
                    let _ = store.close();
                }
            }
        });
    Ok(())
}
