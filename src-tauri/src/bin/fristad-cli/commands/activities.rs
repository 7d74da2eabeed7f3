//! The jour's other activities from fristad-cli, through the same actions as the window: support
//! contacts, and requests for a place with their outcome.

use crate::*;
use fristad::actions::{requests as request_actions, support as support_actions};
use fristad::requests::{Asker, Decision, Outcome, Reason, Request};
use fristad::support::{Channel, ContactGroup, SupportContact, TakenBy, Topic};

/// A fixed list's value by its identifier, as the import format writes it.
fn kind<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, String> {
    serde_json::from_value(serde_json::Value::String(text.to_owned())).map_err(|e| e.to_string())
}

#[derive(Subcommand)]
pub(crate) enum SupportCommand {
    /// Registrerar ett stödsamtal, aldrig med namn.
    Add {
        #[arg(long, value_name = "DATUM")]
        date: NaiveDate,
        #[arg(long, value_name = "KANAL", value_parser = kind::<Channel>)]
        channel: Channel,
        #[arg(long, value_name = "GRUPP", value_parser = kind::<ContactGroup>)]
        group: ContactGroup,
        #[arg(long = "topic", value_name = "ÄMNE", value_parser = kind::<Topic>)]
        topics: Vec<Topic>,
        #[arg(long, value_name = "MINUTER")]
        minutes: Option<u32>,
        #[arg(long, value_name = "VEM", value_parser = kind::<TakenBy>)]
        by: TakenBy,
        #[arg(long, value_name = "NYCKEL")]
        person: Option<String>,
    },
    /// Stryker ett stödsamtal som registrerats fel (det sparas, men räknas inte).
    Strike {
        #[arg(value_name = "NUMMER")]
        id: i64,
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
    /// Visar de senaste stödsamtalen.
    List {
        /// Skriv resultatet som JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub(crate) enum RequestCommand {
    /// Registrerar en förfrågan om plats, med utfallet om det är avgjort.
    Add {
        #[arg(long, value_name = "DATUM")]
        date: NaiveDate,
        #[arg(long, value_name = "VEM", value_parser = kind::<Asker>)]
        from: Asker,
        #[arg(long, value_name = "ANTAL")]
        adults: u32,
        #[arg(long, value_name = "ANTAL", default_value_t = 0)]
        children: u32,
        #[command(flatten)]
        outcome: OutcomeArgs,
        #[arg(long, value_name = "TEXT", default_value = "")]
        note: String,
    },
    /// Anger utfallet av en förfrågan som inte har något ännu.
    Decide {
        #[arg(value_name = "NUMMER")]
        id: i64,
        #[command(flatten)]
        outcome: OutcomeArgs,
    },
    /// Stryker en förfrågan som registrerats fel (den sparas, men räknas inte).
    Strike {
        #[arg(value_name = "NUMMER")]
        id: i64,
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
    /// Visar förfrågningarna utan utfall och de senaste.
    List {
        /// Skriv resultatet som JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args)]
pub(crate) struct OutcomeArgs {
    #[arg(long, value_name = "UTFALL", value_parser = kind::<Outcome>)]
    outcome: Option<Outcome>,
    #[arg(long, value_name = "SKÄL", value_parser = kind::<Reason>)]
    reason: Option<Reason>,
    #[arg(long, value_name = "TEXT", default_value = "")]
    referred_to: String,
    #[arg(long, value_name = "PLACERING")]
    placement: Option<String>,
}

pub(crate) fn support_command(dir: &DataDir, command: &SupportCommand) -> fristad::Result<()> {
    let (mut store, who) = open_signed_in(dir)?;
    match command {
        SupportCommand::Add {
            date,
            channel,
            group,
            topics,
            minutes,
            by,
            person,
        } => {
            let contact = SupportContact {
                date: *date,
                channel: *channel,
                group: *group,
                topics: topics.clone(),
                minutes: *minutes,
                by: *by,
                person: person.clone(),
                struck: None,
            };
            support_actions::add(&mut store, &who, &contact, clock::now())?;
            show(msg!("notice.cli.support_added", date = date));
        }
        SupportCommand::Strike { id, reason } => {
            support_actions::strike(&mut store, &who, *id, reason, clock::now())?;
            show(msg!("notice.cli.struck", id = id));
        }
        SupportCommand::List { json } => {
            let list = support_actions::latest(&store, &who)?;
            if *json {
                print_json(&list);
            } else {
                for l in &list {
                    let c = &l.contact;
                    let struck = if c.struck.is_some() {
                        say(msg!("label.cli.struck"))
                    } else {
                        String::new()
                    };
                    println!(
                        "{} {} {} {} {struck}",
                        l.id,
                        c.date,
                        c.channel.label_in(lang()),
                        c.group.label_in(lang())
                    );
                }
            }
        }
    }
    store.close()
}

pub(crate) fn request_command(dir: &DataDir, command: &RequestCommand) -> fristad::Result<()> {
    let (mut store, who) = open_signed_in(dir)?;
    let now = clock::now();
    match command {
        RequestCommand::Add {
            date,
            from,
            adults,
            children,
            outcome,
            note,
        } => {
            let request = Request {
                date: *date,
                from: *from,
                adults: *adults,
                children: *children,
                outcome: outcome.outcome,
                reason: outcome.reason,
                referred_to: outcome.referred_to.clone(),
                placement: outcome.placement.clone(),
                note: note.clone(),
                struck: None,
            };
            let id = request_actions::add(&mut store, &who, &request, now)?;
            show(msg!("notice.cli.request_added", id = id, date = date));
        }
        RequestCommand::Decide { id, outcome } => {
            let Some(o) = outcome.outcome else {
                return Err(Error::invalid("outcome", msg!("error.cli.outcome_needed")));
            };
            let decision = Decision {
                outcome: o,
                reason: outcome.reason,
                referred_to: outcome.referred_to.clone(),
                placement: outcome.placement.clone(),
            };
            request_actions::decide(&mut store, &who, *id, &decision, now)?;
            show(msg!("notice.cli.request_decided", id = id));
        }
        RequestCommand::Strike { id, reason } => {
            request_actions::strike(&mut store, &who, *id, reason, now)?;
            show(msg!("notice.cli.struck", id = id));
        }
        RequestCommand::List { json } => {
            let list = request_actions::latest(&store, &who)?;
            if *json {
                print_json(&list);
            } else {
                for l in &list {
                    let r = &l.request;
                    let outcome = r
                        .outcome
                        .map_or_else(|| say(msg!("label.cli.not_decided")), |o| o.label_in(lang()).to_owned());
                    let struck = if r.struck.is_some() {
                        say(msg!("label.cli.struck"))
                    } else {
                        String::new()
                    };
                    println!(
                        "{} {} {} {} + {}: {outcome} {struck}",
                        l.id,
                        r.date,
                        r.from.label_in(lang()),
                        r.adults,
                        r.children
                    );
                }
            }
        }
    }
    store.close()
}
