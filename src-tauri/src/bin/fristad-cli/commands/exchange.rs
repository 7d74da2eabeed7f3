//! The import format: reading a file in, and the whole store out.

use crate::*;

pub(crate) fn import(dir: &DataDir, file: &std::path::Path, json: bool) -> fristad::Result<bool> {
    let text = std::fs::read_to_string(file).map_err(|e| Error::io(msg!("error.cli.reading_import_file"), &e))?;
    // The problems are data in JSON (always Swedish) and lines for people otherwise.
    let problems_in = if json { Lang::Sv } else { lang() };
    let outcome = exchange::parse(&text, problems_in).and_then(|parsed| {
        let (mut store, who) = open_as(dir, "import").map_err(|e| {
            vec![exchange::Problem {
                place: msg!("label.cli.import_database").render(problems_in),
                message: e.in_lang(problems_in),
            }]
        })?;
        let result = exchange::import(&mut store, &parsed, clock::now(), &who.username, problems_in);
        let _ = store.close();
        result
    });
    match outcome {
        Ok(changes) => {
            if json {
                print_json(&serde_json::json!({ "ok": true, "changes": changes, "changed": changes.total() }));
            } else if changes.total() == 0 {
                show(msg!("notice.cli.import_unchanged"));
            } else {
                show(msg!(
                    "notice.cli.import_done",
                    municipalities = changes.municipalities,
                    tariffs = changes.tariffs,
                    rooms = changes.rooms,
                    people = changes.people,
                    placements = changes.placements,
                    journal = changes.journal,
                    concern_reports = changes.concern_reports,
                    requests = changes.requests,
                    support_contacts = changes.support_contacts
                ));
            }
            Ok(true)
        }
        Err(problems) => {
            if json {
                print_json(&serde_json::json!({ "ok": false, "problems": problems }));
            }
            complain(&match problems.len() {
                1 => msg!("notice.cli.import_failed_one"),
                count => msg!("notice.cli.import_failed", count = count),
            });
            for p in &problems {
                complain(format!("{}: {}", p.place, p.message));
            }
            Ok(false)
        }
    }
}

pub(crate) fn export(dir: &DataDir, out: Option<&std::path::Path>) -> fristad::Result<()> {
    let (mut store, who) = open_signed_in(dir)?;
    // Where it goes is checked first, so that an export that cannot be saved is not logged.
    let out = out.map(|p| destination(dir, p)).transpose()?;
    // Everything leaves the program here, names included: that is logged before it is written.
    logged(
        &mut store,
        &who,
        "export",
        Kind::Export,
        |_| Ok(()),
        |_| "hela databasen (export)".to_owned(),
    )?;
    let data = exchange::export(&store)?;
    let text = serde_json::to_string_pretty(&data).expect("serializable") + "\n";
    match out {
        Some(out) => out.write(text.as_bytes()),
        None => {
            print!("{text}");
            Ok(())
        }
    }
}
