//! Swedish local time. The program stores instants (UTC) and shows and reasons in
//! Europe/Stockholm, daylight saving included. No rule in the core reads the clock itself:
//! callers pass `now`, so every rule can be tested to the minute. The two programs take their
//! `now` from [`now`], the one place the clock is read.

use crate::text::Message;
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Europe::Stockholm;

/// The instant the programs (the window and fristad-cli) take as "now".
///
/// A build for tests (the `test-clock` feature, which `make test` builds with and a release
/// never has) can be told what time it is: `FRISTAD_TEST_NOW` set to an instant
/// (`2027-01-01T00:30:00+01:00`, or Swedish local time `2027-01-01 00:30`) makes the program's
/// clock start there when the program starts and run on from it. The tests need this so that
/// what they check does not depend on the day they run. It is a feature and not an environment
/// variable alone because an office must never be able to backdate records or the access log by
/// setting a variable: in the program an office installs, the variable does not exist.
pub fn now() -> DateTime<Utc> {
    #[cfg(feature = "test-clock")]
    if let Some(now) = test_clock::now() {
        return now;
    }
    Utc::now()
}

#[cfg(feature = "test-clock")]
mod test_clock {
    use chrono::{DateTime, Utc};
    use std::sync::OnceLock;
    use std::time::Instant;

    pub const VARIABLE: &str = "FRISTAD_TEST_NOW";

    /// The given instant and the moment the program first asked; read once, so a program's clock
    /// never jumps.
    static START: OnceLock<Option<(DateTime<Utc>, Instant)>> = OnceLock::new();

    pub fn now() -> Option<DateTime<Utc>> {
        let (given, at) = START
            .get_or_init(|| {
                let text = std::env::var(VARIABLE).ok().filter(|t| !t.trim().is_empty())?;
                // A test that sets a clock it cannot have must not silently run on the real one.
                let given =
                    super::parse_time(&text).unwrap_or_else(|e| panic!("{VARIABLE} is not a time («{text}»): {e}"));
                Some((given, Instant::now()))
            })
            .as_ref()?;
        let elapsed = chrono::Duration::from_std(at.elapsed()).unwrap_or_default();
        Some(*given + elapsed)
    }
}

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
    instant.with_timezone(&Stockholm).format("%Y-%m-%d %H:%M").to_string()
}

/// Reads a time as staff and files write it: Swedish local time `2026-03-01 22:15` (or with a
/// `T`, or with seconds), or an instant with an explicit offset (`2026-03-01T22:15:00+01:00`).
///
/// In the autumn's repeated hour (02:00–03:00 on the last Sunday of October) a local time
/// happens twice; the first (summer time) is taken. In the spring's skipped hour a local time
/// does not exist and is refused.
pub fn parse_time(text: &str) -> Result<DateTime<Utc>, String> {
    read_time(text).map_err(|m| m.render(crate::text::Lang::Sv))
}

/// [`parse_time`] with its message as a catalogue text, for the window.
pub fn read_time(text: &str) -> Result<DateTime<Utc>, Message> {
    use chrono::{LocalResult, NaiveDateTime, TimeZone};
    let t = text.trim();
    if let Ok(instant) = DateTime::parse_from_rfc3339(t) {
        return Ok(instant.with_timezone(&Utc));
    }
    let normalised = t.replacen(' ', "T", 1);
    let local = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(&normalised, f).ok())
        .ok_or_else(|| crate::msg!("error.clock.not_a_time"))?;
    match Stockholm.from_local_datetime(&local) {
        LocalResult::Single(dt) => Ok(dt.with_timezone(&Utc)),
        LocalResult::Ambiguous(first, _) => Ok(first.with_timezone(&Utc)),
        LocalResult::None => Err(crate::msg!("error.clock.skipped_hour", text = t)),
    }
}

/// The instant a Swedish date begins (local midnight; the first one if it were repeated).
pub fn local_midnight(date: NaiveDate) -> DateTime<Utc> {
    use chrono::TimeZone;
    let midnight = date.and_hms_opt(0, 0, 0).expect("midnight exists");
    Stockholm
        .from_local_datetime(&midnight)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&midnight))
}

/// An instant in machine form for files: local Swedish time with its offset,
/// `2026-03-01T22:15:00+01:00`, unambiguous and readable.
pub fn to_local_rfc3339(instant: DateTime<Utc>) -> String {
    instant
        .with_timezone(&Stockholm)
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// Reads an instant stored by [`to_stored`].
pub fn from_stored(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text).ok().map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn local_times_are_read_in_swedish_time_with_daylight_saving() {
        let winter = parse_time("2026-03-01 22:15").unwrap();
        assert_eq!(winter, Utc.with_ymd_and_hms(2026, 3, 1, 21, 15, 0).unwrap());
        let summer = parse_time("2026-07-01T22:15").unwrap();
        assert_eq!(summer, Utc.with_ymd_and_hms(2026, 7, 1, 20, 15, 0).unwrap());
        let explicit = parse_time("2026-03-01T22:15:00Z").unwrap();
        assert_eq!(explicit, Utc.with_ymd_and_hms(2026, 3, 1, 22, 15, 0).unwrap());
        assert_eq!(to_local_rfc3339(winter), "2026-03-01T22:15:00+01:00");
        assert_eq!(parse_time(&to_local_rfc3339(summer)).unwrap(), summer);
    }

    #[test]
    fn the_skipped_spring_hour_is_refused_and_the_repeated_autumn_hour_takes_summer_time() {
        assert!(parse_time("2026-03-29 02:30").unwrap_err().contains("finns inte"));
        let repeated = parse_time("2026-10-25 02:30").unwrap();
        assert_eq!(repeated, Utc.with_ymd_and_hms(2026, 10, 25, 0, 30, 0).unwrap());
        assert!(parse_time("i går kväll").is_err());
    }

    #[test]
    fn the_swedish_date_changes_at_local_midnight_not_at_utc_midnight() {
        // 23:30 UTC on 28 November is 00:30 on 29 November in Sweden (UTC+1 in winter).
        let late = Utc.with_ymd_and_hms(2026, 11, 28, 23, 30, 0).unwrap();
        assert_eq!(swedish_date(late), NaiveDate::from_ymd_opt(2026, 11, 29).unwrap());
        // In summer Sweden is UTC+2: 22:30 UTC on 30 June is already 1 July.
        let summer = Utc.with_ymd_and_hms(2026, 6, 30, 22, 30, 0).unwrap();
        assert_eq!(swedish_date(summer), NaiveDate::from_ymd_opt(2026, 7, 1).unwrap());
    }

    #[test]
    fn local_text_follows_daylight_saving() {
        let winter = Utc.with_ymd_and_hms(2026, 3, 1, 21, 15, 0).unwrap();
        assert_eq!(to_local_text(winter), "2026-03-01 22:15");
        let summer = Utc.with_ymd_and_hms(2026, 7, 1, 21, 15, 0).unwrap();
        assert_eq!(to_local_text(summer), "2026-07-01 23:15");
    }
}
