//! Accounts for the window: add, list, change role, disable, new password.

use crate::*;

#[derive(Subcommand)]
pub(crate) enum AccountCommand {
    /// Lägger upp ett konto. Lösenordet läses från FRISTAD_NEW_PASSWORD eller frågas efter
    /// (två gånger) i terminalen; det står aldrig på kommandoraden.
    Add {
        /// Användarnamnet (bokstäver, siffror, punkt, bindestreck, understreck).
        #[arg(long)]
        username: String,
        /// Namnet som visas i fönstret och i loggen.
        #[arg(long)]
        name: String,
        /// staff (personal), manager (chef) eller admin (administratör).
        #[arg(long, value_parser = parse_role)]
        role: accounts::Role,
    },
    /// Listar kontona.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Ändrar ett kontos roll.
    Role {
        #[arg(long)]
        username: String,
        #[arg(long, value_parser = parse_role)]
        role: accounts::Role,
    },
    /// Stänger av ett konto (det finns kvar, för loggens skull, men kan inte logga in).
    Disable {
        #[arg(long)]
        username: String,
    },
    /// Öppnar ett avstängt konto igen.
    Enable {
        #[arg(long)]
        username: String,
    },
    /// Sätter ett nytt lösenord (från FRISTAD_NEW_PASSWORD eller frågas efter).
    Password {
        #[arg(long)]
        username: String,
    },
}

pub(crate) fn parse_role(text: &str) -> std::result::Result<accounts::Role, String> {
    accounts::Role::parse(text).map_err(|e| said(&e))
}

/// A new password: from FRISTAD_NEW_PASSWORD (for scripts and tests), or typed twice.
pub(crate) fn new_password() -> fristad::Result<(Secret<String>, Secret<String>)> {
    if let Ok(p) = std::env::var("FRISTAD_NEW_PASSWORD") {
        return Ok((Secret::new(p.clone()), Secret::new(p)));
    }
    if !std::io::stdin().is_terminal() {
        return Err(Error::invalid("password", msg!("error.cli.password_needed")));
    }
    let read = |prompt: Message| {
        rpassword::prompt_password(say(prompt))
            .map(Secret::new)
            .map_err(|e| Error::io(msg!("error.cli.reading_password"), &e))
    };
    Ok((
        read(msg!("notice.cli.prompt_new_password"))?,
        read(msg!("notice.cli.prompt_password_again"))?,
    ))
}

pub(crate) fn account_command(dir: &DataDir, command: &AccountCommand) -> fristad::Result<()> {
    let mut store = open(dir)?;
    if let AccountCommand::Add { username, name, role } = command
        && !accounts::any_exist(store.conn())?
    {
        return first_account(store, username, name, *role);
    }
    let who = signed_in(&mut store)?;
    let now = clock::now();
    match command {
        AccountCommand::Add { username, name, role } => {
            let (password, repeated) = new_password()?;
            let new = accounts::NewAccount {
                username: username.clone(),
                display_name: name.clone(),
                role: *role,
                password: password.expose().clone(),
                password_repeat: repeated.expose().clone(),
            };
            let a = fristad::actions::accounts::create(&mut store, &who, &new, now)?;
            show(msg!(
                "notice.cli.account_added",
                username = a.username,
                role = a.role.in_sentence()
            ));
        }
        AccountCommand::List { json } => {
            may(&who, "accounts_list")?;
            let list = accounts::list(store.conn())?;
            if *json {
                print_json(&list);
            } else {
                for a in list {
                    let off = if a.disabled {
                        format!(" ({})", say(msg!("label.cli.account_disabled")))
                    } else {
                        String::new()
                    };
                    let role = capitalised(&say(a.role.in_sentence()));
                    println!("{:<20} {:<14} {}{off}", a.username, role, a.display_name);
                }
            }
        }
        AccountCommand::Role { username, role } => {
            let a = logged(
                &mut store,
                &who,
                "account_update",
                Kind::Change,
                |tx| accounts::set_role(tx, username, *role),
                accounts::described,
            )?;
            show(msg!(
                "notice.cli.account_role",
                username = a.username,
                role = a.role.in_sentence()
            ));
        }
        AccountCommand::Disable { username } | AccountCommand::Enable { username } => {
            let off = matches!(command, AccountCommand::Disable { .. });
            let a = logged(
                &mut store,
                &who,
                "account_update",
                Kind::Change,
                |tx| accounts::set_disabled(tx, username, off, now),
                accounts::described,
            )?;
            show(if a.disabled {
                msg!("notice.cli.account_disabled", username = a.username)
            } else {
                msg!("notice.cli.account_enabled", username = a.username)
            });
        }
        AccountCommand::Password { username } => {
            let (password, repeated) = new_password()?;
            fristad::actions::accounts::set_password(
                &mut store,
                &who,
                username,
                password.expose(),
                repeated.expose(),
                now,
            )?;
            show(msg!("notice.cli.password_changed", username = username.trim()));
        }
    }
    store.close()
}

/// The store's first account, on a store that has none: an administrator, made as the window's
/// first screen makes it, with no one to sign in as yet.
fn first_account(mut store: Store, username: &str, name: &str, role: accounts::Role) -> fristad::Result<()> {
    if role != accounts::Role::Admin {
        return Err(Error::invalid("role", msg!("error.cli.first_is_admin")));
    }
    let (password, repeated) = new_password()?;
    let new = accounts::NewAccount {
        username: username.to_owned(),
        display_name: name.to_owned(),
        role,
        password: password.expose().clone(),
        password_repeat: repeated.expose().clone(),
    };
    let a = fristad::actions::accounts::create_first(&mut store, &new, clock::now())?;
    show(msg!(
        "notice.cli.account_added",
        username = a.username,
        role = a.role.in_sentence()
    ));
    store.close()
}
