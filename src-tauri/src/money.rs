//! Money as a whole number of öre. No floating point anywhere between input and document.

use crate::text::{Lang, Message};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// An amount in öre (1 kr = 100 öre).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(i64);

impl Money {
    pub const ZERO: Money = Money(0);

    /// The largest amount anyone may type or import (a tariff, a fee, a payment): 10 000 000 kr.
    /// Far above any real price or yearly fee, and small enough that a night's price times every
    /// night of a century, summed over thousands of invoices, stays far inside what 64 bits hold.
    pub const INPUT_LIMIT: Money = Money(1_000_000_000);

    /// The largest amount a stored value may hold, either way: 10 000 000 000 000 kr, a million
    /// times `INPUT_LIMIT`. A line at the largest price for every night of a century is far
    /// below it, and thousands of such amounts still sum inside 64 bits. A stored amount beyond
    /// it can only be damage, and is read as such rather than summed into an overflow.
    pub const STORED_LIMIT: Money = Money(1_000_000_000_000_000);

    pub const fn from_ore(ore: i64) -> Money {
        Money(ore)
    }

    pub const fn from_kronor(kronor: i64) -> Money {
        Money(kronor * 100)
    }

    pub const fn ore(self) -> i64 {
        self.0
    }

    /// Reads kronor as people and files write them: `1650`, `1650.00`, `1 650,50`, `550 000 kr`.
    /// At most two decimals; anything else is refused rather than rounded. The reason is in
    /// Swedish; `read_kronor` gives it as a catalogue text.
    pub fn parse_kronor(text: &str) -> Result<Money, String> {
        Money::read_kronor(text).map_err(|m| m.render(Lang::Sv))
    }

    /// As `parse_kronor`, the reason a catalogue text (for the window's language).
    pub fn read_kronor(text: &str) -> Result<Money, Message> {
        let cleaned: String = text
            .trim()
            .trim_end_matches("kr")
            .trim_end()
            .chars()
            .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '_'))
            .collect();
        let (negative, digits) = match cleaned.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, cleaned.as_str()),
        };
        let (whole, frac) = match digits.split_once(['.', ',']) {
            Some((w, f)) => (w, f),
            None => (digits, ""),
        };
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || !all_digits(whole) || !all_digits(frac) || frac.len() > 2 {
            return Err(crate::msg!("error.money.not_an_amount"));
        }
        let too_large = || crate::msg!("error.money.too_large", limit = Money::INPUT_LIMIT);
        let kronor: i64 = whole.parse().map_err(|_| too_large())?;
        let ore_part: i64 = format!("{frac:0<2}").parse().unwrap_or(0);
        let ore = kronor
            .checked_mul(100)
            .and_then(|k| k.checked_add(ore_part))
            .filter(|ore| *ore <= Money::INPUT_LIMIT.0)
            .ok_or_else(too_large)?;
        Ok(Money(if negative { -ore } else { ore }))
    }

    /// `550000.00`: the machine form used in JSON and files.
    pub fn to_decimal(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", abs / 100, abs % 100)
    }

    /// `550 000,00 kr`: the form people read, with a narrow no-break space between thousands.
    pub fn to_swedish(self) -> String {
        let sign = if self.0 < 0 { "−" } else { "" };
        let abs = self.0.unsigned_abs();
        let kronor = (abs / 100).to_string();
        let mut grouped = String::new();
        for (i, c) in kronor.chars().enumerate() {
            if i > 0 && (kronor.len() - i).is_multiple_of(3) {
                grouped.push('\u{a0}');
            }
            grouped.push(c);
        }
        format!("{sign}{grouped},{:02}\u{a0}kr", abs % 100)
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_swedish())
    }
}

impl std::ops::Add for Money {
    type Output = Money;
    fn add(self, other: Money) -> Money {
        Money(self.0 + other.0)
    }
}

impl std::ops::Sub for Money {
    type Output = Money;
    fn sub(self, other: Money) -> Money {
        Money(self.0 - other.0)
    }
}

impl std::ops::AddAssign for Money {
    fn add_assign(&mut self, other: Money) {
        self.0 += other.0;
    }
}

impl std::iter::Sum for Money {
    fn sum<I: Iterator<Item = Money>>(amounts: I) -> Money {
        amounts.fold(Money::ZERO, |a, b| a + b)
    }
}

/// In JSON, money is kronor as a string with two decimals ("1650.00"): exact, and readable.
impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_decimal())
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Money::parse_kronor(&text).map_err(serde::de::Error::custom)
    }
}

/// In the database, money is whole öre (INTEGER); anything else, or an amount beyond
/// `STORED_LIMIT`, does not read (see `store::columns`).
impl rusqlite::types::FromSql for Money {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        let ore = value.as_i64()?;
        if ore.unsigned_abs() > Money::STORED_LIMIT.0.unsigned_abs() {
            return Err(rusqlite::types::FromSqlError::OutOfRange(ore));
        }
        Ok(Money(ore))
    }
}

impl rusqlite::types::ToSql for Money {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(self.0.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_what_people_write() {
        assert_eq!(Money::parse_kronor("1650.00"), Ok(Money(165_000)));
        assert_eq!(Money::parse_kronor("1650,5"), Ok(Money(165_050)));
        assert_eq!(Money::parse_kronor("550 000 kr"), Ok(Money(55_000_000)));
        assert_eq!(Money::parse_kronor("700\u{a0}000,00"), Ok(Money(70_000_000)));
        assert_eq!(Money::parse_kronor("-12.34"), Ok(Money(-1234)));
    }

    #[test]
    fn an_amount_above_what_the_program_bills_is_refused_without_repeating_it() {
        assert_eq!(Money::parse_kronor("10000000"), Ok(Money::INPUT_LIMIT));
        for big in ["10000000,01", "92233720368547758.07", "99999999999999999999"] {
            let said = Money::parse_kronor(big).unwrap_err();
            assert!(said.contains("högst 10"), "{said}");
            assert!(!said.contains(&big[..8]), "{said}");
        }
    }

    #[test]
    fn refuses_what_would_need_rounding_or_guessing() {
        for bad in [
            "",
            "kr",
            "12.345",
            "1.2.3",
            "12,3a",
            "ett",
            "1e5",
            "99999999999999999999",
        ] {
            assert!(Money::parse_kronor(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn formats_for_people_and_for_files() {
        assert_eq!(Money(70_000_000).to_swedish(), "700\u{a0}000,00\u{a0}kr");
        assert_eq!(Money(165_000).to_decimal(), "1650.00");
        assert_eq!(Money(-5).to_decimal(), "-0.05");
        assert_eq!(Money(99).to_swedish(), "0,99\u{a0}kr");
    }

    proptest! {
        #[test]
        fn decimal_text_reads_back_exactly(ore in -1_000_000_000i64..=1_000_000_000) {
            let m = Money(ore);
            prop_assert_eq!(Money::parse_kronor(&m.to_decimal()), Ok(m));
            let swedish = m.to_swedish().replace('−', "-");
            prop_assert_eq!(Money::parse_kronor(&swedish), Ok(m));
        }
    }
}
