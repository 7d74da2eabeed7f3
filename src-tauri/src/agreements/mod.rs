//! Agreements with municipalities, starting with the IOP agreement between Borås Stad and
//! Kvinno- och tjejjouren Borås (../shared/seed/iop-agreement-boras.txt).
//!
//! An agreement's terms are data the user can edit; every edit is kept as a new version with its
//! date, so what was in force on any earlier day can be shown again. Which period is in force and
//! the last day for notice are computed from the terms (see `periods`), never typed.

pub mod history;
pub mod periods;

use crate::error::{Error, Result};
use crate::money::Money;
use crate::organisation::OrgNumber;
use crate::text::Message;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The key of the agreement every new store starts with.
pub const BORAS_IOP: &str = "iop-boras";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counterparty {
    pub name: String,
    /// The department that is party to the agreement, e.g. Arbetslivsförvaltningen.
    pub unit: String,
    pub org_number: String,
    pub address: String,
}

/// A span of whole days, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Renewal {
    /// Renewed by one more period of the same length unless notice is given in time.
    SameLength,
    /// Ends after the first period.
    None,
}

/// The fixed yearly service fee (serviceavgift) and the decision it rests on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceFee {
    pub from: NaiveDate,
    /// Last day it applies; open-ended when absent.
    pub to: Option<NaiveDate>,
    pub yearly: Money,
    pub basis: String,
}

/// An agreement's terms, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Terms {
    pub title: String,
    pub counterparty: Counterparty,
    pub signed_on: Option<NaiveDate>,
    pub first_period: Period,
    pub renewal: Renewal,
    /// Notice must be given at the latest this many months before a period ends.
    pub notice_months: u32,
    /// The day notice was given, if it has been.
    pub notice_given_on: Option<NaiveDate>,
    /// Later entries take precedence over earlier ones where they overlap: an amendment is
    /// added after the fee it changes.
    pub service_fees: Vec<ServiceFee>,
}

impl Terms {
    /// The agreement as signed: Borås 2021-12-07, in force 2022-01-01–2024-12-31, renewed by
    /// one more period unless notice is given nine months before it ends; a service fee of
    /// 550 000 kr a year, changed to 700 000 kr a year for three years by the council's decision
    /// of 2021-11-17/18.
    pub fn boras_iop() -> Terms {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("a valid date");
        Terms {
            title: "Överenskommelse om idéburet offentligt partnerskap (IOP)".into(),
            counterparty: Counterparty {
                name: "Borås Stad".into(),
                unit: "Arbetslivsförvaltningen".into(),
                org_number: "212000-1561".into(),
                address: "Österlånggatan 72, 503 37 Borås".into(),
            },
            signed_on: Some(d(2021, 12, 7)),
            first_period: Period {
                start: d(2022, 1, 1),
                end: d(2024, 12, 31),
            },
            renewal: Renewal::SameLength,
            notice_months: 9,
            notice_given_on: None,
            service_fees: vec![
                ServiceFee {
                    from: d(2022, 1, 1),
                    to: None,
                    yearly: Money::from_kronor(550_000),
                    basis: "Överenskommelsen: fast serviceavgift per år".into(),
                },
                ServiceFee {
                    from: d(2022, 1, 1),
                    to: Some(d(2024, 12, 31)),
                    yearly: Money::from_kronor(700_000),
                    basis: "Fullmäktigebeslut 2021-11-17/18: 700 000 kr per år i 3 år".into(),
                },
            ],
        }
    }

    /// The yearly service fee that applies on `date`.
    pub fn service_fee_on(&self, date: NaiveDate) -> Option<&ServiceFee> {
        self.service_fees
            .iter()
            .rev()
            .find(|f| f.from <= date && f.to.is_none_or(|to| date <= to))
    }
}

/// Terms as typed into the agreement form: text, checked field by field into [`Terms`].
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TermsInput {
    pub title: String,
    pub counterparty_name: String,
    pub counterparty_unit: String,
    pub counterparty_org_number: String,
    pub counterparty_address: String,
    pub signed_on: String,
    pub first_period_start: String,
    pub first_period_end: String,
    pub renews: bool,
    pub notice_months: String,
    pub notice_given_on: String,
    pub service_fees: Vec<ServiceFeeInput>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceFeeInput {
    pub from: String,
    pub to: String,
    pub yearly: String,
    pub basis: String,
}

fn date(field: &str, label: Message, text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| Error::invalid(field, crate::msg!("error.agreements.date", label = label)))
}

fn optional_date(field: &str, label: Message, text: &str) -> Result<Option<NaiveDate>> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        date(field, label, text).map(Some)
    }
}

fn required(field: &str, label: Message, text: &str) -> Result<String> {
    let t = text.trim();
    if t.is_empty() {
        return Err(Error::invalid(
            field,
            crate::msg!("error.records.required", label = label),
        ));
    }
    Ok(t.to_owned())
}

impl TermsInput {
    pub fn from_terms(t: &Terms) -> TermsInput {
        let text = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        TermsInput {
            title: t.title.clone(),
            counterparty_name: t.counterparty.name.clone(),
            counterparty_unit: t.counterparty.unit.clone(),
            counterparty_org_number: t.counterparty.org_number.clone(),
            counterparty_address: t.counterparty.address.clone(),
            signed_on: text(t.signed_on),
            first_period_start: t.first_period.start.to_string(),
            first_period_end: t.first_period.end.to_string(),
            renews: t.renewal == Renewal::SameLength,
            notice_months: t.notice_months.to_string(),
            notice_given_on: text(t.notice_given_on),
            service_fees: t
                .service_fees
                .iter()
                .map(|f| ServiceFeeInput {
                    from: f.from.to_string(),
                    to: text(f.to),
                    yearly: f.yearly.to_decimal(),
                    basis: f.basis.clone(),
                })
                .collect(),
        }
    }

    /// Checks every field against `today` and reports the first problem, naming the field.
    pub fn validate(&self, today: NaiveDate) -> Result<Terms> {
        let title = required("title", crate::msg!("label.agreements.title"), &self.title)?;
        let counterparty = Counterparty {
            name: required(
                "counterparty_name",
                crate::msg!("label.agreements.counterparty_name"),
                &self.counterparty_name,
            )?,
            unit: self.counterparty_unit.trim().to_owned(),
            org_number: OrgNumber::parse(&self.counterparty_org_number)
                .map_err(|m| {
                    Error::invalid(
                        "counterparty_org_number",
                        crate::msg!("error.agreements.counterparty_org_number", reason = m),
                    )
                })?
                .as_str()
                .to_owned(),
            address: required(
                "counterparty_address",
                crate::msg!("label.agreements.counterparty_address"),
                &self.counterparty_address,
            )?,
        };
        let signed_on = optional_date("signed_on", crate::msg!("label.agreements.signed_on"), &self.signed_on)?;
        let start = date(
            "first_period_start",
            crate::msg!("label.agreements.first_period_start"),
            &self.first_period_start,
        )?;
        let end = date(
            "first_period_end",
            crate::msg!("label.agreements.first_period_end"),
            &self.first_period_end,
        )?;
        if end < start {
            return Err(Error::invalid(
                "first_period_end",
                crate::msg!("error.agreements.period_reversed"),
            ));
        }
        let renewal = if self.renews {
            Renewal::SameLength
        } else {
            Renewal::None
        };
        let first_period = Period { start, end };
        if renewal == Renewal::SameLength && periods::whole_months(first_period).is_none() {
            return Err(Error::invalid(
                "first_period_end",
                crate::msg!("error.agreements.whole_months"),
            ));
        }
        let notice_months: u32 = self
            .notice_months
            .trim()
            .parse()
            .ok()
            .filter(|m| *m <= 120)
            .ok_or_else(|| Error::invalid("notice_months", crate::msg!("error.agreements.notice_months")))?;
        let notice_given_on = optional_date(
            "notice_given_on",
            crate::msg!("label.agreements.notice_given_on"),
            &self.notice_given_on,
        )?;
        if notice_given_on.is_some_and(|d| d > today) {
            return Err(Error::invalid(
                "notice_given_on",
                crate::msg!("error.agreements.notice_in_future"),
            ));
        }
        if self.service_fees.is_empty() {
            return Err(Error::invalid(
                "service_fees",
                crate::msg!("error.agreements.fee_missing"),
            ));
        }
        let mut service_fees = Vec::new();
        for (i, f) in self.service_fees.iter().enumerate() {
            let n = i + 1;
            let field = |name: &str| format!("service_fees.{i}.{name}");
            let from = date(&field("from"), crate::msg!("label.agreements.fee_from", n = n), &f.from)?;
            let to = optional_date(&field("to"), crate::msg!("label.agreements.fee_to", n = n), &f.to)?;
            if to.is_some_and(|to| to < from) {
                return Err(Error::invalid(
                    &field("to"),
                    crate::msg!("error.agreements.fee_end_before_start", n = n),
                ));
            }
            let yearly = Money::read_kronor(&f.yearly).map_err(|m| {
                Error::invalid(
                    &field("yearly"),
                    crate::msg!("error.agreements.fee_amount", n = n, reason = m),
                )
            })?;
            if yearly <= Money::ZERO {
                return Err(Error::invalid(
                    &field("yearly"),
                    crate::msg!("error.agreements.fee_not_positive", n = n),
                ));
            }
            let basis = required(
                &field("basis"),
                crate::msg!("label.agreements.fee_basis", n = n),
                &f.basis,
            )?;
            service_fees.push(ServiceFee {
                from,
                to,
                yearly,
                basis,
            });
        }
        Ok(Terms {
            title,
            counterparty,
            signed_on,
            first_period,
            renewal,
            notice_months,
            notice_given_on,
            service_fees,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_council_decision_raises_the_fee_for_2022_to_2024_only() {
        let t = Terms::boras_iop();
        assert_eq!(
            t.service_fee_on(d(2022, 1, 1)).unwrap().yearly,
            Money::from_kronor(700_000)
        );
        assert_eq!(
            t.service_fee_on(d(2024, 12, 31)).unwrap().yearly,
            Money::from_kronor(700_000)
        );
        assert_eq!(
            t.service_fee_on(d(2025, 1, 1)).unwrap().yearly,
            Money::from_kronor(550_000)
        );
        assert_eq!(t.service_fee_on(d(2021, 12, 31)), None);
    }

    #[test]
    fn the_shipped_terms_survive_the_form() {
        let t = Terms::boras_iop();
        assert_eq!(TermsInput::from_terms(&t).validate(d(2026, 11, 28)).unwrap(), t);
    }

    #[test]
    fn bad_terms_are_refused_naming_the_field() {
        let today = d(2026, 11, 28);
        let base = TermsInput::from_terms(&Terms::boras_iop());
        let field_of = |f: &dyn Fn(&mut TermsInput)| {
            let mut input = base.clone();
            f(&mut input);
            input.validate(today).unwrap_err().field.unwrap()
        };
        assert_eq!(field_of(&|i| i.title = " ".into()), "title");
        assert_eq!(
            field_of(&|i| i.counterparty_org_number = "212000-1562".into()),
            "counterparty_org_number"
        );
        assert_eq!(
            field_of(&|i| i.first_period_start = "2022-13-01".into()),
            "first_period_start"
        );
        assert_eq!(
            field_of(&|i| i.first_period_end = "2021-12-31".into()),
            "first_period_end"
        );
        assert_eq!(
            field_of(&|i| i.first_period_end = "2024-12-30".into()),
            "first_period_end"
        );
        assert_eq!(field_of(&|i| i.notice_months = "nio".into()), "notice_months");
        assert_eq!(
            field_of(&|i| i.notice_given_on = "2027-01-01".into()),
            "notice_given_on"
        );
        assert_eq!(field_of(&|i| i.service_fees.clear()), "service_fees");
        assert_eq!(
            field_of(&|i| i.service_fees[1].yearly = "700 000,001".into()),
            "service_fees.1.yearly"
        );
        assert_eq!(
            field_of(&|i| i.service_fees[0].to = "2021-01-01".into()),
            "service_fees.0.to"
        );
    }

    #[test]
    fn a_refusal_names_its_field_in_either_language_and_never_repeats_what_was_typed() {
        use crate::text::Lang;
        let mut input = TermsInput::from_terms(&Terms::boras_iop());
        input.service_fees[1].from = "2022-02-30".into();
        let m = input.validate(d(2026, 11, 28)).unwrap_err().text.unwrap();
        assert_eq!(
            m.render(Lang::Sv),
            "Serviceavgift 2, från: det är inte ett datum som ÅÅÅÅ-MM-DD."
        );
        assert_eq!(
            m.render(Lang::En),
            "Service fee 2, from: that is not a date written as YYYY-MM-DD."
        );
        input.service_fees[1].from = "2022-01-01".into();
        input.service_fees[1].yearly = "sju".into();
        let m = input.validate(d(2026, 11, 28)).unwrap_err().text.unwrap();
        assert_eq!(
            m.render(Lang::Sv),
            "Serviceavgift 2: Det är inte ett belopp i kronor (t.ex. 1650,00)."
        );
        assert_eq!(
            m.render(Lang::En),
            "Service fee 2: That is not an amount in kronor (e.g. 1650.00)."
        );
    }
}
