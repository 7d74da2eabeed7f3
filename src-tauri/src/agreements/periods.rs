//! Which agreement period is in force on a day, and the last day to give notice.
//!
//! Period k (k = 0, 1, …) runs from `start + k·m months` to the day before `start + (k+1)·m
//! months`, where m is the first period's length in whole months; counting every period from the
//! first start keeps month ends exact however many renewals pass. Notice must be given at the
//! latest `notice_months` months before the period's last day ("senast nio månader före
//! förfallodag"). A period is the last one when the agreement does not renew, or when notice was
//! given on or before that period's notice deadline.

use super::{Period, Renewal, Terms};
use chrono::{Months, NaiveDate};
use serde::Serialize;

/// The number of whole months a period spans, if it spans whole months.
pub fn whole_months(p: Period) -> Option<u32> {
    let after_end = p.end.succ_opt()?;
    (1..=1200).find(|&m| p.start.checked_add_months(Months::new(m)) == Some(after_end))
}

/// The agreement's standing on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "standing", rename_all = "snake_case")]
pub enum Standing {
    NotStarted { starts: NaiveDate },
    InForce(InForce),
    Ended { ended: NaiveDate },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct InForce {
    /// 1 for the first period, 2 for the first renewal, …
    pub number: u32,
    pub period: Period,
    /// The last day notice can be given to end the agreement when this period ends.
    pub notice_deadline: NaiveDate,
    /// Whether the agreement ends with this period (no renewal, or notice given in time).
    pub last: bool,
}

fn notice_deadline(terms: &Terms, p: Period) -> NaiveDate {
    p.end
        .checked_sub_months(Months::new(terms.notice_months))
        .unwrap_or(p.start)
}

fn is_last(terms: &Terms, p: Period) -> bool {
    terms.renewal == Renewal::None
        || terms
            .notice_given_on
            .is_some_and(|given| given <= notice_deadline(terms, p))
}

fn nth_period(terms: &Terms, months: u32, k: u32) -> Option<Period> {
    let start = terms.first_period.start;
    let begin = start.checked_add_months(Months::new(months.checked_mul(k)?))?;
    let end = start
        .checked_add_months(Months::new(months.checked_mul(k + 1)?))?
        .pred_opt()?;
    Some(Period { start: begin, end })
}

/// The agreement's standing on `day`.
pub fn standing_on(terms: &Terms, day: NaiveDate) -> Standing {
    let first = terms.first_period;
    if day < first.start {
        return Standing::NotStarted { starts: first.start };
    }
    // Terms that renew were checked to span whole months; a non-renewing agreement has one period.
    let months = whole_months(first);
    let mut k = 0;
    let mut period = first;
    loop {
        if day <= period.end {
            return Standing::InForce(InForce {
                number: k + 1,
                period,
                notice_deadline: notice_deadline(terms, period),
                last: is_last(terms, period),
            });
        }
        if is_last(terms, period) {
            return Standing::Ended { ended: period.end };
        }
        k += 1;
        match months.and_then(|m| nth_period(terms, m, k)) {
            Some(next) => period = next,
            None => return Standing::Ended { ended: period.end },
        }
    }
}

/// The next chance to give notice: the last day for it, and the day the agreement would then end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Notice {
    pub deadline: NaiveDate,
    pub ends: NaiveDate,
}

/// The first notice deadline on or after `today`. Once the deadline of the period in force has
/// passed, the agreement will renew, so the next chance is the following period's deadline.
/// `None` when the agreement is not in force or already ends (no renewal, or notice given).
pub fn next_notice(terms: &Terms, today: NaiveDate) -> Option<Notice> {
    let Standing::InForce(current) = standing_on(terms, today) else {
        return None;
    };
    if current.last {
        return None;
    }
    if current.notice_deadline >= today {
        return Some(Notice {
            deadline: current.notice_deadline,
            ends: current.period.end,
        });
    }
    let Standing::InForce(next) = standing_on(terms, current.period.end.succ_opt()?) else {
        return None;
    };
    (!next.last).then_some(Notice {
        deadline: next.notice_deadline,
        ends: next.period.end,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn in_force(terms: &Terms, day: NaiveDate) -> InForce {
        match standing_on(terms, day) {
            Standing::InForce(f) => f,
            other => panic!("not in force on {day}: {other:?}"),
        }
    }

    #[test]
    fn on_2026_11_28_the_boras_agreement_is_in_its_first_renewal_with_notice_due_2027_03_31() {
        let f = in_force(&Terms::boras_iop(), d(2026, 11, 28));
        assert_eq!(f.number, 2);
        assert_eq!(
            f.period,
            Period {
                start: d(2025, 1, 1),
                end: d(2027, 12, 31)
            }
        );
        assert_eq!(f.notice_deadline, d(2027, 3, 31));
        assert!(!f.last);
    }

    #[test]
    fn the_first_period_runs_2022_to_2024_with_notice_due_2024_03_31() {
        let t = Terms::boras_iop();
        for day in [d(2022, 1, 1), d(2023, 6, 15), d(2024, 12, 31)] {
            let f = in_force(&t, day);
            assert_eq!(
                (f.number, f.period.end, f.notice_deadline),
                (1, d(2024, 12, 31), d(2024, 3, 31))
            );
        }
        assert_eq!(in_force(&t, d(2025, 1, 1)).number, 2);
        assert_eq!(
            in_force(&t, d(2028, 1, 1)).period,
            Period {
                start: d(2028, 1, 1),
                end: d(2030, 12, 31)
            }
        );
        assert_eq!(
            standing_on(&t, d(2021, 12, 31)),
            Standing::NotStarted { starts: d(2022, 1, 1) }
        );
    }

    #[test]
    fn notice_in_time_ends_the_agreement_with_the_current_period() {
        let mut t = Terms::boras_iop();
        t.notice_given_on = Some(d(2027, 3, 31));
        assert!(in_force(&t, d(2027, 4, 1)).last);
        assert_eq!(
            standing_on(&t, d(2028, 1, 1)),
            Standing::Ended { ended: d(2027, 12, 31) }
        );
    }

    #[test]
    fn late_notice_lets_the_agreement_renew_once_more() {
        let mut t = Terms::boras_iop();
        t.notice_given_on = Some(d(2027, 4, 1));
        let f = in_force(&t, d(2028, 1, 1));
        assert_eq!((f.number, f.last), (3, true));
        assert_eq!(
            standing_on(&t, d(2031, 1, 1)),
            Standing::Ended { ended: d(2030, 12, 31) }
        );
    }

    #[test]
    fn an_agreement_without_renewal_ends_after_its_first_period() {
        let mut t = Terms::boras_iop();
        t.renewal = Renewal::None;
        assert!(in_force(&t, d(2024, 1, 1)).last);
        assert_eq!(
            standing_on(&t, d(2025, 1, 1)),
            Standing::Ended { ended: d(2024, 12, 31) }
        );
    }

    #[test]
    fn month_ends_stay_exact_over_many_renewals() {
        let mut t = Terms::boras_iop();
        t.first_period = Period {
            start: d(2023, 3, 1),
            end: d(2023, 8, 31),
        };
        t.notice_months = 1;
        let f = in_force(&t, d(2043, 10, 10));
        assert_eq!(
            f.period,
            Period {
                start: d(2043, 9, 1),
                end: d(2044, 2, 29)
            }
        );
        assert_eq!(f.notice_deadline, d(2044, 1, 29));
    }

    #[test]
    fn after_this_periods_deadline_the_next_chance_is_the_next_periods() {
        let t = Terms::boras_iop();
        let notice = |day| next_notice(&t, day).unwrap();
        assert_eq!(
            notice(d(2026, 11, 28)),
            Notice {
                deadline: d(2027, 3, 31),
                ends: d(2027, 12, 31)
            }
        );
        assert_eq!(
            notice(d(2027, 3, 31)),
            Notice {
                deadline: d(2027, 3, 31),
                ends: d(2027, 12, 31)
            }
        );
        assert_eq!(
            notice(d(2027, 4, 1)),
            Notice {
                deadline: d(2030, 3, 31),
                ends: d(2030, 12, 31)
            }
        );
        let mut ended = t.clone();
        ended.notice_given_on = Some(d(2026, 1, 10));
        assert_eq!(next_notice(&ended, d(2026, 11, 28)), None);
        assert_eq!(next_notice(&t, d(2021, 6, 1)), None);
    }

    #[test]
    fn whole_months_are_recognised() {
        assert_eq!(
            whole_months(Period {
                start: d(2022, 1, 1),
                end: d(2024, 12, 31)
            }),
            Some(36)
        );
        assert_eq!(
            whole_months(Period {
                start: d(2022, 1, 31),
                end: d(2022, 2, 27)
            }),
            Some(1)
        );
        assert_eq!(
            whole_months(Period {
                start: d(2022, 1, 1),
                end: d(2022, 1, 30)
            }),
            None
        );
    }

    proptest! {
        #[test]
        fn periods_tile_the_calendar_without_gaps_or_overlaps(offset in 0i64..20_000) {
            let t = Terms::boras_iop();
            let day = d(2022, 1, 1) + chrono::Duration::days(offset);
            let f = in_force(&t, day);
            prop_assert!(f.period.start <= day && day <= f.period.end);
            let next = in_force(&t, f.period.end.succ_opt().unwrap());
            prop_assert_eq!(next.number, f.number + 1);
            prop_assert_eq!(next.period.start, f.period.end.succ_opt().unwrap());
            prop_assert!(f.notice_deadline < f.period.end);
        }
    }
}
