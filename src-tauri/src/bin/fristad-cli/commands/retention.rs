//! Retention (gallring): what a run would remove, and the run.

use crate::*;

#[derive(Subcommand)]
pub(crate) enum RetentionCommand {
    /// Visar vad en gallring i dag skulle ta bort. Ändrar ingenting.
    Preview {
        #[arg(long)]
        json: bool,
    },
    /// Gallrar: tar bort det som förhandsvisningen visar, i en enda transaktion, och loggar det.
    Run {
        #[arg(long)]
        json: bool,
    },
}

pub(crate) fn retention_command(dir: &DataDir, command: &RetentionCommand) -> fristad::Result<()> {
    let (mut store, who) = open_as(
        dir,
        match command {
            RetentionCommand::Preview { .. } => "retention_preview",
            RetentionCommand::Run { .. } => "retention_run",
        },
    )?;
    let now = clock::now();
    let policy = settings::load(store.conn())?.retention;
    let (outcome, json, done) = match command {
        RetentionCommand::Preview { json } => (
            fristad::retention::preview(store.conn(), policy, clock::swedish_date(now))?,
            *json,
            false,
        ),
        RetentionCommand::Run { json } => (fristad::actions::retention::run(&mut store, &who, now)?, *json, true),
    };
    if json {
        print_json(&outcome);
    } else {
        let verb = if done {
            msg!("label.cli.retention_done")
        } else {
            msg!("label.cli.retention_preview")
        };
        show(msg!(
            "notice.cli.retention",
            verb = verb,
            people = outcome.people,
            placements = outcome.placements,
            details_before = outcome.details_before,
            journal_notes = outcome.journal_notes,
            journal_before = outcome.journal_before,
            corrections = outcome.corrections,
            invoices_kept = outcome.invoices_kept
        ));
    }
    store.close()
}
