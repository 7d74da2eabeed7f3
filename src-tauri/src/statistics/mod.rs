//! Statistics: every figure of the yearly verksamhetsberättelse, the twice-yearly follow-up of
//! acute placements and the kvalitetsbilaga, computed once from the records for any period.
//! The screen, the PDF, the XLSX, the CSV and the JSON are all renderings of these values.
//!
//! Definitions (see ../shared/domain.md, "Statistics"):
//! - a night belongs to the date it starts on; a period's nights are those dated within it, so a
//!   stay across New Year is split at the edge; nights are counted as for billing (midnights);
//! - an individual is counted once per period however often she or he came, as an adult or a
//!   child by the category of the stays in the period, and only with at least one night in it;
//! - age is age at move-in (of the first stay in the period);
//! - a placement started in the period when it arrived in it, ended when its last person moved out
//!   in it; an acute placement went beyond two dygn when anyone in it stayed a third night;
//! - occupancy is occupied room-nights (a room with anyone in it at midnight) over available
//!   room-nights (rooms × nights, less nights out of use), following room changes over time.

pub mod check;
pub mod children;
pub mod compute;
pub mod export;
pub mod federation;
pub mod followup;
pub mod gender;
pub mod organisation;
pub mod records;
pub mod report;
pub mod report_pdf;
pub mod requests;
pub mod shown;
pub mod support;

pub use compute::{Report, compute};
pub use followup::{FollowUp, follow_up};
pub use shown::{HalfYear, Yearly};

use crate::error::{Error, Result};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// A span of dates, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Span {
    /// The calendar year asked for: refused, naming the field `year`, outside 2000–2100.
    pub fn year(year: i32) -> Result<Span> {
        if !(2000..=2100).contains(&year) {
            return Err(Error::invalid("year", crate::msg!("error.statistics.year")));
        }
        Ok(Span::calendar(year))
    }

    /// The half-year asked for, 1 (January–June) or 2 (July–December): anything else is refused,
    /// naming the field `half`, not taken for the second.
    pub fn half(year: i32, half: u8) -> Result<Span> {
        let (m1, d2, m2) = match half {
            1 => (1, 30, 6),
            2 => (7, 31, 12),
            _ => return Err(Error::invalid("half", crate::msg!("error.statistics.half"))),
        };
        Span::year(year)?;
        Ok(Span {
            from: NaiveDate::from_ymd_opt(year, m1, 1).expect("a first day"),
            to: NaiveDate::from_ymd_opt(year, m2, d2).expect("a last day"),
        })
    }

    /// Any period, both days included, of at most twelve calendar months (so that each month
    /// of the period is one month of the tables), within 2000–2100. `from` after `to` is refused
    /// naming `to`.
    pub fn period(from: NaiveDate, to: NaiveDate) -> Result<Span> {
        Span::year(from.year()).map_err(|_| Error::invalid("from", crate::msg!("error.statistics.year")))?;
        Span::year(to.year()).map_err(|_| Error::invalid("to", crate::msg!("error.statistics.year")))?;
        if to < from {
            return Err(Error::invalid("to", crate::msg!("error.statistics.period_order")));
        }
        let span = Span { from, to };
        if span.months().len() > 12 {
            return Err(Error::invalid("to", crate::msg!("error.statistics.period_length")));
        }
        Ok(span)
    }

    /// The same period a year before (the comparison column), its days moved back one year
    /// (29 February to the 28th).
    pub fn year_before(&self) -> Span {
        let back = |d: NaiveDate| {
            d.with_year(d.year() - 1)
                .unwrap_or_else(|| NaiveDate::from_ymd_opt(d.year() - 1, 2, 28).expect("28 February"))
        };
        Span {
            from: back(self.from),
            to: back(self.to),
        }
    }

    /// How reports name it: `2025` for a calendar year, else `2025-07-15 – 2026-06-30`.
    pub fn name(&self) -> String {
        if *self == Span::calendar(self.from.year()) {
            self.from.year().to_string()
        } else {
            format!("{} – {}", self.from, self.to)
        }
    }

    /// The calendar months the span touches, in order (month numbers).
    pub fn months(&self) -> Vec<u32> {
        let index = |d: NaiveDate| d.year() * 12 + d.month0() as i32;
        (index(self.from)..=index(self.to))
            .map(|i| (i.rem_euclid(12) + 1) as u32)
            .collect()
    }

    /// The calendar year before this span's first day (the report's comparison column).
    pub fn previous_year(&self) -> Span {
        Span::calendar(self.from.year() - 1)
    }

    fn calendar(year: i32) -> Span {
        Span {
            from: NaiveDate::from_ymd_opt(year, 1, 1).expect("1 January"),
            to: NaiveDate::from_ymd_opt(year, 12, 31).expect("31 December"),
        }
    }

    pub fn contains(&self, d: NaiveDate) -> bool {
        self.from <= d && d <= self.to
    }

    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }
}

#[cfg(test)]
mod span_tests {
    use super::*;

    #[test]
    fn a_report_is_asked_for_a_year_and_a_half_that_exist_and_nothing_else() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(
            Span::half(2025, 1).unwrap(),
            Span {
                from: d(2025, 1, 1),
                to: d(2025, 6, 30)
            }
        );
        assert_eq!(
            Span::half(2025, 2).unwrap(),
            Span {
                from: d(2025, 7, 1),
                to: d(2025, 12, 31)
            }
        );
        for half in [0, 3, 255] {
            assert_eq!(Span::half(2025, half).unwrap_err().field.as_deref(), Some("half"));
        }
        assert_eq!(Span::year(1999).unwrap_err().field.as_deref(), Some("year"));
        assert_eq!(Span::half(20250, 1).unwrap_err().field.as_deref(), Some("year"));
        assert_eq!(
            Span::year(2000).unwrap().previous_year(),
            Span {
                from: d(1999, 1, 1),
                to: d(1999, 12, 31)
            }
        );
        assert_eq!(Span::half(2026, 2).unwrap().previous_year(), Span::year(2025).unwrap());
        // Any period of at most twelve calendar months, in order; its months in order.
        let p = Span::period(d(2025, 7, 15), d(2026, 6, 30)).unwrap();
        assert_eq!(p.months(), vec![7, 8, 9, 10, 11, 12, 1, 2, 3, 4, 5, 6]);
        assert_eq!(
            p.year_before(),
            Span {
                from: d(2024, 7, 15),
                to: d(2025, 6, 30)
            }
        );
        assert_eq!(
            Span::period(d(2025, 7, 15), d(2026, 7, 1))
                .unwrap_err()
                .field
                .as_deref(),
            Some("to")
        );
        assert_eq!(
            Span::period(d(2025, 7, 15), d(2025, 7, 14))
                .unwrap_err()
                .field
                .as_deref(),
            Some("to")
        );
        assert_eq!(
            Span::period(d(1999, 7, 15), d(2000, 1, 1))
                .unwrap_err()
                .field
                .as_deref(),
            Some("from")
        );
        assert_eq!(
            Span::period(d(2024, 2, 29), d(2024, 2, 29)).unwrap().year_before().from,
            d(2023, 2, 28)
        );
        assert_eq!(Span::period(d(2026, 3, 1), d(2026, 3, 1)).unwrap().months(), vec![3]);
    }
}
