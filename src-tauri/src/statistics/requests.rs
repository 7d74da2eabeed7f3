//! The requests for a place of a period, and their tables: how many, by outcome and by who
//! asked, how many adults and children were refused and why. A referral is counted apart from a
//! refusal (they were helped elsewhere); a request still being decided counts in the total only.

use super::export::{Cell, Table};
use crate::msg;
use crate::requests::{Asker, Outcome, Reason, Request};
use crate::text::{Lang, Message};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Requests {
    pub total: u32,
    pub adults: u32,
    pub children: u32,
    pub placed: u32,
    pub refused: u32,
    pub referred: u32,
    pub withdrawn: u32,
    /// Requests without an outcome yet.
    pub pending: u32,
    pub refused_adults: u32,
    pub refused_children: u32,
    /// Refused requests by their reason: every reason, 0 where none.
    pub refused_by_reason: BTreeMap<Reason, u32>,
    /// Every request by who asked: every asker, 0 where none.
    pub by_from: BTreeMap<Asker, u32>,
    /// Refused requests per hundred decided (placed, refused or referred), to one decimal; none
    /// when none was decided.
    pub refused_percent: Option<f64>,
}

/// The figures of `requests` (the period's).
pub fn figures(requests: &[Request]) -> Requests {
    let mut f = Requests {
        refused_by_reason: Reason::ALL.iter().map(|r| (*r, 0)).collect(),
        by_from: Asker::ALL.iter().map(|a| (*a, 0)).collect(),
        ..Requests::default()
    };
    for r in requests {
        f.total += 1;
        f.adults += r.adults;
        f.children += r.children;
        *f.by_from.entry(r.from).or_default() += 1;
        match r.outcome {
            None => f.pending += 1,
            Some(Outcome::Placed) => f.placed += 1,
            Some(Outcome::Referred) => f.referred += 1,
            Some(Outcome::Withdrawn) => f.withdrawn += 1,
            Some(Outcome::Refused) => {
                f.refused += 1;
                f.refused_adults += r.adults;
                f.refused_children += r.children;
                if let Some(reason) = r.reason {
                    *f.refused_by_reason.entry(reason).or_default() += 1;
                }
            }
        }
    }
    let decided = f.placed + f.refused + f.referred;
    f.refused_percent = (decided > 0).then(|| (f64::from(f.refused) * 1000.0 / f64::from(decided)).round() / 10.0);
    f
}

/// The requests' tables, as the yearly report's other tables.
pub fn tables(f: &Requests, suppress: bool, lang: Lang) -> Vec<Table> {
    let text = |m: Message| m.render(lang);
    let kv = |label: Message, cell: Cell| vec![Cell::Text(text(label)), cell];
    let number = |n: u32| Cell::Number(f64::from(n));
    vec![
        Table {
            name: "forfragningar",
            title: text(msg!("label.requests.title")),
            columns: vec![
                text(msg!("label.statistics.measure")),
                text(msg!("label.statistics.value")),
            ],
            rows: vec![
                kv(msg!("label.requests.total"), number(f.total)),
                kv(msg!("label.requests.placed"), number(f.placed)),
                kv(msg!("label.requests.refused"), number(f.refused)),
                kv(msg!("label.requests.refused_adults"), Cell::People(f.refused_adults)),
                kv(
                    msg!("label.requests.refused_children"),
                    Cell::People(f.refused_children),
                ),
                kv(msg!("label.requests.referred"), number(f.referred)),
                kv(msg!("label.requests.withdrawn"), number(f.withdrawn)),
                kv(msg!("label.requests.pending"), number(f.pending)),
                kv(
                    msg!("label.requests.refused_percent"),
                    f.refused_percent.map_or(Cell::Text("–".into()), Cell::Number),
                ),
            ],
            suppress,
        },
        Table {
            name: "nekade_skal",
            title: text(msg!("label.requests.by_reason")),
            columns: vec![
                text(msg!("label.requests.reason")),
                text(msg!("label.statistics.count")),
            ],
            rows: f
                .refused_by_reason
                .iter()
                .map(|(r, n)| vec![Cell::Text(r.label_in(lang).to_owned()), number(*n)])
                .collect(),
            suppress,
        },
        Table {
            name: "forfragningar_fran",
            title: text(msg!("label.requests.by_from")),
            columns: vec![text(msg!("label.requests.from")), text(msg!("label.statistics.count"))],
            rows: f
                .by_from
                .iter()
                .map(|(a, n)| vec![Cell::Text(a.label_in(lang).to_owned()), number(*n)])
                .collect(),
            suppress,
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(from: Asker, adults: u32, children: u32, outcome: Option<Outcome>, reason: Option<Reason>) -> Request {
        Request {
            date: "2026-03-01".parse().unwrap(),
            from,
            adults,
            children,
            outcome,
            reason,
            referred_to: String::new(),
            placement: None,
            note: String::new(),
            struck: None,
        }
    }

    /// Six requests counted by hand: one placed, three refused (two full, one for a teenage son:
    /// 3 adults and 4 children), one referred, one not decided. Decided: 5, refused 3 = 60.0 %.
    #[test]
    fn six_requests_counted_by_hand() {
        use Asker::*;
        use Outcome::*;
        use Reason::*;
        let f = figures(&[
            r(SocialServices, 1, 2, Some(Placed), None),
            r(SocialServices, 1, 2, Some(Refused), Some(Full)),
            r(Police, 1, 0, Some(Refused), Some(Full)),
            r(Themselves, 1, 2, Some(Refused), Some(TeenageSon)),
            r(OtherShelter, 1, 0, Some(Referred), Some(Security)),
            r(Themselves, 1, 1, None, None),
        ]);
        assert_eq!((f.total, f.adults, f.children), (6, 6, 7));
        assert_eq!(
            (f.placed, f.refused, f.referred, f.withdrawn, f.pending),
            (1, 3, 1, 0, 1)
        );
        assert_eq!((f.refused_adults, f.refused_children), (3, 4));
        assert_eq!((f.refused_by_reason[&Full], f.refused_by_reason[&TeenageSon]), (2, 1));
        assert_eq!(
            f.refused_by_reason[&Security], 0,
            "a referral's reason is not a refusal's"
        );
        assert_eq!(
            (
                f.by_from[&SocialServices],
                f.by_from[&Themselves],
                f.by_from[&Asker::Other]
            ),
            (2, 2, 0)
        );
        assert_eq!(f.refused_percent, Some(60.0));
        let json = serde_json::to_value(&f).unwrap();
        assert_eq!(json["refused_by_reason"]["tonarsson"], 1);
        assert_eq!(json["by_from"]["socialtjansten"], 2);
        let shown = tables(&f, true, Lang::Sv)[0].shown();
        assert_eq!(shown.rows[0][1], "6");
        assert_eq!(shown.rows[3][1], "3", "three adults refused: not suppressed");
        assert_eq!(figures(&[]).refused_percent, None);
    }
}
