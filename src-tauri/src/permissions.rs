//! Who may do what: every action the window offers, the role it needs, and its name in the
//! access log. The window checks each call against this table before the action runs, so a role
//! is enforced here and not only by what the screens show; an action missing from the table is
//! refused.

use crate::accounts::{Account, Role};
use crate::error::{Code, Error, Result};

/// What an action needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Nobody needs to be signed in: starting, unlocking the store, signing in.
    Nothing,
    /// Someone signed in with at least this role.
    Role(Role),
}

pub struct Action {
    pub name: &'static str,
    pub need: Need,
    /// How the action is named in the access log.
    pub label: &'static str,
}

const fn open(name: &'static str, label: &'static str) -> Action {
    Action {
        name,
        need: Need::Nothing,
        label,
    }
}

const fn staff(name: &'static str, label: &'static str) -> Action {
    Action {
        name,
        need: Need::Role(Role::Staff),
        label,
    }
}

const fn manager(name: &'static str, label: &'static str) -> Action {
    Action {
        name,
        need: Need::Role(Role::Manager),
        label,
    }
}

const fn admin(name: &'static str, label: &'static str) -> Action {
    Action {
        name,
        need: Need::Role(Role::Admin),
        label,
    }
}

pub const ACTIONS: &[Action] = &[
    // Opening the store and signing in.
    open("access_state", "Start"),
    open("set_language", "Språk"),
    open("create_store", "Installation"),
    open("save_recovery_sheet", "Spara återställningsnyckeln"),
    open("copy_recovery_key", "Kopiera återställningsnyckeln"),
    open("finish_setup", "Installation klar"),
    open("unlock_with_passphrase", "Lås upp med lösenfras"),
    open("recover_with_key", "Återställningsnyckel"),
    open("create_first_account", "Första kontot"),
    open("sign_in", "Inloggning"),
    open("lock", "Låsning"),
    // Everyone: the house, placements, people and the journal.
    staff("home", "Översikt"),
    staff("catalogue", "Listor"),
    staff("house_now", "Huset nu"),
    staff("placements_list", "Placeringar"),
    staff("placement_view", "Visa placering"),
    staff("intake", "Intagning"),
    staff("add_person", "Lägg till person"),
    staff("move_out", "Utflyttning"),
    staff("undo_move_out", "Ångra utflyttning"),
    staff("change_room", "Byt rum"),
    staff("rve_contact", "Kontakt med Relationsvåldsenheten"),
    staff("rve_decision", "Beslut från Relationsvåldsenheten"),
    staff("save_assessment", "Bedömning"),
    staff("add_note", "Journalanteckning"),
    staff("add_concern_report", "Orosanmälan"),
    staff("people_search", "Sök person"),
    staff("person_view", "Visa person"),
    staff("municipalities_list", "Kommuner"),
    staff("rooms_board", "Rum"),
    staff("refused_requests_list", "Förfrågningar"),
    staff("add_refused_request", "Nekad förfrågan"),
    staff("change_own_password", "Byt eget lösenord"),
    // Managers: invoices, reports, registers, settings, the access log.
    manager("save_organisation", "Organisationens uppgifter"),
    manager("agreement_form", "Avtal"),
    manager("save_agreement", "Ändra avtal"),
    manager("save_municipality", "Spara kommun"),
    manager("save_room", "Spara rum"),
    manager("invoice_preview", "Förhandsgranska fakturering"),
    manager("invoice_issue", "Fakturera"),
    manager("invoices_list", "Fakturor"),
    manager("invoice_view", "Visa faktura"),
    manager("invoice_pay", "Registrera betalning"),
    manager("invoice_credit", "Kreditera faktura"),
    manager("billing_settings", "Taxor och inställningar"),
    manager("save_billing_settings", "Spara inställningar"),
    manager("save_tariff", "Spara taxa"),
    manager("invoice_print", "Skriv ut faktura"),
    manager("invoice_save", "Spara faktura"),
    manager("invoices_save_month", "Spara månadens fakturor"),
    manager("invoice_reminder", "Påminnelse"),
    manager("sie_save", "SIE-export"),
    manager("signing_info", "Signering"),
    manager("signing_import", "Importera certifikat"),
    manager("logo_choose", "Välj logotyp"),
    manager("logo_remove", "Ta bort logotyp"),
    manager("statistics_yearly", "Årsstatistik"),
    manager("statistics_follow_up", "Halvårsuppföljning"),
    manager("statistics_save", "Spara statistik"),
    manager("lex_sarah_list", "Lex Sarah"),
    manager("add_lex_sarah", "Lex Sarah-rapport"),
    manager("access_log_recent", "Åtkomstlogg"),
    manager("access_log_person", "Åtkomstlogg för person"),
    manager("access_log_save", "Spara åtkomstlogg"),
    // Admins: accounts, backups, retention.
    admin("accounts_list", "Konton"),
    admin("account_create", "Nytt konto"),
    admin("account_update", "Ändra konto"),
    admin("account_set_password", "Nytt lösenord för konto"),
    admin("retention_preview", "Gallring, förhandsvisning"),
    admin("retention_run", "Gallring"),
    admin("backup_page", "Säkerhetskopior"),
    admin("backup_choose_folder", "Välj mapp för säkerhetskopior"),
    admin("save_backup_settings", "Inställningar för säkerhetskopior"),
    admin("backup_now", "Säkerhetskopiera"),
    admin("backup_check", "Kontrollera säkerhetskopia"),
    admin("backup_restore", "Läs tillbaka säkerhetskopia"),
];

pub fn find(name: &str) -> Option<&'static Action> {
    ACTIONS.iter().find(|a| a.name == name)
}

/// The log's name for an action (the action's own name when it is not in the table).
pub fn label(name: &str) -> &str {
    match name {
        // What only `fristad-cli` does.
        "import" => "Import",
        "export" => "Export av hela databasen",
        "backup_automatic" => "Automatisk säkerhetskopia",
        _ => find(name).map_or(name, |a| a.label),
    }
}

/// Whether `who` may run `action` now. An action not in the table is refused.
pub fn authorize(action: &str, who: Option<&Account>) -> Result<()> {
    let Some(a) = find(action) else {
        return Err(Error::new(Code::Forbidden, "Okänd åtgärd; den är inte tillåten."));
    };
    match (a.need, who) {
        (Need::Nothing, _) => Ok(()),
        (Need::Role(_), None) => Err(Error::new(
            Code::NotSignedIn,
            "Du är inte inloggad (fönstret kan ha låsts). Logga in igen.",
        )),
        (Need::Role(need), Some(account)) if account.role >= need => Ok(()),
        (Need::Role(need), Some(account)) => Err(Error::new(
            Code::Forbidden,
            format!(
                "Ditt konto ({}) får inte göra detta: «{}» kräver rollen {}.",
                account.role.label().to_lowercase(),
                a.label,
                need.label().to_lowercase()
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(role: Role) -> Account {
        Account {
            id: 1,
            username: "test".into(),
            display_name: "Test".into(),
            role,
            disabled: false,
        }
    }

    #[test]
    fn every_command_of_the_window_is_in_the_table_once() {
        let names: &[&str] = &include!("desktop/command_names.in");
        for name in names {
            assert!(find(name).is_some(), "{name} has no entry in permissions::ACTIONS");
        }
        for a in ACTIONS {
            assert_eq!(
                ACTIONS.iter().filter(|b| b.name == a.name).count(),
                1,
                "{} twice",
                a.name
            );
        }
    }

    #[test]
    fn staff_may_record_placements_but_not_invoice() {
        let staff = account(Role::Staff);
        assert!(authorize("intake", Some(&staff)).is_ok());
        assert_eq!(
            authorize("invoice_issue", Some(&staff)).unwrap_err().code,
            Code::Forbidden
        );
        assert_eq!(
            authorize("accounts_list", Some(&account(Role::Manager)))
                .unwrap_err()
                .code,
            Code::Forbidden
        );
        assert!(authorize("accounts_list", Some(&account(Role::Admin))).is_ok());
        assert!(authorize("invoice_issue", Some(&account(Role::Admin))).is_ok());
    }

    #[test]
    fn nothing_but_unlocking_and_signing_in_works_signed_out() {
        assert_eq!(authorize("placement_view", None).unwrap_err().code, Code::NotSignedIn);
        assert!(authorize("sign_in", None).is_ok());
        assert_eq!(
            authorize("no_such_command", Some(&account(Role::Admin)))
                .unwrap_err()
                .code,
            Code::Forbidden
        );
    }
}
