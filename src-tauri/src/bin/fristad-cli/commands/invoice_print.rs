//! What an invoicing command prints: the invoices made (or that would be), and the documents
//! still due when they could not be stored.

use crate::*;

/// Makes the documents of what was just issued. What is issued is committed whatever happens
/// here: documents that cannot be stored now (a full disk) stay due and are made the next time
/// the store is opened; what to tell the user then.
pub(crate) fn make_documents(store: &Store, now: chrono::DateTime<chrono::Utc>) -> Option<Message> {
    let e = fristad::billing::due_documents::make_all(store.conn(), now).err()?;
    let count = fristad::billing::due_documents::count(store.conn()).unwrap_or(0);
    Some(msg!("notice.cli.documents_pending", count = count, reason = e.as_arg()))
}

pub(crate) fn print_invoices(
    invoices: &[billing::invoice::Invoice],
    held_back: &[billing::held_back::HeldBack],
    json: bool,
    dry_run: bool,
) {
    if json {
        let held: Vec<serde_json::Value> = held_back
            .iter()
            .map(|h| {
                let mut v = serde_json::to_value(h).expect("serializable");
                v["message"] = say(h.message()).into();
                v
            })
            .collect();
        print_json(&serde_json::json!({ "dry_run": dry_run, "invoices": invoices, "held_back": held }));
        return;
    }
    // Held back is not an error (the others are issued), but nobody may miss it.
    for h in held_back {
        eprintln!("{}", say(h.message()));
    }
    if invoices.is_empty() {
        show(msg!("notice.cli.nothing_to_invoice"));
    }
    for i in invoices {
        println!(
            "{} {} {} {}{}: {}",
            i.number.clone().unwrap_or_else(|| say(msg!("label.cli.preview"))),
            say(i.kind.label()),
            i.buyer.name,
            i.placement
                .as_deref()
                .map(|p| format!("{}, ", say(msg!("label.cli.placement", key = p))))
                .unwrap_or_default(),
            format_args!("{} – {}", i.period_from, i.period_to),
            i.total
        );
        for l in &i.lines {
            println!(
                "    {}  {} – {}  {} × {} = {}",
                l.description,
                l.from,
                l.to,
                l.nights.max(1),
                l.unit_price,
                l.amount
            );
        }
    }
}
