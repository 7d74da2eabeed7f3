//! Corrections of a saved placement, with their reason, and its history.

use crate::*;
use fristad::placements::correct::Correction;

#[derive(Subcommand)]
pub(crate) enum CorrectCommand {
    /// Rättar ett fält i en placering, med skäl. Fälten heter som i importformatet: municipality,
    /// arrived, acute, reference, yy_code, violence, arrival_route, transported_by, assessment.by,
    /// assessment.at, assessment.conclusion, rve.contacted_at, rve.contacted_by, rve.decision,
    /// rve.decided_at.
    Placement {
        #[arg(value_name = "NYCKEL")]
        key: String,
        #[command(flatten)]
        change: Change,
    },
    /// Rättar ett fält i en persons vistelse i en placering, med skäl. Fälten heter som i
    /// importformatet: in, out, category, destination, decision_reference, ready_to_move.
    Stay {
        #[arg(value_name = "PLACERING")]
        placement: String,
        person: String,
        #[command(flatten)]
        change: Change,
    },
}

/// What both corrections take after naming what is corrected.
#[derive(Args)]
pub(crate) struct Change {
    #[arg(value_name = "FÄLT")]
    field: String,
    /// Det nya värdet (en tid som «2026-03-01 22:15», ja/nej, en listas värde med sin kod).
    #[arg(value_name = "VÄRDE", allow_hyphen_values = true)]
    value: String,
    /// Varför uppgiften rättas (sparas i placeringens historik).
    #[arg(long, value_name = "TEXT")]
    reason: String,
    /// Visa vad nästa fakturering gör på grund av rättelsen, utan att spara något.
    #[arg(long)]
    dry_run: bool,
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
pub(crate) enum HistoryCommand {
    /// En placerings rättelser: fält, gammalt och nytt värde, av vem, när och varför.
    Placement {
        #[arg(value_name = "NYCKEL")]
        key: String,
        #[arg(long)]
        json: bool,
    },
}

pub(crate) fn correct_command(dir: &DataDir, command: &CorrectCommand) -> fristad::Result<()> {
    let (placement, person, change) = match command {
        CorrectCommand::Placement { key, change } => (key, None, change),
        CorrectCommand::Stay {
            placement,
            person,
            change,
        } => (placement, Some(person.clone()), change),
    };
    let correction = Correction {
        placement: placement.clone(),
        person,
        field: change.field.clone(),
        value: change.value.clone(),
        reason: change.reason.clone(),
    };
    let (dry_run, json) = (change.dry_run, change.json);
    let (mut store, who) = open_as(dir, "correct_placement")?;
    let now = clock::now();
    if dry_run {
        let effect = fristad::actions::placements::correction_effect(&store, &who, &correction, now)?;
        let documents: Vec<_> = effect.credit_notes.into_iter().chain(effect.invoices).collect();
        print_invoices(&documents, &[], json, true);
        return store.close();
    }
    fristad::actions::placements::correct(&mut store, &who, &correction, now)?;
    show(msg!(
        "notice.cli.corrected",
        placement = correction.placement.trim(),
        field = correction.field
    ));
    store.close()
}

pub(crate) fn history_command(dir: &DataDir, command: &HistoryCommand) -> fristad::Result<()> {
    let HistoryCommand::Placement { key, json } = command;
    let (mut store, who) = open_signed_in(dir)?;
    let changes = fristad::actions::placements::history(&mut store, &who, key, clock::now())?;
    if *json {
        print_json(&changes);
    } else {
        for c in &changes {
            println!(
                "{} {:<14} {:<28} {} → {}  ({})",
                fristad::clock::to_local_text(c.at),
                c.by,
                c.field,
                shown_value(&c.old),
                shown_value(&c.new),
                c.reason
            );
        }
    }
    store.close()
}

/// A recorded value as people read it: a time in Swedish local time, text without quotes.
fn shown_value(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(text) => {
            fristad::clock::from_stored(text).map_or_else(|| text.clone(), fristad::clock::to_local_text)
        }
        serde_json::Value::Null => "–".to_owned(),
        other => other.to_string(),
    }
}
