//! Swedish local time. The program stores instants (UTC) and shows and reasons in
//! Europe/Stockholm, daylight saving included. No function in the core reads the clock itself:
//! callers pass `now`, so every rule can be tested to the minute.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Europe::Stockholm;

/// The date in Sweden at the instant `now`.
pub fn swedish_date(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&Stockholm).date_naive()
}

/// An instant as stored in the database: RFC 3339 in UTC, to the second.
pub fn to_stored(instant: DateTime<Utc>) -> String {
    instant.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// An instant shown to a person: Swedish local time, `2026-03-01 22:15`.
pub fn to_local_text(instant: DateTime<Utc>) -> String {
    instant
        .with_timezone(&Stockholm)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_swedish_date_changes_at_local_midnight_not_at_utc_midnight() {
        // 23:30 UTC on 28 November is 00:30 on 29 November in Sweden (UTC+1 in winter).
        let late = Utc.with_ymd_and_hms(2026, 11, 28, 23, 30, 0).unwrap();
        assert_eq!(
            swedish_date(late),
            NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
        );
        // In summer Sweden is UTC+2: 22:30 UTC on 30 June is already 1 July.
        let summer = Utc.with_ymd_and_hms(2026, 6, 30, 22, 30, 0).unwrap();
        assert_eq!(
            swedish_date(summer),
            NaiveDate::from_ymd_opt(2026, 7, 1).unwrap()
        );
    }

    #[test]
    fn local_text_follows_daylight_saving() {
        let winter = Utc.with_ymd_and_hms(2026, 3, 1, 21, 15, 0).unwrap();
        assert_eq!(to_local_text(winter), "2026-03-01 22:15");
        let summer = Utc.with_ymd_and_hms(2026, 7, 1, 21, 15, 0).unwrap();
        assert_eq!(to_local_text(summer), "2026-07-01 23:15");
    }
}
