//! The agreements with municipalities, as in force on a date and as they changed.

use crate::*;

#[derive(Subcommand)]
pub(crate) enum AgreementCommand {
    /// Visar avtalet: perioden som gäller, sista dag för uppsägning och serviceavgiften.
    Show {
        /// Avtalets nyckel.
        #[arg(long, default_value = agreements::BORAS_IOP)]
        key: String,
        /// Visa läget denna dag (ÅÅÅÅ-MM-DD) i stället för i dag.
        #[arg(long, value_name = "DATUM")]
        on: Option<NaiveDate>,
        #[arg(long)]
        json: bool,
    },
    /// Visar varje sparad version av avtalet, nyast först.
    History {
        #[arg(long, default_value = agreements::BORAS_IOP)]
        key: String,
        #[arg(long)]
        json: bool,
    },
}

pub(crate) fn agreement_show(dir: &DataDir, key: &str, on: Option<NaiveDate>, json: bool) -> fristad::Result<()> {
    let (store, _) = open_as(dir, "agreement_form")?;
    let today = on.unwrap_or_else(|| clock::swedish_date(clock::now()));
    let o = history::overview(store.conn(), key, today)?;
    if json {
        print_json(&o);
        return Ok(());
    }
    println!("{}", o.title);
    let c = &o.counterparty;
    show(msg!(
        "notice.cli.agreement_counterparty",
        name = c.name,
        unit = c.unit,
        org_number = c.org_number
    ));
    match o.standing {
        agreements::periods::Standing::InForce(f) => {
            let renewal = if f.last {
                msg!("label.cli.agreement_ends")
            } else {
                msg!("label.cli.agreement_renews")
            };
            show(msg!(
                "notice.cli.agreement_in_force",
                today = today,
                start = f.period.start,
                end = f.period.end,
                number = f.number,
                renewal = renewal
            ));
        }
        agreements::periods::Standing::NotStarted { starts } => {
            show(msg!("notice.cli.agreement_not_started", starts = starts))
        }
        agreements::periods::Standing::Ended { ended } => show(msg!("notice.cli.agreement_ended", ended = ended)),
    }
    if let (Some(deadline), Some(days)) = (o.notice_deadline, o.days_to_notice_deadline) {
        show(msg!(
            "notice.cli.agreement_notice_deadline",
            deadline = deadline,
            days = days
        ));
    }
    if let Some(fee) = &o.service_fee_in_force {
        show(msg!(
            "notice.cli.agreement_service_fee",
            yearly = fee.yearly,
            basis = fee.basis
        ));
    }
    Ok(())
}

pub(crate) fn agreement_history(dir: &DataDir, key: &str, json: bool) -> fristad::Result<()> {
    let (store, _) = open_as(dir, "agreement_form")?;
    let versions = history::versions(store.conn(), key)?;
    if json {
        print_json(&versions);
        return Ok(());
    }
    for v in versions {
        show(msg!(
            "notice.cli.agreement_version",
            version = v.version,
            at = clock::to_local_text(v.recorded_at),
            by = v.recorded_by,
            note = v.change_note
        ));
    }
    Ok(())
}
