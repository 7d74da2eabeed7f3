//! Who may do what: every action the window and fristad-cli offer, the role it needs, and its
//! name in the access log. Both front ends check each call against this table before the action
//! runs (the window before its command, fristad-cli after signing in), so a role is enforced here
//! and not only by what the screens show; an action missing from the table is refused.

use crate::accounts::{Account, Role};
use crate::error::{Code, Error, Result};
use crate::text::{Lang, Message, text};

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
    /// How the action is named in the access log: its catalogue key, `action.<name>`
    /// (src-tauri/locales/*/permissions.json). The log's stored and printed names are Swedish.
    pub key: &'static str,
}

const OPEN: Need = Need::Nothing;
const STAFF: Need = Need::Role(Role::Staff);
const MANAGER: Need = Need::Role(Role::Manager);
const ADMIN: Need = Need::Role(Role::Admin);

macro_rules! action {
    ($need:expr, $name:literal) => {
        Action {
            name: $name,
            need: $need,
            key: concat!("action.", $name),
        }
    };
}

pub const ACTIONS: &[Action] = &[
    // Opening the store and signing in.
    action!(OPEN, "access_state"),
    action!(OPEN, "set_language"),
    action!(OPEN, "create_store"),
    action!(OPEN, "save_recovery_sheet"),
    action!(OPEN, "copy_recovery_key"),
    action!(OPEN, "finish_setup"),
    action!(OPEN, "unlock_with_passphrase"),
    action!(OPEN, "recover_with_key"),
    action!(OPEN, "create_first_account"),
    action!(OPEN, "sign_in"),
    action!(OPEN, "lock"),
    // Everyone: the house, placements, people and the journal.
    action!(STAFF, "home"),
    action!(STAFF, "catalogue"),
    action!(STAFF, "house_now"),
    action!(STAFF, "placements_list"),
    action!(STAFF, "placement_view"),
    action!(STAFF, "intake"),
    action!(STAFF, "add_person"),
    action!(STAFF, "move_out"),
    action!(STAFF, "undo_move_out"),
    action!(STAFF, "change_room"),
    action!(STAFF, "rve_contact"),
    action!(STAFF, "rve_decision"),
    action!(STAFF, "save_assessment"),
    action!(STAFF, "add_note"),
    action!(STAFF, "add_concern_report"),
    action!(STAFF, "people_search"),
    action!(STAFF, "person_view"),
    action!(STAFF, "municipalities_list"),
    action!(STAFF, "rooms_board"),
    action!(STAFF, "requests_list"),
    action!(STAFF, "add_request"),
    action!(STAFF, "decide_request"),
    action!(STAFF, "add_support_contact"),
    action!(STAFF, "set_ready_to_move"),
    action!(STAFF, "set_child_rights"),
    action!(STAFF, "support_contacts_list"),
    action!(STAFF, "strike_support_contact"),
    action!(STAFF, "strike_request"),
    action!(STAFF, "change_own_password"),
    action!(STAFF, "correct_placement"),
    action!(STAFF, "correct_person"),
    // Managers: invoices, reports, registers, settings, the access log.
    action!(MANAGER, "save_organisation"),
    action!(MANAGER, "agreement_form"),
    action!(MANAGER, "save_agreement"),
    action!(MANAGER, "save_municipality"),
    action!(MANAGER, "municipality_terms"),
    action!(MANAGER, "municipality_change_preview"),
    action!(MANAGER, "save_room"),
    action!(MANAGER, "room_periods"),
    action!(MANAGER, "room_closure_correct"),
    action!(MANAGER, "room_closure_end"),
    action!(MANAGER, "correction_preview"),
    action!(MANAGER, "set_protected_identity"),
    // Not a command: a protected person's name in lists (people::Names).
    action!(MANAGER, "see_protected_names"),
    action!(MANAGER, "invoice_preview"),
    action!(MANAGER, "invoice_issue"),
    action!(MANAGER, "invoices_list"),
    action!(MANAGER, "invoice_view"),
    action!(MANAGER, "invoice_pay"),
    action!(MANAGER, "invoice_credit"),
    action!(MANAGER, "invoice_credit_preview"),
    action!(MANAGER, "invoice_refund"),
    action!(MANAGER, "invoice_offset"),
    action!(MANAGER, "billing_settings"),
    action!(MANAGER, "save_billing_settings"),
    action!(MANAGER, "save_tariff"),
    action!(MANAGER, "tariff_change_preview"),
    action!(MANAGER, "invoice_print"),
    action!(MANAGER, "invoice_save"),
    action!(MANAGER, "invoices_save_month"),
    action!(MANAGER, "invoice_reminder"),
    action!(MANAGER, "sie_save"),
    action!(MANAGER, "signing_info"),
    action!(MANAGER, "signing_import"),
    action!(MANAGER, "logo_choose"),
    action!(MANAGER, "logo_remove"),
    action!(MANAGER, "statistics_yearly"),
    action!(MANAGER, "save_organisation_year"),
    action!(MANAGER, "organisation_years"),
    action!(MANAGER, "statistics_check"),
    action!(MANAGER, "statistics_follow_up"),
    action!(MANAGER, "statistics_save"),
    action!(MANAGER, "lex_sarah_list"),
    action!(MANAGER, "add_lex_sarah"),
    action!(MANAGER, "access_log_recent"),
    action!(MANAGER, "access_log_person"),
    action!(MANAGER, "access_log_save"),
    // Admins: accounts, backups, retention.
    action!(ADMIN, "accounts_list"),
    action!(ADMIN, "account_create"),
    action!(ADMIN, "account_update"),
    action!(ADMIN, "account_set_password"),
    action!(ADMIN, "retention_preview"),
    action!(ADMIN, "retention_run"),
    action!(ADMIN, "backup_page"),
    action!(ADMIN, "backup_choose_folder"),
    action!(ADMIN, "save_backup_settings"),
    action!(ADMIN, "backup_now"),
    action!(ADMIN, "backup_check"),
    action!(ADMIN, "backup_restore"),
    action!(ADMIN, "backup_remove_set_aside"),
    action!(ADMIN, "change_key"),
    // Only fristad-cli offers these: reading a whole file of records in, and everything out.
    action!(ADMIN, "import"),
    action!(ADMIN, "export"),
];

/// What the key's holder (with fristad-cli) or the program by itself does without an account,
/// named in the access log too.
const LOGGED_ONLY: &[(&str, &str)] = &[
    ("backup_automatic", "action.backup_automatic"),
    ("change_passphrase", "action.change_passphrase"),
];

pub fn find(name: &str) -> Option<&'static Action> {
    ACTIONS.iter().find(|a| a.name == name)
}

/// Whether the table, or the list of what only fristad-cli does, names `name`.
pub fn is_known(name: &str) -> bool {
    key_of(name).is_some()
}

/// The catalogue key of an action's name in the log, if it has one.
fn key_of(name: &str) -> Option<&'static str> {
    find(name)
        .map(|a| a.key)
        .or_else(|| LOGGED_ONLY.iter().find(|(n, _)| *n == name).map(|(_, k)| *k))
}

/// The log's name for an action in Swedish, as stored and printed (the action's own name when
/// it is not in the table).
pub fn label(name: &str) -> &str {
    label_in(name, Lang::Sv)
}

/// The log's name for an action in `lang` (the window's language on screens).
pub fn label_in(name: &str, lang: Lang) -> &str {
    key_of(name).map_or(name, |key| text(lang, key))
}

/// An action's name as a value inside a message, in the message's language.
fn named(a: &Action) -> Message {
    Message {
        key: a.key,
        args: vec![],
    }
}

/// What `who` may do: the names of the table's actions its role suffices for. The window hides
/// what is not among them (its screens name the action each is for); the table stays the one
/// place where a role is given.
pub fn allowed(who: &Account) -> Vec<&'static str> {
    ACTIONS
        .iter()
        .filter(|a| authorize(a.name, Some(who)).is_ok())
        .map(|a| a.name)
        .collect()
}

/// Whether `who` may run `action` now. An action not in the table is refused.
pub fn authorize(action: &str, who: Option<&Account>) -> Result<()> {
    let Some(a) = find(action) else {
        return Err(Error::new(
            Code::Forbidden,
            crate::msg!("error.permissions.unknown_action"),
        ));
    };
    match (a.need, who) {
        (Need::Nothing, _) => Ok(()),
        (Need::Role(_), None) => Err(Error::new(
            Code::NotSignedIn,
            crate::msg!("error.permissions.not_signed_in"),
        )),
        (Need::Role(need), Some(account)) if account.role >= need => Ok(()),
        (Need::Role(need), Some(account)) => Err(Error::new(
            Code::Forbidden,
            crate::msg!(
                "error.permissions.forbidden",
                role = account.role.in_sentence(),
                action = named(a),
                need = need.in_sentence()
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

    /// The window's command list is stated in four places that must agree: the handler list in
    /// `desktop/mod.rs`, `command_names.in` (from which the build makes each command's
    /// permission), the capability that lets the page call them, and this table.
    #[test]
    fn the_handler_list_the_command_names_and_the_capability_name_the_same_commands() {
        let names: std::collections::BTreeSet<&str> = include!("desktop/command_names.in").into_iter().collect();
        let mod_rs = include_str!("desktop/mod.rs");
        let start = mod_rs.find("generate_handler![").expect("the handler list");
        let list = &mod_rs[start..start + mod_rs[start..].find("];").expect("its end")];
        let handled: std::collections::BTreeSet<&str> = list
            .split(',')
            .filter_map(|item| item.trim().rsplit_once("::").map(|(_, name)| name))
            .collect();
        assert_eq!(handled, names, "desktop/mod.rs and command_names.in");
        let capability: serde_json::Value =
            serde_json::from_str(include_str!("../capabilities/main.json")).expect("the capability reads");
        let allowed: std::collections::BTreeSet<String> = capability["permissions"]
            .as_array()
            .expect("its permissions")
            .iter()
            .filter_map(|p| p.as_str()?.strip_prefix("allow-").map(|c| c.replace('-', "_")))
            .collect();
        let names_owned: std::collections::BTreeSet<String> = names.iter().map(|n| n.to_string()).collect();
        assert_eq!(allowed, names_owned, "capabilities/main.json and command_names.in");
    }

    /// The window states no role of its own: it shows what the table allows (`allowed`), and
    /// every action it asks about by name is in the table.
    #[test]
    fn the_window_asks_the_table_and_names_only_its_actions() {
        let ui = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui");
        let mut sources = vec![ui.join("app.js"), ui.join("session.js"), ui.join("index.html")];
        for entry in std::fs::read_dir(ui.join("screens")).expect("the screens") {
            sources.push(entry.expect("a screen").path());
        }
        let mut asked = Vec::new();
        for path in &sources {
            let text = std::fs::read_to_string(path).expect("a UI source");
            for role in ["'staff'", "'manager'", "'admin'"] {
                assert!(
                    !text.contains(&format!("can({role})")),
                    "{}: can({role})",
                    path.display()
                );
            }
            assert!(!text.contains("data-role"), "{}: a role in the page", path.display());
            for (at, _) in text.match_indices("can('") {
                let name = &text[at + 5..];
                asked.push(name[..name.find('\'').expect("a whole name")].to_owned());
            }
            if let Some(start) = text.find("const actionOf = {") {
                let block = &text[start..start + text[start..].find("};").expect("its end")];
                for value in block.split(':').skip(1) {
                    let value = value.trim_start();
                    if let Some(rest) = value.strip_prefix('\'') {
                        asked.push(rest[..rest.find('\'').expect("a whole name")].to_owned());
                    }
                }
            }
        }
        assert!(asked.len() > 10, "the scan finds the names: {asked:?}");
        for name in &asked {
            assert!(
                find(name).is_some(),
                "the window asks about «{name}», which the table does not name"
            );
        }
        let staff = account(Role::Staff);
        assert!(allowed(&staff).contains(&"intake"));
        assert!(!allowed(&staff).contains(&"invoices_list"));
        assert!(allowed(&account(Role::Admin)).contains(&"change_key"));
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
    fn every_action_is_named_in_both_languages_and_the_log_keeps_swedish() {
        let keys = ACTIONS.iter().map(|a| a.key).chain(LOGGED_ONLY.iter().map(|(_, k)| *k));
        for key in keys {
            assert_ne!(text(Lang::Sv, key), key, "{key} has no Swedish name");
        }
        assert_eq!(label("placement_view"), "Visa placering");
        assert_eq!(label("backup_automatic"), "Automatisk säkerhetskopia");
        assert_eq!(label_in("placement_view", Lang::En), "View placement");
        assert_eq!(label_in("person_view", Lang::En), "View person");
        assert_eq!(label_in("no_such_action", Lang::En), "no_such_action");
    }

    #[test]
    fn a_refusal_names_the_action_and_the_roles_in_the_message_language() {
        let e = authorize("invoice_issue", Some(&account(Role::Staff))).unwrap_err();
        assert_eq!(
            e.message,
            "Ditt konto (personal) får inte göra detta: «Fakturera» kräver rollen chef."
        );
        assert_eq!(
            e.text.unwrap().render(Lang::En),
            "Your account (staff) may not do this: «Issue invoices» needs the role manager."
        );
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
