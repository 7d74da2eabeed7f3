//! The children's rights of a period, for the kvalitetsbilaga: of the children with a night in
//! it, how many had their own decision (each child is an insats since the 2024 reform), and how
//! many had school arranged, a health examination offered and their own conversation held, and
//! how many stayed beyond two weeks without all three arranged within them. A child counts once
//! however many stays; a right counts when it was arranged on any of the child's stays by the
//! period's last day.

use super::Span;
use super::export::{Cell, Table};
use crate::clock;
use crate::msg;
use crate::placements::rights::WITHIN_DAYS;
use crate::placements::{ChildRights, Stay};
use crate::text::{Lang, Message};
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ChildrenRights {
    /// Different children with a night in the period.
    pub children: u32,
    /// Of them, with their own decision reference.
    pub with_decision: u32,
    pub school: u32,
    pub health_offered: u32,
    pub own_conversation: u32,
    /// Children who stayed more than two weeks (by the period's last day) without all three
    /// arranged within the first two weeks.
    pub not_within_14_days: u32,
}

#[derive(Default)]
struct Child {
    decision: bool,
    school: bool,
    health: bool,
    conversation: bool,
    late: bool,
}

/// The figures of `stays` (children's stays with a night in `span`), as the records stand at
/// `now`.
pub fn figures(stays: &[&Stay], span: Span, now: DateTime<Utc>) -> ChildrenRights {
    let last = span.to.min(clock::swedish_date(now));
    let by_day = |d: Option<chrono::NaiveDate>| d.is_some_and(|d| d <= last);
    let mut children: BTreeMap<&str, Child> = BTreeMap::new();
    for s in stays {
        let c = children.entry(&s.person).or_default();
        let ChildRights {
            school_from,
            health_offered_on,
            own_conversation_on,
        } = s.rights;
        c.decision |= !s.decision_reference.trim().is_empty();
        c.school |= by_day(school_from);
        c.health |= by_day(health_offered_on);
        c.conversation |= by_day(own_conversation_on);
        let moved_in = clock::swedish_date(s.in_at);
        let deadline = moved_in + Duration::days(WITHIN_DAYS);
        let stayed_until = s.out_at.map_or(last, |out| clock::swedish_date(out).min(last));
        c.late |= stayed_until > deadline && !s.rights.all_by(deadline);
    }
    let count = |f: fn(&Child) -> bool| children.values().filter(|c| f(c)).count() as u32;
    ChildrenRights {
        children: children.len() as u32,
        with_decision: count(|c| c.decision),
        school: count(|c| c.school),
        health_offered: count(|c| c.health),
        own_conversation: count(|c| c.conversation),
        not_within_14_days: count(|c| c.late),
    }
}

/// One table: each figure a count of children (suppressed when small, as all such).
pub fn tables(r: &ChildrenRights, suppress: bool, lang: Lang) -> Vec<Table> {
    let text = |m: Message| m.render(lang);
    let kv = |label: Message, n: u32| vec![Cell::Text(text(label)), Cell::People(n)];
    vec![Table {
        name: "barnens_rattigheter",
        title: text(msg!("label.children_rights.title")),
        columns: vec![
            text(msg!("label.statistics.measure")),
            text(msg!("label.statistics.value")),
        ],
        rows: vec![
            kv(msg!("label.children_rights.children"), r.children),
            kv(msg!("label.children_rights.with_decision"), r.with_decision),
            kv(msg!("label.children_rights.school"), r.school),
            kv(msg!("label.children_rights.health_offered"), r.health_offered),
            kv(msg!("label.children_rights.own_conversation"), r.own_conversation),
            kv(msg!("label.children_rights.not_within_14_days"), r.not_within_14_days),
        ],
        suppress,
    }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::parse_time;
    use crate::placements::Category;

    fn stay(person: &str, reference: &str, in_at: &str, out_at: Option<&str>, rights: [Option<&str>; 3]) -> Stay {
        let day = |d: Option<&str>| d.map(|d| d.parse().unwrap());
        Stay {
            person: person.into(),
            category: Category::Child,
            decision_reference: reference.into(),
            in_at: parse_time(in_at).unwrap(),
            out_at: out_at.map(|t| parse_time(t).unwrap()),
            destination: None,
            ready_to_move: None,
            rights: ChildRights {
                school_from: day(rights[0]),
                health_offered_on: day(rights[1]),
                own_conversation_on: day(rights[2]),
            },
        }
    }

    /// Four children in March 2026, counted by hand:
    /// - C1 (decision), all three within a week: counts for each, not late;
    /// - C2 (decision), school on day 20, the rest on day 3: late (school after two weeks);
    /// - C3 (no decision), stayed 10 days, nothing arranged: not late (left within two weeks);
    /// - C4 (decision) two stays: the first gave the conversation, the second (still there on
    ///   31 March, 20 days) nothing else: counts once, with the conversation, and late.
    #[test]
    fn four_children_counted_by_hand() {
        let stays = [
            stay(
                "C1",
                "BoU 1",
                "2026-03-01T10:00",
                None,
                [Some("2026-03-02"), Some("2026-03-05"), Some("2026-03-07")],
            ),
            stay(
                "C2",
                "BoU 2",
                "2026-03-01T10:00",
                None,
                [Some("2026-03-21"), Some("2026-03-04"), Some("2026-03-04")],
            ),
            stay(
                "C3",
                "",
                "2026-03-01T10:00",
                Some("2026-03-11T10:00"),
                [None, None, None],
            ),
            stay(
                "C4",
                "BoU 4",
                "2026-03-01T10:00",
                Some("2026-03-05T10:00"),
                [None, None, Some("2026-03-02")],
            ),
            stay("C4", "BoU 4", "2026-03-11T10:00", None, [None, None, None]),
        ];
        let span = Span {
            from: "2026-03-01".parse().unwrap(),
            to: "2026-03-31".parse().unwrap(),
        };
        let now = parse_time("2026-06-01T10:00").unwrap();
        let refs: Vec<&Stay> = stays.iter().collect();
        let r = figures(&refs, span, now);
        assert_eq!(
            r,
            ChildrenRights {
                children: 4,
                with_decision: 3,
                school: 2,
                health_offered: 2,
                own_conversation: 3,
                not_within_14_days: 2,
            }
        );
        // Read on 16 March, C2's school (21 March) is not arranged yet, and only C2 is late (her
        // two weeks ended on 15 March; C4's second stay's end on 25 March).
        let r = figures(&refs, span, parse_time("2026-03-16T10:00").unwrap());
        assert_eq!((r.school, r.not_within_14_days), (1, 1));
    }
}
