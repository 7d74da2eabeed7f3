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

pub mod compute;
pub mod export;
pub mod followup;
pub mod report_pdf;

pub use compute::{Report, compute};
pub use followup::{FollowUp, follow_up};

use chrono::NaiveDate;
use serde::Serialize;

/// A span of dates, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Span {
    pub fn year(year: i32) -> Span {
        Span {
            from: NaiveDate::from_ymd_opt(year, 1, 1).expect("1 January"),
            to: NaiveDate::from_ymd_opt(year, 12, 31).expect("31 December"),
        }
    }

    pub fn half(year: i32, half: u8) -> Span {
        let (m1, d2, m2) = if half == 1 { (1, 30, 6) } else { (7, 31, 12) };
        Span {
            from: NaiveDate::from_ymd_opt(year, m1, 1).expect("a first day"),
            to: NaiveDate::from_ymd_opt(year, m2, d2).expect("a last day"),
        }
    }

    pub fn contains(&self, d: NaiveDate) -> bool {
        self.from <= d && d <= self.to
    }

    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }
}
