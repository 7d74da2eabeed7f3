//! The access log: verify its chain and witness, and read it.

use crate::*;

#[derive(Subcommand)]
pub(crate) enum AuditCommand {
    /// Går igenom hela loggens kedja och talar om den första post som ändrats eller tagits bort.
    /// Nyckeln räcker, inget konto behövs.
    Verify {
        #[arg(long)]
        json: bool,
    },
    /// Visar loggen, nyast först, eller allt om en person (personens nyckel).
    Show {
        /// Bara posterna om denna person: personens egen post och placeringar hon eller han bott i.
        #[arg(long, value_name = "NYCKEL")]
        person: Option<String>,
        /// Bara detta kontos poster.
        #[arg(long)]
        username: Option<String>,
        /// Högst så många poster.
        #[arg(long, default_value_t = 100)]
        limit: i64,
        #[arg(long)]
        json: bool,
        /// Spara som CSV i denna fil.
        #[arg(long, value_name = "FIL")]
        csv: Option<PathBuf>,
    },
}

pub(crate) fn audit_command(dir: &DataDir, command: &AuditCommand) -> fristad::Result<bool> {
    match command {
        AuditCommand::Verify { json } => {
            // Verifying reads only: the store is not migrated or written to.
            let store = unlock::open_for_check(dir, unlock_method(dir)?)?;
            let v = audit::verify(store.conn())?;
            // The log's end, against its witness beside the database, and what earlier opens
            // found there.
            let witness = store.witness_finding()?;
            let earlier = fristad::store::witness::past_findings(store.conn())?;
            // And against the heads in this store's backups in the backup folder.
            let backups = fristad::backup::log_head::compare(&store, dir);
            let backups_hold = !backups.iter().any(|b| b.is_finding());
            if *json {
                let mut out = serde_json::to_value(&v).expect("serializable");
                out["witness"] = serde_json::to_value(&witness).expect("serializable");
                out["earlier_findings"] = serde_json::to_value(&earlier).expect("serializable");
                out["backups"] = serde_json::to_value(&backups).expect("serializable");
                print_json(&out);
            } else {
                if let Some(problem) = &v.problem {
                    let problem = match &v.problem_message {
                        Some(m) => Arg::Message(m.clone()),
                        None => Arg::Text(problem.clone()),
                    };
                    complain(&msg!("notice.cli.access_log_broken", problem = problem));
                    complain(&msg!("notice.cli.access_log_tampered"));
                }
                if let Some(f) = &witness {
                    complain(&msg!("notice.store.witness_finding", finding = f.message()));
                }
                for (at, finding) in &earlier {
                    complain(&msg!("notice.store.witness_past", at = at, finding = finding));
                }
                for finding in backups.iter().filter_map(|b| b.message()) {
                    complain(&finding);
                }
                if v.is_ok() && witness.is_none() && earlier.is_empty() && backups_hold {
                    show(msg!("notice.cli.access_log_whole", entries = v.entries));
                }
            }
            Ok(v.is_ok() && witness.is_none() && earlier.is_empty() && backups_hold)
        }
        AuditCommand::Show {
            person,
            username,
            limit,
            json,
            csv,
        } => {
            let (mut store, who) = open_signed_in(dir)?;
            let csv = csv.as_deref().map(|p| destination(dir, p)).transpose()?;
            let entries = match person {
                Some(p) => fristad::actions::access_log::for_person(
                    &mut store,
                    &who,
                    p,
                    "access_log_person",
                    Kind::View,
                    clock::now(),
                )?,
                None => {
                    may(&who, "access_log_recent")?;
                    audit::recent(store.conn(), username.as_deref(), *limit)?
                }
            };
            if let Some(csv) = &csv {
                csv.write(&audit::to_csv(&entries)?)?;
            }
            if *json {
                print_json(&entries);
            } else if csv.is_none() {
                for e in &entries {
                    println!(
                        "{:>6} {} {:<16} {:<22} {:<14} {} {}",
                        e.seq,
                        e.at,
                        e.username,
                        fristad::permissions::label_in(&e.action, lang()),
                        e.kind,
                        e.placement.as_deref().unwrap_or(""),
                        e.person.as_deref().unwrap_or("")
                    );
                }
            }
            store.close()?;
            Ok(true)
        }
    }
}
