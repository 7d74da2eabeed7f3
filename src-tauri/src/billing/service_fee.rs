//! The yearly service fee (serviceavgift) as instalments: a calendar year is invoiced in periods
//! of a year, a half-year, a quarter or a month (a setting), each instalment the fee for its
//! months.
//!
//! Exact to the unit invoices are rounded to: an instalment is the year's fee counted up to the
//! end of its period, less the same counted up to its start, each rounded (half up) to whole
//! kronor when invoice totals are rounded, else to the öre. So the rounding is carried forward
//! and never adds up: whatever the schedule, and if the schedule changes during the year, the
//! instalments of a year add up to the year's fee exactly (to the nearest krona for a fee with
//! öre, when totals are rounded), and a quarter costs what its three months would have.

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
    /// The instalment's number in its year under its schedule, from 1.
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

/// The unit instalments are counted in: whole kronor (when invoice totals are rounded) or öre.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Krona,
    Ore,
}

impl Unit {
    fn ore(self) -> i128 {
        match self {
            Unit::Krona => 100,
            Unit::Ore => 1,
        }
    }
}

/// The fee of a year counted through `months` of its months (0–12), rounded half up to `unit`.
/// `monthly_fees[m]` is the yearly fee in force in month m + 1 (zero where none applies).
fn counted_through(monthly_fees: &[Money; 12], months: usize, unit: Unit) -> i128 {
    let sum: i128 = monthly_fees[..months].iter().map(|f| i128::from(f.ore())).sum();
    let per = 12 * unit.ore();
    (2 * sum + per).div_euclid(2 * per) * unit.ore()
}

/// The yearly fee in force in each month of `year` (by the month's first day), and zero in a
/// month when the agreement is not in force.
fn monthly_fees(terms: &Terms, year: i32) -> [Money; 12] {
    std::array::from_fn(|i| {
        let first = NaiveDate::from_ymd_opt(year, i as u32 + 1, 1).expect("first of a month");
        match periods::standing_on(terms, first) {
            Standing::InForce(_) => terms.service_fee_on(first).map_or(Money::ZERO, |f| f.yearly),
            _ => Money::ZERO,
        }
    })
}

/// The end of `schedule`'s period that contains `day` (its quarter, its half-year …).
fn period_end(schedule: FeeSchedule, day: NaiveDate) -> NaiveDate {
    let step = 12 / schedule.per_year();
    let index = (day.month0() / step) * step;
    let start = NaiveDate::from_ymd_opt(day.year(), index + 1, 1).expect("first of a month");
    (start + Months::new(step)).pred_opt().expect("a day before")
}

/// The periods of `year`: from 1 January, each one to the end of the period of the schedule in
/// force on its first day. A schedule changed during a period takes effect from the next one.
fn periods_of(year: i32, schedule_on: &impl Fn(NaiveDate) -> FeeSchedule) -> Vec<(NaiveDate, NaiveDate, FeeSchedule)> {
    let mut out = Vec::new();
    let mut start = NaiveDate::from_ymd_opt(year, 1, 1).expect("1 January");
    while start.year() == year {
        let schedule = schedule_on(start);
        let end = period_end(schedule, start);
        out.push((start, end, schedule));
        start = end.succ_opt().expect("a day after");
    }
    out
}

/// The instalments that start between `from` and `through` (both included) with an amount to
/// pay, under the schedule in force on each period's first day.
pub fn instalments(
    terms: &Terms,
    schedule_on: impl Fn(NaiveDate) -> FeeSchedule,
    unit: Unit,
    from: NaiveDate,
    through: NaiveDate,
) -> Vec<Instalment> {
    let mut out = Vec::new();
    for year in from.year()..=through.year() {
        let fees = monthly_fees(terms, year);
        for (start, end, schedule) in periods_of(year, &schedule_on) {
            if start < from || start > through {
                continue;
            }
            let amount = counted_through(&fees, end.month() as usize, unit)
                - counted_through(&fees, start.month0() as usize, unit);
            if amount <= 0 {
                continue;
            }
            let per_year = schedule.per_year();
            out.push(Instalment {
                period_from: start,
                period_to: end,
                amount: Money::from_ore(i64::try_from(amount).expect("a year's fee fits")),
                number: start.month0() / (12 / per_year) + 1,
                per_year,
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

    fn always(schedule: FeeSchedule) -> impl Fn(NaiveDate) -> FeeSchedule {
        move |_| schedule
    }

    fn amounts(list: &[Instalment]) -> Vec<i64> {
        list.iter().map(|i| i.amount.ore() / 100).collect()
    }

    #[test]
    fn quarterly_instalments_of_2026_add_up_to_the_yearly_fee() {
        let q = instalments(
            &Terms::boras_iop(),
            always(FeeSchedule::Quarterly),
            Unit::Krona,
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
    fn monthly_instalments_in_whole_kronor_add_up_to_550_000_and_700_000() {
        // 550 000 / 12 = 45 833,33…: counted up month by month and rounded, January is 45 833,
        // February 91 667 − 45 833 = 45 834, March 137 500 − 91 667 = 45 833, and so on; the
        // twelve add up to 550 000 kr exactly (not 12 × 45 833 = 549 996).
        let y25 = instalments(
            &Terms::boras_iop(),
            always(FeeSchedule::Monthly),
            Unit::Krona,
            d(2025, 1, 1),
            d(2025, 12, 31),
        );
        assert_eq!(
            amounts(&y25),
            [
                45_833, 45_834, 45_833, 45_833, 45_834, 45_833, 45_833, 45_834, 45_833, 45_833, 45_834, 45_833
            ]
        );
        assert_eq!(amounts(&y25).iter().sum::<i64>(), 550_000);
        // 700 000 / 12 = 58 333,33…: the same carrying of the rounding.
        let y24 = instalments(
            &Terms::boras_iop(),
            always(FeeSchedule::Monthly),
            Unit::Krona,
            d(2024, 1, 1),
            d(2024, 12, 31),
        );
        assert_eq!(amounts(&y24).iter().sum::<i64>(), 700_000);
        assert!(y24.iter().all(|i| i.amount.ore() % 100 == 0), "whole kronor");
        // Counted in öre instead (totals not rounded): 45 833,33 and 45 833,34, adding up exactly.
        let ore = instalments(
            &Terms::boras_iop(),
            always(FeeSchedule::Monthly),
            Unit::Ore,
            d(2025, 1, 1),
            d(2025, 12, 31),
        );
        assert_eq!(ore[0].amount, Money::from_ore(4_583_333));
        assert_eq!(ore[1].amount, Money::from_ore(4_583_334));
        assert_eq!(ore.iter().map(|i| i.amount.ore()).sum::<i64>(), 55_000_000);
    }

    #[test]
    fn a_schedule_changed_during_the_year_takes_effect_from_the_next_period_and_the_year_still_adds_up() {
        // Monthly until 15 May, quarterly after: January–May by month (May had begun), then
        // June alone (to the end of the second quarter), then the third and fourth quarters.
        let schedule = |day: NaiveDate| {
            if day < d(2025, 5, 15) {
                FeeSchedule::Monthly
            } else {
                FeeSchedule::Quarterly
            }
        };
        let y = instalments(
            &Terms::boras_iop(),
            schedule,
            Unit::Krona,
            d(2025, 1, 1),
            d(2025, 12, 31),
        );
        let starts: Vec<String> = y.iter().map(|i| i.period_from.format("%m-%d").to_string()).collect();
        assert_eq!(
            starts,
            ["01-01", "02-01", "03-01", "04-01", "05-01", "06-01", "07-01", "10-01"]
        );
        assert_eq!(y[5].period_to, d(2025, 6, 30));
        assert_eq!(
            y[6].description(),
            "Serviceavgift enligt IOP, 2025 kvartal 3 (2025-07-01 – 2025-09-30)"
        );
        // The third quarter costs what its three months would have: 412 500 − 275 000.
        assert_eq!(y[6].amount, Money::from_kronor(137_500));
        assert_eq!(amounts(&y).iter().sum::<i64>(), 550_000);
    }

    #[test]
    fn the_council_decision_applies_in_2024_and_not_in_2025() {
        let y24 = instalments(
            &Terms::boras_iop(),
            always(FeeSchedule::Yearly),
            Unit::Krona,
            d(2024, 1, 1),
            d(2024, 12, 31),
        );
        assert_eq!(y24[0].amount, Money::from_kronor(700_000));
        let y25 = instalments(
            &Terms::boras_iop(),
            always(FeeSchedule::Yearly),
            Unit::Krona,
            d(2025, 1, 1),
            d(2025, 12, 31),
        );
        assert_eq!(y25[0].amount, Money::from_kronor(550_000));
    }

    #[test]
    fn only_instalments_started_by_the_run_date_and_from_the_setting() {
        let q = instalments(
            &Terms::boras_iop(),
            always(FeeSchedule::Quarterly),
            Unit::Krona,
            d(2026, 4, 1),
            d(2026, 9, 30),
        );
        assert_eq!(q.iter().map(|i| i.number).collect::<Vec<_>>(), vec![2, 3]);
    }

    fn schedule_of(k: u8) -> FeeSchedule {
        [
            FeeSchedule::Yearly,
            FeeSchedule::HalfYearly,
            FeeSchedule::Quarterly,
            FeeSchedule::Monthly,
        ][usize::from(k % 4)]
    }

    proptest! {
        #[test]
        fn a_years_instalments_add_up_exactly_whatever_the_schedule_and_its_changes(
            ore in 0i64..10_000_000_000,
            changes in prop::collection::btree_map(1u32..365, 0u8..4, 0..4),
            first in 0u8..4,
            whole_kronor in any::<bool>(),
        ) {
            let mut terms = Terms::boras_iop();
            terms.service_fees = vec![crate::agreements::ServiceFee { from: d(2022, 1, 1), to: None, yearly: Money::from_ore(ore), basis: String::new() }];
            let schedule = |day: NaiveDate| {
                changes.range(..=day.ordinal()).next_back().map_or(schedule_of(first), |(_, k)| schedule_of(*k))
            };
            let unit = if whole_kronor { Unit::Krona } else { Unit::Ore };
            let list = instalments(&terms, schedule, unit, d(2026, 1, 1), d(2026, 12, 31));
            let sum: i64 = list.iter().map(|i| i.amount.ore()).sum();
            let expected = if whole_kronor { (ore + 50).div_euclid(100) * 100 } else { ore };
            prop_assert_eq!(sum, expected);
            let step = if whole_kronor { 100 } else { 1 };
            prop_assert!(list.iter().all(|i| i.amount.ore() % step == 0));
            // The periods follow each other without gap or overlap.
            prop_assert!(list.windows(2).all(|w| w[0].period_to.succ_opt() == Some(w[1].period_from)) || ore < 1200);
        }

        #[test]
        fn under_one_schedule_the_instalments_differ_by_at_most_one_unit(ore in 1i64..10_000_000_000, k in 0u8..4) {
            let mut terms = Terms::boras_iop();
            terms.service_fees = vec![crate::agreements::ServiceFee { from: d(2022, 1, 1), to: None, yearly: Money::from_ore(ore), basis: String::new() }];
            let list = instalments(&terms, always(schedule_of(k)), Unit::Ore, d(2026, 1, 1), d(2026, 12, 31));
            let parts: Vec<i64> = list.iter().map(|i| i.amount.ore()).collect();
            prop_assert!(parts.iter().max().unwrap() - parts.iter().min().unwrap() <= 1);
        }
    }
}
