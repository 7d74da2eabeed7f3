//! `--help` in English: every Swedish help text with its catalogue text, put in by
//! `in_english` at run time (clap's own words are English already).

use crate::*;

/// As `fristad::error::hide_panic_details`, in English.
pub(crate) fn hide_panic_details_in_english() {
    std::panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!(" ({}:{})", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("{}", msg!("notice.cli.internal_error", place = place).render(Lang::En));
    }));
}

/// The help texts (the doc comments above, as clap keeps them) with their catalogue texts; the
/// Swedish catalogue text is the doc comment, word for word, and tells which text to replace.
pub(crate) fn help_texts() -> Vec<Message> {
    let mut texts = commands::key::help_texts();
    texts.extend([
        // fristad-cli itself
        msg!("notice.cli.help_about"),
        msg!("notice.cli.help_long_about"),
        msg!("notice.cli.help_data_dir"),
        msg!("notice.cli.help_language"),
        msg!("notice.cli.help_force"),
        msg!("notice.cli.help_json"),
        // init
        msg!("notice.cli.help_init"),
        msg!("notice.cli.help_org_name"),
        msg!("notice.cli.help_org_number"),
        msg!("notice.cli.help_address"),
        msg!("notice.cli.help_bankgiro"),
        msg!("notice.cli.help_f_skatt"),
        msg!("notice.cli.help_recovery_sheet"),
        msg!("notice.cli.help_admin_name"),
        // verify, agreement
        msg!("notice.cli.help_verify"),
        msg!("notice.cli.help_agreement"),
        msg!("notice.cli.help_agreement_show"),
        msg!("notice.cli.help_agreement_key"),
        msg!("notice.cli.help_agreement_on"),
        msg!("notice.cli.help_agreement_history"),
        // import, export
        msg!("notice.cli.help_import"),
        msg!("notice.cli.help_import_file"),
        msg!("notice.cli.help_export"),
        msg!("notice.cli.help_export_json"),
        msg!("notice.cli.help_export_out"),
        // correct, history
        msg!("notice.cli.help_correct"),
        msg!("notice.cli.help_correct_placement"),
        msg!("notice.cli.help_correct_stay"),
        msg!("notice.cli.help_correct_value"),
        msg!("notice.cli.help_correct_reason"),
        msg!("notice.cli.help_correct_dry_run"),
        msg!("notice.cli.help_history"),
        msg!("notice.cli.help_history_placement"),
        msg!("label.cli.value_field"),
        msg!("label.cli.value_value"),
        msg!("label.cli.value_placement"),
        // invoice
        msg!("notice.cli.help_invoice"),
        msg!("notice.cli.help_invoice_run"),
        msg!("notice.cli.help_dry_run"),
        msg!("notice.cli.help_invoice_list"),
        msg!("notice.cli.help_invoice_show"),
        msg!("notice.cli.help_invoice_credit"),
        msg!("notice.cli.help_credit_reason"),
        msg!("notice.cli.help_credit_dry_run"),
        msg!("notice.cli.help_invoice_refund"),
        msg!("notice.cli.help_invoice_offset"),
        msg!("notice.cli.help_invoice_export"),
        msg!("notice.cli.help_invoice_pdf"),
        msg!("notice.cli.help_invoice_xml"),
        msg!("notice.cli.help_invoice_month"),
        msg!("notice.cli.help_invoice_dir"),
        msg!("notice.cli.help_invoice_reminder"),
        msg!("notice.cli.help_invoice_pay"),
        msg!("notice.cli.help_amount"),
        // report, sie
        msg!("notice.cli.help_report"),
        msg!("notice.cli.help_report_yearly"),
        msg!("notice.cli.help_report_followup"),
        msg!("notice.cli.help_report_json"),
        msg!("notice.cli.help_report_pdf"),
        msg!("notice.cli.help_report_xlsx"),
        msg!("notice.cli.help_report_csv"),
        msg!("notice.cli.help_report_period"),
        msg!("notice.cli.help_report_federation"),
        msg!("notice.cli.help_report_check"),
        msg!("notice.cli.help_report_merge"),
        msg!("notice.cli.help_report_merge_out"),
        msg!("notice.cli.help_year"),
        msg!("notice.cli.help_year_set"),
        msg!("notice.cli.help_year_staff_fte"),
        msg!("notice.cli.help_year_ivo_places"),
        msg!("notice.cli.help_year_show"),
        msg!("notice.cli.help_sie"),
        msg!("notice.cli.help_sie_export"),
        // logo, signing
        msg!("notice.cli.help_logo"),
        msg!("notice.cli.help_logo_file"),
        msg!("notice.cli.help_logo_remove"),
        msg!("notice.cli.help_signing"),
        msg!("notice.cli.help_signing_certificate"),
        msg!("notice.cli.help_signing_import"),
        // settings
        msg!("notice.cli.help_settings"),
        msg!("notice.cli.help_settings_show"),
        msg!("notice.cli.help_settings_set"),
        msg!("notice.cli.help_night_counting"),
        msg!("notice.cli.help_fee_schedule"),
        msg!("notice.cli.help_terms_from"),
        msg!("notice.cli.help_terms_reason"),
        msg!("notice.cli.help_reprice"),
        msg!("notice.cli.help_settings_dry_run"),
        msg!("notice.cli.help_service_fee_from"),
        msg!("notice.cli.help_suppress_small_cells"),
        msg!("notice.cli.help_idle_lock_minutes"),
        msg!("notice.cli.help_retention_details_years"),
        msg!("notice.cli.help_retention_journal_years"),
        msg!("notice.cli.help_clipboard_clear_seconds"),
        msg!("notice.cli.help_backup_folder"),
        msg!("notice.cli.help_backup_at_exit"),
        msg!("notice.cli.help_backup_daily"),
        msg!("notice.cli.help_backup_keep"),
        // account
        msg!("notice.cli.help_account"),
        msg!("notice.cli.help_account_add"),
        msg!("notice.cli.help_username"),
        msg!("notice.cli.help_display_name"),
        msg!("notice.cli.help_role"),
        msg!("notice.cli.help_account_list"),
        msg!("notice.cli.help_account_role"),
        msg!("notice.cli.help_account_disable"),
        msg!("notice.cli.help_account_enable"),
        msg!("notice.cli.help_account_password"),
        // retention, audit
        msg!("notice.cli.help_retention"),
        msg!("notice.cli.help_retention_preview"),
        msg!("notice.cli.help_retention_run"),
        msg!("notice.cli.help_audit"),
        msg!("notice.cli.help_audit_verify"),
        msg!("notice.cli.help_audit_show"),
        msg!("notice.cli.help_audit_person"),
        msg!("notice.cli.help_audit_username"),
        msg!("notice.cli.help_audit_limit"),
        msg!("notice.cli.help_audit_csv"),
        // recover, demo
        msg!("notice.cli.help_recover"),
        msg!("notice.cli.help_demo"),
        msg!("notice.cli.help_demo_years"),
        msg!("notice.cli.help_demo_scale"),
        msg!("notice.cli.help_demo_seed"),
        // backup, restore
        msg!("notice.cli.help_backup"),
        msg!("notice.cli.help_backup_to"),
        msg!("notice.cli.help_backup_automatic"),
        msg!("notice.cli.help_backup_keep_automatic"),
        msg!("notice.cli.help_backup_verify"),
        msg!("notice.cli.help_backup_file"),
        msg!("notice.cli.help_recovery_key_file"),
        msg!("notice.cli.help_restore"),
        // the names of values: --data-dir <MAPP> …
        msg!("label.cli.value_folder"),
        msg!("label.cli.value_file"),
        msg!("label.cli.value_name"),
        msg!("label.cli.value_date"),
        msg!("label.cli.value_month"),
        msg!("label.cli.value_year"),
        msg!("label.cli.value_number"),
        msg!("label.cli.value_kronor"),
        msg!("label.cli.value_yes_no"),
        msg!("label.cli.value_days"),
        msg!("label.cli.value_method"),
        msg!("label.cli.value_schedule"),
        msg!("label.cli.value_minutes"),
        msg!("label.cli.value_seconds"),
        msg!("label.cli.value_count"),
        msg!("label.cli.value_key"),
        msg!("label.cli.value_language"),
        msg!("label.cli.value_channel"),
        msg!("label.cli.value_group"),
        msg!("label.cli.value_topic"),
        msg!("label.cli.value_who"),
        msg!("label.cli.value_outcome"),
        msg!("label.cli.value_reason"),
        // support, request
        msg!("notice.cli.help_support"),
        msg!("notice.cli.help_support_add"),
        msg!("notice.cli.help_support_list"),
        msg!("notice.cli.help_request"),
        msg!("notice.cli.help_request_add"),
        msg!("notice.cli.help_request_decide"),
        msg!("notice.cli.help_request_list"),
        msg!("notice.cli.help_support_strike"),
        msg!("notice.cli.help_request_strike"),
    ]);
    texts
}

/// Swedish help text → English, for every text of `help_texts` (none has a placeholder).
pub(crate) fn english_help() -> std::collections::HashMap<String, &'static str> {
    help_texts()
        .iter()
        .map(|m| (m.render(Lang::Sv), fristad::text::text(Lang::En, m.key)))
        .collect()
}

/// The command with its help in English: each command's about and each argument's help and
/// value names replaced by their catalogue texts (clap's own words are English already).
pub(crate) fn in_english(command: clap::Command) -> clap::Command {
    fn translate(
        mut command: clap::Command,
        english: &std::collections::HashMap<String, &'static str>,
    ) -> clap::Command {
        let find = |text: Option<&clap::builder::StyledStr>| text.and_then(|t| english.get(&t.to_string()).copied());
        if let Some(about) = find(command.get_about()) {
            command = command.about(about);
        }
        if let Some(long_about) = find(command.get_long_about()) {
            command = command.long_about(long_about);
        }
        command
            .mut_args(|mut arg| {
                if let Some(help) = find(arg.get_help()) {
                    arg = arg.help(help);
                }
                if let Some(long_help) = find(arg.get_long_help()) {
                    arg = arg.long_help(long_help);
                }
                if let Some(names) = arg.get_value_names() {
                    let names: Vec<&'static str> = names
                        .iter()
                        .map(|n| english.get(n.as_str()).copied())
                        .collect::<Option<_>>()
                        .unwrap_or_default();
                    if !names.is_empty() {
                        arg = arg.value_names(names);
                    }
                }
                arg
            })
            .mut_subcommands(|sub| translate(sub, english))
    }
    translate(command, &english_help())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every about, help and value name in `command` and its subcommands, with where it is.
    fn texts(command: &clap::Command, path: &str, out: &mut Vec<(String, String)>) {
        let path = format!("{path} {}", command.get_name());
        for text in [command.get_about(), command.get_long_about()].into_iter().flatten() {
            out.push((path.clone(), text.to_string()));
        }
        for arg in command.get_arguments() {
            let place = format!("{path} {}", arg.get_id());
            for text in [arg.get_help(), arg.get_long_help()].into_iter().flatten() {
                out.push((place.clone(), text.to_string()));
            }
            for name in arg.get_value_names().unwrap_or_default() {
                // clap's own name for a value (the argument's name in capitals) and the
                // language-neutral ones need no translation.
                if name.as_str() != arg.get_id().as_str().to_uppercase() && !["TEXT", "1|2"].contains(&name.as_str()) {
                    out.push((place.clone(), name.to_string()));
                }
            }
        }
        for sub in command.get_subcommands() {
            texts(sub, &path, out);
        }
    }

    #[test]
    fn every_help_text_has_its_english_text_word_for_word() {
        Cli::command().debug_assert();
        let english = english_help();
        let mut swedish = Vec::new();
        texts(&Cli::command(), "", &mut swedish);
        let missing: Vec<String> = swedish
            .iter()
            .filter(|(_, text)| !english.contains_key(text))
            .map(|(place, text)| format!("{place}: {text:?}"))
            .collect();
        assert!(missing.is_empty(), "no English text for:\n{}", missing.join("\n"));

        let mut translated = Vec::new();
        texts(&in_english(Cli::command()), "", &mut translated);
        let still_swedish: Vec<String> = translated
            .iter()
            .filter(|(_, text)| {
                text.replace("demo-lösenord", "")
                    .contains(['å', 'ä', 'ö', 'Å', 'Ä', 'Ö'])
            })
            .map(|(place, text)| format!("{place}: {text:?}"))
            .collect();
        assert!(still_swedish.is_empty(), "{}", still_swedish.join("\n"));
        in_english(Cli::command()).debug_assert();
    }

    #[test]
    fn the_language_is_read_from_the_option_before_clap_parses() {
        let args = |list: &[&str]| list.iter().map(std::ffi::OsString::from).collect::<Vec<_>>();
        // Swedish when nothing asks for English (unless the tests run with FRISTAD_LANGUAGE).
        if std::env::var_os(LANGUAGE_ENV).is_none() {
            assert_eq!(language_asked(&args(&["fristad-cli", "verify"])), Lang::Sv);
        }
        assert_eq!(
            language_asked(&args(&["fristad-cli", "--language", "en", "verify"])),
            Lang::En
        );
        assert_eq!(
            language_asked(&args(&["fristad-cli", "verify", "--language=EN"])),
            Lang::En
        );
        assert_eq!(
            language_asked(&args(&["fristad-cli", "--language", "en", "--language", "sv"])),
            Lang::Sv
        );
    }
}
