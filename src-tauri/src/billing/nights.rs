//! Counting a person's nights, and which of them are free under the IOP acute clause.

use crate::clock;
use crate::settings::NightCounting;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use std::collections::BTreeSet;

/// One counted night: the date it belongs to (the date it starts on, in Swedish time) and the
/// instant it starts for the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Night {
    pub date: NaiveDate,
    pub start: DateTime<Utc>,
}

/// The nights of a stay that have been spent by `now`.
///
/// Midnights: one night per local midnight passed at the shelter; a night belongs to the date it
/// starts on, so the nights of a stay are its in-date up to the day before its out-date (a
/// same-day stay has none). An ongoing stay has the nights whose following midnight has passed.
///
/// Started days: one per started 24-hour period from the move-in, each belonging to the date it
/// starts on.
pub fn of_stay(
    in_at: DateTime<Utc>,
    out_at: Option<DateTime<Utc>>,
    counting: NightCounting,
    now: DateTime<Utc>,
) -> Vec<Night> {
    match counting {
        NightCounting::Midnights => {
            let first = clock::swedish_date(in_at);
            let end = match out_at {
                Some(out) => clock::swedish_date(out),
                None => clock::swedish_date(now),
            };
            first
                .iter_days()
                .take_while(|d| *d < end)
                .map(|date| Night {
                    date,
                    start: if date == first {
                        in_at
                    } else {
                        clock::local_midnight(date)
                    },
                })
                .collect()
        }
        NightCounting::StartedDays => {
            let end = out_at.unwrap_or(now);
            (0..)
                .map(|k| in_at + Duration::hours(24 * k))
                .take_while(|start| *start < end)
                .map(|start| Night {
                    date: clock::swedish_date(start),
                    start,
                })
                .collect()
        }
    }
}

/// The dates of a placement's nights: those on which someone in it (the woman or any child) was
/// at the shelter, counted as `counting` says, by `now`.
pub fn of_placement(
    stays: impl IntoIterator<Item = (DateTime<Utc>, Option<DateTime<Utc>>)>,
    counting: NightCounting,
    now: DateTime<Utc>,
) -> BTreeSet<NaiveDate> {
    stays
        .into_iter()
        .flat_map(|(in_at, out_at)| of_stay(in_at, out_at, counting, now))
        .map(|n| n.date)
        .collect()
}

/// The two dygn the service fee covers under the IOP acute clause: the placement's first two
/// nights on which someone in it was at the shelter (whoever arrived when, and whenever the
/// placement was recorded as arriving). Billing leaves them out for everyone in the placement;
/// the statistics count an acute placement as going beyond two dygn when it has a third night.
pub fn free_under_acute_clause(placement_nights: &BTreeSet<NaiveDate>) -> BTreeSet<NaiveDate> {
    placement_nights.iter().take(2).copied().collect()
}

/// Whether an acute placement went beyond its two free dygn: it has a night that is not free.
pub fn beyond_two_dygn(placement_nights: &BTreeSet<NaiveDate>) -> bool {
    placement_nights.len() > free_under_acute_clause(placement_nights).len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::parse_time;
    use proptest::prelude::*;

    fn dates(nights: &[Night]) -> Vec<String> {
        nights.iter().map(|n| n.date.to_string()).collect()
    }

    #[test]
    fn a_night_belongs_to_the_date_it_starts_on() {
        // In 22:15 on 1 March, out 10:00 on 6 March: the midnights of 2–6 March, five nights.
        let n = of_stay(
            parse_time("2026-03-01 22:15").unwrap(),
            Some(parse_time("2026-03-06 10:00").unwrap()),
            NightCounting::Midnights,
            parse_time("2026-03-10 12:00").unwrap(),
        );
        assert_eq!(
            dates(&n),
            ["2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05"]
        );
    }

    #[test]
    fn a_same_day_stay_has_no_night_and_an_ongoing_stay_counts_passed_midnights() {
        let same_day = of_stay(
            parse_time("2026-03-01 08:00").unwrap(),
            Some(parse_time("2026-03-01 20:00").unwrap()),
            NightCounting::Midnights,
            parse_time("2026-03-02 12:00").unwrap(),
        );
        assert!(same_day.is_empty());
        let ongoing = of_stay(
            parse_time("2026-03-01 23:50").unwrap(),
            None,
            NightCounting::Midnights,
            parse_time("2026-03-03 00:10").unwrap(),
        );
        assert_eq!(dates(&ongoing), ["2026-03-01", "2026-03-02"]);
        let arrived_after_midnight = of_stay(
            parse_time("2026-03-02 00:30").unwrap(),
            None,
            NightCounting::Midnights,
            parse_time("2026-03-02 23:00").unwrap(),
        );
        assert!(arrived_after_midnight.is_empty());
    }

    #[test]
    fn nights_are_counted_in_swedish_time_across_daylight_saving() {
        // The spring night is 23 hours long and the autumn one 25: each is one night.
        let spring = of_stay(
            parse_time("2026-03-28 20:00").unwrap(),
            Some(parse_time("2026-03-30 09:00").unwrap()),
            NightCounting::Midnights,
            parse_time("2026-04-01 00:00").unwrap(),
        );
        assert_eq!(dates(&spring), ["2026-03-28", "2026-03-29"]);
        let autumn = of_stay(
            parse_time("2026-10-24 20:00").unwrap(),
            Some(parse_time("2026-10-26 09:00").unwrap()),
            NightCounting::Midnights,
            parse_time("2026-11-01 00:00").unwrap(),
        );
        assert_eq!(dates(&autumn), ["2026-10-24", "2026-10-25"]);
    }

    #[test]
    fn every_started_day_counts_when_the_setting_says_so() {
        let n = of_stay(
            parse_time("2026-03-01 22:15").unwrap(),
            Some(parse_time("2026-03-03 22:16").unwrap()),
            NightCounting::StartedDays,
            parse_time("2026-03-10 00:00").unwrap(),
        );
        assert_eq!(dates(&n), ["2026-03-01", "2026-03-02", "2026-03-03"]);
    }

    #[test]
    fn the_first_two_nights_of_the_placement_are_free_whoever_arrived_when() {
        // The woman arrives at 22:15 on 1 March; her child comes the next morning. The
        // placement's first two nights are 1 and 2 March: the child's first night (2 March) is
        // free, its 3 and 4 March are not.
        let woman = (
            parse_time("2026-03-01 22:15").unwrap(),
            Some(parse_time("2026-03-05 09:00").unwrap()),
        );
        let child = (
            parse_time("2026-03-02 09:00").unwrap(),
            Some(parse_time("2026-03-05 09:00").unwrap()),
        );
        let nights = of_placement(
            [woman, child],
            NightCounting::Midnights,
            parse_time("2026-03-06 00:00").unwrap(),
        );
        let free = free_under_acute_clause(&nights);
        let d = |day: u32| NaiveDate::from_ymd_opt(2026, 3, day).unwrap();
        assert_eq!(free, BTreeSet::from([d(1), d(2)]));
    }

    #[test]
    fn free_nights_are_nights_someone_spent_not_the_recorded_arrival_date() {
        // The placement is recorded as arriving at 22:00 on 1 March, but the woman moves in at
        // 01:00 on 2 March and leaves on 4 March: two nights (2 and 3 March), both free.
        let woman = (
            parse_time("2026-03-02 01:00").unwrap(),
            Some(parse_time("2026-03-04 10:00").unwrap()),
        );
        let nights = of_placement(
            [woman],
            NightCounting::Midnights,
            parse_time("2026-03-06 00:00").unwrap(),
        );
        assert_eq!(free_under_acute_clause(&nights), nights);
        assert_eq!(nights.len(), 2);
    }

    proptest! {
        #[test]
        fn midnights_are_move_out_date_minus_move_in_date(in_min in 0i64..200_000, len_min in 1i64..100_000) {
            let base = parse_time("2026-01-01 00:00").unwrap();
            let in_at = base + Duration::minutes(in_min);
            let out_at = in_at + Duration::minutes(len_min);
            let n = of_stay(in_at, Some(out_at), NightCounting::Midnights, out_at + Duration::days(1));
            let expected = (clock::swedish_date(out_at) - clock::swedish_date(in_at)).num_days();
            prop_assert_eq!(n.len() as i64, expected);
            prop_assert!(n.windows(2).all(|w| w[1].date == w[0].date.succ_opt().unwrap()));
        }
    }
}
