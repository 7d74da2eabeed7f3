//! The yearly service fee (serviceavgift) as instalments: a calendar year is split into 1, 2, 4
//! or 12 periods (a setting), and the year's amount into as many instalments that add up to it
//! exactly, the odd öre going to the first ones.

use crate::agreements::Terms;
use crate::agreements::periods::{self, Standing};
use crate::money::Money;
use crate::settings::FeeSchedule;
use chrono::{Datelike, Months, NaiveDate};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instalment {
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    pub amount: Money,
    /// The instalment's number in its year, from 1.
    pub number: u32,
    pub per_year: u32,
}

impl Instalment {
    pub fn description(&self) -> String {
        let which = match self.per_year {
            1 => format!("år {}", self.period_from.year()),
            2 => format!("{} halvår {}", self.period_from.year(), self.number),
            4 => format!("{} kvartal {}", self.period_from.year(), self.number),
            _ => format!("{} månad {}", self.period_from.year(), self.number),
        };
        format!(
            "Serviceavgift enligt IOP, {which} ({} – {})",
            self.period_from, self.period_to
        )
    }
}

/// The amount of instalment `index` (0-based) of `n` for a yearly amount.
pub fn split(yearly: Money, n: u32, index: u32) -> Money {
    let total = yearly.ore();
    let base = total.div_euclid(i64::from(n));
    let extra = total.rem_euclid(i64::from(n));
    Money::from_ore(base + i64::from(i64::from(index) < extra))
}

/// The instalments that start between `from` and `through` (both included), while the agreement
/// is in force and a fee applies.
pub fn instalments(terms: &Terms, schedule: FeeSchedule, from: NaiveDate, through: NaiveDate) -> Vec<Instalment> {
    let n = schedule.per_year();
    let step = 12 / n;
    let mut out = Vec::new();
    for year in from.year()..=through.year() {
        let jan1 = NaiveDate::from_ymd_opt(year, 1, 1).expect("1 January");
        for i in 0..n {
            let start = jan1 + Months::new(i * step);
            let end = (start + Months::new(step)).pred_opt().expect("a day before");
            if start < from || start > through {
                continue;
            }
            if !matches!(periods::standing_on(terms, start), Standing::InForce(_)) {
                continue;
            }
            let Some(fee) = terms.service_fee_on(start) else {
                continue;
            };
            out.push(Instalment {
                period_from: start,
                period_to: end,
                amount: split(fee.yearly, n, i),
                number: i + 1,
                per_year: n,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn quarterly_instalments_of_2026_add_up_to_the_yearly_fee() {
        let q = instalments(
            &Terms::boras_iop(),
            FeeSchedule::Quarterly,
            d(2026, 1, 1),
            d(2026, 12, 31),
        );
        assert_eq!(q.len(), 4);
        assert_eq!(q[0].period_from, d(2026, 1, 1));
        assert_eq!(q[0].period_to, d(2026, 3, 31));
        assert_eq!(q[3].period_to, d(2026, 12, 31));
        assert!(q.iter().all(|i| i.amount == Money::from_kronor(137_500)));
        assert_eq!(
            q[1].description(),
            "Serviceavgift enligt IOP, 2026 kvartal 2 (2026-04-01 – 2026-06-30)"
        );
    }

    #[test]
    fn the_council_decision_applies_in_2024_and_not_in_2025() {
        let y24 = instalments(&Terms::boras_iop(), FeeSchedule::Yearly, d(2024, 1, 1), d(2024, 12, 31));
        assert_eq!(y24[0].amount, Money::from_kronor(700_000));
        let y25 = instalments(&Terms::boras_iop(), FeeSchedule::Yearly, d(2025, 1, 1), d(2025, 12, 31));
        assert_eq!(y25[0].amount, Money::from_kronor(550_000));
    }

    #[test]
    fn only_instalments_started_by_the_run_date_and_from_the_setting() {
        let q = instalments(
            &Terms::boras_iop(),
            FeeSchedule::Quarterly,
            d(2026, 4, 1),
            d(2026, 9, 30),
        );
        assert_eq!(q.iter().map(|i| i.number).collect::<Vec<_>>(), vec![2, 3]);
    }

    proptest! {
        #[test]
        fn instalments_add_up_exactly_to_the_yearly_amount(ore in 1i64..10_000_000_000, n in prop::sample::select(vec![1u32, 2, 4, 12])) {
            let yearly = Money::from_ore(ore);
            let sum: i64 = (0..n).map(|i| split(yearly, n, i).ore()).sum();
            prop_assert_eq!(sum, ore);
            let parts: Vec<i64> = (0..n).map(|i| split(yearly, n, i).ore()).collect();
            prop_assert!(parts.iter().max().unwrap() - parts.iter().min().unwrap() <= 1);
        }
    }
}
