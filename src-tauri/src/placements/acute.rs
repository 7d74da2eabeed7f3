//! The acute clock. An acute placement under the IOP may last two dygn: within 48 hours of the
//! arrival, Relationsvåldsenheten must have been contacted and have decided on continued
//! protection. The clock counts 48 real hours from the arrival, so across a change to or from
//! daylight saving time the deadline's wall-clock time moves by an hour. It warns from 12 hours
//! before the deadline, and a placement past it without a decision is overdue. A decision, or
//! everyone having moved out, stops the clock.

use super::{Placement, RveDecision};
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

pub const ACUTE_HOURS: i64 = 48;
pub const WARNING_HOURS: i64 = 12;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClockState {
    /// More than 12 hours left.
    Running,
    /// 12 hours or less left.
    Warning,
    /// Past the deadline without a decision.
    Overdue,
    /// Decided, or everyone has moved out.
    Stopped,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AcuteClock {
    pub deadline: DateTime<Utc>,
    /// Minutes until the deadline; negative when it has passed.
    pub minutes_left: i64,
    pub state: ClockState,
    pub contacted_at: Option<DateTime<Utc>>,
    pub decision: Option<RveDecision>,
}

pub fn deadline(arrived: DateTime<Utc>) -> DateTime<Utc> {
    arrived + Duration::hours(ACUTE_HOURS)
}

/// The clock of an acute placement at `now`; `None` for a placement that is not acute.
pub fn clock(p: &Placement, now: DateTime<Utc>) -> Option<AcuteClock> {
    if !p.acute {
        return None;
    }
    let deadline = deadline(p.arrived);
    let minutes_left = (deadline - now).num_minutes();
    let state = if p.rve.decision.is_some() || p.ended_by(now) {
        ClockState::Stopped
    } else if now > deadline {
        ClockState::Overdue
    } else if deadline - now <= Duration::hours(WARNING_HOURS) {
        ClockState::Warning
    } else {
        ClockState::Running
    };
    Some(AcuteClock {
        deadline,
        minutes_left,
        state,
        contacted_at: p.rve.contacted_at,
        decision: p.rve.decision,
    })
}

#[cfg(test)]
mod tests {
    use super::super::*;
    use super::*;
    use crate::clock::parse_time;

    fn placement(arrived: &str) -> Placement {
        let arrived = parse_time(arrived).unwrap();
        Placement {
            key: "P1".into(),
            municipality: "boras".into(),
            reference: "RVE 26-017".into(),
            yy_code: String::new(),
            acute: true,
            room: None,
            violence: Violence::CloseRelationship,
            arrival_route: ArrivalRoute::Police,
            transported_by: Transport::Police,
            arrived,
            assessment: None,
            rve: Rve::default(),
            stays: vec![Stay {
                person: "W1".into(),
                category: Category::Adult,
                decision_reference: String::new(),
                in_at: arrived,
                out_at: None,
                destination: None,
                ready_to_move: None,
                rights: Default::default(),
            }],
        }
    }

    fn state_at(p: &Placement, local: &str) -> ClockState {
        clock(p, parse_time(local).unwrap()).unwrap().state
    }

    #[test]
    fn the_clock_runs_warns_from_twelve_hours_before_and_then_is_overdue() {
        let p = placement("2026-03-01 02:40");
        let c = clock(&p, parse_time("2026-03-01 03:40").unwrap()).unwrap();
        assert_eq!(crate::clock::to_local_text(c.deadline), "2026-03-03 02:40");
        assert_eq!(c.minutes_left, 47 * 60);
        assert_eq!(state_at(&p, "2026-03-02 14:39"), ClockState::Running);
        assert_eq!(state_at(&p, "2026-03-02 14:40"), ClockState::Warning);
        assert_eq!(state_at(&p, "2026-03-03 02:40"), ClockState::Warning);
        assert_eq!(state_at(&p, "2026-03-03 02:41"), ClockState::Overdue);
    }

    #[test]
    fn across_the_spring_change_the_deadline_is_an_hour_later_on_the_wall_clock() {
        // Clocks go forward at 02:00 on Sunday 29 March 2026: 48 real hours from Saturday 22:00
        // end on Monday at 23:00 summer time, and the warning starts at 11:00.
        let p = placement("2026-03-28 22:00");
        let c = clock(&p, parse_time("2026-03-28 22:00").unwrap()).unwrap();
        assert_eq!(crate::clock::to_local_text(c.deadline), "2026-03-30 23:00");
        assert_eq!(state_at(&p, "2026-03-30 10:59"), ClockState::Running);
        assert_eq!(state_at(&p, "2026-03-30 11:00"), ClockState::Warning);
        assert_eq!(state_at(&p, "2026-03-30 23:01"), ClockState::Overdue);
    }

    #[test]
    fn across_the_autumn_change_the_deadline_is_an_hour_earlier_on_the_wall_clock() {
        // Clocks go back at 03:00 on Sunday 25 October 2026.
        let p = placement("2026-10-24 22:00");
        let c = clock(&p, parse_time("2026-10-24 22:00").unwrap()).unwrap();
        assert_eq!(crate::clock::to_local_text(c.deadline), "2026-10-26 21:00");
        assert_eq!(state_at(&p, "2026-10-26 08:59"), ClockState::Running);
        assert_eq!(state_at(&p, "2026-10-26 09:00"), ClockState::Warning);
        assert_eq!(state_at(&p, "2026-10-26 21:01"), ClockState::Overdue);
    }

    #[test]
    fn a_decision_or_everyone_moving_out_stops_the_clock() {
        let mut p = placement("2026-03-01 02:40");
        p.rve.decision = Some(RveDecision::ContinuedHere);
        assert_eq!(state_at(&p, "2026-03-05 00:00"), ClockState::Stopped);
        let mut p = placement("2026-03-01 02:40");
        p.stays[0].out_at = Some(parse_time("2026-03-02 10:00").unwrap());
        assert_eq!(state_at(&p, "2026-03-05 00:00"), ClockState::Stopped);
        assert_eq!(state_at(&p, "2026-03-01 12:00"), ClockState::Running);
        let mut not_acute = placement("2026-03-01 02:40");
        not_acute.acute = false;
        assert_eq!(clock(&not_acute, parse_time("2026-03-01 03:00").unwrap()), None);
    }
}
