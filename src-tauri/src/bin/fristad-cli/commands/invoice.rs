//! Invoicing: runs, the register, credit notes, payments, refunds, reminders and documents.

use crate::*;

#[derive(Subcommand)]
pub(crate) enum InvoiceCommand {
    /// Fakturerar t.o.m. DATUM: en faktura per placering och kalendermånad för de nätter som inte
    /// är fakturerade, krediteringar där uppgifterna har ändrats, och serviceavgiftens delbetalningar.
    /// Skriver ut fakturorna som skapades (inga: en tom lista).
    Run {
        #[arg(long, value_name = "DATUM")]
        through: NaiveDate,
        /// Visa vad som skulle skapas, utan att skapa något.
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
    /// Fakturaregistret, med status och vad som är kvar att betala.
    List {
        #[arg(long)]
        json: bool,
    },
    /// En faktura i registret.
    Show {
        #[arg(value_name = "NUMMER")]
        number: String,
        #[arg(long)]
        json: bool,
    },
    /// Krediterar det som återstår av en faktura (kreditfaktura). En senare körning fakturerar på
    /// nytt det som fortfarande ska betalas.
    Credit {
        #[arg(value_name = "NUMMER")]
        number: String,
        /// Varför fakturan krediteras (sparas med kreditfakturan, står inte på den).
        #[arg(long, value_name = "TEXT")]
        reason: String,
        /// Visa kreditfakturan som skulle utfärdas, utan att utfärda den.
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
    /// Registrerar en återbetalning av en fakturas tillgodohavande (betald och sedan krediterad).
    Refund {
        #[arg(value_name = "NUMMER")]
        number: String,
        /// Belopp i kronor, t.ex. 4950 eller 4950,00.
        #[arg(long, value_name = "KR")]
        amount: String,
        #[arg(long, value_name = "DATUM")]
        date: NaiveDate,
        #[arg(long)]
        json: bool,
    },
    /// Drar en fakturas tillgodohavande av från nästa faktura till samma kommun.
    Offset {
        #[arg(value_name = "NUMMER")]
        number: String,
        #[arg(long)]
        json: bool,
    },
    /// Sparar en utfärdad fakturas signerade PDF och e-faktura (Peppol BIS 3.0), eller alla
    /// fakturor och kreditfakturor som utfärdades en månad i en mapp.
    Export {
        #[arg(value_name = "NUMMER", required_unless_present = "month", conflicts_with = "month")]
        number: Option<String>,
        /// Spara PDF:en här.
        #[arg(long, value_name = "FIL", requires = "number")]
        pdf: Option<PathBuf>,
        /// Spara e-fakturan (UBL XML) här.
        #[arg(long, value_name = "FIL", requires = "number")]
        xml: Option<PathBuf>,
        /// Alla dokument som utfärdades denna månad (ÅÅÅÅ-MM).
        #[arg(long, value_name = "ÅÅÅÅ-MM", requires = "dir")]
        month: Option<String>,
        /// Mappen för --month.
        #[arg(long, value_name = "MAPP")]
        dir: Option<PathBuf>,
    },
    /// Gör en betalningspåminnelse (PDF) för en förfallen faktura.
    Reminder {
        #[arg(value_name = "NUMMER")]
        number: String,
        #[arg(long, value_name = "FIL")]
        pdf: PathBuf,
    },
    /// Registrerar en betalning (hel eller delbetalning).
    Pay {
        #[arg(value_name = "NUMMER")]
        number: String,
        /// Belopp i kronor, t.ex. 4950 eller 4950,00.
        #[arg(long, value_name = "KR")]
        amount: String,
        #[arg(long, value_name = "DATUM")]
        date: NaiveDate,
        #[arg(long)]
        json: bool,
    },
}

pub(crate) fn invoice(dir: &DataDir, command: &InvoiceCommand) -> fristad::Result<()> {
    let (mut store, who) = open_signed_in(dir)?;
    let now = clock::now();
    let today = clock::swedish_date(now);
    match command {
        InvoiceCommand::Run {
            through,
            dry_run: true,
            json,
        } => {
            may(&who, "invoice_preview")?;
            let prepared = billing::run::prepare(store.conn(), *through, now)?;
            let invoices: Vec<_> = prepared.drafts.into_iter().map(|d| d.invoice).collect();
            print_invoices(&invoices, &prepared.held_back, *json, true);
        }
        InvoiceCommand::Run {
            through,
            dry_run: false,
            json,
        } => {
            let invoices = logged(
                &mut store,
                &who,
                "invoice_issue",
                Kind::Change,
                |tx| billing::run::issue(tx, *through, now, &who.username),
                |issued| format!("{} fakturor t.o.m. {through}", issued.invoices.len()),
            )?;
            let pending = make_documents(&store, now);
            print_invoices(&invoices.invoices, &invoices.held_back, *json, false);
            if let Some(pending) = pending {
                complain(say(pending));
            }
        }
        InvoiceCommand::List { json } => {
            may(&who, "invoices_list")?;
            let entries = billing::register::list(store.conn(), today)?;
            if *json {
                print_json(
                    &serde_json::json!({ "invoices": entries, "balances": billing::register::balances(store.conn(), today)? }),
                );
            } else {
                for e in entries {
                    show(msg!(
                        "notice.cli.register_row",
                        number = e.invoice.number.as_deref().unwrap_or(""),
                        kind = format!("{:<13}", say(e.invoice.kind.label())),
                        buyer = format!("{:<20}", e.invoice.buyer.name),
                        total = format!("{:>14}", e.invoice.total.to_string()),
                        due = e.invoice.due,
                        status = e.status.label_in(lang()),
                        outstanding = e.outstanding
                    ));
                }
            }
        }
        InvoiceCommand::Show { number, json } => {
            may(&who, "invoice_view")?;
            let id = billing::register::id_of(store.conn(), number)?;
            let e = billing::register::entry(store.conn(), id, today)?;
            if *json {
                print_json(&e);
            } else {
                print_invoices(std::slice::from_ref(&e.invoice), &[], false, false);
                show(msg!(
                    "notice.cli.invoice_status",
                    status = e.status.label_in(lang()),
                    paid = e.paid,
                    credited = e.credited,
                    outstanding = e.outstanding
                ));
            }
        }
        InvoiceCommand::Credit {
            number,
            reason,
            dry_run: true,
            json,
        } => {
            if reason.trim().is_empty() {
                return Err(Error::invalid("reason", msg!("error.billing.credit_reason_missing")));
            }
            may(&who, "invoice_credit_preview")?;
            let draft = billing::credit::prepare(store.conn(), number, now)?;
            print_invoices(std::slice::from_ref(&draft.invoice), &[], *json, true);
        }
        InvoiceCommand::Credit {
            number,
            reason,
            dry_run: false,
            json,
        } => {
            let note = on_invoice(&mut store, &who, "invoice_credit", number, |tx, by| {
                billing::credit::credit(tx, number, reason, now, by)
            })?;
            let pending = make_documents(&store, now);
            print_invoices(std::slice::from_ref(&note), &[], *json, false);
            if let Some(pending) = pending {
                complain(say(pending));
            }
        }
        InvoiceCommand::Export {
            number,
            pdf,
            xml,
            month,
            dir: folder,
        } => {
            may(
                &who,
                if number.is_some() {
                    "invoice_save"
                } else {
                    "invoices_save_month"
                },
            )?;
            if let Some(number) = number {
                if pdf.is_none() && xml.is_none() {
                    return Err(Error::invalid("pdf", msg!("error.cli.pdf_or_xml")));
                }
                let id = billing::register::id_of(store.conn(), number)?;
                let documents = billing::register::documents(store.conn(), id, now)?;
                // Refused before anything is written when the e-invoice asked for does not exist.
                let e_invoice = match (xml, &documents.e_invoice) {
                    (Some(p), Some(ubl)) => Some((p, ubl)),
                    (Some(_), None) => {
                        let buyer = billing::register::by_id(store.conn(), id)?.buyer.name;
                        return Err(Error::invalid(
                            "xml",
                            msg!("error.documents.peppol_missing", name = buyer),
                        ));
                    }
                    (None, _) => None,
                };
                // Both places are checked before either file is written.
                let pdf = pdf.as_deref().map(|p| destination(dir, p)).transpose()?;
                let e_invoice = e_invoice
                    .map(|(p, ubl)| destination(dir, p).map(|d| (d, ubl)))
                    .transpose()?;
                if let Some(pdf) = &pdf {
                    pdf.write(&documents.pdf)?;
                }
                if let Some((d, ubl)) = &e_invoice {
                    d.write(ubl.as_bytes())?;
                }
            } else if let (Some(month), Some(folder)) = (month, folder) {
                let files = billing::register::month_documents(store.conn(), month, now)?;
                if !folder.is_dir() {
                    std::fs::create_dir_all(folder).map_err(|e| Error::io(msg!("error.cli.creating_folder"), &e))?;
                }
                let saved: Vec<(PathBuf, &[u8])> = files
                    .iter()
                    .flat_map(|(name, documents)| documents.files(name))
                    .map(|(file, bytes)| (folder.join(file), bytes))
                    .collect();
                saved_file::save_all(&saved, dir, existing())?;
                for (name, documents) in &files {
                    if documents.e_invoice.is_none() {
                        show(msg!("notice.cli.pdf_only", name = name));
                    }
                }
                show(msg!(
                    "notice.cli.documents_saved",
                    count = files.len(),
                    folder = folder.display()
                ));
            }
        }
        InvoiceCommand::Reminder { number, pdf } => {
            let out = destination(dir, pdf)?;
            let bytes = on_invoice(&mut store, &who, "invoice_reminder", number, |tx, _| {
                billing::reminder::reminder(tx, number, now)
            })?;
            out.write(&bytes)?;
            show(msg!("notice.cli.reminder_saved", number = number, file = pdf.display()));
        }
        InvoiceCommand::Refund {
            number,
            amount,
            date,
            json,
        } => {
            let amount = kronor(amount)?;
            let e = on_invoice(&mut store, &who, "invoice_refund", number, |tx, by| {
                billing::credit_balance::refund(tx, number, amount, *date, now, by)
            })?;
            shown(&e, *json, || {
                msg!(
                    "notice.cli.refund_registered",
                    number = number,
                    balance = e.credit_balance
                )
            });
        }
        InvoiceCommand::Offset { number, json } => {
            let e = on_invoice(&mut store, &who, "invoice_offset", number, |tx, by| {
                billing::credit_balance::offset_on_next(tx, number, now, by)
            })?;
            shown(&e, *json, || {
                msg!(
                    "notice.cli.offset_requested",
                    number = number,
                    balance = e.credit_balance
                )
            });
        }
        InvoiceCommand::Pay {
            number,
            amount,
            date,
            json,
        } => {
            let amount = kronor(amount)?;
            let e = on_invoice(&mut store, &who, "invoice_pay", number, |tx, by| {
                billing::payments::pay(tx, number, amount, *date, now, by)
            })?;
            shown(&e, *json, || {
                msg!(
                    "notice.cli.payment_registered",
                    number = number,
                    status = e.status.label_in(lang()),
                    outstanding = e.outstanding
                )
            });
        }
    }
    store.close()
}

/// An amount in kronor as typed («4950,00»).
fn kronor(text: &str) -> fristad::Result<fristad::money::Money> {
    fristad::money::Money::read_kronor(text).map_err(|m| Error::invalid("amount", m))
}

/// Something done to one invoice as `who`, logged as about that invoice.
fn on_invoice<T>(
    store: &mut Store,
    who: &fristad::accounts::Account,
    action: &'static str,
    number: &str,
    work: impl FnOnce(&rusqlite::Transaction, &str) -> fristad::Result<T>,
) -> fristad::Result<T> {
    logged(
        store,
        who,
        action,
        Kind::Change,
        |tx| work(tx, &who.username),
        |_| format!("faktura {number}"),
    )
}

/// The result as JSON, or its line for people.
fn shown<T: serde::Serialize>(value: &T, json: bool, line: impl FnOnce() -> Message) {
    if json {
        print_json(value);
    } else {
        show(line());
    }
}
